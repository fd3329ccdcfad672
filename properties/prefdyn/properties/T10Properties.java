package prefdyn.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Objects;
import net.jqwik.api.Example;
import prefdyn.catalogue.Catalogue;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.T10;
import prefdyn.catalogue.Slot;
import prefdyn.catalogue.Margin;
import prefdyn.catalogue.Statement;
import prefdyn.gen.Matrices;
import prefdyn.num.Ball;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.optimum.DpoOptimum;
import org.apfloat.Aprational;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;

/** T10 (docs/theory.md section 5): DPO sampling invariance iff BT, and C5. See proofs-notes/T10.md. */
class T10Properties {
  static final Statement C5 = Catalogue.require("C5");

  /**
   * Non-BT (3-cycle): the optima at two samplers differ certifiably (T10 holds, C5 is violated with
   * an enclosure strictly below 0); on BT the two certified optima agree within their enclosures
   * (C5's equality holds there, "|difference| ≤ r").
   */
  @Example
  void threeCycleDependsOnSampler() {
    PreferenceMatrix p = Matrices.threeCycle(Rationals.of(1, 4));
    Instance x = T10.bt().withPref(p);
    Checks.assertHolds(T10.STATEMENT, x);
    Margin c5 = Checks.assertViolated(C5, x, Checks.SUITE);
    assertTrue(Objects.requireNonNull(c5.hi(), "a violated margin has an upper end").signum() < 0, c5.toString());
    Margin eq = Checks.assertHolds(C5, T10.bt());
    assertTrue(eq.detail().contains("|difference| ≤"), eq.detail());
  }

  /** The BT half and the non-BT half hold (certified) from 5 to 40 digits. */
  @Example
  void holdsAtEveryPrecision() {
    Instance cyc = T10.bt().withPref(Matrices.threeCycle(Rationals.of(1, 4)));
    for (int d : new int[] {5, 6, 8, 10, 20, 40}) {
      Checks.assertHolds(T10.STATEMENT, T10.bt(), Precision.ofDigits(d));
      Checks.assertHolds(T10.STATEMENT, cyc, Precision.ofDigits(d));
    }
  }

  /** The certified optimum contains the exact BT optimum: Π(log π_ref + s/β) computed at 4× the precision lies inside. */
  @Example
  void certifiedOptimumContainsExactBtOptimum() {
    Instance x = T10.bt();
    Precision q = Precision.ofDigits(30);
    Precision hi = Precision.ofDigits(120);
    DpoOptimum.Certificate c = (DpoOptimum.Certificate) DpoOptimum.certify(x.pref(), x.get(Slot.SAMPLER), x.get(Slot.REF), x.get(Slot.BETA), q);
    int prec = hi.bits();
    Ball[] refL = DpoOptimum.logBalls(x.get(Slot.REF), prec);
    Ball[] e = new Ball[3];
    for (int i = 0; i < 3; i++) {
      Aprational pi0 = x.pref().exact(i, 0);
      Ball s = i == 0 ? Ball.ZERO : Ball.of(pi0.divide(Rationals.ONE.subtract(pi0)), prec).log(prec);
      e[i] = refL[i].add(s.div(Ball.of(x.get(Slot.BETA), prec), prec), prec);
    }
    e = DpoOptimum.center(e, prec);
    for (int i = 0; i < 3; i++) {
      assertTrue(c.logits()[i].contains(e[i]), c.logits()[i] + " does not contain " + e[i]);
      // and the enclosure is honest about its width: a point 2 radii away is outside
      assertTrue(!c.logits()[i].contains(e[i].add(Ball.of(c.logits()[i].radExact().multiply(Rationals.of(4)), prec), prec)));
    }
  }
}
