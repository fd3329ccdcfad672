package prefdyn.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import prefdyn.catalogue.Catalogue;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Margin;
import prefdyn.catalogue.Statement;
import prefdyn.catalogue.Verdict;
import prefdyn.gen.Matrices;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.catalogue.OneShotStatements;

/** T10 (theory.md section 5): DPO sampling invariance iff BT, and C5. See proofs-notes/T10.md. */
class T10Properties {
  static final Statement T10 = Catalogue.require("T10");
  static final Statement C5 = Catalogue.require("C5");

  @Provide
  Arbitrary<Instance> t10() {
    return T10.hypotheses();
  }

  @Property(tries = 8)
  void btInvariantOtherwiseCertifiablyDifferent(@ForAll("t10") Instance x) {
    Checks.assertHolds(T10, x);
  }

  static Instance bt() {
    return Instance.of(Matrices.bradleyTerry(List.of(1, 3, 6)))
        .withSampler(Distribution.of(Rationals.of(1, 2), Rationals.of(1, 3), Rationals.of(1, 6)))
        .withSamplerPrime(Distribution.of(Rationals.of(1, 10), Rationals.of(1, 10), Rationals.of(4, 5)))
        .withRef(Distribution.of(Rationals.of(1, 5), Rationals.of(2, 5), Rationals.of(2, 5))).withBeta(Rationals.of(2));
  }

  /** The check can fail: the formula with s·β instead of s/β. */
  @Example
  void wrongFormulaIsRejected() {
    Instance x = bt();
    Checks.assertHolds(T10, x);
    Margin m = OneShotStatements.t10BtMargin(x, Rationals.of(1, 2), Checks.SUITE);
    assertEquals(Verdict.VIOLATED, m.verdict(), m.toString());
  }

  /** Non-BT (3-cycle): the optima at two samplers differ certifiably; C5 is violated there, undecided on BT. */
  @Example
  void threeCycleDependsOnSampler() {
    PreferenceMatrix p = Matrices.threeCycle(Rationals.of(1, 4));
    Instance x = bt().withPref(p);
    Checks.assertHolds(T10, x);
    Checks.assertViolated(C5, x, Checks.SUITE);
    assertEquals(Verdict.UNDECIDED, C5.check(bt(), Checks.SUITE).verdict());
  }
}
