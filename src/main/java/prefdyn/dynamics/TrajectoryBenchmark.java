package prefdyn.dynamics;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apfloat.Aprational;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.num.Ball;
import prefdyn.num.Benchmark;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;

/**
 * The MRS suite of {@code prefdyn bench}: one MRS-IPO round (K = 4) of the bench instance, CPU
 * time per round over a trajectory of {@link Config#rounds()} rounds from the uniform start,
 * beside the same trajectory in the reference implementations of {@code bench/}, each run as its
 * own process in the same bench run:
 *
 * <ul>
 *   <li>{@code bench/mrs_mpmath.py} under {@link Config#python()}: mpmath with the backend it
 *       reports (gmpy when gmpy2 is installed), and again with {@code MPMATH_NOGMPY=1} (pure
 *       Python);
 *   <li>{@code bench/mrs_mpfr.c} (MPFR in C), built on demand with {@link Config#cc()} into
 *       {@code target/mrs_mpfr}.
 * </ul>
 *
 * prefdyn's rows: the certified round as {@code iterate} (and the experiment's re-check) runs it,
 * {@link BallOrbit#step} (every value an enclosure; the references compute bare approximations),
 * and the direct ball evaluation {@link MrsMap#roundPoint}, the kernel's share of it. Every figure
 * is the median of interleaved repeats ({@link BenchSuite#interleaved}). A reference that is not
 * installed is skipped with a note saying why; nothing fails because of it.
 */
public final class TrajectoryBenchmark extends BenchSuite {
  /**
   * The op label of the certified round (contains "ipo", as the bench JSON contract asks): one
   * step of {@link BallOrbit}, the round {@code iterate} runs — the ball round at the exact
   * midpoints ({@link MrsMap#roundPoint}), new midpoints, and the error bound carried by a
   * Lipschitz bound of the round on the box (computed on an enlarged box and reused while the
   * orbit stays inside it).
   */
  public static final String OP = "mrs-ipo round (K=4, certified orbit)";
  /**
   * The direct ball evaluation of the round ({@link MrsMap#roundPoint} applied to the previous
   * round's balls): also an enclosure, without the error propagation of the orbit; the kernel's
   * share of the certified round. Its radii grow round by round, so the timed trajectory starts
   * again from the uniform start whenever a radius passes 1e-3.
   */
  public static final String OP_POINT = "mrs-ipo round (K=4, ball, direct)";

  /**
   * What to run: {@code rounds} per trajectory; {@code root} the repository (holding {@code
   * bench/}) or null when it was not found (then only prefdyn is timed); the Python interpreter and
   * C compiler commands for the references.
   */
  public record Config(int rounds, @Nullable Path root, String python, String cc) {}

  private static final long TIMEOUT_SECONDS = 1800;
  /** CPU budget of one timed prefdyn trajectory: a slow round is timed over fewer rounds (said in a note). */
  private static final long BUDGET_NANOS = 3_000_000_000L;
  /** Repeats of each reference process (their runs are long; prefdyn's trajectories repeat {@code --repeats} times). */
  private static final int REFERENCE_REPEATS = 3;

  private final Config config;

  public TrajectoryBenchmark(Config config) {
    super("mrs");
    this.config = config;
  }

  @Override
  public String description() {
    return "one MRS-IPO round (K = 4, bench/mrs_instance.txt, alpha 1/2, lambda 3/4, beta 3, ref (4,3,2,1)/10), "
        + "CPU us per round over " + config.rounds() + " rounds from uniform, vs the references of bench/";
  }

  @Override
  public List<Row> run(List<Integer> digits, Settings settings) {
    clearNotes();
    List<Row> rows = Benchmark.rows();
    MrsParameters params = instance();
    List<Reference> refs = references();
    int repeats = settings.quick() ? 1 : Math.max(3, settings.repeats());
    for (int d : digits) {
      int prec = Precision.ofDigits(d).bits();
      MrsMap map = new MrsMap(params, Precision.ofDigits(d));
      Ball[] start = MrsMap.logitsOfBalls(Distribution.uniform(params.k()), prec);
      int rounds = config.rounds();
      if (!settings.quick()) { // JIT warm-up at this precision
        trajectory(map, start, Math.max(10, Math.min(rounds, 100)), prec, false);
        trajectory(map, start, Math.max(10, Math.min(rounds, 100)), prec, true);
      }
      List<Timed> measurements = new ArrayList<>();
      measurements.add(new Timed(repeats, () -> cpuMicrosPerUnit(() -> trajectory(map, start, rounds, prec, false))));
      measurements.add(new Timed(repeats, () -> cpuMicrosPerUnit(() -> trajectory(map, start, rounds, prec, true))));
      for (Reference ref : refs) {
        measurements.add(new Timed(Math.min(repeats, REFERENCE_REPEATS), () -> ref.disabled ? Double.NaN : ref.measure(d, rounds)));
      }
      double[] t = interleaved(measurements);
      boolean any = false;
      for (int i = 0; i < refs.size(); i++) {
        double refMicros = t[2 + i];
        if (!Double.isNaN(refMicros)) {
          rows.add(new Row(OP, d, t[0], refs.get(i).name, refMicros));
          rows.add(new Row(OP_POINT, d, t[1], refs.get(i).name, refMicros));
          any = true;
        }
      }
      if (!any) {
        rows.add(new Row(OP, d, t[0], null, Double.NaN));
        rows.add(new Row(OP_POINT, d, t[1], null, Double.NaN));
      }
    }
    rows.sort(java.util.Comparator.comparing((Row r) -> r.digits()).thenComparing(r -> r.op().equals(OP) ? 0 : 1));
    return rows;
  }

