package prefdyn.finite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.apfloat.Aprational;
import org.junit.jupiter.api.Test;
import prefdyn.dynamics.MrsMap;
import prefdyn.dynamics.MrsParameters;
import prefdyn.gen.Matrices;
import prefdyn.num.InvalidParameter;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;

class SampledMrsTest {
  static Aprational q(long n, long d) {
    return Rationals.of(n, d);
  }

  static MrsMap map(Aprational alpha, Aprational lambda, Aprational beta, Distribution ref, Distribution pi0, int digits) {
    PreferenceMatrix p = Matrices.threeCycle(q(1, 4));
    return new MrsMap(new MrsParameters(p, alpha, lambda, beta, ref, pi0, MrsParameters.Method.IPO), new Precision(digits));
  }

  @Test
  void expectedCountsReproduceThePopulationMapRound() {
    // λ = 0: the sampler is π_0, exact, so the expected counts are exact rationals
    Distribution pi0 = Distribution.of(q(1, 2), q(1, 3), q(1, 6));
    Distribution ref = Distribution.of(q(1, 5), q(2, 5), q(2, 5));
    MrsMap m = map(q(1, 2), Rationals.ZERO, q(3, 1), ref, pi0, 50);
    Apfloat[] theta = m.logitsOf(Distribution.of(q(1, 2), q(3, 10), q(1, 5)));
    Apfloat[] sampledForm = SampledMrs.roundWith(m, theta, ComparisonCounts.expected(m.parameters().pref(), pi0.exactEntries()));
    Apfloat[] population = m.apply(theta);
    for (int i = 0; i < 3; i++) {
      Apfloat diff = ApfloatMath.abs(sampledForm[i].subtract(population[i]));
      assertTrue(diff.compareTo(new Apfloat("1e-45")) < 0, "coordinate " + i + " differs by " + diff);
    }
  }

  static String run(long seed, int n) {
    MrsMap m = map(q(9, 10), Rationals.ONE, q(4, 1), Distribution.uniform(3), Distribution.uniform(3), 30);
    Apfloat[] theta0 = m.logitsOf(Distribution.of(q(1, 2), q(3, 10), q(1, 5)));
    StringBuilder out = new StringBuilder();
    SampledMrs.trajectory(m, theta0, 15, 1, (t, th) -> out.append(t).append(' ')
        .append(new Precision(30).formatAbsolute(th, new Apfloat(1))).append('\n'), seed, n);
    return out.toString();
  }

  @Test
  void sameSeedSameOutputOnAnyThread() throws Exception {
    String reference = run(42, 300);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<String>> runs = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        runs.add(pool.submit(() -> run(42, 300)));
      }
      for (Future<String> f : runs) {
        assertEquals(reference, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
    assertNotEquals(reference, run(43, 300));
  }

  @Test
  void badSampleCountsAndDpoAreInvalidParameter() {
    MrsMap m = map(q(1, 2), Rationals.ONE, q(1, 1), Distribution.uniform(3), Distribution.uniform(3), 20);
    assertThrows(InvalidParameter.class, () -> new SampledMrs(m, 0));
    assertThrows(InvalidParameter.class, () -> new SampledMrs(m, -5));
    MrsMap dpo = new MrsMap(m.parameters().withMethod(MrsParameters.Method.DPO), new Precision(20));
    assertThrows(InvalidParameter.class, () -> new SampledMrs(dpo, 10));
  }

  @Test
  void quantizedLawIsExactAndClose() {
    Aprational[] mu = {q(1, 3), q(1, 3), q(1, 3)};
    long[] t = ComparisonSampler.thresholds(mu);
    Aprational[] law = ComparisonSampler.law(t);
    Aprational sum = Rationals.ZERO;
    for (int i = 0; i < 3; i++) {
      sum = sum.add(law[i]);
      Aprational err = law[i].subtract(mu[i]);
      assertTrue(Math.abs(err.doubleValue()) <= Math.pow(2, -52), "quantization error " + err);
    }
    assertEquals(0, sum.compareTo(Rationals.ONE));
    // dyadic P entries are sampled exactly
    ComparisonSampler s = new ComparisonSampler(Matrices.threeCycle(q(1, 4)), new Precision(20));
    assertEquals(Matrices.threeCycle(q(1, 4)), s.outcomeLaw());
  }

  /**
   * The observed rate: RMS over 24 fixed seeds of ||r̂ − r||₂ for N = 10^2..10^5 on the 3-cycle
   * (a = 1/2, β = 2, μ = (1/2, 3/10, 1/5)). The least-squares slope of log RMS against log N must
   * be −1/2 within ±0.1 (its standard error at 24 seeds is about 0.03, so this is a check of the
   * exponent, not a tuned tolerance). Numbers are printed for proofs-notes/finite-sample.md.
   */
  @Test
  void observedRateIsOneOverRootN() {
    PreferenceMatrix p = Matrices.threeCycle(Rationals.HALF);
    Aprational[] mu = {q(1, 2), q(3, 10), q(1, 5)};
    Aprational beta = q(2, 1);
    ComparisonSampler sampler = new ComparisonSampler(p, new Precision(20));
    long[] t = ComparisonSampler.thresholds(mu);
    Aprational[] r = FlowPotential.population(sampler.outcomeLaw(), ComparisonSampler.law(t), beta);
    int[] ns = {100, 1_000, 10_000, 100_000};
    double[] x = new double[ns.length];
    double[] y = new double[ns.length];
    StringBuilder report = new StringBuilder("finite-sample rate (3-cycle a=1/2, beta=2, mu=(1/2,3/10,1/5), 24 seeds):");
    for (int a = 0; a < ns.length; a++) {
      double ss = 0;
      int seeds = 24;
      for (int s = 0; s < seeds; s++) {
        ComparisonCounts c = sampler.draw(t, ns[a], new SplittableRandom(SampledMrs.roundSeed(s, ns[a])));
        Aprational[] rHat = FlowPotential.solve(c, beta);
        for (int i = 0; i < 3; i++) {
          double e = rHat[i].subtract(r[i]).doubleValue();
          ss += e * e;
        }
      }
      double rms = Math.sqrt(ss / seeds);
      x[a] = Math.log(ns[a]);
      y[a] = Math.log(rms);
      report.append(String.format(" N=%d rms=%.5f sqrtN*rms=%.3f;", ns[a], rms, Math.sqrt(ns[a]) * rms));
    }
    double mx = 0;
    double my = 0;
    for (int a = 0; a < ns.length; a++) {
      mx += x[a] / ns.length;
      my += y[a] / ns.length;
    }
    double sxy = 0;
    double sxx = 0;
    for (int a = 0; a < ns.length; a++) {
      sxy += (x[a] - mx) * (y[a] - my);
      sxx += (x[a] - mx) * (x[a] - mx);
    }
    double slope = sxy / sxx;
    System.out.println(report + String.format(" slope=%.4f", slope));
    assertTrue(slope > -0.6 && slope < -0.4, "slope " + slope);
  }
}
