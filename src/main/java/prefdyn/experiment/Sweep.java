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
import prefdyn.dynamics.BallOrbit;
import prefdyn.finite.SampledMrs;
import prefdyn.dynamics.FastMrs;
import prefdyn.dynamics.LogitPolicy;
import prefdyn.dynamics.MrsMap;
import prefdyn.dynamics.MrsParameters;
import prefdyn.num.Ball;
import prefdyn.num.Linalg;
import prefdyn.num.Precision;
import prefdyn.num.PrecisionLadder;
import prefdyn.pref.Distribution;
import prefdyn.search.Shard;

/**
 * The paper's sweep (docs/theory.md section 6): every matrix × every (α, λ, β) of the grid, MRS-IPO for
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
 * the smallest normal double at some round, or a terminal entropy below 1e-300), is re-run in ball
 * arithmetic in one pass ({@link BallOrbit}) and compared by enclosure, see {@link Agreement}. For the runs that
 * underflowed, the recorded entropy and final logits are the arbitrary-precision ones.
 */
public final class Sweep {
  /** Terminal entropies below this are re-checked in arbitrary precision. */
  public static final double TINY_ENTROPY = 1e-300;

  /**
   * The fast path's own stated error, relative: its final logits to {@code 1e-9·max(1, max|θ|)},
   * its terminal entropy and cycle strengths to {@code 1e-9} of their size (plus
   * {@link #cycleStrengthFloor}). This is a claim of the double path that the re-check tests; it
   * decides nothing by itself: a re-check agrees when the double value lies in the certified
   * enclosure widened by this error, disagrees when it lies outside.
   */
  public static final double FAST_PATH_RELATIVE_ERROR = 1e-9;

  /**
   * The fast path's stated absolute error floor for cycle strengths. A double policy coordinate is
   * resolved only to about {@code δ = 1e-15·max(1, max|θ|)} (the logits carry rounding relative to
   * their size, and a policy coordinate inherits it: with logits near ±1000 after a collapse, δ is
   * about 1e-12), so a time variance of such coordinates is resolved to about
   * {@code 2δ·sqrt(CS) + δ²}.
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
   * @param replicate replicate number j = 0..R-1 of a finite-sample cell (0 for a population run)
   * @param cycleStrength CS over rounds 1..T
   * @param cycleStrengthTail CS over rounds T/2+1..T
   * @param cycleStrengthOfMean CS of the cell's averaged trajectory {@code (1/R) Σ_j π_t^(j)} (the
   *     same for every replicate of a cell; a population run is its own average)
   * @param cycleStrengthTailOfMean the same over rounds T/2+1..T
   * @param entropy terminal entropy (arbitrary precision value, relatively accurate)
   * @param top index of the largest final logit
   * @param massOffTop {@code 1 - π_T,top}, as a double (0 when below the double range)
   * @param underflow some policy coordinate fell below {@link Double#MIN_NORMAL} in the fast path
   * @param recheck the arbitrary-precision comparison, when this run was re-checked
   */
  public record Run(int matrix, int setting, int replicate, double cycleStrength, double cycleStrengthTail,
      double cycleStrengthOfMean, double cycleStrengthTailOfMean, Apfloat entropy, int top, double massOffTop,
      boolean underflow, @Nullable Recheck recheck) {
    /** {@code log10 H} (finite for every H > 0, also below the double range; -inf for H = 0). */
    public double log10Entropy() {
      return Sweep.log10(entropy);
    }

    /** A population run: replicate 0, its own average. */
    static Run population(int matrix, int setting, double cs, double csTail, Apfloat entropy, int top, double massOffTop,
        boolean underflow) {
      return new Run(matrix, setting, 0, cs, csTail, cs, csTail, entropy, top, massOffTop, underflow, null);
    }

    Run withRecheck(Recheck r) {
      return new Run(matrix, setting, replicate, r.cycleStrength(), r.cycleStrengthTail(), r.cycleStrength(),
          r.cycleStrengthTail(), r.entropy(), top, massOffTop, underflow, r);
    }

    Run withRecheckKeepFast(Recheck r) {
      return new Run(matrix, setting, replicate, cycleStrength, cycleStrengthTail, cycleStrengthOfMean,
          cycleStrengthTailOfMean, entropy, top, massOffTop, underflow, r);
    }
  }

