package prefdyn.catalogue;

import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.dynamics.DpoBallRound;
import prefdyn.dynamics.MrsParameters;
import prefdyn.gen.Matrices;
import prefdyn.num.Ball;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.optimum.DpoOptimum;
import prefdyn.pref.Sst;
import prefdyn.pref.Structure;

/**
 * DPO-COLLAPSE (empirical): α = 1, strictly SST P with a finite DPO optimum (Ford's condition,
 * exact; entries 0 or 1 allowed when the comparison graph stays strongly connected), any
 * λ ∈ [0, 1] (λ = 1: the sampler is the policy itself and approaches a point mass; the scaled
 * DPO solver stays well conditioned there, proofs-notes/MRS-DPO.md): over 60 rounds the mass off
 * the top response shrinks at least tenfold and the top's log-odds increase every round. Margin:
 * {@code min(log10(off_0/off_T) - 1, smallest log-odds increase)}. The increase part is proved
 * for every λ (the DPO optimum ranks as the scores (Pμ) do, and strictly SST P ranks the top
 * first for every μ, T3(b)); the tenfold shrink in 60 rounds is the empirical part.
 */
public final class DpoCollapse {
  private DpoCollapse() {}

  public static final Statement STATEMENT = DynamicsStatements.dpoObservation("DPO-COLLAPSE", DynamicsStatements.MRS, 6)
      .statement("[empirical] MRS-DPO with alpha = 1 on strictly SST P concentrates on the top response.")
      .hypotheses(() -> DynamicsStatements.alphaOneInstances(k -> Matrices.strictlySst(k, k).filter(Optima::finiteDpoOptimum),
            DynamicsStatements.grid(0, 4, 4), DynamicsStatements.grid(1, 4, 2)),
          DpoCollapse::admits)
      .margin(DpoCollapse::check)
      .build();
  static final int ROUNDS = 60;
  static final String INCREASE = "smallest top log-odds increase over the rounds";


  static boolean admits(Instance x) {
    return Structure.sst(x.pref()) == Sst.STRICT && Optima.finiteDpoOptimum(x.pref()) && DynamicsStatements.isOne(x.find(Slot.ALPHA))
        && DynamicsStatements.unit(x.find(Slot.LAMBDA))
        && DynamicsStatements.positive(x.find(Slot.BETA))
        && DynamicsStatements.interiorNonNull(x.find(Slot.PI0)) && DynamicsStatements.interiorOrNull(x.find(Slot.INIT));
  }

  static Margin check(Instance x, Precision p) {
    return margin(x, DynamicsStatements.top(x.pref()), p);
  }

  /**
   * The margin with {@code top} as the response claimed to collect the mass (the statement's
   * top is the majority-order winner; the tests pass a wrong one to see it VIOLATED).
   */
  public static Margin margin(Instance x, int top, Precision p) {
    String detail = "MRS-DPO, " + ROUNDS + " rounds: min(log10 shrink of 1 - π_top - 1, smallest top log-odds increase)";
    int prec = p.bits();
    int wp = prec + 8;
    MrsParameters params = DynamicsStatements.dpo(x);
    boolean alphaOne = params.alpha().compareTo(Rationals.ONE) == 0;
    DpoBallRound round = new DpoBallRound(params, p);
    Ball[] theta = DpoOptimum.logBalls(DynamicsStatements.initOf(x), wp);
    Ball off0 = massOff(theta, top, wp);
    // the smallest increase over all rounds and responses, as one ball (Ball.min of enclosures
    // encloses the minimum; one conversion to a Margin at the end)
    @Nullable Ball minInc = null;
    for (int t = 1; t <= ROUNDS; t++) {
      DpoBallRound.Step step = round.apply(theta);
      Ball[] next = step.theta();
      Ball[] update = step.update();
      if (next == null || update == null) {
        // the rounds certified so far still bound the minimum from above
        Margin unknown = Margin.unknown(DynamicsStatements.stopped(t, String.valueOf(step.failure())), true, detail);
        return minInc == null ? unknown : Margin.min(unknown, Margin.of(minInc, true, INCREASE));
      }
      for (int j = 0; j < theta.length; j++) {
        if (j == top) {
          continue;
        }
        // at α = 1 the increase of θ_top - θ_j is exactly the update's difference
        Ball inc = alphaOne ? update[top].sub(update[j], wp)
            : next[top].sub(next[j], wp).sub(theta[top].sub(theta[j], wp), wp);
        minInc = minInc == null ? inc : Ball.min(minInc, inc);
      }
      theta = next;
    }
    Ball shrink = off0.div(massOff(theta, top, wp), wp).log(wp).div(Ball.exact(10).log(wp), wp).sub(Ball.ONE, wp);
    Margin m = Margin.of(shrink, true, "log10(off_0/off_" + ROUNDS + ") - 1");
    return minInc == null ? m : Margin.min(m, Margin.of(minInc, true, INCREASE));
  }

  /** {@code 1 - π_top = Σ_{j≠top} softmax(θ)_j}, in balls (relative accuracy even when small). */
  static Ball massOff(Ball[] theta, int top, int wp) {
    Ball[] s = Ball.softmax(theta, wp);
    Ball off = Ball.ZERO;
    for (int j = 0; j < s.length; j++) {
      if (j != top) {
        off = off.add(s[j], wp);
      }
    }
    return off;
  }
}
