package prefdyn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apfloat.Apfloat;
import org.apfloat.Aprational;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import prefdyn.dynamics.DpoStability;
import prefdyn.dynamics.FixedPoints;
import prefdyn.dynamics.LogitPolicy;
import prefdyn.dynamics.MrsMap;
import prefdyn.dynamics.MrsParameters;
import prefdyn.dynamics.Stability;
import prefdyn.dynamics.ThreeCycleFamily;
import prefdyn.num.Ball;
import prefdyn.num.Complex;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.plot.Plots;
import prefdyn.plot.StabilityPlot;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.verified.BallMatrix;
import prefdyn.verified.ComplexBall;
import prefdyn.verified.Eigen;

/**
 * {@code prefdyn stability}: the fixed point of the MRS-IPO map reached from --init (or uniform
 * when that is a fixed point), the K-1 eigenvalues of the Jacobian on the centered space (Helmert
 * basis of 1^⊥), the spectral radius and T7's contraction constant. JSON keys of docs/cli.md, plus
 * {@code fixedPointLogits}, {@code fixedPointSource} ("iteration", "uniform" or "newton"),
 * {@code iterationRounds}, {@code newtonAgreement} (||Π(θ_iteration - θ_newton)|| when both
 * converged) and {@code basis}.
 */
@Command(name = "stability",
    header = "Fixed point, Jacobian eigenvalues, spectral radius and contraction constant of the MRS map.", mixinStandardHelpOptions = true,
    description = {
        "Fixed point, Jacobian eigenvalues on the centered space, spectral radius and the contraction constant"
            + " L = alpha + (beta lambda/2)||P - 11^T/2||_2 of the MRS-IPO map.",
        "With --method dpo: the MRS-DPO round, its Jacobian by the implicit function theorem (differentiating the"
            + " DPO first-order condition), certified eigenvalues and spectral radius; no global contraction constant.",
        "The two betas differ: for ipo, beta is a STRENGTH (log pi* = log pi_ref + beta P mu: larger beta, stronger"
            + " update); for dpo, beta is the DPO KL WEIGHT (sigma(beta (r_y - r_y')): larger beta, weaker update)."
            + " Near uniform, DPO at beta_D moves like IPO at beta = 4/beta_D: on the 3-cycle P_a the eigenvalues are"
            + " alpha +- i a beta lambda/sqrt3 (ipo) and alpha +- i 4 a lambda/(sqrt3 beta_D) (dpo)."})
public final class StabilityCommand implements Callable<Integer> {
  /** Printed when no certificate was obtained (the reason follows). */
  static final String APPROXIMATE = "approximate values (fixed point by iteration, eigenvalues by QR at --digits);"
      + " not certified by enclosures";

  /** Printed when the values come from enclosures. */
  static final String CERTIFIED = "certified values: fixed point enclosed by the Krawczyk test, eigenvalues and spectral"
      + " radius enclosed on the tangent space, contraction constant enclosed; only certified digits are printed";

  /** Enclosures at the fixed point: the policy, the K-1 eigenvalues on 1^perp and the spectral radius. */
  record Enclosed(Ball[] policy, Ball[] logits, List<ComplexBall> eigenvalues, Ball rho, Ball contraction) {}

  /** Either the enclosures or why they were not obtained. */
  record Attempt(@Nullable Enclosed enclosed, String failure) {}

  /** Certifies the fixed point near {@code approx} and encloses the eigenvalues on its box. */
  static Attempt enclose(MrsParameters params, Apfloat[] approx, Precision precision) {
    try {
      int prec = precision.bits();
      MrsMap map = new MrsMap(params, precision);
      FixedPoints.Certified c = FixedPoints.certify(map, approx, prec);
      if (!c.ok()) {
        return new Attempt(null, c.failure());
      }
      Ball[] box = c.box();
      Eigen.Enclosure e = Eigen.encloseOnTangent(BallMatrix.of(map.centeredJacobian(box, prec)), prec);
      if (!e.certified()) {
        return new Attempt(null, "eigenvalues not enclosed: " + e.failure());
      }
      Ball l = Stability.contractionEnclosure(params, prec).value();
      return new Attempt(new Enclosed(MrsMap.policy(box, prec), box, e.eigenvalues(), e.rho(), l), "");
    } catch (RuntimeException ex) {
      return new Attempt(null, "enclosure failed: " + ex.getMessage());
    }
  }

