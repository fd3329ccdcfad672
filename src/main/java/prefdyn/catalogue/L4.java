package prefdyn.catalogue;

import static prefdyn.catalogue.DynamicsStatements.ball;
import static prefdyn.catalogue.DynamicsStatements.initOf;
import static prefdyn.catalogue.DynamicsStatements.maxAbs;
import static prefdyn.catalogue.DynamicsStatements.parameters;
import static prefdyn.catalogue.DynamicsStatements.r;
import static prefdyn.catalogue.Generators.grid;

import org.apfloat.Aprational;
import prefdyn.dynamics.FastMrs;
import prefdyn.dynamics.FixedPoints;
import prefdyn.dynamics.MrsMap;
import prefdyn.dynamics.MrsParameters;
import prefdyn.gen.Distributions;
import prefdyn.gen.Matrices;
import prefdyn.num.Ball;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;

/**
 * L4: for α < 1 an interior fixed point θ* satisfies
 * {@code π* ∝ π_ref ⊙ exp((β/(1-α)) P(λπ* + (1-λ)π_0))}. θ* is certified by Krawczyk
 * ({@link FixedPoints#certify}); the difference {@code Π(θ* - one-shot logits)} is enclosed in
 * balls on the certified box. Margin (an equality): 0 when the enclosure contains 0 ("holds:
 * |difference| ≤ r"), else minus its distance from 0 (violated); UNDECIDED when no fixed point is
 * certified.
 */
public final class L4 {
  private L4() {}

  /** A strictly SST K = 3 instance with a non-uniform reference. */
  public static Instance example() {
    return Instance.of(DynamicsStatements.matrix(10, new long[][] {{5, 6, 7}, {4, 5, 6}, {3, 4, 5}}))
        .with(Slot.ALPHA, r(1, 2)).with(Slot.LAMBDA, r(3, 4)).with(Slot.BETA, r(3, 2))
        .with(Slot.REF, DynamicsStatements.dist(10, 5, 3, 2)).with(Slot.PI0, Distribution.uniform(3)).with(Slot.INIT, Distribution.uniform(3));
  }

  public static final Statement STATEMENT = DynamicsStatements.mrsStatement("L4", Kind.PROVED, 30)
      .statement("For alpha < 1, fixed points are one-shot IPO optima at strength beta/(1-alpha) with the self-consistent sampler.")
      .hypotheses(() -> DynamicsStatements.mrsInstances(k -> Matrices.any(k, k), grid(0, 9, 10), grid(0, 4, 4), grid(1, 12, 4),
            Distributions::interior, Distributions::any)
            .filter(x -> FastMrs.contractionUpperBound(parameters(x)) < 0.9),
          L4::admits)
      .margin(L4::margin, "strength β instead of β/(1-α)", L4::example)
      .build();


  static boolean admits(Instance x) {
    return DynamicsStatements.alphaBelowOne(x.find(Slot.ALPHA)) && DynamicsStatements.mrsParameters(x);
  }

  static Margin margin(Instance x, Precision p, boolean wrongStrength) {
    MrsParameters mp = parameters(x);
    MrsMap map = new MrsMap(mp, p);
    String what = "Π(θ* - log π_ref - " + (wrongStrength ? "β" : "β/(1-α)") + "·P(λπ* + (1-λ)π_0)) = 0 at the certified fixed point θ*";
    FixedPoints.Certified fp = FixedPoints.findAndCertify(map, map.logitsOf(initOf(x)), 400);
    if (!fp.ok()) {
      return Margin.unknown(fp.failure(), false, what);
    }
    int prec = p.bits();
    Ball[] theta = fp.box();
    int k = x.k();
    Ball[] pi = Ball.softmax(theta, prec);
    Ball lam = Ball.of(mp.lambda(), prec);
    Ball offLam = Ball.of(Rationals.ONE.subtract(mp.lambda()), prec);
    Ball[] mu = new Ball[k];
    for (int i = 0; i < k; i++) {
      mu[i] = lam.mul(pi[i], prec).add(offLam.mul(ball(mp.pi0().get(i), prec), prec), prec);
    }
    Aprational strength = wrongStrength ? mp.beta() : mp.beta().divide(Rationals.ONE.subtract(mp.alpha()));
    Ball st = Ball.of(strength, prec);
    Ball[] logRef = MrsMap.logitsOfBalls(mp.ref(), prec);
    Ball[] oneShot = new Ball[k];
    for (int i = 0; i < k; i++) {
      Ball[] row = new Ball[k];
      for (int j = 0; j < k; j++) {
        row[j] = ball(mp.pref().entry(i, j), prec);
      }
      oneShot[i] = logRef[i].add(st.mul(Ball.dot(row, mu, prec), prec), prec);
    }
    oneShot = MrsMap.center(oneShot, prec);
    Ball[] diff = new Ball[k];
    for (int i = 0; i < k; i++) {
      diff[i] = theta[i].sub(oneShot[i], prec);
    }
    return Margin.equality(maxAbs(diff), what);
  }
}
