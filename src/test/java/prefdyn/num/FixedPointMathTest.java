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
}