  /** {@link #enclose} at the requested digits, retried once at doubled digits when too wide. */
  static Attempt certify(MrsParameters params, Apfloat[] approx, Precision precision) {
    Attempt a = enclose(params, approx, precision);
    Enclosed e = a.enclosed();
    if (e != null && e.rho().certifiedDigits() >= precision.digits()) {
      return a;
    }
    Precision twice = Precision.ofDigits(Math.min(Precision.MAX_DIGITS, 2 * precision.digits()));
    Apfloat[] better = approx;
    try {
      FixedPoints.Result nt = FixedPoints.newton(new MrsMap(params, twice), approx, 60);
      if (nt.converged()) {
        better = nt.logits();
      }
    } catch (RuntimeException ex) {
      // keep approx
    }
    Attempt b = enclose(params, better, twice);
    Enclosed f = b.enclosed();
    if (f != null) {
      return b;
    }
    return e != null ? a : b;
  }

  @Mixin Common common = new Common();

  @Mixin MrsOptions mrs = new MrsOptions();


  @Option(names = "--method", defaultValue = "ipo", paramLabel = "ipo|dpo",
      description = "Round optimizer (default: ${DEFAULT-VALUE}). ipo: beta is a strength; dpo: beta is the DPO KL weight.")
  String method = "ipo";

  @Option(names = "--max-rounds", defaultValue = "5000", paramLabel = "N", description = "Iteration budget for the fixed point (default: ${DEFAULT-VALUE}).")
  long maxRounds = 5000;

  @Option(names = "--plot", paramLabel = "FILE", description = "Write a picture (.png): for the 3-cycle family the (alpha, a beta lambda) stability diagram, else the eigenvalues and the unit circle.")
  @Nullable String plot;

  @Spec @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  CommandSpec spec;

