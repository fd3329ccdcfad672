package prefdyn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import prefdyn.num.Rationals;
import prefdyn.plot.Figure1;
import prefdyn.plot.Plots;

/**
 * {@code prefdyn figure1}: the paper's Figure 1 (docs/figure1.md), MRS-IPO on the 3-cycle over the
 * first rounds, three panels (baseline ρ < 1, larger α, larger βλ), the T6 modulus ρ in each title.
 * With {@code --samples N} the finite-sample map (prefdyn.finite) replaces the population map.
 */
@Command(name = "figure1", mixinStandardHelpOptions = true,
    header = "Reproduce the paper's Figure 1 (MRS-IPO on the 3-cycle: baseline, larger alpha, larger beta lambda) as one PNG.",
    description = {"Three panels of the policy pi_t over the first iterations of MRS-IPO on P_a (a = 1/2, pi_ref = pi_0 = uniform):",
        "baseline (alpha=1/2, beta=4, lambda=1/2), larger alpha (9/10) and larger beta lambda (lambda=1); each title prints",
        "the T6 modulus rho = sqrt(alpha^2 + a^2 beta^2 lambda^2/3) (rho^2 exact). --samples N uses the finite-sample map."})
public final class FigureCommand implements Callable<Integer> {
  @Spec @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "The PNG to write.")
  @SuppressWarnings("initialization.field.uninitialized") // required option, set by picocli
  String out;

  @Option(names = "--steps", defaultValue = "100", paramLabel = "T", description = "Iterations shown (default: ${DEFAULT-VALUE}).")
  int steps = 100;

  @Mixin SampleOptions sampling = new SampleOptions();

  @Option(names = "--replicates", paramLabel = "R", description = "Also draw the mean policy of R seeded replicates, dashed (needs --samples; default 1).")
  @Nullable Integer replicates;

  @Override
  public Integer call() {
    Path file = Plots.requirePng(out, "out");
    Figure1.requireSteps(steps);
    Figure1.Mode mode = Figure1.Mode.POPULATION;
    if (!sampling.sampled()) {
      if (replicates != null) {
        throw new BadInput("--replicates needs --samples N");
      }
    } else {
      int r = replicates == null ? 1 : replicates;
      if (r < 1 || r > 10_000) {
        throw new BadInput("--replicates must be in 1..10000, got " + r);
      }
      mode = new Figure1.Mode(sampling.samples(), sampling.seed(), r);
    }
    OutDirs.probeWritableFile(file, "--out");
    List<Figure1.Panel> panels = Figure1.compute(steps, mode);
    Output.writeAtomically(file, Figure1.png(panels, mode));
    PrintWriter o = spec.commandLine().getOut();
    o.println("wrote " + file + " (" + steps + " iterations, " + (mode.sampled()
        ? "finite-sample map, N = " + mode.samples() + ", seed " + mode.seed() + ", replicates " + mode.replicates()
        : "population map") + ")");
    for (Figure1.Panel p : panels) {
      Figure1.Setting s = p.setting();
      o.println("  " + s.name() + ": alpha=" + Rationals.format(s.alpha()) + " beta=" + Rationals.format(s.beta())
          + " lambda=" + Rationals.format(s.lambda()) + " rho^2=" + Rationals.format(s.rhoSquared())
          + " rho=" + s.rho());
    }
    o.flush();
    return 0;
  }
}