  /**
   * An arbitrary-precision re-run of a fast-path run.
   *
   * @param reason {@code sample}, {@code underflow} or {@code tiny-entropy}
   * @param fastCycleStrength the fast path's CS
   * @param fastEntropy the fast path's terminal entropy
   * @param maxLogitError {@code max_i |θ_i(fast) - θ_i(precise)| / max(1, max_i |θ_i(precise)|)} (midpoints; informative)
   * @param agreement the verdict by enclosure ({@link Agreement})
   * @param logitErrorBound the certified bound of the ball orbit's final logit error (2-norm, rounded up)
   */
  public record Recheck(String reason, double cycleStrength, double cycleStrengthTail, Apfloat entropy,
      double fastCycleStrength, double fastCycleStrengthTail, double fastEntropy, double maxLogitError,
      Agreement agreement, String logitErrorBound) {
    public boolean agrees() {
      return agreement == Agreement.AGREES;
    }
  }

  /**
   * A re-check's verdict on one double value x with stated error s against a certified enclosure
   * E: DISAGREES when x lies outside E widened by s (the fast path's claim is false); AGREES when x
   * lies inside and E itself is no wider than s (the claim is confirmed); UNDECIDED otherwise (the
   * enclosure is too wide to confirm the claim, or could not be obtained).
   */
  public enum Agreement {
    AGREES, DISAGREES, UNDECIDED;

    /** The verdict on x ± stated against the enclosure. */
    static Agreement of(double x, double stated, Ball enclosure) {
      if (!Double.isFinite(x) || !Double.isFinite(stated)) {
        return UNDECIDED;
      }
      return of(MrsMap.exactDouble(x), MrsMap.exactDouble(Math.abs(stated)), enclosure);
    }

    /** The verdict on the value v (a tight ball) ± stated (an upper bound) against the enclosure. */
    static Agreement of(Ball v, Ball s, Ball enclosure) {
      if (!enclosure.isFinite() || !v.isFinite() || !s.isFinite()) {
        return UNDECIDED;
      }
      if (!enclosure.inflate(s).contains(v)) {
        return DISAGREES;
      }
      return enclosure.sub(MrsMap.midpointOf(enclosure), 64).abs().sub(s, 64).isNonPositive() ? AGREES : UNDECIDED;
    }