  @Override
  public Integer call() {
    Precision precision = common.precision();
    PreferenceMatrix p = mrs.matrix();
    MrsParameters params = mrs.parameters(p, method);
    Distribution start = mrs.start(p);
    if (maxRounds < 1) {
      throw new BadInput("--max-rounds must be >= 1, got " + maxRounds);
    }
    if (params.method() == MrsParameters.Method.DPO) {
      if (plot != null) {
        throw new BadInput("--plot is only available for --method ipo");
      }
      return callDpo(params, start, precision);
    }
    @Nullable Path plotPath = plot == null ? null : Plots.requirePng(plot, "--plot");
    if (plotPath != null) {
      OutDirs.probeWritableFile(plotPath, "--plot");
    }
    Stability.Report r;
    try {
      r = Stability.analyze(params, start, precision, maxRounds);
    } catch (ArithmeticException e) {
      throw new BadInput(String.valueOf(e.getMessage()));
    }
    Attempt attempt = params.alpha().compareTo(Rationals.ONE) < 0
        ? certify(params, r.fixedPoint(), precision)
        : new Attempt(null, "alpha = 1: the fixed-point certificate (Krawczyk test) is only attempted for alpha < 1");
    Enclosed enc = attempt.enclosed();
    Optional<Aprational> a = ThreeCycleFamily.strength(p);
    if (plotPath != null) {
      StabilityPlot.write(plotPath, params, a, Stability.toDoubles(r.eigenvalues()));
    }
    PrintWriter out = spec.commandLine().getOut();
    if (enc != null) {
      return printCertified(out, enc, r, precision, plotPath);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    Apfloat[] pi = LogitPolicy.policy(r.fixedPoint(), precision);
    List<String> fp = new ArrayList<>();
    for (Apfloat x : pi) {
      fp.add(precision.format(x));
    }
    json.put("fixedPoint", fp);
    // eigenvalues carry an absolute error (backward stable QR): printed to 10^-digits·ρ
    List<Complex> zs = r.eigenvalues();
    Apfloat[] parts = new Apfloat[2 * zs.size()];
    for (int i = 0; i < zs.size(); i++) {
      parts[2 * i] = zs.get(i).re();
      parts[2 * i + 1] = zs.get(i).im();
    }
    List<String> printed = precision.formatAbsolute(parts, r.spectralRadius());
    List<Map<String, String>> eig = new ArrayList<>();
    for (int i = 0; i < zs.size(); i++) {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("re", printed.get(2 * i));
      m.put("im", printed.get(2 * i + 1));
      eig.add(m);
    }
    json.put("eigenvalues", eig);
    json.put("spectralRadius", precision.format(r.spectralRadius()));
    json.put("contractionConstant", precision.format(r.contractionConstant()));
    json.put("contraction", r.contractionConstant().compareTo(precision.real(1)) < 0);
    json.put("locallyStable", r.spectralRadius().compareTo(precision.real(1)) < 0);
    json.put("fixedPointLogits", precision.formatAbsolute(r.fixedPoint(), new Apfloat(1)));
    json.put("fixedPointSource", r.source());
    json.put("iterationRounds", r.iteration().steps());
    json.put("iterationConverged", r.iteration().converged());
    Apfloat agreement = r.agreement();
    json.put("newtonAgreement", agreement == null ? "n/a" : precision.format(agreement));
    json.put("basis", "Helmert orthonormal basis of the centered space 1^perp");
    // not yet from enclosures: the numbers are approximate and say so (no verdict words)
    json.put("certified", false);
    json.put("note", APPROXIMATE);
    json.put("reason", attempt.failure());
    if (common.json()) {
      Output.printJson(out, json);
      return 0;
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("fixed point", String.join(", ", fp) + "  (" + r.source() + ")"));
    for (Map<String, String> m : eig) {
      String re = String.valueOf(m.get("re"));
      String im = String.valueOf(m.get("im"));
      rows.add(List.of("eigenvalue", re + "  " + (im.startsWith("-") ? "- " + im.substring(1) : "+ " + im) + " i"));
    }
    rows.add(List.of("spectral radius", String.valueOf(json.get("spectralRadius")) + "  (approximate)"));
    rows.add(List.of("contraction constant L", String.valueOf(json.get("contractionConstant")) + "  (approximate)"));
    rows.add(List.of("iteration vs Newton", String.valueOf(json.get("newtonAgreement"))));
    out.print(Output.table(List.of("quantity", "value"), rows));
    out.println(APPROXIMATE);
    out.println("reason: " + attempt.failure());
    if (plotPath != null) {
      out.println("picture: " + plotPath);
    }
    out.flush();
    return 0;
  }

  /** The fixed point as printed and its certified digits per entry. */
  private record FixedPointText(List<String> fp, List<Integer> fpDigits) {}

  /**
   * Puts the certified fixed point, eigenvalues and spectral radius ({@code d} digits, each with
   * its certified digits) into {@code json} (shared by the IPO and DPO answers).
   */
  private static FixedPointText putEnclosures(Map<String, @Nullable Object> json, Ball[] policy, List<ComplexBall> eigenvalues,
      Ball rho, int d) {
    List<String> fp = new ArrayList<>();
    List<Integer> fpDigits = new ArrayList<>();
    for (Ball x : policy) {
      fp.add(x.format(d));
      fpDigits.add(Math.min(d, x.certifiedDigits()));
    }
    json.put("fixedPoint", fp);
    List<Map<String, Object>> eig = new ArrayList<>();
    for (ComplexBall z : eigenvalues) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("re", z.re().format(d));
      m.put("im", z.im().format(d));
      m.put("reCertifiedDigits", Math.min(d, z.re().certifiedDigits()));
      m.put("imCertifiedDigits", Math.min(d, z.im().certifiedDigits()));
      eig.add(m);
    }
    json.put("eigenvalues", eig);
    json.put("spectralRadius", rho.format(d));
    return new FixedPointText(fp, fpDigits);
  }

