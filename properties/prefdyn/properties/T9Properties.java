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
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import static prefdyn.properties.DynamicsFixtures.q;

/** T9: α < 1 and strictly SST P: interior fixed points, 1 - π∞_top below a bound that tends to 0 as κ grows. */
class T9Properties {
  private final Statement t9 = Catalogue.require("T9");

  @Provide
  Arbitrary<Instance> instances() {
    return t9.hypotheses();
  }

  @Property(tries = 40)
  void nearCollapseForAlphaBelowOne(@ForAll("instances") Instance x) {
    Checks.assertHolds(t9, x);
  }

  /** μ_top is small (λ = 0, π_0 puts 1/100 on the top), so the true bound needs its factor μ_low. */
  private static Instance smallTopSampler() {
    return Instance.of(DynamicsFixtures.matrix(100, new long[][] {{50, 60, 61}, {40, 50, 60}, {39, 40, 50}}))
        .withAlpha(Rationals.ZERO).withLambda(Rationals.ZERO).withBeta(q(50, 1))
        .withRef(Distribution.uniform(3)).withPi0(DynamicsFixtures.dist(100, 1, 1, 98)).withInit(Distribution.uniform(3));
  }

  @Example
  void holdsWithASmallTopSampler() {
    Checks.assertHolds(t9, smallTopSampler());
  }

  @Example
  void rejectsTheBoundWithoutTheSamplerFactor() {
    Checks.assertViolated(new DynamicsStatements.T9(false), smallTopSampler(), Checks.SUITE);
  }

  @Property(tries = 10)
  void neverViolatedAtLowPrecision(@ForAll("instances") Instance x, @ForAll("digits") int digits) {
    DynamicsFixtures.neverViolated(t9, x, digits);
  }

  @Provide
  Arbitrary<Integer> digits() {
    return DynamicsFixtures.lowDigits();
  }
}
