package prefdyn.properties;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
import prefdyn.num.Kernel;
import prefdyn.num.Precision;

/**
 * The fast kernel agrees with ApfloatMath computed at (working + 20) digits (more where the
 * reference itself would lose digits: large arguments, log near 1, cancellation in log-sum-exp),
 * to relative error below 10^-working() (stronger than the 10^-digits that printing needs), over
 * tiny, moderate and huge arguments, log near 1, and precisions from 20 to 1,000 digits (shrinking
 * toward 20). The @Examples show the comparison rejects deliberately wrong kernels.
 */
class KernelProperties {

  // ---------------------------------------------------------------------------------------------
  // the comparison

  /** Relative error |fast - ref| / |ref| (both lifted to a common long precision, no truncation). */
  static Apfloat relativeError(Apfloat fast, Apfloat ref) {
    long hp = Math.min(1_000_000, Math.max(fast.precision(), ref.precision())) + 10;
    Apfloat diff = ApfloatMath.abs(fast.precision(hp).subtract(ref.precision(hp)));
    if (ref.signum() == 0) {
      return diff;
    }
    return diff.divide(ApfloatMath.abs(ref.precision(hp)));
  }

  /** True iff fast is within relative error 10^-working() of ref. */
  static boolean agrees(Apfloat fast, Apfloat ref, Precision p) {
    Apfloat bound = ApfloatMath.scale(new Apfloat(1, 5), -p.working());
    return relativeError(fast, ref).compareTo(bound) < 0;
  }

  static void assertAgrees(String what, Apfloat arg, Apfloat fast, Apfloat ref, Precision p) {
    if (!agrees(fast, ref, p)) {
      throw new AssertionError(what + " at " + p.digits() + " digits (working " + p.working() + "), argument "
          + arg.toString(true) + ": relative error " + relativeError(fast, ref).precision(4).toString(true)
          + " >= 1e-" + p.working());
    }
  }

  /**
   * A reference value computed at increasing precision until Apfloat's own precision bookkeeping
   * says it has at least working + 15 correct digits (Apfloat lowers the precision of a result on
   * cancellation and for large arguments of exp).
   */
  static Apfloat reference(LongFunction<Apfloat> f, Precision p, long start) {
    long need = p.working() + 15;
    long prec = start;
    for (int i = 0; i < 6; i++) {
      Apfloat r = f.apply(prec);
      if (r.signum() == 0 || r.precision() >= need) {
        return r;
      }
      prec += need - r.precision() + 20;
    }
    throw new AssertionError("reference did not reach " + need + " digits");
  }

  /** Digits before the decimal point of |x| (0 when |x| < 1). */
  static long mag(Apfloat x) {
    return x.signum() == 0 ? 0 : Math.max(0, x.scale());
  }

  // ---------------------------------------------------------------------------------------------
  // generators

  @Provide
  Arbitrary<Precision> precisions() {
    return Arbitraries.frequencyOf(
            Tuple.of(8, Arbitraries.integers().between(20, 120)),
            Tuple.of(2, Arbitraries.integers().between(20, 1000)))
        .map(Precision::new);
  }

  /** A decimal ±0.d1..dn × 10^e with 1..60 random digits. */
  static Arbitrary<Apfloat> decimal(int minExp, int maxExp) {
    Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(60)
        .filter(s -> s.charAt(0) != '0');
    Arbitrary<Integer> exp = Arbitraries.integers().between(minExp, maxExp);
    Arbitrary<Boolean> neg = Arbitraries.of(false, true);
    return Combinators.combine(digits, exp, neg)
        .as((d, e, n) -> new Apfloat((n ? "-" : "") + "0." + d + "e" + e));
  }

  @Provide
  Arbitrary<Apfloat> expArguments() {
    return Arbitraries.oneOf(
        decimal(-2, 2), // moderate, |x| < 100
        decimal(-400, -3), // tiny
        decimal(3, 5), // huge, |x| < 10^5
        Arbitraries.of(new Apfloat(-10000), new Apfloat(100000), new Apfloat(1), new Apfloat(-1),
            new Apfloat("2.302585092994045684017991454684364207601")));
  }

  @Provide
  Arbitrary<Apfloat> logArguments() {
    Arbitrary<Apfloat> nearOne = Combinators.combine(decimal(-200, -1), Arbitraries.just(0))
        .as((d, z) -> d.add(new Apint(1)))
        .filter(x -> x.signum() > 0);
    return Arbitraries.oneOf(
        decimal(-5000, 5000).map(ApfloatMath::abs),
        decimal(-3, 3).map(ApfloatMath::abs),
        nearOne,
        Arbitraries.of(new Apfloat("1e-5000"), new Apfloat("1e5000"), new Apfloat(10), new Apfloat("0.5")));
  }

  @Provide
  Arbitrary<List<Apfloat>> logitVectors() {
    Arbitrary<Apfloat> logit = Arbitraries.oneOf(decimal(-3, 2), decimal(3, 4), Arbitraries.of(new Apfloat(0)));
    return logit.list().ofMinSize(1).ofMaxSize(6);
  }