  private int printCertified(PrintWriter out, Enclosed enc, Stability.Report r, Precision precision, @Nullable Path plotPath) {
    int d = precision.digits();
    Map<String, @Nullable Object> json = new LinkedHashMap<>();
    FixedPointText text = putEnclosures(json, enc.policy(), enc.eigenvalues(), enc.rho(), d);
    List<String> fp = text.fp();
    List<Integer> fpDigits = text.fpDigits();
    json.put("contractionConstant", enc.contraction().format(d));
    Ball one = Ball.ONE;
    int prec = precision.bits();
    // The contract's booleans say what is certified: true only when the enclosure lies below 1.
    // When it straddles 1 they are false and the extension keys "...Decided" say so.
    Ball lm1 = enc.contraction().sub(one, prec);
    Ball rm1 = enc.rho().sub(one, prec);
    json.put("contraction", lm1.isNegative());
    json.put("locallyStable", rm1.isNegative());
    json.put("contractionDecided", lm1.isNegative() || lm1.isNonNegative());
    json.put("locallyStableDecided", rm1.isNegative() || rm1.isNonNegative());
    List<String> logits = new ArrayList<>();
    for (Ball x : enc.logits()) {
      logits.add(x.format(d));
    }
    json.put("fixedPointLogits", logits);
    json.put("fixedPointSource", r.source());
    json.put("iterationRounds", r.iteration().steps());
    json.put("iterationConverged", r.iteration().converged());
    Apfloat agreement = r.agreement();
    json.put("newtonAgreement", agreement == null ? "n/a" : precision.format(agreement));
    json.put("basis", "tangent space 1^perp (exact basis e_i - e_K; same eigenvalues as the Helmert basis)");
    json.put("certified", true);
    Map<String, Object> digits = new LinkedHashMap<>();
    digits.put("fixedPoint", fpDigits);
    digits.put("spectralRadius", Math.min(d, enc.rho().certifiedDigits()));
    digits.put("contractionConstant", Math.min(d, enc.contraction().certifiedDigits()));
    json.put("certifiedDigits", digits);
    json.put("note", CERTIFIED);
    if (common.json()) {
      Output.printJson(out, json);
      return 0;
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("fixed point", String.join(", ", fp) + "  (certified)"));
    for (ComplexBall z : enc.eigenvalues()) {
      rows.add(List.of("eigenvalue", z.format(d) + "  (certified)"));
    }
    rows.add(List.of("spectral radius", String.valueOf(json.get("spectralRadius")) + "  (certified)"));
    rows.add(List.of("contraction constant L", String.valueOf(json.get("contractionConstant")) + "  (certified)"));
    rows.add(List.of("iteration vs Newton", String.valueOf(json.get("newtonAgreement"))));
    out.print(Output.table(List.of("quantity", "value"), rows));
    out.println(CERTIFIED);
    if (plotPath != null) {
      out.println("picture: " + plotPath);
    }
    out.flush();
    return 0;
  }

  /** Printed for --method dpo with a certificate. */
  static final String CERTIFIED_DPO = "certified values: MRS-DPO fixed point (exact uniform, or enclosed by the Krawczyk"
      + " test), Jacobian by the implicit function theorem enclosed on the fixed point's box, eigenvalues and spectral"
      + " radius enclosed on the tangent space; only certified digits are printed; no global contraction constant for DPO";

  /** The conventions, printed with every DPO answer. */
  static final String BETA_CONVENTION = "dpo: beta is the DPO KL weight (larger beta, weaker update);"
      + " ipo: beta is a strength. Near uniform DPO at beta_D moves like IPO at beta = 4/beta_D";

