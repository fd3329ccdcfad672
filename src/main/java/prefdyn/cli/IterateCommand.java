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
import picocli.CommandLine.Option;
import prefdyn.dynamics.CheckedTrajectory;
import prefdyn.dynamics.MrsParameters;
import prefdyn.dynamics.Trajectory;
import prefdyn.finite.SampledMrs;
import prefdyn.num.Precision;
import prefdyn.plot.Plots;
import prefdyn.plot.TrajectoryPlot;
import prefdyn.pref.PreferenceMatrix;

/**
 * {@code prefdyn iterate}: an MRS-IPO / MRS-DPO trajectory (docs/theory.md section 4) in logits at
 * --digits, in ball arithmetic: every printed digit is certified by the enclosure of the true orbit
 * ({@link CheckedTrajectory}; the run restarts at a higher precision when the error bound grows).
 * JSON as in docs/cli.md, plus {@code "certifiedDigits"} (per trace entry and the minimum for the run),
 * {@code "complete"}, {@code "workingDigits"}, {@code "workingBits"}, {@code "runs"} and
 * {@code "finalErrorBound"} (an upper bound of the 2-norm distance of the final logits to the
 * printed midpoints).
 */
@Command(name = "iterate",
    header = "Iterate the MRS-IPO / MRS-DPO round in logits at arbitrary precision (docs/theory.md section 4).", mixinStandardHelpOptions = true,
    description = {"Iterate the MRS round: reference pi_ref^(t) ~ pi_t^alpha pi_ref^(1-alpha), sampler",
        "mu_t = lambda pi_t + (1-lambda) pi_0, pi_{t+1} = IPO (closed form) or DPO optimum; in logits, in ball",
        "arithmetic: only certified digits are printed. --digits: 5 to " + CheckedTrajectory.MAX_DIGITS + ".",
        "--samples N: each round is the IPO optimum of N comparisons drawn from mu_t x mu_t with outcomes",
        "Bernoulli(P) (seeded; the digits are certified for the trajectory of the seed's draws)."})
public final class IterateCommand implements Callable<Integer> {
  @Mixin Common common = new Common();

  @Mixin MrsOptions mrs = new MrsOptions();

  @Mixin SampleOptions sampling = new SampleOptions();

  @Option(names = "--steps", required = true, paramLabel = "T", description = "Number of rounds (>= 0).")
  long steps;

  @Option(names = "--every", paramLabel = "N", description = "Trace every N rounds (default: first and last only).")
  long every = 0;

  @Option(names = "--plot", paramLabel = "FILE", description = "Write a picture (.png): policy and entropy against rounds; for K = 3 also the orbit on the simplex.")
  @Nullable String plot;

  @Option(names = "--progress", description = "Report progress on stderr (default: only when attached to a terminal).")
  boolean progress;

  /** How the run was certified, as {@code --json} prints it: the keys are the components, in this order. */
  record Certification(int certifiedDigits, boolean complete, long workingDigits, int workingBits, int runs,
      String finalErrorBound) {
    static Certification of(CheckedTrajectory.Result r) {
      return new Certification(r.certifiedDigits(), r.complete(), r.workingDigits(), r.workingBits(), r.runs(), r.finalError());
    }
  }

  @Override
  public Integer call() {
    Precision precision = common.precision();
    MrsOptions.Input in = mrs.read();
    MrsParameters params = in.params();
    PreferenceMatrix p = in.matrix();
    boolean sampled = sampling.sampled();
    if (sampled && params.method() != MrsParameters.Method.IPO) {
      throw new BadInput("--samples needs --method ipo: a finite-sample round is the tabular IPO optimum of its sample");
    }
    if (steps < 0) {
      throw new BadInput("--steps must be >= 0, got " + steps);
    }
    if (common.given("--every") && every < 1) {
      throw new BadInput("--every must be >= 1, got " + every);
    }
    @Nullable Path plotPath = plot == null ? null : Plots.requirePng(plot, "plot");
    if (plotPath != null) {
      OutDirs.probeWritableFile(plotPath, "--plot");
    }
    PrintWriter err = common.err();
    boolean showProgress = progress || System.console() != null;
    Trajectory.@Nullable Progress reporter = !showProgress ? null : (t, total) -> {
      err.printf(Locale.ROOT, "\riterate: round %d / %d", t, total);
      if (t == total) {
        err.println();
      }
      err.flush();
    };
    int plotPoints = plotPath == null ? 0 : 2000;
    CheckedTrajectory.Result result = sampled
        ? SampledMrs.certified(params, in.start(), steps, every, precision, plotPoints, reporter, sampling.seed(),
            sampling.samples())
        : CheckedTrajectory.run(params, in.start(), steps, every, precision, plotPoints, reporter);
    if (plotPath != null) {
      Output.writeAtomically(plotPath, TrajectoryPlot.png(result, params));
    }
    Map<String, Object> json = new LinkedHashMap<>();
    if (result.trace().isEmpty() || result.last().t() != steps) {
      String why = result.uncertified() == null ? "the trajectory could not be certified" : result.uncertified();
      err.println("iterate: " + why + "; nothing certified to print after round "
          + (result.trace().isEmpty() ? 0 : result.last().t()));
      err.flush();
    }
    if (result.trace().isEmpty()) {
      throw new BadInput("iterate: " + (result.uncertified() == null ? "no certified round" : result.uncertified()));
    }
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
      m.put("certifiedDigits", pt.certifiedDigits());
      trace.add(m);
    }
    json.put("trace", trace);
    json.putAll(Output.fields(Certification.of(result)));
    if (result.uncertified() != null) {
      json.put("uncertified", result.uncertified());
    }
    if (sampled) {
      json.put("samples", sampling.samples());
      json.put("seed", sampling.seed());
    }
    PrintWriter out = common.out();
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
    out.println(result.uncertified() != null ? "not certified: " + result.uncertified()
        + "; the rows printed are certified" : result.complete()
        ? "all " + precision.digits() + " printed digits certified by ball arithmetic (" + result.workingBits()
            + "-bit balls, " + result.runs() + (result.runs() == 1 ? " run" : " runs") + "; ||θ_T - printed||_2 <= "
            + result.finalError() + ")"
        : "only " + result.certifiedDigits() + " of the " + precision.digits() + " requested digits are certified (at "
            + result.workingBits() + "-bit balls, the cap of the restarts); the printed digits are the certified ones");
    if (sampled) {
      out.println("finite-sample rounds: " + sampling.samples() + " comparisons a round, seed " + sampling.seed()
          + " (the digits are certified for the trajectory of this seed's draws)");
    }
    if (plotPath != null) {
      out.println("picture: " + plotPath);
    }
    out.flush();
    return 0;
  }

}
