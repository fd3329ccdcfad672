package prefdyn.finite;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.apfloat.Apint;
import org.apfloat.Aprational;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.PreferenceMatrix;

/**
 * Draws the comparisons of one round, deterministically ({@code proofs-notes/finite-sample.md},
 * "Randomness"). Every probability is first QUANTIZED to a dyadic rational with denominator
 * {@code 2^53}, and a draw compares a uniform 53-bit integer {@code v = rng.nextLong() >>> 11}
 * with integer thresholds. So the law actually sampled is known exactly (no floating-point
 * rounding inside the sampler), and the same thresholds and seed give the same sample on every
 * machine:
 * <ul>
 *   <li>responses: {@code T_k = round(2^53 (μ_0 + … + μ_k))} (half up, computed from μ at working
 *       precision or exactly, clamped to be nondecreasing, {@code T_{K-1} = 2^53});
 *       {@code y = min{k : v < T_k}}. The exact law is {@code μ̃_k = (T_k − T_{k−1})/2^53}, within
 *       {@code 2^-53} plus the working-precision error of μ.</li>
 *   <li>outcomes: for i &lt; j, {@code t_ij = round(2^53 P_ij)}, {@code t_ji = 2^53 − t_ij},
 *       {@code t_ii = 2^52}; y beats y′ ({@code o = 1}) iff {@code v < t_yy′}. The law
 *       {@code P̃ = t/2^53} is again a valid preference matrix ({@code P̃ + P̃ᵀ = 11ᵀ}); it equals P
 *       for dyadic entries such as the 3-cycle's.</li>
 * </ul>
 * One comparison consumes exactly three draws (y, y′, o), also when y = y′.
 */
public final class ComparisonSampler {
  /** {@code 2^53}: the common denominator of all quantized probabilities. */
  public static final long ONE = 1L << 53;

  private static final Apint ONE_AP = new Apint(ONE);

  private final long[][] outcome;

  /** The outcome thresholds of P (exact entries, or approximate ones at working precision). */
  public ComparisonSampler(PreferenceMatrix p, Precision precision) {
    int k = p.k();
    outcome = new long[k][k];
    for (int i = 0; i < k; i++) {
      outcome[i][i] = ONE / 2;
      for (int j = i + 1; j < k; j++) {
        long t = p.isExact() ? roundHalfUp(p.exact(i, j)) : roundHalfUp(precision.real(p.entry(i, j)));
        t = Math.max(0, Math.min(ONE, t));
        outcome[i][j] = t;
        outcome[j][i] = ONE - t;
      }
    }
  }

  public int k() {
    return outcome.length;
  }

  /** The preference law actually sampled, {@code P̃ = t/2^53}, exact. */
  public PreferenceMatrix outcomeLaw() {
    int k = k();
    Aprational[][] q = new Aprational[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        q[i][j] = dyadic(outcome[i][j]);
      }
    }
    return PreferenceMatrix.of(q);
  }

  /** Response thresholds of an exact distribution (entries ≥ 0 summing to 1). */
  public static long[] thresholds(Aprational[] mu) {
    long[] t = new long[mu.length];
    Aprational c = Rationals.ZERO;
    for (int i = 0; i < mu.length; i++) {
      c = c.add(mu[i]);
      t[i] = roundHalfUp(c);
    }
    return clamp(t);
  }

  /** Response thresholds of a distribution held at working precision (the dynamics' μ_t). */
  public static long[] thresholds(Apfloat[] mu, Precision precision) {
    long[] t = new long[mu.length];
    Apfloat c = precision.real(0);
    for (int i = 0; i < mu.length; i++) {
      c = c.add(mu[i]);
      t[i] = roundHalfUp(c);
    }
    return clamp(t);
  }

  /** The law {@code μ̃_k = (T_k − T_{k−1})/2^53} that {@link #draw} samples responses from, exact. */
  public static Aprational[] law(long[] thresholds) {
    Aprational[] out = new Aprational[thresholds.length];
    long prev = 0;
    for (int i = 0; i < thresholds.length; i++) {
      out[i] = dyadic(thresholds[i] - prev);
      prev = thresholds[i];
    }
    return out;
  }

  /** Draws n comparisons with responses from the thresholded law; returns their counts. */
  public ComparisonCounts draw(long[] thresholds, int n, SplittableRandom rng) {
    int k = k();
    if (thresholds.length != k) {
      throw new IllegalArgumentException("thresholds have " + thresholds.length + " entries, K = " + k);
    }
    long[][] pairs = new long[k][k];
    long[] net = new long[k];
    for (int s = 0; s < n; s++) {
      int y = pick(thresholds, rng.nextLong() >>> 11);
      int y2 = pick(thresholds, rng.nextLong() >>> 11);
      boolean yWins = (rng.nextLong() >>> 11) < outcome[y][y2];
      if (y != y2) {
        pairs[y][y2]++;
        pairs[y2][y]++;
        net[y] += yWins ? 1 : -1;
        net[y2] += yWins ? -1 : 1;
      }
    }
    return ComparisonCounts.ofCounts(pairs, net);
  }

  private static int pick(long[] t, long v) {
    int i = 0;
    while (v >= t[i]) {
      i++;
    }
    return i;
  }

  private static long[] clamp(long[] t) {
    long prev = 0;
    for (int i = 0; i < t.length; i++) {
      prev = Math.max(prev, Math.min(ONE, t[i]));
      t[i] = prev;
    }
    if (t.length > 0) {
      t[t.length - 1] = ONE;
    }
    return t;
  }

  private static Aprational dyadic(long numerator) {
    return new Aprational(new Apint(numerator), ONE_AP);
  }

  /** {@code floor(2^53 q + 1/2)}, exact. */
  static long roundHalfUp(Aprational q) {
    BigInteger num = q.numerator().toBigInteger().shiftLeft(54).add(q.denominator().toBigInteger());
    BigInteger den = q.denominator().toBigInteger().shiftLeft(1);
    return clampLong(floorDiv(num, den));
  }

  /** {@code floor(2^53 x + 1/2)} of a working-precision number. */
  static long roundHalfUp(Apfloat x) {
    Apfloat scaled = x.multiply(ONE_AP).add(Rationals.HALF);
    return clampLong(ApfloatMath.floor(scaled).toBigInteger());
  }

  private static BigInteger floorDiv(BigInteger a, BigInteger b) {
    BigInteger[] qr = a.divideAndRemainder(b);
    return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
  }

  private static long clampLong(BigInteger v) {
    if (v.signum() < 0) {
      return 0;
    }
    return v.bitLength() > 62 ? Long.MAX_VALUE : v.longValueExact();
  }
}
