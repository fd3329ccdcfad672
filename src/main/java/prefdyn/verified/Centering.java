package prefdyn.verified;

import prefdyn.num.Ball;
import prefdyn.qual.Centered;

/**
 * The projection {@code Π = I - 11ᵀ/K} onto {@code 1^⊥} in ball arithmetic: centering a vector
 * of logits ({@code Π x = x - mean(x)·1}) and the columns of a matrix ({@code Π M}). Logits are
 * defined modulo a constant; Π picks the centered representative that the theory works with on
 * {@code 1^⊥} (docs/theory.md) and that every measurement of a logit vector needs.
 *
 * <p>{@link #center(Ball[], int, int)} is the one method that establishes {@link Centered} for
 * {@code Ball[]} (as {@code Linalg.center} does for {@code Apfloat[]}; docs/checked.md): every
 * member of the returned box is {@code Π y} for a member {@code y} of the argument.
 */
public final class Centering {
  private Centering() {}

  /** {@code Π x = x - mean(x)·1}, the mean and the differences at {@code prec} bits. */
  public static Ball @Centered [] center(Ball[] x, int prec) {
    return center(x, prec, prec);
  }

  /**
   * {@code Π x = x - mean(x)·1}, the mean at {@code meanPrec} bits (guard bits for the one value
   * that every entry shares) and the differences at {@code prec}.
   */
  public static Ball @Centered [] center(Ball[] x, int meanPrec, int prec) {
    Ball mean = Ball.sum(x, meanPrec).div(Ball.exact(x.length), meanPrec);
    Ball[] out = new Ball[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i].sub(mean, prec);
    }
    // The checked cast of the centering qualifier for balls: for every member y of x, the members
    // y_i - mean(y) of the outward-rounded balls out_i form Π y, a vector summing to zero, which
    // is what @Centered states of a box. The array is fresh and leaves only through the return.
    @SuppressWarnings("centered")
    Ball @Centered [] centered = out;
    return centered;
  }

  /** {@code Π M}: each column's mean subtracted (the columns of a Jacobian mapped into {@code 1^⊥}). */
  public static BallMatrix center(BallMatrix m, int prec) {
    Ball[][] e = m.entries();
    int rows = m.rows();
    for (int j = 0; j < m.cols(); j++) {
      Ball[] col = new Ball[rows];
      for (int i = 0; i < rows; i++) {
        col[i] = e[i][j];
      }
      Ball[] c = center(col, prec);
      for (int i = 0; i < rows; i++) {
        e[i][j] = c[i];
      }
    }
    return BallMatrix.of(e);
  }
}
