package prefdyn.num;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.concurrent.atomic.AtomicReference;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.apfloat.Apint;

/**
 * Transcendental kernel: exp, expm1, log, log1p, log-sum-exp, softmax, sigmoid, log-sigmoid,
 * entropy and KL divergence of softmax policies, at a {@link Precision}.
 *
 * <p>Why written by hand: {@code ApfloatMath.exp}/{@code log} are correct but slow at the
 * precisions used here (about 2 ms / 0.5 ms at 50 digits, because they go through the
 * asymptotically fast AGM / Newton machinery). This kernel uses classical argument reduction and
 * a Taylor series evaluated with rectangular splitting (Paterson-Stockmeyer / Smith), which is 50
 * to 200 times faster at 50 digits and still several times faster at 1,000 digits. The error
 * analysis is written next to each routine and collected in {@code proofs-notes/kernel.md}.
 *
 * <p>Contract. Every input is first taken at the precision's working digits ({@link
 * Precision#real}: an exact rational is rounded once; an approximate value longer than working
 * precision is shortened); from then on the input is treated as an <em>exact</em> number, and the
 * result is the function of that number with <b>relative error below 10^-working()</b> (for
 * {@link #klOfLogits}, absolute error; see there). Results carry a few more digits than {@code
 * working()} so that the representation error itself stays below that bound. Internally every
 * routine runs at {@code working() + guard} digits, where the guard covers the rounding bound of
 * that routine.
 *
 * <p>Range: {@code |x| < 10^15} for exp (beyond it e^x leaves any sensible range; an {@link
 * ArithmeticException} is thrown); log accepts every positive Apfloat, however large or small
 * (e.g. 10^-5000). Softmax entries as small as e^-10^6 and smaller are represented exactly as
 * Apfloats with large negative exponents (the decimal exponent of Apfloat is a long).
 *
 * <p>Thread safety: the only shared state is the cache of ln 10, an immutable value in an {@link
 * AtomicReference} that only ever grows in precision; all routines are safe for parallel use.
 */
public final class Kernel {
  private Kernel() {}

  /** Largest |x| accepted by exp (the reduction x = k ln10 + r keeps k exact in a double). */
  private static final double EXP_LIMIT = 1e15;

  private static final double LOG10_2 = Math.log10(2.0);

  private static final double LN10_DOUBLE = Math.log(10.0);

  private static final BigDecimal INV_SQRT10 = new BigDecimal("0.316227766");

  private static final BigDecimal ONE_POINT_ONE = new BigDecimal("1.1");

  /** ln 10 at the largest precision asked for so far. */
  private static final AtomicReference<Apfloat> LN10 =
      new AtomicReference<>(ApfloatMath.log(new Apfloat(10, 120)));

  /** Extra digits carried internally beyond {@code working()} (see the error notes). */
  static final int GUARD = 8;

  /** ln 10 with at least {@code digits} correct significant digits. */
  static Apfloat ln10(long digits) {
    Apfloat c = LN10.get();
    if (c.precision() >= digits) {
      return c.precision(digits);
    }
    // Computed once per growth step with 25% headroom, so that slowly rising precisions (as in
    // the property runs) do not recompute it every time. ApfloatMath.log is correct to the
    // precision of its argument; one call per growth step is cheap.
    long target = Math.max(digits, c.precision() + c.precision() / 4) + 10;
    Apfloat fresh = ApfloatMath.log(new Apfloat(10, target));
    LN10.accumulateAndGet(fresh, (a, b) -> a.precision() >= b.precision() ? a : b);
    return fresh.precision(digits);
  }

  /** Internal precision for a given precision context. */
  static long internal(Precision p) {
    return p.working() + GUARD;
  }

