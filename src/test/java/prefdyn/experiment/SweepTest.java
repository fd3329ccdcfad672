package prefdyn.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apfloat.Aprational;
import org.junit.jupiter.api.Test;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.PreferenceMatrix;

class SweepTest {
  private static final Precision P = Precision.ofDigits(20);

  /** T6's 3-cycle {@code P_a = ½11ᵀ + aA}. */
  static ExperimentMatrix threeCycle(Aprational a) {
    Aprational h = Rationals.HALF;
    Aprational[][] q = {
      {h, h.add(a), h.subtract(a)},
      {h.subtract(a), h, h.add(a)},
      {h.add(a), h.subtract(a), h}};
    return ExperimentMatrix.exact("cycle", "matrix", PreferenceMatrix.of(q));
  }

  /** A strictly SST matrix (order 0 ▷ 1 ▷ 2). */
  static ExperimentMatrix sst() {
    Aprational[][] q = {
      {Rationals.HALF, Rationals.of(3, 5), Rationals.of(4, 5)},
      {Rationals.of(2, 5), Rationals.HALF, Rationals.of(7, 10)},
      {Rationals.of(1, 5), Rationals.of(3, 10), Rationals.HALF}};
    return ExperimentMatrix.exact("sst", "matrix", PreferenceMatrix.of(q));
  }

  static Sweep.Setting setting(String a, String l, String b) {
    return new Sweep.Setting(Rationals.parse(a), Rationals.parse(l), Rationals.parse(b));
  }

  @Test
  void classesOfTheTestMatrices() {
    assertEquals(MatrixClass.CYCLIC, threeCycle(Rationals.of(1, 4)).matrixClass());
    assertEquals(MatrixClass.STRONGLY_TRANSITIVE, sst().matrixClass());
  }

  @Test
  void fastPathAgreesWithArbitraryPrecisionOnEveryRecheckedRun() {
    List<ExperimentMatrix> ms = List.of(threeCycle(Rationals.of(1, 4)), sst());
    List<Sweep.Setting> settings = List.of(setting("0", "1", "1"), setting("9/10", "1", "3"), setting("1/2", "1/2", "2"));
    Sweep.Result r = Sweep.run(ms, settings, Sweep.Distributions.uniform(), 200, 1.0, 3, P, null);
    assertEquals(6, r.rechecked());
    assertEquals(6, r.agreed());
    for (Sweep.Run run : r.runs()) {
      Sweep.Recheck c = run.recheck();
      assertNotNull(c);
      assertTrue(c.maxLogitError() < 1e-12, c.toString());
    }
  }

  @Test
  void t6OscillationShowsInTheTailCycleStrengthOnlyWhenRhoExceedsOne() {
    // a = 1/2, λ = 1: ρ² = α² + β²/12. α = 9/10, β = 3: ρ² = 0.81 + 0.75 > 1; β = 1: 0.81 + 1/12 < 1
    List<ExperimentMatrix> ms = List.of(threeCycle(Rationals.HALF));
    Sweep.Result r = Sweep.run(ms, List.of(setting("9/10", "1", "3"), setting("9/10", "1", "1")),
        perturbedStart(), 2000, 0, 1, P, null);
    double unstable = r.runs().get(0).cycleStrengthTail();
    double stable = r.runs().get(1).cycleStrengthTail();
    assertTrue(unstable > 1e-3, "rho > 1 should oscillate, tail CS = " + unstable);
    assertTrue(stable < 1e-20, "rho < 1 should converge, tail CS = " + stable);
  }

  /** Uniform reference and offline sampler; start slightly off the uniform fixed point. */
  static Sweep.Distributions perturbedStart() {
    return new Sweep.Distributions() {
      @Override
      public prefdyn.pref.Distribution ref(int k) {
        return prefdyn.pref.Distribution.uniform(k);
      }

      @Override
      public prefdyn.pref.Distribution pi0(int k) {
        return prefdyn.pref.Distribution.uniform(k);
      }

      @Override
      public prefdyn.pref.Distribution init(int k) {
        return prefdyn.pref.Distribution.of(Rationals.of(34, 100), Rationals.of(33, 100), Rationals.of(33, 100));
      }
    };
  }

  @Test
  void collapseAtAlphaOneUnderflowsAndIsRecheckedWithItsTinyEntropy() {
    // T8: strictly SST, α = 1: log-odds grow every round; β = 20 drives π_2 below 1e-308 well before 1,000 rounds
    Sweep.Result r = Sweep.run(List.of(sst()), List.of(setting("1", "1", "20")), Sweep.Distributions.uniform(), 1000, 0, 1,
        P, null);
    Sweep.Run run = r.runs().get(0);
    assertTrue(run.underflow());
    Sweep.Recheck recheck = run.recheck();
    assertNotNull(recheck);
    assertEquals("underflow", recheck.reason());
    assertTrue(recheck.agrees(), recheck.toString());
    assertTrue(run.log10Entropy() < -300, "entropy " + run.entropy());
    assertEquals(0, run.top());
    assertTrue(ExperimentReport.entropy(run.entropy()).contains("E-"), ExperimentReport.entropy(run.entropy()));
  }

  @Test
  void cycleStrengthIsTheTimeVarianceAveragedOverCoordinates() {
    Sweep.Moments m = new Sweep.Moments(2);
    m.add(new double[] {0.2, 0.8});
    m.add(new double[] {0.4, 0.6});
    m.add(new double[] {0.6, 0.4});
    // each coordinate: values spaced 0.2 around its mean -> population variance 0.08/3
    assertEquals(0.08 / 3, m.meanVariance(), 1e-15);
    Sweep.Moments constant = new Sweep.Moments(3);
    for (int t = 0; t < 5; t++) {
      constant.add(new double[] {0.7, 0.2, 0.1});
    }
    assertEquals(0, constant.meanVariance(), 1e-18);
  }

  @Test
  void agreementIsDecidedByEnclosure() {
    prefdyn.num.Ball third = prefdyn.num.Ball.of(Rationals.of(1, 3), 200);
    // the double nearest 1/3 with a stated error of 1e-15: inside, and the enclosure is tighter
    assertEquals(Sweep.Agreement.AGREES, Sweep.Agreement.of(1.0 / 3, 1e-15, third));
    // a wrong double value (off by 1e-12) with the same stated error: outside, rejected
    assertEquals(Sweep.Agreement.DISAGREES, Sweep.Agreement.of(1.0 / 3 + 1e-12, 1e-15, third));
    // an enclosure wider than the stated error cannot confirm the claim
    prefdyn.num.Ball wide = third.inflate(Rationals.of(1, 1000));
    assertEquals(Sweep.Agreement.UNDECIDED, Sweep.Agreement.of(1.0 / 3, 1e-15, wide));
    assertEquals(Sweep.Agreement.UNDECIDED, Sweep.Agreement.of(1.0 / 3, 1e-15, prefdyn.num.Ball.whole()));
  }
}
