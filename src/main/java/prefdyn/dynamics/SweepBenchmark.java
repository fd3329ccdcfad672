package prefdyn.dynamics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apfloat.Aprational;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.num.Benchmark;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;

/**
 * The sweep suite of {@code prefdyn bench}: the double fast path of the experiment ({@link
 * FastMrs}, K = 4, α = 1/2, λ = 1, β = 1, uniform reference and start) as the sweep drives it — a
 * round, the new policy, the underflow flag and the running moments over all rounds and the tail —
 * in CPU nanoseconds per matrix-round on one core, beside numpy vectorized over the matrices
 * ({@code bench/sweep_numpy.py --random N} under {@code python3}) and the scalar limit, the same
 * loop in C ({@code bench/sweep_scalar.c}, built on demand into {@code target/}). Matrices are
 * {@code P_ij = sigmoid(s_i - s_j)} of random scores (the timing does not depend on the draws).
 * The experiment runs the fast path on every core; numpy uses one.
 */
public final class SweepBenchmark extends BenchSuite {
  public static final String OP = "sweep run-round (K=4, double)";
  private static final int MATRICES = 2000;
  /** {@code -Dprefdyn.fastMrs=unfused}: time the previous, unfused round (before/after measurements). */
  private static final boolean UNFUSED = "unfused".equals(System.getProperty("prefdyn.fastMrs"));

  /** {@code rounds} per run; {@code root} the checkout (null: no references); the interpreter that has numpy; the C compiler. */
  public record Config(int rounds, @Nullable Path root, String python, String cc) {}

  private final Config config;

  public SweepBenchmark(Config config) {
    super("sweep");
    this.config = config;
  }

  @Override
  public String description() {
    return "double fast path of the experiment, " + MATRICES + " random K = 4 matrices x " + config.rounds()
        + " rounds, CPU us per matrix-round on one core, vs numpy vectorized and a scalar C loop";
  }

  @Override
  public List<Row> run(List<Integer> digits, Settings settings) {
    clearNotes();
    int n = settings.quick() ? 4 : MATRICES;
    List<MrsParameters> params = matrices(n);
    int rounds = config.rounds();
    if (!settings.quick()) {
      time(params, Math.min(rounds, 500)); // JIT
    }
    int repeats = settings.quick() ? 1 : Math.max(3, settings.repeats());
    Path root = config.root();
    List<Timed> measurements = new ArrayList<>();
    measurements.add(new Timed(repeats, () -> time(params, rounds)));
    if (root == null) {
      note("references skipped: the bench/ folder of the prefdyn checkout was not found");
    } else {
      String why = buildC(root, "sweep_scalar.c", "sweep_scalar", config.cc(), List.of("-lm"), "");
      if (why != null) {
        note("scalar C: skipped (" + why + ")");
      }
      measurements.add(new Timed(Math.min(repeats, 3), () -> perRound("numpy", List.of(config.python(),
          root.resolve("bench").resolve("sweep_numpy.py").toString(), "--random", Integer.toString(n), "--steps",
          Integer.toString(rounds), "--alpha", "0.5", "--lam", "1", "--beta", "1"))));
      measurements.add(new Timed(why != null ? 0 : Math.min(repeats, 3), () -> why != null ? Double.NaN
          : perRound("scalar C", List.of(root.resolve("target").resolve("sweep_scalar").toString(), Integer.toString(n),
              Integer.toString(rounds)))));
    }
    double[] t = interleaved(measurements);
    List<Row> rows = Benchmark.rows();
    String[] names = {"numpy", "scalar C"};
    for (int i = 1; i < t.length; i++) {
      if (!Double.isNaN(t[i])) {
        rows.add(new Row(OP, 16, t[0], names[i - 1], t[i]));
      }
    }
    if (rows.isEmpty()) {
      rows.add(new Row(OP, 16, t[0], null, Double.NaN));
    }
    return rows;
  }

  /** Thread-CPU microseconds per matrix-round of the sweep loop over all {@code params}. */
  private static double time(List<MrsParameters> params, int rounds) {
    double[] theta = new double[4];
    double[] pi = new double[4];
    double[] sink = {0};
    double micros = cpuMicrosPerUnit(() -> {
      for (MrsParameters p : params) {
        sink[0] += run(new FastMrs(p), rounds, theta, pi);
      }
      return (long) params.size() * rounds;
    });
    if (sink[0] == 42.4242) {
      System.gc(); // keeps the result observable
    }
    return micros;
  }

  /** One run as the sweep does it: rounds, new policy, underflow flag, Welford moments (all rounds and tail). */
  private static double run(FastMrs map, int rounds, double[] theta, double[] pi) {
    int k = theta.length;
    Arrays.fill(theta, 0);
    double[] mean = new double[k];
    double[] m2 = new double[k];
    double[] tmean = new double[k];
    double[] tm2 = new double[k];
    boolean underflow = false;
    int tail = rounds / 2 + 1;
    for (int t = 1; t <= rounds; t++) {
      if (UNFUSED) {
        map.stepUnfused(theta, pi);
      } else {
        map.step(theta, pi);
      }
      for (int i = 0; i < k; i++) {
        underflow |= pi[i] < Double.MIN_NORMAL;
        double d = pi[i] - mean[i];
        mean[i] += d / t;
        m2[i] += d * (pi[i] - mean[i]);
      }
      if (t >= tail) {
        int u = t - tail + 1;
        for (int i = 0; i < k; i++) {
          double d = pi[i] - tmean[i];
          tmean[i] += d / u;
          tm2[i] += d * (pi[i] - tmean[i]);
        }
      }
    }
    return m2[0] + tm2[0] + (underflow ? 1 : 0);
  }

  private static List<MrsParameters> matrices(int n) {
    SplittableRandom rnd = new SplittableRandom(1);
    List<MrsParameters> out = new ArrayList<>();
    for (int m = 0; m < n; m++) {
      double[] s = new double[4];
      for (int i = 0; i < 4; i++) {
        s[i] = rnd.nextDouble(0, 4);
      }
      Aprational[][] q = new Aprational[4][4];
      for (int i = 0; i < 4; i++) {
        for (int j = 0; j < 4; j++) {
          q[i][j] = i == j ? Rationals.HALF : Rationals.of(Math.round(1e6 / (1 + Math.exp(s[j] - s[i]))), 1_000_000);
        }
      }
      for (int i = 0; i < 4; i++) {
        for (int j = i + 1; j < 4; j++) {
          q[j][i] = Rationals.ONE.subtract(q[i][j]);
        }
      }
      out.add(new MrsParameters(PreferenceMatrix.of(q), Rationals.HALF, Rationals.ONE, Rationals.ONE,
          Distribution.uniform(4), Distribution.uniform(4), MrsParameters.Method.IPO));
    }
    return out;
  }

  /** A reference's CPU microseconds per matrix-round (its own {@code ns per matrix-round=}), or NaN with a note. */
  private double perRound(String name, List<String> command) {
    Run r = Run.of(command, Map.of(), 1800);
    String problem = r.problem();
    if (problem != null) {
      note(name + ": skipped (" + problem + ")");
      return Double.NaN;
    }
    double ns = r.number("ns per matrix-round");
    if (Double.isNaN(ns)) {
      note(name + ": skipped (no 'ns per matrix-round=' in its output: " + r.lastLine() + ")");
    }
    return ns / 1e3;
  }
}
