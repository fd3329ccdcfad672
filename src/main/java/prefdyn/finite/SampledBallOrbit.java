package prefdyn.finite;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.apfloat.Apfloat;
import org.apfloat.Aprational;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.dynamics.CheckedTrajectory;
import prefdyn.dynamics.MrsMap;
import prefdyn.dynamics.MrsParameters;
import prefdyn.num.Ball;
import prefdyn.num.Rationals;
import prefdyn.pref.PreferenceMatrix;

/**
 * A certified finite-sample MRS-IPO orbit ({@code proofs-notes/finite-sample.md}, "Certified
 * trajectories"): after t rounds it holds an exact point {@code m_t} and a bound {@code e_t} with
 * {@code ||θ_t − m_t||_2 <= e_t}, where θ_t is the TRUE sampled trajectory of the seed (the
 * trajectory that exact real arithmetic would produce from the same random bits). One round:
 *
 * <ol>
 *   <li>the sampler's partial sums {@code S_k = μ_0 + … + μ_k} are enclosed on the whole box
 *       {@code m ± e} (ball softmax);</li>
 *   <li>each draw {@code v} (53 bits of {@code SplittableRandom(SampledMrs.roundSeed(S, t))})
 *       stands for the odd dyadic {@code u = (2v+1)/2^54}; a response is
 *       {@code y = min{k : u <= S_k}} (k = K−1 if none), and each comparison {@code u <= S_k} is
 *       DECIDED on the enclosure: true when {@code 2v+1 <= floor(2^54 lo S_k)}, false when
 *       {@code 2v+1 > floor(2^54 hi S_k)}; otherwise the round is undecided at this precision
 *       ({@link #step} returns the reason and the driver retries at a higher precision);</li>
 *   <li>outcomes compare u with the exact P: y beats y′ iff {@code u <= P_yy′} (y &lt; y′) or
 *       {@code u < P_yy′} (y &gt; y′), decided exactly in integers for rational P (on the
 *       enclosure of the entry otherwise);</li>
 *   <li>the potential r is the EXACT rational solution of the Laplacian system
 *       ({@link FlowPotential#solve}); the next point is {@code Π(α m + (1−α) log π_ref + r)} in
 *       balls, its midpoints are {@code m_{t+1}}, and {@code e_{t+1} = α e_t + ||rad||_1}: given
 *       the sample the round is affine in θ with linear part {@code Πα}, of 2-norm α.</li>
 * </ol>
 *
 * These predicates are exactly those of {@link ComparisonSampler} ({@code v < round(2^53 x)} iff
 * {@code 2v+1 <= 2^54 x}), so with the same seed this orbit draws the same sample as
 * {@link SampledMrs} whenever the latter's working-precision thresholds are right.
 */
public final class SampledBallOrbit implements CheckedTrajectory.Orbit {
  private static final int SHIFT = 54;

  private final MrsParameters params;
  private final int prec;
  private final long seed;
  private final int samples;
  private final Ball alpha;
  private final Ball lambda;
  private final Ball oneMinusLambda;
  /** {@code (1−α) Π log π_ref}. */
  private final Ball[] constant;
  /** Partial sums of π_0 as balls. */
  private final Ball[] pi0Sums;
  /** {@code yWins[y][y′]}: y beats y′ iff {@code 2v+1 <= lowCut}; not iff {@code > highCut}. */
  private final long[][] outcomeLow;
  private final long[][] outcomeHigh;
  private Ball[] mid;
  private Ball err;
  private long t;

