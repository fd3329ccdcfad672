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
import prefdyn.pref.Distribution;
import static prefdyn.properties.DynamicsFixtures.q;

/** L4: computed fixed points (α < 1) are one-shot IPO optima at strength β/(1-α) with the self-consistent sampler. */
class L4Properties {
  private final Statement l4 = Catalogue.require("L4");

  @Provide
  Arbitrary<Instance> instances() {
    return l4.hypotheses();
  }

  @Property(tries = 40)
  void fixedPointsAreOneShotOptimaAtStrengthBetaOverOneMinusAlpha(@ForAll("instances") Instance x) {
    Checks.assertHolds(l4, x);
  }

  private static Instance sst() {
    return Instance.of(DynamicsFixtures.matrix(10, new long[][] {{5, 6, 7}, {4, 5, 6}, {3, 4, 5}}))
        .withAlpha(q(1, 2)).withLambda(q(3, 4)).withBeta(q(3, 2))
        .withRef(DynamicsFixtures.dist(10, 5, 3, 2)).withPi0(Distribution.uniform(3)).withInit(Distribution.uniform(3));
  }

  @Example
  void holdsOnAHandInstance() {
    Checks.assertHolds(l4, sst());
  }

  @Example
  void rejectsStrengthBetaInsteadOfBetaOverOneMinusAlpha() {
    Checks.assertViolated(new DynamicsStatements.L4(true), sst(), Checks.SUITE);
  }

  @Property(tries = 12)
  void neverViolatedAtLowPrecision(@ForAll("instances") Instance x, @ForAll("digits") int digits) {
    DynamicsFixtures.neverViolated(l4, x, digits);
  }

  @Provide
  Arbitrary<Integer> digits() {
    return DynamicsFixtures.lowDigits();
  }
}
