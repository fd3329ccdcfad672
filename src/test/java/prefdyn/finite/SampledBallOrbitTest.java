package prefdyn.finite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apfloat.Apfloat;
import org.apfloat.Apint;
import org.apfloat.Aprational;
import org.junit.jupiter.api.Test;
import prefdyn.dynamics.CheckedTrajectory;
import prefdyn.dynamics.LogitPolicy;
import prefdyn.dynamics.MrsMap;
import prefdyn.dynamics.MrsParameters;
import prefdyn.gen.Matrices;
import prefdyn.num.Ball;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;

/** The certified finite-sample orbit: same draws as {@link SampledMrs}, exact decisions, enclosures. */
class SampledBallOrbitTest {
  static Aprational q(long n, long d) {
    return Rationals.of(n, d);
  }

  @Test
  void cutsDecideExactlyTheQuantizedSamplersPredicates() {
    SplittableRandom rng = new SplittableRandom(5);
    for (int n = 0; n < 20_000; n++) {
      long den = 1 + rng.nextLong(1L << 40);
      Aprational x = q(rng.nextLong(den + 1), den);
      long t = ComparisonSampler.roundHalfUp(x);
      long near = Math.max(0, Math.min(ComparisonSampler.ONE - 1, t - 2 + rng.nextLong(5)));
      long v = rng.nextBoolean() ? rng.nextLong(ComparisonSampler.ONE) : near;
      long w = 2 * v + 1;
      assertEquals(v < t, w <= SampledBallOrbit.cut(x, false), "u <= x at v = " + v + ", x = " + x);
      // the lower triangle: t_ji = 2^53 - t_ij, decided as the strict u < 1 - x
      long tc = ComparisonSampler.ONE - t;
      assertEquals(v < tc, w <= SampledBallOrbit.cut(Rationals.ONE.subtract(x), true), "u < 1 - x at v = " + v);
    }
    // at a tie the two predicates differ, and each matches its side
    Aprational half = Rationals.HALF;
    long v = (1L << 52) - 1; // u = (2^53 - 1)/2^54 < 1/2
    assertTrue(2 * v + 1 <= SampledBallOrbit.cut(half, false));
    assertTrue(2 * v + 1 <= SampledBallOrbit.cut(half, true));
  }

  @Test
  void expectedCountsGiveThePopulationBallRound() {
    // λ = 0: μ = π_0 exact, so the expected counts are exact and the round must enclose the population round
    PreferenceMatrix p = Matrices.threeCycle(q(1, 4));
    Distribution pi0 = Distribution.of(q(1, 2), q(1, 3), q(1, 6));
    Distribution ref = Distribution.of(q(1, 5), q(2, 5), q(2, 5));
    MrsParameters params = new MrsParameters(p, q(1, 3), Rationals.ZERO, q(3, 1), ref, pi0, MrsParameters.Method.IPO);
    int bits = 200;
    Ball[] theta = MrsMap.logitsOfBalls(Distribution.of(q(1, 2), q(3, 10), q(1, 5)), bits);
    Ball[] m = new Ball[3];
    for (int i = 0; i < 3; i++) {
      m[i] = theta[i].midpoint();
    }
    SampledBallOrbit orbit = new SampledBallOrbit(params, m, bits, 1, 10);
    Ball[] sampledForm = orbit.roundPoint(m, ComparisonCounts.expected(p, pi0.exactEntries()));
    Ball[] population = new MrsMap(params, new Precision(20)).roundPoint(m, bits);
    for (int i = 0; i < 3; i++) {
      assertTrue(sampledForm[i].overlaps(population[i]), "coordinate " + i);
      assertTrue(sampledForm[i].radUpper() < 1e-50 && population[i].radUpper() < 1e-50);
    }
    // a wrong Laplacian weight (the broken solver of FiniteSampleProperties) is not enclosed together
    ComparisonCounts e = ComparisonCounts.expected(p, pi0.exactEntries());
    Aprational[][] w = new Aprational[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        w[i][j] = i == j ? Rationals.ZERO : (e.weight(i, j).signum() > 0 ? Rationals.ONE : Rationals.ZERO);
      }
    }
    Aprational[] d = new Aprational[3];
    for (int i = 0; i < 3; i++) {
      d[i] = e.netWins(i);
    }
    Ball[] broken = orbit.roundPoint(m, ComparisonCounts.of(w, d));
    boolean differs = false;
    for (int i = 0; i < 3; i++) {
      differs |= !broken[i].overlaps(population[i]);
    }
    assertTrue(differs, "a broken weight must change the round");
  }

  @Test
  void certifiedTrajectoryDrawsTheSameSamplesAsTheWorkingPrecisionOne() {
    PreferenceMatrix p = Matrices.threeCycle(q(1, 4));
    MrsParameters params = MrsParameters.ipo(p, q(9, 10), Rationals.ONE, q(4, 1));
    Distribution init = Distribution.of(q(1, 2), q(3, 10), q(1, 5));
    int steps = 15;
    CheckedTrajectory.Result c = SampledMrs.certified(params, init, steps, 0, new Precision(25), 0, null, 42, 300);
    assertTrue(c.complete(), String.valueOf(c.uncertified()));
    MrsMap m = new MrsMap(params, new Precision(60));
    Apfloat[] end = SampledMrs.trajectory(m, m.logitsOf(init), steps, 0, null, 42, 300);
    Apfloat[] policy = LogitPolicy.policy(end, m.precision());
    for (int i = 0; i < 3; i++) {
      Apfloat printed = new Apfloat(c.last().policy().get(i), 60);
      Apfloat diff = printed.subtract(policy[i]);
      assertTrue(Math.abs(diff.doubleValue()) < 1e-24, "π_" + i + ": certified " + printed + " vs " + policy[i]);
    }
  }

  @Test
  void aDrawOnAnExactThresholdIsDecidedExactly() {
    // λ = 0 and π_0 = (u, 1 − u) with u the first draw's own dyadic: S_0 = u exactly, so u <= S_0 holds
    long v = new SplittableRandom(SampledMrs.roundSeed(3, 1)).nextLong() >>> 11;
    Aprational u = new Aprational(new Apint(2 * v + 1), new Apint(1L << 54));
    Distribution pi0 = Distribution.of(u, Rationals.ONE.subtract(u));
    PreferenceMatrix p = PreferenceMatrix.of(new Aprational[][] {{Rationals.HALF, q(3, 4)}, {q(1, 4), Rationals.HALF}});
    MrsParameters params = new MrsParameters(p, q(1, 2), Rationals.ZERO, Rationals.ONE, Distribution.uniform(2), pi0,
        MrsParameters.Method.IPO);
    CheckedTrajectory.Result c = SampledMrs.certified(params, Distribution.uniform(2), 3, 0, new Precision(20), 0, null, 3, 50);
    assertTrue(c.complete(), String.valueOf(c.uncertified()));
  }
}