  /**
   * The exact number a kernel function evaluates at for input x: x at working precision with
   * exactly the digits it shows. (Apfloat keeps digits beyond a lowered precision and reveals them
   * when the precision is raised again, e.g. {@code x.precision(34).precision(60)} shows x's
   * original 40 digits; so the kernel re-reads the shown digits once. Tests use this to compute
   * their reference at the same point.)
   */
  public static Apfloat argument(Apfloat x, Precision p) {
    Apfloat r = p.real(x);
    if (r.signum() == 0) {
      return new Apfloat(0);
    }
    return new Apfloat(r.toString(), p.working());
  }

  // ---------------------------------------------------------------------------------------------
  // exp, expm1

  /** {@code e^x}, relative error below 10^-working(). */
  public static Apfloat exp(Apfloat x, Precision p) {
    return expAt(p.real(x), internal(p));
  }

  /** {@code e^x - 1} with relative error below 10^-working() (also for tiny |x|). */
  public static Apfloat expm1(Apfloat x, Precision p) {
    return nearZeroFirst(x, p, Kernel::expm1At);
  }

  /**
   * The frame of expm1 and log1p, functions with f(0) = 0 and f(x) = x(1 + O(x)): x at working
   * precision; 0 for 0; x itself when |x| < 10^-(wp+5) (relative error of x below 10^-wp, wp the
   * internal digits); otherwise {@code body(x, wp)}.
   */
  private static Apfloat nearZeroFirst(Apfloat x, Precision p, java.util.function.BiFunction<Apfloat, Long, Apfloat> body) {
    Apfloat xa = p.real(x);
    long wp = internal(p);
    if (xa.signum() == 0) {
      return new Apfloat(0);
    }
    if (xa.scale() < -(wp + 5)) {
      return decimalToApfloat(decimal(xa), wp);
    }
    return body.apply(xa, wp);
  }

  /** expm1 of a working-precision x with 10^-(wp+5) <= |x|, at wp digits. */
  private static Apfloat expm1At(Apfloat xa, long wp) {
    if (xa.scale() > 1) {
      return expAt(xa, wp + 1).subtract(one(wp + 1)).precision(wp);
    }
    BigDecimal xb = decimal(xa);
    if (xb.abs().compareTo(ONE_POINT_ONE) > 0) {
      // |x| > 1.1: |e^x - 1| > 0.66, so subtracting 1 loses less than one digit.
      return expDecimal(xb, wp + 1).subtract(one(wp + 1)).precision(wp);
    }
    int bits = FixedPointMath.bitsFor(wp);
    double l2 = log10Abs(xb) / LOG10_2; // log2 |x|
    if (-l2 > bits / 6.0) {
      return expm1Series(decimalToApfloat(xb, wp), wp);
    }
    // Fixed point has absolute error; -log2|x| extra bits make it relative (|expm1 x| >= |x|/2).
    int f = bits + 24 + (int) Math.max(0, Math.ceil(-l2));
    BigInteger e = FixedPointMath.expm1(FixedPointMath.fromDecimal(xb, f), f);
    return FixedPointMath.toApfloat(e, f, wp, 0);
  }

  /** e^x at wp digits for the exact value of the digits x shows (see {@link #expDecimal}). */
  static Apfloat expAt(Apfloat x, long wp) {
    if (x.signum() == 0) {
      return one(wp);
    }
    if (x.scale() > 16) {
      throw new ArithmeticException("exp argument out of range (|x| >= 1e15): " + x.toString(true));
    }
    if (x.scale() < -(wp + 5)) {
      return one(wp); // e^x = 1 + x + ..., |x| < 10^-(wp+5)
    }
    return expDecimal(decimal(x), wp);
  }

