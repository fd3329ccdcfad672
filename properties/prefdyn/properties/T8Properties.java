package prefdyn.properties;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import prefdyn.catalogue.Catalogue;
import prefdyn.catalogue.DynamicsStatements;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Statement;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.pref.Sst;
import prefdyn.pref.Structure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static prefdyn.properties.DynamicsFixtures.q;

/** T8: α = 1 and strictly SST P: log-odds of the top increase every round, collapse to the vertex, entropy eventually decreasing. */
class T8Properties {
  private final Statement t8 = Catalogue.require("T8");

  @Provide
  Arbitrary<Instance> instances() {
    return t8.hypotheses();
  }

  @Property(tries = 30)
  void entropyCollapseAtAlphaOne(@ForAll("instances") Instance x) {
    Checks.assertHolds(t8, x);
  }

  @Example
  void holdsOnAStrictlySstMatrix() {
    PreferenceMatrix p = DynamicsFixtures.matrix(10, new long[][] {{5, 6, 8, 9}, {4, 5, 6, 8}, {2, 4, 5, 7}, {1, 2, 3, 5}});
    assertEquals(Sst.STRICT, Structure.sst(p));
    Checks.assertHolds(t8, Instance.of(p).withAlpha(Rationals.ONE).withLambda(q(1, 2)).withBeta(q(2, 1))
        .withRef(Distribution.uniform(4)).withPi0(Distribution.uniform(4)).withInit(DynamicsFixtures.dist(10, 1, 1, 1, 7)));
  }

  @Example
  void rejectsTheClaimForTheSecondResponse() {
    // the same statement about the second response of the order: log(π_1/π_0) decreases
    PreferenceMatrix p = DynamicsFixtures.matrix(10, new long[][] {{5, 6, 8, 9}, {4, 5, 6, 8}, {2, 4, 5, 7}, {1, 2, 3, 5}});
    Instance x = Instance.of(p).withAlpha(Rationals.ONE).withLambda(q(1, 2)).withBeta(q(2, 1))
        .withRef(Distribution.uniform(4)).withPi0(Distribution.uniform(4)).withInit(DynamicsFixtures.dist(10, 1, 1, 1, 7));
    Checks.assertViolated(new DynamicsStatements.T8(true), x, Checks.SUITE);
  }

  @Example
  void rejectsATransitiveMatrixThatIsNotSst() {
    // 0 ▷ 1 ▷ 2 but P_12 = 99/100 > P_02 = 11/20: row 0 does not dominate row 1 at column 2
    PreferenceMatrix p = DynamicsFixtures.matrix(100, new long[][] {{50, 51, 55}, {49, 50, 99}, {45, 1, 50}});
    assertFalse(Structure.sst(p) == Sst.STRICT);
    Instance x = Instance.of(p).withAlpha(Rationals.ONE).withLambda(Rationals.ONE).withBeta(q(2, 1))
        .withRef(Distribution.uniform(3)).withPi0(Distribution.uniform(3)).withInit(DynamicsFixtures.dist(100, 1, 1, 98));
    assertFalse(t8.admits(x));
    Checks.assertViolated(t8, x, Checks.SUITE);
  }

  @Property(tries = 8)
  void neverViolatedAtLowPrecision(@ForAll("instances") Instance x, @ForAll("digits") int digits) {
    DynamicsFixtures.neverViolated(t8, x, digits);
  }

  @Provide
  Arbitrary<Integer> digits() {
    return DynamicsFixtures.lowDigits();
  }
}
