package prefdyn.properties;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import prefdyn.catalogue.Catalogue;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Margin;
import prefdyn.catalogue.Statement;
import prefdyn.catalogue.DynamicsStatements;
import prefdyn.gen.Matrices;
import prefdyn.num.Rationals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** L3: the softmax Jacobian diag(π) - ππᵀ has spectral norm at most 1/2 and kills 1. */
class L3Properties {
  private final Statement l3 = Catalogue.require("L3");

  @Provide
  Arbitrary<Instance> instances() {
    return l3.hypotheses();
  }

  @Property(tries = 200)
  void normAtMostHalfAndKillsOne(@ForAll("instances") Instance x) {
    Checks.assertHolds(l3, x);
  }

  @Example
  void equalityCaseIsExactlyZero() {
    Instance x = Instance.of(Matrices.threeCycle(Rationals.HALF)).withInit(DynamicsFixtures.dist(2, 1, 1, 0));
    Margin m = Checks.assertHolds(l3, x);
    assertTrue(m.isExact());
    assertEquals(0, m.value().signum());
  }

  @Example
  void rejectsTheWrongBoundOneQuarter() {
    Statement wrong = new DynamicsStatements.L3(Rationals.of(1, 4));
    Checks.assertViolated(wrong, Instance.of(Matrices.threeCycle(Rationals.HALF)).withInit(DynamicsFixtures.dist(2, 1, 1, 0)), Checks.SUITE);
    Checks.assertViolated(wrong, Instance.of(Matrices.threeCycle(Rationals.HALF)).withInit(DynamicsFixtures.dist(5, 2, 2, 1)), Checks.SUITE);
  }

  @Property(tries = 40)
  void neverViolatedAtLowPrecision(@ForAll("instances") Instance x, @ForAll("digits") int digits) {
    DynamicsFixtures.neverViolated(l3, x, digits);
  }

  @Provide
  Arbitrary<Integer> digits() {
    return DynamicsFixtures.lowDigits();
  }
}
