package prefdyn.finite;

import org.apfloat.Aprational;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.num.Rationals;
import prefdyn.pref.PreferenceMatrix;

/**
 * The O(1/√N) deviation bound of the sampled potential ({@code proofs-notes/finite-sample.md},
 * "Convergence"). Let μ be interior, r = {@link FlowPotential#population}(P, μ, β), and r̂ the
 * potential of N comparisons drawn from μ ⊗ μ and P. With
 * <pre>
 *   M    = β/2 + max_ij |r_i − r_j|          (a bound on each coordinate of one sample's residual)
 *   w    = min_{i≠j} 2 μ_i μ_j                (the smallest expected pair frequency)
 *   t    = M · sqrt(2 ln(4K/δ) / N)           (Hoeffding, K residual coordinates, total δ/2)
 *   t′   = sqrt(ln(K(K−1)/δ) / (2N))          (Hoeffding, K(K−1)/2 pair frequencies, total δ/2)
 * </pre>
 * with probability at least 1 − δ the comparison graph is connected and
 * {@code ||r̂ − r||₂ ≤ B = t / (√K · (w − t′))} (when w > t′; otherwise no bound). The law must
 * be the one actually sampled ({@link ComparisonSampler#law}, {@link ComparisonSampler#outcomeLaw}),
 * so that the residual has mean exactly zero. B is evaluated in double precision: it is a
 * statistical bound whose slack (a factor of several) dwarfs a relative rounding error of 1e-15.
 */
public final class SamplingBound {
  private SamplingBound() {}

  /** B(N, δ) as above; {@code +∞} when w ≤ t′ (too few samples for the bound to say anything). */
  public static double deviation(PreferenceMatrix p, Aprational[] mu, Aprational beta, long n, double delta) {
    return deviation(FlowPotential.population(p, mu, beta), mu, beta, n, delta);
  }

  /** B(N, δ) given the population potential {@code r = FlowPotential.population(P, μ, β)}. */
  public static double deviation(Aprational[] r, Aprational[] mu, Aprational beta, long n, double delta) {
    int k = r.length;
    if (n < 1 || !(delta > 0 && delta < 1) || k < 2 || mu.length != k) {
      throw new IllegalArgumentException("need N >= 1, 0 < delta < 1, K >= 2");
    }
    Aprational lo = r[0];
    Aprational hi = r[0];
    @Nullable Aprational w = null;
    for (int i = 0; i < k; i++) {
      lo = Rationals.min(lo, r[i]);
      hi = Rationals.max(hi, r[i]);
      for (int j = i + 1; j < k; j++) {
        Aprational wij = Rationals.of(2).multiply(mu[i]).multiply(mu[j]);
        w = w == null ? wij : Rationals.min(w, wij);
      }
    }
    double m = beta.multiply(Rationals.HALF).add(hi.subtract(lo)).doubleValue();
    double wmin = w == null ? 0 : w.doubleValue();
    double t = m * Math.sqrt(2 * Math.log(4.0 * k / delta) / n);
    double tPrime = Math.sqrt(Math.log((double) k * (k - 1) / delta) / (2.0 * n));
    if (wmin <= tPrime) {
      return Double.POSITIVE_INFINITY;
    }
    return t / (Math.sqrt(k) * (wmin - tPrime));
  }
}
