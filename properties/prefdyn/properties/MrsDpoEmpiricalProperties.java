package prefdyn.properties;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import prefdyn.catalogue.Catalogue;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Kind;
import prefdyn.catalogue.Statement;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static prefdyn.properties.DynamicsFixtures.q;
import static prefdyn.properties.DynamicsFixtures.threeCycle;

/**
 * EMPIRICAL, not theorems: MRS-DPO oscillates on the 3-cycle at α = 1 and concentrates on the top
 * response of strictly SST matrices (theory.md section 5; the paper reports these in simulation).
 */
class MrsDpoEmpiricalProperties {
  private final Statement cycle = Catalogue.require("DPO-CYCLE");
  private final Statement collapse = Catalogue.require("DPO-COLLAPSE");

  @Provide
  Arbitrary<Instance> cycles() {
    return cycle.hypotheses();
  }

  @Provide
  Arbitrary<Instance> collapses() {
    return collapse.hypotheses();
  }

  @Example
  void labelledEmpirical() {
    assertEquals(Kind.EMPIRICAL, cycle.kind());
    assertEquals(Kind.EMPIRICAL, collapse.kind());
  }

  @Property(tries = 6)
  void dpoOscillatesOnTheThreeCycle(@ForAll("cycles") Instance x) {
    Checks.assertHolds(cycle, x);
  }

  @Property(tries = 25)
  void dpoConcentratesOnTheTopOfStrictlySst(@ForAll("collapses") Instance x) {
    Checks.assertHolds(collapse, x);
  }

  @Example
  void rotationCheckRejectsAConvergingOrbit() {
    // the IPO-style check on a DPO round with alpha = 0 and a weak update (beta_DPO = 8): the
    // orbit falls back to uniform, so "stays away and rotates" must be rejected
    Instance x = threeCycle(q(1, 8), Rationals.ZERO, Rationals.ONE, q(8, 1));
    Checks.assertViolated(cycle, x, Checks.SUITE);
  }

  @Example
  void collapseCheckRejectsATransitiveNonSstMatrix() {
    Instance x = Instance.of(DynamicsFixtures.matrix(100, new long[][] {{50, 51, 55}, {49, 50, 98}, {45, 2, 50}}))
        .withAlpha(Rationals.ONE).withLambda(Rationals.HALF).withBeta(q(1, 2))
        .withRef(Distribution.uniform(3)).withPi0(Distribution.uniform(3)).withInit(DynamicsFixtures.dist(100, 1, 1, 98));
    Checks.assertViolated(collapse, x, Checks.SUITE);
  }
}