    /** The conjunction: any disagreement disagrees, all agreeing agrees, else undecided. */
    static Agreement all(List<Agreement> parts) {
      if (parts.contains(DISAGREES)) {
        return DISAGREES;
      }
      return parts.stream().allMatch(a -> a == AGREES) ? AGREES : UNDECIDED;
    }

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * Finite-sample rounds ({@code --samples N --replicates R}): every cell (matrix × setting) is run
   * R times with {@link SampledMrs} (N comparisons a round), replicate j from the seed
   * {@link SampledMrs#replicateSeed}{@code (cellSeed(S, matrix), j)}. {@link #POPULATION}: the
   * population map, one run per cell.
   */
  public record Sampling(int samples, int replicates) {
    public static final Sampling POPULATION = new Sampling(0, 1);

    public Sampling {
      if (samples < 0 || replicates < 1 || (samples == 0 && replicates != 1)) {
        throw new IllegalArgumentException("bad sampling " + samples + " x " + replicates);
      }
    }

    public boolean sampled() {
      return samples > 0;
    }
  }

  /** Rounds of the replicate trace kept for the figure (rounds 0..min(T, this)). */
  public static final int TRACE_ROUNDS = 200;

  /**
   * The policies of every replicate of one cell over the first rounds, and their average: the data
   * of the "single replicates against their average" figure.
   *
   * @param pi {@code pi[j][t][i]}, replicate j, round t = 0..rounds
   * @param mean {@code mean[t][i] = (1/R) Σ_j pi[j][t][i]}
   */
  public record Trace(int matrix, int setting, double[][][] pi, double[][] mean) {}

  /** The whole sweep (or the cells of one shard: {@code runs} then holds only those). */
  public record Result(List<Setting> settings, List<Run> runs, long fastNanos, long recheckNanos, int rechecked,
      int agreed, int undecided, @Nullable Trace trace) {
    public Result {
      settings = List.copyOf(settings);
      runs = List.copyOf(runs);
    }
  }

  /**
   * Runs the sweep on the population map, unsharded.
   *
   * @param recheckFraction share of runs re-checked at random (seeded; at least one run)
   * @param precision precision of the re-check
   * @param progress nullable progress sink
   */
  public static Result run(List<ExperimentMatrix> matrices, List<Setting> settings, Distributions dists, long steps,
      double recheckFraction, long seed, Precision precision, @Nullable Progress progress) {
    return run(matrices, settings, dists, steps, recheckFraction, seed, precision, Sampling.POPULATION, Shard.ALL, progress);
  }

  /**
   * The work units of a sweep: cell u = matrix · |settings| + setting, in this order (matrix-major).
   * A shard does the cells it {@link Shard#owns}; the replicates of a cell stay together (the
   * averaged trajectory needs all of them).
   */
  public static int cell(int matrix, int setting, int settings) {
    return matrix * settings + setting;
  }

  /**
   * The cell whose replicates the figure traces, fixed before any run (so every shard agrees which
   * shard owns it): the first cyclic matrix (else matrix 0) at the setting of largest βλ (the T6
   * knob; the first such setting on ties).
   */
  public static int traceCell(List<ExperimentMatrix> matrices, List<Setting> settings) {
    int m = 0;
    for (int i = 0; i < matrices.size(); i++) {
      if (matrices.get(i).matrixClass() == MatrixClass.CYCLIC) {
        m = i;
        break;
      }
    }
    int best = 0;
    for (int s = 1; s < settings.size(); s++) {
      Aprational b = settings.get(s).beta().multiply(settings.get(s).lambda());
      Aprational top = settings.get(best).beta().multiply(settings.get(best).lambda());
      if (b.compareTo(top) > 0) {
        best = s;
      }
    }
    return cell(m, best, settings.size());
  }

  /**
   * Runs the sweep: the cells of {@code shard} (all with {@link Shard#ALL}), each on the population
   * map (fast path plus re-check) or as R finite-sample replicates.
   *
   * @param recheckFraction share of population runs re-checked at random (seeded over all cells,
   *     so shards re-check exactly the runs the unsharded sweep re-checks; at least one run)
   * @param precision precision of the re-check, and of the finite-sample rounds
   * @param progress nullable progress sink
   */
  public static Result run(List<ExperimentMatrix> matrices, List<Setting> settings, Distributions dists, long steps,
      double recheckFraction, long seed, Precision precision, Sampling sampling, Shard shard, @Nullable Progress progress) {
    int cells = matrices.size() * settings.size();
    List<Integer> own = new ArrayList<>();
    for (int u = 0; u < cells; u++) {
      if (shard.owns(u)) {
        own.add(u);
      }
    }
    int traceCell = cells == 0 ? -1 : traceCell(matrices, settings);
    MrsParameters[] params = new MrsParameters[cells];
    for (int u : own) {
      ExperimentMatrix m = matrices.get(u / settings.size());
      Setting s = settings.get(u % settings.size());
      params[u] = new MrsParameters(m.pref(), s.alpha(), s.lambda(), s.beta(), dists.ref(m.k()), dists.pi0(m.k()),
          MrsParameters.Method.IPO);
    }
    if (sampling.sampled()) {
      return runSampled(matrices, settings, dists, steps, seed, precision, sampling, own, params, traceCell, progress);
    }
    AtomicLong done = new AtomicLong();
    long t0 = System.nanoTime();
    Run[] runs = new Run[cells];
    double[][] fastLogits = new double[cells][];
    own.parallelStream().forEach(r -> {
      ExperimentMatrix m = matrices.get(r / settings.size());
      fastLogits[r] = new double[m.k()];
      runs[r] = fast(r / settings.size(), r % settings.size(), params[r], dists.init(m.k()), steps, fastLogits[r]);
      report(progress, "fast path", done.incrementAndGet(), own.size());
    });
    long fastNanos = System.nanoTime() - t0;

    boolean[] chosen = new boolean[cells];
    int sample = cells == 0 ? 0 : Math.max(1, (int) Math.ceil(recheckFraction * cells));
    for (int r : sampleIndices(cells, Math.min(sample, cells), seed)) {
      chosen[r] = true;
    }
    List<Integer> todo = new ArrayList<>();
    for (int r : own) {
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
      Recheck c = preciseOnLadder(params[r], dists.init(m.k()), steps, precision, runs[r], fastLogits[r], reason);
      runs[r] = runs[r].underflow() ? runs[r].withRecheck(c) : runs[r].withRecheckKeepFast(c);
      report(progress, "ball-arithmetic re-check", rdone.incrementAndGet(), todo.size());
    });
    long recheckNanos = System.nanoTime() - t1;
    int agreed = 0;
    int undecided = 0;
    for (int r : todo) {
      Recheck c = runs[r].recheck();
      agreed += c != null && c.agrees() ? 1 : 0;
      undecided += c != null && c.agreement() == Agreement.UNDECIDED ? 1 : 0;
    }
    List<Run> out = new ArrayList<>();
    for (int u : own) {
      out.add(runs[u]);
    }
    return new Result(settings, out, fastNanos, recheckNanos, todo.size(), agreed, undecided, null);
  }

