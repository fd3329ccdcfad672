package prefdyn.dynamics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import net.jqwik.api.Example;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apfloat.Apfloat;
import prefdyn.gen.Distributions;
import prefdyn.gen.Matrices;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;

/**
 * The double-precision fast path agrees with the arbitrary-precision round wherever doubles do not
 * underflow; its entropy is relatively accurate (checked against {@link LogitPolicy#entropy}).
 */
class FastMrsTest {
  @Provide
  Arbitrary<MrsParameters> params() {
    return Arbitraries.integers().between(2, 5).flatMap(k -> Combinators.combine(
        Matrices.any(k, k), Arbitraries.integers().between(0, 10), Arbitraries.integers().between(0, 4),
        Arbitraries.integers().between(1, 24), Distributions.interior(k), Distributions.any(k))
        .as((p, a, l, b, ref, pi0) -> new MrsParameters(p, Rationals.of(a, 10), Rationals.of(l, 4), Rationals.of(b, 4),
            ref, pi0, MrsParameters.Method.IPO)))
        .filter(mp -> FastMrs.contractionUpperBound(mp) <= 1.0);
  }

  @Property(tries = 60)
  void fastPathMatchesArbitraryPrecision(@ForAll("params") MrsParameters mp) {
    Precision p = Precision.ofDigits(30);
    MrsMap map = new MrsMap(mp, p);
    FastMrs fast = new FastMrs(mp);
    Apfloat[] theta = map.logitsOf(prefdyn.pref.Distribution.uniform(mp.k()));
    double[] d = new double[mp.k()];
    for (int i = 0; i < d.length; i++) {
      d[i] = theta[i].doubleValue();
    }
    for (int t = 1; t <= 200; t++) {
      theta = map.apply(theta);
      fast.step(d);
      double scale = 1;
      for (Apfloat v : theta) {
        scale = Math.max(scale, Math.abs(v.doubleValue()));
      }
      for (int i = 0; i < d.length; i++) {
        double err = Math.abs(d[i] - theta[i].doubleValue());
        assertTrue(err <= 1e-11 * scale * t, "round " + t + " logit " + i + ": " + d[i] + " vs " + theta[i]);
      }
    }
    // policies (no entry below double range here: the logits stay bounded for L <= 1)
    double[] pi = new double[mp.k()];
    FastMrs.softmax(d, pi);
    Apfloat[] exact = LogitPolicy.policy(theta, p);
    for (int i = 0; i < pi.length; i++) {
      double e = exact[i].doubleValue();
      if (e > 1e-300) {
        assertTrue(Math.abs(pi[i] - e) <= 1e-9 * e + 1e-300, "policy " + i + ": " + pi[i] + " vs " + e);
      }
    }
  }

  /**
   * The policy a round hands back is the softmax of the logits it leaves, and reusing it (a
   * trajectory) gives bit-for-bit the rounds of fresh instances (no reuse); a caller that changes
   * the logits between rounds gets the softmax of what it passed, not a stale one.
   */
  @Property(tries = 40)
  void reusedPolicyIsExactlyTheFreshOne(@ForAll("params") MrsParameters mp) {
    FastMrs reused = new FastMrs(mp);
    double[] a = FastMrs.logitsOf(mp.pi0().toDoubles());
    double[] b = a.clone();
    double[] pi = new double[mp.k()];
    double[] fresh = new double[mp.k()];
    for (int t = 1; t <= 50; t++) {
      reused.step(a, pi);
      new FastMrs(mp).step(b);
      assertTrue(java.util.Arrays.equals(a, b), "round " + t);
      FastMrs.softmax(b, fresh);
      assertTrue(java.util.Arrays.equals(pi, fresh), "policy, round " + t);
    }
    a[0] += 0.5; // the caller moves the logits: the kept policy must not be used
    b[0] += 0.5;
    reused.step(a);
    new FastMrs(mp).step(b);
    assertTrue(java.util.Arrays.equals(a, b), "after an outside change");
  }

