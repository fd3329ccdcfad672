package prefdyn.catalogue;

import static prefdyn.catalogue.DynamicsStatements.ball;
import static prefdyn.catalogue.DynamicsStatements.enclosureBits;
import static prefdyn.catalogue.DynamicsStatements.initOf;
import static prefdyn.catalogue.DynamicsStatements.interiorNonNull;
import static prefdyn.catalogue.DynamicsStatements.interiorOrNull;
import static prefdyn.catalogue.DynamicsStatements.maxAbs;
import static prefdyn.catalogue.DynamicsStatements.nonNegative;
import static prefdyn.catalogue.DynamicsStatements.norm2;
import static prefdyn.catalogue.DynamicsStatements.parameters;
import static prefdyn.catalogue.DynamicsStatements.positive;
import static prefdyn.catalogue.DynamicsStatements.r;
import static prefdyn.catalogue.DynamicsStatements.top;
import static prefdyn.catalogue.DynamicsStatements.unit;
import static prefdyn.catalogue.Generators.grid;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.apfloat.Aprational;
import org.apfloat.AprationalMath;
import prefdyn.dynamics.FastMrs;
import prefdyn.dynamics.FixedPoints;
import prefdyn.dynamics.MrsMap;
import prefdyn.dynamics.MrsParameters;
import prefdyn.dynamics.Stability;
import prefdyn.dynamics.ThreeCycleFamily;
import prefdyn.gen.Distributions;
import prefdyn.gen.Matrices;
import prefdyn.num.Ball;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.pref.Sst;
import prefdyn.pref.Structure;

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

  public static final Statement STATEMENT = Statement.named("L4")
      .kind(Kind.PROVED)
      .statement("For alpha < 1, fixed points are one-shot IPO optima at strength beta/(1-alpha) with the self-consistent sampler.")
      .proofNote("proofs-notes/L4.md")
      .slots(Slot.ALPHA, Slot.LAMBDA, Slot.BETA, Slot.REF, Slot.PI0, Slot.INIT)
      .tries(30)
      .hypotheses(L4::instances)
      .admits(L4::admits)
      .margin((x, p) -> margin(x, p, false))
      .wrong("strength β instead of β/(1-α)", (x, p) -> margin(x, p, true), L4::example)
      .build();

  static Arbitrary<Instance> instances() {
    return Arbitraries.integers().between(2, 4).flatMap(k -> Combinators.combine(
        Matrices.any(k, k), grid(0, 9, 10), grid(0, 4, 4), grid(1, 12, 4),
        Distributions.interior(k), Distributions.any(k), Distributions.interior(k))
        .as((pm, a, l, b, ref, pi0, init) -> Instance.of(pm).with(Slot.ALPHA, a).with(Slot.LAMBDA, l).with(Slot.BETA, b)
            .with(Slot.REF, ref).with(Slot.PI0, pi0).with(Slot.INIT, init)))
        .filter(x -> FastMrs.contractionUpperBound(parameters(x)) < 0.9);
  }

  static boolean admits(Instance x) {
    Aprational al = x.find(Slot.ALPHA);
    return al != null && al.compareTo(Rationals.ONE) < 0 && unit(al) && unit(x.find(Slot.LAMBDA))
        && positive(x.find(Slot.BETA)) && interiorOrNull(x.find(Slot.REF)) && interiorOrNull(x.find(Slot.INIT));
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
