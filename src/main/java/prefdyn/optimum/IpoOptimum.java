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
}
