package prefdyn.properties;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import prefdyn.catalogue.Catalogue;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Kind;
import prefdyn.catalogue.Margin;
import prefdyn.catalogue.Verdict;
import prefdyn.catalogue.Statement;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static prefdyn.properties.DynamicsFixtures.q;
import static prefdyn.properties.DynamicsFixtures.threeCycle;

/**
 * EMPIRICAL, not theorems: MRS-DPO oscillates on the 3-cycle at α = 1 and concentrates on the top
 * response of strictly SST matrices (docs/theory.md section 5; the paper reports these in simulation).
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

  /**
   * Until the MRS-DPO orbit is certified (proofs-notes/MRS-DPO.md), every check is UNDECIDED with
   * its reason: never a verdict from a tolerance, neither HOLDS nor VIOLATED.
   */
  @Property(tries = 3)
  void dpoCycleIsUndecidedWithAReason(@ForAll("cycles") Instance x) {
    Margin m = cycle.check(x, Checks.SUITE);
    assertEquals(Verdict.UNDECIDED, m.verdict());
    assertTrue(m.reason().contains("not certified"), m.reason());
  }

  @Property(tries = 3)
  void dpoCollapseIsUndecidedWithAReason(@ForAll("collapses") Instance x) {
    Margin m = collapse.check(x, Checks.SUITE);
    assertEquals(Verdict.UNDECIDED, m.verdict());
    assertTrue(m.reason().contains("not certified"), m.reason());
  }

  @Example
  void generatorsStillProduceAdmittedInstances() {
    Instance x = threeCycle(q(1, 4), Rationals.ONE, Rationals.HALF, q(1, 1));
    assertTrue(cycle.admits(x));
    Instance y = Instance.of(DynamicsFixtures.matrix(10, new long[][] {{5, 6, 8}, {4, 5, 6}, {2, 4, 5}}))
        .withAlpha(Rationals.ONE).withLambda(Rationals.HALF).withBeta(q(1, 2))
        .withRef(Distribution.uniform(3)).withPi0(Distribution.uniform(3)).withInit(Distribution.uniform(3));
    assertTrue(collapse.admits(y));
  }
}
