package prefdyn.num;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.function.LongFunction;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.apfloat.Apint;
import org.apfloat.Aprational;
import org.junit.jupiter.api.Test;

/** Unit checks of {@link Ball}: exact conversions, arithmetic, functions, predicates, formatting. */
class BallTest {
  static final int P = 200; // bits

  static Aprational q(long n, long d) {
    return Rationals.of(n, d);
  }

  static Ball b(long n, long d) {
    return Ball.of(q(n, d), P);
  }

  static Ball b(String decimal) {
    return Ball.of(new Apfloat(decimal), P);
  }

  /**
   * The reference value, computed at ~3x the ball's digits, with its own error bound (relative
   * 10^-(digits - 5)) as a ball: the ball must contain this whole reference ball.
   */
  static Ball ref(LongFunction<Apfloat> f, long digits) {
    Apfloat v = f.apply(digits);
    Ball c = Ball.of(v, (int) (digits * 3.33) + 10);
    if (v.signum() == 0) {
      return c;
    }
    Apfloat eps = ApfloatMath.abs(v).multiply(ApfloatMath.scale(new Apfloat(1, 10), -(digits - 5)));
    return c.inflate(Ball.of(eps, 64));
  }

  static void assertEncloses(String what, Ball ball, Ball reference) {
    assertTrue(ball.isFinite(), what + ": finite");
    assertTrue(ball.contains(reference), what + ": " + ball + " does not contain " + reference);
  }

  /**
   * The ball contains the reference computed by f at enough digits to resolve the ball's radius
   * (3x the working digits, more when the ball is tighter than that relative to its midpoint).
   */
  static void assertEncloses(String what, Ball ball, LongFunction<Apfloat> f, long digits) {
    assertTrue(ball.isFinite(), what + ": finite");
    double rel = ball.radUpper() / Math.abs(ball.midDouble());
    long need = rel > 0 ? (long) Math.ceil(-Math.log10(rel)) + 20 : digits;
    assertEncloses(what, ball, ref(f, Math.max(digits, need)));
  }

  /** radius <= 2^(c - prec) |mid|. */
  static void assertTight(String what, Ball ball, int prec, int c) {
    Mag bound = Mag.mulPow2(Mag.down(ball.mantissa(), ball.exponent()), c - prec);
    assertTrue(ball.radMag().compareTo(bound) <= 0, what + ": radius of " + ball + " above 2^" + c + " ulp");
  }

  @Test
  void exactConversions() {
    assertTrue(b(3, 4).isExact());
    assertEquals(q(3, 4), b(3, 4).midExact());
    assertTrue(b("0.375").isExact());
    assertTrue(b("12345e10").isExact());
    Ball third = b(1, 3);
    assertFalse(third.isExact());
    assertTrue(third.contains(q(1, 3)));
    assertTight("1/3", third, P, 0);
    Ball tenth = b("0.1");
    assertTrue(tenth.contains(q(1, 10)));
    assertFalse(tenth.contains(q(1000001, 10000000)));
    Ball big = Ball.of(new Apfloat("-1.5e-5000"), P);
    assertTrue(big.contains(Rationals.of(BigInteger.valueOf(-15), BigInteger.TEN.pow(5001))));
    assertEquals(Ball.exact(7).midExact(), Rationals.of(7));
    assertEquals(q(-5, 8), Ball.exact(BigInteger.valueOf(-5)).mulPow2(-3).midExact());
  }