  private static Result runSampled(List<ExperimentMatrix> matrices, List<Setting> settings, Distributions dists,
      long steps, long seed, Precision precision, Sampling sampling, List<Integer> own, MrsParameters[] params,
      int traceCell, @Nullable Progress progress) {
    AtomicLong done = new AtomicLong();
    long t0 = System.nanoTime();
    @SuppressWarnings("unchecked")
    List<Run>[] byCell = new List[own.size()];
    Trace[] trace = new Trace[1];
    long total = (long) own.size() * sampling.replicates();
    IntStream.range(0, own.size()).parallel().forEach(i -> {
      int u = own.get(i);
      int m = u / settings.size();
      int s = u % settings.size();
      Trace[] tr = u == traceCell ? trace : null;
      byCell[i] = sampledCell(m, s, params[u], dists.init(matrices.get(m).k()), steps, seed, precision, sampling, tr,
          () -> report(progress, "finite-sample replicates", done.addAndGet(1), total));
    });
    List<Run> out = new ArrayList<>();
    for (List<Run> c : byCell) {
      out.addAll(c);
    }
    return new Result(settings, out, System.nanoTime() - t0, 0, 0, 0, 0, trace[0]);
  }

  /** The seed of the finite-sample replicates of matrix m (the same for every setting). */
  public static long cellSeed(long seed, int matrix) {
    return SampledMrs.roundSeed(seed ^ 0x243F6A8885A308D3L, -1L - matrix);
  }

