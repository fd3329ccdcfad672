package prefdyn.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apfloat.Aprational;
import prefdyn.catalogue.Catalogue;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Margin;
import prefdyn.catalogue.Statement;
import prefdyn.catalogue.Verdict;
import prefdyn.num.Ball;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.optimum.DpoOptimum;
import prefdyn.optimum.IpoOptimum;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.catalogue.OneShotStatements;

/** L1 (docs/theory.md section 2): the IPO closed form minimizes the population IPO loss. See proofs-notes/L1.md. */
class L1Properties {
  static final Statement L1 = Catalogue.require("L1");

  @Provide
  Arbitrary<Instance> l1() {
    return L1.hypotheses();
  }

  @Property(tries = 60)
  void closedFormIsStationaryAndStrictMinimum(@ForAll("l1") Instance x) {
    Checks.assertHolds(L1, x);
  }

  static Instance example() {
    Aprational h = Rationals.HALF;
    PreferenceMatrix p = PreferenceMatrix.of(new Aprational[][] {
      {h, Rationals.of(3, 4), Rationals.of(1, 3)},
      {Rationals.of(1, 4), h, Rationals.of(5, 6)},
      {Rationals.of(2, 3), Rationals.of(1, 6), h}});
    return Instance.of(p).withSampler(Distribution.of(Rationals.of(1, 2), Rationals.of(1, 3), Rationals.of(1, 6)))
        .withRef(Distribution.of(Rationals.of(1, 4), Rationals.of(1, 4), Rationals.of(1, 2))).withBeta(Rationals.of(3, 2));
  }

  /** The check can fail: the closed form with β replaced by 2β is not stationary. */
  @Example
  void doubledBetaFailsStationarity() {
    Precision q = Checks.SUITE;
    Instance x = example();
    Ball[] ref = DpoOptimum.logBalls(x.ref(), q.bits());
    Ball[] wrong = IpoOptimum.logits(x.pref(), x.sampler(), ref, Rationals.of(3), q.bits());
    Margin m = OneShotStatements.l1Margin(x, wrong, q);
    assertEquals(Verdict.VIOLATED, m.verdict(), m.toString());
    Margin ok = Checks.assertHolds(L1, x);
    assertTrue(ok.detail().contains("stationary"), ok.detail());
  }

  /** The check can fail: dropping the reference from the closed form (non-uniform π_ref). */
  @Example
  void missingReferenceFails() {
    Precision q = Checks.SUITE;
    Instance x = example();
    Ball[] zero = {Ball.ZERO, Ball.ZERO, Ball.ZERO};
    Ball[] wrong = IpoOptimum.logits(x.pref(), x.sampler(), zero, x.beta(), q.bits());
    assertEquals(Verdict.VIOLATED, OneShotStatements.l1Margin(x, wrong, q).verdict());
  }

  /** Holds at every precision the CLI accepts for check, with a certified (not just plausible) verdict. */
  @Example
  void holdsAtLowAndHighPrecision() {
    for (int d : new int[] {5, 6, 8, 10, 20, 200}) {
      Checks.assertHolds(L1, example(), Precision.ofDigits(d));
    }
  }
}
