package prefdyn.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.apfloat.Aprational;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.dynamics.FastMrs;
import prefdyn.dynamics.LogitPolicy;
import prefdyn.dynamics.MrsMap;
import prefdyn.dynamics.MrsParameters;
import prefdyn.num.Precision;
import prefdyn.pref.Distribution;

/**
 * The paper's sweep (theory.md section 6): every matrix × every (α, λ, β) of the grid, MRS-IPO for
 * T rounds from the start policy, recording
 *
 * <ul>
 *   <li><b>cycle strength</b> {@code CS = (1/K) Σ_i (1/T) Σ_{t=1..T} (π_{t,i} - π̄_i)²} with
 *       {@code π̄_i = (1/T) Σ_{t=1..T} π_{t,i}}: the variance over time of each policy coordinate,
 *       averaged over the coordinates, over the policies after rounds 1..T. This is the reading of
 *       "time-averaged variance of the policy coordinates" that measures oscillation: it is 0 at
 *       a fixed point and positive on a cycle. (The other reading, the spread across coordinates
 *       averaged over time, grows with concentration and would call an entropy collapse a strong
 *       cycle.) The same quantity over the second half of the run only (rounds T/2+1..T) is
 *       recorded as {@code cycleStrengthTail}: it separates a persistent oscillation (T6, ρ > 1)
 *       from the transient of a converging run.
 *   <li><b>terminal entropy</b> {@code H(π_T)} in nats, computed from the logits so that it is
 *       relatively accurate also far below the double range ({@link LogitPolicy#entropy}).
 * </ul>
 *
 * <p>Runs use the double-precision fast path {@link FastMrs} in parallel (one instance per task;
 * each run is independent, so the results do not depend on the thread schedule). Then a seeded
 * sample of runs, plus every run whose result depends on tiny numbers (a policy coordinate below
 * the smallest normal double at some round, or a terminal entropy below 1e-300), is re-run with
 * the arbitrary-precision map {@link MrsMap} and compared, see {@link Recheck}. For the runs that
 * underflowed, the recorded entropy and final logits are the arbitrary-precision ones.
 */
public final class Sweep {
  /** Terminal entropies below this are re-checked in arbitrary precision. */
  public static final double TINY_ENTROPY = 1e-300;

  /** Relative tolerance of agreement between the fast path and the arbitrary-precision path. */
  public static final double RELATIVE_AGREEMENT = 1e-9;

  /**
   * Absolute floor for comparing cycle strengths. A double policy coordinate is resolved only to
   * about {@code δ = 1e-15·max(1, max|θ|)} (the logits carry rounding relative to their size, and
   * a policy coordinate inherits it: with logits near ±1000 after a collapse, δ is about 1e-12), so
   * a time variance of such coordinates is resolved to about {@code 2δ·sqrt(CS) + δ²}; below that
   * both paths say "no oscillation".
   */
  static double cycleStrengthFloor(double cs, double logitScale) {
    double delta = 1e-15 * Math.max(1, logitScale);
    return 2 * delta * Math.sqrt(Math.abs(cs)) + delta * delta;
  }

  private Sweep() {}

  /** One grid point; exact. */
  public record Setting(Aprational alpha, Aprational lambda, Aprational beta) {}

  /** The start, reference and offline sampler (each K-specific unless uniform). */
  public interface Distributions {
    Distribution ref(int k);

    Distribution pi0(int k);

    Distribution init(int k);

    /** All uniform (the default of the CLI and the setting of T6-T9). */
    static Distributions uniform() {
      return new Distributions() {
        @Override
        public Distribution ref(int k) {
          return Distribution.uniform(k);
        }

        @Override
        public Distribution pi0(int k) {
          return Distribution.uniform(k);
        }

        @Override
        public Distribution init(int k) {
          return Distribution.uniform(k);
        }
      };
    }
  }

  /** Receives progress (runs done of total) from worker threads. */
  @FunctionalInterface
  public interface Progress {
    void done(String phase, long done, long total);
  }

