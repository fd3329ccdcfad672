package prefdyn.dynamics;

import java.util.Optional;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.num.Ball;
import prefdyn.num.Linalg;
import prefdyn.num.Precision;
import prefdyn.qual.Centered;
import prefdyn.verified.BallMatrix;
import prefdyn.verified.Bounds;
import prefdyn.verified.FixedPointEnclosure;
import prefdyn.verified.Krawczyk;

/**
 * Fixed points of the MRS map: by plain iteration, and by Newton's method on L4's fixed-point
 * equation {@code G(θ) = Π[(1-α)(θ - log π_ref) - βP(λ softmax θ + (1-λ)π_0)] = 0} (which is
 * {@code θ - Φ(θ)} on centered θ). Iteration and Newton only <em>find</em> an approximate fixed
 * point; {@link #certify} proves that a fixed point exists near it and encloses it (Krawczyk).
 */
public final class FixedPoints {
  private FixedPoints() {}

  /**
   * A fixed-point attempt.
   *
   * @param logits the last (centered) logits
   * @param residual {@code ||θ - Φ(θ)||_2} there
   * @param steps rounds (iteration) or Newton steps used
   * @param converged whether the residual met the tolerance
   */
  public record Result(Apfloat @Centered [] logits, Apfloat residual, long steps, boolean converged) {}

  /**
   * Residual tolerance at working precision: 10^-(working - 4) relative to max(1, ||θ||), for the
   * centered θ (the norm of another representative θ + c·1 would make the tolerance as large as
   * c, and a far-off θ "converged").
   */
  public static Apfloat tolerance(Apfloat @Centered [] theta, Precision p) {
    Apfloat scale = Linalg.norm2(theta, p);
    if (scale.compareTo(p.real(1)) < 0) {
      scale = p.real(1);
    }
    return ApfloatMath.scale(p.real(1), -(p.working() - 4)).multiply(scale);
  }

  /** Iterates the map until successive logits agree to working precision (or maxRounds). */
  public static Result iterate(MrsMap map, Apfloat[] theta0, long maxRounds) {
    Precision p = map.precision();
    Apfloat[] theta = Linalg.center(theta0, p);
    Apfloat res = p.real(0);
    for (long t = 1; t <= maxRounds; t++) {
      Apfloat[] next = map.apply(theta);
      res = distance(next, theta, p);
      theta = next;
      if (res.compareTo(tolerance(theta, p)) <= 0) {
        return new Result(theta, distance(map.apply(theta), theta, p), t, true);
      }
    }
    return new Result(theta, res, maxRounds, false);
  }

  /**
   * Newton's method on L4's equation for the IPO map with α < 1, from {@code theta0}, with
   * step halving when the residual does not decrease. The Newton matrix is
   * {@code I - ΠJ_Φ + (1/K)11ᵀ}: on 1^⊥ it is the derivative of G, and it maps 1 to 1, so it is
   * invertible exactly when G's derivative on 1^⊥ is.
   */
  public static Result newton(MrsMap map, Apfloat[] theta0, int maxSteps) {
    Precision p = map.precision();
    int k = map.k();
    Apfloat[] theta = Linalg.center(theta0, p);
    Apfloat[] g = map.residual(theta);
    Apfloat gn = Linalg.norm2(g, p);
    Apfloat invK = p.real(1).divide(p.real(k));
    for (int step = 1; step <= maxSteps; step++) {
      if (gn.compareTo(tolerance(theta, p)) <= 0) {
        return new Result(theta, gn, step - 1, true);
      }
      Apfloat[][] j = map.jacobian(theta);
      Apfloat[][] b = new Apfloat[k][k];
      for (int c = 0; c < k; c++) {
        Apfloat mean = p.real(0);
        for (int r = 0; r < k; r++) {
          mean = mean.add(j[r][c]);
        }
        mean = mean.multiply(invK);
        for (int r = 0; r < k; r++) {
          Apfloat v = j[r][c].subtract(mean).negate().add(invK);
          b[r][c] = r == c ? v.add(p.real(1)) : v;
        }
      }
      Apfloat[] rhs = new Apfloat[k];
      for (int i = 0; i < k; i++) {
        rhs[i] = g[i].negate();
      }
      Apfloat[] delta;
      try {
        delta = Linalg.solve(b, rhs, p);
      } catch (ArithmeticException singular) {
        return new Result(theta, gn, step, false);
      }
      Apfloat t = p.real(1);
      boolean improved = false;
      for (int halvings = 0; halvings < 40; halvings++) {
        Apfloat[] trial = new Apfloat[k];
        for (int i = 0; i < k; i++) {
          trial[i] = theta[i].add(t.multiply(delta[i]));
        }
        trial = Linalg.center(trial, p);
        Apfloat[] gt = map.residual(trial);
        Apfloat gtn = Linalg.norm2(gt, p);
        if (gtn.compareTo(gn) < 0) {
          theta = trial;
          g = gt;
          gn = gtn;
          improved = true;
          break;
        }
        t = t.divide(p.real(2));
      }
      if (!improved) {
        return new Result(theta, gn, step, gn.compareTo(tolerance(theta, p)) <= 0);
      }
    }
    return new Result(theta, gn, maxSteps, gn.compareTo(tolerance(theta, p)) <= 0);
  }