  /**
   * Runs {@code rounds} rounds from {@code start} (stopping early once the CPU budget is spent,
   * with a note); returns the rounds done. {@code point}: the direct ball evaluation, else the
   * certified orbit.
   */
  private long trajectory(MrsMap map, Ball[] start, int rounds, int prec, boolean point) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long end = mx.getCurrentThreadCpuTime() + BUDGET_NANOS;
    BallOrbit orbit = new BallOrbit(map, start, prec);
    Ball[] theta = start;
    int t = 0;
    while (t < rounds) {
      if (point) {
        theta = map.roundPoint(theta, prec);
        if (!(theta[0].radUpper() < 1e-3)) {
          theta = start; // the direct evaluation's radii grow round by round: start again (timing only)
        }
      } else {
        orbit.step();
      }
      t++;
      if ((t & 7) == 0 && mx.getCurrentThreadCpuTime() > end) {
        break;
      }
    }
    if (!(point ? theta[0].isFinite() : orbit.error().isFinite())) {
      note(OP + ": the enclosure became the whole line within " + t + " rounds");
    }
    if (t < rounds) {
      note((point ? OP_POINT : OP) + " at " + prec + " bits: timed over its first " + t + " of " + rounds
          + " rounds (" + BUDGET_NANOS / 1_000_000_000 + " s CPU budget per trajectory)");
    }
    return t;
  }

  /** The references, in the order shown; the ones that cannot run are already disabled with a note. */
  private List<Reference> references() {
    List<Reference> refs = new ArrayList<>();
    Path root = config.root();
    if (root == null) {
      note("references skipped: the bench/ folder of the prefdyn checkout was not found (run ./prefdyn from the checkout)");
      return refs;
    }
    String script = root.resolve("bench").resolve("mrs_mpmath.py").toString();
    Reference gmpy = new Reference("mpmath (gmpy)", List.of(config.python(), script), mpmathEnv(true), "gmpy");
    Reference python = new Reference("mpmath (python)", List.of(config.python(), script), mpmathEnv(false), "python");
    Reference mpfr = new Reference("MPFR", List.of(root.resolve("target").resolve("mrs_mpfr").toString()), Map.of(), null);
    refs.add(gmpy);
    refs.add(python);
    refs.add(mpfr);
    String why = buildC(root, "mrs_mpfr.c", "mrs_mpfr", config.cc(), List.of("-lmpfr", "-lgmp"), " (is libmpfr-dev installed?)");
    if (why != null) {
      mpfr.disable(why);
    }
    return refs;
  }

  /** One external reference: a command run as {@code COMMAND... DIGITS} with the rounds passed its way. */
  private final class Reference {
    final String name;
    final List<String> command;
    final Map<String, @Nullable String> env;
    /** The mpmath backend this reference stands for (null: not mpmath). */
    final @Nullable String backend;
    boolean disabled;

    Reference(String name, List<String> command, Map<String, @Nullable String> env, @Nullable String backend) {
      this.name = name;
      this.command = command;
      this.env = env;
      this.backend = backend;
    }

    void disable(String why) {
      disabled = true;
      note(name + ": skipped (" + why + ")");
    }

    /** Microseconds per round, or NaN (and disabled with a note) when it cannot be measured. */
    double measure(int digits, int rounds) {
      List<String> cmd = new ArrayList<>(command);
      if (backend != null) {
        cmd.add("--steps");
        cmd.add(Integer.toString(rounds));
        cmd.add(Integer.toString(digits));
      } else {
        cmd.add(Integer.toString(digits));
        cmd.add(Integer.toString(rounds));
      }
      Run r = Run.of(cmd, env, TIMEOUT_SECONDS);
      if (r.failure != null) {
        disable("could not run '" + cmd.get(0) + "': " + r.failure);
        return Double.NaN;
      }
      if (r.exit != 0) {
        disable("'" + String.join(" ", command) + "' exited with " + r.exit + ": " + r.lastLine());
        return Double.NaN;
      }
      double seconds = r.number("seconds");
      if (Double.isNaN(seconds)) {
        disable("no 'seconds=' in its output: " + r.lastLine());
        return Double.NaN;
      }
      String wrong = backend == null ? null : wrongBackend(r, command.get(0), backend);
      if (wrong != null) {
        disable(wrong);
        return Double.NaN;
      }
      return seconds * 1e6 / Math.max(1, rounds);
    }
  }

  /** The benchmark instance: strictly SST K = 4, α = 1/2, λ = 3/4, β = 3, π_ref = (4,3,2,1)/10. */
  public static MrsParameters instance() {
    long[][] num = {{5, 6, 8, 9}, {4, 5, 6, 8}, {2, 4, 5, 7}, {1, 2, 3, 5}};
    Aprational[][] q = new Aprational[4][4];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        q[i][j] = Rationals.of(num[i][j], 10);
      }
    }
    Distribution ref = Distribution.of(Rationals.of(4, 10), Rationals.of(3, 10), Rationals.of(2, 10), Rationals.of(1, 10));
    return new MrsParameters(PreferenceMatrix.of(q), Rationals.HALF, Rationals.of(3, 4), Rationals.of(3), ref,
        Distribution.uniform(4), MrsParameters.Method.IPO);
  }
}
