package prefdyn.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static prefdyn.properties.DynamicsFixtures.q;
import static prefdyn.properties.DynamicsFixtures.threeCycle;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import prefdyn.catalogue.Catalogue;
import prefdyn.catalogue.DpoJac;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Kind;
import prefdyn.catalogue.Margin;
import prefdyn.catalogue.Statement;
import prefdyn.catalogue.Verdict;
import prefdyn.num.Rationals;

/**
 * DPO-JAC (docs/theory.md section 5, proofs-notes/MRS-DPO.md): the certified MRS-DPO Jacobian at
 * uniform on the 3-cycle agrees with {@code α ± i·4aλ/(√3 β_D)}; IPO's formula with DPO's β read
 * as a strength is certified wrong.
 */
class DpoJacobianProperties {
  private final Statement jac = Catalogue.require("DPO-JAC");

  @Provide
  Arbitrary<Instance> cycles() {
    return jac.hypotheses();
  }

  @Example
  void labelledProved() {
    assertEquals(Kind.PROVED, jac.kind());
  }

  @Property(tries = 8)
  void closedFormAgreesWithTheCertifiedSpectrum(@ForAll("cycles") Instance x) {
    Checks.assertHolds(jac, x);
  }

  /** β_D = 1: the IPO-convention formula α ± i·aβλ/√3 is excluded by the enclosures (VIOLATED). */
  @Example
  void ipoConventionIsRejected() {
    Instance x = threeCycle(q(1, 4), Rationals.HALF, Rationals.ONE, Rationals.ONE);
    assertTrue(jac.admits(x));
    Statement wrong = DpoJac.STATEMENT.wrongVariants().get(0).statement();
    Margin m = Checks.assertViolated(wrong, x, Checks.SUITE);
    assertEquals(Verdict.VIOLATED, m.verdict(), m.detail());
    Checks.assertHolds(jac, x);
  }

  /** At β_D = 2 the two conventions coincide (4/β_D = β_D): the wrong formula is not caught there, by design. */
  @Example
  void conventionsMeetAtBetaTwo() {
    Instance x = threeCycle(q(3, 8), q(3, 4), Rationals.ONE, q(2, 1));
    Statement wrong = DpoJac.STATEMENT.wrongVariants().get(0).statement();
    Checks.assertHolds(wrong, x);
  }
}
