package prefdyn.verified;

import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.num.Ball;
import prefdyn.qual.Centered;

/**
 * Krawczyk certificate for a fixed point {@code θ* = F(θ*)} (proofs-notes/verified.md §3).
 *
 * <p>With {@code G(θ) = θ - F(θ)}, an approximate fixed point θ̃, an approximate inverse R of
 * {@code I - DF(θ̃)} and a box {@code X = θ̃ ± ε}, the Krawczyk operator is
 * {@code K(X) = θ̃ - R G(θ̃) + (I - R (I - DF(X))) (X - θ̃)}. If K(X) lies in the interior of X,
 * then R and every {@code I - J}, J ∈ DF(X), are nonsingular and F has exactly one fixed point in
 * X, which lies in K(X). The radius ε starts at twice the Newton step {@code |R G(θ̃)|} and is
 * inflated (to twice the observed distance) a few times when the inclusion fails.
 *
 * <p>Maps on logits modulo constants: wrap F and DF with {@link #centeredMap} and
 * {@link #centeredJacobian} ({@code Π F}, {@code Π DF} with {@code Π = I - 11ᵀ/K}). If
 * {@code F(θ + c1) = F(θ) + c'1} then ΠF is constant along 1, its fixed points are exactly the
 * centered representatives of the fixed classes of F, and {@code I - Π DF} maps 1 to 1, so the
 * Krawczyk test runs in R^K unchanged and certifies the centered fixed point.
 */
public final class Krawczyk {
  private Krawczyk() {}

  /** ε-inflation attempts before giving up. */
  static final int ATTEMPTS = 8;

