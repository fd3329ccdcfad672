package prefdyn.optimum;

import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.num.Ball;
import prefdyn.verified.BallMatrix;
import prefdyn.verified.VerifiedLinear;

/**
 * Derivatives of the DPO optimum with respect to the sampler, by the implicit function theorem
 * on the scaled first-order system of {@link DpoOptimum} (proofs-notes/MRS-DPO.md, "Jacobian";
 * proofs-notes/DPO-CONC.md). In u = β log(π/π_ref), with {@code pin} the pinned response
 * (u_pin = 0) and y ≠ pin:
 * {@code F_y(u, μ) = Σ_{b≠y} μ_b (σ(u_y - u_b) - P_yb) = 0}. Differentiating along a sampler
 * direction ν (Σν = 0 for a move inside the simplex):
 * {@code J_u du + F_μ ν = 0}, {@code (J_u)_yy = Σ_{b≠y} μ_b σ'(u_y - u_b)},
 * {@code (J_u)_yc = -μ_c σ'(u_y - u_c)} (c ≠ y, pin), {@code (F_μ)_yb = σ(u_y - u_b) - P_yb} (b ≠ y).
 * J_u is diagonally dominant by {@code μ_pin σ'(u_y - u_pin) > 0}, hence invertible. Everything is
 * in balls over boxes: the result contains du for every (u, μ, P) of the boxes, so with u the
 * certified optimum's enclosure it contains the exact derivative.
 */
public final class DpoSensitivity {
  private DpoSensitivity() {}

  /** The derivative (one column per direction, row pin = 0), or why it was not enclosed. */
  public record Derivative(Ball @Nullable [][] du, @Nullable String failure) {
    public boolean ok() {
      return du != null;
    }

    /** The enclosure; throws when it failed (check {@link #ok()}). */
    public Ball[][] get() {
      Ball[][] d = du;
      if (d == null) {
        throw new IllegalStateException("no derivative: " + failure);
      }
      return d;
    }
  }

  /** {@code J_u} over the boxes, on the unknowns y ≠ pin in increasing order. */
  public static Ball[][] jacobianU(Ball[] mu, Ball[] u, int pin, int prec) {
    int k = u.length;
    Ball[][] j = new Ball[k - 1][k - 1];
    for (int y = 0, r = 0; y < k; y++) {
      if (y == pin) {
        continue;
      }
      Ball diag = Ball.ZERO;
      for (int c = 0; c < k - 1; c++) {
        j[r][c] = Ball.ZERO;
      }
      for (int b = 0; b < k; b++) {
        if (b == y) {
          continue;
        }
        Ball w = mu[b].mul(DpoOptimum.sigmoidPrime(u[y].sub(u[b], prec), prec), prec);
        diag = diag.add(w, prec);
        if (b != pin) {
          j[r][col(b, pin)] = w.neg();
        }
      }
      j[r][r] = diag;
      r++;
    }
    return j;
  }

  /** Column of response b (≠ pin) among the unknowns. */
  static int col(int b, int pin) {
    return b < pin ? b : b - 1;
  }

  /** {@code (F_μ ν)_y = Σ_{b≠y} ν_b (σ(u_y - u_b) - P_yb)} for y ≠ pin (unknown order). */
  public static Ball[] samplerTerm(Ball[][] p, Ball[] u, int pin, Ball[] nu, int prec) {
    int k = u.length;
    Ball[] out = new Ball[k - 1];
    for (int y = 0, r = 0; y < k; y++) {
      if (y == pin) {
        continue;
      }
      Ball acc = Ball.ZERO;
      for (int b = 0; b < k; b++) {
        if (b != y) {
          acc = acc.add(nu[b].mul(DpoOptimum.excess(u[y].sub(u[b], prec), p[y][b], prec), prec), prec);
        }
      }
      out[r++] = acc;
    }
    return out;
  }

  /**
   * {@code du = -J_u⁻¹ F_μ ν} for each direction ν (the columns of {@code directions}, K × m), in
   * balls: a verified solve ({@link VerifiedLinear}) that also proves every J_u of the box
   * nonsingular. Row pin of the result is exactly 0.
   */
  public static Derivative derivative(Ball[][] p, Ball[] mu, Ball[] u, int pin, Ball[][] directions, int prec) {
    int k = u.length;
    int m = directions[0].length;
    Ball[][] du = new Ball[k][m];
    BallMatrix ju = BallMatrix.of(jacobianU(mu, u, pin, prec));
    for (int c = 0; c < m; c++) {
      Ball[] nu = new Ball[k];
      for (int i = 0; i < k; i++) {
        nu[i] = directions[i][c];
      }
      Ball[] rhs = samplerTerm(p, u, pin, nu, prec);
      for (int i = 0; i < rhs.length; i++) {
        rhs[i] = rhs[i].neg();
      }
      VerifiedLinear.Solution s = VerifiedLinear.solve(ju, rhs, prec);
      if (!s.certified()) {
        return new Derivative(null, "the implicit-function system is not certified: " + s.failure());
      }
      Ball[] x = s.x();
      for (int y = 0; y < k; y++) {
        du[y][c] = y == pin ? Ball.ZERO : x[col(y, pin)];
      }
    }
    return new Derivative(du, null);
  }

  /** The response with the largest sampler midpoint (the pin of the scaled system). */
  public static int pinOf(Ball[] mu) {
    int best = 0;
    for (int i = 1; i < mu.length; i++) {
      if (mu[i].midDouble() > mu[best].midDouble()) {
        best = i;
      }
    }
    return best;
  }
}
