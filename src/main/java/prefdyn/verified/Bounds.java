package prefdyn.verified;

import java.math.BigInteger;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.num.Ball;

/**
 * Small helpers on {@link Ball}s shared by the verified package; the public ones are used by the
 * certified code elsewhere too.
 */
public final class Bounds {
  private Bounds() {}

  /** The exact value of a finite double as a ball of radius 0 (a double is dyadic). */
  public static Ball exact(double d) {
    if (!Double.isFinite(d)) {
      return Ball.whole();
    }
    if (d == 0) {
      return Ball.ZERO;
    }
    long bits = Double.doubleToRawLongBits(d);
    int exp = (int) ((bits >> 52) & 0x7ff);
    long man = bits & ((1L << 52) - 1);
    if (exp == 0) {
      exp = 1; // subnormal
    } else {
      man |= 1L << 52;
    }
    if (d < 0) {
      man = -man;
    }
    return Ball.exact(BigInteger.valueOf(man)).mulPow2(exp - 1075L);
  }

  /**
   * An exact ball (radius 0) at (essentially) the midpoint of {@code b}: for approximate work
   * only, where a radius must not be carried along. Built from doubles: the midpoint is peeled off
   * 53 bits at a time (each piece is an exact double, rescaled so it never underflows), so no
   * decimal conversion is involved; it stops when the remainder's midpoint vanishes or after
   * {@code maxBits}. The result differs from the midpoint by at most about 2^-maxBits relative.
   */
  static Ball mid(Ball b, int maxBits) {
    if (b.isExact() || !b.isFinite()) {
      return b.isFinite() ? b : Ball.ZERO;
    }
    Ball acc = Ball.ZERO;
    Ball rest = b;
    long scale = 0; // rest·2^scale is examined
    long first = Long.MIN_VALUE; // the scale at which the first piece was taken
    for (int guard = 0; guard < 4 * (maxBits / 50 + 8); guard++) {
      double v = rest.mulPow2(scale).midDouble();
      if (Double.isInfinite(v) || Double.isNaN(v)) {
        scale -= 1000;
        continue;
      }
      if (v == 0) { // below the double range: look further down (the midpoint may have a gap of zeros)
        scale += 1000;
        if (first == Long.MIN_VALUE ? scale > 4000L + maxBits : scale - first > maxBits + 60L) {
          break;
        }
        continue;
      }
      if (first == Long.MIN_VALUE) {
        first = scale;
      }
      Ball piece = exact(v).mulPow2(-scale);
      acc = acc.add(piece, Ball.MAX_PREC);
      rest = rest.sub(piece, Ball.MAX_PREC);
      scale += 50 - Math.getExponent(v);
      if (scale - first > maxBits + 60L) {
        break;
      }
    }
    return acc;
  }

  /**
   * {@code sqrt(s)} for a ball {@code s} known to enclose a NONNEGATIVE quantity (a sum of squares,
   * a Gram eigenvalue). When {@code s} reaches down to 0 or below (overestimated squares), the
   * enclosure is {@code [0, u]} with {@code u = (M + c²)/(2c) ≥ sqrt(M)} (AM–GM), M the upper end
   * of |s| and c a power of two near sqrt(M): no exact endpoints are extracted.
   */
  static Ball sqrtOfNonNegative(Ball s, int prec) {
    if (!s.isFinite()) {
      return Ball.whole();
    }
    if (s.isPositive()) {
      return s.sqrt(prec);
    }
    Ball t = s.abs();
    double m = Math.abs(t.midDouble()) + t.radUpper();
    int k = Math.getExponent(Math.max(m, 0x1.0p-1000)) / 2;
    Ball c = Ball.ONE.mulPow2(k);
    Ball u = t.add(c.sqr(prec), prec).div(c.mulPow2(1), prec);
    return Ball.hull(Ball.ZERO, u);
  }

  /** Certified {@code a < b} for every pair of members. */
  static boolean less(Ball a, Ball b, int prec) {
    return b.sub(a, prec).isPositive();
  }

  /** An enclosure of {@code max(0, x)}. */
  static Ball positivePart(Ball x) {
    return Ball.max(Ball.ZERO, x);
  }

  /**
   * A copy of the balls of a certificate, or, when there are none (the certificate failed), an
   * {@link IllegalStateException} saying so: the accessor of every certificate record that holds
   * its result or the reason for its absence.
   *
   * @param none what is missing, e.g. "no enclosure"
   * @param failure why (the certificate's failure reason)
   */
  public static Ball[] present(Ball @Nullable [] balls, String none, @Nullable String failure) {
    if (balls == null) {
      throw new IllegalStateException(none + ": " + failure);
    }
    return balls.clone();
  }
}
