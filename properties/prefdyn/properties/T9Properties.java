package prefdyn.properties;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static prefdyn.properties.DynamicsFixtures.q;

import java.util.List;
import net.jqwik.api.Example;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Margin;
import prefdyn.catalogue.Slot;
import prefdyn.catalogue.T9;
import prefdyn.gen.Matrices;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.Sst;
import prefdyn.pref.Structure;

/**
 * T9: α < 1, strictly SST: the fixed point is interior and {@code 1 - π_top} obeys the bound
 * {@code Σ_{j≠s} (π_ref,j/π_ref,s) e^{-κ' g_j μ_low}} (proofs-notes/T9.md). The generated
 * instances and the bound without μ_low run in {@link StatementProperties}; here: a Bradley–Terry
 * matrix (strictly SST), on-policy and with a strong update, and matrices outside the hypotheses.
 */
class T9Properties {
  /** BT with strengths 4, 2, 1 (top response 0), α = 1/2, λ = 1, β = 4: κ' = 8 and 16κ' = 128. */
  private static Instance bradleyTerry() {
    return T9.example().with(Slot.ALPHA, Rationals.HALF).with(Slot.LAMBDA, Rationals.ONE).with(Slot.BETA, q(4, 1))
        .withPref(Matrices.bradleyTerry(List.of(4, 2, 1))).with(Slot.PI0, Distribution.uniform(3));
  }

  @Example
  void boundHoldsOnABradleyTerryMatrix() {
    Instance x = bradleyTerry();
    assertTrue(Structure.sst(x.pref()) == Sst.STRICT);
    assertTrue(T9.STATEMENT.admits(x));
    Checks.assertHolds(T9.STATEMENT, x);
  }

  /** The check can fail: the bound without μ_low is too strong on the BT matrix when the top gets little offline mass. */
  @Example
  void boundWithoutMuLowIsRejectedOnBradleyTerry() {
    Instance x = bradleyTerry().with(Slot.LAMBDA, Rationals.ZERO).with(Slot.ALPHA, Rationals.ZERO).with(Slot.BETA, q(50, 1))
        .with(Slot.PI0, DynamicsFixtures.dist(100, 1, 1, 98));
    Checks.assertHolds(T9.STATEMENT, x);
    Checks.assertViolated(T9.STATEMENT.wrongVariants().get(0).statement(), x, Checks.SUITE);
  }

  /** The check can fail: on the 3-cycle there is no top response, and the check says so (VIOLATED, exact). */
  @Example
  void cyclicMatrixIsRejected() {
    Instance x = T9.example().withPref(Matrices.threeCycle(q(1, 4)));
    assertFalse(T9.STATEMENT.admits(x));
    Margin m = Checks.assertViolated(T9.STATEMENT, x, Checks.SUITE);
    assertTrue(m.isExact(), m.detail());
  }
}
