package prefdyn.properties;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.apfloat.Apint;
import org.apfloat.ApintMath;
import org.apfloat.Aprational;
import prefdyn.num.Ball;
import prefdyn.num.Rationals;

/**
 * {@link Ball} encloses the truth and is tight.
 *
 * <p>Containment: for points of the argument balls (midpoints and, for balls with a radius, both
 * ends), the true value, computed independently, lies in the result ball. The reference is exact
 * rational arithmetic for +, −, ×, ÷, √ (squared), and ApfloatMath at three times the digits
 * (more when the ball is tighter than that) with its own error bound for the transcendental
 * functions: the whole reference interval must lie in the ball.
 *
 * <p>Tightness: for exact arguments the radius is at most 2^(c − prec)·|midpoint| with c stated per
 * operation (arithmetic c = 1, functions c = 2, vector functions c = 4; absolute for KL).
 *
 * <p>Ranges: mantissas of 1 to prec + 20 bits, tiny (down to 2^-3000), moderate, huge (|x| up to
 * 10^6 for exp) and, for log, exponents up to ±10^6 and arguments within 2^-200 of 1; radii zero
 * and nonzero; precisions 8 to 400 bits mostly, up to 3,400 bits (1,000 digits) sometimes.
 */
class BallProperties {

  // ---------------------------------------------------------------------------------------------
  // references

  /** q as an Apfloat at h digits. */
  static Apfloat real(Aprational q, long h) {
    return q.numerator().precision(h).divide(q.denominator().precision(h));
  }

  /** Significant digits a check needs: 3x the ball's, and enough to resolve its radius. */
  static long digitsFor(Ball b, int prec) {
    long d = 3L * (long) Math.ceil(prec * 0.30103) + 20;
    if (b.midExact().signum() == 0 || b.isExact()) {
      return Math.max(d, prec + 40L);
    }
    // decimal exponents (Apfloat's scale) of the midpoint and the radius: no double underflow
    return Math.max(d, b.midExact().scale() - b.radExact().scale() + 20);
  }

  /** The reference f(h) (h digits) as a ball including its error bound 10^-(h-5) relative. */
  static Ball referenceBall(Apfloat v, long h) {
    if (v.signum() == 0) {
      return Ball.ZERO;
    }
    Ball c = Ball.of(v, (int) Math.min(Ball.MAX_PREC, h * 3.33 + 20));
    Apfloat eps = ApfloatMath.abs(v).multiply(ApfloatMath.scale(new Apfloat(1, 10), -(h - 5)));
    return c.inflate(Ball.of(eps, 64));
  }

  static void assertContains(String what, Ball ball, LongFunction<Apfloat> f, int prec) {
    assertTrue(ball.isFinite(), what + ": a finite ball");
    long h = digitsFor(ball, prec);
    Ball ref = referenceBall(f.apply(h), h);
    // an exact result (log 1, lse of one logit) is checked the other way round
    if (!ball.contains(ref) && !(ball.isExact() && ref.contains(ball))) {
      throw new AssertionError(what + " at " + prec + " bits: " + ball + " does not contain the reference " + ref);
    }
  }

  static void assertContains(String what, Ball ball, Aprational exact) {
    if (!ball.contains(exact)) {
      throw new AssertionError(what + ": " + ball + " does not contain " + Rationals.format(exact));
    }
  }

  /** radius <= 2^(c - prec) |mid| (exact comparison through the ends). */
  static void assertTight(String what, Ball ball, int prec, int c) {
    Aprational mid = ball.midExact().signum() < 0 ? ball.midExact().negate() : ball.midExact();
    Aprational bound = mid.multiply(pow2(c - prec));
    if (ball.radExact().compareTo(bound) > 0) {
      throw new AssertionError(what + " at " + prec + " bits: radius of " + ball + " above 2^" + c + " ulp");
    }
  }

  /** radius <= 2^(c - prec) (absolute). */
  static void assertAbsTight(String what, Ball ball, int prec, int c) {
    if (ball.radExact().compareTo(pow2(c - prec)) > 0) {
      throw new AssertionError(what + " at " + prec + " bits: radius of " + ball + " above 2^" + (c - prec));
    }
  }

  static Aprational pow2(long k) {
    Apint two = new Apint(2);
    return k >= 0 ? new Aprational(ApintMath.pow(two, k)) : new Aprational(new Apint(1), ApintMath.pow(two, -k));
  }

