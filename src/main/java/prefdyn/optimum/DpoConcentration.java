package prefdyn.optimum;

import java.util.Arrays;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.num.Ball;
import prefdyn.num.Precision;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;

/**
 * The one-shot DPO concentration result (proofs-notes/DPO-CONC.md). In u = β log(π/π_ref) (the
 * DPO optimum's reward scaled by β; the statement does not depend on β), at the optimum u* for an
 * interior sampler μ, the Fisher weights {@code ω_yb = μ_b σ'(u*_y - u*_b)} define, for each
 * response y, the weighted aggregate of its logit gaps {@code G_y(u) = Σ_b ω_yb (u_y - u_b)}
 * (weights frozen at μ). Along {@code μ + εν}, {@code ν = μ' - μ}, the implicit function theorem
 * gives {@code dG_y/dε = (Pν)_y - Σ_b ν_b σ(u*_y - u*_b)}, so
 * {@code d(G_i - G_j)/dε = Σ_b ν_b h_b}, {@code h_b = (P_ib - P_jb) - (σ(u*_i - u*_b) - σ(u*_j - u*_b))},
 * and by Abel summation along the order {@code = Σ_m (h_{o_m} - h_{o_{m+1}}) D_m} with D_m the
 * prefix sums of ν. Everything here is an enclosure; the statement classes only compare.
 */
public final class DpoConcentration {
  private DpoConcentration() {}

  /**
   * The enclosed local quantities.
   *
   * @param rate {@code d(G_i - G_j)/dε} at ε = 0, from the implicit-function derivative du (a verified solve)
   * @param formula {@code Σ_b ν_b h_b} (the derived formula; with {@code ipoRate} the deliberately
   *     wrong {@code Σ_b ν_b (P_ib - P_jb)}, IPO's rate, which ignores the model's own win rates)
   * @param drops {@code h_{o_m} - h_{o_{m+1}}}, m = 0..K-2, along the order
   * @param u the certified optimum u* at μ (any representative)
   * @param failure why nothing was enclosed (null when enclosed)
   */
  public record Local(@Nullable Ball rate, @Nullable Ball formula, Ball @Nullable [] drops, Ball @Nullable [] u,
      @Nullable String failure) {
    static Local failed(String why) {
      return new Local(null, null, null, null, why);
    }
  }

  /** The certified optimum u* (β = 1, zero reference: the u-problem), or null with the failure in {@code why[0]}. */
  static Ball @Nullable [] optimumU(Ball[][] pb, Ball[] mb, Precision q, String[] why) {
    Ball[] zero = new Ball[mb.length];
    Arrays.fill(zero, Ball.ZERO);
    DpoOptimum.Outcome o = DpoOptimum.certify(pb, mb, zero, Ball.ONE, q);
    if (o instanceof DpoOptimum.Certificate c) {
      return c.logits();
    }
    why[0] = "the DPO optimum is not certified: " + ((DpoOptimum.Failure) o).reason();
    return null;
  }

  /** {@code Σ_{b≠y} ω_yb (v_y - v_b)} with the Fisher weights of (μ, u). */
  static Ball aggregate(Ball[] mu, Ball[] u, Ball[] v, int y, int prec) {
    Ball acc = Ball.ZERO;
    for (int b = 0; b < u.length; b++) {
      if (b != y) {
        Ball w = mu[b].mul(DpoOptimum.sigmoidPrime(u[y].sub(u[b], prec), prec), prec);
        acc = acc.add(w.mul(v[y].sub(v[b], prec), prec), prec);
      }
    }
    return acc;
  }

  /** {@code h_b} for the pair (i, j) at u (IPO's d_b when {@code ipoRate}). */
  static Ball[] h(Ball[][] pb, Ball[] u, int i, int j, boolean ipoRate, int prec) {
    int k = u.length;
    Ball[] h = new Ball[k];
    for (int b = 0; b < k; b++) {
      Ball d = pb[i][b].sub(pb[j][b], prec);
      h[b] = ipoRate ? d : d.sub(u[i].sub(u[b], prec).sigmoid(prec).sub(u[j].sub(u[b], prec).sigmoid(prec), prec), prec);
    }
    return h;
  }

