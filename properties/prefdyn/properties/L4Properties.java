package prefdyn.properties;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static prefdyn.properties.DynamicsFixtures.q;

import net.jqwik.api.Example;
import prefdyn.catalogue.DynamicsStatements;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.L4;
import prefdyn.catalogue.Slot;
import prefdyn.dynamics.FixedPoints;
import prefdyn.dynamics.MrsMap;
import prefdyn.dynamics.MrsParameters;
import prefdyn.num.Ball;
import prefdyn.num.Rationals;
import prefdyn.optimum.IpoOptimum;
import prefdyn.pref.Distribution;

/**
 * L4: for α < 1 a fixed point of the MRS-IPO round is the one-shot IPO optimum at strength
 * β/(1-α) for the self-consistent sampler. The generated instances and the wrong strength β run in
 * {@link StatementProperties}; here: a fixed point known in closed form (λ = 0, where the sampler
 * is π_0 and the fixed point is L1's optimum), the wrong strength rejected there too, and α = 1
 * outside the hypotheses.
 */
class L4Properties {
  /** λ = 0: μ = π_0 whatever π is, so the fixed point is L1's closed form at strength β/(1-α). */
  private static Instance offline() {
    return L4.example().with(Slot.LAMBDA, Rationals.ZERO).with(Slot.PI0, DynamicsFixtures.dist(10, 1, 2, 7));
  }

  @Example
  void fixedPointAtLambdaZeroIsTheOneShotIpoOptimum() {
    Instance x = offline();
    assertTrue(L4.STATEMENT.admits(x));
    Checks.assertHolds(L4.STATEMENT, x);
    // the certified fixed point (Krawczyk) against the library's IPO closed form (L1), coordinate by coordinate
    MrsParameters mp = DynamicsStatements.parameters(x);
    int prec = Checks.SUITE.bits();
    MrsMap map = new MrsMap(mp, Checks.SUITE);
    FixedPoints.Certified fp = FixedPoints.findAndCertify(map, map.logitsOf(Distribution.uniform(3)), 400);
    assertTrue(fp.ok(), fp.failure());
    Ball[] closedForm = IpoOptimum.logits(mp.pref(), mp.pi0(), MrsMap.logitsOfBalls(mp.ref(), prec),
        mp.beta().divide(Rationals.ONE.subtract(mp.alpha())), prec);
    Ball[] theta = fp.box();
    for (int i = 0; i < theta.length; i++) {
      assertTrue(theta[i].overlaps(closedForm[i]), "coordinate " + i + ": " + theta[i] + " vs " + closedForm[i]);
    }
  }

  /** The check can fail: the wrong strength β is certifiably off at this fixed point too (not only on the example). */
  @Example
  void wrongStrengthIsRejectedAtTheKnownFixedPoint() {
    Checks.assertViolated(L4.STATEMENT.wrongVariants().get(0).statement(), offline(), Checks.SUITE);
  }

  /** α = 1 (the reference follows the model: no strength β/(1-α)) is outside the hypotheses. */
  @Example
  void alphaOneIsNotAdmitted() {
    assertFalse(L4.STATEMENT.admits(L4.example().with(Slot.ALPHA, Rationals.ONE)));
    assertTrue(L4.STATEMENT.admits(L4.example().with(Slot.ALPHA, q(9, 10))));
  }
}
