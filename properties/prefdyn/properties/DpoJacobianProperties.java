package prefdyn.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static prefdyn.properties.DynamicsFixtures.q;
import static prefdyn.properties.DynamicsFixtures.threeCycle;

import net.jqwik.api.Example;
import prefdyn.catalogue.Catalogue;
import prefdyn.catalogue.DpoJac;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Kind;
import prefdyn.catalogue.Statement;
import prefdyn.num.Rationals;

/**
 * DPO-JAC (docs/theory.md section 5, proofs-notes/MRS-DPO.md): the certified MRS-DPO Jacobian at
 * uniform on the 3-cycle agrees with {@code α ± i·4aλ/(√3 β_D)}. The generated instances and IPO's
 * formula with DPO's β read as a strength (certified wrong at β_D = 1) run in
 * {@link StatementProperties}; here: where that wrong formula cannot be told apart.
 */
class DpoJacobianProperties {
  private final Statement jac = Catalogue.require("DPO-JAC");

  @Example
  void labelledProved() {
    assertEquals(Kind.PROVED, jac.kind());
  }

  /** At β_D = 2 the two conventions coincide (4/β_D = β_D): the wrong formula is not caught there, by design. */
  @Example
  void conventionsMeetAtBetaTwo() {
    Instance x = threeCycle(q(3, 8), q(3, 4), Rationals.ONE, q(2, 1));
    Statement wrong = DpoJac.STATEMENT.wrongVariants().get(0).statement();
    Checks.assertHolds(wrong, x);
  }
}
