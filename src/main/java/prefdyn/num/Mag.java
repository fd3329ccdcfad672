package prefdyn.num;

import java.math.BigInteger;
import org.apfloat.Aprational;

/**
 * A nonnegative magnitude {@code man · 2^exp} with a 31-bit mantissa: the radius type of {@link
 * Ball} (Arb's {@code mag_t}). Every operation states its rounding direction; the ones named
 * without a suffix round UP (the result is an upper bound of the exact result), the ones ending in
 * {@code Down} round down. Normalized: {@code man = 0} (the value 0, exponent 0) or {@code 2^30 <=
 * man < 2^31}. The special value {@link #INF} (man = -1) is +infinity.
 */
final class Mag implements Comparable<Mag> {
  static final int BITS = 31;
  private static final long LOW = 1L << 30;
  private static final long HIGH = 1L << 31;

  final long man;
  final long exp;

  static final Mag ZERO = new Mag(0, 0);
  static final Mag INF = new Mag(-1, 0);
  static final Mag ONE = pow2(0);

  private Mag(long man, long exp) {
    this.man = man;
    this.exp = exp;
  }

  boolean isZero() {
    return man == 0;
  }

  boolean isInf() {
    return man < 0;
  }

  /** 2^k exactly. */
  static Mag pow2(long k) {
    return new Mag(LOW, k - 30);
  }

  /** t·2^e rounded up (t >= 0). */
  static Mag up(long t, long e) {
    return of(t, e, true);
  }

  /** t·2^e rounded down (t >= 0). */
  static Mag down(long t, long e) {
    return of(t, e, false);
  }

  /** t·2^e (t >= 0), rounded up or down to the mantissa's bits. */
  private static Mag of(long t, long e, boolean roundUp) {
    if (t == 0) {
      return ZERO;
    }
    int bl = 64 - Long.numberOfLeadingZeros(t);
    if (bl > BITS) {
      int sh = bl - BITS;
      long m = t >>> sh;
      if (roundUp && (m << sh) != t) {
        m++;
      }
      // only rounding up can carry into the next power of two
      return m == HIGH ? new Mag(LOW, e + sh + 1) : new Mag(m, e + sh);
    }
    int sh = BITS - bl;
    return new Mag(t << sh, e - sh);
  }

  /** |x|·2^e rounded up. */
  static Mag up(BigInteger x, long e) {
    int bl = x.bitLength();
    if (bl <= 62) {
      return up(Math.abs(x.longValue()), e);
    }
    BigInteger a = x.abs();
    int sh = bl - 62;
    long t = a.shiftRight(sh).longValue();
    if (a.getLowestSetBit() < sh) {
      t++;
    }
    return up(t, e + sh);
  }

  /** |x|·2^e rounded down. */
  static Mag down(BigInteger x, long e) {
    int bl = x.bitLength();
    if (bl <= 62) {
      return down(Math.abs(x.longValue()), e);
    }
    int sh = bl - 62;
    return down(x.abs().shiftRight(sh).longValue(), e + sh);
  }

  /** A double d >= 0 rounded up (exactly representable: 53-bit mantissa). */
  static Mag up(double d) {
    if (!(d >= 0)) {
      throw new IllegalArgumentException("negative or NaN magnitude");
    }
    if (Double.isInfinite(d)) {
      return INF;
    }
    if (d == 0) {
      return ZERO;
    }
    int ex = Math.getExponent(d) - 52;
    if (ex < Double.MIN_EXPONENT - 52) {
      ex = Double.MIN_EXPONENT - 52;
    }
    long mant = (long) Math.scalb(d, -ex); // exact
    return up(mant, ex);
  }

  /** a + b, rounded up. */
  static Mag add(Mag a, Mag b) {
    if (a.isInf() || b.isInf()) {
      return INF;
    }
    if (a.isZero()) {
      return b;
    }
    if (b.isZero()) {
      return a;
    }
    if (a.exp < b.exp) {
      Mag t = a;
      a = b;
      b = t;
    }
    long d = a.exp - b.exp; // >= 0
    long ta = a.man << 30; // < 2^61, exponent a.exp - 30
    long tb;
    if (d <= 30) {
      tb = b.man << (30 - d);
    } else if (d - 30 >= 62) {
      tb = 1; // b < 2^31 2^b.exp <= 2^(a.exp - 31): below one unit of 2^(a.exp - 30)
    } else {
      int sh = (int) (d - 30);
      tb = b.man >>> sh;
      if ((tb << sh) != b.man) {
        tb++;
      }
    }
    return up(ta + tb, a.exp - 30);
  }

