package prefdyn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apfloat.Aprational;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import prefdyn.dynamics.CheckedTrajectory;
import prefdyn.dynamics.MrsParameters;
import prefdyn.dynamics.Trajectory;
import prefdyn.num.BadInput;
import prefdyn.num.Precision;
import prefdyn.plot.Plots;
import prefdyn.plot.TrajectoryPlot;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;

/**
 * {@code prefdyn iterate}: an MRS-IPO / MRS-DPO trajectory (theory.md section 4) in logits at
 * --digits. Every printed digit is checked by a rerun with more guard digits
 * ({@link CheckedTrajectory}). JSON as in cli.md, plus {@code "workingDigits"} and {@code "runs"}.
 */
@Command(name = "iterate",
    header = "Iterate the MRS-IPO / MRS-DPO round in logits at arbitrary precision (theory.md section 4).", mixinStandardHelpOptions = true,
    description = {"Iterate the MRS round: reference pi_ref^(t) ~ pi_t^alpha pi_ref^(1-alpha), sampler",
        "mu_t = lambda pi_t + (1-lambda) pi_0, pi_{t+1} = IPO (closed form) or DPO optimum; in logits at --digits."})
public final class IterateCommand implements Callable<Integer> {
  @Mixin Common common = new Common();

  @Option(names = "--pref", required = true, paramLabel = "FILE", description = "Preference matrix (text or PrefLib).")
  @SuppressWarnings("initialization.field.uninitialized") // required option, set by picocli
  String pref;

  @Option(names = "--alpha", required = true, paramLabel = "A", description = "Reference weight alpha in [0,1].")
  @SuppressWarnings("initialization.field.uninitialized") // required option, set by picocli
  String alpha;

  @Option(names = "--lambda", required = true, paramLabel = "L", description = "On-policy share lambda in [0,1].")
  @SuppressWarnings("initialization.field.uninitialized") // required option, set by picocli
  String lambda;

  @Option(names = "--beta", defaultValue = "1", paramLabel = "B", description = "Strength beta > 0 (default: ${DEFAULT-VALUE}).")
  String beta = "1";

  @Option(names = "--steps", required = true, paramLabel = "T", description = "Number of rounds (>= 0).")
  long steps;

  @Option(names = "--method", defaultValue = "ipo", paramLabel = "ipo|dpo", description = "Round optimizer (default: ${DEFAULT-VALUE}).")
  String method = "ipo";

  @Option(names = "--ref", defaultValue = "uniform", paramLabel = "R", description = "Fixed reference pi_ref (interior).")
  String ref = "uniform";

  @Option(names = "--pi0", defaultValue = "uniform", paramLabel = "S", description = "Offline sampler pi_0.")
  String pi0 = "uniform";

  @Option(names = "--init", defaultValue = "uniform", paramLabel = "S", description = "Start policy pi_1 (interior).")
  String init = "uniform";

  @Option(names = "--every", paramLabel = "N", description = "Trace every N rounds (default: first and last only).")
  long every = 0;

  @Option(names = "--plot", paramLabel = "FILE", description = "Write a picture (.png): policy and entropy against rounds; for K = 3 also the orbit on the simplex.")
  @Nullable String plot;

  @Option(names = "--progress", description = "Report progress on stderr (default: only when attached to a terminal).")
  boolean progress;

  @Spec @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  CommandSpec spec;

  @Override
  public Integer call() {
    Precision precision = common.precision();
    PreferenceMatrix p = Inputs.pref(pref);
    MrsParameters params = parameters(p, alpha, lambda, beta, method, ref, pi0);
    Distribution start = Inputs.interiorDistribution(init, p.k(), "--init");
    if (steps < 0) {
      throw new BadInput("--steps must be >= 0, got " + steps);
    }
    if (spec.commandLine().getParseResult().hasMatchedOption("--every") && every < 1) {
      throw new BadInput("--every must be >= 1, got " + every);
    }
    @Nullable Path plotPath = plot == null ? null : Plots.requirePng(plot, "--plot");
    if (plotPath != null) {
      OutDirs.probeWritableFile(plotPath, "--plot");
    }
    PrintWriter err = spec.commandLine().getErr();
    boolean showProgress = progress || System.console() != null;
    Trajectory.@Nullable Progress reporter = !showProgress ? null : (t, total) -> {
      err.printf(Locale.ROOT, "\riterate: round %d / %d", t, total);
      if (t == total) {
        err.println();
      }
      err.flush();
    };
    CheckedTrajectory.Result result = CheckedTrajectory.run(params, start, steps, every, precision,
        plotPath == null ? 0 : 2000, reporter);
    if (plotPath != null) {
      TrajectoryPlot.write(plotPath, result, params);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    CheckedTrajectory.Point last = result.last();
    Map<String, Object> fin = new LinkedHashMap<>();
    fin.put("t", last.t());
    fin.put("policy", last.policy());
    fin.put("logits", last.logits());
    fin.put("entropy", last.entropy());
    json.put("final", fin);
    List<Map<String, Object>> trace = new ArrayList<>();
    for (CheckedTrajectory.Point pt : result.trace()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("t", pt.t());
      m.put("policy", pt.policy());
      m.put("entropy", pt.entropy());
      trace.add(m);
    }
    json.put("trace", trace);
    json.put("workingDigits", result.workingDigits());
    json.put("runs", result.runs());
    PrintWriter out = spec.commandLine().getOut();
    if (common.json()) {
      Output.printJson(out, json);
      return 0;
    }
    List<String> header = new ArrayList<>(List.of("t", "entropy"));
    for (int i = 0; i < p.k(); i++) {
      header.add("pi_" + i);
    }
    List<List<String>> rows = new ArrayList<>();
    for (CheckedTrajectory.Point pt : result.trace()) {
      List<String> row = new ArrayList<>(List.of(String.valueOf(pt.t()), pt.entropy()));
      row.addAll(pt.policy());
      rows.add(row);
    }
    out.print(Output.table(header, rows));
    out.println("final logits (centered): " + String.join(", ", last.logits()));
    out.println("digits checked by " + result.runs() + " runs (last at " + result.workingDigits() + " working digits)");
    if (plotPath != null) {
      out.println("picture: " + plotPath);
    }
    out.flush();
    return 0;
  }

  /** The MRS parameters from the flags shared by iterate and stability. */
  static MrsParameters parameters(PreferenceMatrix p, String alpha, String lambda, String beta, String method,
      String ref, String pi0) {
    Aprational a = Inputs.unitInterval(alpha, "--alpha");
    Aprational l = Inputs.unitInterval(lambda, "--lambda");
    Aprational b = Inputs.positive(beta, "--beta");
    MrsParameters.Method m = switch (method.toLowerCase(Locale.ROOT)) {
      case "ipo" -> MrsParameters.Method.IPO;
      case "dpo" -> MrsParameters.Method.DPO;
      default -> throw new BadInput("--method must be ipo or dpo, got '" + method + "'");
    };
    Distribution r = Inputs.interiorDistribution(ref, p.k(), "--ref");
    Distribution s = Inputs.distribution(pi0, p.k(), "--pi0");
    return new MrsParameters(p, a, l, b, r, s, m);
  }
}
