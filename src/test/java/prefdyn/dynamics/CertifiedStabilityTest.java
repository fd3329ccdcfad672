package prefdyn.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apfloat.Apfloat;
import org.apfloat.Aprational;
import org.junit.jupiter.api.Test;
import prefdyn.gen.Matrices;
import prefdyn.num.Ball;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;

/** The exact spectral tools of {@link Stability} and the certified fixed point of {@link FixedPoints}. */
class CertifiedStabilityTest {
  static Aprational q(long n, long d) {
    return Rationals.of(n, d);
  }

  @Test
  void definitenessIsExact() {
    // [[2,1],[1,2]] has eigenvalues 1 and 3
    Aprational[][] a = {{q(2, 1), q(1, 1)}, {q(1, 1), q(2, 1)}};
    assertEquals(-1, Stability.compareLargestEigenvalue(a, q(301, 100)));
    assertEquals(0, Stability.compareLargestEigenvalue(a, q(3, 1)));
    assertEquals(1, Stability.compareLargestEigenvalue(a, q(299, 100)));
    Ball l = Stability.largestEigenvalue(a, 64);
    assertTrue(l.contains(q(3, 1)), l.toString());
    assertTrue(l.radUpper() < 1e-15);
  }

  @Test
  void largestEigenvalueEnclosesAnIrrationalValue() {
    // [[1,1],[1,0]]: λmax = (1+√5)/2; the enclosure must contain it, and a wrong value (5/3) is outside
    Aprational[][] a = {{q(1, 1), q(1, 1)}, {q(1, 1), q(0, 1)}};
    Ball l = Stability.largestEigenvalue(a, 80);
    Ball golden = Ball.ONE.add(Ball.exact(5).sqrt(200), 200).mulPow2(-1);
    assertTrue(l.overlaps(golden), l + " vs " + golden);
    assertFalse(l.contains(q(5, 3)));
  }

  @Test
  void marginNormOfTheThreeCycleIsASqrt3() {
    Aprational a = q(1, 3);
    Ball n = Stability.marginNormEnclosure(Matrices.threeCycle(a), 80);
    Ball expected = Ball.exact(3).sqrt(200).mul(Ball.of(a, 200), 200);
    assertTrue(n.overlaps(expected), n + " vs " + expected);
    assertFalse(n.contains(q(1, 2)));
  }

  @Test
  void contractionConstantIsDecidedExactlyAtOne() {
    // P_{1/2}, α = 0, λ = 1: L = (β/2)·√3/2 = 1 exactly would need β = 4/√3; β = 2 gives √3/2 < 1, β = 3 gives 3√3/4 > 1
    MrsParameters below = MrsParameters.ipo(Matrices.threeCycle(Rationals.HALF), Rationals.ZERO, Rationals.ONE, q(2, 1));
    MrsParameters above = below.withBeta(q(3, 1));
    assertEquals(-1, Stability.contractionEnclosure(below, 64).vsOne());
    assertTrue(Stability.contractionEnclosure(below, 64).value().sub(Ball.ONE, 64).isNegative());
    assertEquals(1, Stability.contractionEnclosure(above, 64).vsOne());
    // L = α + (βλ/2)·a√3 with a = 1/2, α = 1/4, β = 1, λ = 1: 1/4 + √3/4 < 1; with α = 1 - √3/4 it would be 1
    MrsParameters alphaOne = MrsParameters.ipo(Matrices.threeCycle(Rationals.HALF), Rationals.ONE, Rationals.ZERO, q(2, 1));
    assertEquals(0, Stability.contractionEnclosure(alphaOne, 64).vsOne());
  }

  @Test
  void theCertifiedFixedPointContainsTheTrueOne() {
    // 3-cycle with uniform ref/pi0: uniform (θ = 0) is the fixed point; α = 1/2, β = 1 (L < 1: unique)
    MrsParameters mp = MrsParameters.ipo(Matrices.threeCycle(q(1, 4)), Rationals.HALF, Rationals.ONE, Rationals.ONE);
    Precision p = Precision.ofDigits(30);
    MrsMap map = new MrsMap(mp, p);
    FixedPoints.Certified c = FixedPoints.findAndCertify(map, map.logitsOf(Distribution.of(q(1, 2), q(1, 4), q(1, 4))), 200);
    assertTrue(c.ok(), c.failure());
    for (Ball b : c.box()) {
      assertTrue(b.contains(Rationals.ZERO), b.toString());
      assertTrue(b.radUpper() < 1e-25, b.toString());
    }
    // a far-away approximation is either certified around the same point or rejected, never a wrong box
    Apfloat[] far = {p.real(3), p.real(-1), p.real(-2)};
    FixedPoints.Certified f = FixedPoints.certify(map, far, p.bits());
    if (f.ok()) {
      for (Ball b : f.box()) {
        assertTrue(b.contains(Rationals.ZERO), b.toString());
      }
    }
  }

