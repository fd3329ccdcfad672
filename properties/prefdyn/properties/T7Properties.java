package prefdyn.properties;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static prefdyn.properties.DynamicsFixtures.q;
import static prefdyn.properties.DynamicsFixtures.threeCycle;

import net.jqwik.api.Example;
import net.jqwik.api.RandomGenerator;
import org.apfloat.Apfloat;
import org.apfloat.Aprational;
import prefdyn.catalogue.DynamicsStatements;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Margin;
import prefdyn.catalogue.Slot;
import prefdyn.catalogue.T6;
import prefdyn.catalogue.T7;
import prefdyn.dynamics.FixedPoints;
import prefdyn.dynamics.MrsMap;
import prefdyn.dynamics.Stability;
import prefdyn.gen.Draw;
import prefdyn.num.Ball;
import prefdyn.num.Rationals;

/**
 * T7: no stretch beyond L = α + (βλ/2)||P - ½11ᵀ||_2; L < 1 gives convergence within L^t. The
 * generated instances and the wrong constants (factor 1/4, no norm term) run in
 * {@link StatementProperties}; here: the degenerate case and L ≥ 1 with convergence.
 */
class T7Properties {
  /**
   * Degenerate instances (βλ(P - ½11ᵀ) = 0: the map is θ ↦ αθ + c) are counted here, not in the
   * generator: the stretch is exactly α = L, margin exactly 0, and it holds.
   */
  @Example
  void degenerateInstancesHaveMarginExactlyZero() {
    Aprational z = Rationals.ZERO;
    Instance x = T7.pair(threeCycle(Rationals.HALF, q(1, 2), Rationals.ZERO, q(3, 1)),
        new Aprational[] {q(1, 1), z, z}, new Aprational[] {z, z, z});
    assertTrue(T7.degenerate(x));
    Margin m = Checks.assertHolds(T7.STATEMENT, x);
    assertTrue(m.isExact() && m.value().signum() == 0, m.detail());
    Draw.inSession(() -> {
      RandomGenerator<Instance> g = Draw.generator(T7.STATEMENT.hypotheses());
      for (long seed = 0; seed < 200; seed++) {
        assertFalse(T7.degenerate(Draw.draw(g, seed)));
      }
      return null;
    });
  }

  @Example
  void lAtLeastOneCanStillConverge() {
    // T6 with α = 0 and 2/√3 < aβλ = 3/2 < √3: L = 3√3/4 ≈ 1.299 ≥ 1, yet ρ = √3/2 < 1
    Instance x = threeCycle(Rationals.HALF, Rationals.ZERO, Rationals.ONE, q(3, 1))
        .with(Slot.INIT, DynamicsStatements.dist(10, 4, 3, 3));
    MrsMap map = new MrsMap(DynamicsStatements.parameters(x), Checks.SUITE);
    Stability.Contraction l = Stability.contractionEnclosure(map.parameters(), 64);
    assertTrue(l.vsOne() > 0 && l.value().sub(Ball.ONE, 64).isPositive(), "L = " + l.value());
    FixedPoints.Result r = FixedPoints.iterate(map, map.logitsOf(DynamicsStatements.dist(10, 4, 3, 3)), 2000);
    assertTrue(r.converged(), "iteration from (0.4, 0.3, 0.3) did not converge");
    assertTrue(FixedPoints.distance(r.logits(), new Apfloat[] {Checks.SUITE.real(0), Checks.SUITE.real(0), Checks.SUITE.real(0)},
        Checks.SUITE).compareTo(Checks.SUITE.epsilon()) < 0, "limit is not uniform");
    Checks.assertHolds(T6.STATEMENT, x);
  }
}
