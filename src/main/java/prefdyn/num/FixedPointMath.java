package prefdyn.num;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.checkerframework.checker.nullness.qual.Nullable;

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
final class FixedPointMath {
  private FixedPointMath() {}

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
    if (y == 0.0) {
      return BigInteger.ZERO;
    }
    // y = mant 2^exp exactly, mant a 53-bit integer
    int exp = Math.getExponent(y) - 52;
    long mant = (long) Math.scalb(Math.abs(y), -exp);
    BigInteger m = BigInteger.valueOf(y < 0 ? -mant : mant);
    int sh = f + exp;
    return sh >= 0 ? m.shiftLeft(sh) : m.shiftRight(-sh);
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
    long exp10 = shift - d;
    // the exponent goes into the text (cheaper than ApfloatMath.scale, which multiplies)
    return new Apfloat(exp10 == 0 ? text : text + "e" + exp10, Math.max(digits + 2, text.length()));
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
   * expm1(r) for r = R 2^-f with |r| <= 2: absolute error below 12.5 (N/4 + 2 + s) + 1 ulp,
   * where N <= 1000 is the number of series terms and s <= 400 the number of halvings (both
   * bounds hold up to 100,000 digits), i.e. below 2^13 ulp. Callers add 24 bits to the precision
   * they need.
   *
   * <p>Method: work with g = f + s fraction bits, where the shift s makes u = R 2^-(f+s) = r/2^s
   * satisfy |u| <= 2^-sigma; the division by 2^s is thus exact. Taylor series expm1(u) = u T,
   * T = sum_{j<N} u^j/(j+1)!, with N the first index whose term is below 2^-(g+2); the
   * truncation error is below 2 times the first omitted term (|u| <= 1/16, factorials), so
   * below 1 ulp_g. T is evaluated by rectangular splitting (Paterson-Stockmeyer / Smith): with m
   * ~ sqrt(N) and v = u^m, T = sum_b v^b c_{bm} I_b, where each I_b is a Horner scheme in the
   * stored powers u^0..u^{m-1} that only divides by word-sized integers, and the outer Horner
   * scheme in v costs one full multiplication per block. Every stored value lies in [-2, 2] and
   * each rounding (shift or word division) is < 1 ulp_g, with errors carried forward by factors
   * <= 1 (products with |u|^i <= 1, divisions by integers >= 2): T has absolute error below (4N +
   * 4) ulp_g, and e_0 = u T below (4N + 4)/16 + 1 ulp_g. Then s doublings e_{i+1} = e_i (e_i +
   * 2): an absolute error d in e_i becomes at most d (2|e_i| + 2 + d) + 1 ulp_g, and prod_i (2 +
   * 2|e_i|) <= 2^s e^{2|r|} < 12.5 2^s for |r| <= 1.26 (the reduced arguments of exp and log).
   * In ulp_f = 2^s ulp_g this is below 12.5 (N/4 + 2 + s), plus 1 for the final shift.
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
    BigInteger acc = DIVIDING_SERIES ? seriesBlocksDividing(pow, v, n, m, g) : seriesBlocks(pow, v, n, m, g);
    BigInteger e = u.multiply(acc).shiftRight(g);
    BigInteger two = one.shiftLeft(1);
    for (int i = 0; i < s; i++) {
      e = e.multiply(e.add(two)).shiftRight(g);
    }
    return e.shiftRight(s);
  }

  // ---------------------------------------------------------------------------------------------
  // exp at high precision: chunked argument reduction (proofs-notes/kernel.md, "exp by chunks")

  /** A fixed-point approximation V of v·2^g and a bound: |V - v·2^g| <= err. */
  record Approx(BigInteger value, long err) {}

  /** Bits per chunk of {@link #expChunked}'s reduction. */
  static final int CHUNK_BITS = 16;

  /** Error bound of {@link #expm1} in ulps for g <= 2^22 fraction bits, |r| <= 1.26 (see there). */
  static final long EXPM1_ULPS = 1L << 15;

  /** Chunk exponentials e^{p 2^-q} at g bits, keyed by (g, q, p); cleared when it holds about 16 MB. */
  private static final ConcurrentHashMap<Long, Approx> CHUNKS = new ConcurrentHashMap<>();

  private static final int CHUNK_CACHE_LIMIT = 1 << 14;

  /** About 16 MB of cached chunk values at most (fewer entries at high precision). */
  private static final int CHUNK_CACHE_BITS = 1 << 27;

  /** Reduction levels of {@link #expChunked} at g bits (tuned with the kernel benchmark). */
  static int chunkLevels(int g) {
    int forced = Integer.getInteger("prefdyn.chunkLevels", 0);
    if (forced > 0) {
      return forced;
    }
    return (int) Math.max(2, Math.min(10, Math.round(Math.sqrt(g) / 7.0)));
  }

  /**
   * e^r for r = R 2^-g with |r| < 1/2 (|R| < 2^(g-1)) and {@code levels} chunks, {@code g -
   * 16 levels >= 64}: V with |V - e^r 2^g| <= err.
   *
   * <p>Method (the table reduction of Arb's exp, with the table filled on demand): split R's bits
   * into chunks, r = c_1 + ... + c_L + u exactly, c_l = p_l 2^-(16 l) (p_1 = floor(r 2^16) in
   * [-2^15, 2^15), p_l in [0, 2^16) for l >= 2) and u in [0, 2^-16L). Then e^r = e^u prod e^{c_l}.
   * Each e^{c_l} is a Taylor series whose terms cost one word multiplication and one word division
   * ({@link #expSmall}, linear in g), cached, so an orbit that revisits its arguments (every
   * converging trajectory) pays one full product per level; e^u is {@link #expm1} at an argument
   * below 2^-16L, which needs no halvings and few terms. Error: see {@link #expSmall}, {@link
   * #expm1}, and the product rule in proofs-notes/kernel.md.
   */
  static Approx expChunked(BigInteger r, int g, int levels) {
    if (r.bitLength() >= g || g - CHUNK_BITS * levels < 64) {
      throw new IllegalArgumentException("expChunked: argument or precision out of range");
    }
    long[] p = new long[levels];
    BigInteger rem = r;
    for (int l = 1; l <= levels; l++) {
      int sh = g - CHUNK_BITS * l;
      BigInteger c = rem.shiftRight(sh); // floor: rem - c 2^sh in [0, 2^sh)
      p[l - 1] = c.longValue();
      if (c.signum() != 0) {
        rem = rem.subtract(c.shiftLeft(sh));
      }
    }
    // e^r = e^u · P, P = prod_l e^{c_l}: P comes from a cache keyed by all the chunks (a
    // converging orbit repeats them round after round), so a hit costs one product in place of L
    @Nullable Approx prefix = PREFIX_CACHE ? chunkProduct(p, g) : null;
    BigInteger one = BigInteger.ONE.shiftLeft(g);
    BigInteger eu = expm1(rem, g).add(one);
    if (prefix != null) {
      // e^u in [1, 1 + 2^-14], P <= e^{1/2} (1 + 2^-14) < 1.66: error <= 1.66 a + (1 + 2^-14) b + 1 + ab 2^-g
      long b = prefix.err();
      return new Approx(eu.multiply(prefix.value()).shiftRight(g), 2 * EXPM1_ULPS + b + (b >>> 13) + 3);
    }
    return multiplyChunks(eu, EXPM1_ULPS, p, g);
  }

  /**
   * {@code acc · prod_l e^{p_l 2^-16l}} at g bits, from the deepest level up, where acc
   * approximates a value in [1, 1 + 2^-14] with error {@code err} (kernel.md, "exp by chunks"
   * step 4): the value and its error bound.
   */
  private static Approx multiplyChunks(BigInteger acc0, long err0, long[] p, int g) {
    BigInteger acc = acc0;
    long err = err0;
    for (int l = p.length; l >= 1; l--) {
      if (p[l - 1] == 0) {
        continue;
      }
      Approx c = chunk(p[l - 1], CHUNK_BITS * l, g);
      acc = acc.multiply(c.value()).shiftRight(g);
      long ab = err + c.err();
      // true factors: the partial product e^{u + c_L + ... + c_{l+1}} and e^{c_l} lie in [1,
      // 1 + 2^-14] for l >= 2; at l = 1, e^{c_1} <= e^{1/2} < 1.65 (see kernel.md)
      err = l >= 2 ? ab + (ab >>> 13) + 3 : 2 * ab + 3;
    }
    return new Approx(acc, err);
  }

  /**
   * System property {@code prefdyn.chunkProducts=off} turns the cache of chunk products off (the
   * previous evaluation, for before/after measurements and as a second opinion in the tests).
   */
  static final boolean PREFIX_CACHE = !"off".equals(System.getProperty("prefdyn.chunkProducts"));

  /** The chunks of one argument at g bits: the key of {@link #PRODUCTS}. */
  private record Chunks(int g, long[] p) {
    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Chunks c && c.g == g && java.util.Arrays.equals(c.p, p);
    }

    @Override
    public int hashCode() {
      return 31 * g + java.util.Arrays.hashCode(p);
    }
  }

  /** Products of chunk exponentials by (g, chunks); cleared like {@link #CHUNKS}. */
  private static final ConcurrentHashMap<Chunks, Approx> PRODUCTS = new ConcurrentHashMap<>();

  /** {@code prod_l e^{p_l 2^-16l}} at g bits with its error bound (the product of step 4 started from 1, exact), cached. */
  static Approx chunkProduct(long[] p, int g) {
    Chunks key = new Chunks(g, p.clone());
    Approx a = PRODUCTS.get(key);
    if (a == null) {
      a = multiplyChunks(BigInteger.ONE.shiftLeft(g), 0, p, g);
      if (PRODUCTS.size() >= Math.min(CHUNK_CACHE_LIMIT, CHUNK_CACHE_BITS / g)) {
        PRODUCTS.clear();
      }
      PRODUCTS.put(key, a);
    }
    return a;
  }

  /** e^{p 2^-q} at g bits, cached. */
  private static Approx chunk(long p, int q, int g) {
    long key = ((long) g << 28) | ((long) q << 18) | (p + (1L << 17)); // p + 2^17 < 2^18, q < 2^10
    Approx a = CHUNKS.get(key);
    if (a == null) {
      a = expSmall(p, q, g);
      if (CHUNKS.size() >= Math.min(CHUNK_CACHE_LIMIT, CHUNK_CACHE_BITS / g)) {
        CHUNKS.clear();
      }
      CHUNKS.put(key, a);
    }
    return a;
  }

  /**
   * e^x for x = p 2^-q, |x| <= 1/2, p a word: the Taylor series with t_0 = 2^g, t_k =
   * trunc(floor(t_{k-1} p 2^-q) / k), summed until a term is 0. With T_k = 2^g x^k/k! and d_k =
   * |t_k - T_k|: d_k <= (|x| d_{k-1} + 1)/k + 1 <= d_{k-1}/2 + 2, d_0 = 0, so d_k <= 4; the
   * first zero term t_K has |T_K| <= 4 and the omitted tail is below 2 |T_K| <= 8 (ratio
   * |x|/(k+1) <= 1/2). Error below 4 n + 8 ulp for the n terms added.
   */
  static Approx expSmall(long p, int q, int g) {
    if (Math.abs(p) >= (1L << 31) || (q < 33 && Math.abs(p) > (1L << (q - 1)))) {
      throw new IllegalArgumentException("expSmall: |x| > 1/2: " + p + " 2^-" + q);
    }
    BigInteger t = BigInteger.ONE.shiftLeft(g);
    BigInteger sum = t;
    BigInteger bp = BigInteger.valueOf(p);
    long n = 0;
    for (long k = 1; ; k++) {
      t = t.multiply(bp).shiftRight(q).divide(BigInteger.valueOf(k));
      if (t.signum() == 0) {
        break;
      }
      sum = sum.add(t);
      n++;
    }
    return new Approx(sum, 4 * n + 8);
  }

  /**
   * System property {@code prefdyn.expSeries=dividing} selects the previous series evaluation (one
   * word division per term), for before/after measurements in the benchmark; both are proved.
   */
  static final boolean DIVIDING_SERIES = "dividing".equals(System.getProperty("prefdyn.expSeries"));

  /** Deferred denominators of {@link #seriesBlocks} stay below this (one-word multipliers). */
  static final long DEFERRED_LIMIT = 1L << 31;

  /**
   * T = sum_{j<n} u^j/(j+1)! at g bits from pow[i] = u^i (i <= m-1, pow[0] = 2^g) and v = u^m, by
   * rectangular splitting with deferred denominators (proofs-notes/kernel.md, "series with
   * integer weights"). One Horner chain over j = n-1 .. 0, h_j = pow[j mod m] + h_{j+1}/(j+2),
   * with h multiplied by v when it enters a lower block. h is held as S/d with a word d: the step
   * h <- pow[i] + h/q becomes S <- S + pow[i] (d q), d <- d q (a word multiplication, no division);
   * only when d q would reach {@link #DEFERRED_LIMIT} is S divided by d (one word division per
   * ~31/log2(q) terms instead of one per term). Error below 2n + 4 ulp_g (kernel.md).
   */
  static BigInteger seriesBlocks(BigInteger[] pow, BigInteger v, int n, int m, int g) {
    return seriesBlocks(pow, v, n, m, g, 2);
  }

  /**
   * {@link #seriesBlocks} with the term j divided by {@code j + shift} on entering the chain:
   * {@code shift} 2 is (e^u - 1)/u; the tests pass 1 (e^u's own series, a plausible slip) to
   * show that the containment check rejects it, on this very loop rather than a copy.
   */
  static BigInteger seriesBlocks(BigInteger[] pow, BigInteger v, int n, int m, int g, int shift) {
    int blocks = (n + m - 1) / m;
    BigInteger s = BigInteger.ZERO; // set by the first (top) block
    long d = 1;
    for (int b = blocks - 1; b >= 0; b--) {
      int base = b * m;
      int i;
      if (b == blocks - 1) {
        int top = Math.min(m - 1, n - 1 - base);
        s = pow[top];
        i = top - 1;
      } else {
        s = s.multiply(v).shiftRight(g); // value (S/d) v, floor: < 1/d ulp
        i = m - 1;
      }
      for (; i >= 0; i--) {
        long q = base + i + (long) shift;
        if (d > DEFERRED_LIMIT / q) {
          s = s.divide(BigInteger.valueOf(d)); // < 1 ulp
          d = 1;
        }
        d *= q;
        s = s.add(pow[i].multiply(BigInteger.valueOf(d)));
      }
    }
    return d == 1 ? s : s.divide(BigInteger.valueOf(d));
  }

  /**
   * The previous evaluation of {@link #seriesBlocks} (one word division per term), kept as the
   * benchmark's "before" and as a second opinion in the tests. Error below 4n + 4 ulp_g.
   */
  static BigInteger seriesBlocksDividing(BigInteger[] pow, BigInteger v, int n, int m, int g) {
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
    return acc;
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
