package prefdyn.catalogue;

import prefdyn.num.Ball;
import prefdyn.num.Precision;
import prefdyn.optimum.DpoOptimum;

/** C5 (conjecture, false off BT): the DPO optimum does not depend on the sampler (proofs-notes/T10.md). */
public final class C5 {
  private C5() {}

  public static final Statement STATEMENT = Statement.named("C5")
      .kind(Kind.CONJECTURE)
      .statement("The DPO optimum does not depend on the sampler (false off BT, T10); margin = equality of the certified optima at μ and μ'")
      .proofNote("proofs-notes/T10.md")
      .slots(Slot.SAMPLER, Slot.SAMPLER_PRIME, Slot.REF, Slot.BETA)
      .hypotheses(T10::instances, x -> T10.admits(x) && x.has(Slot.SAMPLER_PRIME))
      .margin(C5::margin)
      .build();

  /**
   * C5's margin: the equality of the certified DPO optima at μ and μ', coordinate by coordinate
   * (non-strict): VIOLATED when some enclosure of the difference excludes 0 (certifiably different
   * optima), HOLDS ("|difference| ≤ r") when all contain 0, as for BT matrices.
   */
  public static Margin margin(Instance x, Precision q) {
    int prec = q.bits();
    DpoOptimum.Outcome a = Optima.dpoOptimum(x, x.get(Slot.SAMPLER), q);
    DpoOptimum.Outcome b = Optima.dpoOptimum(x, x.get(Slot.SAMPLER_PRIME), q);
    if (a instanceof DpoOptimum.Failure f) {
      return Margin.unknown(f.reason(), false, "certified DPO optimum at μ");
    }
    if (b instanceof DpoOptimum.Failure f) {
      return Margin.unknown(f.reason(), false, "certified DPO optimum at μ'");
    }
    Ball[] la = ((DpoOptimum.Certificate) a).logits();
    Ball[] lb = ((DpoOptimum.Certificate) b).logits();
    Ball[] d = new Ball[x.k()];
    for (int i = 0; i < x.k(); i++) {
      d[i] = la[i].sub(lb[i], prec);
    }
    return Optima.allZero(d, "coordinate ", " of optimum(μ) - optimum(μ') (centered logits)");
  }

}
