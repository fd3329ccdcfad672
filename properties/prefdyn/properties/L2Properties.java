package prefdyn.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apfloat.Apfloat;
import org.apfloat.Aprational;
import prefdyn.catalogue.Catalogue;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Margin;
import prefdyn.catalogue.Statement;
import prefdyn.catalogue.Verdict;
import prefdyn.num.Ball;
import prefdyn.num.Kernel;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.optimum.DpoOptimum;
import prefdyn.optimum.NoFiniteOptimum;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.catalogue.OneShotStatements;

/** L2 (docs/theory.md section 2): the DPO optimum by damped Newton. See proofs-notes/L2.md. */
class L2Properties {
  static final Statement L2 = Catalogue.require("L2");

  @Provide
  Arbitrary<Instance> l2() {
    return L2.hypotheses();
  }

  @Property(tries = 8)
  void newtonOptimumIsStationaryAndStrictMinimum(@ForAll("l2") Instance x) {
    Checks.assertHolds(L2, x);
  }

  static Apfloat[] refLogits(Distribution ref, Precision q) {
    Apfloat[] out = new Apfloat[ref.k()];
    for (int i = 0; i < ref.k(); i++) {
      out[i] = Kernel.log(q.real(ref.get(i)), q);
    }
    return out;
  }

  /** The check can fail: the optimum for 2β is not stationary for β. */
  @Example
  void doubledBetaFails() {
    Precision q = Checks.SUITE;
    Instance x = L1Properties.example();
    Checks.assertHolds(L2, x);
    DpoOptimum.Certificate wrong = (DpoOptimum.Certificate) DpoOptimum.certify(x.pref(), x.sampler(), x.ref(), Rationals.of(3), q);
    Margin m = OneShotStatements.l2Margin(x, wrong.logits(), q, "");
    assertEquals(Verdict.VIOLATED, m.verdict(), m.toString());
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
    assertTrue(e.getMessage().contains("[0, 1] beat responses [2]"), e.getMessage());
  }

  /**
   * The certificate at 60 digits: gradient norm and radius below 10^-60, curvature positive, and
   * the enclosures certify (nearly) all 60 digits of every logit.
   */
  @Example
  void certificateIsTight() {
    Precision q = Precision.ofDigits(60);
    Instance x = L1Properties.example();
    DpoOptimum.Certificate c = (DpoOptimum.Certificate) DpoOptimum.certify(x.pref(), x.sampler(), x.ref(), x.beta(), q);
    Aprational tiny = Rationals.of(java.math.BigInteger.ONE, java.math.BigInteger.TEN.pow(60));
    assertTrue(c.gradientNorm().hi().compareTo(tiny) < 0, c.gradientNorm().toString());
    assertTrue(c.radius().hi().compareTo(tiny) < 0, c.radius().toString());
    assertTrue(c.curvature().isPositive());
    for (Ball l : c.logits()) {
      assertTrue(l.radExact().compareTo(tiny) < 0, l.toString());
    }
  }

  /** Holds at low and high precision (certified at each). */
  @Example
  void holdsAtLowAndHighPrecision() {
    for (int d : new int[] {5, 6, 8, 10, 20, 200}) {
      Checks.assertHolds(L2, L1Properties.example(), Precision.ofDigits(d));
    }
  }
}