  @Test
  void arithmeticIsExactOnDyadicsAndContainsRationals() {
    Ball a = b(3, 8);
    Ball c = b(-5, 16);
    assertEquals(q(1, 16), a.add(c, P).midExact());
    assertEquals(q(11, 16), a.sub(c, P).midExact());
    assertEquals(q(-15, 128), a.mul(c, P).midExact());
    assertTrue(a.add(c, P).isExact());
    Ball x = b(1, 3);
    Ball y = b(2, 7);
    assertTrue(x.add(y, P).contains(q(13, 21)));
    assertTrue(x.sub(y, P).contains(q(1, 21)));
    assertTrue(x.mul(y, P).contains(q(2, 21)));
    assertTrue(x.div(y, P).contains(q(7, 6)));
    assertTrue(y.inv(P).contains(q(7, 2)));
    assertTight("x/y", x.div(y, P), P, 2);
    assertTrue(b(4, 9).sqrt(P).contains(q(2, 3)));
    assertTrue(b(9, 4).sqrt(P).isExact());
    assertEquals(q(3, 2), b(9, 4).sqrt(P).midExact());
    assertEquals(q(-21, 1), b(3, 1).mul(-7).midExact());
    assertTrue(Ball.sum(new Ball[] {x, y, b(1, 1)}, P).contains(q(34, 21)));
    assertTrue(Ball.dot(new Ball[] {x, y}, new Ball[] {y, x}, P).contains(q(4, 21)));
    // rounding to few bits: error goes into the radius
    Ball r = b(1, 3).mul(b(1, 3), 8);
    assertTrue(r.contains(q(1, 9)));
    assertTight("8-bit product", r, 8, 1);
  }

  @Test
  void radiiPropagate() {
    Ball x = b(1, 1).inflate(q(1, 100)); // [0.99, 1.01]
    Ball y = x.mul(x, P);
    assertTrue(y.contains(q(9801, 10000)) && y.contains(q(10201, 10000)));
    Ball z = Ball.ONE.div(x, P);
    assertTrue(z.contains(q(100, 99)) && z.contains(q(100, 101)));
    Ball w = x.sqrt(P);
    assertTrue(w.contains(Ball.of(q(99, 100), P).sqrt(P)) && w.contains(Ball.of(q(101, 100), P).sqrt(P)));
    Ball ex = x.exp(P);
    assertTrue(ex.contains(Ball.of(q(99, 100), P).exp(P)) && ex.contains(Ball.of(q(101, 100), P).exp(P)));
    Ball lg = x.log(P);
    assertTrue(lg.contains(Ball.of(q(99, 100), P).log(P)) && lg.contains(Ball.of(q(101, 100), P).log(P)));
  }

  @Test
  void outOfDomainIsNonFinite() {
    Ball around0 = Ball.ZERO.inflate(q(1, 10));
    assertFalse(Ball.ONE.div(around0, P).isFinite());
    assertFalse(around0.log(P).isFinite());
    assertFalse(b(-1, 2).log(P).isFinite());
    assertFalse(b(-1, 1).log1p(P).isFinite());
    assertFalse(b(-1, 4).sqrt(P).isFinite());
    assertFalse(Ball.exact(1L << 41).exp(P).isFinite());
    assertFalse(Ball.whole().add(Ball.ONE, P).isFinite());
    assertNull(Ball.whole().lo());
    assertNull(Ball.whole().hi());
    assertTrue(Ball.whole().containsZero());
    assertTrue(Ball.whole().contains(q(5, 1)));
    Ball s = Ball.whole().sigmoid(P);
    assertTrue(s.isFinite() && s.contains(q(0, 1)) && s.contains(q(1, 1)));
  }

  @Test
  void predicatesAndEnds() {
    Ball x = b(1, 2).inflate(q(1, 2)); // [0, 1]
    assertFalse(x.isPositive());
    assertTrue(x.isNonNegative());
    assertTrue(x.containsZero());
    assertEquals(q(0, 1), x.lo());
    assertEquals(q(1, 1), x.hi());
    Ball y = b(-3, 4).inflate(q(1, 4)); // [-1, -1/2]
    assertTrue(y.isNegative() && y.isNonPositive() && !y.containsZero());
    assertTrue(Ball.hull(x, y).contains(q(-1, 1)) && Ball.hull(x, y).contains(q(1, 1)));
    assertEquals(q(-1, 1), Ball.min(x, y).lo());
    assertEquals(q(1, 1), Ball.max(x, y).hi());
    assertTrue(x.overlaps(b(1, 1)));
    assertFalse(x.overlaps(b(3, 2)));
    assertTrue(b(-3, 1).abs().isPositive());
    Ball a = y.inflate(q(1, 1)).abs(); // [0, 2]
    assertEquals(q(0, 1), a.lo());
    assertNotNull(a.hi());
  }