  /**
   * e^x at {@code wp} digits for an exact decimal x, relative error below 10^-(wp-1). Reduction:
   * x = k ln10 + r with k = round(x / ln10), |r| <= ~1.26; then e^x = 10^k (1 + expm1(r)) and
   * the scaling by 10^k is exact. In fixed point with f = bits(wp) + 24 fraction bits: x is
   * converted with error < 1 ulp, k ln10 is formed from ln10 at f + 64 bits (error < 2 ulp since
   * |k| < 2^50), expm1 adds below 2^13 ulp (see {@link FixedPointMath#expm1}), so 1 + expm1(r) has
   * absolute error below 2^14 ulp = 2^-(bits(wp)+10), i.e. relative error below 2^-(bits(wp)+8)
   * since e^r > 0.28; the decimal conversion adds 10^-(wp+1). See proofs-notes/kernel.md.
   */
  static Apfloat expDecimal(BigDecimal x, long wp) {
    if (x.signum() == 0) {
      return one(wp);
    }
    double xd = approx(x);
    if (!(Math.abs(xd) < EXP_LIMIT)) {
      throw new ArithmeticException("exp argument out of range (|x| >= 1e15): " + x);
    }
    long k = Math.round(xd / LN10_DOUBLE);
    int f = FixedPointMath.bitsFor(wp) + 24;
    BigInteger r = FixedPointMath.fromDecimal(x, f);
    if (k != 0) {
      r = r.subtract(BigInteger.valueOf(k).multiply(FixedPointMath.ln10(f + 64)).shiftRight(64));
    }
    BigInteger e = FixedPointMath.expm1(r, f).add(BigInteger.ONE.shiftLeft(f));
    return FixedPointMath.toApfloat(e, f, wp, k);
  }

  /** expm1 by its Taylor series for tiny |x| (each term gains more than bits/6 bits). */
  private static Apfloat expm1Series(Apfloat x, long wp) {
    Apfloat term = x;
    Apfloat sum = x;
    double lx = log10Abs(x);
    double lt = lx;
    for (int j = 2; ; j++) {
      lt += lx - Math.log10(j);
      if (lt < lx - wp - 2) {
        break;
      }
      term = term.multiply(x).divide(new Apint(j));
      sum = sum.add(term);
    }
    return sum.precision(wp);
  }

  // ---------------------------------------------------------------------------------------------
  // log, log1p

  /** Natural logarithm of x > 0, relative error below 10^-working(); any exponent range. */
  public static Apfloat log(Apfloat x, Precision p) {
    return logAt(p.real(x), internal(p));
  }

  /** {@code log(1 + t)} for t > -1, relative error below 10^-working() (also for tiny |t|). */
  public static Apfloat log1p(Apfloat t, Precision p) {
    return nearZeroFirst(t, p, (ta, wp) -> log1pAt(t, ta, wp, p));
  }

  /** log1p of t (ta: t at working precision, 10^-(wp+5) <= |ta|), at wp digits. */
  private static Apfloat log1pAt(Apfloat t, Apfloat ta, long wp, Precision p) {
    if (ta.scale() <= 1) {
      BigDecimal tb = decimal(ta);
      double td = approx(tb);
      if (td > -0.6 && td < 2) {
        return logParts(tb, 0, wp);
      }
    }
    Apfloat m = one(wp + 2).add(exact(argument(t, p), wp + 2));
    if (m.signum() <= 0) {
      throw new ArithmeticException("log1p of an argument <= -1");
    }
    // 1 + t outside [0.4, 3]: |log(1+t)| > 0.5, the rounding of 1 + t costs under one digit.
    return logAt(m, wp + 1).precision(wp);
  }

  /**
   * log x at wp digits for the exact value of the digits x > 0 shows. Split off the decimal
   * exponent: x = m 10^e with m in [10^-1/2, 10^1/2) (exact), log x = e ln10 + log(1 + t), t = m -
   * 1 (exact, as a BigDecimal).
   */
  static Apfloat logAt(Apfloat x, long wp) {
    if (x.signum() <= 0) {
      throw new ArithmeticException("log of a non-positive number: " + x.toString(true));
    }
    long e = x.scale();
    BigDecimal m = Math.abs(e) < 100_000_000
        ? decimal(x).movePointLeft((int) e) // exact, in [0.1, 1)
        : decimal(ApfloatMath.scale(x, -e));
    if (m.compareTo(INV_SQRT10) < 0) {
      m = m.movePointRight(1);
      e -= 1;
    }
    return logParts(m.subtract(BigDecimal.ONE), e, wp);
  }

