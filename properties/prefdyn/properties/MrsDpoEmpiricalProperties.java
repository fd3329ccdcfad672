package prefdyn.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static prefdyn.properties.DynamicsFixtures.q;
import static prefdyn.properties.DynamicsFixtures.threeCycle;

import net.jqwik.api.Example;
import org.apfloat.Aprational;
import prefdyn.catalogue.Catalogue;
import prefdyn.catalogue.DpoCollapse;
import prefdyn.catalogue.DpoCycle;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Kind;
import prefdyn.catalogue.Margin;
import prefdyn.catalogue.Slot;
import prefdyn.catalogue.Statement;
import prefdyn.catalogue.Verdict;
import prefdyn.dynamics.MrsParameters;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;

/**
 * EMPIRICAL, not theorems: MRS-DPO oscillates on the 3-cycle at α = 1 and concentrates on the top
 * response of strictly SST matrices (docs/theory.md section 5; the paper reports these in simulation).
 * Both holding on their generators runs in {@link StatementProperties}; here: the slowest cycle,
 * the ends of the ranges, instances outside the hypotheses, a wrong top, an uncertified round.
 */
class MrsDpoEmpiricalProperties {
  private final Statement cycle = Catalogue.require("DPO-CYCLE");
  private final Statement collapse = Catalogue.require("DPO-COLLAPSE");

  @Example
  void labelledEmpirical() {
    assertEquals(Kind.EMPIRICAL, cycle.kind());
    assertEquals(Kind.EMPIRICAL, collapse.kind());
  }

  /** The slowest generated cycle (a = 1/8, λ = 1/2, β = 2: about 87 rounds a turn) still winds once. */
  @Example
  void slowestCycleHolds() {
    Checks.assertHolds(cycle, threeCycle(q(1, 8), Rationals.ONE, Rationals.HALF, q(2, 1)));
  }

  /**
   * The widened ranges (issue 13 part 4): λ = 1 (the sampler is the policy, near point masses
   * later on), α < 1 with ρ_DPO > 1, and entries 0/1 (a = 1/2) with λ < 1.
   */
  @Example
  void cycleAtLambdaOneAndAlphaBelowOneHolds() {
    Instance lambdaOne = threeCycle(q(3, 8), Rationals.ONE, Rationals.ONE, Rationals.HALF);
    assertTrue(cycle.admits(lambdaOne));
    Checks.assertHolds(cycle, lambdaOne);
    Instance alphaHalf = threeCycle(q(1, 4), Rationals.HALF, Rationals.ONE, Rationals.HALF);
    assertTrue(cycle.admits(alphaHalf));
    Checks.assertHolds(cycle, alphaHalf);
    Instance zeroOne = threeCycle(q(1, 2), q(3, 4), q(3, 4), Rationals.ONE);
    assertTrue(cycle.admits(zeroOne));
    Checks.assertHolds(cycle, zeroOne);
  }

  /** Not admitted: ρ_DPO ≤ 1 (α = 1/2, a = 1/8, λ = 1/2, β = 2: ρ² = 1/4 + 1/192), and a = 1/2 with λ = 1. */
  @Example
  void stableLinearizationIsNotAdmitted() {
    assertTrue(!cycle.admits(threeCycle(q(1, 8), Rationals.HALF, Rationals.HALF, q(2, 1))));
    assertTrue(!cycle.admits(threeCycle(q(1, 2), Rationals.ONE, Rationals.ONE, Rationals.HALF)));
  }

  /** λ = 1 and λ = 0 on the strictly SST example: the collapse holds (it failed to run at λ = 1 before). */
  @Example
  void collapseAtTheEndsOfTheLambdaRange() {
    for (Aprational l : new Aprational[] {Rationals.ONE, Rationals.ZERO}) {
      Instance y = sstInstance().with(Slot.LAMBDA, l);
      assertTrue(collapse.admits(y));
      Checks.assertHolds(collapse, y);
    }
  }

  /** α = 0 with a weak update (β = 8): the orbit falls back to uniform, certified (VIOLATED). */
  @Example
  void cycleWithAlphaZeroIsViolated() {
    Instance x = threeCycle(q(1, 4), Rationals.ZERO, Rationals.HALF, q(8, 1));
    Checks.assertViolated(cycle, x, Checks.SUITE);
  }

  /** The wrong response named as the top: its log-odds fall and the mass off it grows (VIOLATED). */
  @Example
  void collapseOnTheWrongTopIsViolated() {
    Instance y = sstInstance();
    assertTrue(collapse.admits(y));
    Margin right = DpoCollapse.margin(y, 0, Checks.SUITE);
    assertEquals(Verdict.HOLDS, right.verdict(), right.detail());
    Margin wrong = DpoCollapse.margin(y, 1, Checks.SUITE);
    assertEquals(Verdict.VIOLATED, wrong.verdict(), wrong.detail());
  }

  /**
   * Too few digits for the fastest cycle: the orbit's enclosure widens until a round cannot be
   * certified; the check is UNDECIDED with that reason, never a verdict.
   */
  @Example
  void anUncertifiedRoundIsUndecidedWithItsReason() {
    Instance x = threeCycle(q(3, 8), Rationals.ONE, q(3, 4), Rationals.HALF);
    MrsParameters params = new MrsParameters(x.pref(), Rationals.ONE, q(3, 4), Rationals.HALF,
        Distribution.uniform(3), Distribution.uniform(3), MrsParameters.Method.DPO);
    Margin m = DpoCycle.margin(params, Precision.ofDigits(8));
    assertEquals(Verdict.UNDECIDED, m.verdict(), m.detail());
    assertTrue(m.reason().contains("certified MRS-DPO orbit stops at round"), m.reason());
  }

  private static Instance sstInstance() {
    return Instance.of(DynamicsFixtures.matrix(10, new long[][] {{5, 6, 8}, {4, 5, 6}, {2, 4, 5}}))
        .with(Slot.ALPHA, Rationals.ONE).with(Slot.LAMBDA, Rationals.HALF).with(Slot.BETA, q(1, 2))
        .with(Slot.REF, Distribution.uniform(3)).with(Slot.PI0, Distribution.uniform(3)).with(Slot.INIT, Distribution.uniform(3));
  }

  @Example
  void generatorsStillProduceAdmittedInstances() {
    Instance x = threeCycle(q(1, 4), Rationals.ONE, Rationals.HALF, q(1, 1));
    assertTrue(cycle.admits(x));
    assertTrue(collapse.admits(sstInstance()));
  }
}
