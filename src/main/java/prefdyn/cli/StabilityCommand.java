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
import picocli.CommandLine.Option;
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
import prefdyn.num.PrecisionLadder;
import prefdyn.num.Rationals;
import prefdyn.plot.Plots;
import prefdyn.plot.StabilityPlot;
import prefdyn.pref.Distribution;
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
    header = "Fixed point, Jacobian eigenvalues, spectral radius and contraction constant of the MRS map.", mixinStandardHelpOptions = true)
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

  /**
   * {@link #enclose} on the precision ladder ({@link PrecisionLadder}): at the requested digits,
   * and when the spectral radius is not certified to all of them, once more at doubled digits
   * (the cap), from the fixed point refined by Newton's method there. The answer is the last
   * attempt that gave enclosures (the doubled one if it did), else the last attempt's failure.
   */
  static Attempt certify(MrsParameters params, Apfloat[] approx, Precision precision) {
    int d = precision.digits();
    List<Attempt> tried = new ArrayList<>();
    new PrecisionLadder(Math.min(Precision.MAX_DIGITS, 2 * d)).climb(precision, q -> {
      Attempt t = enclose(params, q.digits() == d ? approx : refined(params, approx, q), q);
      tried.add(t);
      return t;
    }, t -> {
      Enclosed e = t.enclosed();
      return e != null && e.rho().certifiedDigits(d) >= d;
    });
    for (int i = tried.size() - 1; i >= 0; i--) {
      if (tried.get(i).enclosed() != null) {
        return tried.get(i);
      }
    }
    return tried.get(tried.size() - 1);
  }

  /** The fixed point refined by Newton's method at {@code q} (60 steps), or {@code approx} when that fails. */
  private static Apfloat[] refined(MrsParameters params, Apfloat[] approx, Precision q) {
    try {
      FixedPoints.Result nt = FixedPoints.newton(new MrsMap(params, q), approx, 60);
      return nt.converged() ? nt.logits() : approx;
    } catch (RuntimeException ex) {
      return approx;
    }
  }

  @Mixin Common common = new Common();

  @Mixin MrsOptions mrs = new MrsOptions();

  @Option(names = "--max-rounds", defaultValue = "5000", paramLabel = "N", description = "Iteration budget for the fixed point (default: ${DEFAULT-VALUE}).")
  long maxRounds = 5000;

  @Option(names = "--plot", paramLabel = "FILE", description = "Write a picture (.png): for the 3-cycle family the (alpha, a beta lambda) stability diagram, else the eigenvalues and the unit circle.")
  @Nullable String plot;

  @Override
  public Integer call() {
    Precision precision = common.precision();
    MrsOptions.Input in = mrs.read();
    MrsParameters params = in.params();
    if (maxRounds < 1) {
      throw new BadInput("--max-rounds must be >= 1, got " + maxRounds);
    }
    if (params.method() == MrsParameters.Method.DPO) {
      if (plot != null) {
        throw new BadInput("--plot is only available for --method ipo");
      }
      return callDpo(params, in.start(), precision);
    }
    @Nullable Path plotPath = plot == null ? null : Plots.requirePng(plot, "plot");
    if (plotPath != null) {
      OutDirs.probeWritableFile(plotPath, "--plot");
    }
    Stability.Report r;
    try {
      r = Stability.analyze(params, in.start(), precision, maxRounds);
    } catch (ArithmeticException e) {
      throw new BadInput(String.valueOf(e.getMessage()));
    }
    Attempt attempt = params.alpha().compareTo(Rationals.ONE) < 0
        ? certify(params, r.fixedPoint(), precision)
        : new Attempt(null, "alpha = 1: the fixed-point certificate (Krawczyk test) is only attempted for alpha < 1");
    Enclosed enc = attempt.enclosed();
    Optional<Aprational> a = ThreeCycleFamily.strength(in.matrix());
    if (plotPath != null) {
      Output.writeAtomically(plotPath, StabilityPlot.png(params, a, Stability.toDoubles(r.eigenvalues())));
    }
    if (enc != null) {
      return printCertified(enc, r, precision, plotPath);
    }
    Map<String, @Nullable Object> json = new LinkedHashMap<>();
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
    List<String> eigText = new ArrayList<>();
    for (int i = 0; i < zs.size(); i++) {
      Map<String, String> m = new LinkedHashMap<>();
      String re = printed.get(2 * i);
      String im = printed.get(2 * i + 1);
      m.put("re", re);
      m.put("im", im);
      eig.add(m);
      eigText.add(re + "  " + (im.startsWith("-") ? "- " + im.substring(1) : "+ " + im) + " i");
    }
    json.put("eigenvalues", eig);
    json.put("spectralRadius", precision.format(r.spectralRadius()));
    json.put("contractionConstant", precision.format(r.contractionConstant()));
    json.put("contraction", r.contractionConstant().compareTo(precision.real(1)) < 0);
    json.put("locallyStable", r.spectralRadius().compareTo(precision.real(1)) < 0);
    json.put("fixedPointLogits", precision.formatAbsolute(r.fixedPoint(), new Apfloat(1)));
    putIteration(json, r, precision, HELMERT);
    // not yet from enclosures: the numbers are approximate and say so (no verdict words)
    json.put("certified", false);
    json.put("note", APPROXIMATE);
    json.put("reason", attempt.failure());
    List<List<String>> rows = valueRows(String.join(", ", fp) + "  (" + r.source() + ")", eigText,
        json, "  (approximate)");
    return print(json, rows, List.of(APPROXIMATE, "reason: " + attempt.failure()), plotPath);
  }

  /** The basis of the approximate answer's eigenvalues. */
  static final String HELMERT = "Helmert orthonormal basis of the centered space 1^perp";

  /** The basis of the certified answers' eigenvalues. */
  static final String TANGENT = "tangent space 1^perp (exact basis e_i - e_K; same eigenvalues as the Helmert basis)";

  /** How the fixed point was found (IPO): source, rounds, convergence, Newton's agreement, and the basis. */
  private static void putIteration(Map<String, @Nullable Object> json, Stability.Report r, Precision precision, String basis) {
    json.put("fixedPointSource", r.source());
    json.put("iterationRounds", r.iteration().steps());
    json.put("iterationConverged", r.iteration().converged());
    Apfloat agreement = r.agreement();
    json.put("newtonAgreement", agreement == null ? "n/a" : precision.format(agreement));
    json.put("basis", basis);
  }

  /**
   * The IPO table: fixed point, eigenvalues (as given), spectral radius and contraction constant
   * (from {@code json}, each followed by {@code how}), iteration vs Newton.
   */
  private static List<List<String>> valueRows(String fixedPoint, List<String> eigenvalues, Map<String, @Nullable Object> json,
      String how) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("fixed point", fixedPoint));
    for (String z : eigenvalues) {
      rows.add(List.of("eigenvalue", z));
    }
    rows.add(List.of("spectral radius", json.get("spectralRadius") + how));
    rows.add(List.of("contraction constant L", json.get("contractionConstant") + how));
    rows.add(List.of("iteration vs Newton", String.valueOf(json.get("newtonAgreement"))));
    return rows;
  }

  /** Prints {@code json} (--json), or the table (if any rows), the notes and the picture's path. */
  private int print(Map<String, @Nullable Object> json, List<List<String>> rows, List<String> notes, @Nullable Path plotPath) {
    PrintWriter out = common.out();
    if (common.json()) {
      Output.printJson(out, json);
      return 0;
    }
    if (!rows.isEmpty()) {
      out.print(Output.table(List.of("quantity", "value"), rows));
    }
    for (String n : notes) {
      out.println(n);
    }
    if (plotPath != null) {
      out.println("picture: " + plotPath);
    }
    out.flush();
    return 0;
  }

  /**
   * Puts the certified answer into {@code json} (shared by the IPO and DPO answers): the fixed
   * point, eigenvalues and spectral radius ({@code d} digits), the contraction constant (null for
   * DPO), the verdict booleans, and the fixed point's logits. Returns the certified digits of the
   * fixed point's entries.
   */
  private static List<Integer> putEnclosures(Map<String, @Nullable Object> json, Ball[] policy, Ball[] logits,
      List<ComplexBall> eigenvalues, Ball rho, @Nullable Ball contraction, Precision precision) {
    int d = precision.digits();
    int prec = precision.bits();
    List<Integer> fpDigits = new ArrayList<>();
    for (Ball x : policy) {
      fpDigits.add(x.certifiedDigits(d));
    }
    json.put("fixedPoint", format(policy, d));
    List<Map<String, Object>> eig = new ArrayList<>();
    for (ComplexBall z : eigenvalues) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("re", z.re().format(d));
      m.put("im", z.im().format(d));
      m.put("reCertifiedDigits", z.re().certifiedDigits(d));
      m.put("imCertifiedDigits", z.im().certifiedDigits(d));
      eig.add(m);
    }
    json.put("eigenvalues", eig);
    json.put("spectralRadius", rho.format(d));
    json.put("contractionConstant", contraction == null ? null : contraction.format(d));
    // The contract's booleans say what is certified: true only when the enclosure lies below 1.
    // When it straddles 1 they are false and the extension keys "...Decided" say so.
    @Nullable Ball lm1 = contraction == null ? null : contraction.sub(Ball.ONE, prec);
    Ball rm1 = rho.sub(Ball.ONE, prec);
    json.put("contraction", lm1 != null && lm1.isNegative());
    json.put("locallyStable", rm1.isNegative());
    json.put("contractionDecided", lm1 != null && (lm1.isNegative() || lm1.isNonNegative()));
    json.put("locallyStableDecided", rm1.isNegative() || rm1.isNonNegative());
    json.put("fixedPointLogits", format(logits, d));
    return fpDigits;
  }

  private static List<String> format(Ball[] xs, int d) {
    List<String> out = new ArrayList<>();
    for (Ball x : xs) {
      out.add(x.format(d));
    }
    return out;
  }

  /** The certified eigenvalues as the tables print them. */
  private static List<String> certified(List<ComplexBall> zs, int d) {
    List<String> out = new ArrayList<>();
    for (ComplexBall z : zs) {
      out.add(z.format(d) + "  (certified)");
    }
    return out;
  }

  /** The certified digits of the fixed point and spectral radius (and of L when given). */
  private static Map<String, Object> certifiedDigits(List<Integer> fixedPoint, Ball rho, @Nullable Ball contraction, int d) {
    Map<String, Object> digits = new LinkedHashMap<>();
    digits.put("fixedPoint", fixedPoint);
    digits.put("spectralRadius", rho.certifiedDigits(d));
    if (contraction != null) {
      digits.put("contractionConstant", contraction.certifiedDigits(d));
    }
    return digits;
  }

  private int printCertified(Enclosed enc, Stability.Report r, Precision precision, @Nullable Path plotPath) {
    int d = precision.digits();
    Map<String, @Nullable Object> json = new LinkedHashMap<>();
    List<Integer> fpDigits = putEnclosures(json, enc.policy(), enc.logits(), enc.eigenvalues(), enc.rho(), enc.contraction(),
        precision);
    putIteration(json, r, precision, TANGENT);
    json.put("certified", true);
    json.put("certifiedDigits", certifiedDigits(fpDigits, enc.rho(), enc.contraction(), d));
    json.put("note", CERTIFIED);
    List<List<String>> rows = valueRows(String.join(", ", format(enc.policy(), d)) + "  (certified)",
        certified(enc.eigenvalues(), d), json, "  (certified)");
    return print(json, rows, List.of(CERTIFIED), plotPath);
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
    int d = precision.digits();
    int prec = precision.bits();
    Map<String, @Nullable Object> json = new LinkedHashMap<>();
    json.put("method", "dpo");
    if (enc == null) {
      for (String key : List.of("fixedPoint", "eigenvalues", "spectralRadius", "contractionConstant")) {
        json.put(key, key.equals("eigenvalues") ? List.of() : null);
      }
      for (String key : List.of("contraction", "locallyStable", "contractionDecided", "locallyStableDecided", "certified")) {
        json.put(key, false);
      }
      json.put("reason", at.failure());
      json.put("betaConvention", BETA_CONVENTION);
      return print(json, List.of(), List.of("MRS-DPO stability not certified: " + at.failure(), BETA_CONVENTION), null);
    }
    List<Integer> fpDigits = putEnclosures(json, enc.policy(), enc.logits(), enc.eigenvalues(), enc.rho(), null, precision);
    json.put("fixedPointSource", enc.source());
    json.put("iterationRounds", enc.rounds());
    json.put("basis", TANGENT);
    Optional<Aprational> a = ThreeCycleFamily.strength(params.pref());
    if (a.isPresent() && enc.source().equals("uniform")) {
      Ball rho = Ball.of(ThreeCycleFamily.dpoRhoSquared(a.get(), params.alpha(), params.lambda(), params.beta()), prec).sqrt(prec);
      json.put("closedFormSpectralRadius", rho.format(d));
      json.put("closedForm", "alpha +- i 4 a lambda/(sqrt3 beta) (3-cycle at uniform, proofs-notes/MRS-DPO.md)");
    }
    json.put("certified", true);
    json.put("certifiedDigits", certifiedDigits(fpDigits, enc.rho(), null, d));
    json.put("note", CERTIFIED_DPO);
    json.put("betaConvention", BETA_CONVENTION);
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("fixed point", String.join(", ", format(enc.policy(), d)) + "  (certified, " + enc.source() + ")"));
    for (String z : certified(enc.eigenvalues(), d)) {
      rows.add(List.of("eigenvalue", z));
    }
    rows.add(List.of("spectral radius", enc.rho().format(d) + "  (certified)"));
    if (json.containsKey("closedFormSpectralRadius")) {
      rows.add(List.of("closed form rho", String.valueOf(json.get("closedFormSpectralRadius"))
          + "  (sqrt(alpha^2 + 16 a^2 lambda^2/(3 beta^2)))"));
    }
    rows.add(List.of("contraction constant L", "none for DPO (T7 is the IPO map's)"));
    return print(json, rows, List.of(CERTIFIED_DPO, BETA_CONVENTION), null);
  }
}