  /**
   * e ln10 + log(1 + t) for an exact t in (-0.7, 2.2) and a long e, relative error below
   * 10^-(wp-1).
   *
   * <p>y0 = Math.log1p(double(t)) is a 53-bit approximation, held exactly. Then 1 + t = e^{y0}
   * (1 + tau) with tau = t + (1 + t) expm1(-y0) (no approximation), |tau| < ~2^-49, and log(1 +
   * t) = y0 + log1p(tau). In fixed point with f = bits(wp) + 24 + max(0, -log2|t|) bits: t
   * converts with < 1 ulp, expm1 adds < 2^13 ulp, (1 + t) expm1 then < 2^15 ulp, log1p(tau) a
   * few more, e ln10 < 3 ulp: below 2^16 ulp in all, and ulp <= 2^-(bits(wp)+24) min(1, |t|);
   * |log(1 + t)| >= |t| / 3.2 on this range while |e ln10 + log(1+t)| >= 1.1 when e != 0, so the
   * relative error is below 2^-(bits(wp)+6), plus 10^-(wp+1) for the decimal conversion. When
   * |t| < 2^-(bits/6) the series of log1p(t) converges in at most six terms and is summed
   * directly instead.
   */
  private static Apfloat logParts(BigDecimal t, long e, long wp) {
    int bits = FixedPointMath.bitsFor(wp);
    Apfloat lt;
    if (t.signum() == 0) {
      lt = new Apfloat(0);
    } else {
      double td = approx(t);
      double l2 = (td != 0.0 && Math.abs(td) > 1e-300 ? Math.log10(Math.abs(td)) : log10Abs(t)) / LOG10_2;
      if (-l2 > bits / 6.0) {
        lt = log1pSeries(decimalToApfloat(t, wp + 2), wp + 2);
      } else {
        int f = bits + 24 + (int) Math.max(0, Math.ceil(-l2));
        BigInteger tf = FixedPointMath.fromDecimal(t, f);
        double y0 = Math.log1p(td);
        BigInteger y = FixedPointMath.fromDouble(-y0, f); // -y0 (to < 1 ulp; the identity uses y)
        BigInteger em = FixedPointMath.expm1(y, f);
        BigInteger tau = tf.add(tf.add(BigInteger.ONE.shiftLeft(f)).multiply(em).shiftRight(f));
        BigInteger l = FixedPointMath.log1p(tau, f).subtract(y);
        if (e != 0) {
          l = l.add(BigInteger.valueOf(e).multiply(FixedPointMath.ln10(f + 64)).shiftRight(64));
        }
        return FixedPointMath.toApfloat(l, f, wp, 0);
      }
    }
    if (e == 0) {
      return lt;
    }
    long eDigits = Long.toString(Math.abs(e)).length();
    Apfloat el = new Apint(e).multiply(ln10(wp + eDigits + 2));
    return lt.signum() == 0 ? el.precision(wp) : el.add(lt).precision(wp);
  }

  /** log1p by its series for tiny |t| (at most about six terms). */
  private static Apfloat log1pSeries(Apfloat t, long wp) {
    Apfloat pw = t;
    Apfloat sum = t;
    double lx = log10Abs(t);
    for (int j = 2; ; j++) {
      if (j * lx < lx - wp - 2) {
        break;
      }
      pw = pw.multiply(t);
      Apfloat term = pw.divide(new Apint(j));
      sum = (j % 2 == 0) ? sum.subtract(term) : sum.add(term);
    }
    return sum.precision(wp);
  }

  // ---------------------------------------------------------------------------------------------
  // Vector functions in logit space

