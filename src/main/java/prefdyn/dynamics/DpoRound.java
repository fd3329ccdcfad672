package prefdyn.dynamics;

import org.apfloat.Apfloat;
import prefdyn.num.Precision;

/** The MRS-DPO round: the DPO optimum (theory.md L2) with the round's reference and sampler. */
final class DpoRound {
  private DpoRound() {}

  static Apfloat[] logits(Apfloat[][] p, Apfloat[] sampler, Apfloat[] refLogits, Apfloat beta, Precision precision) {
    throw new UnsupportedOperationException("MRS-DPO needs the DPO optimum (prefdyn.optimum.DpoOptimum), not merged yet");
  }
}