  /** {@code ||Π(a - b)||_2}. */
  public static Apfloat distance(Apfloat[] a, Apfloat[] b, Precision p) {
    Apfloat[] d = new Apfloat[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = p.real(a[i]).subtract(p.real(b[i]));
    }
    return Linalg.norm2(Linalg.center(d, p), p);
  }

  /**
   * A certified fixed point of the MRS-IPO round, or why none was certified.
   *
   * @param theta balls containing a fixed point θ* = Φ(θ*) (centered logits); null when failed
   * @param certificate the Krawczyk certificate (its box holds exactly one fixed point)
   * @param failure why no fixed point was certified (empty when certified)
   */
  public record Certified(Ball @Nullable [] theta,
      @Nullable FixedPointEnclosure certificate, String failure) {
    public boolean ok() {
      return theta != null;
    }

    /** The enclosure; throws when not certified (check {@link #ok()} first). */
    public Ball[] box() {
      return Bounds.present(theta, "no certified fixed point", failure);
    }
  }

  /**
   * Proves that the round has a fixed point near {@code approx} and encloses it: the Krawczyk
   * test (prefdyn.verified) on boxes around approx, with the round {@link MrsMap#round} in balls
   * (an inclusion function of Φ) and the centered Jacobian {@link MrsMap#centeredJacobian}
   * enclosed on the box. Φ is constant along 1 and I - ΠDΦ maps 1 to 1, so the test runs in R^K
   * and certifies the centered fixed point. No stopping tolerance enters: the approximation only
   * chooses where to look.
   */
  public static Certified certify(MrsMap map, Apfloat[] approx, int prec) {
    Ball[] t = new Ball[approx.length];
    for (int i = 0; i < approx.length; i++) {
      Ball b = Ball.of(approx[i], prec);
      t[i] = b.midpoint();
    }
    FixedPointEnclosure e = Krawczyk.certify(map::round, (box, q) -> BallMatrix.of(map.centeredJacobian(box, q)), t, prec);
    if (!e.certified()) {
      String why = e.failure();
      return new Certified(null, e, "fixed point not certified: " + (why == null ? "Krawczyk test failed" : why));
    }
    return new Certified(e.theta(), e, "");
  }

  /**
   * Finds an approximate fixed point from {@code theta0} (Newton, iteration: see {@link #approximate}) and certifies it ({@link #certify}).
   */
  public static Certified findAndCertify(MrsMap map, Apfloat[] theta0, long rounds) {
    Optional<Apfloat[]> a = approximate(map, theta0, rounds);
    if (a.isEmpty()) {
      return new Certified(null, null, "no approximate fixed point: iteration (" + rounds + " rounds) and Newton did not settle");
    }
    return certify(map, a.get(), map.precision().bits());
  }

  /** An approximate fixed point of an MRS-IPO map: Newton from the start, else iteration, then Newton, then more iteration. */
  public static Optional<Apfloat[]> approximate(MrsMap map, Apfloat[] theta0, long rounds) {
    Result first = newton(map, theta0, 60);
    if (first.converged()) {
      return Optional.of(first.logits());
    }
    Result it = iterate(map, theta0, rounds);
    if (it.converged()) {
      return Optional.of(it.logits());
    }
    Result nt = newton(map, it.logits(), 80);
    if (nt.converged()) {
      return Optional.of(nt.logits());
    }
    Result it2 = iterate(map, nt.logits(), 20 * rounds);
    return it2.converged() ? Optional.of(it2.logits()) : Optional.empty();
  }
}