  /**
   * The R replicates of one cell with {@link SampledMrs} rounds at the given precision; the
   * statistics of each replicate and of their average {@code π̄_t = (1/R) Σ_j π_t^(j)} (summed in
   * replicate order, so the result does not depend on threads). Policies for the statistics are
   * the doubles {@code softmax(double(θ_t))}; the entropy is from the arbitrary-precision logits.
   */
  static List<Run> sampledCell(int matrix, int setting, MrsParameters params, Distribution init, long steps, long seed,
      Precision precision, Sampling sampling, Trace @Nullable [] trace, Runnable tick) {
    MrsMap map = new MrsMap(params, precision);
    SampledMrs sampled = new SampledMrs(map, sampling.samples());
    int k = params.k();
    int reps = sampling.replicates();
    int traceRounds = (int) Math.min(steps, TRACE_ROUNDS);
    double[][][] tracePi = trace == null ? new double[0][][] : new double[reps][traceRounds + 1][];
    double[][] sum = new double[(int) steps][k];
    long tailStart = steps / 2 + 1;
    List<Run> runs = new ArrayList<>();
    double[] pi = new double[k];
    double[] th = new double[k];
    Apfloat[] theta0 = Linalg.center(map.logitsOf(init), precision);
    for (int j = 0; j < reps; j++) {
      long rs = SampledMrs.replicateSeed(cellSeed(seed, matrix), j);
      Apfloat[] theta = theta0;
      if (trace != null) {
        policyOf(theta, th, pi);
        tracePi[j][0] = pi.clone();
      }
      Moments all = new Moments(k);
      Moments tail = new Moments(k);
      boolean underflow = false;
      for (long t = 1; t <= steps; t++) {
        theta = sampled.round(theta, rs, t);
        policyOf(theta, th, pi);
        for (int i = 0; i < k; i++) {
          underflow |= pi[i] < Double.MIN_NORMAL;
          sum[(int) (t - 1)][i] += pi[i];
        }
        all.add(pi);
        if (t >= tailStart) {
          tail.add(pi);
        }
        if (trace != null && t <= traceRounds) {
          tracePi[j][(int) t] = pi.clone();
        }
      }
      int top = argmax(th);
      double off = 0;
      for (int i = 0; i < k; i++) {
        off += i == top ? 0 : pi[i];
      }
      runs.add(new Run(matrix, setting, j, all.meanVariance(), tail.meanVariance(), Double.NaN, Double.NaN,
          LogitPolicy.entropy(theta, precision), top, off, underflow, null));
      tick.run();
    }
    Moments all = new Moments(k);
    Moments tail = new Moments(k);
    double[] mean = new double[k];
    for (long t = 1; t <= steps; t++) {
      for (int i = 0; i < k; i++) {
        mean[i] = sum[(int) (t - 1)][i] / reps;
      }
      all.add(mean);
      if (t >= tailStart) {
        tail.add(mean);
      }
    }
    List<Run> out = new ArrayList<>();
    for (Run r : runs) {
      out.add(new Run(r.matrix(), r.setting(), r.replicate(), r.cycleStrength(), r.cycleStrengthTail(), all.meanVariance(),
          tail.meanVariance(), r.entropy(), r.top(), r.massOffTop(), r.underflow(), null));
    }
    if (trace != null) {
      double[][] m = new double[traceRounds + 1][k];
      for (int t = 0; t <= traceRounds; t++) {
        for (int j = 0; j < reps; j++) {
          for (int i = 0; i < k; i++) {
            m[t][i] += tracePi[j][t][i];
          }
        }
        for (int i = 0; i < k; i++) {
          m[t][i] /= reps;
        }
      }
      trace[0] = new Trace(matrix, setting, tracePi, m);
    }
    return out;
  }

