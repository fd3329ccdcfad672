package prefdyn.dynamics;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
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
public final class SweepBenchmark implements Benchmark {
  public static final String OP = "sweep run-round (K=4, double)";
  private static final int MATRICES = 2000;
  /** {@code -Dprefdyn.fastMrs=unfused}: time the previous, unfused round (before/after measurements). */
  private static final boolean UNFUSED = "unfused".equals(System.getProperty("prefdyn.fastMrs"));

  /** {@code rounds} per run; {@code root} the checkout (null: no references); the interpreter that has numpy; the C compiler. */
  public record Config(int rounds, @Nullable Path root, String python, String cc) {}

  private final Config config;
  private final List<String> notes = new ArrayList<>();

  public SweepBenchmark(Config config) {
    this.config = config;
  }

  @Override
  public String suite() {
    return "sweep";
  }

  @Override
  public String description() {
    return "double fast path of the experiment, " + MATRICES + " random K = 4 matrices x " + config.rounds()
        + " rounds, CPU us per matrix-round on one core, vs numpy vectorized and a scalar C loop";
  }

  @Override
  public List<String> notes() {
    return List.copyOf(notes);
  }

  @Override
  public List<Row> run(List<Integer> digits, Settings settings) {
    notes.clear();
    List<MrsParameters> params = matrices(settings.quick() ? 4 : MATRICES);
    int rounds = config.rounds();
    if (!settings.quick()) {
      time(params, Math.min(rounds, 500)); // JIT
    }
    int repeats = settings.quick() ? 1 : Math.max(1, Math.min(settings.repeats(), 3));
    double[] t = new double[repeats];
    for (int r = 0; r < repeats; r++) {
      t[r] = time(params, rounds);
    }
    double micros = Benchmark.median(t);
    List<Row> rows = Benchmark.rows();
    Path root = config.root();
    if (root == null) {
      notes.add("references skipped: the bench/ folder of the prefdyn checkout was not found");
    } else {
      double numpy = numpy(root, settings.quick() ? 4 : MATRICES, rounds);
      if (!Double.isNaN(numpy)) {
        rows.add(new Row(OP, 16, micros, "numpy", numpy));
      }
      double scalar = scalar(root, settings.quick() ? 4 : MATRICES, rounds);
      if (!Double.isNaN(scalar)) {
        rows.add(new Row(OP, 16, micros, "scalar C", scalar));
      }
    }
    if (rows.isEmpty()) {
      rows.add(new Row(OP, 16, micros, null, Double.NaN));
    }
    return rows;
  }

  /** Thread-CPU microseconds per matrix-round of the sweep loop over all {@code params}. */
  private static double time(List<MrsParameters> params, int rounds) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double[] theta = new double[4];
    double[] pi = new double[4];
    double sink = 0;
    long c0 = mx.getCurrentThreadCpuTime();
    for (MrsParameters p : params) {
      sink += run(new FastMrs(p), rounds, theta, pi);
    }
    long dc = mx.getCurrentThreadCpuTime() - c0;
    if (sink == 42.4242) {
      System.gc(); // keeps the result observable
    }
    return dc / 1e3 / ((double) params.size() * rounds);
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

  /** numpy's CPU microseconds per matrix-round, or NaN with a note. */
  private double numpy(Path root, int n, int rounds) {
    TrajectoryBenchmark.Run r = TrajectoryBenchmark.Run.of(List.of(config.python(), root.resolve("bench").resolve("sweep_numpy.py").toString(),
        "--random", Integer.toString(n), "--steps", Integer.toString(rounds), "--alpha", "0.5", "--lam", "1", "--beta", "1"), Map.of(), 1800);
    return perRound("numpy", r);
  }

  /** The scalar C loop's CPU microseconds per matrix-round, built on demand; NaN with a note. */
  private double scalar(Path root, int n, int rounds) {
    Path src = root.resolve("bench").resolve("sweep_scalar.c");
    Path bin = root.resolve("target").resolve("sweep_scalar");
    try {
      if (!Files.isRegularFile(src)) {
        notes.add("scalar C: skipped (bench/sweep_scalar.c not found)");
        return Double.NaN;
      }
      if (!Files.isExecutable(bin) || Files.getLastModifiedTime(bin).compareTo(Files.getLastModifiedTime(src)) < 0) {
        java.nio.file.Path binDir = bin.toAbsolutePath().getParent();
      if (binDir != null) {
        Files.createDirectories(binDir);
      }
        TrajectoryBenchmark.Run b = TrajectoryBenchmark.Run.of(List.of(config.cc(), "-O2", src.toString(), "-o", bin.toString(), "-lm"), Map.of(), 300);
        if (b.failure != null || b.exit != 0) {
          notes.add("scalar C: skipped ('" + config.cc() + "' could not build bench/sweep_scalar.c: "
              + (b.failure != null ? b.failure : b.lastLine()) + ")");
          return Double.NaN;
        }
      }
    } catch (IOException e) {
      notes.add("scalar C: skipped (" + e.getMessage() + ")");
      return Double.NaN;
    }
    return perRound("scalar C", TrajectoryBenchmark.Run.of(List.of(bin.toString(), Integer.toString(n), Integer.toString(rounds)), Map.of(), 1800));
  }

  private double perRound(String name, TrajectoryBenchmark.Run r) {
    if (r.failure != null || r.exit != 0) {
      notes.add(name + ": skipped (" + (r.failure != null ? r.failure : "exited with " + r.exit + ": " + r.lastLine()) + ")");
      return Double.NaN;
    }
    double ns = r.number("ns per matrix-round");
    if (Double.isNaN(ns)) {
      notes.add(name + ": skipped (no 'ns per matrix-round=' in its output: " + r.lastLine() + ")");
    }
    return ns / 1e3;
  }
}