  /**
   * Starts at the box {@code theta0} ({@code e_0 = Σ radii}).
   *
   * @throws IllegalArgumentException if the parameters are not IPO rounds or N < 1
   */
  public SampledBallOrbit(MrsParameters params, Ball[] theta0, int prec, long seed, int samples) {
    if (params.method() != MrsParameters.Method.IPO) {
      throw new IllegalArgumentException("finite-sample rounds are IPO rounds");
    }
    if (samples < 1) {
      throw new IllegalArgumentException("the number of comparisons per round must be >= 1, got " + samples);
    }
    this.params = params;
    this.prec = prec;
    this.seed = seed;
    this.samples = samples;
    int k = params.k();
    int wp = prec + 16;
    this.alpha = Ball.of(params.alpha(), wp);
    this.lambda = Ball.of(params.lambda(), wp);
    this.oneMinusLambda = Ball.of(Rationals.ONE.subtract(params.lambda()), wp);
    Ball oneMinusAlpha = Ball.of(Rationals.ONE.subtract(params.alpha()), wp);
    Ball[] logRef = MrsMap.logitsOfBalls(params.ref(), wp);
    this.constant = new Ball[k];
    for (int i = 0; i < k; i++) {
      constant[i] = oneMinusAlpha.mul(logRef[i], wp);
    }
    this.pi0Sums = new Ball[k];
    Ball s = Ball.ZERO;
    for (int i = 0; i < k; i++) {
      s = s.add(ball(params.pi0().get(i), wp), wp);
      pi0Sums[i] = s;
    }
    PreferenceMatrix p = params.pref();
    this.outcomeLow = new long[k][k];
    this.outcomeHigh = new long[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        if (i == j) {
          continue;
        }
        boolean strict = i > j;
        if (p.isExact()) {
          long c = cut(p.exact(i, j), strict);
          outcomeLow[i][j] = c;
          outcomeHigh[i][j] = c;
        } else {
          Ball e = ball(p.entry(i, j), wp);
          Aprational lo = e.lo();
          Aprational hi = e.hi();
          outcomeLow[i][j] = lo == null ? -1 : cut(lo, strict);
          outcomeHigh[i][j] = hi == null ? Long.MAX_VALUE : cut(hi, strict);
        }
      }
    }
    this.mid = new Ball[k];
    Ball e0 = Ball.ZERO;
    for (int i = 0; i < k; i++) {
      mid[i] = theta0[i].midpoint();
      e0 = e0.add(theta0[i].radius(), 64);
    }
    this.err = e0;
  }

  public long t() {
    return t;
  }

  /** The error bound {@code e_t} (its upper end bounds {@code ||θ_t − m_t||_2}). */
  @Override
  public Ball error() {
    return err;
  }

  /** The box {@code m_t ± e_t}: every coordinate of θ_t lies in its ball. */
  @Override
  public Ball[] box() {
    Ball[] out = new Ball[mid.length];
    for (int i = 0; i < mid.length; i++) {
      out[i] = mid[i].inflate(err);
    }
    return out;
  }

  /** The comparisons of the last round (null before the first). */
  public @Nullable ComparisonCounts lastCounts() {
    return lastCounts;
  }

  private @Nullable ComparisonCounts lastCounts;

  /**
   * One round (t → t+1).
   *
   * @return null when done; otherwise why this round's sample could not be decided at this
   *     precision (the orbit is then unchanged)
   */
  @Override
  public @Nullable String step() {
    int k = mid.length;
    int wp = prec + 16;
    if (!err.isFinite()) {
      return "round " + (t + 1) + ": the enclosure of the previous round is not finite";
    }
    Ball[] pi = Ball.softmax(box(), wp);
    long[] low = new long[k - 1];
    long[] high = new long[k - 1];
    Ball piSum = Ball.ZERO;
    for (int i = 0; i < k - 1; i++) {
      piSum = piSum.add(pi[i], wp);
      Ball sk = lambda.mul(piSum, wp).add(oneMinusLambda.mul(pi0Sums[i], wp), wp);
      Aprational lo = sk.lo();
      Aprational hi = sk.hi();
      if (lo == null || hi == null) {
        return "round " + (t + 1) + ": the sampler's enclosure is not finite";
      }
      low[i] = cut(lo, false);
      high[i] = cut(hi, false);
    }
    SplittableRandom rng = new SplittableRandom(SampledMrs.roundSeed(seed, t + 1));
    long[][] pairs = new long[k][k];
    long[] net = new long[k];
    for (int s = 0; s < samples; s++) {
      int y = pick(low, high, 2 * (rng.nextLong() >>> 11) + 1);
      int y2 = pick(low, high, 2 * (rng.nextLong() >>> 11) + 1);
      long w = 2 * (rng.nextLong() >>> 11) + 1;
      if (y < 0 || y2 < 0) {
        return "round " + (t + 1) + ", comparison " + (s + 1) + ": a response draw lies within the enclosure of"
            + " the sampler's cumulative distribution";
      }
      if (y == y2) {
        continue;
      }
      boolean yWins;
      if (w <= outcomeLow[y][y2]) {
        yWins = true;
      } else if (w > outcomeHigh[y][y2]) {
        yWins = false;
      } else {
        return "round " + (t + 1) + ", comparison " + (s + 1) + ": an outcome draw lies within the enclosure of P";
      }
      pairs[y][y2]++;
      pairs[y2][y]++;
      net[y] += yWins ? 1 : -1;
      net[y2] += yWins ? -1 : 1;
    }
    ComparisonCounts counts = ComparisonCounts.ofCounts(pairs, net);
    Ball[] y = roundPoint(mid, counts);
    Ball rad = Ball.ZERO;
    Ball[] next = new Ball[k];
    for (int i = 0; i < k; i++) {
      if (!y[i].isFinite()) {
        return "round " + (t + 1) + ": the round's enclosure is not finite";
      }
      next[i] = y[i].midpoint();
      rad = rad.add(y[i].radius(), 64);
    }
    err = alpha.abs().mul(err, 64).add(rad, 64).upper();
    mid = next;
    lastCounts = counts;
    t++;
    return null;
  }

  /**
   * The round at the exact point {@code m} given the comparisons: a ball vector containing
   * {@code Π(α m + (1−α) log π_ref + r)}, r = {@link FlowPotential#solve} of the counts (exact).
   */
  public Ball[] roundPoint(Ball[] m, ComparisonCounts counts) {
    int k = m.length;
    int wp = prec + 16;
    Aprational[] r = FlowPotential.solve(counts, params.beta());
    Ball[] v = new Ball[k];
    for (int i = 0; i < k; i++) {
      Ball x = alpha.mul(m[i], wp).add(constant[i], wp);
      v[i] = r[i].signum() == 0 ? x : x.add(Ball.of(r[i], wp), wp);
    }
    return MrsMap.center(v, prec);
  }

  /** {@code min{k : w <= 2^54 S_k}} as decided by the cuts; K−1 if none; −1 if undecided. */
  private static int pick(long[] low, long[] high, long w) {
    for (int i = 0; i < low.length; i++) {
      if (w <= low[i]) {
        return i;
      }
      if (w <= high[i]) {
        return -1;
      }
    }
    return low.length;
  }

  /**
   * The integer cut c of the predicate "{@code w <= 2^54 x}" (strict: "{@code w < 2^54 x}") for
   * integers w: the predicate holds iff {@code w <= c}. Clamped to [−1, 2^54 + 1].
   */
  static long cut(Aprational x, boolean strict) {
    BigInteger num = x.numerator().toBigInteger().shiftLeft(SHIFT);
    BigInteger den = x.denominator().toBigInteger();
    BigInteger[] qr = num.divideAndRemainder(den);
    BigInteger floor = qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    if (strict && qr[1].signum() == 0) {
      floor = floor.subtract(BigInteger.ONE); // w < n (n integer) iff w <= n - 1
    }
    BigInteger lo = BigInteger.ONE.negate();
    BigInteger hi = BigInteger.ONE.shiftLeft(SHIFT).add(BigInteger.ONE);
    return floor.max(lo).min(hi).longValueExact();
  }

  private static Ball ball(Apfloat x, int prec) {
    return x instanceof Aprational q ? Ball.of(q, prec) : Ball.of(x, prec);
  }
}