  /** {@code th = double(θ)}, {@code pi = softmax(th)}. */
  private static void policyOf(Apfloat[] theta, double[] th, double[] pi) {
    for (int i = 0; i < th.length; i++) {
      th[i] = theta[i].doubleValue();
    }
    FastMrs.softmax(th, pi);
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
      map.step(theta, pi);
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
    return Run.population(matrix, setting, all.meanVariance(), tail.meanVariance(), entropyOf(theta), top, off, underflow);
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

  /** Bits of the entropy comparison of the re-check: far beyond the double path's. */
  static final int STAT_BITS = 128;

  /**
   * Bits of the re-check's policies and moments. The moments are taken about a shift c close to
   * the time mean (the fast path's final policy), so the one cancellation of the variance,
   * {@code (1/n)Σ(π−c)² − (π̄−c)²}, is between numbers of the size of the variance itself (plus
   * {@code (π̄−c)²}), and 64-bit balls resolve it far below the fast path's stated error
   * ({@link #FAST_PATH_RELATIVE_ERROR} relative, floor {@code δ² >= 1e-30}); the identity holds
   * for every c, so the shift only changes widths, never containment.
   */
  static final int MOMENT_BITS = 64;

  /**
   * Largest radius of an invariant ball ({@link BallOrbit#invariant}) that ends a re-check early:
   * 2^-64, the resolution of the per-round statistics ({@link #MOMENT_BITS}), so the policies of the
   * remaining rounds are enclosed as tightly as a round's own 64-bit policy would be. A converging
   * run (contraction near its fixed point, T7) reaches it after tens to hundreds of rounds; an
   * oscillating one never does and is re-checked round by round.
   */
  static final double INVARIANT_RADIUS = 0x1p-64;

  /**
   * The same run in ball arithmetic, in one pass ({@link BallOrbit} at the precision's bits),
   * compared with the fast path by enclosure ({@link Agreement}): final logits, terminal entropy,
   * cycle strength and its tail. Once the orbit is certified to stay in a ball of radius at most
   * {@link #INVARIANT_RADIUS} ({@link BallOrbit#invariant}: the round maps the ball into itself),
   * the remaining rounds enter the moments as one enclosure repeated (every later θ_t lies in
   * that ball) and the final logits are that ball: a converging run costs the rounds until its
   * orbit settles, not T (proofs-notes/recheck.md). Runs that underflowed in double record the
   * re-check's own statistics, and keep the round-by-round computation (their recorded values
   * stay what they were before the shortcut existed).
   */
  static Recheck precise(MrsParameters params, Distribution init, long steps, Precision precision, Run fast,
      double[] fastTheta, String reason) {
    return precise(params, init, steps, precision, precision.digits(), fast, fastTheta, reason);
  }

  /**
   * {@link #precise} on the one "raise the precision until it decides" policy ({@link
   * PrecisionLadder}): a comparison still UNDECIDED at the requested digits (typically a run at
   * α = 1, which is not a contraction, so the orbit's error bound grows round after round) is
   * re-run at doubled digits up to the default cap. A settled comparison is never recomputed; one
   * still undecided at the cap stays UNDECIDED. The recorded values keep the requested digits.
   */
  static Recheck preciseOnLadder(MrsParameters params, Distribution init, long steps, Precision precision, Run fast,
      double[] fastTheta, String reason) {
    return PrecisionLadder.defaultFor(precision).climb(precision,
        q -> precise(params, init, steps, q, precision.digits(), fast, fastTheta, reason),
        c -> c.agreement() != Agreement.UNDECIDED).value();
  }

  private static Recheck precise(MrsParameters params, Distribution init, long steps, Precision precision,
      int outDigits, Run fast, double[] fastTheta, String reason) {
    MrsMap map = new MrsMap(params, Precision.ofDigits(20));
    int bits = precision.bits();
    BallOrbit orbit = new BallOrbit(map, map.logitsOfBalls(init, bits, "start"), bits);
    int k = params.k();
    double[] c = new double[k];
    FastMrs.softmax(fastTheta, c);
    Ball[] shift = new Ball[k];
    for (int i = 0; i < k; i++) {
      shift[i] = MrsMap.exactDouble(c[i]);
    }
    BallMoments all = new BallMoments(k);
    BallMoments tail = new BallMoments(k);
    long tailStart = steps / 2 + 1;
    boolean shortcut = !fast.underflow();
    BallOrbit.@Nullable Invariant invariant = null;
    for (long t = 1; t <= steps; t++) {
      orbit.step();
      invariant = shortcut ? orbit.invariant(INVARIANT_RADIUS) : null;
      if (invariant != null) {
        // θ_s lies in the invariant ball for every s >= t - 1: rounds t..T in one enclosure
        Ball[] d = shifted(MrsMap.policy(invariant.box(), MOMENT_BITS), shift);
        all.add(d, steps - t + 1);
        tail.add(d, steps - Math.max(t, tailStart) + 1);
        break;
      }
      Ball[] d = shifted(MrsMap.policy(orbit.box(), MOMENT_BITS), shift);
      all.add(d, 1);
      tail.add(d, t >= tailStart ? 1 : 0);
    }
    Ball[] theta = invariant != null ? invariant.box() : orbit.box();
    Ball h = MrsMap.entropy(theta, bits);
    Ball cs = all.meanVariance();
    Ball csTail = tail.meanVariance();
    double scale = 1;
    for (Ball v : theta) {
      scale = Math.max(scale, Math.abs(v.midDouble()));
    }
    double err = 0;
    List<Agreement> parts = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      err = Math.max(err, Math.abs(fastTheta[i] - theta[i].midDouble()) / scale);
      parts.add(Agreement.of(fastTheta[i], FAST_PATH_RELATIVE_ERROR * scale, theta[i]));
    }
    double fastH = fast.entropy().doubleValue();
    Ball fastHBall = Ball.of(fast.entropy(), STAT_BITS);
    parts.add(Agreement.of(fastHBall, fastHBall.abs().mul(MrsMap.exactDouble(FAST_PATH_RELATIVE_ERROR), STAT_BITS), h));
    parts.add(Agreement.of(fast.cycleStrength(), FAST_PATH_RELATIVE_ERROR * Math.abs(fast.cycleStrength())
        + cycleStrengthFloor(fast.cycleStrength(), scale), cs));
    parts.add(Agreement.of(fast.cycleStrengthTail(), FAST_PATH_RELATIVE_ERROR * Math.abs(fast.cycleStrengthTail())
        + cycleStrengthFloor(fast.cycleStrengthTail(), scale), csTail));
    Apfloat hValue = h.isFinite() ? h.mid(Math.max(20, outDigits)) : new Apfloat(0);
    return new Recheck(reason, cs.midDouble(), csTail.midDouble(), hValue, fast.cycleStrength(),
        fast.cycleStrengthTail(), fastH, err, Agreement.all(parts),
        (invariant != null ? invariant.radius() : orbit.error()).upperDecimal(3));
  }

