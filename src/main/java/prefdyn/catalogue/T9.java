package prefdyn.catalogue;

import static prefdyn.catalogue.DynamicsStatements.ball;
import static prefdyn.catalogue.DynamicsStatements.initOf;
import static prefdyn.catalogue.DynamicsStatements.interiorNonNull;
import static prefdyn.catalogue.DynamicsStatements.parameters;
import static prefdyn.catalogue.DynamicsStatements.r;
import static prefdyn.catalogue.DynamicsStatements.top;
import static prefdyn.catalogue.Generators.grid;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import org.apfloat.Aprational;
import prefdyn.dynamics.FixedPoints;
import prefdyn.dynamics.MrsMap;
import prefdyn.dynamics.MrsParameters;
import prefdyn.gen.Distributions;
import prefdyn.gen.Matrices;
import prefdyn.num.Ball;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.Sst;
import prefdyn.pref.Structure;

/**
 * T9: α < 1, P strictly SST with top s. For β and 16β (κ' = β/(1-α) and 16κ'), the fixed point
 * reached from init satisfies (a) {@code π_i ≥ π_ref,i e^{-κ'}} (interior, quantitatively) and
 * (b) {@code 1 - π_s ≤ Σ_{j≠s} (π_ref,j/π_ref,s) e^{-κ' g_j μ_low}} with {@code g_j = P_sj - 1/2},
 * {@code μ_low = λ/(1+R) + (1-λ)π_0,s}, {@code R = Σ_{j≠s} π_ref,j/π_ref,s}: a bound that tends to 0
 * as κ grows (proof in proofs-notes/T9.md). Margin: the smallest log-slack of (a) and (b).
 */
public final class T9 {
  private T9() {}

  /** μ_top is small (λ = 0, π_0 puts 1/100 on the top), so the true bound needs its factor μ_low. */
  public static Instance example() {
    return Instance.of(DynamicsStatements.matrix(100, new long[][] {{50, 60, 61}, {40, 50, 60}, {39, 40, 50}}))
        .with(Slot.ALPHA, Rationals.ZERO).with(Slot.LAMBDA, Rationals.ZERO).with(Slot.BETA, r(50, 1))
        .with(Slot.REF, Distribution.uniform(3)).with(Slot.PI0, DynamicsStatements.dist(100, 1, 1, 98)).with(Slot.INIT, Distribution.uniform(3));
  }

  public static final Statement STATEMENT = DynamicsStatements.mrsStatement("T9", Kind.PAPER, 40)
      .statement("alpha < 1, strictly SST: fixed points are interior, and 1 - pi_top -> 0 as kappa = beta lambda/(1-alpha) grows.")
      .hypotheses(T9::instances, T9::admits)
      .margin(T9::margin, "the bound without the factor μ_low in the exponent", T9::example)
      .build();

  static Arbitrary<Instance> instances() {
    return DynamicsStatements.mrsInstances(k -> Matrices.strictlySst(k, k), grid(0, 8, 10), grid(1, 4, 4), grid(1, 8, 2),
        Distributions::interior, Distributions::interior);
  }

  static boolean admits(Instance x) {
    return Structure.sst(x.pref()) == Sst.STRICT && DynamicsStatements.alphaBelowOne(x.find(Slot.ALPHA)) && DynamicsStatements.mrsParameters(x)
        && interiorNonNull(x.find(Slot.PI0));
  }

  static Margin margin(Instance x, Precision p, boolean withoutMuLow) {
    int s = top(x.pref());
    if (s < 0) {
      return Margin.exact(Rationals.of(-1), true, "P is not transitive: no top response");
    }
    MrsParameters base = parameters(x);
    int prec = p.bits();
    int k = x.k();
    List<Margin> parts = new ArrayList<>();
    String what = "min log-slack of π_i ≥ π_ref,i e^{-κ'} and of the 1 - π_top bound at the certified fixed points, κ' = β/(1-α) and 16κ'";
    for (long mult : new long[] {1, 16}) {
      MrsParameters mp = base.withBeta(base.beta().multiply(Rationals.of(mult)));
      MrsMap map = new MrsMap(mp, p);
      FixedPoints.Certified fp = FixedPoints.findAndCertify(map, map.logitsOf(initOf(x)), 300);
      if (!fp.ok()) {
        return Margin.unknown(fp.failure() + " (β·" + mult + ")", false, what);
      }
      Ball[] theta = fp.box();
      Ball lse = Ball.logSumExp(theta, prec);
      Ball[] logRef = new Ball[k];
      Ball[] ref = new Ball[k];
      for (int i = 0; i < k; i++) {
        ref[i] = ball(mp.ref().get(i), prec);
        logRef[i] = ref[i].log(prec);
      }
      Aprational kp = mp.beta().divide(Rationals.ONE.subtract(mp.alpha()));
      Ball kappa = Ball.of(kp, prec);
      String at = "κ' = " + Rationals.format(kp);
      for (int i = 0; i < k; i++) {
        Ball a = theta[i].sub(lse, prec).sub(logRef[i], prec).add(kappa, prec);
        parts.add(Margin.of(a, false, "log π_" + i + " - log π_ref," + i + " + κ' at " + at));
      }
      Ball rsum = Ball.ZERO;
      for (int j = 0; j < k; j++) {
        if (j != s) {
          rsum = rsum.add(ref[j].div(ref[s], prec), prec);
        }
      }
      Ball lam = Ball.of(mp.lambda(), prec);
      Ball muLow = lam.div(Ball.ONE.add(rsum, prec), prec)
          .add(Ball.of(Rationals.ONE.subtract(mp.lambda()), prec).mul(ball(mp.pi0().get(s), prec), prec), prec);
      Ball bound = Ball.ZERO;
      Ball off = Ball.ZERO;
      for (int j = 0; j < k; j++) {
        if (j != s) {
          Ball g = Ball.of(x.pref().exact(s, j).subtract(Rationals.HALF), prec);
          Ball expo = kappa.mul(g, prec).mul(withoutMuLow ? Ball.ONE : muLow, prec).neg();
          bound = bound.add(ref[j].div(ref[s], prec).mul(expo.exp(prec), prec), prec);
          off = off.add(theta[j].sub(lse, prec).exp(prec), prec);
        }
      }
      parts.add(Margin.of(bound.log(prec).sub(off.log(prec), prec), false, "log(bound) - log(1 - π_top) at " + at));
    }
    Margin m = Margin.min(parts);
    return m.verdict() == Verdict.HOLDS ? m.withDetail(what + "; smallest: " + m.detail()) : m;
  }
}
