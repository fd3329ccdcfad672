package prefdyn.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Example;
import prefdyn.catalogue.DynamicsStatements;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.L3;
import prefdyn.catalogue.Margin;
import prefdyn.catalogue.Slot;
import prefdyn.gen.Matrices;
import prefdyn.num.Rationals;

/**
 * L3: the softmax Jacobian diag(π) - ππᵀ has spectral norm at most 1/2 and kills 1. The generated
 * instances and the wrong bound 1/4 run in {@link StatementProperties}; here: the equality case.
 */
class L3Properties {
  @Example
  void equalityCaseIsExactlyZero() {
    Margin m = Checks.assertHolds(L3.STATEMENT, L3.example());
    assertTrue(m.isExact());
    assertEquals(0, m.value().signum());
  }

  @Example
  void wrongBoundOneQuarterIsAlsoRejectedOffTheEqualityCase() {
    Instance x = Instance.of(Matrices.threeCycle(Rationals.HALF)).with(Slot.INIT, DynamicsStatements.dist(5, 2, 2, 1));
    Checks.assertHolds(L3.STATEMENT, x);
    Checks.assertViolated(L3.STATEMENT.wrongVariants().get(0).statement(), x, Checks.SUITE);
  }
}