  @Test
  void formatPrintsOnlyCertifiedDigits() {
    Ball third = b(1, 3);
    String s = third.format(20);
    assertEquals("0.33333333333333333333", s);
    Ball wide = b(1, 3).inflate(q(1, 1000)); // [0.3323, 0.3343]
    assertEquals("0.33", wide.format(20));
    assertEquals(2, wide.certifiedDigits());
    assertEquals("0.75", b(3, 4).format(10));
    assertEquals("0", Ball.ZERO.format(10));
    assertEquals("0e0", Ball.ZERO.inflate(q(1, 2)).format(10));
    assertEquals("1.23e6", Ball.exact(1234567).inflate(q(1000, 1)).format(10));
    assertEquals("0.3323", wide.lowerDecimal(4));
    assertEquals("0.3344", wide.upperDecimal(4));
    assertEquals("-inf", Ball.whole().lowerDecimal(4));
    assertEquals("1e-5000", Ball.of(new Apfloat("1e-5000"), 100).format(5).replace("1.0000", "1"));
  }

  @Test
  void formatIsNeverWrongNearRoundingBoundaries() {
    // 0.1999999... with radius 1e-12: must not print 0.2000000000000 style digits it cannot certify
    Ball x = Ball.of(q(1999999999999L, 10000000000000L), P).inflate(q(1, 1000000000000L));
    String s = x.format(30);
    Apfloat printed = new Apfloat(s);
    Aprational lo = x.lo();
    Aprational hi = x.hi();
    assertNotNull(lo);
    assertNotNull(hi);
    // |true - printed| < unit of last place, for both ends
    int decimals = s.contains(".") ? s.length() - s.indexOf('.') - 1 : 0;
    Apfloat unit = ApfloatMath.scale(new Apfloat(1, 50), -decimals);
    assertTrue(ApfloatMath.abs(lo.subtract(printed)).compareTo(unit) < 0, s);
    assertTrue(ApfloatMath.abs(hi.subtract(printed)).compareTo(unit) < 0, s);
  }

  @Test
  void elementaryFunctionsEncloseTheTruth() {
    long dg = 3 * (long) (P * 0.30103) + 20;
    String[] args = {"0.5", "-7.25", "1e-40", "-3e-300", "123.456", "-700.5", "0.69314718", "1", "-1e-3"};
    for (String a : args) {
      Ball x = b(a);
      Apfloat xa = new Apfloat(a, Apfloat.INFINITE);
      // inexact inputs (radius 2^-P relative) are amplified by the condition number |x|
      int cond = 64 - Long.numberOfLeadingZeros((long) Math.abs(xa.doubleValue()) + 1);
      Ball exp = x.exp(P);
      assertEncloses("exp " + a, exp, h -> ApfloatMath.exp(xa.precision(h + 10)), dg);
      assertTight("exp " + a, exp, P, 2 + cond);
      Ball em1 = x.expm1(P);
      long extra = Math.max(0, -xa.scale());
      assertEncloses("expm1 " + a, em1,
          h -> ApfloatMath.exp(xa.precision(h + extra + 10)).subtract(new Apfloat(1)), dg);
      assertTight("expm1 " + a, em1, P, 3 + cond);
      Ball sig = x.sigmoid(P);
      assertEncloses("sigmoid " + a, sig,
          h -> new Apfloat(1, h + 10).divide(new Apfloat(1, h + 10).add(ApfloatMath.exp(xa.negate().precision(h + 10)))), dg);
      assertTight("sigmoid " + a, sig, P, 3 + cond);
      Ball ls = x.logSigmoid(P);
      assertTrue(ls.contains(sig.log(P)) || ls.overlaps(sig.log(P)), "logSigmoid " + a);
      if (xa.signum() > 0) {
        Ball lg = x.log(P);
        Apfloat dist = xa.subtract(new Apfloat(1));
        if (dist.signum() != 0) {
          assertEncloses("log " + a, lg, h -> ApfloatMath.log(xa.precision(h + 10)), dg);
          assertTight("log " + a, lg, P, 3);
        } else {
          assertTrue(lg.isExact() && lg.midExact().signum() == 0);
        }
      }
      if (xa.compareTo(new Apfloat(-1)) > 0) {
        Ball l1 = x.log1p(P);
        assertEncloses("log1p " + a, l1,
            h -> ApfloatMath.log(xa.precision(h + extra + 10).add(new Apfloat(1))), dg);
        assertTight("log1p " + a, l1, P, 3);
      }
    }
  }