  /**
   * {@code log Σ e^{x_i}}, relative error below 10^-working(). Computed as max + log(S) with S =
   * Σ e^{x_i - max} in [1, K]; both parts are accurate relative to their own size, so only a
   * cancellation between them (max close to -log S) can lose digits. When that happens the
   * computation is repeated with the digits lost added (inputs are exact, so this gives the
   * relative accuracy; the only exact zero, K = 1 with x = 0, is returned as 0).
   */
  public static Apfloat logSumExp(Apfloat[] x, Precision p) {
    Apfloat[] xr = realAll(x, p);
    long wp = internal(p);
    long extra = 0;
    while (true) {
      long wq = wp + extra;
      int imax = argmax(xr);
      Apfloat max = xr[imax];
      Apfloat ls = logOfShiftedSum(expShifted(xr, imax, wq), imax, wq);
      if (max.signum() == 0) {
        return ls.precision(wp);
      }
      if (ls.signum() == 0) {
        return exact(max, wp);
      }
      Apfloat lse = exact(max, wq + 20 + magnitudeDigits(max)).add(ls);
      if (lse.signum() == 0) {
        // max = -log S exactly would need e^{-max} = S: impossible unless S = 1 and max = 0 by
        // Lindemann-Weierstrass for the decimal inputs given here; handled above.
        return lse;
      }
      double lost = Math.max(log10Abs(max), log10Abs(ls)) - log10Abs(lse);
      if (lost < 1 || extra > 4 * wp) {
        return lse.precision(wp);
      }
      extra += (long) Math.ceil(lost) + 2;
    }
  }

  /**
   * {@code softmax(θ)_i = e^{θ_i - max} / S}, S = Σ e^{θ_j - max}: each entry with relative error
   * below 10^-working() (the differences θ_i - max are exact; e^d, the positive sum S and the
   * quotient each add a few roundings). Entries as small as e^-10^6 stay representable.
   */
  public static Apfloat[] softmax(Apfloat[] logits, Precision p) {
    Apfloat[] xr = realAll(logits, p);
    long wp = internal(p);
    int imax = argmax(xr);
    Apfloat[] e = expShifted(xr, imax, wp);
    Apfloat s = sum(e, wp);
    Apfloat[] out = new Apfloat[e.length];
    for (int i = 0; i < e.length; i++) {
      out[i] = e[i].divide(s);
    }
    return out;
  }

  /** {@code σ(x) = 1/(1+e^{-x})}, relative error below 10^-working(). */
  public static Apfloat sigmoid(Apfloat x, Precision p) {
    Apfloat xr = argument(x, p);
    long wp = internal(p);
    Apfloat one = one(wp);
    if (xr.signum() >= 0) {
      return one.divide(one.add(expAt(xr.negate(), wp)));
    }
    Apfloat e = expAt(xr, wp);
    return e.divide(one.add(e));
  }

  /**
   * {@code log σ(x) = -log(1 + e^{-x})}, relative error below 10^-working(); no underflow for
   * very negative x (log σ(x) = x - log1p(e^x), both terms negative).
   */
  public static Apfloat logSigmoid(Apfloat x, Precision p) {
    Apfloat xr = argument(x, p);
    long wp = internal(p);
    if (xr.signum() >= 0) {
      return log1pPositive(expAt(xr.negate(), wp), wp).negate();
    }
    Apfloat l = log1pPositive(expAt(xr, wp), wp);
    return exact(xr, wp + magnitudeDigits(xr)).subtract(l).precision(wp);
  }

  /** log(1 + t) for 0 <= t <= 1 (t at wp digits, taken as exact). */
  private static Apfloat log1pPositive(Apfloat t, long wp) {
    if (t.signum() == 0) {
      return new Apfloat(0);
    }
    if (t.scale() < -(wp + 5)) {
      return t.precision(wp);
    }
    return logParts(decimal(t), 0, wp);
  }