  // ---------------------------------------------------------------------------------------------
  // properties

  @Property(tries = 100)
  void expAgreesWithApfloat(@ForAll("expArguments") Apfloat x, @ForAll("precisions") Precision p) {
    Apfloat xr = Kernel.argument(x, p);
    Apfloat ref = reference(h -> ApfloatMath.exp(xr.precision(h)), p, p.working() + 20 + mag(xr));
    assertAgrees("exp", xr, Kernel.exp(x, p), ref, p);
  }

  @Property(tries = 80)
  void expm1AgreesWithApfloat(@ForAll("expArguments") Apfloat x, @ForAll("precisions") Precision p) {
    Apfloat xr = Kernel.argument(x, p);
    if (xr.signum() == 0) {
      return;
    }
    long tiny = Math.max(0, -xr.scale());
    Apfloat ref = reference(
        h -> ApfloatMath.exp(xr.precision(h)).subtract(new Apfloat(1, h)), p, p.working() + 20 + mag(xr) + tiny);
    assertAgrees("expm1", xr, Kernel.expm1(x, p), ref, p);
  }

  @Property(tries = 100)
  void logAgreesWithApfloat(@ForAll("logArguments") Apfloat x, @ForAll("precisions") Precision p) {
    Apfloat xr = Kernel.argument(x, p);
    Apfloat dist = xr.subtract(new Apint(1));
    long nearOne = dist.signum() == 0 ? 0 : Math.max(0, -dist.scale());
    Apfloat ref = reference(h -> ApfloatMath.log(xr.precision(h)), p, p.working() + 20 + nearOne);
    if (dist.signum() == 0) {
      assertTrue(Kernel.log(x, p).signum() == 0, "log 1 = 0");
      return;
    }
    assertAgrees("log", xr, Kernel.log(x, p), ref, p);
  }

  @Property(tries = 80)
  void log1pAgreesWithApfloat(@ForAll("expArguments") Apfloat t, @ForAll("precisions") Precision p) {
    Apfloat tr = Kernel.argument(t, p);
    if (tr.signum() == 0 || tr.compareTo(new Apfloat(-1)) <= 0) {
      return;
    }
    long tiny = Math.max(0, -tr.scale());
    Apfloat ref = reference(h -> ApfloatMath.log(tr.precision(h + tiny).add(new Apfloat(1))), p, p.working() + 20 + tiny);
    assertAgrees("log1p", tr, Kernel.log1p(t, p), ref, p);
  }

  @Property(tries = 60)
  void logSumExpAndSoftmaxAgreeWithApfloat(@ForAll("logitVectors") List<Apfloat> v, @ForAll("precisions") Precision p) {
    Apfloat[] x = v.toArray(new Apfloat[0]);
    Apfloat[] xr = new Apfloat[x.length];
    long m = 0;
    for (int i = 0; i < x.length; i++) {
      xr[i] = Kernel.argument(x[i], p);
      m = Math.max(m, mag(xr[i]));
    }
    long mm = m;
    Apfloat lseRef = reference(h -> referenceLse(xr, h), p, p.working() + 20 + mm);
    assertAgrees("logSumExp", new Apfloat(x.length), Kernel.logSumExp(x, p), lseRef, p);
    Apfloat[] sm = Kernel.softmax(x, p);
    // x_i - lse loses mm digits to cancellation: lse at mm + 20 extra digits, once
    long lp = p.working() + 40 + 2 * mm;
    Apfloat lseHigh = referenceLse(xr, lp);
    for (int i = 0; i < x.length; i++) {
      Apfloat ref = ApfloatMath.exp(xr[i].precision(lp).subtract(lseHigh));
      assertTrue(ref.precision() >= p.working() + 15, "softmax reference too short");
      assertAgrees("softmax[" + i + "]", xr[i], sm[i], ref, p);
    }
  }

  @Property(tries = 80)
  void sigmoidAgreesWithApfloat(@ForAll("expArguments") Apfloat x, @ForAll("precisions") Precision p) {
    Apfloat xr = Kernel.argument(x, p);
    Apfloat ref = reference(h -> {
      Apfloat one = new Apfloat(1, h);
      return one.divide(one.add(ApfloatMath.exp(xr.precision(h).negate())));
    }, p, p.working() + 20 + mag(xr));
    assertAgrees("sigmoid", xr, Kernel.sigmoid(x, p), ref, p);
  }

  static Apfloat referenceLse(Apfloat[] xr, long h) {
    Apfloat max = xr[0];
    for (Apfloat v : xr) {
      if (v.compareTo(max) > 0) {
        max = v;
      }
    }
    Apfloat mx = max.precision(h);
    Apfloat s = new Apfloat(0);
    for (Apfloat v : xr) {
      s = s.add(ApfloatMath.exp(v.precision(h).subtract(mx)));
    }
    return mx.add(ApfloatMath.log(s.precision(h)));
  }

