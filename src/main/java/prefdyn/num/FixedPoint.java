package prefdyn.num;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;

/**
 * Binary fixed-point arithmetic on {@link BigInteger}s: a number v is held as the integer V =
 * round(v 2^f) for a number of fraction bits f chosen by the caller. This is the engine of {@link
 * Kernel}'s exp and log.
 *
 * <p>Why by hand: at 50-1,000 digits {@code BigInteger} multiplication and division by a machine
 * word are several times cheaper than {@link Apfloat}'s (which pays for its decimal radix and
 * general precision bookkeeping), and there is no Java library with a fast arbitrary-precision
 * exp/log (ApfloatMath's are correct but 50-200 times slower at 50 digits; BigDecimal has none).
 * Values cross the boundary through decimal strings, which is far cheaper than Apfloat's
 * BigInteger conversions.
 *
 * <p>Error unit: "ulp" below means 2^-f. Every operation here states its error in ulps.
 */
final class FixedPoint {
  private FixedPoint() {}

  private static final double LOG2_10 = Math.log(10) / Math.log(2);

  private static final ConcurrentHashMap<Integer, BigInteger> TEN_POW = new ConcurrentHashMap<>();

  /** ln10 as round(ln10 2^bits), at the largest number of bits asked for so far. */
  private record Scaled(int bits, BigInteger value) {}

  private static final AtomicReference<Scaled> LN10 = new AtomicReference<>(new Scaled(0, BigInteger.ZERO));

  /** Fraction bits that represent {@code digits} decimal digits. */
  static int bitsFor(long digits) {
    return (int) Math.ceil(digits * LOG2_10);
  }

  static BigInteger tenPow(int n) {
    if (n > 20_000) {
      return BigInteger.TEN.pow(n);
    }
    return TEN_POW.computeIfAbsent(n, BigInteger.TEN::pow);
  }

  /** The exact decimal value of x (an Apfloat with finite precision) to f bits, error < 1 ulp. */
  static BigInteger fromApfloat(Apfloat x, int f) {
    return fromDecimal(new BigDecimal(x.toString()), f);
  }

  /** d to f fraction bits, truncated toward zero: error < 1 ulp. */
  static BigInteger fromDecimal(BigDecimal d, int f) {
    BigInteger u = d.unscaledValue();
    int sc = d.scale();
    if (sc <= 0) {
      return u.multiply(tenPow(-sc)).shiftLeft(f);
    }
    return u.shiftLeft(f).divide(tenPow(sc));
  }

  /** The double y exactly (f >= 1075 suffices for any double; otherwise error < 1 ulp). */
  static BigInteger fromDouble(double y, int f) {
    return fromDecimal(new BigDecimal(y), f);
  }

  /**
   * V 2^-f 10^shift as an Apfloat with relative error below 10^-(digits+1) (the decimal integer
   * taken has digits + 2 significant digits and is floored).
   */
  static Apfloat toApfloat(BigInteger v, int f, long digits, long shift) {
    if (v.signum() == 0) {
      return new Apfloat(0);
    }
    long mag10 = (long) Math.floor((v.bitLength() - f) / LOG2_10); // <= log10 |v 2^-f|
    long d = digits + 2 - mag10;
    BigInteger q;
    if (d >= 0) {
      q = v.multiply(tenPow((int) d)).shiftRight(f);
    } else {
      q = v.shiftRight(f).divide(tenPow((int) -d));
    }
    String text = q.toString();
    Apfloat a = new Apfloat(text, Math.max(digits + 2, text.length()));
    return ApfloatMath.scale(a, shift - d);
  }

  /** ln10 to f bits, error < 2 ulp. */
  static BigInteger ln10(int f) {
    Scaled c = LN10.get();
    if (c.bits() < f) {
      int bits = Math.max(f, c.bits() + c.bits() / 4) + 64;
      // Kernel.ln10 is ApfloatMath.log(10) at the requested digits (correct to them); the
      // decimal-to-binary conversion adds < 1 ulp at the (bits) scale.
      Apfloat l = Kernel.ln10((long) Math.ceil(bits / LOG2_10) + 10);
      Scaled fresh = new Scaled(bits, fromApfloat(l, bits));
      c = LN10.accumulateAndGet(fresh, (a, b) -> a.bits() >= b.bits() ? a : b);
    }
    return c.value().shiftRight(c.bits() - f);
  }

  /** Reduction depth for the exp series: |u| <= 2^-sigma (tuned with `prefdyn bench`). */
  static int sigma(int g) {
    return (int) Math.max(4, Math.round(0.6 * Math.sqrt(g)));
  }

