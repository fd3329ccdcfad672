package prefdyn.optimum;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.apfloat.Aprational;
import org.junit.jupiter.api.Test;
import prefdyn.num.Kernel;
import prefdyn.num.Linalg;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;

class DpoOptimumTest {
  /** BT with odds 2 (0 over 1) and 3 (1 over 2): s = (log 6, log 3, 0) up to a constant. */
  static PreferenceMatrix bt() {
    Aprational h = Rationals.HALF;
    return PreferenceMatrix.of(new Aprational[][] {
      {h, Rationals.of(2, 3), Rationals.of(6, 7)},
      {Rationals.of(1, 3), h, Rationals.of(3, 4)},
      {Rationals.of(1, 7), Rationals.of(1, 4), h}});
  }

  static Apfloat[] zeros(int k, Precision q) {
    Apfloat[] z = new Apfloat[k];
    for (int i = 0; i < k; i++) {
      z[i] = q.real(0);
    }
    return z;
  }

  @Test
  void bradleyTerryOptimumIsScoresOverBeta() {
    for (int digits : new int[] {50, 1000}) {
      Precision q = Precision.ofDigits(digits);
      Distribution mu = Distribution.of(Rationals.of(1, 2), Rationals.of(1, 3), Rationals.of(1, 6));
      Apfloat beta = q.real(Rationals.of(3, 2));
      DpoOptimum.Result r = DpoOptimum.solveLogits(bt().real(q), mu.real(q), zeros(3, q), beta, q);
      Apfloat[] s = {Kernel.log(q.real(6), q).divide(beta), Kernel.log(q.real(3), q).divide(beta), q.real(0)};
      Apfloat[] expected = Linalg.center(s, q);
      for (int i = 0; i < 3; i++) {
        Apfloat err = ApfloatMath.abs(r.logits()[i].subtract(expected[i]));
        assertTrue(err.compareTo(q.epsilon()) < 0, "digits " + digits + " entry " + i + " err " + err);
      }
      assertTrue(r.gradientNorm().compareTo(q.epsilon()) < 0);
      assertTrue(r.iterations() < 40, "iterations " + r.iterations());
    }
  }

  @Test
  void zeroOneEntryWithStrongConnectivityStillHasOptimum() {
    Precision q = Precision.ofDigits(30);
    Aprational h = Rationals.HALF;
    PreferenceMatrix p = PreferenceMatrix.of(new Aprational[][] {
      {h, Rationals.ONE, Rationals.of(1, 3)},
      {Rationals.ZERO, h, Rationals.of(2, 3)},
      {Rationals.of(2, 3), Rationals.of(1, 3), h}});
    DpoOptimum.Result r = DpoOptimum.solveLogits(p.real(q), Distribution.uniform(3).real(q), zeros(3, q), q.real(1), q);
    assertTrue(r.gradientNorm().compareTo(q.epsilon()) < 0);
  }

  @Test
  void sureWinnerHasNoFiniteOptimum() {
    Precision q = Precision.ofDigits(30);
    Aprational h = Rationals.HALF;
    PreferenceMatrix p = PreferenceMatrix.of(new Aprational[][] {
      {h, Rationals.ONE, Rationals.ONE},
      {Rationals.ZERO, h, Rationals.of(2, 3)},
      {Rationals.ZERO, Rationals.of(1, 3), h}});
    NoFiniteOptimum e = assertThrows(NoFiniteOptimum.class,
        () -> DpoOptimum.solveLogits(p.real(q), Distribution.uniform(3).real(q), zeros(3, q), q.real(1), q));
    assertTrue(e.getMessage().contains("P[0][1] = 1"), e.getMessage());
    // Off the support the 0/1 row no longer matters for the sampled pair, but response 0's extension is infinite.
    Distribution mu = Distribution.of(Rationals.ZERO, Rationals.HALF, Rationals.HALF);
    assertThrows(NoFiniteOptimum.class, () -> DpoOptimum.solveLogits(p.real(q), mu.real(q), zeros(3, q), q.real(1), q));
  }

  @Test
  void offSupportExtensionSolvesItsFirstOrderCondition() {
    Precision q = Precision.ofDigits(40);
    Distribution mu = Distribution.of(Rationals.HALF, Rationals.HALF, Rationals.ZERO);
    Apfloat[][] p = bt().real(q);
    DpoOptimum.Result r = DpoOptimum.solveLogits(p, mu.real(q), zeros(3, q), q.real(1), q);
    Apfloat[] u = r.logits();
    Apfloat f = q.real(0);
    for (int a = 0; a < 2; a++) {
      f = f.add(q.real(Rationals.HALF).multiply(Kernel.sigmoid(u[2].subtract(u[a]), q).subtract(p[2][a])));
    }
    assertTrue(ApfloatMath.abs(f).compareTo(q.epsilon()) < 0, f.toString());
    // BT: the extension is still s/β (the limit of full-support optima, all equal to s/β).
    Apfloat gap = ApfloatMath.abs(u[0].subtract(u[2]).subtract(Kernel.log(q.real(6), q)));
    assertTrue(gap.compareTo(q.epsilon()) < 0, gap.toString());
  }
}