  /** a - b rounded down, or 0 when a <= b. */
  static Mag subDown(Mag a, Mag b) {
    if (a.isInf()) {
      return b.isInf() ? ZERO : INF;
    }
    if (b.isInf() || a.isZero()) {
      return ZERO;
    }
    if (b.isZero()) {
      return a;
    }
    if (b.exp > a.exp) {
      // b >= 2^30 2^b.exp >= 2^31 2^a.exp > a
      return ZERO;
    }
    long d = a.exp - b.exp;
    long ta = a.man << 30;
    long tb;
    if (d <= 30) {
      tb = b.man << (30 - d);
    } else if (d - 30 >= 62) {
      tb = 1;
    } else {
      int sh = (int) (d - 30);
      tb = b.man >>> sh;
      if ((tb << sh) != b.man) {
        tb++;
      }
    }
    long t = ta - tb;
    return t <= 0 ? ZERO : down(t, a.exp - 30);
  }

  /** a·b rounded up. */
  static Mag mul(Mag a, Mag b) {
    if (a.isZero() || b.isZero()) {
      return a.isInf() || b.isInf() ? INF : ZERO;
    }
    if (a.isInf() || b.isInf()) {
      return INF;
    }
    return up(a.man * b.man, a.exp + b.exp);
  }

  /** a·b rounded down. */
  static Mag mulDown(Mag a, Mag b) {
    if (a.isInf() || b.isInf()) {
      throw new IllegalArgumentException("infinite lower bound");
    }
    return down(a.man * b.man, a.exp + b.exp);
  }

  /** a·2^k (exact). */
  static Mag mulPow2(Mag a, long k) {
    return a.isZero() || a.isInf() ? a : new Mag(a.man, a.exp + k);
  }

  /** a·|k| rounded up. */
  static Mag mul(Mag a, long k) {
    if (k == Long.MIN_VALUE) {
      return mulPow2(a, 63);
    }
    return mul(a, up(Math.abs(k), 0));
  }

  /** a / b rounded up (b = 0 gives INF unless a = 0). */
  static Mag div(Mag a, Mag b) {
    if (a.isZero()) {
      return ZERO;
    }
    if (a.isInf() || b.isZero()) {
      return INF;
    }
    if (b.isInf()) {
      return ZERO;
    }
    long num = a.man << 31; // < 2^62
    long q = num / b.man;
    if (q * b.man != num) {
      q++;
    }
    return up(q, a.exp - b.exp - 31);
  }

  /** a / b rounded down. */
  static Mag divDown(Mag a, Mag b) {
    if (a.isZero() || b.isInf()) {
      return ZERO;
    }
    if (a.isInf() || b.isZero()) {
      throw new IllegalArgumentException("infinite lower bound");
    }
    return down((a.man << 31) / b.man, a.exp - b.exp - 31);
  }

  static Mag max(Mag a, Mag b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  static Mag min(Mag a, Mag b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** floor(log2 of the value) for a nonzero finite value. */
  long log2Floor() {
    return exp + 30;
  }

  @Override
  public int compareTo(Mag o) {
    if (isInf() || o.isInf()) {
      return Boolean.compare(isInf(), o.isInf());
    }
    if (isZero() || o.isZero()) {
      return Boolean.compare(!isZero(), !o.isZero());
    }
    if (exp != o.exp) {
      return Long.compare(exp, o.exp);
    }
    return Long.compare(man, o.man);
  }

  @Override
  public boolean equals(@org.checkerframework.checker.nullness.qual.Nullable Object o) {
    return o instanceof Mag m && m.man == man && m.exp == exp;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(man) * 31 + Long.hashCode(exp);
  }

  /** A double >= the value (+infinity when too large). */
  double doubleUp() {
    if (isInf()) {
      return Double.POSITIVE_INFINITY;
    }
    if (isZero()) {
      return 0.0;
    }
    long e = Math.max(Math.min(exp, 4000), -4000);
    double d = Math.scalb((double) man, (int) e);
    if (d < Double.MIN_NORMAL) {
      d = Math.nextUp(d);
    }
    return d;
  }

  Aprational toAprational() {
    return Ball.rationalOf(BigInteger.valueOf(man), exp);
  }

  BigInteger mantissa() {
    return BigInteger.valueOf(man);
  }

  @Override
  public String toString() {
    return isInf() ? "inf" : Double.toString(doubleUp());
  }
}