  /** The points at which a ball argument is checked: mid, and the ends when it has a radius. */
  static List<Aprational> points(Ball b) {
    List<Aprational> out = new ArrayList<>();
    out.add(b.midExact());
    if (!b.isExact()) {
      out.add(Objects.requireNonNull(b.lo(), "an argument ball is finite"));
      out.add(Objects.requireNonNull(b.hi(), "an argument ball is finite"));
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // generators

  @Provide
  Arbitrary<Integer> precs() {
    return Arbitraries.frequencyOf(
        Tuple.of(12, Arbitraries.integers().between(8, 400)),
        Tuple.of(1, Arbitraries.integers().between(400, 3400)));
  }

  /** m 2^e with a random mantissa of 1..bits bits and 2^(top-1) <= |x| < 2^top. */
  static Arbitrary<Ball> dyadic(int minTop, int maxTop) {
    Arbitrary<BigInteger> mant = Combinators.combine(
            Arbitraries.bigIntegers().between(BigInteger.ONE, BigInteger.ONE.shiftLeft(420)),
            Arbitraries.integers().between(0, 419))
        .as(BigInteger::shiftRight)
        .filter(v -> v.signum() > 0);
    return Combinators.combine(mant, Arbitraries.integers().between(minTop, maxTop), Arbitraries.of(false, true))
        .as((m, top, neg) -> Ball.exact(neg ? m.negate() : m).mulPow2((long) top - m.bitLength()));
  }

  /** A ball: an exact dyadic, a rounded rational (radius ½ ulp), or a dyadic with a radius. */
  static Arbitrary<Ball> ball(int minTop, int maxTop) {
    Arbitrary<Ball> rational = Combinators.combine(
            Arbitraries.longs().between(-1_000_000_007L, 1_000_000_007L),
            Arbitraries.longs().between(1, 1_000_003L),
            Arbitraries.integers().between(minTop, maxTop))
        .as((n, d, top) -> Ball.of(Rationals.of(n == 0 ? 1 : n, d), 200).mulPow2(top - (64 - Long.numberOfLeadingZeros(Math.abs(n == 0 ? 1 : n) / d + 1))));
    Arbitrary<Ball> withRadius = Combinators.combine(dyadic(minTop, maxTop), Arbitraries.integers().between(2, 300))
        .as((b, k) -> b.inflate(Ball.of(b.midExact(), 64).abs().mulPow2(-k)));
    return Arbitraries.frequencyOf(Tuple.of(3, dyadic(minTop, maxTop)), Tuple.of(1, rational), Tuple.of(1, withRadius));
  }

  @Provide
  Arbitrary<Ball> moderate() {
    return ball(-8, 8);
  }

  @Provide
  Arbitrary<Ball> expArgs() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, ball(-4, 7)),
        Tuple.of(1, ball(-600, -5)),
        Tuple.of(1, ball(8, 14)),
        Tuple.of(1, Arbitraries.of(Ball.exact(-10_000), Ball.exact(10_000), Ball.exact(709), Ball.ONE.mulPow2(-2000))));
  }

  @Provide
  Arbitrary<Ball> logArgs() {
    Arbitrary<Ball> nearOne = dyadic(-200, -2).map(t -> Ball.ONE.add(t, 100_000));
    return Arbitraries.frequencyOf(
        Tuple.of(4, ball(-8, 8).map(Ball::abs).filter(Ball::isPositive)),
        Tuple.of(1, dyadic(-10_000, 10_000).map(Ball::abs)),
        Tuple.of(2, nearOne));
  }

  @Provide
  Arbitrary<List<Ball>> logits() {
    Arbitrary<Ball> logit = Arbitraries.frequencyOf(
        Tuple.of(4, ball(-4, 4)), Tuple.of(1, ball(5, 14)), Tuple.of(1, Arbitraries.just(Ball.ZERO)));
    return logit.list().ofMinSize(1).ofMaxSize(5);
  }

  // ---------------------------------------------------------------------------------------------
  // arithmetic: exact rational references

  @Property(tries = 60)
  void arithmeticEnclosesExactResults(@ForAll("moderate") Ball a, @ForAll("moderate") Ball b, @ForAll("precs") int prec) {
    Ball sum = a.add(b, prec);
    Ball diff = a.sub(b, prec);
    Ball prod = a.mul(b, prec);
    Ball quot = a.div(b, prec);
    for (Aprational x : points(a)) {
      for (Aprational y : points(b)) {
        assertContains("add", sum, (Aprational) x.add(y));
        assertContains("sub", diff, (Aprational) x.subtract(y));
        assertContains("mul", prod, (Aprational) x.multiply(y));
        if (quot.isFinite()) {
          assertContains("div", quot, (Aprational) x.divide(y));
        }
      }
    }
    assertTrue(quot.isFinite() || b.containsZero(), "div finite unless the divisor reaches 0");
    if (a.isExact() && b.isExact()) {
      assertTight("add", sum, prec, 0);
      assertTight("mul", prod, prec, 0);
      assertTight("div", quot, prec, 1);
    }
    Ball abs = a.abs();
    Ball sq = abs.sqrt(prec);
    assertTrue(sq.isFinite());
    for (Aprational x : points(abs)) {
      // sqrt(x) in [lo, hi] <=> lo^2 <= x <= hi^2 (lo clipped at 0)
      Aprational lo = Objects.requireNonNull(sq.lo(), "sqrt of a finite ball is finite");
      Aprational hi = Objects.requireNonNull(sq.hi(), "sqrt of a finite ball is finite");
      Aprational lo2 = lo.signum() <= 0 ? Rationals.ZERO : (Aprational) lo.multiply(lo);
      assertTrue(lo2.compareTo(x) <= 0 && x.compareTo(hi.multiply(hi)) <= 0, "sqrt " + sq + " of " + abs);
    }
    if (abs.isExact()) {
      assertTight("sqrt", sq, prec, 1);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // elementary functions: ApfloatMath references

  @Property(tries = 25)
  void expAndExpm1EncloseTheTruth(@ForAll("expArgs") Ball x, @ForAll("precs") int prec) {
    Ball ex = x.exp(prec);
    Ball em = x.expm1(prec);
    if (!ex.isFinite() || !em.isFinite()) {
      // legitimate only when e^r - 1 overflows the double range used for wide radii
      assertTrue(x.radUpper() > 700, "exp non-finite for " + x);
      return;
    }
    for (Aprational p : points(x)) {
      long extra = tinyDigits(p);
      assertContains("exp", ex, h -> ApfloatMath.exp(real(p, h + mag(p) + 10)), prec);
      if (p.signum() != 0) {
        assertContains("expm1", em, h -> ApfloatMath.exp(real(p, h + extra + mag(p) + 10)).subtract(new Apint(1)), prec);
      }
    }
    if (x.isExact()) {
      assertTight("exp", ex, prec, 2);
      assertTight("expm1", em, prec, 2);
    }
  }

  @Provide
  Arbitrary<Integer> chunkedPrecs() {
    return Arbitraries.integers().between(380, 3400);
  }

  /**
   * exp and expm1 at precisions where exp runs the chunked reduction (proofs-notes/kernel.md, "exp
   * by chunks"): the same containment and tightness as above.
   */
  @Property(tries = 12)
  void chunkedExpEnclosesTheTruth(@ForAll("expArgs") Ball x, @ForAll("chunkedPrecs") int prec) {
    expAndExpm1EncloseTheTruth(x, prec);
  }

  @Example
  void aShiftedChunkedExpIsCaught() {
    // e^(x + 2^-1990): a chunk dropped from the reduction (or a wrong one) is such a shift
    shiftedExpIsCaught(Rationals.of(-29, 11), 2000, " at a chunked precision");
  }

  @Property(tries = 40)
  void logAndLog1pEncloseTheTruth(@ForAll("logArgs") Ball x, @ForAll("precs") int prec) {
    Ball lg = x.log(prec);
    Ball t = x.sub(Ball.ONE, 100_000);
    Ball l1 = t.log1p(prec);
    for (Aprational p : points(x)) {
      if (p.signum() <= 0) {
        continue;
      }
      assertContains("log", lg, h -> referenceLog(p, h), prec);
      if (Ball.ONE.add(t, 64).isPositive()) {
        assertContains("log1p", l1, h -> referenceLog(p, h), prec);
      }
    }
    if (x.isExact() && !x.contains(Rationals.ONE)) {
      assertTight("log", lg, prec, 2);
      if (t.isExact()) {
        assertTight("log1p", l1, prec, 2);
      }
    }
  }

  /** log p, with p = n/d taken apart into mantissa and power of 2 (exponents up to ±10^6). */
  static Apfloat referenceLog(Aprational p, long h) {
    BigInteger n = p.numerator().toBigInteger();
    BigInteger d = p.denominator().toBigInteger();
    long k = (long) n.bitLength() - d.bitLength();
    // p = 2^k f with f = n / (d 2^k) in [2/3, 4/3) (no cancellation between k ln2 and log f)
    BigInteger dk = k >= 0 ? d.shiftLeft((int) k) : d;
    BigInteger nk = k >= 0 ? n : n.shiftLeft((int) -k);
    if (nk.multiply(BigInteger.valueOf(3)).compareTo(dk.shiftLeft(2)) >= 0) {
      k += 1;
    } else if (nk.multiply(BigInteger.valueOf(3)).compareTo(dk.shiftLeft(1)) < 0) {
      k -= 1;
    }
    Aprational f = k >= 0
        ? new Aprational(new Apint(n), new Apint(d.shiftLeft((int) k)))
        : new Aprational(new Apint(n.shiftLeft((int) -k)), new Apint(d));
    Aprational fm1 = (Aprational) f.subtract(new Apint(1));
    long near = fm1.signum() == 0 ? 0 : Math.max(0, -fm1.scale());
    Apfloat lf = fm1.signum() == 0 ? new Apfloat(0) : ApfloatMath.log(real(f, h + near + 10));
    if (k == 0) {
      return lf;
    }
    long kd = Long.toString(Math.abs(k)).length();
    return new Apint(k).multiply(ApfloatMath.log(new Apfloat(2, h + kd + 10))).add(lf.precision(h + kd + 10));
  }

  @Property(tries = 30)
  void sigmoidAndLogSigmoidEncloseTheTruth(@ForAll("expArgs") Ball x, @ForAll("precs") int prec) {
    Ball s = x.sigmoid(prec);
    Ball ls = x.logSigmoid(prec);
    for (Aprational p : points(x)) {
      LongFunction<Apfloat> sig = h -> {
        Apfloat one = new Apfloat(1, h + mag(p) + 10);
        return one.divide(one.add(ApfloatMath.exp(real(p, h + mag(p) + 10).negate())));
      };
      LongFunction<Apfloat> logSig = h -> {
        Apfloat one = new Apfloat(1, h + mag(p) + 10);
        Apfloat xp = real(p, h + mag(p) + 10);
        // log σ(x) = -log(1 + e^{-x}) for x >= 0, x - log(1 + e^x) for x < 0
        return xp.signum() >= 0 ? log1pRef(ApfloatMath.exp(xp.negate()), h).negate()
            : xp.subtract(log1pRef(ApfloatMath.exp(xp), h));
      };
      if (s.isFinite() && s.radUpper() < 0.5) {
        assertContains("sigmoid", s, sig, prec);
      }
      assertContains("logSigmoid", ls, logSig, prec);
    }
    if (x.isExact() && x.midDouble() < 1000) {
      assertTight("sigmoid", s, prec, 3);
      assertTight("logSigmoid", ls, prec, 3);
    }
  }

  /** log(1 + u) for u > 0 to h digits relative (the series when u is tiny). */
  static Apfloat log1pRef(Apfloat u, long h) {
    if (u.scale() > -10) {
      return ApfloatMath.log(new Apfloat(1, h + 15).add(u.precision(h + 15)));
    }
    Apfloat v = u.precision(h + 5);
    Apfloat sum = v;
    Apfloat pw = v;
    for (int k = 2; (k - 1) * -u.scale() < h + 5; k++) {
      pw = pw.multiply(v);
      Apfloat term = pw.divide(new Apint(k));
      sum = k % 2 == 0 ? sum.subtract(term) : sum.add(term);
    }
    return sum;
  }

  /** Digits before the point of |p| (the reference's input must keep them). */
  static long mag(Aprational p) {
    return p.signum() == 0 ? 0 : Math.max(0, p.scale());
  }

  /** Leading zero digits of |p| < 1 (expm1 of a tiny argument needs them as extra digits). */
  static long tinyDigits(Aprational p) {
    return p.signum() == 0 ? 0 : Math.max(0, -p.scale());
  }

  // ---------------------------------------------------------------------------------------------
  // vector functions

  @Example
  void aZeroKlIsCheckedAgainstZero() {
    // the sample that CI shrank to: one logit each (K = 1), so KL = 0 exactly; an enclosure
    // [-2^-126, 0] is correct and must pass, one that misses 0 must not
    logitFunctionsEncloseTheTruth(List.of(Ball.of(Rationals.of(1, 8), 121)),
        List.of(Ball.of(Rationals.of(-553, 130), 121)), 121);
    logitFunctionsEncloseTheTruth(List.of(Ball.of(Rationals.of(1, 3), 121), Ball.of(Rationals.of(-2, 7), 121)),
        List.of(Ball.of(Rationals.of(4, 3), 121), Ball.of(Rationals.of(5, 7), 121)), 121);
    assertThrows(AssertionError.class, () -> assertContains("KL", Ball.of(pow2(-130), 121), Rationals.ZERO));
  }

  @Property(tries = 20)
  void logitFunctionsEncloseTheTruth(@ForAll("logits") List<Ball> v, @ForAll("logits") List<Ball> w, @ForAll("precs") int prec) {
    Ball[] x = v.toArray(new Ball[0]);
    Ball[] y = new Ball[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = i < w.size() ? w.get(i) : Ball.ZERO;
    }
    Ball lse = Ball.logSumExp(x, prec);
    Ball[] sm = Ball.softmax(x, prec);
    Ball ent = Ball.entropyOfLogits(x, prec);
    Ball kl = Ball.klOfLogits(x, y, prec);
    boolean exact = true;
    for (Ball b : x) {
      exact &= b.isExact();
    }
    boolean exactY = true;
    for (Ball b : y) {
      exactY &= b.isExact();
    }
    // points: the midpoints, and (when there are radii) the lower and the upper corner
    for (int corner = 0; corner < (exact && exactY ? 1 : 3); corner++) {
      Aprational[] px = corner(x, corner);
      Aprational[] py = corner(y, 2 - corner == 2 ? 0 : 3 - corner);
      long mg = 0;
      for (Aprational p : px) {
        mg = Math.max(mg, mag(p));
      }
      for (Aprational p : py) {
        mg = Math.max(mg, mag(p));
      }
      long extra = mg;
      assertContains("logSumExp", lse, h -> referenceLse(px, h + extra + 10), prec);
      for (int i = 0; i < x.length; i++) {
        int ii = i;
        assertContains("softmax[" + i + "]", sm[i], h -> {
          long hh = h + 2 * extra + 20;
          return ApfloatMath.exp(real(px[ii], hh).subtract(referenceLse(px, hh)));
        }, prec);
      }
      Apfloat entRef = referenceEntropy(px, digitsFor(ent, prec) + 2 * extra + 20);
      Ball entBall = referenceBall(entRef, digitsFor(ent, prec));
      assertTrue(ent.contains(entBall) || (ent.isExact() && entBall.contains(ent)), "entropy " + ent + " vs " + entRef);
      if (sameUpToAConstant(px, py)) {
        // softmax(a) = softmax(b): the true KL is exactly 0 (K = 1 among them), and an enclosure
        // may end exactly there, so it is checked against the exact value, not a reference ball
        assertContains("KL", kl, Rationals.ZERO);
        continue;
      }
      long hk = 3L * prec / 3 + 2 * extra + 60;
      Apfloat klRef = referenceKl(px, py, hk);
      // KL is checked absolutely: the reference has absolute error ~10^-(hk - extra - 5)
      Ball klRefBall = Ball.of(klRef, (int) (hk * 3.33)).inflate(Ball.of(ApfloatMath.scale(new Apfloat(1, 5), -(hk - extra - 10)), 64));
      assertTrue(kl.contains(klRefBall) || (kl.isExact() && klRefBall.contains(kl)), "KL " + kl + " vs " + klRef);
    }
    if (exact) {
      assertTight("logSumExp", lse, prec, 4);
      for (Ball p : sm) {
        assertTight("softmax", p, prec, 4);
      }
      if (!ent.containsZero()) {
        assertTight("entropy", ent, prec, 4 + (int) Math.ceil(Math.log(mgOf(x) + 2) / Math.log(2)));
      }
      if (exactY) {
        assertAbsTight("KL", kl, prec, 6 + 2 * (int) Math.ceil(Math.log(mgOf(x) + mgOf(y) + 2) / Math.log(2)));
      }
    }
  }

  static double mgOf(Ball[] x) {
    double m = 0;
    for (Ball b : x) {
      m = Math.max(m, Math.abs(b.midDouble()));
    }
    return m;
  }

  /**
   * corner 0: midpoints; 1: lower ends; 2: upper ends; 3: alternating. The "ends" are taken at
   * (1 - 2^-16) of the radius from the midpoint: logSumExp of one logit moves exactly as its
   * argument, so at the very end the true value lies on the boundary of a correct ball and a
   * reference with any error of its own could not be shown inside (a forgotten radius is still
   * caught: it misses these points by nearly the whole radius).
   */
  static Aprational[] corner(Ball[] x, int corner) {
    Aprational[] out = new Aprational[x.length];
    Aprational shrink = Rationals.of(65535, 65536);
    for (int i = 0; i < x.length; i++) {
      Aprational mid = x[i].midExact();
      Aprational r = (Aprational) x[i].radExact().multiply(shrink);
      Aprational lo = (Aprational) mid.subtract(r);
      Aprational hi = (Aprational) mid.add(r);
      out[i] = switch (corner) {
        case 1 -> lo;
        case 2 -> hi;
        case 3 -> (i % 2 == 0 ? lo : hi);
        default -> x[i].midExact();
      };
    }
    return out;
  }

  static Apfloat referenceLse(Aprational[] x, long h) {
    Aprational max = x[0];
    for (Aprational v : x) {
      if (v.compareTo(max) > 0) {
        max = v;
      }
    }
    Apfloat s = new Apfloat(0, h);
    for (Aprational v : x) {
      s = s.add(ApfloatMath.exp(real((Aprational) v.subtract(max), h)));
    }
    // s is an exact integer (infinite precision) when every exponent is exp(0): give it h digits
    // then (otherwise keep its own precision, which may exceed h when it is 1 + a tiny rest)
    Apfloat sf = s.precision() == Apfloat.INFINITE ? s.precision(h) : s;
    return real(max, h).add(ApfloatMath.log(sf));
  }

  /**
   * H = log S + Σ_{i≠i*} π_i (max - x_i), S = 1 + rest, log S = log1p(rest) (the textbook -Σ π log π
   * at h digits would drop a rest below 10^-h, e.g. lse(0.5, 4096)).
   */
  static Apfloat referenceEntropy(Aprational[] x, long h) {
    int imax = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i].compareTo(x[imax]) > 0) {
        imax = i;
      }
    }
    Apfloat[] e = new Apfloat[x.length];
    Apfloat rest = new Apfloat(0, h);
    for (int i = 0; i < x.length; i++) {
      if (i != imax) {
        e[i] = ApfloatMath.exp(real((Aprational) x[i].subtract(x[imax]), h));
        rest = rest.add(e[i]);
      }
    }
    if (rest.signum() == 0) {
      return new Apfloat(0);
    }
    Apfloat sum = new Apfloat(1, h).add(rest);
    Apfloat acc = log1pRef(rest, h);
    for (int i = 0; i < x.length; i++) {
      if (i != imax) {
        acc = acc.add(e[i].divide(sum).multiply(real((Aprational) x[imax].subtract(x[i]), h)));
      }
    }
    return acc;
  }

  /** Whether a - b is a constant vector (exact), i.e. softmax(a) = softmax(b). */
  static boolean sameUpToAConstant(Aprational[] a, Aprational[] b) {
    for (int i = 1; i < a.length; i++) {
      if (a[i].subtract(b[i]).compareTo(a[0].subtract(b[0])) != 0) {
        return false;
      }
    }
    return true;
  }

  static Apfloat referenceKl(Aprational[] a, Aprational[] b, long h) {
    Apfloat la = referenceLse(a, h);
    Apfloat lb = referenceLse(b, h);
    Apfloat s = new Apfloat(0, h);
    for (int i = 0; i < a.length; i++) {
      Apfloat lpa = real(a[i], h).subtract(la);
      Apfloat lpb = real(b[i], h).subtract(lb);
      s = s.add(ApfloatMath.exp(lpa).multiply(lpa.subtract(lpb)));
    }
    return s;
  }

  // ---------------------------------------------------------------------------------------------
  // the checks can fail

  @Example
  void aShiftedExpIsCaught() {
    // e^(x + 2^-190): a wrong argument reduction constant shows up as such a shift
    shiftedExpIsCaught(Rationals.of(7, 3), 200, "");
  }

  /**
   * The containment check rejects e^(x + 2^-(prec-10)) as an enclosure of e^x at {@code prec}
   * bits, and accepts the true e^x.
   */
  private static void shiftedExpIsCaught(Aprational value, int prec, String where) {
    Ball x = Ball.of(value, prec);
    Ball wrong = x.add(Ball.ONE.mulPow2(-(prec - 10)), prec).exp(prec);
    Aprational p = x.midExact();
    AssertionError err = null;
    try {
      assertContains("exp", wrong, h -> ApfloatMath.exp(real(p, h + 10)), prec);
    } catch (AssertionError e) {
      err = e;
    }
    assertTrue(err != null, "the containment check must reject a shifted exp" + where);
    assertContains("exp", x.exp(prec), h -> ApfloatMath.exp(real(p, h + 10)), prec);
  }

  @Example
  void aForgottenRadiusIsCaught() {
    int prec = 100;
    Ball a = Ball.of(Rationals.of(1, 3), prec).inflate(Rationals.of(1, 1000));
    Ball b = Ball.of(Rationals.of(5, 7), prec);
    // a product that forgets a's radius: the midpoint product alone
    Ball forgotten = Ball.of(a.midExact(), prec).mul(b, prec);
    boolean caught = false;
    for (Aprational x : points(a)) {
      caught |= !forgotten.contains((Aprational) x.multiply(Rationals.of(5, 7)));
    }
    assertTrue(caught, "the end points of the argument ball expose a forgotten radius");
    for (Aprational x : points(a)) {
      assertContains("mul", a.mul(b, prec), (Aprational) x.multiply(Rationals.of(5, 7)));
    }
  }

  @Example
  void aLooseRadiusIsCaughtByTheTightnessCheck() {
    int prec = 200;
    Ball e = Ball.of(Rationals.of(1, 3), prec).exp(prec);
    Ball loose = e.inflate(Ball.ONE.mulPow2(8 - prec));
    boolean caught = false;
    try {
      assertTight("exp", loose, prec, 2);
    } catch (AssertionError err) {
      caught = true;
    }
    assertTrue(caught);
    assertFalse(e.radUpper() > Math.scalb(1.0, 2 - prec) * 1.4, "the real exp is tight");
  }

  @Example
  void extremeArguments() {
    int prec = 120;
    // e^-10^6 ~ 2^-1442695.04: compared after an exact scaling by 2^1442695, with the reference
    // exp(-10^6 + 1442695 ln 2) (moderate, no huge decimal conversion)
    Ball tiny = Ball.exact(-1_000_000).exp(prec);
    assertTrue(tiny.isPositive());
    assertContains("exp -1e6", tiny.mulPow2(1_442_695), h -> ApfloatMath.exp(new Apfloat(-1_000_000, h + 20)
        .add(new Apint(1_442_695).multiply(ApfloatMath.log(new Apfloat(2, h + 20))))), prec);
    assertTight("exp -1e6", tiny, prec, 2);
    Ball lg = Ball.ONE.mulPow2(-1_000_000).mul(Ball.exact(3), prec).log(prec);
    assertContains("log 3 2^-1e6", lg, h -> ApfloatMath.log(new Apfloat(3, h + 10))
        .subtract(new Apint(1_000_000).multiply(ApfloatMath.log(new Apfloat(2, h + 20)))), prec);
    Ball big = Ball.ONE.mulPow2(1_000_000).log(prec);
    assertContains("log 2^1e6", big, h -> new Apint(1_000_000).multiply(ApfloatMath.log(new Apfloat(2, h + 20))), prec);
    Ball[] logits = {Ball.ZERO, Ball.exact(-10000), Ball.exact(-20000), Ball.exact(3)};
    Ball[] sm = Ball.softmax(logits, prec);
    assertTrue(sm[2].isPositive(), "softmax entry near e^-20003 is a positive ball");
    assertTight("softmax e^-20003", sm[2], prec, 4);
    Ball lse = Ball.logSumExp(new Ball[] {Ball.exact(-20), Ball.ZERO}, prec);
    assertTight("lse(-20, 0) = log1p(e^-20)", lse, prec, 3);
  }
}