  @Test
  void logNearOneAndHugeExponents() {
    long dg = 3 * (long) (P * 0.30103) + 20;
    // an exact dyadic near 1: 1 + 2^-100 + 2^-150
    Ball x = Ball.ONE.add(Ball.ONE.mulPow2(-100), P).add(Ball.ONE.mulPow2(-150), P);
    assertTrue(x.isExact());
    Apfloat nearOne = x.midExact();
    Ball lg = x.log(P);
    assertEncloses("log near 1", lg, h -> ApfloatMath.log(nearOne.precision(h + 40)), dg);
    assertTight("log near 1", lg, P, 3);
    Ball l1 = Ball.ONE.mulPow2(-100).add(Ball.ONE.mulPow2(-150), P).log1p(P);
    assertTrue(l1.contains(lg));
    assertTight("log1p 2^-100", l1, P, 3);
    // an inexact input near 1: the radius is the input's, propagated (conditioning), not more
    Ball y = Ball.of(new Apfloat("1.000000000000000000000000000001"), P);
    Ball ly = y.log(P);
    assertTrue(ly.radUpper() <= 1.01 * y.radUpper() + Math.scalb(1e-30, 3 - P));
    Apfloat tiny = new Apfloat("3e-5000", Apfloat.INFINITE);
    Ball lt = Ball.of(tiny, P).log(P);
    assertEncloses("log 3e-5000", lt, h -> ApfloatMath.log(tiny.precision(h + 10)), dg);
    Ball e6 = Ball.exact(-1_000_000).exp(P);
    assertTight("exp -1e6", e6, P, 2);
    // compared after the exact scaling by 2^1442695 with exp(-10^6 + 1442695 ln 2)
    assertEncloses("exp -1e6", e6.mulPow2(1_442_695), h -> ApfloatMath.exp(new Apfloat(-1_000_000, h + 20)
        .add(new Apint(1_442_695).multiply(ApfloatMath.log(new Apfloat(2, h + 20))))), dg);
  }

  @Test
  void logitFunctions() {
    long dg = 3 * (long) (P * 0.30103) + 20;
    String[] xs = {"0.3", "-1.25", "2", "0.7"};
    Ball[] x = new Ball[xs.length];
    Apfloat[] xa = new Apfloat[xs.length];
    for (int i = 0; i < xs.length; i++) {
      x[i] = b(xs[i]);
      xa[i] = new Apfloat(xs[i], Apfloat.INFINITE);
    }
    LongFunction<Apfloat> lse = h -> {
      Apfloat s = new Apfloat(0, h);
      for (Apfloat v : xa) {
        s = s.add(ApfloatMath.exp(v.precision(h + 10)));
      }
      return ApfloatMath.log(s);
    };
    Ball l = Ball.logSumExp(x, P);
    assertEncloses("lse", l, lse, dg);
    assertTight("lse", l, P, 3);
    Ball[] sm = Ball.softmax(x, P);
    for (int i = 0; i < xs.length; i++) {
      int ii = i;
      assertEncloses("softmax " + i, sm[i], h -> ApfloatMath.exp(xa[ii].precision(h + 10).subtract(lse.apply(h + 10))), dg);
      assertTight("softmax " + i, sm[i], P, 4);
    }
    LongFunction<Apfloat> ent = h -> {
      Apfloat lh = lse.apply(h + 10);
      Apfloat s = new Apfloat(0, h);
      for (Apfloat v : xa) {
        Apfloat lp = v.precision(h + 10).subtract(lh);
        s = s.subtract(ApfloatMath.exp(lp).multiply(lp));
      }
      return s;
    };
    Ball h = Ball.entropyOfLogits(x, P);
    assertEncloses("entropy", h, ent, dg);
    assertTight("entropy", h, P, 4);
    // KL(p || p) = 0 is contained; KL of a shifted copy too
    Ball[] y = new Ball[xs.length];
    for (int i = 0; i < xs.length; i++) {
      y[i] = x[i].add(Ball.exact(3), P);
    }
    assertTrue(Ball.klOfLogits(x, y, P).contains(q(0, 1)));
    // input radii widen the results so that every point is covered
    Ball[] wide = new Ball[xs.length];
    for (int i = 0; i < xs.length; i++) {
      wide[i] = x[i].inflate(q(1, 1000));
    }
    Ball[] shifted = x.clone();
    shifted[1] = x[1].add(b(1, 1000), P);
    assertTrue(Ball.logSumExp(wide, P).contains(Ball.logSumExp(shifted, P)));
    assertTrue(Ball.entropyOfLogits(wide, P).contains(Ball.entropyOfLogits(shifted, P)));
    assertTrue(Ball.softmax(wide, P)[1].contains(Ball.softmax(shifted, P)[1]));
    assertTrue(Ball.klOfLogits(wide, x, P).contains(Ball.klOfLogits(shifted, x, P)));
  }