  // ---------------------------------------------------------------------------------------------
  // the comparison can fail

  private static final Precision P50 = new Precision(50);

  @Example
  void rejectsATruncatedTaylorSeries() {
    Apfloat x = Kernel.argument(new Apfloat(5), P50);
    Apfloat term = new Apfloat(1, P50.working() + 20);
    Apfloat sum = term;
    for (int j = 1; j < 60; j++) { // 60 terms of e^5: remainder ~ 5^60/60! ~ 1e-40 relative
      term = term.multiply(x).divide(new Apint(j));
      sum = sum.add(term);
    }
    Apfloat ref = ApfloatMath.exp(x.precision(P50.working() + 20));
    assertFalse(agrees(sum, ref, P50), "a 60-term Taylor series of e^5 must be rejected at 67 digits");
    assertTrue(agrees(Kernel.exp(x, P50), ref, P50));
  }

  @Example
  void rejectsExpWithAnOffByOneUlpConstant() {
    // exp by reduction x = k ln10 + r with ln10 wrong in its last working digit: at x = -10000
    // (k = -4343) the error k ulp is far above 10^-working.
    Apfloat x = Kernel.argument(new Apfloat(-10000), P50);
    long wp = P50.working();
    Apfloat ln10 = ApfloatMath.log(new Apfloat(10, wp));
    Apfloat wrongLn10 = ln10.add(ApfloatMath.scale(new Apfloat(1, wp), -wp + 1));
    long k = -4343;
    Apfloat r = x.precision(wp + 10).subtract(new Apint(k).multiply(wrongLn10.precision(wp + 10)));
    Apfloat wrong = ApfloatMath.scale(ApfloatMath.exp(r.precision(wp + 10)), k);
    Apfloat ref = ApfloatMath.exp(x.precision(wp + 30));
    assertFalse(agrees(wrong, ref, P50), "exp with ln10 off by one ulp must be rejected");
    assertTrue(agrees(Kernel.exp(x, P50), ref, P50));
  }

  @Example
  void rejectsALogThatIsOnlyAbsolutelyAccurateNearOne() {
    // log(1 + 1e-30) = 1e-30 - ...: an absolute-error method (log at working digits) loses ~30
    // relative digits, which the near-one generator is there to catch.
    Apfloat x = Kernel.argument(new Apfloat("1.000000000000000000000000000001"), P50);
    Apfloat naive = ApfloatMath.log(x.precision(P50.working())).precision(P50.working());
    Apfloat ref = ApfloatMath.log(x.precision(P50.working() + 60));
    assertFalse(agrees(naive, ref, P50), "an absolutely accurate log near 1 must be rejected");
    assertTrue(agrees(Kernel.log(x, P50), ref, P50));
  }

  @Example
  void rejectsAResultOffInTheLastWorkingDigit() {
    Apfloat x = Kernel.argument(new Apfloat("0.75"), P50);
    Apfloat ref = ApfloatMath.exp(x.precision(P50.working() + 20));
    Apfloat off = Kernel.exp(x, P50).multiply(new Apfloat(1, 200).add(ApfloatMath.scale(new Apfloat(1, 200), -P50.working() + 1)));
    assertFalse(agrees(off, ref, P50));
  }

  @Example
  void logSumExpOfANearPointMassIsRelativelyAccurate() {
    // lse(-20, 0) = log1p(e^-20) ~ 2.06e-9: computing log(1 + e^-20) after rounding 1 + e^-20
    // would lose 9 digits (found by the property above; kept as a regression example)
    for (int d : new int[] {20, 64}) {
      Precision p = new Precision(d);
      Apfloat[] x = {new Apfloat(-20), new Apfloat(0)};
      Apfloat ref = reference(h -> referenceLse(x, h), p, p.working() + 40);
      assertAgrees("logSumExp", new Apfloat(2), Kernel.logSumExp(x, p), ref, p);
    }
  }

  @Example
  void hugeArgumentsAreRepresentable() {
    Precision p = P50;
    Apfloat e1 = Kernel.exp(new Apfloat(-10000), p);
    assertTrue(e1.scale() == -4342, "e^-10000 ~ 1.1e-4343");
    Apfloat e2 = Kernel.exp(new Apfloat(100000), p);
    assertTrue(e2.scale() == 43430, "e^100000 ~ 2.8e43429");
    Apfloat l = Kernel.log(new Apfloat("1e-5000"), p);
    assertAgrees("log 1e-5000", new Apfloat("1e-5000"), l,
        new Apint(-5000).multiply(ApfloatMath.log(new Apfloat(10, p.working() + 30))), p);
    Apfloat[] logits = {new Apfloat(0), new Apfloat(-10000), new Apfloat(-20000), new Apfloat(3)};
    Apfloat[] sm = Kernel.softmax(logits, p);
    assertTrue(sm[2].signum() > 0 && sm[2].scale() < -8680, "softmax entry near e^-20003 is representable");
  }
}