  /**
   * The fused round (one pass for the affine map, one for centering and maximum, one for the
   * softmax, no copies) performs the same double operations in the same order as the previous
   * unfused round: identical logits and policies, bit for bit, over a trajectory, after an outside
   * change of the logits, and through the logits-only {@code step} and {@code run}.
   */
  @Property(tries = 40)
  void fusedRoundIsBitForBitTheUnfusedOne(@ForAll("params") MrsParameters mp) {
    FastMrs fused = new FastMrs(mp);
    FastMrs unfused = new FastMrs(mp);
    double[] a = FastMrs.logitsOf(mp.pi0().toDoubles());
    double[] b = a.clone();
    double[] pa = new double[mp.k()];
    double[] pb = new double[mp.k()];
    for (int t = 1; t <= 60; t++) {
      if (t == 30) {
        a[mp.k() - 1] -= 0.25; // an outside change: both must recompute the softmax
        b[mp.k() - 1] -= 0.25;
      }
      fused.step(a, pa);
      unfused.stepUnfused(b, pb);
      assertTrue(java.util.Arrays.equals(a, b), "logits, round " + t);
      assertTrue(java.util.Arrays.equals(pa, pb), "policy, round " + t);
    }
    double[] c = a.clone();
    fused.run(a, 25);
    for (int t = 0; t < 25; t++) {
      unfused.stepUnfused(c, pb);
    }
    assertTrue(java.util.Arrays.equals(a, c), "run");
  }

  /** The bit-for-bit check above can fail: a round that sums the row in another order is caught. */
  @Example
  void aReorderedRoundIsNotBitForBit() {
    double[] x = {0.1, 0.2, 0.3, 1e-17};
    double forward = 0;
    for (double v : x) {
      forward += v;
    }
    double backward = 0;
    for (int i = x.length - 1; i >= 0; i--) {
      backward += x[i];
    }
    assertTrue(forward != backward, "reordering a sum changes the double result, so Arrays.equals would reject it");
  }

  // ---- entropy: relative accuracy against arbitrary precision ----------------------------------

  /** Relative tolerance of {@link FastMrs#entropy} against {@link LogitPolicy#entropy}. */
  private static final double ENTROPY_TOLERANCE = 1e-13;

  private static final Precision ENTROPY_PRECISION = Precision.ofDigits(30);

  /** The logit vectors of the entropy grid and their arbitrary-precision entropies (built once). */
  private static final List<double[]> GRID = entropyGrid();
  private static final double[] GRID_EXACT = exactEntropies(GRID);

  /**
   * Logit vectors with K = 2..6 and smallest non-top gap g = 0..700 (step 1), two per (K, g):
   * (a) one entry at gap g + u (u in [0,1), u = 0 at g = 0: a tie), the others at gap g + [0, 50)
   * (near g = 700 some are subnormal or below double range); (b) all non-top entries at gap in
   * [g, g + 1). The top sits at a random index; a random shift in [-400, 400] and centering (as
   * the dynamics does) make the gaps inexact in doubles, so the subtraction m - θ_i rounds.
   */
  static List<double[]> entropyGrid() {
    SplittableRandom rnd = new SplittableRandom(20261127L);
    List<double[]> out = new ArrayList<>();
    for (int k = 2; k <= 6; k++) {
      for (int g = 0; g <= 700; g++) {
        for (int shape = 0; shape < 2; shape++) {
          int top = rnd.nextInt(k);
          int near = (top + 1 + rnd.nextInt(k - 1)) % k;
          double c = rnd.nextDouble(-400, 400);
          double[] t = new double[k];
          for (int i = 0; i < k; i++) {
            double gap;
            if (i == top) {
              gap = 0;
            } else if (shape == 0 && i == near) {
              gap = g == 0 ? 0 : g + rnd.nextDouble();
            } else {
              gap = g + rnd.nextDouble() * (shape == 0 ? 50 : 1);
            }
            t[i] = c - gap;
          }
          double mean = 0;
          for (double v : t) {
            mean += v;
          }
          mean /= k;
          for (int i = 0; i < k; i++) {
            t[i] -= mean;
          }
          out.add(t);
        }
      }
    }
    return out;
  }

