package prefdyn.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apfloat.Apfloat;
import org.apfloat.Aprational;
import org.junit.jupiter.api.Test;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.pref.Sst;
import prefdyn.pref.Structure;

class MrsDynamicsTest {
  static PreferenceMatrix sst4() {
    long[][] n = {{5, 6, 8, 9}, {4, 5, 6, 8}, {2, 4, 5, 7}, {1, 2, 3, 5}};
    Aprational[][] q = new Aprational[4][4];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        q[i][j] = Rationals.of(n[i][j], 10);
      }
    }
    return PreferenceMatrix.of(q);
  }

  /**
   * 3,000 rounds at α = 1 on a strictly SST matrix: the bottom response falls below e^-1000, the
   * logit run keeps every log-odds to the working digits (it agrees with a run at twice the
   * digits), while the same round in double-precision probabilities underflows to π_3 = 0.
   */
  @Test
  void logitRunSurvivesWhereDoublesUnderflow() {
    PreferenceMatrix p = sst4();
    assertEquals(Sst.STRICT, Structure.sst(p));
    MrsParameters params = MrsParameters.ipo(p, Rationals.ONE, Rationals.ONE, Rationals.ONE);
    Precision p40 = Precision.ofDigits(40);
    Precision p80 = Precision.ofDigits(80);
    MrsMap m40 = new MrsMap(params, p40);
    MrsMap m80 = new MrsMap(params, p80);
    Apfloat[] a = Trajectory.run(m40, m40.logitsOf(Distribution.uniform(4)), 3000);
    Apfloat[] b = Trajectory.run(m80, m80.logitsOf(Distribution.uniform(4)), 3000);
    // log π_3 = θ_3 - lse(θ) < -1000
    Apfloat logPi3 = a[3].subtract(prefdyn.num.Kernel.logSumExp(a, p40));
    assertTrue(logPi3.compareTo(p40.real(-1000)) < 0, "log π_3 = " + p40.format(logPi3));
    for (int j = 1; j < 4; j++) {
      Apfloat lo40 = LogitPolicy.logOdds(a, 0, j, p40);
      Apfloat lo80 = LogitPolicy.logOdds(b, 0, j, p80);
      assertEquals(p40.format(lo80), p40.format(lo40), "log-odds 0 vs " + j);
    }
    // the same round in double-precision probabilities: π_{t+1} ∝ π_t · exp(β P π_t)
    double[][] pd = p.toDoubles();
    double[] pi = {0.25, 0.25, 0.25, 0.25};
    for (int t = 0; t < 3000; t++) {
      double[] next = new double[4];
      double s = 0;
      for (int i = 0; i < 4; i++) {
        double pmu = 0;
        for (int j = 0; j < 4; j++) {
          pmu += pd[i][j] * pi[j];
        }
        next[i] = pi[i] * Math.exp(pmu);
        s += next[i];
      }
      for (int i = 0; i < 4; i++) {
        pi[i] = next[i] / s;
      }
    }
    // doubles underflow: π_3 is stuck at the smallest subnormal (or 0), its log-odds are lost
    assertTrue(pi[3] < Double.MIN_NORMAL, "double-precision π_3 = " + pi[3]);
    double doubleLogOdds = Math.log(pi[0] / pi[3]);
    double exactLogOdds = LogitPolicy.logOdds(a, 0, 3, p40).doubleValue();
    assertTrue(exactLogOdds > 1000, "exact log-odds " + exactLogOdds);
    assertFalse(Double.isFinite(doubleLogOdds) && Math.abs(doubleLogOdds - exactLogOdds) < 100,
        "double log-odds " + doubleLogOdds + " vs exact " + exactLogOdds);
  }

  @Test
  void iterationAndNewtonAgreeOnTheFixedPoint() {
    MrsParameters params = new MrsParameters(sst4(), Rationals.of(1, 2), Rationals.of(3, 4), Rationals.of(3),
        Distribution.of(Rationals.of(4, 10), Rationals.of(3, 10), Rationals.of(2, 10), Rationals.of(1, 10)),
        Distribution.uniform(4), MrsParameters.Method.IPO);
    Precision p = Precision.ofDigits(40);
    MrsMap map = new MrsMap(params, p);
    FixedPoints.Result it = FixedPoints.iterate(map, map.logitsOf(Distribution.uniform(4)), 5000);
    FixedPoints.Result nt = FixedPoints.newton(map, map.logitsOf(Distribution.uniform(4)), 100);
    assertTrue(it.converged());
    assertTrue(nt.converged());
    assertTrue(FixedPoints.distance(it.logits(), nt.logits(), p).compareTo(p.epsilon()) < 0);
    assertTrue(nt.steps() < 30, "Newton took " + nt.steps());
  }

  @Test
  void threeCycleJacobianAtUniform() {
    // α = 1/2, a = 1/4, β = 2, λ = 1: eigenvalues 1/2 ± i (1/2)/√3
    PreferenceMatrix p = prefdyn.gen.Matrices.threeCycle(Rationals.of(1, 4));
    Precision pr = Precision.ofDigits(40);
    MrsMap map = new MrsMap(MrsParameters.ipo(p, Rationals.HALF, Rationals.ONE, Rationals.of(2)), pr);
    var eig = Stability.eigenvalues(map, new Apfloat[] {pr.real(0), pr.real(0), pr.real(0)});
    assertEquals(2, eig.size());
    Apfloat im = pr.real(Rationals.HALF).divide(org.apfloat.ApfloatMath.sqrt(pr.real(3)));
    for (var z : eig) {
      assertEquals(pr.format(pr.real(Rationals.HALF)), pr.format(z.re()));
      assertEquals(pr.format(im), pr.format(org.apfloat.ApfloatMath.abs(z.im())));
    }
  }
}
