package prefdyn.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static prefdyn.properties.DynamicsFixtures.q;

import net.jqwik.api.Example;
import org.apfloat.Aprational;
import prefdyn.catalogue.Catalogue;
import prefdyn.catalogue.DpoConc;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Slot;
import prefdyn.catalogue.Margin;
import prefdyn.catalogue.Statement;
import prefdyn.catalogue.Verdict;
import prefdyn.num.Ball;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.optimum.DpoConcentration;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;

/**
 * DPO-CONC (docs/theory.md section 5, proofs-notes/DPO-CONC.md): the implicit-function rate of the
 * Fisher-weighted aggregate of logit gaps equals {@code Σ_b ν_b h_b}, and it is positive when h is
 * nonincreasing and the shift moves mass to the top. DPO-CONC-GLOBAL is a conjecture (for
 * {@code prefdyn search}). The generated instances and IPO's rate (wrong off BT) run in
 * {@link StatementProperties}; here: the growth clause on the hand example, and the search's
 * counterexample to the conjecture.
 */
class DpoConcentrationProperties {
  private final Statement local = Catalogue.require("DPO-CONC");
  private final Statement global = Catalogue.require("DPO-CONC-GLOBAL");

  /** The growth clause applies there (h_0 > h_1 = h_2, D_0 = 1/6 > 0) and the certified rate is positive. */
  @Example
  void bottomGapGrowsWhenMassMovesToTheTop() {
    Instance x = DpoConc.bottomPair();
    assertTrue(local.admits(x));
    DpoConcentration.Local l = DpoConcentration.local(x.pref(), Distribution.uniform(3), x.get(Slot.SAMPLER_PRIME), 1, 2,
        new int[] {0, 1, 2}, Precision.ofDigits(40), false);
    Ball[] drops = l.drops();
    Ball rate = l.rate();
    assertTrue(drops != null && drops[0].isPositive() && rate != null && rate.isPositive(), String.valueOf(rate));
    Checks.assertHolds(local, x);
  }

  /** The conjecture's margin is certified on the local example (a small shift): no counterexample there. */
  @Example
  void conjectureOnTheLocalExample() {
    Checks.assertHolds(global, DpoConc.bottomPair());
  }

  /**
   * The counterexample to DPO-CONC-GLOBAL found by {@code prefdyn search --conjecture DPO-CONC-GLOBAL
   * --seed 1}: strictly SST, μ uniform, a tiny shift from j to i (first-order rate 0), certified
   * negative margin.
   */
  @Example
  void nonLocalVersionIsFalse() {
    Aprational h = Rationals.HALF;
    PreferenceMatrix p = PreferenceMatrix.of(new Aprational[][] {
      {h, q(2, 3), q(6, 7)}, {q(1, 3), h, q(5, 6)}, {q(1, 7), q(1, 6), h}});
    Instance x = Instance.of(p).with(Slot.SAMPLER, Distribution.uniform(3))
        .with(Slot.SAMPLER_PRIME, Distribution.of(q(2009, 6000), q(1991, 6000), q(1, 3))).with(Slot.param("i"), q(0, 1)).with(Slot.param("j"), q(1, 1));
    assertTrue(global.admits(x) && local.admits(x));
    Margin m = Checks.assertViolated(global, x, Checks.SUITE);
    assertEquals(Verdict.VIOLATED, m.verdict(), m.detail());
    Checks.assertHolds(local, x);
  }
}
