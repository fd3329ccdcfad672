package prefdyn.num;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.apfloat.Apint;
import org.junit.jupiter.api.Test;

/**
 * The chunked exp of {@link FixedPointMath}: its stated error bound holds against ApfloatMath at
 * more digits than the fixed point resolves, and a plausible bug (a chunk exponential computed at
 * another precision, as a cache keyed without the precision would return) breaks the bound.
 */
class FixedPointMathTest {
  /** e^{R 2^-g} 2^g to well below one ulp (ApfloatMath at g·log10(2) + 30 digits). */
  static Apfloat reference(BigInteger r, int g) {
    long h = (long) Math.ceil(g * 0.30103) + 30;
    Apfloat two = new Apint(BigInteger.ONE.shiftLeft(g));
    Apfloat x = new Apint(r).precision(h).divide(two.precision(h));
    return ApfloatMath.exp(x).multiply(two);
  }

  /** |v - ref| <= err (ulps). */
  static boolean within(BigInteger v, long err, Apfloat ref) {
    Apfloat d = ApfloatMath.abs(new Apint(v).subtract(ref));
    return d.compareTo(new Apint(err)) <= 0;
  }

  @Test
  void chunkedExpStaysWithinItsBound() {
    Random rnd = new Random(11);
    for (int i = 0; i < 14; i++) {
      int g = 400 + rnd.nextInt(4300);
      int levels = 2 + rnd.nextInt(7);
      // |r| < 1/2, including the extremes of the first chunk and arguments with zero chunks
      BigInteger r = new BigInteger(g - 1 - rnd.nextInt(3 * 16 + 1), rnd);
      if (i % 5 == 0) {
        r = BigInteger.ONE.shiftLeft(g - 1).subtract(BigInteger.ONE);
      }
      if (i % 7 == 0) {
        r = r.shiftRight(g / 2).shiftLeft(g / 2); // low chunks and u zero
      }
      if (rnd.nextBoolean()) {
        r = r.negate();
      }
      FixedPointMath.Approx a = FixedPointMath.expChunked(r, g, levels);
      assertTrue(within(a.value(), a.err(), reference(r, g)), "g=" + g + " levels=" + levels + " r=" + r);
      assertTrue(a.err() < (1L << 17), "error bound stays small: " + a.err());
    }
  }

  @Test
  void chunkProductsFromTheCacheStayWithinTheBound() {
    // arguments that share every chunk and differ below them: the second and later calls take the
    // product of the chunk exponentials from the cache (as a converging orbit does)
    Random rnd = new Random(12);
    int g = 3414;
    int levels = FixedPointMath.chunkLevels(g);
    BigInteger top = new BigInteger(g - 2, rnd).shiftRight(g - 16 * levels).shiftLeft(g - 16 * levels);
    for (int i = 0; i < 4; i++) {
      BigInteger r = top.add(new BigInteger(g - 16 * levels - i, rnd));
      FixedPointMath.Approx a = FixedPointMath.expChunked(r, g, levels);
      assertTrue(within(a.value(), a.err(), reference(r, g)), "i=" + i);
    }
  }

  @Test
  void aProductKeyedWithoutTheLastChunkBreaksTheBound() {
    // the bug a cache keyed on all chunks but the deepest would have: its product used for an
    // argument whose deepest chunk differs by one
    int g = 3414;
    int levels = 4;
    long[] p = {12345, 6789, 1011, 1213};
    long[] q = {12345, 6789, 1011, 1214};
    BigInteger r = BigInteger.ZERO;
    for (int l = 1; l <= levels; l++) {
      r = r.add(BigInteger.valueOf(q[l - 1]).shiftLeft(g - 16 * l));
    }
    BigInteger u = BigInteger.valueOf(77).shiftLeft(g - 16 * levels - 20);
    r = r.add(u);
    FixedPointMath.Approx stale = FixedPointMath.chunkProduct(p, g);
    BigInteger eu = FixedPointMath.expm1(u, g).add(BigInteger.ONE.shiftLeft(g));
    BigInteger wrong = eu.multiply(stale.value()).shiftRight(g);
    long bound = 2 * FixedPointMath.EXPM1_ULPS + stale.err() + (stale.err() >>> 13) + 3;
    assertFalse(within(wrong, bound, reference(r, g)), "the containment check must reject a product of other chunks");
    FixedPointMath.Approx right = FixedPointMath.expChunked(r, g, levels);
    assertTrue(within(right.value(), right.err(), reference(r, g)));
  }

  @Test
  void chunkSeriesStaysWithinItsBound() {
    int g = 3400;
    long[][] cases = {{-(1L << 15), 16}, {(1L << 15), 16}, {12345, 16}, {65535, 32}, {-1, 16}, {1, 128}, {40000, 48}};
    for (long[] c : cases) {
      FixedPointMath.Approx a = FixedPointMath.expSmall(c[0], (int) c[1], g);
      BigInteger r = BigInteger.valueOf(c[0]).shiftLeft(g - (int) c[1]);
      assertTrue(within(a.value(), a.err(), reference(r, g)), "p=" + c[0] + " q=" + c[1]);
    }
    assertThrows(IllegalArgumentException.class, () -> FixedPointMath.expSmall((1L << 15) + 1, 16, g));
  }

