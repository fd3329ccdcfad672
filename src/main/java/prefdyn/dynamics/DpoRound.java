package prefdyn.dynamics;

import org.apfloat.Apfloat;
import prefdyn.num.Precision;
import prefdyn.optimum.DpoOptimum;
import prefdyn.qual.Centered;

/** The MRS-DPO round: the DPO optimum (docs/theory.md L2) with the round's reference and sampler. */
final class DpoRound {
  private DpoRound() {}

  static Apfloat @Centered [] logits(Apfloat[][] p, Apfloat[] sampler, Apfloat[] refLogits, Apfloat beta, Precision precision) {
    return DpoOptimum.solveLogits(p, sampler, refLogits, beta, precision).logits();
  }
}
