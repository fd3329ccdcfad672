package prefdyn.optimum;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Objects;
import org.apfloat.Apfloat;
import org.apfloat.Aprational;
import org.junit.jupiter.api.Test;
import prefdyn.num.Ball;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.verified.Centering;

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

  static Aprational tenTo(int e) {
    return Rationals.of(BigInteger.ONE, BigInteger.TEN.pow(e));
  }

  static DpoOptimum.Certificate certify(PreferenceMatrix p, Distribution mu, Aprational beta, Precision q) {
    return assertInstanceOf(DpoOptimum.Certificate.class, DpoOptimum.certify(p, mu, Distribution.uniform(p.k()), beta, q));
  }

  /** The certified enclosure contains Π(s/β) computed independently at twice the precision, and is tight. */
  @Test
  void bradleyTerryOptimumIsScoresOverBeta() {
    for (int digits : new int[] {50, 1000}) {
      Precision q = Precision.ofDigits(digits);
      int prec = Precision.ofDigits(2 * digits).bits();
      Distribution mu = Distribution.of(Rationals.of(1, 2), Rationals.of(1, 3), Rationals.of(1, 6));
      Aprational beta = Rationals.of(3, 2);
      DpoOptimum.Certificate c = certify(bt(), mu, beta, q);
      Ball b = Ball.of(beta, prec);
      Ball[] s = {Ball.exact(6).log(prec).div(b, prec), Ball.exact(3).log(prec).div(b, prec), Ball.ZERO};
      Ball[] expected = Centering.center(s, prec);
      for (int i = 0; i < 3; i++) {
        assertTrue(c.logits()[i].contains(expected[i]), "digits " + digits + " entry " + i + ": " + c.logits()[i]);
        assertTrue(c.logits()[i].radExact().compareTo(tenTo(digits)) < 0, c.logits()[i].toString());
        // a value 10^-(digits - 5) off is excluded
        assertTrue(!c.logits()[i].contains(expected[i].add(Ball.of(tenTo(digits - 5), prec), prec)));
      }
      Ball curvature = c.curvature();
      assertNotNull(curvature, "a certificate has its curvature bound");
      assertTrue(curvature.isPositive() && c.iterations() < 40, "iterations " + c.iterations());
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
    DpoOptimum.Certificate c = certify(p, Distribution.uniform(3), Rationals.ONE, q);
    assertTrue(Objects.requireNonNull(c.radius().hi()).compareTo(tenTo(30)) < 0, c.radius().toString());
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
    assertTrue(Objects.requireNonNull(e.getMessage()).contains("P[0][1] = 1"), e.getMessage());
    assertThrows(NoFiniteOptimum.class, () -> DpoOptimum.certify(p, Distribution.uniform(3), Distribution.uniform(3), Rationals.ONE, q));
    // Off the support the 0/1 row no longer matters for the sampled pair, but response 0's extension is infinite.
    Distribution mu = Distribution.of(Rationals.ZERO, Rationals.HALF, Rationals.HALF);
    assertThrows(NoFiniteOptimum.class, () -> DpoOptimum.solveLogits(p.real(q), mu.real(q), zeros(3, q), q.real(1), q));
  }

  /** Off the support: the BT extension is still s/β, certified (and a point 10^-25 away is excluded). */
  @Test
  void offSupportExtensionIsCertified() {
    Precision q = Precision.ofDigits(40);
    int prec = Precision.ofDigits(80).bits();
    Distribution mu = Distribution.of(Rationals.HALF, Rationals.HALF, Rationals.ZERO);
    DpoOptimum.Certificate c = certify(bt(), mu, Rationals.ONE, q);
    Ball gap = c.logits()[0].sub(c.logits()[2], prec);
    Ball log6 = Ball.exact(6).log(prec);
    assertTrue(gap.contains(log6), gap.toString());
    assertTrue(!gap.contains(log6.add(Ball.of(tenTo(25), prec), prec)), gap.toString());
  }

  /** A certificate that cannot be obtained is a value with a reason, not an exception. */
  @Test
  void failureIsAValue() {
    Precision q = Precision.ofDigits(20);
    int prec = q.bits();
    Ball[] mu = {Ball.of(Rationals.HALF, prec), Ball.of(Rationals.HALF, prec).inflate(Rationals.ONE)};
    DpoOptimum.Outcome o = DpoOptimum.certify(DpoOptimum.balls(bt(), prec), new Ball[] {mu[0], mu[1], Ball.ZERO}, new Ball[] {Ball.ZERO,
        Ball.ZERO, Ball.ZERO}, Ball.ONE, q);
    DpoOptimum.Failure f = assertInstanceOf(DpoOptimum.Failure.class, o);
    assertTrue(f.reason().contains("reaches 0"), f.reason());
  }

  /**
   * Near point-mass samplers (the λ = 1 regime that stopped the old solver): μ = (1 - 2e, e, e)
   * with e = 10^-40 and 10^-400 on a strictly SST matrix is certified, tight, and close to the
   * off-support limit (logit gaps about logit P_y0 against the heavy response).
   */
  @Test
  void nearPointMassSamplerIsCertified() {
    Aprational h = Rationals.HALF;
    PreferenceMatrix p = PreferenceMatrix.of(new Aprational[][] {
      {h, Rationals.of(3, 5), Rationals.of(4, 5)}, {Rationals.of(2, 5), h, Rationals.of(3, 5)},
      {Rationals.of(1, 5), Rationals.of(2, 5), h}});
    Precision q = Precision.ofDigits(50);
    int prec = Precision.ofDigits(100).bits();
    for (int e : new int[] {40, 400}) {
      Aprational eps = tenTo(e);
      Distribution mu = Distribution.of(Rationals.ONE.subtract(eps.multiply(Rationals.of(2))), eps, eps);
      DpoOptimum.Certificate c = certify(p, mu, Rationals.ONE, q);
      Ball gap = c.logits()[0].sub(c.logits()[2], prec);
      // u_0 - u_2 -> -logit(P_20) = log 4 as e -> 0
      Ball log4 = Ball.exact(4).log(prec);
      // within O(e) of the limit, or within the certificate's radius (about 10^-50) when e is smaller than that
      assertTrue(gap.sub(log4, prec).abs().sub(Ball.of(tenTo(Math.min(e - 2, 45)), prec), prec).isNegative(), gap.toString());
      assertTrue(c.logits()[0].radExact().compareTo(tenTo(45)) < 0, c.logits()[0].toString());
    }
  }

  /** Ford's condition as a typed result: the sure winner {0} over {1, 2} is named. */
  @Test
  void existenceIsATypedResult() {
    Aprational h = Rationals.HALF;
    PreferenceMatrix p = PreferenceMatrix.of(new Aprational[][] {
      {h, Rationals.ONE, Rationals.ONE},
      {Rationals.ZERO, h, Rationals.of(2, 3)},
      {Rationals.ZERO, Rationals.of(1, 3), h}});
    DpoOptimum.Existence e = DpoOptimum.existence(p);
    assertTrue(!e.attained() && e.winners().equals(java.util.List.of(0)) && e.losers().equals(java.util.List.of(1, 2)), e.toString());
    assertTrue(DpoOptimum.existence(bt()).attained());
  }
}
