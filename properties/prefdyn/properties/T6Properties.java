package prefdyn.properties;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import prefdyn.catalogue.Catalogue;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Statement;
import prefdyn.catalogue.DynamicsStatements;
import prefdyn.num.Rationals;
import static prefdyn.properties.DynamicsFixtures.q;
import static prefdyn.properties.DynamicsFixtures.threeCycle;

/**
 * T6: on P_a the Jacobian at uniform has eigenvalues α ± i·aβλ/√3; ρ > 1 gives persistent
 * rotation away from uniform, ρ < 1 convergence at rate ρ.
 */
class T6Properties {
  private final Statement t6 = Catalogue.require("T6");

  @Provide
  Arbitrary<Instance> instances() {
    return t6.hypotheses();
  }

  @Property(tries = 40)
  void eigenvaluesAndDynamicsOfTheThreeCycle(@ForAll("instances") Instance x) {
    Checks.assertHolds(t6, x);
  }

  @Example
  void oscillatesWhenRhoAboveOne() {
    // α = 19/20, aβλ = 1: ρ² = 361/400 + 1/3 > 1
    Checks.assertHolds(t6, threeCycle(Rationals.HALF, q(19, 20), Rationals.ONE, q(2, 1)));
  }

  @Example
  void convergesAtRateRhoWhenRhoBelowOne() {
    // α = 0, aβλ = 3/2: ρ = √3/2 < 1 (and L = 3√3/4 > 1)
    Checks.assertHolds(t6, threeCycle(Rationals.HALF, Rationals.ZERO, Rationals.ONE, q(3, 1)));
  }

  @Example
  void rejectsEigenvaluesWithAWrongSqrt3Factor() {
    Instance x = threeCycle(q(1, 4), q(1, 2), Rationals.ONE, q(2, 1));
    Checks.assertViolated(new DynamicsStatements.T6(DynamicsStatements.Sqrt3.WRONG_ONE_THIRD), x, Checks.SUITE);
    Checks.assertViolated(new DynamicsStatements.T6(DynamicsStatements.Sqrt3.WRONG_SQRT3), x, Checks.SUITE);
  }

  @Property(tries = 30)
  void neverViolatedAtLowPrecision(@ForAll("instances") Instance x, @ForAll("digits") int digits) {
    DynamicsFixtures.neverViolated(t6, x, digits);
  }

  @Provide
  Arbitrary<Integer> digits() {
    return DynamicsFixtures.lowDigits();
  }
}