  /**
   * Shannon entropy (nats) of {@code softmax(θ)}, computed without cancellation as {@code log S +
   * Σ π_i (max - θ_i)} (both terms nonnegative), relative error below 10^-working().
   */
  public static Apfloat entropyOfLogits(Apfloat[] logits, Precision p) {
    Apfloat[] xr = realAll(logits, p);
    long wp = internal(p);
    int imax = argmax(xr);
    Apfloat[] e = expShifted(xr, imax, wp);
    Apfloat s = sum(e, wp);
    Apfloat acc = logOfShiftedSum(e, imax, wp);
    long xp = wp + magnitudeDigits(xr[imax]) + 2;
    Apfloat max = exact(xr[imax], xp);
    for (int i = 0; i < e.length; i++) {
      if (i == imax) {
        continue;
      }
      Apfloat gap = max.subtract(exact(xr[i], xp)).precision(wp);
      acc = acc.add(e[i].divide(s).multiply(gap));
    }
    return acc.precision(wp);
  }

  /**
   * {@code KL(softmax(a) || softmax(b)) = Σ π_i ((a_i - b_i) - (lse(a) - lse(b)))}. Absolute
   * error below 10^-working() (1 + max_i |a_i - b_i|): KL can be far smaller than its terms (it
   * vanishes when a - b is constant), so relative accuracy is not promised.
   */
  public static Apfloat klOfLogits(Apfloat[] a, Apfloat[] b, Precision p) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("KL of logit vectors of different lengths");
    }
    Apfloat[] ar = realAll(a, p);
    Apfloat[] br = realAll(b, p);
    long wp = internal(p);
    long dp = wp + 2;
    for (int i = 0; i < ar.length; i++) {
      dp = Math.max(dp, wp + 2 + magnitudeDigits(ar[i]) + magnitudeDigits(br[i]));
    }
    Apfloat[] d = new Apfloat[ar.length];
    for (int i = 0; i < ar.length; i++) {
      d[i] = exact(ar[i], dp).subtract(exact(br[i], dp)).precision(wp);
    }
    int ia = argmax(ar);
    int ib = argmax(br);
    Apfloat[] ea = expShifted(ar, ia, wp);
    Apfloat sa = sum(ea, wp);
    Apfloat sb = sumExpShifted(br, ib, wp);
    // lse(a) - lse(b) = (max a - max b) + log Sa - log Sb
    Apfloat shift = exact(ar[ia], dp).subtract(exact(br[ib], dp)).precision(wp)
        .add(logAt(sa, wp)).subtract(logAt(sb, wp));
    Apfloat acc = new Apfloat(0);
    for (int i = 0; i < ar.length; i++) {
      acc = acc.add(ea[i].divide(sa).multiply(d[i].subtract(shift)));
    }
    return acc;
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

  private static Apfloat[] realAll(Apfloat[] x, Precision p) {
    if (x.length == 0) {
      throw new IllegalArgumentException("empty logit vector");
    }
    Apfloat[] out = new Apfloat[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = argument(x[i], p);
    }
    return out;
  }

  /** Index of the largest entry (the first on ties). */
  public static int argmax(Apfloat[] x) {
    int best = 0;
    for (int i = 1; i < x.length; i++) {
      if (x[i].compareTo(x[best]) > 0) {
        best = i;
      }
    }
    return best;
  }

  /** e^{x_i - x_imax} for all i (the differences formed exactly), each at wp digits. */
  private static Apfloat[] expShifted(Apfloat[] x, int imax, long wp) {
    long xp = wp + magnitudeDigits(x[imax]) + 2;
    for (Apfloat v : x) {
      xp = Math.max(xp, wp + magnitudeDigits(v) + 2);
    }
    Apfloat max = exact(x[imax], xp);
    Apfloat[] out = new Apfloat[x.length];
    for (int i = 0; i < x.length; i++) {
      if (i == imax) {
        out[i] = one(wp);
      } else {
        Apfloat d = exact(x[i], xp).subtract(max);
        out[i] = expAt(exact(d, wp), wp);
      }
    }
    return out;
  }

  /**
   * log S for S = Σ e_i with e_imax = 1, as log1p(Σ_{i != imax} e_i): the rest is a sum of
   * positive terms (relative error a few 10^-wp) and log1p keeps that relative accuracy even when
   * the rest is tiny (log(1 + rest) with 1 + rest rounded would lose -log10(rest) digits).
   */
  private static Apfloat logOfShiftedSum(Apfloat[] e, int imax, long wp) {
    Apfloat rest = new Apfloat(0);
    for (int i = 0; i < e.length; i++) {
      if (i != imax) {
        rest = rest.add(e[i]);
      }
    }
    if (rest.signum() == 0) {
      return rest;
    }
    rest = rest.precision(wp);
    if (rest.compareTo(new Apfloat(2)) < 0) {
      return log1pPositive(rest, wp);
    }
    return logAt(one(wp).add(rest), wp); // log S > 1: rounding 1 + rest costs nothing
  }

  private static Apfloat sumExpShifted(Apfloat[] x, int imax, long wp) {
    return sum(expShifted(x, imax, wp), wp);
  }

  private static Apfloat sum(Apfloat[] v, long wp) {
    Apfloat s = new Apfloat(0);
    for (Apfloat e : v) {
      s = s.add(e);
    }
    return s.precision(wp);
  }

  /** Digits before the decimal point of |x| (0 for |x| < 1). */
  private static long magnitudeDigits(Apfloat x) {
    return x.signum() == 0 ? 0 : Math.max(0, x.scale());
  }

  /**
   * The same number labelled with precision {@code digits}: a value that is exact at its own
   * digits stays exact (Apfloat pads with zeros), so this is a relabelling, not a rounding, as
   * long as digits is at least the number's current precision.
   */
  static Apfloat exact(Apfloat x, long digits) {
    if (x.precision() == Apfloat.INFINITE || x.precision() < digits) {
      return x.precision(digits);
    }
    return x;
  }

  private static Apfloat one(long digits) {
    return new Apfloat(1, digits);
  }

  private static Apfloat abs(Apfloat x) {
    return x.signum() < 0 ? x.negate() : x;
  }

  private static final MathContext MC17 = new MathContext(17);

  /**
   * A double approximation of d (relative error ~1e-16). BigDecimal.doubleValue() of a long
   * decimal goes through a string; rounding to 17 digits first takes its fast path.
   */
  static double approx(BigDecimal d) {
    return d.precision() > 17 ? d.round(MC17).doubleValue() : d.doubleValue();
  }

  /** The exact value of the digits an Apfloat shows. */
  static BigDecimal decimal(Apfloat x) {
    return new BigDecimal(x.toString());
  }

  private static Apfloat decimalToApfloat(BigDecimal d, long digits) {
    return new Apfloat(d.toString(), Math.max(digits, d.precision()));
  }

  /** log10 |d| for d != 0 (about 1e-15 accurate, any exponent). */
  static double log10Abs(BigDecimal d) {
    double v = Math.abs(approx(d));
    if (v > 1e-300 && v < 1e300) {
      return Math.log10(v);
    }
    int digits = d.precision();
    String u = d.unscaledValue().abs().toString();
    double lead = Double.parseDouble(u.charAt(0) + "." + u.substring(1, Math.min(u.length(), 17)));
    return (double) digits - d.scale() - 1 + Math.log10(lead);
  }

  /** log10 |x| for x != 0 (accurate to about 1e-15 relative, any exponent). */
  static double log10Abs(Apfloat x) {
    long e = x.scale();
    Apfloat m = ApfloatMath.scale(x, -e);
    return e + Math.log10(Math.abs(m.doubleValue()));
  }
}
