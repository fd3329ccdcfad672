package prefdyn.properties;

import static prefdyn.properties.DynamicsFixtures.q;
import static prefdyn.properties.DynamicsFixtures.threeCycle;

import net.jqwik.api.Example;
import prefdyn.catalogue.T6;
import prefdyn.num.Rationals;

/**
 * T6: the 3-cycle family's Jacobian eigenvalues and dynamics. The generated instances and the wrong
 * √3 factors run in {@link StatementProperties}; here: one instance on each side of ρ = 1.
 */
class T6Properties {
  @Example
  void oscillatesWhenRhoAboveOne() {
    // α = 19/20, aβλ = 1: ρ² = 361/400 + 1/3 > 1
    Checks.assertHolds(T6.STATEMENT, threeCycle(Rationals.HALF, q(19, 20), Rationals.ONE, q(2, 1)));
  }

  @Example
  void convergesAtRateRhoWhenRhoBelowOne() {
    // α = 0, aβλ = 3/2: ρ = √3/2 < 1 (and L = 3√3/4 > 1)
    Checks.assertHolds(T6.STATEMENT, threeCycle(Rationals.HALF, Rationals.ZERO, Rationals.ONE, q(3, 1)));
  }
}