  @Test
  void aChunkFromAnotherPrecisionBreaksTheBound() {
    // the bug a cache keyed without the precision would have: e^{c} from 800 bits used at 3400
    int g = 3400;
    FixedPointMath.Approx low = FixedPointMath.expSmall(20000, 16, 800);
    BigInteger wrong = low.value().shiftLeft(g - 800);
    BigInteger r = BigInteger.valueOf(20000).shiftLeft(g - 16);
    assertFalse(within(wrong, low.err() << (g - 800 > 62 ? 62 : g - 800), reference(r, g)),
        "the containment check must reject a chunk at the wrong precision");
    FixedPointMath.Approx right = FixedPointMath.expSmall(20000, 16, g);
    assertTrue(within(right.value(), right.err(), reference(r, g)));
  }

  @Test
  void ballExpUsesTheChunkedPathAboveTheThresholdAndAgrees() {
    int prec = 3000;
    Ball x = Ball.of(Rationals.of(-17, 7), prec);
    int saved = Ball.CHUNKED_EXP_BITS;
    try {
      Ball.CHUNKED_EXP_BITS = Integer.MAX_VALUE;
      Ball old = x.exp(prec);
      Ball.CHUNKED_EXP_BITS = 0;
      Ball chunked = x.exp(prec);
      assertTrue(old.overlaps(chunked));
      Apfloat xa = new Apfloat(-17, 1000).divide(new Apfloat(7, 1000));
      Ball truth = Ball.of(ApfloatMath.exp(xa), 3300).inflate(Ball.ONE.mulPow2(-3250));
      assertTrue(chunked.contains(truth), chunked + " vs " + truth);
      Ball.CHUNKED_EXP_BITS = 0;
      Ball dyadic = Ball.exact(-155).mulPow2(-6).exp(prec); // an exact argument: radius ~ 1/2 ulp
      BallTest.assertTight("chunked exp", dyadic, prec, 1);
    } finally {
      Ball.CHUNKED_EXP_BITS = saved;
    }
  }

  /** (e^u - 1)/u 2^g for u = U 2^-g, to well below one ulp. */
  static Apfloat seriesReference(BigInteger u, int g) {
    long h = (long) Math.ceil(g * 0.30103) + 30;
    Apfloat two = new Apint(BigInteger.ONE.shiftLeft(g));
    Apfloat x = new Apint(u).precision(h).divide(two.precision(h));
    return ApfloatMath.exp(x).subtract(new Apint(1)).divide(x).multiply(two);
  }

  /** The powers u^0..u^m at g bits and the term count N as {@link FixedPointMath#expm1} takes them. */
  static BigInteger[] powers(BigInteger u, int g, int m) {
    BigInteger[] pow = new BigInteger[m + 1];
    pow[0] = BigInteger.ONE.shiftLeft(g);
    pow[1] = u;
    for (int i = 2; i <= m; i++) {
      pow[i] = pow[i - 1].multiply(u).shiftRight(g);
    }
    return pow;
  }

  static int terms(BigInteger u, int g) {
    double lu = u.abs().bitLength() - g;
    int n = 1;
    double lt = 0;
    while (true) {
      lt += lu - Math.log(n + 1.0) / Math.log(2);
      if (lt < -(g + 2)) {
        return n;
      }
      n++;
    }
  }

  @Test
  void seriesWithDeferredDenominatorsStaysWithinItsBound() {
    Random rnd = new Random(1111);
    for (int c = 0; c < 24; c++) {
      int g = 200 + rnd.nextInt(4000);
      // |u| <= 2^-4 (the halving path) down to 2^-160 (the chunked path at 10 levels)
      int small = 4 + rnd.nextInt(157);
      BigInteger u = new BigInteger(g - small, rnd);
      if (c % 6 == 0) {
        u = BigInteger.ONE.shiftLeft(g - small).subtract(BigInteger.ONE); // largest |u|
      }
      if (c % 2 == 1) {
        u = u.negate();
      }
      int n = terms(u, g);
      int m = c % 3 == 0 ? 1 + rnd.nextInt(12) : Math.max(1, (int) Math.round(Math.sqrt(n)));
      BigInteger[] pow = powers(u, g, m);
      Apfloat ref = seriesReference(u, g);
      BigInteger t = FixedPointMath.seriesBlocks(pow, pow[m], n, m, g);
      assertTrue(within(t, 2L * n + 4, ref), "g=" + g + " |u|<2^-" + small + " n=" + n + " m=" + m);
      BigInteger old = FixedPointMath.seriesBlocksDividing(pow, pow[m], n, m, g);
      assertTrue(within(old, 4L * n + 4, ref), "previous evaluation, g=" + g + " n=" + n + " m=" + m);
    }
  }

  @Test
  void aSeriesWithAnOffByOneWeightIsRejected() {
    int g = 3400;
    BigInteger u = BigInteger.ONE.shiftLeft(g - 128).subtract(BigInteger.valueOf(12345));
    int n = terms(u, g);
    int m = (int) Math.round(Math.sqrt(n));
    BigInteger[] pow = powers(u, g, m);
    Apfloat ref = seriesReference(u, g);
    // a plausible slip: the weight of a term uses q = j + 1 instead of j + 2 (e^u's series)
    assertFalse(within(FixedPointMath.seriesBlocks(pow, pow[m], n, m, g, 1), 2L * n + 4, ref),
        "the containment check must reject the off-by-one weights");
    BigInteger t = FixedPointMath.seriesBlocks(pow, pow[m], n, m, g);
    assertTrue(within(t, 2L * n + 4, ref));
  }
}