  /** {@code π − c}, entry by entry, at {@link #MOMENT_BITS}. */
  private static Ball[] shifted(Ball[] pi, Ball[] c) {
    Ball[] d = new Ball[pi.length];
    for (int i = 0; i < pi.length; i++) {
      d[i] = pi[i].sub(c[i], MOMENT_BITS);
    }
    return d;
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

  /**
   * The same statistic in balls, on shifted values {@code d = π − c} (see {@link #MOMENT_BITS}):
   * per coordinate {@code Σ d} and {@code Σ d²}, and
   * {@code (1/K) Σ_i (Σd²/n − (Σd/n)²)} (= the time variance of π_i for any c), every operation
   * enclosing its rounding.
   */
  static final class BallMoments {
    /** {@code powerSums[p - 1][i] = Σ_t d_{t,i}^p} for the powers p = 1, 2. */
    private final Ball[][] powerSums;
    private long n;

    BallMoments(int k) {
      powerSums = new Ball[2][k];
      for (Ball[] s : powerSums) {
        java.util.Arrays.fill(s, Ball.ZERO);
      }
    }

    /** Adds {@code times} values, each lying in the ball d (times = 0: nothing). */
    void add(Ball[] d, long times) {
      if (times <= 0) {
        return;
      }
      n += times;
      for (int i = 0; i < d.length; i++) {
        Ball power = d[i];
        for (int p = 0; p < powerSums.length; p++) {
          power = p == 0 ? power : power.mul(d[i], MOMENT_BITS);
          powerSums[p][i] = powerSums[p][i].add(times == 1 ? power : power.mul(times), MOMENT_BITS);
        }
      }
    }

    Ball meanVariance() {
      if (n == 0) {
        return Ball.ZERO;
      }
      Ball count = Ball.exact(n);
      Ball s = Ball.ZERO;
      int k = powerSums[0].length;
      for (int i = 0; i < k; i++) {
        Ball mean = powerSums[0][i].div(count, MOMENT_BITS);
        Ball meanSquare = powerSums[1][i].div(count, MOMENT_BITS);
        s = s.add(meanSquare.sub(mean.sqr(MOMENT_BITS), MOMENT_BITS), MOMENT_BITS);
      }
      return s.div(Ball.exact(k), MOMENT_BITS);
    }
  }
}