  private int callDpo(MrsParameters params, Distribution start, Precision precision) {
    DpoStability.Attempt at = DpoStability.analyze(params, start, precision, maxRounds);
    DpoStability.Enclosed enc = at.enclosed();
    if (enc == null && (at.failure().startsWith("alpha = 1") || at.failure().startsWith("no fixed point"))) {
      throw new BadInput(at.failure());
    }
    PrintWriter out = spec.commandLine().getOut();
    int d = precision.digits();
    int prec = precision.bits();
    Map<String, @Nullable Object> json = new LinkedHashMap<>();
    json.put("method", "dpo");
    if (enc == null) {
      json.put("fixedPoint", null);
      json.put("eigenvalues", List.of());
      json.put("spectralRadius", null);
      json.put("contractionConstant", null);
      json.put("contraction", false);
      json.put("locallyStable", false);
      json.put("contractionDecided", false);
      json.put("locallyStableDecided", false);
      json.put("certified", false);
      json.put("reason", at.failure());
      json.put("betaConvention", BETA_CONVENTION);
      if (common.json()) {
        Output.printJson(out, json);
      } else {
        out.println("MRS-DPO stability not certified: " + at.failure());
        out.println(BETA_CONVENTION);
      }
      out.flush();
      return 0;
    }
    FixedPointText text = putEnclosures(json, enc.policy(), enc.eigenvalues(), enc.rho(), d);
    List<String> fp = text.fp();
    List<Integer> fpDigits = text.fpDigits();
    json.put("contractionConstant", null);
    Ball rm1 = enc.rho().sub(Ball.ONE, prec);
    json.put("contraction", false);
    json.put("locallyStable", rm1.isNegative());
    json.put("contractionDecided", false);
    json.put("locallyStableDecided", rm1.isNegative() || rm1.isNonNegative());
    List<String> logits = new ArrayList<>();
    for (Ball x : enc.logits()) {
      logits.add(x.format(d));
    }
    json.put("fixedPointLogits", logits);
    json.put("fixedPointSource", enc.source());
    json.put("iterationRounds", enc.rounds());
    json.put("basis", "tangent space 1^perp (exact basis e_i - e_K; same eigenvalues as the Helmert basis)");
    Optional<Aprational> a = ThreeCycleFamily.strength(params.pref());
    if (a.isPresent() && enc.source().equals("uniform")) {
      Ball rho = Ball.of(ThreeCycleFamily.dpoRhoSquared(a.get(), params.alpha(), params.lambda(), params.beta()), prec).sqrt(prec);
      json.put("closedFormSpectralRadius", rho.format(d));
      json.put("closedForm", "alpha +- i 4 a lambda/(sqrt3 beta) (3-cycle at uniform, proofs-notes/MRS-DPO.md)");
    }
    json.put("certified", true);
    Map<String, Object> digits = new LinkedHashMap<>();
    digits.put("fixedPoint", fpDigits);
    digits.put("spectralRadius", Math.min(d, enc.rho().certifiedDigits()));
    json.put("certifiedDigits", digits);
    json.put("note", CERTIFIED_DPO);
    json.put("betaConvention", BETA_CONVENTION);
    if (common.json()) {
      Output.printJson(out, json);
      return 0;
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("fixed point", String.join(", ", fp) + "  (certified, " + enc.source() + ")"));
    for (ComplexBall z : enc.eigenvalues()) {
      rows.add(List.of("eigenvalue", z.format(d) + "  (certified)"));
    }
    rows.add(List.of("spectral radius", enc.rho().format(d) + "  (certified)"));
    if (json.containsKey("closedFormSpectralRadius")) {
      rows.add(List.of("closed form rho", String.valueOf(json.get("closedFormSpectralRadius"))
          + "  (sqrt(alpha^2 + 16 a^2 lambda^2/(3 beta^2)))"));
    }
    rows.add(List.of("contraction constant L", "none for DPO (T7 is the IPO map's)"));
    out.print(Output.table(List.of("quantity", "value"), rows));
    out.println(CERTIFIED_DPO);
    out.println(BETA_CONVENTION);
    out.flush();
    return 0;
  }
}
