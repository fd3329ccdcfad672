package prefdyn.verified;

import java.util.Objects;
import org.apfloat.Aprational;
import prefdyn.num.Ball;

/**
 * A rectangular complex ball {@code re + i·im}: the set of complex numbers whose real part lies in
 * the real ball {@code re} and whose imaginary part lies in {@code im}. Every operation returns a
 * rectangle that contains the exact result for every pair of members (each real and imaginary
 * part is a {@link Ball} expression of the operands' parts, and Ball arithmetic is outward
 * rounded), so the enclosure property is inherited from {@link Ball}. Immutable.
 */
public final class ComplexBall {
  public static final ComplexBall ZERO = new ComplexBall(Ball.ZERO, Ball.ZERO);
  public static final ComplexBall ONE = new ComplexBall(Ball.ONE, Ball.ZERO);
  public static final ComplexBall I = new ComplexBall(Ball.ZERO, Ball.ONE);

  private final Ball re;
  private final Ball im;

  private ComplexBall(Ball re, Ball im) {
    this.re = re;
    this.im = im;
  }

  public static ComplexBall of(Ball re, Ball im) {
    return new ComplexBall(Objects.requireNonNull(re, "re"), Objects.requireNonNull(im, "im"));
  }

  public static ComplexBall real(Ball re) {
    return of(re, Ball.ZERO);
  }

  /** The exact complex number {@code re + i im} (dyadic parts stay exact). */
  public static ComplexBall of(Aprational re, Aprational im, int prec) {
    return of(Ball.of(re, prec), Ball.of(im, prec));
  }

  /** The exact value of a pair of doubles (every double is dyadic). */
  static ComplexBall ofDoubles(double re, double im) {
    return of(Bounds.exact(re), Bounds.exact(im));
  }

  public Ball re() {
    return re;
  }

  public Ball im() {
    return im;
  }

  public boolean isFinite() {
    return re.isFinite() && im.isFinite();
  }

  public ComplexBall add(ComplexBall o, int prec) {
    return of(re.add(o.re, prec), im.add(o.im, prec));
  }

  public ComplexBall sub(ComplexBall o, int prec) {
    return of(re.sub(o.re, prec), im.sub(o.im, prec));
  }

  public ComplexBall neg() {
    return of(re.neg(), im.neg());
  }

  public ComplexBall conj() {
    return of(re, im.neg());
  }

  /** {@code (a + ib)(c + id) = (ac - bd) + i(ad + bc)}. */
  public ComplexBall mul(ComplexBall o, int prec) {
    if (o.im.isExact() && o.im.containsZero()) { // o real: two products instead of four
      return mul(o.re, prec);
    }
    if (im.isExact() && im.containsZero()) {
      return o.mul(re, prec);
    }
    Ball r = re.mul(o.re, prec).sub(im.mul(o.im, prec), prec);
    Ball i = re.mul(o.im, prec).add(im.mul(o.re, prec), prec);
    return of(r, i);
  }

  /** Product with a real ball. */
  public ComplexBall mul(Ball x, int prec) {
    return of(re.mul(x, prec), im.mul(x, prec));
  }

  /** {@code |z|²} as a ball (enclosure of {@code re² + im²}; its lower end may be clamped at 0). */
  public Ball absSquared(int prec) {
    return re.sqr(prec).add(im.sqr(prec), prec);
  }

  /**
   * {@code z / w = z·conj(w) / |w|²}. When {@code w} may be 0 the result is non-finite (the whole
   * plane), never an exception.
   */
  public ComplexBall div(ComplexBall w, int prec) {
    if (w.im.isExact() && w.im.containsZero()) {
      return of(re.div(w.re, prec), im.div(w.re, prec));
    }
    Ball d = w.absSquared(prec);
    ComplexBall num = mul(w.conj(), prec);
    return of(num.re.div(d, prec), num.im.div(d, prec));
  }

  /**
   * An enclosure of {@code |z|} for every member z: {@code sqrt(re² + im²)} in balls; when that sum
   * reaches down to 0, {@code [0, |re| + |im|]}.
   */
  public Ball abs(int prec) {
    if (im.isExact() && im.containsZero()) {
      return re.abs();
    }
    if (re.isExact() && re.containsZero()) {
      return im.abs();
    }
    Ball sq = absSquared(prec);
    if (sq.isPositive()) {
      return sq.sqrt(prec);
    }
    // near 0: |z| <= |re| + |im| (loses at most a factor sqrt 2 on a tiny number)
    return Ball.hull(Ball.ZERO, re.abs().add(im.abs(), prec));
  }

  /** Whether the exact complex number {@code a + ib} is a member. */
  public boolean contains(Aprational a, Aprational b) {
    return re.contains(a) && im.contains(b);
  }

  /** Whether every member of {@code z} is a member of this rectangle. */
  public boolean contains(ComplexBall z) {
    return re.contains(z.re) && im.contains(z.im);
  }

  public boolean overlaps(ComplexBall z) {
    return re.overlaps(z.re) && im.overlaps(z.im);
  }

  /** The smallest rectangle (in ball form) containing both. */
  public static ComplexBall hull(ComplexBall a, ComplexBall b) {
    return of(Ball.hull(a.re, b.re), Ball.hull(a.im, b.im));
  }

  /** The rectangle grown by {@code r} in both directions: contains the disc of radius r around every member. */
  public ComplexBall inflate(Ball r) {
    return of(re.inflate(r), im.inflate(r));
  }

  /** Approximate value as doubles {re, im} (pictures and starting guesses only). */
  public double[] toDoubles() {
    return new double[] {re.midDouble(), im.midDouble()};
  }

  public String format(int maxDigits) {
    String i = im.format(maxDigits);
    return re.format(maxDigits) + (i.startsWith("-") ? " - " + i.substring(1) : " + " + i) + "i";
  }

  @Override
  public String toString() {
    return format(20);
  }
}