  /**
   * expm1(r) for r = R 2^-f with |r| <= 2: absolute error below (4N + 4) 2^6 + 3 ulp, where N <=
   * 2^10 is the number of series terms, i.e. below 2^17 ulp. Callers add 24 bits to the
   * precision they need.
   *
   * <p>Method: work with g = f + s fraction bits, where the shift s makes u = R 2^-(f+s) = r/2^s
   * satisfy |u| <= 2^-sigma; the division by 2^s is thus exact. Taylor series expm1(u) = u T,
   * T = sum_{j<N} u^j/(j+1)!, with N the first index whose term is below 2^-(g+2); the
   * truncation error is below 2 times the first omitted term (|u| <= 1/16, factorials), so
   * below 1 ulp_g. T is evaluated by rectangular splitting (Paterson-Stockmeyer / Smith): with m
   * ~ sqrt(N) and v = u^m, T = sum_b v^b c_{bm} I_b, where each I_b is a Horner scheme in the
   * stored powers u^0..u^{m-1} that only divides by word-sized integers, and the outer Horner
   * scheme in v costs one full multiplication per block. Every stored value lies in [-2, 2] and
   * each rounding (shift or word division) is < 1 ulp_g, with at most 4N + 4 of them: T has
   * absolute error below (4N + 4) ulp_g. Then e_0 = u T, and s doublings e_{i+1} = e_i (e_i +
   * 2): an absolute error d in e_i becomes at most d (2|e_i| + 2) + d^2 + 1 ulp_g, and prod_i (2 +
   * 2|e_i|) <= 2^s e^{2|r|} <= 2^s 2^6 for |r| <= 2. In ulp_f = 2^s ulp_g this is below (4N+4)
   * 2^6 + 2 ulp_f, plus 1 for the final shift.
   */
  static BigInteger expm1(BigInteger r, int f) {
    if (r.signum() == 0) {
      return BigInteger.ZERO;
    }
    int lr = r.bitLength() - f; // |r| < 2^lr
    int sigma = sigma(f);
    int s = Math.max(0, lr + sigma);
    int g = f + s;
    BigInteger u = r; // u = r / 2^s exactly, at g bits
    double lu = (r.abs().bitLength() - g); // log2 |u| upper bound
    int n = 1;
    double lt = 0;
    while (true) {
      lt += lu - Math.log(n + 1.0) / Math.log(2);
      if (lt < -(g + 2)) {
        break;
      }
      n++;
    }
    int m = Math.max(1, (int) Math.round(Math.sqrt(n)));
    BigInteger one = BigInteger.ONE.shiftLeft(g);
    BigInteger[] pow = new BigInteger[m + 1];
    pow[0] = one;
    pow[1] = u;
    for (int i = 2; i <= m; i++) {
      pow[i] = pow[i - 1].multiply(u).shiftRight(g);
    }
    BigInteger v = pow[m];
    int blocks = (n + m - 1) / m;
    BigInteger acc = BigInteger.ZERO;
    for (int b = blocks - 1; b >= 0; b--) {
      int base = b * m;
      int top = Math.min(m - 1, n - 1 - base);
      BigInteger inner = pow[top];
      for (int i = top - 1; i >= 0; i--) {
        inner = pow[i].add(inner.divide(BigInteger.valueOf(base + i + 2L)));
      }
      if (b == blocks - 1) {
        acc = inner;
      } else {
        BigInteger t = acc.multiply(v).shiftRight(g);
        acc = inner.add(divideByRange(t, base + 2L, base + m + 1L));
      }
    }
    BigInteger e = u.multiply(acc).shiftRight(g);
    BigInteger two = one.shiftLeft(1);
    for (int i = 0; i < s; i++) {
      e = e.multiply(e.add(two)).shiftRight(g);
    }
    return e.shiftRight(s);
  }

  /** x / (lo (lo+1) ... hi), dividing by products that fit in a word; < (hi-lo+1) ulp. */
  private static BigInteger divideByRange(BigInteger x, long lo, long hi) {
    BigInteger y = x;
    long d = 1;
    for (long l = lo; l <= hi; l++) {
      if (d > (1L << 62) / l) {
        y = y.divide(BigInteger.valueOf(d));
        d = 1;
      }
      d *= l;
    }
    return d == 1 ? y : y.divide(BigInteger.valueOf(d));
  }

  /**
   * log(1 + tau) for tau = T 2^-f with |tau| <= 2^-8: series sum_j (-1)^{j+1} tau^j / j, absolute
   * error below 3 ulp plus 1 ulp per term.
   *
   * <p>Precision tapering: with |tau| < 2^-gt, the power tau^j only has to be known to 2^-f, so
   * the factor tau is truncated by c = (j-1) gt - 5 bits before the product tau^{j-1} tau; the
   * error this adds is below |tau^{j-1}| 2^c 2^-f <= 2^{-4} ulp per term. The operands thus shrink
   * linearly with j and the series costs about a third of the untapered one.
   */
  static BigInteger log1p(BigInteger tau, int f) {
    if (tau.signum() == 0) {
      return BigInteger.ZERO;
    }
    int gt = f - tau.abs().bitLength(); // |tau| < 2^-gt
    BigInteger sum = tau;
    BigInteger p = tau;
    for (int j = 2; ; j++) {
      int c = Math.max(0, (j - 1) * gt - 5);
      if (c >= f) {
        // |tau|^j < 2^-(j gt) <= 2^-(f+5-gt) ... all further terms are below 1 ulp in total
        // (geometric with ratio <= 2^-8).
        break;
      }
      p = p.multiply(tau.shiftRight(c)).shiftRight(f - c);
      if (p.signum() == 0) {
        break;
      }
      BigInteger term = p.divide(BigInteger.valueOf(j));
      sum = (j % 2 == 0) ? sum.subtract(term) : sum.add(term);
    }
    return sum;
  }
}
