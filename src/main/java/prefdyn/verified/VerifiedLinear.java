package prefdyn.verified;

import java.util.Arrays;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.num.Ball;

/**
 * Verified solution of a linear system {@code A x = b} with ball data (Krawczyk / Rump): an
 * enclosure of {@code {A⁻¹b : A ∈ A, b ∈ b}} together with a proof that every member A is
 * nonsingular, or a failure value that says why not.
 *
 * <p>Method (proofs-notes/verified.md §2): R ≈ mid(A)⁻¹ (double Gaussian elimination refined by
 * Newton–Schulz at the requested precision), x̃ ≈ R mid(b); then in ball arithmetic
 * {@code C = I - R A}, {@code r = b - A x̃}. If {@code ||C||_∞ < 1} (certified), every A is
 * nonsingular and {@code x - x̃ ∈ R r + C (x - x̃)}, so {@code ||x - x̃||_∞ ≤ e := ||R r||_∞ /
 * (1 - ||C||_∞)} and componentwise {@code x_i ∈ x̃_i + (R r)_i ± (Σ_j |C_ij|) e}.
 */
public final class VerifiedLinear {
  private VerifiedLinear() {}

  /** Guard bits for the approximate (non-verified) part. */
  static final int GUARD = 32;

  /**
   * The outcome: {@code enclosure} (one ball per unknown) when certified, else {@code failure}.
   *
   * @param contraction an enclosure of {@code ||I - R A||_∞} (null when not computed)
   */
  public record Solution(Ball @Nullable [] enclosure, @Nullable Ball contraction, @Nullable String failure) {
    static Solution failed(String reason) {
      return new Solution(null, null, reason);
    }

    public boolean certified() {
      return enclosure != null;
    }

    /** The enclosure; throws if the solve failed (check {@link #certified()} first). */
    public Ball[] x() {
      return Bounds.present(enclosure, "no enclosure", failure);
    }
  }

  public static Solution solve(BallMatrix a, Ball[] b, int prec) {
    if (!a.isSquare() || a.rows() != b.length) {
      throw new IllegalArgumentException("solve: matrix " + a.rows() + "x" + a.cols() + " with right-hand side of length " + b.length);
    }
    int n = b.length;
    if (n == 0) {
      return new Solution(new Ball[0], Ball.ZERO, null);
    }
    if (!a.isFinite() || !Arrays.stream(b).allMatch(Ball::isFinite)) {
      return Solution.failed("non-finite matrix or right-hand side");
    }
    BallMatrix r = approximateInverse(a, prec + GUARD);
    if (r == null) {
      return Solution.failed("no approximate inverse: the midpoint matrix is singular in double precision");
    }
    int wp = prec + GUARD;
    Ball[] x = r.times(b, wp);
    x = add(x, r.times(sub(b, a.times(x, wp), wp), wp), wp); // one step of iterative refinement
    for (int i = 0; i < n; i++) {
      x[i] = Bounds.mid(x[i], wp);
    }
    // Verification, in ball arithmetic at prec.
    BallMatrix c = BallMatrix.identity(n).sub(r.mul(a, prec), prec);
    Ball q = c.normInf(prec);
    if (!Bounds.less(q, Ball.ONE, prec)) {
      return new Solution(null, q, "||I - R A||_inf is not certified below 1 (upper bound " + q.upperDecimal(6)
          + "): A is singular or too ill-conditioned at " + prec + " bits");
    }
    Ball[] z0 = r.times(sub(b, a.times(x, prec), prec), prec);
    Ball zmax = Ball.ZERO;
    for (Ball z : z0) {
      zmax = Ball.max(zmax, z.abs());
    }
    Ball e = zmax.div(Ball.ONE.sub(q, prec), prec);
    Ball[] out = new Ball[n];
    for (int i = 0; i < n; i++) {
      Ball row = Ball.ZERO;
      for (int j = 0; j < n; j++) {
        row = row.add(c.get(i, j).abs(), prec);
      }
      out[i] = x[i].add(z0[i], prec).inflate(row.mul(e, prec));
    }
    return new Solution(out, q, null);
  }

  /**
   * An approximate inverse of (the midpoint of) {@code am}, accurate to about {@code bits} bits
   * when the matrix is well conditioned: double Gaussian elimination, then Newton–Schulz steps
   * {@code R <- R + R (I - A R)} (the error squares per step) at {@code bits + 16} bits. The
   * entries are balls whose radii (rounding, and am's own radii) are meaningless here: a guess
   * for a verification step, which is rigorous for any member. Null when the double start fails.
   */
  static @Nullable BallMatrix approximateInverse(BallMatrix am, int bits) {
    int n = am.rows();
    double[][] zero = new double[n][n];
    double[][][] inv = DoubleEigen.inverse(am.midpoint(), zero);
    if (inv == null) {
      return null;
    }
    BallMatrix r = BallMatrix.ofDoubles(inv[0]);
    BallMatrix id = BallMatrix.identity(n);
    BallMatrix a = am.midpointMatrix(bits + 16);
    int p = 53; // about the accuracy of r in bits
    int prevSize = Integer.MAX_VALUE;
    for (int step = 0; step < 60; step++) {
      int wp = Math.min(2 * p, bits) + 16;
      BallMatrix e = id.sub(a.mul(r, wp), wp);
      int size = log2Max(e); // log2 of max |I - A R|
      if (size >= 0 || size < 4 - bits || (wp > bits && size >= prevSize)) {
        break; // diverging (the verification will say so), converged, or stalled at full precision
      }
      prevSize = size;
      r = r.add(r.mul(e, wp), wp).midpointMatrix(wp);
      p = Math.min(bits, -2 * size); // the error squares
    }
    return r;
  }

  /** The binary exponent of the largest entry midpoint (about log2 max|e_ij|; very negative for 0). */
  static int log2Max(BallMatrix e) {
    int best = Integer.MIN_VALUE;
    for (int i = 0; i < e.rows(); i++) {
      for (int j = 0; j < e.cols(); j++) {
        double x = e.get(i, j).midDouble();
        if (!Double.isFinite(x)) {
          return Integer.MAX_VALUE;
        }
        if (x != 0) {
          best = Math.max(best, Math.getExponent(x));
        }
      }
    }
    return best;
  }

  static Ball[] add(Ball[] u, Ball[] v, int prec) {
    Ball[] out = new Ball[u.length];
    for (int i = 0; i < u.length; i++) {
      out[i] = u[i].add(v[i], prec);
    }
    return out;
  }

  static Ball[] sub(Ball[] u, Ball[] v, int prec) {
    Ball[] out = new Ball[u.length];
    for (int i = 0; i < u.length; i++) {
      out[i] = u[i].sub(v[i], prec);
    }
    return out;
  }
}
