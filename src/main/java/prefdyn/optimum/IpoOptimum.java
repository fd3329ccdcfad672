package prefdyn.optimum;

import org.apfloat.Apfloat;
import prefdyn.num.Linalg;
import prefdyn.num.Precision;

/**
 * The IPO closed form (theory.md L1): {@code log π* = log π_ref + β Pμ - log Z}, for any sampler μ
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
  public static Apfloat[] logits(Apfloat[][] p, Apfloat[] sampler, Apfloat[] refLogits, Apfloat beta, Precision precision) {
    Apfloat[] pmu = Linalg.multiply(p, sampler, precision);
    Apfloat[] out = new Apfloat[pmu.length];
    for (int i = 0; i < pmu.length; i++) {
      out[i] = refLogits[i].add(beta.multiply(pmu[i]));
    }
    return Linalg.center(out, precision);
  }

  /**
   * The population IPO loss of theory.md L1 at {@code r = log(π/π_ref)} (any additive constant):
   * {@code Σ_{y,y'} μ_y μ_y' [P_{yy'}(h - β/2)^2 + P_{y'y}(-h - β/2)^2]}, {@code h = r_y - r_y'}.
   */
  public static Apfloat populationLoss(Apfloat[][] p, Apfloat[] sampler, Apfloat[] r, Apfloat beta, Precision precision) {
    Apfloat halfBeta = precision.real(beta).divide(precision.real(2));
    Apfloat loss = precision.real(0);
    for (int y = 0; y < r.length; y++) {
      for (int z = 0; z < r.length; z++) {
        if (sampler[y].signum() == 0 || sampler[z].signum() == 0) {
          continue;
        }
        Apfloat h = precision.real(r[y]).subtract(precision.real(r[z]));
        Apfloat a = h.subtract(halfBeta);
        Apfloat b = h.negate().subtract(halfBeta);
        Apfloat term = precision.real(p[y][z]).multiply(a).multiply(a).add(precision.real(p[z][y]).multiply(b).multiply(b));
        loss = loss.add(precision.real(sampler[y]).multiply(precision.real(sampler[z])).multiply(term));
      }
    }
    return loss;
  }

  /**
   * Its gradient in r: {@code ∂L/∂r_a = 4 μ_a Σ_b μ_b [(r_a - r_b) - β(P_ab - 1/2)]}, zero exactly at
   * the closed form (where {@code r_a - E_μ r = β((Pμ)_a - 1/2)}, as {@code μᵀPμ = 1/2}).
   */
  public static Apfloat[] populationGradient(Apfloat[][] p, Apfloat[] sampler, Apfloat[] r, Apfloat beta, Precision precision) {
    int k = r.length;
    Apfloat half = precision.real(1).divide(precision.real(2));
    Apfloat[] g = new Apfloat[k];
    for (int a = 0; a < k; a++) {
      Apfloat s = precision.real(0);
      for (int b = 0; b < k; b++) {
        Apfloat t = precision.real(r[a]).subtract(precision.real(r[b]))
            .subtract(precision.real(beta).multiply(precision.real(p[a][b]).subtract(half)));
        s = s.add(precision.real(sampler[b]).multiply(t));
      }
      g[a] = precision.real(4).multiply(precision.real(sampler[a])).multiply(s);
    }
    return g;
  }
}
