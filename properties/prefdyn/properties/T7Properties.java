package prefdyn.properties;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apfloat.Apfloat;
import prefdyn.catalogue.Catalogue;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Statement;
import prefdyn.catalogue.DynamicsStatements;
import prefdyn.dynamics.FixedPoints;
import prefdyn.dynamics.MrsMap;
import prefdyn.dynamics.Stability;
import prefdyn.num.Rationals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static prefdyn.properties.DynamicsFixtures.q;
import static prefdyn.properties.DynamicsFixtures.threeCycle;

/** T7: no stretch beyond L = α + (βλ/2)||P - ½11ᵀ||_2; L < 1 gives convergence within L^t. */
class T7Properties {
  private final Statement t7 = Catalogue.require("T7");

  @Provide
  Arbitrary<Instance> instances() {
    return t7.hypotheses();
  }

  @Property(tries = 80)
  void neverStretchesBeyondLAndContractsWhenLBelowOne(@ForAll("instances") Instance x) {
    Checks.assertHolds(t7, x);
  }

  /** Two close logit vectors near uniform on P_{1/2}, α = 0, β = 3: local stretch aβλ/√3 ≈ 0.866. */
  private static Instance nearUniformPair() {
    return threeCycle(Rationals.HALF, Rationals.ZERO, Rationals.ONE, q(3, 1))
        .withParam("u0", q(1, 100)).withParam("u1", Rationals.ZERO).withParam("u2", Rationals.ZERO)
        .withParam("v0", Rationals.ZERO).withParam("v1", Rationals.ZERO).withParam("v2", Rationals.ZERO);
  }

  @Example
  void holdsOnTheNearUniformPair() {
    Checks.assertHolds(t7, nearUniformPair());
  }

  @Example
  void rejectsAConstantWithFactorOneQuarterInsteadOfOneHalf() {
    // with 1/4: L' = (3/4)·(√3/2) ≈ 0.650 < 0.866 = the actual stretch
    Checks.assertViolated(new DynamicsStatements.T7(q(1, 4)), nearUniformPair(), Checks.SUITE);
  }

  /**
   * Degenerate instances (βλ(P - ½11ᵀ) = 0: the map is θ ↦ αθ + c) are counted here, not in the
   * generator: the stretch is exactly α = L, margin exactly 0, and it holds.
   */
  @Example
  void degenerateInstancesHaveMarginExactlyZero() {
    Instance x = threeCycle(Rationals.HALF, q(1, 2), Rationals.ZERO, q(3, 1))
        .withParam("u0", q(1, 1)).withParam("u1", Rationals.ZERO).withParam("u2", Rationals.ZERO)
        .withParam("v0", Rationals.ZERO).withParam("v1", Rationals.ZERO).withParam("v2", Rationals.ZERO);
    assertTrue(DynamicsStatements.T7.degenerate(x));
    prefdyn.catalogue.Margin m = Checks.assertHolds(t7, x);
    assertTrue(m.isExact() && m.value().signum() == 0, m.detail());
    prefdyn.search.Draws.inSession(() -> {
      var g = prefdyn.search.Draws.generator(t7.hypotheses());
      for (long seed = 0; seed < 200; seed++) {
        assertFalse(DynamicsStatements.T7.degenerate(prefdyn.search.Draws.draw(g, seed)));
      }
      return null;
    });
  }

  @Example
  void rejectsAContractionBoundWithoutTheNormFactor() {
    // L' = α alone (factor 0): any on-policy stretch beyond α is a certified violation
    Checks.assertViolated(new DynamicsStatements.T7(Rationals.ZERO), nearUniformPair(), Checks.SUITE);
  }

  @Example
  void lAtLeastOneCanStillConverge() {
    // T6 with α = 0 and 2/√3 < aβλ = 3/2 < √3: L = 3√3/4 ≈ 1.299 ≥ 1, yet ρ = √3/2 < 1
    Instance x = threeCycle(Rationals.HALF, Rationals.ZERO, Rationals.ONE, q(3, 1))
        .withInit(DynamicsFixtures.dist(10, 4, 3, 3));
    MrsMap map = new MrsMap(DynamicsStatements.parameters(x), Checks.SUITE);
    Stability.Contraction l = Stability.contractionEnclosure(map.parameters(), 64);
    assertTrue(l.vsOne() > 0 && l.value().sub(prefdyn.num.Ball.ONE, 64).isPositive(), "L = " + l.value());
    FixedPoints.Result r = FixedPoints.iterate(map, map.logitsOf(DynamicsFixtures.dist(10, 4, 3, 3)), 2000);
    assertTrue(r.converged(), "iteration from (0.4, 0.3, 0.3) did not converge");
    assertTrue(FixedPoints.distance(r.logits(), new Apfloat[] {Checks.SUITE.real(0), Checks.SUITE.real(0), Checks.SUITE.real(0)},
        Checks.SUITE).compareTo(Checks.SUITE.epsilon()) < 0, "limit is not uniform");
    Checks.assertHolds(Catalogue.require("T6"), x);
  }

  @Property(tries = 12)
  void neverViolatedAtLowPrecision(@ForAll("instances") Instance x, @ForAll("digits") int digits) {
    DynamicsFixtures.neverViolated(t7, x, digits);
  }

  @Provide
  Arbitrary<Integer> digits() {
    return DynamicsFixtures.lowDigits();
  }
}
