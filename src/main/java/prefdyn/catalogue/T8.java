package prefdyn.catalogue;

import static prefdyn.catalogue.DynamicsStatements.ball;
import static prefdyn.catalogue.DynamicsStatements.initOf;
import static prefdyn.catalogue.DynamicsStatements.interiorNonNull;
import static prefdyn.catalogue.DynamicsStatements.parameters;
import static prefdyn.catalogue.DynamicsStatements.r;
import static prefdyn.catalogue.DynamicsStatements.top;
import static prefdyn.catalogue.Generators.grid;

import java.util.List;
import org.apfloat.Aprational;
import prefdyn.dynamics.MrsMap;
import prefdyn.dynamics.MrsParameters;
import prefdyn.gen.Matrices;
import prefdyn.num.Ball;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.pref.Sst;
import prefdyn.pref.Structure;

/**
 * T8: α = 1, P strictly SST with top response s. Margin = the smallest of (A) every round's
 * increase of every log-odds {@code log(π_s/π_j)} (must be > 0), (B) {@code (-log10(1 - π_s) - 100)/100}
 * after the rounds needed (the policy within 1e-100 of the vertex), (C) the smallest relative
 * entropy decrease {@code (H_t - H_{t+1})/H_t} over the second half of the run.
 */
public final class T8 {
  private T8() {}

  /** Rounds after which the run gives up (UNDECIDED) if the certificates below are not yet reached. */
  static final long CAP = 4000;

  /** A strictly SST K = 4 matrix, α = 1, started near the bottom response. */
  public static Instance example() {
    PreferenceMatrix p = DynamicsStatements.matrix(10, new long[][] {{5, 6, 8, 9}, {4, 5, 6, 8}, {2, 4, 5, 7}, {1, 2, 3, 5}});
    return Instance.of(p).with(Slot.ALPHA, Rationals.ONE).with(Slot.LAMBDA, r(1, 2)).with(Slot.BETA, r(2, 1))
        .with(Slot.REF, Distribution.uniform(4)).with(Slot.PI0, Distribution.uniform(4)).with(Slot.INIT, DynamicsStatements.dist(10, 1, 1, 1, 7));
  }

  public static final Statement STATEMENT = DynamicsStatements.mrsStatement("T8", Kind.PAPER, 50)
      .statement("alpha = 1, strictly SST: every log-odds of the top response increases every round, pi_t -> vertex, entropy eventually decreasing to 0.")
      .hypotheses(() -> DynamicsStatements.alphaOneInstances(k -> Matrices.strictlySst(k, k), grid(2, 4, 4), grid(4, 12, 2)), T8::admits)
      .margin(T8::margin, "the claim for the second response of the order instead of the top", T8::example)
      .build();


  static boolean admits(Instance x) {
    return Structure.sst(x.pref()) == Sst.STRICT && DynamicsStatements.isOne(x.find(Slot.ALPHA)) && DynamicsStatements.mrsParameters(x)
        && interiorNonNull(x.find(Slot.PI0));
  }

  static Margin margin(Instance x, Precision p, boolean wrongTop) {
    int[] order = Structure.majorityOrder(x.pref()).orElse(null);
    String what = "min(every round's log-odds increase, δ = certified lower bound of all later increases, eventual-entropy-decrease certificate)";
    if (order == null) {
      return Margin.exact(Rationals.of(-1), true, "P is not transitive: no top response");
    }
    int s = wrongTop ? order[1] : order[0];
    int k = x.k();
    MrsParameters mp = parameters(x);
    // row dominance, exact: d^(j)_m = P_sm - P_jm ≥ 0 for every m, d^(j)_s > 0
    Aprational[] ds = new Aprational[k];
    boolean dominance = true;
    for (int j = 0; j < k; j++) {
      if (j == s) {
        continue;
      }
      for (int m = 0; m < k; m++) {
        dominance &= x.pref().exact(s, m).subtract(x.pref().exact(j, m)).signum() >= 0;
      }
      ds[j] = x.pref().exact(s, s).subtract(x.pref().exact(j, s));
      dominance &= ds[j].signum() > 0;
    }
    int prec = p.bits();
    MrsMap map = new MrsMap(mp, p);
    Ball beta = Ball.of(mp.beta(), prec);
    Ball lam = Ball.of(mp.lambda(), prec);
    Ball offPi0s = Ball.of(Rationals.ONE.subtract(mp.lambda()), prec).mul(ball(mp.pi0().get(s), prec), prec);
    Ball logKm1 = k == 2 ? Ball.ZERO : Ball.exact(k - 1).log(prec);
    Ball[] theta = MrsMap.logitsOfBalls(initOf(x), prec);
    Ball inc = null;
    String incWhere = "";
    for (long t = 1; t <= CAP; t++) {
      Ball[] next = map.round(theta, prec);
      for (int j = 0; j < k; j++) {
        if (j != s) {
          Ball d = next[s].sub(next[j], prec).sub(theta[s].sub(theta[j], prec), prec);
          if (inc == null || !d.sub(inc, prec).isPositive()) {
            incWhere = "round " + t + ": increase of log(π_" + s + "/π_" + j + ")";
          }
          inc = inc == null ? d : Ball.min(inc, d);
          if (d.isNonPositive()) {
            return Margin.of(d, true, incWhere);
          }
        }
      }
      theta = next;
      if (!dominance) {
        continue;
      }
      Ball[] pi = Ball.softmax(theta, prec);
      Ball eps = Ball.ZERO;
      for (int j = 0; j < k; j++) {
        if (j != s) {
          eps = eps.add(pi[j], prec);
        }
      }
      Ball base = lam.mul(pi[s], prec).add(offPi0s, prec);
      Ball delta = null;
      for (int j = 0; j < k; j++) {
        if (j != s) {
          Ball dj = beta.mul(Ball.of(ds[j], prec), prec).mul(base, prec);
          delta = delta == null ? dj : Ball.min(delta, dj);
        }
      }
      if (delta == null || !eps.isFinite() || !Ball.ONE.mulPow2(-1).sub(eps, prec).isPositive()) {
        continue;
      }
      Ball oneMinusEps = Ball.ONE.sub(eps, prec);
      Ball c = delta.neg().exp(prec).div(oneMinusEps, prec);
      Ball cert = oneMinusEps.div(eps, prec).log(prec).mul(Ball.ONE.sub(c, prec), prec).sub(c.mul(logKm1, prec), prec);
      if (delta.isPositive() && cert.isPositive() && Ball.ONE.sub(c, prec).isPositive()) {
        Margin b = Margin.of(delta, true, "δ = " + delta.format(6) + " bounds every increase after round " + t + " (π_t → vertex)");
        Margin cm = Margin.of(cert, true, "entropy certified decreasing at every round after " + t + " (1 - π_top ≤ " + eps.upperDecimal(3) + ")");
        Margin incM = inc == null ? Margin.unknown("no round", true, what) : Margin.of(inc, true, "smallest log-odds increase (" + incWhere + ")");
        Margin all = Margin.min(List.of(incM, b, cm));
        return all.verdict() == Verdict.HOLDS ? all.withDetail(what + ", certificates at round " + t) : all;
      }
    }
    return Margin.min(inc == null ? Margin.unknown("no round", true, what) : Margin.of(inc, true, incWhere),
        Margin.unknown((dominance ? "" : "row dominance of the claimed top fails; ")
            + "round cap " + CAP + " reached before the convergence and entropy certificates", true, what));
  }
}