  @Test
  void aWrongValueIsDetected() {
    long dg = 3 * (long) (P * 0.30103) + 20;
    // e^(1/2) computed as e^(1/2 + 2^-150): the containment check must reject it
    Ball shifted = b(1, 2).add(Ball.ONE.mulPow2(-150), P).exp(P);
    Ball truth = ref(h -> ApfloatMath.exp(new Apfloat("0.5", h + 10)), dg);
    assertFalse(shifted.contains(truth));
    // a radius forgotten: midpoint of 1/3 with radius 0 does not contain 1/3
    Ball third = b(1, 3);
    Ball forgotten = Ball.of(third.midExact(), P);
    assertTrue(forgotten.isExact());
    assertFalse(forgotten.contains(q(1, 3)));
  }

  @Test
  void badPrecisionIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> Ball.ONE.add(Ball.ONE, 1));
  }

  /** Whether radius <= |midpoint| 2^-bits, decided exactly. */
  private static boolean relativeRadiusAtMost(Ball x, int bits) {
    Aprational mid = x.midExact();
    Aprational absMid = mid.signum() < 0 ? mid.negate() : mid;
    return x.radExact().compareTo(absMid.multiply(Rationals.of(BigInteger.ONE, BigInteger.ONE.shiftLeft(bits)))) <= 0;
  }

  /** 1/(m 2^e) as an exact rational. */
  private static Aprational exactInverse(BigInteger m, long e) {
    return e <= 0 ? Rationals.of(BigInteger.ONE.shiftLeft((int) -e), m)
        : Rationals.of(BigInteger.ONE, m.shiftLeft((int) e));
  }

  /**
   * The Newton reciprocal ({@link Ball#inv} from {@link Ball#NEWTON_INV_BITS} bits) contains the
   * exact inverse of its midpoint and of both ends of a ball, and is as tight as the long division
   * (radius at most 2^-(prec-1) relative); a bound that trusts the iteration (no residual term)
   * is caught as soon as the iteration falls short, while the residual keeps even a seed-only
   * iteration correct, only loose.
   */
  @Test
  void newtonReciprocalEnclosesTheExactInverse() {
    java.util.Random rnd = new java.util.Random(20261130L);
    int[] precs = {Ball.NEWTON_INV_BITS, 2500, 3374, 4000};
    for (int trial = 0; trial < 40; trial++) {
      int prec = precs[trial % precs.length];
      BigInteger m = new BigInteger(prec + rnd.nextInt(64) - 32, rnd).setBit(prec / 2).add(BigInteger.ONE);
      if (rnd.nextBoolean()) {
        m = m.negate();
      }
      long e = rnd.nextInt(200) - 100 - prec;
      Ball x = Ball.dyadic(m, e);
      Ball inv = x.inv(prec);
      Aprational truth = exactInverse(m, e);
      assertTrue(inv.contains(truth), "1/x for trial " + trial);
      Ball longDivision = Ball.ONE.div(x, prec);
      assertTrue(longDivision.contains(truth));
      assertTrue(relativeRadiusAtMost(inv, prec - 1), "tight at " + prec + " bits, trial " + trial);
      // a ball m 2^e ± 2^(e+20): the inverses of both exact ends lie inside
      Ball wideInv = x.inflate(Ball.dyadic(BigInteger.ONE, e + 20)).inv(prec);
      BigInteger step = BigInteger.ONE.shiftLeft(20);
      assertTrue(wideInv.contains(exactInverse(m.add(step), e)), "upper end, trial " + trial);
      assertTrue(wideInv.contains(exactInverse(m.subtract(step), e)), "lower end, trial " + trial);
    }
    // the plausible slip: trust the iteration, drop the residual. With every step it happens to be
    // covered by the rounding; with the iteration cut short it is not, and containment says so.
    Ball x = Ball.dyadic(BigInteger.ONE.shiftLeft(3000).add(BigInteger.valueOf(12345)).multiply(BigInteger.valueOf(3)), -3001);
    Aprational truth = exactInverse(BigInteger.ONE.shiftLeft(3000).add(BigInteger.valueOf(12345)).multiply(BigInteger.valueOf(3)), -3001);
    assertTrue(x.invNewton(3000, 2, true).contains(truth), "the residual keeps a short iteration correct");
    assertFalse(relativeRadiusAtMost(x.invNewton(3000, 2, true), 500), "... but loose");
    assertFalse(x.invNewton(3000, 2, false).contains(truth), "a bound without the residual is rejected");
    // the same for a negative midpoint and for a ball with a radius
    Ball neg = x.neg();
    Aprational negTruth = truth.negate();
    assertTrue(neg.invNewton(3000, 2, true).contains(negTruth));
    assertFalse(neg.invNewton(3000, 2, false).contains(negTruth));
    Ball wide = x.inflate(Ball.dyadic(BigInteger.ONE, -2000));
    assertTrue(wide.invNewton(3000, 2, true).contains(truth));
    assertFalse(wide.invNewton(3000, 2, false).contains(truth), "the radius term alone does not cover the iteration's error");
    // short midpoints (fewer than 53 bits) and a radius close to |m|
    assertTrue(Ball.exact(3).inv(4000).contains(q(1, 3)));
    assertTrue(relativeRadiusAtMost(Ball.exact(3).inv(4000), 3999));
    assertTrue(Ball.dyadic(BigInteger.valueOf(-12345), -7).inv(3000).contains(q(-128, 12345)));
    Ball nearZero = Ball.exact(1).inflate(Ball.dyadic(BigInteger.ONE.shiftLeft(60).subtract(BigInteger.ONE), -60));
    Ball nearZeroInv = nearZero.inv(3000);
    assertTrue(nearZeroInv.contains(Rationals.of(BigInteger.ONE.shiftLeft(60), BigInteger.ONE)), "1/(2^-60)");
    assertTrue(nearZeroInv.contains(Rationals.of(BigInteger.ONE.shiftLeft(60), BigInteger.ONE.shiftLeft(61).subtract(BigInteger.ONE))));
  }

  /**
   * {@code certifiedDigits(k)} starts its search at k digits; that equals
   * {@code min(k, certifiedDigits())} because a certificate for d digits gives one for fewer.
   */
  @Test
  void certifiedDigitsWithACapIsTheMinimum() {
    java.util.Random rnd = new java.util.Random(7L);
    for (int trial = 0; trial < 60; trial++) {
      Ball x = Ball.dyadic(new BigInteger(200 + rnd.nextInt(200), rnd).subtract(BigInteger.ONE.shiftLeft(150)),
          -rnd.nextInt(400)).inflate(Ball.dyadic(BigInteger.ONE, -rnd.nextInt(600)));
      int all = x.certifiedDigits();
      for (int k : new int[] {1, 2, 5, 17, 40, 90, 150, 400}) {
        assertEquals(Math.min(k, all), x.certifiedDigits(k), "trial " + trial + ", k " + k);
      }
    }
    assertEquals(12, Ball.exact(3).certifiedDigits(12), "an exact ball shows every digit asked for");
  }
}
