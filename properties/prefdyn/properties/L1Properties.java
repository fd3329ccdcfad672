package prefdyn.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apfloat.Apfloat;
import org.apfloat.Aprational;
import prefdyn.catalogue.Catalogue;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Margin;
import prefdyn.catalogue.Statement;
import prefdyn.catalogue.Verdict;
import prefdyn.num.Kernel;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.optimum.IpoOptimum;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.catalogue.OneShotStatements;

/** L1 (theory.md section 2): the IPO closed form minimizes the population IPO loss. See proofs-notes/L1.md. */
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
    Apfloat[] ref = new Apfloat[3];
    for (int i = 0; i < 3; i++) {
      ref[i] = Kernel.log(q.real(x.ref().get(i)), q);
    }
    Apfloat[] wrong = IpoOptimum.logits(x.pref().real(q), x.sampler().real(q), ref, q.real(Rationals.of(3)), q);
    Margin m = OneShotStatements.l1Margin(x, wrong, q);
    assertEquals(Verdict.VIOLATED, m.verdict(), m.toString());
    Checks.assertHolds(L1, x);
  }

  /** The check can fail: dropping the reference from the closed form (non-uniform π_ref). */
  @Example
  void missingReferenceFails() {
    Precision q = Checks.SUITE;
    Instance x = example();
    Apfloat[] zero = {q.real(0), q.real(0), q.real(0)};
    Apfloat[] wrong = IpoOptimum.logits(x.pref().real(q), x.sampler().real(q), zero, q.real(x.beta()), q);
    assertEquals(Verdict.VIOLATED, OneShotStatements.l1Margin(x, wrong, q).verdict());
  }
}