  /**
   * MRS-DPO at uniform on P_{1/4} (α = 1/2, λ = 1, β_D = 1): exact uniform fixed point, certified
   * eigenvalues 1/2 ± i/√3 (closed form α ± i·4aλ/(√3β_D)) and ρ = √(7/12); IPO's reading of β
   * (α ± i·aβλ/√3, modulus √(1/4 + 1/48)) is excluded.
   */
  @Test
  void dpoStabilityAtUniformMatchesTheClosedForm() {
    MrsParameters params = new MrsParameters(Matrices.threeCycle(q(1, 4)), Rationals.HALF, Rationals.ONE, Rationals.ONE,
        Distribution.uniform(3), Distribution.uniform(3), MrsParameters.Method.DPO);
    Precision p = Precision.ofDigits(40);
    DpoStability.Attempt a = DpoStability.analyze(params, Distribution.uniform(3), p, 100);
    DpoStability.Enclosed e = a.enclosed();
    assertTrue(e != null, a.failure());
    assertEquals("uniform", e.source());
    Ball rho = Ball.of(ThreeCycleFamily.dpoRhoSquared(q(1, 4), Rationals.HALF, Rationals.ONE, Rationals.ONE), 200).sqrt(200);
    assertTrue(e.rho().overlaps(rho), e.rho() + " vs " + rho);
    assertTrue(e.rho().certifiedDigits() >= 35, e.rho().toString());
    Ball ipo = Ball.of(ThreeCycleFamily.rhoSquared(q(1, 4), Rationals.HALF, Rationals.ONE, Rationals.ONE), 200).sqrt(200);
    assertFalse(e.rho().overlaps(ipo));
    for (prefdyn.verified.ComplexBall z : e.eigenvalues()) {
      assertTrue(z.re().contains(Rationals.HALF), z.toString());
    }
  }

  /** A non-uniform MRS-DPO fixed point (strictly SST, α = 1/2): Krawczyk-certified, stable, real parts α (λ = 1). */
  @Test
  void dpoFixedPointIsCertifiedByKrawczyk() {
    prefdyn.pref.PreferenceMatrix pm = prefdyn.pref.PreferenceMatrix.of(new Aprational[][] {
      {Rationals.HALF, q(3, 5), q(4, 5)}, {q(2, 5), Rationals.HALF, q(3, 5)}, {q(1, 5), q(2, 5), Rationals.HALF}});
    MrsParameters params = new MrsParameters(pm, Rationals.HALF, Rationals.ONE, Rationals.HALF,
        Distribution.uniform(3), Distribution.uniform(3), MrsParameters.Method.DPO);
    DpoStability.Attempt a = DpoStability.analyze(params, Distribution.uniform(3), Precision.ofDigits(30), 2000);
    DpoStability.Enclosed e = a.enclosed();
    assertTrue(e != null, a.failure());
    assertEquals("iteration", e.source());
    assertTrue(e.rho().sub(Ball.ONE, 100).isNegative(), e.rho().toString());
    for (prefdyn.verified.ComplexBall z : e.eigenvalues()) {
      // at λ = 1 every eigenvalue on 1^⊥ has real part α (proofs-notes/MRS-DPO.md)
      assertTrue(z.re().overlaps(Ball.of(Rationals.HALF, 100)), z.toString());
    }
  }

  /** α = 1 away from an exact uniform fixed point: no fixed point to analyse, said so. */
  @Test
  void dpoAlphaOneWithoutUniformFixedPointIsReported() {
    prefdyn.pref.PreferenceMatrix pm = prefdyn.pref.PreferenceMatrix.of(new Aprational[][] {
      {Rationals.HALF, q(3, 5), q(4, 5)}, {q(2, 5), Rationals.HALF, q(3, 5)}, {q(1, 5), q(2, 5), Rationals.HALF}});
    MrsParameters params = new MrsParameters(pm, Rationals.ONE, Rationals.ONE, Rationals.HALF,
        Distribution.uniform(3), Distribution.uniform(3), MrsParameters.Method.DPO);
    DpoStability.Attempt a = DpoStability.analyze(params, Distribution.uniform(3), Precision.ofDigits(30), 100);
    assertTrue(a.enclosed() == null && a.failure().startsWith("alpha = 1"), a.failure());
  }
}
