package prefdyn.verified;

import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.num.Ball;

/**
 * A complex ball matrix {@code re + i·im} as a pair of real {@link BallMatrix}es (so every product
 * is a handful of real ball dot products). {@code im == null} means an exactly real matrix.
 * Package-private: the eigenvalue verification's working type.
 */
final class ComplexBallMatrix {
  final BallMatrix re;
  final @Nullable BallMatrix im;

  ComplexBallMatrix(BallMatrix re, @Nullable BallMatrix im) {
    this.re = re;
    this.im = im;
  }

  static ComplexBallMatrix real(BallMatrix re) {
    return new ComplexBallMatrix(re, null);
  }

  static ComplexBallMatrix ofDoubles(double[][] re, double[][] im) {
    boolean real = true;
    for (double[] row : im) {
      for (double x : row) {
        real &= x == 0;
      }
    }
    return new ComplexBallMatrix(BallMatrix.ofDoubles(re), real ? null : BallMatrix.ofDoubles(im));
  }

  int rows() {
    return re.rows();
  }

  int cols() {
    return re.cols();
  }

  ComplexBall get(int i, int j) {
    return ComplexBall.of(re.get(i, j), im == null ? Ball.ZERO : im.get(i, j));
  }

  ComplexBallMatrix add(ComplexBallMatrix o, int prec) {
    return new ComplexBallMatrix(re.add(o.re, prec), addIm(im, o.im, prec, false));
  }

  ComplexBallMatrix sub(ComplexBallMatrix o, int prec) {
    return new ComplexBallMatrix(re.sub(o.re, prec), addIm(im, o.im, prec, true));
  }

  private static @Nullable BallMatrix addIm(@Nullable BallMatrix a, @Nullable BallMatrix b, int prec, boolean minus) {
    if (b == null) {
      return a;
    }
    if (a == null) {
      return minus ? b.scale(Ball.exact(-1), prec) : b;
    }
    return minus ? a.sub(b, prec) : a.add(b, prec);
  }

  /** {@code (Ar + i Ai)(Br + i Bi) = (Ar Br - Ai Bi) + i (Ar Bi + Ai Br)}. */
  ComplexBallMatrix mul(ComplexBallMatrix o, int prec) {
    BallMatrix rr = re.mul(o.re, prec);
    BallMatrix ai = im;
    BallMatrix bi = o.im;
    if (bi == null) {
      return new ComplexBallMatrix(rr, ai == null ? null : ai.mul(o.re, prec));
    }
    if (ai == null) {
      return new ComplexBallMatrix(rr, re.mul(bi, prec));
    }
    return new ComplexBallMatrix(rr.sub(ai.mul(bi, prec), prec), re.mul(bi, prec).add(ai.mul(o.re, prec), prec));
  }

  ComplexBallMatrix mul(BallMatrix o, int prec) {
    return mul(real(o), prec);
  }

  /** Exact balls at (essentially) the midpoints (approximate work only). */
  ComplexBallMatrix midpoint(int bits) {
    return new ComplexBallMatrix(re.midpointMatrix(bits), im == null ? null : im.midpointMatrix(bits));
  }

  /** {@code max_i Σ_j |z_ij|}: an enclosure of the ∞-norm of every member. */
  Ball normInf(int prec) {
    Ball best = Ball.ZERO;
    for (int i = 0; i < rows(); i++) {
      Ball s = Ball.ZERO;
      for (int j = 0; j < cols(); j++) {
        s = s.add(get(i, j).abs(prec), prec);
      }
      best = Ball.max(best, s);
    }
    return best;
  }
}
