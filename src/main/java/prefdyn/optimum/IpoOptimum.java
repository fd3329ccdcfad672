package prefdyn.optimum;

import org.apfloat.Apfloat;
import org.apfloat.Aprational;
import prefdyn.num.Ball;
import prefdyn.num.Linalg;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.qual.Centered;
import prefdyn.verified.Centering;

/**
 * The IPO closed form (docs/theory.md L1): {@code log π* = log π_ref + β Pμ - log Z}, for any sampler μ
 * (also without full support). Computed in logits, so policies far below double range stay exact
 * to working precision. This is also the MRS-IPO round, with the round's reference in place of
 * {@code π_ref}.
 */
public final class IpoOptimum {
  private IpoOptimum() {}

  /**
   * Centered logits of {@code π*}: {@code Π(refLogits + β P μ)}.
   *
   * @param p the preference matrix at working precision
   * @param sampler μ at working precision
   * @param refLogits {@code log π_ref} up to a constant
   * @param beta the preference strength β
   */
  public static Apfloat @Centered [] logits(Apfloat[][] p, Apfloat[] sampler, Apfloat[] refLogits, Apfloat beta, Precision precision) {
    Apfloat[] pmu = Linalg.multiply(p, sampler, precision);
    Apfloat[] out = new Apfloat[pmu.length];
    for (int i = 0; i < pmu.length; i++) {
      out[i] = refLogits[i].add(beta.multiply(pmu[i]));
    }
    return Linalg.center(out, precision);
  }

  /**
   * The closed form in balls, for exact P and μ: {@code Π(refLogits + β Pμ)} with {@code Pμ} exact
   * (rational), so the only rounding is that of the reference's logarithms and of the centering;
   * every ball contains the exact centered {@code log π*}.
   */
  public static Ball @Centered [] logits(PreferenceMatrix p, Distribution sampler, Ball[] refLogits, Aprational beta, int prec) {
    Aprational[] pmu = p.times(sampler);
    Ball[] out = new Ball[pmu.length];
    for (int i = 0; i < pmu.length; i++) {
      out[i] = refLogits[i].add(Ball.of(beta.multiply(pmu[i]), prec), prec);
    }
    return Centering.center(out, prec);
  }

  /**
   * The gradient of the population IPO loss at every point of the box r (in balls):
   * {@code ∂L/∂r_a = 4 μ_a Σ_b μ_b [(r_a - r_b) - β(P_ab - 1/2)]}.
   */
  public static Ball[] populationGradient(Ball[][] p, Ball[] mu, Ball[] r, Ball beta, int prec) {
    int k = r.length;
    Ball half = Ball.ONE.mulPow2(-1);
    Ball[] g = new Ball[k];
    for (int a = 0; a < k; a++) {
      Ball s = Ball.ZERO;
      for (int b = 0; b < k; b++) {
        if (b != a) {
          Ball t = r[a].sub(r[b], prec).sub(beta.mul(p[a][b].sub(half, prec), prec), prec);
          s = s.add(mu[b].mul(t, prec), prec);
        }
      }
      g[a] = mu[a].mul(s, prec).mul(4);
    }
    return g;
  }

  /**
   * {@code 4 |S| min_{a<b∈S} μ_a μ_b}, exact: a lower bound of the smallest eigenvalue of the IPO
   * loss's (constant) Hessian {@code Σ_{a<b} 4 μ_a μ_b (e_a - e_b)(e_a - e_b)ᵀ} on the support's
   * centered vectors (it dominates the smallest weight times the complete graph's Laplacian, whose
   * eigenvalue there is |S|). Zero when the support has fewer than two responses.
   */
  public static Aprational curvature(Distribution mu) {
    int[] s = mu.support();
    Aprational min = null;
    for (int x = 0; x < s.length; x++) {
      for (int y = x + 1; y < s.length; y++) {
        Aprational w = mu.exact(s[x]).multiply(mu.exact(s[y]));
        min = min == null || w.compareTo(min) < 0 ? w : min;
      }
    }
    return min == null ? Rationals.ZERO : min.multiply(Rationals.of(4L * s.length));
  }
}
