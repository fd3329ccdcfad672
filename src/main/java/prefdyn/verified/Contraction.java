package prefdyn.verified;

import prefdyn.num.Ball;

/**
 * Contraction certificate for a fixed point in the ∞-norm (proofs-notes/verified.md §4): on the
 * box {@code X = θ̃ ± ρ}, if {@code q ≥ sup_X ||DF||_∞} with q < 1 and
 * {@code ||F(θ̃) - θ̃||_∞ ≤ (1 - q) ρ}, then F maps X into itself and is a q-contraction there,
 * so it has exactly one fixed point in X, and {@code ||θ* - θ̃||_∞ ≤ ||F(θ̃) - θ̃||_∞ / (1 - q)}.
 * Simpler and weaker than {@link Krawczyk} (which needs no contraction); it also certifies the
 * contraction constant itself.
 */
public final class Contraction {
  private Contraction() {}

  public static FixedPointEnclosure certify(BoxMap f, BoxJacobian df, Ball[] approx, int prec) {
    final String method = "contraction";
    int n = approx.length;
    Ball[] t = approx.clone();
    Ball[] ft = f.apply(t, prec);
    if (ft.length != n) {
      throw new IllegalArgumentException("map returns " + ft.length + " values for " + n + " arguments");
    }
    Ball res = Krawczyk.maxAbs(VerifiedLinear.sub(ft, t, prec));
    if (!res.isFinite()) {
      return FixedPointEnclosure.failed(method, null, "map not finite at the approximate fixed point");
    }
    Ball rho = res.mulPow2(1).add(Krawczyk.floor(t, prec), prec);
    Ball q = Ball.ZERO;
    for (int attempt = 0; attempt < Krawczyk.ATTEMPTS; attempt++) {
      Ball[] box = new Ball[n];
      for (int i = 0; i < n; i++) {
        box[i] = t[i].inflate(rho);
      }
      BallMatrix j = df.apply(box, prec);
      if (!j.isFinite()) {
        return FixedPointEnclosure.failed(method, null, "Jacobian not finite on the box of radius " + rho.upperDecimal(3));
      }
      q = j.normInf(prec);
      if (!Bounds.less(q, Ball.ONE, prec)) {
        return FixedPointEnclosure.failed(method, q, "no contraction: sup ||DF||_inf on the box is not certified below 1 (upper bound "
            + q.upperDecimal(4) + ")");
      }
      Ball gap = Ball.ONE.sub(q, prec);
      if (Bounds.less(res, gap.mul(rho, prec), prec)) {
        Ball dist = res.div(gap, prec);
        Ball[] enc = new Ball[n];
        for (int i = 0; i < n; i++) {
          enc[i] = t[i].inflate(dist);
        }
        return new FixedPointEnclosure(enc, box, q, method, null);
      }
      rho = Ball.max(res.div(gap, prec).mulPow2(1), rho.mulPow2(1));
    }
    return FixedPointEnclosure.failed(method, q, "residual not below (1 - q) rho after " + Krawczyk.ATTEMPTS + " attempts");
  }
}