  /**
   * The outcome of one run.
   *
   * @param matrix index into the matrix list
   * @param setting index into the settings
   * @param cycleStrength CS over rounds 1..T
   * @param cycleStrengthTail CS over rounds T/2+1..T
   * @param entropy terminal entropy (arbitrary precision value, relatively accurate)
   * @param top index of the largest final logit
   * @param massOffTop {@code 1 - π_T,top}, as a double (0 when below the double range)
   * @param underflow some policy coordinate fell below {@link Double#MIN_NORMAL} in the fast path
   * @param recheck the arbitrary-precision comparison, when this run was re-checked
   */
  public record Run(int matrix, int setting, double cycleStrength, double cycleStrengthTail, Apfloat entropy, int top,
      double massOffTop, boolean underflow, @Nullable Recheck recheck) {
    /** {@code log10 H} (finite for every H > 0, also below the double range; -inf for H = 0). */
    public double log10Entropy() {
      return Sweep.log10(entropy);
    }

    Run withRecheck(Recheck r) {
      return new Run(matrix, setting, r.cycleStrength(), r.cycleStrengthTail(), r.entropy(), top, massOffTop, underflow, r);
    }
  }

  /**
   * An arbitrary-precision re-run of a fast-path run.
   *
   * @param reason {@code sample}, {@code underflow} or {@code tiny-entropy}
   * @param fastCycleStrength the fast path's CS
   * @param fastEntropy the fast path's terminal entropy
   * @param maxLogitError {@code max_i |θ_i(fast) - θ_i(precise)| / max(1, max_i |θ_i(precise)|)}
   * @param agrees see {@link #agrees(double, double, Apfloat, Apfloat, double)}
   */
  public record Recheck(String reason, double cycleStrength, double cycleStrengthTail, Apfloat entropy,
      double fastCycleStrength, double fastCycleStrengthTail, double fastEntropy, double maxLogitError, boolean agrees) {}

  /** The whole sweep. */
  public record Result(List<Setting> settings, List<Run> runs, long fastNanos, long recheckNanos, int rechecked,
      int agreed) {
    public Result {
      settings = List.copyOf(settings);
      runs = List.copyOf(runs);
    }
  }