  public static FixedPointEnclosure certify(BoxMap f, BoxJacobian df, Ball[] approx, int prec) {
    Ball[] t = approx.clone();
    Prep p = prepare(f, df, t, prec);
    BallMatrix r = p.r;
    if (r == null) {
      return FixedPointEnclosure.failed(METHOD, null, p.failure);
    }
    // the box half-width ε: twice the Newton step plus a few ulps. The box adds the upper end of
    // ε to θ̃'s radius and the interior test compares with every member of ε: ε need not be exact.
    Ball eps = p.newtonStep.mulPow2(1).add(floor(t, prec), prec);
    FixedPointEnclosure last = FixedPointEnclosure.failed(METHOD, null, "no attempt");
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Step st = step(df, t, p.center, r, eps, prec);
      last = st.result;
      Ball worst = st.worst;
      if (last.certified() || worst == null || !worst.isFinite()) {
        return last;
      }
      eps = Ball.max(worst.mulPow2(1), eps.mulPow2(1));
    }
    Ball q = last.contraction();
    return FixedPointEnclosure.failed(METHOD, q, "Krawczyk operator not inside the box after " + ATTEMPTS
        + " inflations" + (q == null ? "" : " (last ||I - R(I - DF(X))||_inf <= " + q.upperDecimal(4) + ")"));
  }

  /**
   * The Krawczyk test on ONE given box {@code θ̃ ± ε} (no inflation): certified iff
   * {@code K(X) ⊂ int X}. A box that does not contain a fixed point is always rejected (K(X) ⊂ X
   * would prove one exists in X).
   */
  public static FixedPointEnclosure check(BoxMap f, BoxJacobian df, Ball[] approx, Ball eps, int prec) {
    Ball[] t = approx.clone();
    Prep p = prepare(f, df, t, prec);
    BallMatrix r = p.r;
    if (r == null) {
      return FixedPointEnclosure.failed(METHOD, null, p.failure);
    }
    return step(df, t, p.center, r, eps, prec).result;
  }

  private static final String METHOD = "krawczyk";

  /** The preconditioner R ≈ (I - DF(θ̃))⁻¹ and the Newton point {@code θ̃ - R G(θ̃)}. */
  private record Prep(@Nullable BallMatrix r, Ball[] center, Ball newtonStep, String failure) {}

  private static Prep prepare(BoxMap f, BoxJacobian df, Ball[] t, int prec) {
    int n = t.length;
    Ball[] ft = f.apply(t, prec);
    if (ft.length != n) {
      throw new IllegalArgumentException("map returns " + ft.length + " values for " + n + " arguments");
    }
    Ball[] g = VerifiedLinear.sub(t, ft, prec);
    BallMatrix id = BallMatrix.identity(n);
    BallMatrix j0 = df.apply(t, prec);
    if (j0.rows() != n || j0.cols() != n) {
      throw new IllegalArgumentException("Jacobian is " + j0.rows() + "x" + j0.cols() + " for " + n + " arguments");
    }
    if (!j0.isFinite() || !allFinite(g)) {
      return new Prep(null, t, Ball.ZERO, "map or Jacobian not finite at the approximate fixed point");
    }
    BallMatrix r = VerifiedLinear.approximateInverse(id.sub(j0, prec), prec);
    if (r == null) {
      return new Prep(null, t, Ball.ZERO, "I - DF is singular (in double precision) at the approximate fixed point");
    }
    Ball[] step = r.times(g, prec);
    return new Prep(r, VerifiedLinear.sub(t, step, prec), maxAbs(step), "");
  }

  private record Step(FixedPointEnclosure result, @Nullable Ball worst) {}

  /** K(X) for X = t ± eps, with the precomputed {@code center = t - R G(t)}. */
  private static Step step(BoxJacobian df, Ball[] t, Ball[] center, BallMatrix r, Ball eps, int prec) {
    int n = t.length;
    final String method = METHOD;
    BallMatrix id = BallMatrix.identity(n);
    Ball[] box = new Ball[n];
    Ball[] delta = new Ball[n];
    for (int i = 0; i < n; i++) {
      box[i] = t[i].inflate(eps);
      delta[i] = box[i].sub(t[i], prec); // ⊇ X - θ̃
    }
    BallMatrix jx = df.apply(box, prec);
    if (!jx.isFinite()) {
      return new Step(FixedPointEnclosure.failed(method, null, "Jacobian not finite on the box of radius "
          + eps.upperDecimal(3)), null);
    }
    BallMatrix c = id.sub(r.mul(id.sub(jx, prec), prec), prec);
    Ball q = c.normInf(prec);
    Ball[] k = VerifiedLinear.add(center, c.times(delta, prec), prec);
    Ball worst = Ball.ZERO;
    boolean inside = true;
    for (int i = 0; i < n; i++) {
      Ball d = k[i].sub(t[i], prec).abs();
      inside &= Bounds.less(d, eps, prec);
      worst = Ball.max(worst, d);
    }
    if (inside) {
      return new Step(new FixedPointEnclosure(k, box, q, method, null), worst);
    }
    return new Step(FixedPointEnclosure.failed(method, q, "K(X) is not inside the box of radius "
        + eps.upperDecimal(3)), worst);
  }

  /**
   * A smallest box half-width: a few units in the last place of θ̃ (so an exact fixed point still
   * gets a box with an interior).
   */
  static Ball floor(Ball[] t, int prec) {
    Ball m = Ball.ONE;
    for (Ball x : t) {
      m = Ball.max(m, x.abs());
    }
    return m.mulPow2(8L - prec);
  }

  static Ball maxAbs(Ball[] v) {
    Ball m = Ball.ZERO;
    for (Ball x : v) {
      m = Ball.max(m, x.abs());
    }
    return m;
  }

  static boolean allFinite(Ball[] v) {
    for (Ball x : v) {
      if (!x.isFinite()) {
        return false;
      }
    }
    return true;
  }

  /** The centered map {@code θ ↦ Π F(θ)}. */
  public static BoxMap centeredMap(BoxMap f) {
    return (x, prec) -> Centering.center(f.apply(x, prec), prec);
  }

  /** The centered map's Jacobian {@code Π DF}. */
  public static BoxJacobian centeredJacobian(BoxJacobian df) {
    return (x, prec) -> Centering.center(df.apply(x, prec), prec);
  }

  /**
   * The Krawczyk certificate of the centered fixed point of a map on logits modulo constants:
   * {@link #certify} on {@link #centeredMap}{@code (f)} and {@link #centeredJacobian}{@code (df)}.
   *
   * @param enclosure the certificate
   */
  public record OnTangent(FixedPointEnclosure enclosure) {
    public boolean certified() {
      return enclosure.certified();
    }

    /** The enclosure of the centered fixed point; throws if not certified (check {@link #certified()} first). */
    public Ball @Centered [] theta() {
      // The checked cast of the centering qualifier for a certified fixed point: the enclosure
      // contains the unique fixed point θ* = ΠF(θ*) of the centered map in its box, and θ* is in
      // the range of Π, so it is centered; that is what @Centered states of a box.
      @SuppressWarnings("centered")
      Ball @Centered [] theta = enclosure.theta();
      return theta;
    }
  }

  /** {@link OnTangent}: certifies the centered fixed point of {@code f} near {@code approx}. */
  public static OnTangent certifyCentered(BoxMap f, BoxJacobian df, Ball[] approx, int prec) {
    return new OnTangent(certify(centeredMap(f), centeredJacobian(df), approx, prec));
  }
}