  /** The entropy of the doubles taken as exact (BigDecimal(double) is exact). */
  static double exactEntropy(double[] theta) {
    Apfloat[] a = new Apfloat[theta.length];
    for (int i = 0; i < a.length; i++) {
      a[i] = new Apfloat(new BigDecimal(theta[i]));
    }
    return LogitPolicy.entropy(a, ENTROPY_PRECISION).doubleValue();
  }

  static double[] exactEntropies(List<double[]> grid) {
    double[] h = new double[grid.size()];
    for (int i = 0; i < h.length; i++) {
      h[i] = exactEntropy(grid.get(i));
    }
    return h;
  }

  /** Largest relative error of {@code entropy} over the grid. */
  static double maxRelativeEntropyError(ToDoubleFunction<double[]> entropy) {
    double worst = 0;
    for (int i = 0; i < GRID.size(); i++) {
      double exact = GRID_EXACT[i];
      assertTrue(exact > 0 && Double.isFinite(exact), "reference entropy " + exact);
      double err = Math.abs(entropy.applyAsDouble(GRID.get(i)) - exact) / exact;
      worst = Double.isNaN(err) ? Double.POSITIVE_INFINITY : Math.max(worst, err);
    }
    return worst;
  }

  /**
   * The pre-fix formula, kept ONLY as the deliberately wrong one for the test below: {@code -Σ π_i
   * log π_i} with {@code log Z = log(Σ e^{θ_i - max})}, which rounds {@code log(1 + S)} near 1 and
   * is accurate only to about 1e-16 absolute.
   */
  static double oldEntropy(double[] theta) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : theta) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (double v : theta) {
      sum += Math.exp(v - max);
    }
    double logZ = Math.log(sum);
    double h = 0;
    for (double v : theta) {
      double logPi = v - max - logZ;
      double pi = Math.exp(logPi);
      if (pi > 0) {
        h -= pi * logPi;
      }
    }
    return h;
  }

  @Example
  void entropyIsRelativelyAccurateOverGapsUpTo700() {
    double worst = maxRelativeEntropyError(FastMrs::entropy);
    assertTrue(worst <= ENTROPY_TOLERANCE, "max relative entropy error " + worst);
  }

  /**
   * Tighter: a few ulps (measured worst 9.9e-16, about 9 units of 2^-53). Without the TwoSum
   * correction of the gap the worst is 5.7e-14 (gap rounding amplified by e^{-g}), which this rejects.
   */
  @Example
  void entropyIsAccurateToAFewUlps() {
    double worst = maxRelativeEntropyError(FastMrs::entropy);
    assertTrue(worst <= 4e-15, "max relative entropy error " + worst);
  }

  @Example
  void theOldAbsolutelyAccurateFormulaFailsTheSameCheck() {
    double worst = maxRelativeEntropyError(FastMrsTest::oldEntropy);
    assertTrue(worst > ENTROPY_TOLERANCE, "the check must reject the old formula; its max relative error " + worst);
  }

  @Example
  void gapOf40() {
    // H(softmax(0, -40)) = e^-40 (1 + 40) + O(e^-80) = 1.7413...e-16; the old formula gave 1.699e-16
    double[] theta = {0, -40};
    double exact = exactEntropy(theta);
    assertTrue(Math.abs(exact - 41 * Math.exp(-40)) <= 1e-15 * exact, "reference " + exact);
    assertTrue(Math.abs(FastMrs.entropy(theta) - exact) <= ENTROPY_TOLERANCE * exact, "new " + FastMrs.entropy(theta));
    assertTrue(Math.abs(oldEntropy(theta) - exact) > 1e-2 * exact, "old " + oldEntropy(theta));
  }

  @Example
  void entropyEdgeCases() {
    assertTrue(FastMrs.entropy(new double[] {3.5}) == 0);
    assertTrue(Math.abs(FastMrs.entropy(new double[] {1, 1, 1}) - Math.log(3)) <= 1e-15);
    // every non-top term below double range: documented to return 0 (true value ~ 800 e^-800)
    assertTrue(FastMrs.entropy(new double[] {400, -400}) == 0);
  }
}
