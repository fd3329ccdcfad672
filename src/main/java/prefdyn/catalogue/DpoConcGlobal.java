package prefdyn.catalogue;

import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.num.Ball;
import prefdyn.num.Precision;
import prefdyn.optimum.DpoConcentration;
import prefdyn.pref.Distribution;
import prefdyn.pref.Sst;
import prefdyn.pref.Structure;

/**
 * DPO-CONC-GLOBAL [conjecture]: the non-local version. When h (at μ) is nonincreasing along the
 * order, moving the sampler all the way to a top-dominating μ' does not decrease the aggregate
 * {@code G_i - G_j} (Fisher weights frozen at μ): margin
 * {@code max(change, -min_{m ≠ pos(i)} drop_m)} (non-strict; the second term is positive exactly
 * when the hypothesis fails, so a negative margin is a certified counterexample).
 * Instances, proof note and tries are DPO-CONC's ({@link DpoConc}).
 */
public final class DpoConcGlobal {
  private DpoConcGlobal() {}

  public static final Statement STATEMENT = DpoConc.named("DPO-CONC-GLOBAL")
      .kind(Kind.CONJECTURE)
      .statement("Non-local DPO-CONC, strictly SST P: if h is nonincreasing at mu and mu' dominates mu toward the top, G_i - G_j (Fisher weights of mu) does not decrease from u*(mu) to u*(mu').")
      .admits(DpoConcGlobal::admits)
      .margin(DpoConcGlobal::check)
      .build();

  /** Strictly SST P (the generator's class: "under SST"), besides DPO-CONC's conditions. */
  static boolean admits(Instance x) {
    return DpoConc.admits(x) && Structure.sst(x.pref()) == Sst.STRICT;
  }

  static Margin check(Instance x, Precision p) {
    int i = x.get(DpoConc.I).intValue();
    int j = x.get(DpoConc.J).intValue();
    int[] o = Structure.majorityOrder(x.pref()).orElseThrow();
    Distribution mu = x.get(Slot.SAMPLER);
    Distribution mp = x.get(Slot.SAMPLER_PRIME);
    String what = "max(change of G_" + i + " - G_" + j + " from u*(mu) to u*(mu'), -min drop of h)";
    String[] why = {""};
    Ball change = DpoConcentration.globalChange(x.pref(), mu, mp, i, j, p, why);
    Ball[] drops = DpoConcentration.drops(x.pref(), mu, i, j, o, p, why);
    if (change == null || drops == null) {
      return Margin.unknown(why[0], false, what);
    }
    int pos = DpoConc.adjacentPosition(o, i, j);
    @Nullable Ball min = null;
    for (int m = 0; m + 1 < o.length; m++) {
      if (m != pos) {
        min = min == null ? drops[m] : Ball.min(min, drops[m]);
      }
    }
    Ball margin = min == null ? change : Ball.max(change, min.neg());
    return Margin.of(margin, false, what);
  }
}
