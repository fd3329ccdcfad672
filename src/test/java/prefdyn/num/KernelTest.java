package prefdyn.num;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.api.Test;

/** Unit checks of the kernel functions not covered one-to-one by KernelProperties. */
class KernelTest {
  private static final Precision P = new Precision(50);

  private static Apfloat[] v(String... xs) {
    Apfloat[] out = new Apfloat[xs.length];
    for (int i = 0; i < xs.length; i++) {
      out[i] = new Apfloat(xs[i]);
    }
    return out;
  }

  private static Apfloat ref(Apfloat[] x, int i, long h) {
    Apfloat s = new Apfloat(0, h);
    for (Apfloat y : x) {
      s = s.add(ApfloatMath.exp(y.precision(h)));
    }
    return ApfloatMath.exp(x[i].precision(h)).divide(s);
  }

  @Test
  void klOfLogitsMatchesDefinitionAndVanishesOnShifts() {
    Apfloat[] a = v("0.3", "-1.25", "2", "0.7");
    Apfloat[] b = v("1", "0.5", "-0.5", "0");
    long h = 100;
    Apfloat kl = new Apfloat(0);
    for (int i = 0; i < a.length; i++) {
      Apfloat pa = ref(a, i, h);
      kl = kl.add(pa.multiply(ApfloatMath.log(pa).subtract(ApfloatMath.log(ref(b, i, h)))));
    }
    Apfloat got = Kernel.klOfLogits(a, b, P);
    assertTrue(ApfloatMath.abs(got.precision(h).subtract(kl)).compareTo(P.epsilon()) < 0, got + " vs " + kl);
    Apfloat[] shifted = v("5.3", "3.75", "7", "5.7"); // a + 5
    assertTrue(ApfloatMath.abs(Kernel.klOfLogits(a, shifted, P)).compareTo(P.epsilon()) < 0);
    assertThrows(IllegalArgumentException.class, () -> Kernel.klOfLogits(a, v("1"), P));
  }

  @Test
  void entropyIsMinusSumPLogP() {
    Apfloat[] a = v("0.3", "-1.25", "2", "0.7", "-10000");
    long h = 100;
    Apfloat hRef = new Apfloat(0);
    for (int i = 0; i < a.length; i++) {
      Apfloat pi = ref(a, i, h);
      hRef = hRef.subtract(pi.multiply(ApfloatMath.log(pi)));
    }
    Apfloat got = Kernel.entropyOfLogits(a, P);
    Apfloat rel = ApfloatMath.abs(got.precision(h).subtract(hRef)).divide(hRef);
    assertTrue(rel.compareTo(P.epsilon()) < 0, got + " vs " + hRef);
    // a point mass (one logit far above the rest) has entropy ~ 0 but positive
    assertTrue(Kernel.entropyOfLogits(v("0", "-100000"), P).signum() > 0);
  }

  @Test
  void logSigmoidIsLogOfSigmoidWithoutUnderflow() {
    for (String s : new String[] {"3.5", "-2", "0", "1e-20", "40"}) {
      Apfloat x = new Apfloat(s);
      Apfloat a = Kernel.logSigmoid(x, P);
      Apfloat b = ApfloatMath.log(Kernel.sigmoid(x, new Precision(80)));
      Apfloat rel = ApfloatMath.abs(a.precision(120).subtract(b.precision(120))).divide(ApfloatMath.abs(b));
      assertTrue(rel.compareTo(P.epsilon()) < 0, s + ": " + a + " vs " + b);
    }
    // log σ(-10^6) = -10^6 - log1p(e^-10^6): equals -10^6 to working precision, no underflow
    Apfloat big = Kernel.logSigmoid(new Apfloat(-1_000_000), P);
    Apfloat diff = ApfloatMath.abs(big.add(new Apfloat(1_000_000)));
    assertTrue(diff.compareTo(ApfloatMath.scale(new Apfloat(1), 6 - (int) P.working())) < 0, big.toString(true));
    // and log σ(+200) = -log1p(e^-200) ~ -e^-200 is relatively accurate
    Apfloat small = Kernel.logSigmoid(new Apfloat(200), P);
    Apfloat exact = ApfloatMath.log(new Apfloat(1, 200).add(ApfloatMath.exp(new Apfloat(-200, 200)))).negate();
    assertTrue(ApfloatMath.abs(small.precision(200).subtract(exact)).divide(ApfloatMath.abs(exact)).compareTo(P.epsilon()) < 0);
  }

  @Test
  void exactRationalArgumentsAndErrors() {
    Apfloat e1 = Kernel.exp(Rationals.of(1, 3), P);
    Apfloat ref = ApfloatMath.exp(new Apfloat(1, 90).divide(new Apfloat(3)));
    assertTrue(ApfloatMath.abs(e1.precision(90).subtract(ref)).divide(ref).compareTo(P.epsilon()) < 0);
    assertThrows(ArithmeticException.class, () -> Kernel.log(new Apfloat(0), P));
    assertThrows(ArithmeticException.class, () -> Kernel.log(new Apfloat(-2), P));
    assertThrows(ArithmeticException.class, () -> Kernel.exp(new Apfloat("1e16"), P));
    assertThrows(ArithmeticException.class, () -> Kernel.log1p(new Apfloat(-1), P));
    assertEquals(0, Kernel.logSumExp(v("0"), P).signum());
  }
}
