package prefdyn.properties;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Objects;
import net.jqwik.api.Example;
import org.apfloat.Apfloat;
import org.apfloat.Aprational;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.L1;
import prefdyn.catalogue.L2;
import prefdyn.catalogue.Slot;
import prefdyn.num.Ball;
import prefdyn.num.Kernel;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.optimum.DpoOptimum;
import prefdyn.optimum.NoFiniteOptimum;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;

/**
 * L2 (docs/theory.md section 2): the DPO optimum by damped Newton. See proofs-notes/L2.md. The
 * generated instances and the wrong variant (the optimum for 2β) run in {@link StatementProperties}.
 */
class L2Properties {
  static Apfloat[] refLogits(Distribution ref, Precision q) {
    Apfloat[] out = new Apfloat[ref.k()];
    for (int i = 0; i < ref.k(); i++) {
      out[i] = Kernel.log(q.real(ref.get(i)), q);
    }
    return out;
  }

  /** A sure winner within the support: no finite optimum, reported, not iterated forever. */
  @Example
  void sureWinnerIsReported() {
    Precision q = Checks.SUITE;
    Aprational h = Rationals.HALF;
    PreferenceMatrix p = PreferenceMatrix.of(new Aprational[][] {
      {h, Rationals.of(2, 3), Rationals.ONE}, {Rationals.of(1, 3), h, Rationals.ONE}, {Rationals.ZERO, Rationals.ZERO, h}});
    NoFiniteOptimum e = assertThrows(NoFiniteOptimum.class, () -> DpoOptimum.solveLogits(p.real(q),
        Distribution.uniform(3).real(q), refLogits(Distribution.uniform(3), q), q.real(1), q));
    assertTrue(Objects.requireNonNull(e.getMessage()).contains("[0, 1] beat responses [2]"), e.getMessage());
  }

  /**
   * The certificate at 60 digits: gradient norm and radius below 10^-60, curvature positive, and
   * the enclosures certify (nearly) all 60 digits of every logit.
   */
  @Example
  void certificateIsTight() {
    Precision q = Precision.ofDigits(60);
    Instance x = L1.example();
    DpoOptimum.Certificate c = (DpoOptimum.Certificate) DpoOptimum.certify(x.pref(), x.get(Slot.SAMPLER), x.get(Slot.REF), x.get(Slot.BETA), q);
    Aprational tiny = Rationals.of(BigInteger.ONE, BigInteger.TEN.pow(60));
    assertTrue(Objects.requireNonNull(c.gradientNorm().hi()).compareTo(tiny) < 0, c.gradientNorm().toString());
    assertTrue(Objects.requireNonNull(c.radius().hi()).compareTo(tiny) < 0, c.radius().toString());
    Ball curvature = c.curvature();
    assertNotNull(curvature, "a certificate has its curvature bound");
    assertTrue(curvature.isPositive());
    for (Ball l : c.logits()) {
      assertTrue(l.radExact().compareTo(tiny) < 0, l.toString());
    }
  }

  /** Holds at low and high precision (certified at each). */
  @Example
  void holdsAtLowAndHighPrecision() {
    for (int d : new int[] {5, 6, 8, 10, 20, 200}) {
      Checks.assertHolds(L2.STATEMENT, L1.example(), Precision.ofDigits(d));
    }
  }
}
