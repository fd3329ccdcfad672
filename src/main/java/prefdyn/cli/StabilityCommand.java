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
import prefdyn.dynamics.LogitPolicy;
import prefdyn.dynamics.MrsParameters;
import prefdyn.dynamics.Stability;
import prefdyn.dynamics.ThreeCycleFamily;
import prefdyn.num.BadInput;
import prefdyn.num.Complex;
import prefdyn.num.Precision;
import prefdyn.plot.Plots;
import prefdyn.plot.StabilityPlot;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;

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
    description = {"Fixed point, Jacobian eigenvalues on the centered space, spectral radius and the contraction",
        "constant L = alpha + (beta lambda/2)||P - 11^T/2||_2 of the MRS-IPO map."})
public final class StabilityCommand implements Callable<Integer> {
  /** Printed until the fixed point and eigenvalues come from enclosures (branch verified). */
  static final String APPROXIMATE = "approximate values (fixed point by iteration, eigenvalues by QR at --digits);"
      + " not certified by enclosures";

  @Mixin Common common = new Common();

  @Mixin MrsOptions mrs = new MrsOptions();


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
    MrsParameters params = mrs.parameters(p, "ipo");
    Distribution start = mrs.start(p);
    if (maxRounds < 1) {
      throw new BadInput("--max-rounds must be >= 1, got " + maxRounds);
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
    Optional<Aprational> a = ThreeCycleFamily.strength(p);
    if (plotPath != null) {
      StabilityPlot.write(plotPath, params, a, Stability.toDoubles(r.eigenvalues()));
    }
    PrintWriter out = spec.commandLine().getOut();
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
    if (plotPath != null) {
      out.println("picture: " + plotPath);
    }
    out.flush();
    return 0;
  }
}
