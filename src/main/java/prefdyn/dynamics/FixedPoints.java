package prefdyn.dynamics;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import prefdyn.num.Linalg;
import prefdyn.num.Precision;

/**
 * Fixed points of the MRS map: by plain iteration, and by Newton's method on L4's fixed-point
 * equation {@code G(θ) = Π[(1-α)(θ - log π_ref) - βP(λ softmax θ + (1-λ)π_0)] = 0} (which is
 * {@code θ - Φ(θ)} on centered θ).
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
  public record Result(Apfloat[] logits, Apfloat residual, long steps, boolean converged) {}

  /** Residual tolerance at working precision: 10^-(working - 4) relative to max(1, ||θ||). */
  public static Apfloat tolerance(Apfloat[] theta, Precision p) {
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
}