  /**
   * Runs the sweep.
   *
   * @param recheckFraction share of runs re-checked at random (seeded; at least one run)
   * @param precision precision of the re-check
   * @param progress nullable progress sink
   */
  public static Result run(List<ExperimentMatrix> matrices, List<Setting> settings, Distributions dists, long steps,
      double recheckFraction, long seed, Precision precision, @Nullable Progress progress) {
    int n = matrices.size() * settings.size();
    List<MrsParameters> params = new ArrayList<>(n);
    for (ExperimentMatrix m : matrices) {
      for (Setting s : settings) {
        params.add(new MrsParameters(m.pref(), s.alpha(), s.lambda(), s.beta(), dists.ref(m.k()), dists.pi0(m.k()),
            MrsParameters.Method.IPO));
      }
    }
    AtomicLong done = new AtomicLong();
    long t0 = System.nanoTime();
    Run[] runs = new Run[n];
    double[][] fastLogits = new double[n][];
    IntStream.range(0, n).parallel().forEach(r -> {
      ExperimentMatrix m = matrices.get(r / settings.size());
      fastLogits[r] = new double[m.k()];
      runs[r] = fast(r / settings.size(), r % settings.size(), params.get(r), dists.init(m.k()), steps, fastLogits[r]);
      report(progress, "fast path", done.incrementAndGet(), n);
    });
    long fastNanos = System.nanoTime() - t0;

    boolean[] chosen = new boolean[n];
    int sample = n == 0 ? 0 : Math.max(1, (int) Math.ceil(recheckFraction * n));
    for (int r : sampleIndices(n, Math.min(sample, n), seed)) {
      chosen[r] = true;
    }
    List<Integer> todo = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      if (chosen[r] || runs[r].underflow() || runs[r].entropy().compareTo(new Apfloat(TINY_ENTROPY)) < 0) {
        todo.add(r);
      }
    }
    long t1 = System.nanoTime();
    AtomicLong rdone = new AtomicLong();
    todo.parallelStream().forEach(r -> {
      String reason = runs[r].underflow() ? "underflow"
          : runs[r].entropy().compareTo(new Apfloat(TINY_ENTROPY)) < 0 ? "tiny-entropy" : "sample";
      ExperimentMatrix m = matrices.get(r / settings.size());
      Recheck c = precise(params.get(r), dists.init(m.k()), steps, precision, runs[r], fastLogits[r], reason);
      runs[r] = runs[r].underflow() ? runs[r].withRecheck(c) : withRecheckKeepFast(runs[r], c);
      report(progress, "arbitrary-precision re-check", rdone.incrementAndGet(), todo.size());
    });
    long recheckNanos = System.nanoTime() - t1;
    int agreed = 0;
    for (int r : todo) {
      Recheck c = runs[r].recheck();
      agreed += c != null && c.agrees() ? 1 : 0;
    }
    return new Result(settings, List.of(runs), fastNanos, recheckNanos, todo.size(), agreed);
  }

  private static Run withRecheckKeepFast(Run r, Recheck c) {
    return new Run(r.matrix(), r.setting(), r.cycleStrength(), r.cycleStrengthTail(), r.entropy(), r.top(), r.massOffTop(),
        r.underflow(), c);
  }

  private static void report(@Nullable Progress progress, String phase, long done, long total) {
    if (progress != null) {
      progress.done(phase, done, total);
    }
  }

  /** {@code count} distinct indices of {@code 0..n-1}, uniform, seeded (partial Fisher-Yates). */
  static int[] sampleIndices(int n, int count, long seed) {
    return HelpSteerMatrices.choose(n, count, new SplittableRandom(seed ^ 0x5DEECE66DL));
  }

  /** One run on the fast path; leaves the final logits in {@code theta}. */
  static Run fast(int matrix, int setting, MrsParameters params, Distribution init, long steps, double[] theta) {
    FastMrs map = new FastMrs(params);
    int k = map.k();
    System.arraycopy(FastMrs.logitsOf(init.toDoubles()), 0, theta, 0, k);
    double[] pi = new double[k];
    Moments all = new Moments(k);
    Moments tail = new Moments(k);
    long tailStart = steps / 2 + 1;
    boolean underflow = false;
    for (long t = 1; t <= steps; t++) {
      map.step(theta);
      FastMrs.softmax(theta, pi);
      for (double v : pi) {
        underflow |= v < Double.MIN_NORMAL;
      }
      all.add(pi);
      if (t >= tailStart) {
        tail.add(pi);
      }
    }
    int top = argmax(theta);
    double off = 0;
    for (int i = 0; i < k; i++) {
      off += i == top ? 0 : pi[i];
    }
    return new Run(matrix, setting, all.meanVariance(), tail.meanVariance(), entropyOf(theta), top, off, underflow, null);
  }

  /**
   * The terminal entropy from double logits. {@link FastMrs#entropy} is relatively accurate to a
   * few ulps while its terms are normal doubles; when it is subnormal or 0 (every non-top term
   * below double range, true entropy below about 1e-300) the entropy is taken from
   * {@link LogitPolicy#entropy} on the same logits, which is relatively accurate at any size.
   */
  static Apfloat entropyOf(double[] theta) {
    double h = FastMrs.entropy(theta);
    if (h >= Double.MIN_NORMAL) {
      return new Apfloat(h);
    }
    Precision p = Precision.ofDigits(20);
    Apfloat[] t = new Apfloat[theta.length];
    for (int i = 0; i < theta.length; i++) {
      t[i] = new Apfloat(theta[i], p.working());
    }
    return LogitPolicy.entropy(t, p);
  }

  /** The same run with the arbitrary-precision map, compared with the fast path. */
  static Recheck precise(MrsParameters params, Distribution init, long steps, Precision precision, Run fast,
      double[] fastTheta, String reason) {
    MrsMap map = new MrsMap(params, precision);
    Apfloat[] theta = map.logitsOf(init);
    int k = theta.length;
    PreciseMoments all = new PreciseMoments(k, precision);
    PreciseMoments tail = new PreciseMoments(k, precision);
    long tailStart = steps / 2 + 1;
    for (long t = 1; t <= steps; t++) {
      theta = map.apply(theta);
      Apfloat[] pi = LogitPolicy.policy(theta, precision);
      all.add(pi);
      if (t >= tailStart) {
        tail.add(pi);
      }
    }
    Apfloat h = LogitPolicy.entropy(theta, precision);
    double cs = all.meanVariance();
    double csTail = tail.meanVariance();
    double scale = 1;
    for (Apfloat v : theta) {
      scale = Math.max(scale, Math.abs(v.doubleValue()));
    }
    double err = 0;
    for (int i = 0; i < k; i++) {
      err = Math.max(err, Math.abs(fastTheta[i] - theta[i].doubleValue()) / scale);
    }
    boolean agrees = agrees(fast.cycleStrength(), cs, fast.entropy(), h, err, scale)
        && close(fast.cycleStrengthTail(), csTail, cycleStrengthFloor(csTail, scale));
    return new Recheck(reason, cs, csTail, h, fast.cycleStrength(), fast.cycleStrengthTail(), fast.entropy().doubleValue(),
        err, agrees);
  }

  /**
   * Agreement of a fast run with its arbitrary-precision re-run: cycle strengths equal to a
   * relative {@value #RELATIVE_AGREEMENT} (or within {@link #cycleStrengthFloor} at the run's logit
   * scale), terminal
   * entropies equal to a relative {@value #RELATIVE_AGREEMENT}, and final centered logits equal to
   * a relative {@value #RELATIVE_AGREEMENT} of {@code max(1, max|θ|)}.
   */
  static boolean agrees(double fastCs, double preciseCs, Apfloat fastH, Apfloat preciseH, double logitError,
      double logitScale) {
    return close(fastCs, preciseCs, cycleStrengthFloor(preciseCs, logitScale)) && logitError <= RELATIVE_AGREEMENT
        && relativeClose(fastH, preciseH);
  }

  private static boolean close(double a, double b, double floor) {
    return Math.abs(a - b) <= RELATIVE_AGREEMENT * Math.abs(b) + floor;
  }

  private static boolean relativeClose(Apfloat a, Apfloat b) {
    if (b.signum() == 0) {
      return a.signum() == 0;
    }
    Apfloat diff = ApfloatMath.abs(a.subtract(b));
    return diff.compareTo(ApfloatMath.abs(b).multiply(new Apfloat(RELATIVE_AGREEMENT))) <= 0;
  }

  static int argmax(double[] x) {
    int m = 0;
    for (int i = 1; i < x.length; i++) {
      if (x[i] > x[m]) {
        m = i;
      }
    }
    return m;
  }

  /** {@code log10 x} for an Apfloat of any exponent (-inf for 0). */
  static double log10(Apfloat x) {
    if (x.signum() <= 0) {
      return Double.NEGATIVE_INFINITY;
    }
    long scale = x.scale();
    Apfloat mantissa = ApfloatMath.scale(x, -scale);
    return scale + Math.log10(mantissa.doubleValue());
  }

  /** Running per-coordinate mean and sum of squared deviations (Welford), in doubles. */
  static final class Moments {
    private final double[] mean;
    private final double[] m2;
    private long n;

    Moments(int k) {
      mean = new double[k];
      m2 = new double[k];
    }

    void add(double[] x) {
      n++;
      for (int i = 0; i < x.length; i++) {
        double d = x[i] - mean[i];
        mean[i] += d / n;
        m2[i] += d * (x[i] - mean[i]);
      }
    }

    /** {@code (1/K) Σ_i (population variance of coordinate i)}; 0 when empty. */
    double meanVariance() {
      if (n == 0) {
        return 0;
      }
      double s = 0;
      for (double v : m2) {
        s += v;
      }
      return s / n / m2.length;
    }
  }

  /** The same statistic in arbitrary precision (two-pass free: exact Welford at working digits). */
  static final class PreciseMoments {
    private final Apfloat[] mean;
    private final Apfloat[] m2;
    private final Precision p;
    private long n;

    PreciseMoments(int k, Precision p) {
      this.p = p;
      mean = new Apfloat[k];
      m2 = new Apfloat[k];
      for (int i = 0; i < k; i++) {
        mean[i] = p.real(0);
        m2[i] = p.real(0);
      }
    }

    void add(Apfloat[] x) {
      n++;
      Apfloat count = p.real(n);
      for (int i = 0; i < x.length; i++) {
        Apfloat d = x[i].subtract(mean[i]);
        mean[i] = mean[i].add(d.divide(count));
        m2[i] = m2[i].add(d.multiply(x[i].subtract(mean[i])));
      }
    }

    double meanVariance() {
      if (n == 0) {
        return 0;
      }
      Apfloat s = p.real(0);
      for (Apfloat v : m2) {
        s = s.add(v);
      }
      return s.divide(p.real(n)).divide(p.real(m2.length)).doubleValue();
    }
  }
}