  /** The local quantities at μ for the direction {@code μ' - μ}, pair (i, j) and order o. */
  public static Local local(PreferenceMatrix p, Distribution mu, Distribution muPrime, int i, int j, int[] order,
      Precision q, boolean ipoRate) {
    int prec = q.bits() + 16;
    int k = p.k();
    Ball[][] pb = DpoOptimum.balls(p, prec);
    Ball[] mb = DpoOptimum.balls(mu, prec);
    Ball[][] nu = new Ball[k][1];
    Ball[] nuv = new Ball[k];
    for (int b = 0; b < k; b++) {
      nuv[b] = Ball.of(muPrime.exact(b).subtract(mu.exact(b)), prec);
      nu[b][0] = nuv[b];
    }
    String[] why = {""};
    Ball[] u = optimumU(pb, mb, q, why);
    if (u == null) {
      return Local.failed(why[0]);
    }
    DpoSensitivity.Derivative d = DpoSensitivity.derivative(pb, mb, u, DpoSensitivity.pinOf(mb), nu, prec);
    if (!d.ok()) {
      return Local.failed(String.valueOf(d.failure()));
    }
    Ball[] du = new Ball[k];
    for (int b = 0; b < k; b++) {
      du[b] = d.get()[b][0];
    }
    Ball rate = aggregate(mb, u, du, i, prec).sub(aggregate(mb, u, du, j, prec), prec);
    Ball[] hb = h(pb, u, i, j, ipoRate, prec);
    Ball formula = Ball.dot(nuv, hb, prec);
    Ball[] drops = new Ball[k - 1];
    for (int m = 0; m + 1 < k; m++) {
      drops[m] = hb[order[m]].sub(hb[order[m + 1]], prec);
    }
    return new Local(rate, formula, drops, u, null);
  }

  /**
   * The non-local change of the frozen-weight aggregate, {@code (G_i - G_j)(u*(μ')) - (G_i - G_j)(u*(μ))}
   * with the Fisher weights of μ (the conjecture DPO-CONC-GLOBAL), enclosed; null with the
   * failure in {@code why[0]}.
   */
  public static @Nullable Ball globalChange(PreferenceMatrix p, Distribution mu, Distribution muPrime, int i, int j,
      Precision q, String[] why) {
    int prec = q.bits() + 16;
    Ball[][] pb = DpoOptimum.balls(p, prec);
    Ball[] mb = DpoOptimum.balls(mu, prec);
    Ball[] u = optimumU(pb, mb, q, why);
    Ball[] v = optimumU(pb, DpoOptimum.balls(muPrime, prec), q, why);
    if (u == null || v == null) {
      return null;
    }
    Ball[] diff = new Ball[u.length];
    for (int b = 0; b < u.length; b++) {
      diff[b] = v[b].sub(u[b], prec);
    }
    return aggregate(mb, u, diff, i, prec).sub(aggregate(mb, u, diff, j, prec), prec);
  }

  /** The drops {@code h_{o_m} - h_{o_{m+1}}} at μ (for the conjecture's hypothesis), or null. */
  public static Ball @Nullable [] drops(PreferenceMatrix p, Distribution mu, int i, int j, int[] order, Precision q, String[] why) {
    int prec = q.bits() + 16;
    Ball[][] pb = DpoOptimum.balls(p, prec);
    Ball[] u = optimumU(pb, DpoOptimum.balls(mu, prec), q, why);
    if (u == null) {
      return null;
    }
    Ball[] hb = h(pb, u, i, j, false, prec);
    Ball[] drops = new Ball[p.k() - 1];
    for (int m = 0; m + 1 < p.k(); m++) {
      drops[m] = hb[order[m]].sub(hb[order[m + 1]], prec);
    }
    return drops;
  }
}
