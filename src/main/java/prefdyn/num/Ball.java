package prefdyn.num;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.concurrent.atomic.AtomicReference;
import org.apfloat.Apfloat;
import org.apfloat.Apint;
import org.apfloat.Aprational;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * An immutable real ball (midpoint-radius interval), binary: the midpoint is {@code m·2^e}
 * ({@link BigInteger} m, long e) and the radius an upper bound {@code rad} held as a {@link Mag}
 * (31-bit mantissa, binary exponent, always rounded up). Every operation returns a ball that
 * provably contains the exact result of the operation applied to any point of its argument balls
 * (Arb's contract). The rounding error of a midpoint is added to the radius. A result that cannot
 * be bounded (division by a ball containing 0, log of a ball reaching ≤ 0, exp overflow) is the
 * non-finite ball {@link #whole()}: never an exception, never a wrong finite ball.
 *
 * <p>{@code prec} arguments are bits for rounding midpoints ({@link Precision#bits()}); results
 * of +, −, ×, ÷ and of the functions carry a radius within a few units in the last place (2^-prec
 * relative) for exact or well-conditioned arguments, plus the propagated input radius. The error
 * analysis of every operation is in {@code proofs-notes/kernel.md}.
 */
public final class Ball {
  /** Largest {@code prec} accepted (the error bounds of the series are stated up to here). */
  public static final int MAX_PREC = 1 << 20;

  private static final double LN2_DOUBLE = Math.log(2.0);
  private static final BigInteger FIVE = BigInteger.valueOf(5);

  /** Midpoint m·2^e (m = 0 implies e = 0). */
  private final BigInteger m;

  private final long e;

  /** Radius (upper bound); {@link Mag#INF} for the non-finite ball. */
  private final Mag r;

  public static final Ball ZERO = new Ball(BigInteger.ZERO, 0, Mag.ZERO);
  public static final Ball ONE = new Ball(BigInteger.ONE, 0, Mag.ZERO);
  private static final Ball WHOLE = new Ball(BigInteger.ZERO, 0, Mag.INF);
  private static final Ball UNIT_INTERVAL = new Ball(BigInteger.ONE, -1, Mag.pow2(-1));

  private Ball(BigInteger m, long e, Mag r) {
    this.m = m;
    this.e = m.signum() == 0 ? 0 : e;
    this.r = r;
  }

  // ---------------------------------------------------------------------------------------------
  // construction

  /** The non-finite ball: the whole real line. */
  public static Ball whole() {
    return WHOLE;
  }

  public static Ball exact(long v) {
    return new Ball(BigInteger.valueOf(v), 0, Mag.ZERO);
  }

  public static Ball exact(BigInteger v) {
    return new Ball(v, 0, Mag.ZERO);
  }

  /** The exact dyadic m·2^e. */
  static Ball dyadic(BigInteger m, long e) {
    return new Ball(m, e, Mag.ZERO);
  }

  /** The rational q: exact when q is dyadic, else rounded to nearest at prec bits (radius ½ ulp). */
  public static Ball of(Aprational q, int prec) {
    return ofRational(q.numerator().toBigInteger(), q.denominator().toBigInteger(), prec);
  }

  /**
   * The exact value of the digits x shows (an {@link Aprational} is taken exactly): exact when that
   * value is dyadic, else rounded to nearest at prec bits. Only radix 10 is accepted.
   */
  public static Ball of(Apfloat x, int prec) {
    if (x instanceof Aprational q) {
      return of(q, prec);
    }
    if (x.signum() == 0) {
      return ZERO;
    }
    if (x.radix() != 10) {
      throw new IllegalArgumentException("Ball.of needs a radix-10 Apfloat, got radix " + x.radix());
    }
    BigDecimal d = new BigDecimal(x.toString());
    if (d.scale() <= 0) {
      return exact(d.unscaledValue().multiply(BigInteger.TEN.pow(-d.scale())));
    }
    return ofRational(d.unscaledValue(), BigInteger.TEN.pow(d.scale()), prec);
  }

  static Ball ofRational(BigInteger num, BigInteger den, int prec) {
    checkPrec(prec);
    if (den.signum() == 0) {
      return WHOLE;
    }
    if (den.signum() < 0) {
      num = num.negate();
      den = den.negate();
    }
    if (num.signum() == 0) {
      return ZERO;
    }
    if (den.bitCount() != 1) {
      BigInteger g = num.gcd(den);
      if (!g.equals(BigInteger.ONE)) {
        num = num.divide(g);
        den = den.divide(g);
      }
    }
    if (den.bitCount() == 1) {
      return new Ball(num, -(den.bitLength() - 1L), Mag.ZERO);
    }
    // not dyadic: q = round(|num| 2^s / den) has prec or prec + 1 bits, error <= 1/2 unit
    int s = prec + den.bitLength() - num.bitLength();
    BigInteger a = num.abs();
    BigInteger n2 = s >= 0 ? a.shiftLeft(s) : a;
    BigInteger d2 = s >= 0 ? den : den.shiftLeft(-s);
    BigInteger[] qr = n2.divideAndRemainder(d2);
    BigInteger q = qr[1].shiftLeft(1).compareTo(d2) >= 0 ? qr[0].add(BigInteger.ONE) : qr[0];
    return new Ball(num.signum() < 0 ? q.negate() : q, -s, Mag.pow2(-s - 1L));
  }

  /** Rounds the midpoint m·2^e to prec bits (to nearest), adding the error to the radius. */
  private static Ball round(BigInteger m, long e, Mag r, int prec) {
    if (r.isInf()) {
      return WHOLE;
    }
    int bl = m.bitLength();
    if (bl <= prec) {
      return new Ball(m, e, r);
    }
    int sh = bl - prec;
    if (m.getLowestSetBit() >= sh) {
      return new Ball(m.shiftRight(sh), e + sh, r); // no bit lost
    }
    BigInteger q = m.add(BigInteger.ONE.shiftLeft(sh - 1)).shiftRight(sh);
    return new Ball(q, e + sh, Mag.add(r, Mag.pow2(e + sh - 1)));
  }

  private static void checkPrec(int prec) {
    if (prec < 2 || prec > MAX_PREC) {
      throw new IllegalArgumentException("ball precision must be in [2, " + MAX_PREC + "] bits, got " + prec);
    }
  }

  /** This ball with its radius increased by {@code extra}. */
  private Ball addRadius(Mag extra) {
    if (extra.isZero()) {
      return this;
    }
    Mag nr = Mag.add(r, extra);
    return nr.isInf() ? WHOLE : new Ball(m, e, nr);
  }

  /** The ball with |r| added to the radius. */
  public Ball inflate(Aprational rr) {
    BigInteger num = rr.numerator().toBigInteger();
    BigInteger den = rr.denominator().toBigInteger();
    return addRadius(Mag.div(Mag.up(num, 0), Mag.down(den, 0)));
  }

  /** The ball with max |rr| (over the ball rr) added to the radius. */
  public Ball inflate(Ball rr) {
    if (!rr.isFinite()) {
      return WHOLE;
    }
    return addRadius(rr.absUpper());
  }

  /** The smallest ball (up to the rounding of the new radius) containing a and b. */
  public static Ball hull(Ball a, Ball b) {
    if (!a.isFinite() || !b.isFinite()) {
      return WHOLE;
    }
    D lo = D.min(a.loD(), b.loD());
    D hi = D.max(a.hiD(), b.hiD());
    return fromEndpoints(lo, hi);
  }

  /** The ball [lo, hi] (lo <= hi): midpoint (lo + hi)/2 exactly, radius (hi - lo)/2 rounded up. */
  private static Ball fromEndpoints(D lo, D hi) {
    D sum = D.add(lo, hi);
    D diff = D.sub(hi, lo);
    return new Ball(sum.m, sum.e - 1, Mag.up(diff.m, diff.e - 1));
  }

  // ---------------------------------------------------------------------------------------------
  // arithmetic

  public Ball neg() {
    return isFinite() ? new Ball(m.negate(), e, r) : WHOLE;
  }

  public Ball abs() {
    if (!isFinite()) {
      return WHOLE;
    }
    if (containsZero()) {
      if (r.isZero()) {
        return this; // exact zero
      }
      D hi = D.add(D.of(m.abs(), e), D.of(r));
      return fromEndpoints(D.ZERO, hi);
    }
    return m.signum() < 0 ? neg() : this;
  }

  public Ball add(Ball b, int prec) {
    checkPrec(prec);
    return addRounded(this, b, prec);
  }

  public Ball sub(Ball b, int prec) {
    checkPrec(prec);
    return addRounded(this, b.neg(), prec);
  }

  /** Exact sum of two finite balls' midpoints (radii added), rounded to prec bits. */
  private static Ball addRounded(Ball a, Ball b, int prec) {
    if (!a.isFinite() || !b.isFinite()) {
      return WHOLE;
    }
    Mag rad = Mag.add(a.r, b.r);
    if (a.m.signum() == 0) {
      return round(b.m, b.e, rad, prec);
    }
    if (b.m.signum() == 0) {
      return round(a.m, a.e, rad, prec);
    }
    // when one midpoint lies entirely below the rounding position of the other, it goes into the
    // radius instead of being aligned (keeps 2^1000 + 2^-10^6 cheap)
    long topA = a.m.bitLength() + a.e;
    long topB = b.m.bitLength() + b.e;
    if (prec < Integer.MAX_VALUE) {
      if (topB < a.e - 2 && topB < topA - prec - 2 && a.m.bitLength() >= prec) {
        return round(a.m, a.e, Mag.add(rad, Mag.up(b.m, b.e)), prec);
      }
      if (topA < b.e - 2 && topA < topB - prec - 2 && b.m.bitLength() >= prec) {
        return round(b.m, b.e, Mag.add(rad, Mag.up(a.m, a.e)), prec);
      }
    }
    D s = D.add(D.of(a.m, a.e), D.of(b.m, b.e));
    return round(s.m, s.e, rad, prec);
  }

  /** Exact difference of the midpoints plus the radii (no rounding). */
  private static Ball subExact(Ball a, Ball b) {
    return addRounded(a, b.neg(), Integer.MAX_VALUE);
  }

  public Ball mul(Ball b, int prec) {
    checkPrec(prec);
    if (!isFinite() || !b.isFinite()) {
      return WHOLE;
    }
    // |xy - m_a m_b| <= |m_a| r_b + |m_b| r_a + r_a r_b
    Mag rad = Mag.ZERO;
    if (!r.isZero() || !b.r.isZero()) {
      rad = Mag.add(Mag.add(Mag.mul(Mag.up(m, e), b.r), Mag.mul(Mag.up(b.m, b.e), r)), Mag.mul(r, b.r));
    }
    return round(m.multiply(b.m), e + b.e, rad, prec);
  }

  public Ball sqr(int prec) {
    return mul(this, prec);
  }

  /** Multiplication by an integer (exact midpoint). */
  public Ball mul(long k) {
    if (!isFinite()) {
      return WHOLE;
    }
    return new Ball(m.multiply(BigInteger.valueOf(k)), e, Mag.mul(r, k));
  }

  /** Multiplication by 2^k (exact). */
  public Ball mulPow2(long k) {
    if (!isFinite()) {
      return WHOLE;
    }
    return new Ball(m, e + k, Mag.mulPow2(r, k));
  }

  public Ball div(Ball b, int prec) {
    checkPrec(prec);
    if (!isFinite() || !b.isFinite() || b.containsZero()) {
      return WHOLE;
    }
    // midpoint: q = round(m_a 2^s / m_b) with prec or prec + 1 bits, error <= 1/2 unit
    Mag rad = Mag.ZERO;
    BigInteger q = BigInteger.ZERO;
    long qe = 0;
    if (m.signum() != 0) {
      int s = prec + b.m.bitLength() - m.bitLength();
      BigInteger a = m.abs();
      BigInteger d = b.m.abs();
      BigInteger n2 = s >= 0 ? a.shiftLeft(s) : a;
      BigInteger d2 = s >= 0 ? d : d.shiftLeft(-s);
      BigInteger[] qr = n2.divideAndRemainder(d2);
      q = qr[0];
      qe = e - b.e - s;
      if (qr[1].signum() != 0) {
        int c = qr[1].shiftLeft(1).compareTo(d2);
        if (c >= 0) {
          q = q.add(BigInteger.ONE);
        }
        rad = Mag.pow2(qe - 1);
      }
      if (m.signum() * b.m.signum() < 0) {
        q = q.negate();
      }
    }
    if (!r.isZero() || !b.r.isZero()) {
      // |a/b - m_a/m_b| = |α m_b - m_a β| / (|b| |m_b|) <= (r_a |m_b| + |m_a| r_b) / (|m_b| (|m_b| - r_b))
      Mag num = Mag.add(Mag.mul(r, Mag.up(b.m, b.e)), Mag.mul(Mag.up(m, e), b.r));
      rad = Mag.add(rad, b.overDivisor(num));
    }
    return round(q, qe, rad, prec);
  }

  /**
   * {@code num / (|m| (|m| - r))} rounded up, this ball the divisor (finite, not containing 0):
   * the bound of a quotient's spread over the divisor ball ({@link #div}, {@link #invNewton});
   * infinite when the denominator rounds down to 0 (the rounding then gives the whole line).
   */
  private Mag overDivisor(Mag num) {
    Mag mLo = Mag.down(m, e);
    Mag den = Mag.mulDown(mLo, Mag.subDown(mLo, r));
    return den.isZero() ? Mag.INF : Mag.div(num, den);
  }

  /**
   * 1/x. From {@link #NEWTON_INV_BITS} bits on the midpoint is found by Newton's iteration
   * ({@link #invNewton}) rather than by a long division; below, as {@code ONE.div(this, prec)}.
   */
  public Ball inv(int prec) {
    checkPrec(prec);
    if (prec < NEWTON_INV_BITS || !isFinite() || containsZero() || m.signum() == 0) {
      return ONE.div(this, prec);
    }
    return invNewton(prec, Integer.MAX_VALUE, true);
  }

  /**
   * From this precision on {@link #inv} uses Newton's iteration: {@code BigInteger} divides by a
   * divisor of 80 or more words (2,560 bits) with Burnikel-Ziegler, whose code a short run would
   * otherwise have to interpret and then compile (proofs-notes/kernel.md, "reciprocal").
   */
  static final int NEWTON_INV_BITS = 2048;

  /**
   * 1/x for a finite ball x not containing 0, by Newton's iteration on the midpoint. With
   * {@code a = |m|}, {@code n} its bits and {@code P = prec + 8}: an integer {@code Z ~ 2^(n+P)/a}
   * from a double seed, each step roughly doubling its correct bits ({@link #reciprocal}). Nothing
   * is assumed about how well the steps did: the exact residual {@code E = 2^(n+P) - a Z} gives
   * {@code 1/a = Z 2^-(n+P) / (1 - ε)} with {@code ε = E 2^-(n+P)}, so
   * {@code |1/a - Z 2^-(n+P)| = Z 2^-(n+P) |ε| / (1 - ε) <= Z 2^-(n+P) |ε| / (1 - |ε|)} when
   * {@code |ε| < 1}; otherwise the long division is used. The radius of x adds
   * {@code r / (|m| (|m| - r))}, as in {@link #div}.
   *
   * @param steps at most this many Newton steps (all of them: {@code Integer.MAX_VALUE}); fewer
   *     only in the tests, where the bound must still hold, only looser
   * @param useResidual false only in the tests, to show that a bound without the residual term
   *     (trusting the iteration) is caught by the containment check
   */
  Ball invNewton(int prec, int steps, boolean useResidual) {
    BigInteger a = m.abs();
    int n = a.bitLength();
    int p = prec + 8;
    BigInteger z = reciprocal(a, n, p, steps);
    BigInteger residual = BigInteger.ONE.shiftLeft(n + p).subtract(a.multiply(z)); // exact
    Mag eps = Mag.up(residual, -(long) (n + p));
    Mag below = Mag.subDown(Mag.ONE, eps);
    if (below.isZero() || Mag.ONE.compareTo(Mag.mulPow2(eps, 1)) <= 0) {
      return ONE.div(this, prec); // |ε| >= 1/2: not expected from the iteration
    }
    long ye = -(long) (n + p) - e; // 1/x ~ sign(m) Z 2^ye
    Mag rad = useResidual ? Mag.div(Mag.mul(Mag.up(z, ye), eps), below) : Mag.ZERO;
    if (!r.isZero()) {
      rad = Mag.add(rad, overDivisor(r)); // r_a = 0, |m_a| = 1 in div's bound
    }
    return round(m.signum() < 0 ? z.negate() : z, ye, rad, prec);
  }

  /**
   * An integer close to {@code 2^(n+p)/a} for {@code 2^(n-1) <= a < 2^n} (no bound is claimed; the
   * caller bounds it by the residual). With {@code x = a 2^-n} in [1/2, 1), {@code Z_k ~ 2^k/x}:
   * a 50-bit seed from a double, then Newton's step {@code z <- z + z (1 - x z)} from k to
   * {@code k' = min(2k - 4, p)} bits, with x truncated to k' + 4 bits:
   * {@code Z_k' = Z_k 2^(k'-k) + Z_k D 2^-(2k+t-k')}, {@code D = 2^(t+k) - X_t Z_k},
   * {@code X_t = floor(a 2^(t-n))}, t = k' + 4.
   */
  static BigInteger reciprocal(BigInteger a, int n, int p, int steps) {
    long top = (n >= 53 ? a.shiftRight(n - 53) : a.shiftLeft(53 - n)).longValue(); // [2^52, 2^53)
    int k = Math.min(50, p);
    BigInteger z = BigInteger.valueOf((long) (Math.scalb(1.0, 53 + k) / top));
    for (int i = 0; k < p && i < steps; i++) {
      int k2 = Math.min(2 * k - 4, p);
      int t = k2 + 4;
      BigInteger x = t >= n ? a.shiftLeft(t - n) : a.shiftRight(n - t);
      BigInteger d = BigInteger.ONE.shiftLeft(t + k).subtract(x.multiply(z));
      z = z.shiftLeft(k2 - k).add(z.multiply(d).shiftRight(2 * k + t - k2));
      k = k2;
    }
    return k < p ? z.shiftLeft(p - k) : z;
  }

  /** √x; non-finite when the ball reaches below 0 (the ball [0, h] gives [0, √h]). */
  public Ball sqrt(int prec) {
    checkPrec(prec);
    if (!isFinite() || m.signum() < 0) {
      return WHOLE;
    }
    if (m.signum() == 0) {
      return r.isZero() ? ZERO : WHOLE;
    }
    int c = D.cmp(D.of(m, e), D.of(r));
    if (c < 0) {
      return WHOLE;
    }
    if (c == 0) {
      // [0, 2 m 2^e]: sqrt in [0, sqrt(hi)]
      Ball hi = new Ball(m, e + 1, Mag.ZERO).sqrt(prec);
      D top = hi.hiD();
      return fromEndpoints(D.ZERO, top);
    }
    // x = M 2^(2t) with M an integer of about 2 prec + 4 bits (exact when shifting left)
    BigInteger mm = m;
    long ee = e;
    if ((ee & 1) != 0) {
      mm = mm.shiftLeft(1);
      ee -= 1;
    }
    long want = 2L * prec + 4;
    long sh = want - mm.bitLength();
    if ((sh & 1) != 0) {
      sh++;
    }
    BigInteger big;
    boolean exactM;
    if (sh >= 0) {
      big = mm.shiftLeft((int) sh);
      exactM = true;
    } else {
      big = mm.shiftRight((int) -sh);
      exactM = big.shiftLeft((int) -sh).equals(mm);
    }
    long half = (ee - sh) / 2; // x = big 2^(2 half) (exactly when exactM)
    BigInteger s = big.sqrt();
    BigInteger mid;
    Mag rad;
    if (exactM) {
      // sqrt(big) in [s, s + 1)
      if (s.multiply(s).equals(big)) {
        mid = s;
        rad = Mag.ZERO;
      } else {
        mid = s.shiftLeft(1).add(BigInteger.ONE);
        rad = Mag.pow2(half - 1);
        half -= 1;
        return roundWith(mid, half, rad, prec, this, s, half + 1);
      }
    } else {
      // true M in [big, big + 1): sqrt in [s, s + 2)
      mid = s.add(BigInteger.ONE);
      rad = Mag.pow2(half);
    }
    return roundWith(mid, half, rad, prec, this, s, half);
  }

  /** sqrt's result: adds the propagated radius r / sqrt(mid) (sqrt(mid) >= s 2^sExp). */
  private static Ball roundWith(BigInteger mid, long midExp, Mag rad, int prec, Ball x, BigInteger s, long sExp) {
    Mag total = rad;
    if (!x.r.isZero()) {
      total = Mag.add(total, Mag.div(x.r, Mag.down(s, sExp)));
    }
    return round(mid, midExp, total, prec);
  }

  public static Ball sum(Ball[] xs, int prec) {
    checkPrec(prec);
    D acc = D.ZERO;
    Mag rad = Mag.ZERO;
    for (Ball x : xs) {
      if (!x.isFinite()) {
        return WHOLE;
      }
      acc = D.add(acc, D.of(x.m, x.e));
      rad = Mag.add(rad, x.r);
    }
    return round(acc.m, acc.e, rad, prec);
  }

  public static Ball dot(Ball[] a, Ball[] b, int prec) {
    checkPrec(prec);
    if (a.length != b.length) {
      throw new IllegalArgumentException("dot of vectors of different lengths");
    }
    D acc = D.ZERO;
    Mag rad = Mag.ZERO;
    for (int i = 0; i < a.length; i++) {
      Ball x = a[i];
      Ball y = b[i];
      if (!x.isFinite() || !y.isFinite()) {
        return WHOLE;
      }
      acc = D.add(acc, D.of(x.m.multiply(y.m), x.e + y.e));
      if (!x.r.isZero() || !y.r.isZero()) {
        rad = Mag.add(rad, Mag.add(Mag.add(Mag.mul(Mag.up(x.m, x.e), y.r), Mag.mul(Mag.up(y.m, y.e), x.r)), Mag.mul(x.r, y.r)));
      }
    }
    return round(acc.m, acc.e, rad, prec);
  }

  /** A ball containing min(x, y) for all x in a, y in b. */
  public static Ball min(Ball a, Ball b) {
    if (!a.isFinite() || !b.isFinite()) {
      return WHOLE;
    }
    D lo = D.min(a.loD(), b.loD());
    D hi = D.min(a.hiD(), b.hiD());
    if (D.cmp(a.hiD(), b.loD()) <= 0) {
      return a;
    }
    if (D.cmp(b.hiD(), a.loD()) <= 0) {
      return b;
    }
    return fromEndpoints(lo, hi);
  }

  /** A ball containing max(x, y) for all x in a, y in b. */
  public static Ball max(Ball a, Ball b) {
    if (!a.isFinite() || !b.isFinite()) {
      return WHOLE;
    }
    if (D.cmp(a.loD(), b.hiD()) >= 0) {
      return a;
    }
    if (D.cmp(b.loD(), a.hiD()) >= 0) {
      return b;
    }
    D lo = D.max(a.loD(), b.loD());
    D hi = D.max(a.hiD(), b.hiD());
    return fromEndpoints(lo, hi);
  }

  // ---------------------------------------------------------------------------------------------
  // elementary functions (at the midpoint, plus the propagated radius)

  /** e^x. Non-finite when the ball reaches |x| >= 2^40 or its radius exceeds 2^20. */
  public Ball exp(int prec) {
    return expOrExpm1(false, prec);
  }

  /** e^x - 1, accurate relative to its value also for tiny |x|. */
  public Ball expm1(int prec) {
    return expOrExpm1(true, prec);
  }

  /**
   * e^x, or e^x - 1 ({@code minusOne}): the value at the midpoint m plus the radius e^m (e^r - 1),
   * which bounds |f(x) - f(m)| for both (|e^x - e^m| = e^m |e^{x-m} - 1|); e^m is at most the
   * upper end of the midpoint's ball for exp, and 1 plus it for expm1.
   */
  private Ball expOrExpm1(boolean minusOne, int prec) {
    checkPrec(prec);
    if (!isFinite()) {
      return WHOLE;
    }
    Ball c = minusOne ? expm1Mid(m, e, prec) : expMid(m, e, prec);
    if (r.isZero() || !c.isFinite()) {
      return c;
    }
    Mag expM = minusOne ? Mag.add(Mag.ONE, c.absUpper()) : c.absUpper();
    return c.addRadius(Mag.mul(expM, expm1Upper(r)));
  }

  /** Natural logarithm; non-finite unless the ball lies in (0, ∞). */
  public Ball log(int prec) {
    checkPrec(prec);
    if (!isFinite() || !isPositive()) {
      return WHOLE;
    }
    Ball c = logMid(m, e, prec);
    if (r.isZero() || !c.isFinite()) {
      return c;
    }
    // |log x - log m| <= r / (m - r)
    Mag lo = lowerAbs();
    return lo.isZero() ? WHOLE : c.addRadius(Mag.div(r, lo));
  }

  /** log(1 + x), accurate relative to its value also for tiny |x|; needs 1 + x > 0 on the ball. */
  public Ball log1p(int prec) {
    checkPrec(prec);
    if (!isFinite()) {
      return WHOLE;
    }
    Ball y = ONE.add(this, 64);
    if (!y.isPositive()) {
      return WHOLE;
    }
    Ball c = log1pMid(m, e, prec);
    if (r.isZero() || !c.isFinite()) {
      return c;
    }
    Mag lo = y.lowerAbs();
    return lo.isZero() ? WHOLE : c.addRadius(Mag.div(r, lo));
  }

  /** σ(x) = 1/(1 + e^{-x}); a ball inside [0, 1] even when x is wide. */
  public Ball sigmoid(int prec) {
    checkPrec(prec);
    if (!isFinite()) {
      return UNIT_INTERVAL;
    }
    Ball t = neg().exp(prec + 4);
    Ball s = ONE.add(t, prec + 4).inv(prec);
    return s.isFinite() ? s : UNIT_INTERVAL;
  }

  /** log σ(x) = -log(1 + e^{-x}), without underflow for very negative x. */
  public Ball logSigmoid(int prec) {
    checkPrec(prec);
    if (!isFinite()) {
      return WHOLE;
    }
    Ball x = midBall();
    Ball c;
    if (m.signum() >= 0) {
      c = x.neg().exp(prec + 8).log1p(prec).neg();
    } else {
      c = x.sub(x.exp(prec + 8).log1p(prec + 8), prec);
    }
    if (r.isZero() || !c.isFinite()) {
      return c;
    }
    // d/dx log σ(x) = σ(-x) in (0, 1): Lipschitz constant sup σ(-x) over the ball
    Ball l = neg().sigmoid(32);
    Mag lip = Mag.min(Mag.ONE, l.absUpper());
    return c.addRadius(Mag.mul(r, lip));
  }

  // ---------------------------------------------------------------------------------------------
  // vector functions in logit space (evaluated at the midpoints, then the input radii added
  // through Lipschitz bounds of the exact functions; see proofs-notes/kernel.md)

  /** log Σ e^{x_i}. */
  public static Ball logSumExp(Ball[] x, int prec) {
    checkPrec(prec);
    Shifted s = Shifted.of(x, prec + 8);
    if (s == null) {
      return WHOLE;
    }
    Ball res = x[s.imax].midBall().add(s.logS(), prec);
    return res.addRadius(s.rmax);
  }

  /** softmax(x)_i = e^{x_i} / Σ_j e^{x_j}, each entry accurate relative to its own size. */
  public static Ball[] softmax(Ball[] x, int prec) {
    checkPrec(prec);
    Shifted s = Shifted.of(x, prec + 8);
    Ball[] out = new Ball[x.length];
    if (s == null) {
      java.util.Arrays.fill(out, UNIT_INTERVAL);
      return out;
    }
    Ball inv = s.sum.inv(prec + 8);
    for (int i = 0; i < x.length; i++) {
      Ball p = i == s.imax ? round(inv.m, inv.e, inv.r, prec) : s.e[i].mul(inv, prec);
      if (!s.rmax.isZero()) {
        // π_i(x) = π_i(m) exp((x_i - m_i) - (lse x - lse m)), |exponent| <= r_i + max r
        p = p.addRadius(Mag.mul(p.absUpper(), expm1Upper(Mag.add(x[i].r, s.rmax))));
      }
      out[i] = p.isFinite() ? p : UNIT_INTERVAL;
    }
    return out;
  }

  /** Shannon entropy (nats) of softmax(x). */
  public static Ball entropyOfLogits(Ball[] x, int prec) {
    checkPrec(prec);
    int p2 = prec + 8;
    Shifted s = Shifted.of(x, p2);
    if (s == null) {
      return WHOLE;
    }
    Ball acc = s.logS();
    Ball max = x[s.imax].midBall();
    for (int i = 0; i < x.length; i++) {
      if (i != s.imax) {
        Ball gap = subExact(max, x[i].midBall());
        acc = acc.add(s.e[i].div(s.sum, p2).mul(gap, p2), p2);
      }
    }
    Ball h = round(acc.m, acc.e, acc.r, prec);
    if (s.rmax.isZero()) {
      return h;
    }
    // Σ_j |∂H/∂x_j| = Σ_j π_j |log π_j + H| <= 2 H <= 2 log K: |H(x) - H(m)| <= 2 sup H · max r
    Mag logK = Mag.up(Math.log(x.length) * (1 + 0x1p-40));
    Mag hsup = Mag.min(logK, Mag.add(h.absUpper(), Mag.mul(Mag.mulPow2(logK, 1), s.rmax)));
    return h.addRadius(Mag.mul(Mag.mulPow2(hsup, 1), s.rmax));
  }

  /** KL(softmax(a) ‖ softmax(b)), absolute accuracy (KL can be far smaller than its terms). */
  public static Ball klOfLogits(Ball[] a, Ball[] b, int prec) {
    checkPrec(prec);
    if (a.length != b.length) {
      throw new IllegalArgumentException("KL of logit vectors of different lengths");
    }
    int p2 = prec + 8;
    Shifted sa = Shifted.of(a, p2);
    Shifted sb = Shifted.of(b, p2);
    if (sa == null || sb == null) {
      return WHOLE;
    }
    Ball[] d = new Ball[a.length];
    D dmin = D.ZERO;
    D dmax = D.ZERO;
    for (int i = 0; i < a.length; i++) {
      d[i] = subExact(a[i].midBall(), b[i].midBall());
      D di = D.of(d[i].m, d[i].e);
      dmin = i == 0 ? di : D.min(dmin, di);
      dmax = i == 0 ? di : D.max(dmax, di);
    }
    // lse(a) - lse(b) = (max a - max b) + log Sa - log Sb
    Ball shift = subExact(a[sa.imax].midBall(), b[sb.imax].midBall()).add(sa.logS().sub(sb.logS(), p2), p2);
    Ball acc = ZERO;
    for (int i = 0; i < a.length; i++) {
      Ball pi = sa.e[i].div(sa.sum, p2);
      acc = acc.add(pi.mul(d[i].sub(shift, p2), p2), p2);
    }
    Ball kl = round(acc.m, acc.e, acc.r, prec);
    if (sa.rmax.isZero() && sb.rmax.isZero()) {
      return kl;
    }
    // ∂KL/∂a_j = π_j (d_j - Σπd): Σ_j |.| <= spread(d) over the box; ∂KL/∂b_j = ρ_j - π_j: Σ |.| <= 2
    D spreadD = D.sub(dmax, dmin);
    Mag spread = Mag.add(Mag.up(spreadD.m, spreadD.e), Mag.mulPow2(Mag.add(sa.rmax, sb.rmax), 1));
    return kl.addRadius(Mag.add(Mag.mul(sa.rmax, spread), Mag.mulPow2(sb.rmax, 1)));
  }

  /**
   * The shared part of the logit-space functions at the midpoints: imax (largest midpoint), e_i =
   * e^{m_i - m_max} (e_imax = 1 exactly), sum = Σ e_i, logS = log1p(Σ_{i≠imax} e_i), and the
   * largest input radius.
   */
  private static final class Shifted {
    int imax;
    Ball[] e = new Ball[0];
    Ball sum = ZERO;
    Ball rest = ZERO;
    Mag rmax = Mag.ZERO;
    int prec;
    @Nullable Ball logS;

    /** log S = log1p(rest), computed on first use (softmax does not need it). */
    Ball logS() {
      Ball l = logS;
      if (l == null) {
        l = rest.log1p(prec);
        logS = l;
      }
      return l;
    }

    static @Nullable Shifted of(Ball[] x, int prec) {
      if (x.length == 0) {
        throw new IllegalArgumentException("empty logit vector");
      }
      Shifted s = new Shifted();
      s.prec = prec;
      s.rmax = Mag.ZERO;
      int imax = 0;
      for (int i = 0; i < x.length; i++) {
        if (!x[i].isFinite()) {
          return null;
        }
        s.rmax = Mag.max(s.rmax, x[i].r);
        if (D.cmp(D.of(x[i].m, x[i].e), D.of(x[imax].m, x[imax].e)) > 0) {
          imax = i;
        }
      }
      s.imax = imax;
      s.e = new Ball[x.length];
      Ball max = x[imax].midBall();
      Ball rest = ZERO;
      for (int i = 0; i < x.length; i++) {
        if (i == imax) {
          s.e[i] = ONE;
        } else {
          s.e[i] = subExact(x[i].midBall(), max).exp(prec);
          rest = rest.add(s.e[i], prec);
        }
      }
      if (!rest.isFinite()) {
        return null;
      }
      s.rest = rest;
      s.sum = ONE.add(rest, prec);
      return s;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // the cores: functions of an exact dyadic m 2^e

  /** Fixed point: floor(m 2^(e+f)). */
  private static BigInteger fixed(BigInteger m, long e, int f) {
    long sh = e + f;
    return sh >= 0 ? m.shiftLeft((int) sh) : m.shiftRight((int) Math.min(Integer.MAX_VALUE, -sh));
  }

  /** Error bound of {@link FixedPointMath#expm1} in ulps for f <= 2^22 fraction bits, |r| <= 1.26. */
  private static final long EXPM1_ULPS = 1L << 15;

  /**
   * From this many fraction bits on, exp uses the chunked reduction ({@link
   * FixedPointMath#expChunked}); below, halvings and doublings (tuned with the kernel benchmark).
   */
  static int CHUNKED_EXP_BITS = Integer.getInteger("prefdyn.chunkedExpBits", 400);

  /** e^x for the exact x = m 2^e. */
  static Ball expMid(BigInteger m, long e, int prec) {
    if (m.signum() == 0) {
      return ONE;
    }
    long top = m.bitLength() + e; // |x| < 2^top
    if (top > 40) {
      return WHOLE;
    }
    int f = prec + 24;
    if (top < -(f + 2)) {
      // |e^x - 1| <= |x| e^|x| < 2 |x| < 2^(top+1)
      return new Ball(BigInteger.ONE, 0, Mag.pow2(top + 1));
    }
    double xd = toDouble(m, e);
    long k = Math.round(xd / LN2_DOUBLE);
    BigInteger x = fixed(m, e, f);
    BigInteger rr = x;
    if (k != 0) {
      rr = x.subtract(BigInteger.valueOf(k).multiply(ln2Fixed(f + 64)).shiftRight(64));
    }
    // |rr 2^-f - (x - k ln2)| < 1 + 1.01 ulp; |x - k ln2| < 0.35
    if (f >= CHUNKED_EXP_BITS) {
      FixedPointMath.Approx a = FixedPointMath.expChunked(rr, f, FixedPointMath.chunkLevels(f));
      // error: a.err() from the chunked evaluation, < 5 ulp from the reduction error (as below)
      return round(a.value(), k - f, Mag.up(a.err() + 8, k - f), prec);
    }
    BigInteger em1 = FixedPointMath.expm1(rr, f);
    BigInteger mid = em1.add(BigInteger.ONE.shiftLeft(f));
    // error: EXPM1_ULPS from the series, < 5 ulp from the reduction error (e^0.36 · 3.01)
    return round(mid, k - f, Mag.up(EXPM1_ULPS + 8, k - f), prec);
  }

  /** e^x - 1 for the exact x = m 2^e, relative accuracy. */
  static Ball expm1Mid(BigInteger m, long e, int prec) {
    if (m.signum() == 0) {
      return ZERO;
    }
    long top = m.bitLength() + e; // 2^(top-1) <= |x| < 2^top
    if (top >= -1) {
      // |x| >= 1/4: |e^x - 1| >= 0.22 e^x·(...), e^x / |e^x - 1| <= 4.6: 8 extra bits cover it
      return expMid(m, e, prec + 8).sub(ONE, prec);
    }
    if (top < -(prec + 10L)) {
      // |expm1(x) - x| <= x^2 (|x| <= 1/2)
      Mag ax = Mag.up(m, e);
      return round(m, e, Mag.mul(ax, ax), prec);
    }
    int f = (int) (prec + 25 - top);
    BigInteger z = fixed(m, e, f);
    BigInteger em1 = FixedPointMath.expm1(z, f);
    // series error EXPM1_ULPS, plus the input truncation (< 1 ulp) times e^{1/4}
    return round(em1, -f, Mag.up(EXPM1_ULPS + 2, -f), prec);
  }

  /** log x for the exact x = m 2^e > 0. */
  static Ball logMid(BigInteger m, long e, int prec) {
    int bl = m.bitLength();
    long big = bl + e; // x = 2^big y, y = m 2^-bl in [1/2, 1)
    long ye = -bl;
    if (topDouble(m) < 0.7071) {
      big -= 1;
      ye += 1; // y in [1, 1.42)
    }
    Ball y = new Ball(m, ye, Mag.ZERO);
    Ball t = subExact(y, ONE);
    if (big == 0) {
      return logReduced(y, t, prec);
    }
    Ball ly = logReduced(y, t, prec + 4);
    Ball eln2 = ln2Ball(prec + 72).mul(big);
    return eln2.add(ly, prec);
  }

  /** log(1 + t) for the exact t = m 2^e > -1. */
  static Ball log1pMid(BigInteger m, long e, int prec) {
    if (m.signum() == 0) {
      return ZERO;
    }
    long top = m.bitLength() + e;
    if (top < -(prec + 10L)) {
      Mag at = Mag.up(m, e);
      return round(m, e, Mag.mul(at, at), prec);
    }
    Ball t = new Ball(m, e, Mag.ZERO);
    Ball y = addRounded(ONE, t, Integer.MAX_VALUE);
    double td = toDouble(m, e);
    if (td > -0.29 && td < 0.41) {
      return logReduced(y, t, prec);
    }
    return logMid(y.m, y.e, prec);
  }

  /**
   * log y for an exact y in [0.7, 1.42), t = y - 1 (exact). Newton's iteration on z ↦ z + (y e^{-z}
   * - 1) at doubling precisions gives z; then log y = z + log1p(δ), δ = y expm1(-z) + t, and
   * |log1p(δ) - δ| <= δ² for |δ| <= 1/2 certifies the result.
   */
  private static Ball logReduced(Ball y, Ball t, int prec) {
    if (t.m.signum() == 0) {
      return ZERO;
    }
    long ttop = t.m.bitLength() + t.e;
    if (ttop < -(prec + 10L)) {
      Mag at = Mag.up(t.m, t.e);
      return round(t.m, t.e, Mag.mul(at, at), prec);
    }
    int pf = prec + 24;
    // start: a double (log1p(t) ≈ t when t is below the double range)
    Ball z;
    if (ttop < -1000) {
      z = round(t.m, t.e, Mag.ZERO, 60);
    } else {
      z = ofDouble(Math.log1p(toDouble(t.m, t.e)));
    }
    java.util.ArrayList<Integer> steps = new java.util.ArrayList<>();
    for (int q = pf / 2 + 20; q > 100; q = q / 2 + 16) {
      steps.add(q);
    }
    steps.add(100);
    for (int i = steps.size() - 1; i >= 0; i--) {
      int q = steps.get(i);
      Ball delta = newtonDelta(y, t, z, q);
      if (!delta.isFinite()) {
        return WHOLE;
      }
      Ball nz = z.add(delta.midBall(), q);
      z = nz.midBall();
    }
    Ball delta = newtonDelta(y, t, z, pf);
    if (!delta.isFinite()) {
      return WHOLE;
    }
    Mag dup = delta.absUpper();
    if (dup.compareTo(Mag.pow2(-1)) > 0) {
      return WHOLE;
    }
    Ball sum = z.add(delta, prec);
    return sum.addRadius(Mag.mul(dup, dup));
  }

  /** δ = y expm1(-z) + t (= y e^{-z} - 1) at q bits. */
  private static Ball newtonDelta(Ball y, Ball t, Ball z, int q) {
    Ball em = expm1Mid(z.m.negate(), z.e, q + 4);
    return y.mul(em, q + 4).add(t, q);
  }

  /** ln 2 as a ball at f fraction bits. */
  static Ball ln2Ball(int f) {
    return new Ball(ln2Fixed(f), -f, Mag.pow2(1L - f));
  }

  private record Scaled(int bits, BigInteger value) {}

  private static final AtomicReference<Scaled> LN2 = new AtomicReference<>(new Scaled(0, BigInteger.ZERO));

  /**
   * floor-ish ln2·2^f with error below 2 ulp: from ln2 = 2 Σ_k 1/((2k+1) 3^(2k+1)) computed at F >=
   * f + 40 bits with error below 1.35 F + 7 ulp_F (see proofs-notes/kernel.md), then shifted.
   */
  static BigInteger ln2Fixed(int f) {
    Scaled c = LN2.get();
    if (c.bits() < f + 40) {
      int bits = Math.max(f + 40, c.bits() + c.bits() / 4) + 64;
      Scaled fresh = new Scaled(bits, computeLn2(bits));
      c = LN2.accumulateAndGet(fresh, (a, b) -> a.bits() >= b.bits() ? a : b);
    }
    return c.value().shiftRight(c.bits() - f);
  }

  private static BigInteger computeLn2(int bits) {
    BigInteger p = BigInteger.ONE.shiftLeft(bits).divide(BigInteger.valueOf(3));
    BigInteger nine = BigInteger.valueOf(9);
    BigInteger sum = BigInteger.ZERO;
    for (long k = 0; p.signum() > 0; k++) {
      sum = sum.add(p.divide(BigInteger.valueOf(2 * k + 1)));
      p = p.divide(nine);
    }
    return sum.shiftLeft(1);
  }

  /** e^r - 1 rounded up, for a radius r. */
  static Mag expm1Upper(Mag r) {
    if (r.isZero()) {
      return Mag.ZERO;
    }
    if (r.compareTo(Mag.pow2(-1)) <= 0) {
      // e^r - 1 = r + r^2/2 + ... <= r + r^2 for r <= 1/2
      return Mag.add(r, Mag.mul(r, r));
    }
    if (r.compareTo(Mag.pow2(20)) > 0) {
      return Mag.INF;
    }
    double v = Math.exp(r.doubleUp()) * (1 + 0x1p-40);
    return Mag.up(Math.nextUp(v));
  }

  private static Ball ofDouble(double d) {
    if (d == 0) {
      return ZERO;
    }
    int ex = Math.getExponent(d) - 52;
    long mant = (long) Math.scalb(Math.abs(d), -ex);
    return new Ball(BigInteger.valueOf(d < 0 ? -mant : mant), ex, Mag.ZERO);
  }

  /** An approximation of m 2^e as a double (±0 / ±infinity outside the range). */
  static double toDouble(BigInteger m, long e) {
    int bl = m.bitLength();
    long ee = e;
    double d;
    if (bl > 62) {
      d = m.shiftRight(bl - 62).doubleValue();
      ee += bl - 62;
    } else {
      d = m.longValue();
    }
    ee = Math.max(-5000, Math.min(5000, ee));
    return Math.scalb(d, (int) ee);
  }

  /** m·2^-bitLength(m) in [1/2, 1) as a double (magnitude). */
  private static double topDouble(BigInteger m) {
    int bl = m.bitLength();
    return Math.abs(toDouble(m, -bl));
  }

  // ---------------------------------------------------------------------------------------------
  // predicates

  public boolean isExact() {
    return r.isZero();
  }

  public boolean isFinite() {
    return !r.isInf();
  }

  /** lo > 0. */
  public boolean isPositive() {
    return isFinite() && m.signum() > 0 && D.cmp(D.of(m, e), D.of(r)) > 0;
  }

  /** hi < 0. */
  public boolean isNegative() {
    return isFinite() && m.signum() < 0 && D.cmp(D.of(m.negate(), e), D.of(r)) > 0;
  }

  /** lo >= 0. */
  public boolean isNonNegative() {
    return isFinite() && m.signum() >= 0 && D.cmp(D.of(m, e), D.of(r)) >= 0;
  }

  /** hi <= 0. */
  public boolean isNonPositive() {
    return isFinite() && m.signum() <= 0 && D.cmp(D.of(m.negate(), e), D.of(r)) >= 0;
  }

  public boolean containsZero() {
    return !isFinite() || D.cmp(D.of(m.abs(), e), D.of(r)) <= 0;
  }

  public boolean contains(Aprational q) {
    if (!isFinite()) {
      return true;
    }
    BigInteger n = q.numerator().toBigInteger();
    BigInteger d = q.denominator().toBigInteger();
    return cmpRational(loD(), n, d) <= 0 && cmpRational(hiD(), n, d) >= 0;
  }

  /** Sign of x - n/d for a dyadic x and d > 0. */
  private static int cmpRational(D x, BigInteger n, BigInteger d) {
    BigInteger lhs = x.m.multiply(d);
    if (x.e >= 0) {
      return lhs.shiftLeft((int) x.e).compareTo(n);
    }
    return lhs.compareTo(n.shiftLeft((int) -x.e));
  }

  public boolean contains(Ball b) {
    if (!isFinite()) {
      return true;
    }
    if (!b.isFinite()) {
      return false;
    }
    return D.cmp(loD(), b.loD()) <= 0 && D.cmp(b.hiD(), hiD()) <= 0;
  }

  public boolean overlaps(Ball b) {
    if (!isFinite() || !b.isFinite()) {
      return true;
    }
    return D.cmp(loD(), b.hiD()) <= 0 && D.cmp(b.loD(), hiD()) <= 0;
  }

  // ---------------------------------------------------------------------------------------------
  // extraction

  /** Exact lower end, null if non-finite. */
  public @Nullable Aprational lo() {
    return isFinite() ? loD().toAprational() : null;
  }

  /** Exact upper end, null if non-finite. */
  public @Nullable Aprational hi() {
    return isFinite() ? hiD().toAprational() : null;
  }

  public Aprational midExact() {
    return rationalOf(m, e);
  }

  /** The radius exactly; throws for the non-finite ball. */
  public Aprational radExact() {
    if (!isFinite()) {
      throw new ArithmeticException("the radius of a non-finite ball");
    }
    return r.toAprational();
  }

  public double midDouble() {
    return toDouble(m, e);
  }

  /** A double >= the radius (+infinity when non-finite or beyond the double range). */
  public double radUpper() {
    return r.doubleUp();
  }

  /** The midpoint as an Apfloat of {@code digits} significant digits (rounded to nearest). */
  public Apfloat mid(long digits) {
    if (m.signum() == 0) {
      return new Apfloat(0);
    }
    BigDecimal d = roundDecimal(m, e, (int) Math.min(digits, 1_000_000_000), RoundingMode.HALF_EVEN);
    return new Apfloat(d.unscaledValue().toString() + "e" + (-(long) d.scale()), digits);
  }

  /** The exact midpoint as a (zero-radius) ball. */
  Ball midBall() {
    return r.isZero() ? this : new Ball(m, e, Mag.ZERO);
  }

  /**
   * The exact midpoint as a zero-radius ball (no decimal conversion: use this, not {@link
   * #midExact()}, inside computations).
   */
  public Ball midpoint() {
    return midBall();
  }

  /**
   * The stored radius bound as an exact (zero-radius) ball: an upper bound of the distance from the
   * midpoint to every point of this ball. Non-finite balls give {@link #whole()}.
   */
  public Ball radius() {
    if (r.isInf()) {
      return WHOLE;
    }
    if (r.isZero()) {
      return ZERO;
    }
    return new Ball(r.mantissa(), r.exp, Mag.ZERO);
  }

  /** The lower end {@code mid - rad} as an exact ball (non-finite balls give {@link #whole()}). */
  public Ball lower() {
    return r.isZero() ? this : (r.isInf() ? WHOLE : addRounded(midBall(), radius().neg(), Integer.MAX_VALUE));
  }

  /** The upper end {@code mid + rad} as an exact ball (non-finite balls give {@link #whole()}). */
  public Ball upper() {
    return r.isZero() ? this : (r.isInf() ? WHOLE : addRounded(midBall(), radius(), Integer.MAX_VALUE));
  }

  BigInteger mantissa() {
    return m;
  }

  long exponent() {
    return e;
  }

  Mag radMag() {
    return r;
  }

  /**
   * Significant digits that {@link #format} prints at most: {@link Integer#MAX_VALUE} for an exact
   * ball, 0 when no digit is certified (non-finite, or the ball contains 0 and is not exact zero).
   */
  public int certifiedDigits() {
    return certifiedDigits(Integer.MAX_VALUE);
  }

  /**
   * {@code min(atMost, certifiedDigits())}, trying no more than {@code atMost} digits: a
   * certificate for d digits gives one for every d' < d (the rounding to d' digits is within
   * half a unit of the d'-th digit, the radius below a tenth of it), so the search may start at
   * {@code atMost}.
   */
  public int certifiedDigits(int atMost) {
    if (!isFinite()) {
      return 0;
    }
    if (r.isZero()) {
      return atMost;
    }
    if (m.signum() == 0) {
      return 0;
    }
    for (int d = Math.min(atMost, estimateDigits() + 1); d >= 1; d--) {
      if (certify(d) != null) {
        return d;
      }
    }
    return 0;
  }

  /** An upper bound of the number of certifiable significant digits. */
  private int estimateDigits() {
    long bits = (m.bitLength() + e) - (r.exp + 31);
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE - 4, Math.floor((bits + 1) * 0.30103) + 1));
  }

  /**
   * Decimal text with only certified digits: the printed number p satisfies |x - p| < one unit in
   * the last printed place for every x in the ball (at most {@code maxDigits} significant digits).
   * An exact ball prints exactly when its decimal expansion has at most maxDigits digits. When not
   * even the first digit is certified, prints {@code "0e<k>"}: |x| < 10^k. The non-finite ball
   * prints {@code "[-inf, inf]"}.
   */
  public String format(int maxDigits) {
    if (maxDigits < 1) {
      throw new IllegalArgumentException("maxDigits must be >= 1");
    }
    if (!isFinite()) {
      return "[-inf, inf]";
    }
    if (m.signum() == 0 && r.isZero()) {
      return "0";
    }
    if (r.isZero()) {
      // exact: print exactly when short enough (m odd: m 2^e has about (bl + 1.32 |e|) 0.301 digits)
      int tz = m.getLowestSetBit();
      BigInteger mo = m.shiftRight(tz);
      long eo = e + tz;
      double digits = eo >= 0 ? (mo.bitLength() + eo) * 0.30103 : (mo.bitLength() - eo * 2.3219) * 0.30103;
      if (digits <= maxDigits + 2) {
        BigDecimal s = decimalOf(mo, eo).stripTrailingZeros();
        if (s.precision() <= maxDigits) {
          return text(s);
        }
      }
      return text(roundDecimal(m, e, maxDigits, RoundingMode.HALF_EVEN));
    }
    if (m.signum() != 0) {
      for (int d = Math.min(maxDigits, estimateDigits() + 1); d >= 1; d--) {
        BigDecimal p = certify(d);
        if (p != null) {
          return text(p);
        }
      }
    }
    // |x| <= |m| + r < 10^k
    Mag upper = absUpper();
    double u = upper.doubleUp();
    long k = u > 1e-300 && u < 1e300
        ? (long) Math.floor(Math.log10(u) + 1e-9) + 1
        : (long) Math.floor((upper.exp + 31) * 0.30103) + 1; // upper < 2^(exp+31) <= 10^k
    return "0e" + k;
  }

  /**
   * The midpoint rounded to d significant digits, p = N 10^-k, if |x - p| < 10^-k for every x in
   * the ball (checked in exact integer arithmetic), else null.
   */
  private @Nullable BigDecimal certify(int d) {
    BigDecimal p = roundDecimal(m, e, d, RoundingMode.HALF_EVEN);
    long k = p.scale();
    // scaled: X = m 2^e 10^k = xn / (2^a 5^b); need |xn - N 2^a 5^b| + r 10^k 2^a 5^b < 2^a 5^b
    long t = e + k;
    BigInteger xn = k >= 0 ? m.multiply(FIVE.pow(Math.toIntExact(k))) : m;
    long a = 0;
    if (t >= 0) {
      xn = xn.shiftLeft(Math.toIntExact(t));
    } else {
      a = -t;
    }
    long b = k >= 0 ? 0 : -k;
    BigInteger den = FIVE.pow(Math.toIntExact(b));
    BigInteger n = p.unscaledValue();
    BigInteger err = xn.subtract(n.multiply(den).shiftLeft(Math.toIntExact(a))).abs();
    // r 10^k 2^a 5^b = rm 2^(re + k + a) 5^(k + b), k + b = max(k, 0)
    BigInteger radN = r.mantissa().multiply(FIVE.pow(Math.toIntExact(Math.max(k, 0))));
    long rt = r.exp + k + a;
    BigInteger unit = den.shiftLeft(Math.toIntExact(a));
    if (rt >= 0) {
      radN = radN.shiftLeft(Math.toIntExact(rt));
    } else {
      int sh = Math.toIntExact(-rt);
      err = err.shiftLeft(sh);
      unit = unit.shiftLeft(sh);
    }
    return err.add(radN).compareTo(unit) < 0 ? p : null;
  }

  /** Lower end rounded down to {@code digits} significant digits ("-inf" if non-finite). */
  public String lowerDecimal(int digits) {
    if (!isFinite()) {
      return "-inf";
    }
    return outward(loD(), digits, RoundingMode.FLOOR);
  }

  /** Upper end rounded up to {@code digits} significant digits ("inf" if non-finite). */
  public String upperDecimal(int digits) {
    if (!isFinite()) {
      return "inf";
    }
    return outward(hiD(), digits, RoundingMode.CEILING);
  }

  private static String outward(D v, int digits, RoundingMode mode) {
    if (v.m.signum() == 0) {
      return "0";
    }
    BigDecimal d = roundDecimal(v.m, v.e, digits, mode).stripTrailingZeros();
    long lead = (long) d.precision() - d.scale() - 1;
    return lead > -30 && lead < 40 ? d.toPlainString() : text(d);
  }

  /**
   * m 2^e (m != 0) rounded to d significant decimal digits in the given mode, as N 10^-k, computed
   * with integers (m 5^k 2^(e+k) or m 2^(e+k) / 5^-k): no full decimal expansion of the dyadic.
   */
  static BigDecimal roundDecimal(BigInteger m, long e, int d, RoundingMode mode) {
    double lg = Math.log10(topDouble(m)) + (m.bitLength() + e) * 0.30102999566398120;
    long k = d - 1 - (long) Math.floor(lg);
    for (int attempt = 0; ; attempt++) {
      long t = e + k;
      BigInteger num = k >= 0 ? m.multiply(FIVE.pow(Math.toIntExact(k))) : m;
      BigInteger den = k >= 0 ? BigInteger.ONE : FIVE.pow(Math.toIntExact(-k));
      if (t >= 0) {
        num = num.shiftLeft(Math.toIntExact(t));
      } else {
        den = den.shiftLeft(Math.toIntExact(-t));
      }
      BigInteger n = roundDiv(num, den, mode);
      BigInteger an = n.abs();
      BigInteger lowest = BigInteger.TEN.pow(d - 1);
      if (an.compareTo(lowest.multiply(BigInteger.TEN)) >= 0 && attempt < 3) {
        if (an.equals(lowest.multiply(BigInteger.TEN))) {
          return new BigDecimal(n.divide(BigInteger.TEN), Math.toIntExact(k - 1)); // 9.99 -> 10.0
        }
        k -= 1;
        continue;
      }
      if (an.compareTo(lowest) < 0 && attempt < 3) {
        k += 1;
        continue;
      }
      return new BigDecimal(n, Math.toIntExact(k));
    }
  }

  /** num / den (den > 0) rounded in the given mode (FLOOR, CEILING, HALF_EVEN). */
  private static BigInteger roundDiv(BigInteger num, BigInteger den, RoundingMode mode) {
    BigInteger q;
    BigInteger rem; // floor division: num = q den + rem, 0 <= rem < den
    if (den.bitCount() == 1) {
      int sh = den.bitLength() - 1;
      q = num.shiftRight(sh);
      rem = num.subtract(q.shiftLeft(sh));
    } else {
      BigInteger[] qr = num.divideAndRemainder(den);
      q = qr[0];
      rem = qr[1];
      if (rem.signum() < 0) {
        q = q.subtract(BigInteger.ONE);
        rem = rem.add(den);
      }
    }
    if (rem.signum() == 0 || mode == RoundingMode.FLOOR) {
      return q;
    }
    if (mode == RoundingMode.CEILING) {
      return q.add(BigInteger.ONE);
    }
    int c = rem.shiftLeft(1).compareTo(den);
    return c > 0 || (c == 0 && q.testBit(0)) ? q.add(BigInteger.ONE) : q;
  }

  /** Plain notation when the last place is at most 1 and the value is not tiny, else d.ddde±k. */
  static String text(BigDecimal v) {
    if (v.signum() == 0) {
      return "0";
    }
    long lead = (long) v.precision() - v.scale() - 1;
    if (v.scale() >= 0 && lead > -30 && lead < 40) {
      return v.toPlainString();
    }
    String u = v.unscaledValue().abs().toString();
    StringBuilder sb = new StringBuilder();
    if (v.signum() < 0) {
      sb.append('-');
    }
    sb.append(u.charAt(0));
    if (u.length() > 1) {
      sb.append('.').append(u, 1, u.length());
    }
    return sb.append('e').append(lead).toString();
  }

  @Override
  public String toString() {
    if (!isFinite()) {
      return "[-inf, inf]";
    }
    return "[" + (m.signum() == 0 ? "0" : text(roundDecimal(m, e, 20, RoundingMode.HALF_EVEN)))
        + " +/- " + (r.isZero() ? "0" : text(roundDecimal(r.mantissa(), r.exp, 3, RoundingMode.CEILING))) + "]";
  }

  // ---------------------------------------------------------------------------------------------
  // exact dyadic helpers

  /** |x| <= |mid| + rad, rounded up. */
  Mag absUpper() {
    return Mag.add(Mag.up(m, e), r);
  }

  /** |mid| - rad rounded down (0 if the ball reaches 0). */
  private Mag lowerAbs() {
    return Mag.subDown(Mag.down(m, e), r);
  }

  private D loD() {
    return D.sub(D.of(m, e), D.of(r));
  }

  private D hiD() {
    return D.add(D.of(m, e), D.of(r));
  }

  static BigDecimal decimalOf(BigInteger m, long e) {
    if (e >= 0) {
      return new BigDecimal(m.shiftLeft(Math.toIntExact(e)));
    }
    int k = Math.toIntExact(-e);
    return new BigDecimal(m.multiply(FIVE.pow(k)), k);
  }

  static Aprational rationalOf(BigInteger m, long e) {
    if (e >= 0) {
      return new Aprational(new Apint(m.shiftLeft(Math.toIntExact(e))));
    }
    return new Aprational(new Apint(m), new Apint(BigInteger.ONE.shiftLeft(Math.toIntExact(-e))));
  }

  /** An exact dyadic number m 2^e. */
  private record D(BigInteger m, long e) {
    static final D ZERO = new D(BigInteger.ZERO, 0);

    static D of(BigInteger m, long e) {
      return new D(m, m.signum() == 0 ? 0 : e);
    }

    static D of(Mag r) {
      return of(r.mantissa(), r.exp);
    }

    static D add(D a, D b) {
      if (a.m.signum() == 0) {
        return b;
      }
      if (b.m.signum() == 0) {
        return a;
      }
      if (a.e == b.e) {
        return of(a.m.add(b.m), a.e);
      }
      if (a.e > b.e) {
        return of(a.m.shiftLeft(Math.toIntExact(a.e - b.e)).add(b.m), b.e);
      }
      return of(b.m.shiftLeft(Math.toIntExact(b.e - a.e)).add(a.m), a.e);
    }

    static D sub(D a, D b) {
      return add(a, new D(b.m.negate(), b.e));
    }

    static int cmp(D a, D b) {
      int sa = a.m.signum();
      int sb = b.m.signum();
      if (sa != sb) {
        return Integer.compare(sa, sb);
      }
      if (sa == 0) {
        return 0;
      }
      long ta = a.m.bitLength() + a.e;
      long tb = b.m.bitLength() + b.e;
      if (ta != tb) {
        return sa * Long.compare(ta, tb);
      }
      return sub(a, b).m.signum();
    }

    static D min(D a, D b) {
      return cmp(a, b) <= 0 ? a : b;
    }

    static D max(D a, D b) {
      return cmp(a, b) >= 0 ? a : b;
    }

    Aprational toAprational() {
      return rationalOf(m, e);
    }
  }
}
