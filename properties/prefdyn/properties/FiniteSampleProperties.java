package prefdyn.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple3;
import org.apfloat.Aprational;
import prefdyn.finite.ComparisonCounts;
import prefdyn.finite.ComparisonSampler;
import prefdyn.finite.FlowPotential;
import prefdyn.finite.SampledMrs;
import prefdyn.finite.SamplingBound;
import prefdyn.gen.Distributions;
import prefdyn.gen.Matrices;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.PreferenceMatrix;

/**
 * Finite-sample MRS-IPO ({@code proofs-notes/finite-sample.md}): (a) with the exact expected
 * counts of a product measure the sampled round's potential IS the population round's, exactly;
 * (b) a sampled potential lies within the Hoeffding bound B(N, δ) = O(1/√N) of the population
 * potential at fixed seeds; (c) deliberately broken solvers and samplers are rejected by (a) and
 * (b); and the normalization convention for unsampled responses and disconnected graphs.
 */
class FiniteSampleProperties {
  /** Failure probability of one (b) check for a random seed; the seeds used are fixed. */
  static final double DELTA = 1e-6;

  @Provide
  Arbitrary<Tuple3<PreferenceMatrix, Aprational[], Aprational>> anySampler() {
    return Matrices.any(2, 5).flatMap(p -> Combinators.combine(Distributions.any(p.k()), betas())
        .as((mu, beta) -> Tuple.of(p, mu.exactEntries(), beta)));
  }

  @Provide
  Arbitrary<Tuple3<PreferenceMatrix, Aprational[], Aprational>> interiorSampler() {
    return Matrices.any(3, 4).flatMap(p -> Combinators.combine(Distributions.interior(p.k()), betas())
        .as((mu, beta) -> Tuple.of(p, mu.exactEntries(), beta)));
  }

  @Provide("betas")
  Arbitrary<Aprational> betaValues() {
    return betas();
  }

  static Arbitrary<Aprational> betas() {
    return Arbitraries.integers().between(0, 12).flatMap(n -> Arbitraries.integers().between(1, 4).map(d -> Rationals.of(n, d)));
  }

  static boolean same(Aprational[] a, Aprational[] b) {
    if (a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (a[i].compareTo(b[i]) != 0) {
        return false;
      }
    }
    return true;
  }

  /** Check (a): the solver's potential on the expected counts equals the population round's. */
  static boolean matchesPopulation(FlowPotential.Solver solver, PreferenceMatrix p, Aprational[] mu, Aprational beta) {
    return same(solver.potential(ComparisonCounts.expected(p, mu), beta), FlowPotential.population(p, mu, beta));
  }

  // ---- (a) expected counts give the population round, exactly ----

  @Property(tries = 150)
  void expectedCountsGiveThePopulationRound(@ForAll("anySampler") Tuple3<PreferenceMatrix, Aprational[], Aprational> x) {
    assertTrue(matchesPopulation(FlowPotential::solve, x.get1(), x.get2(), x.get3()),
        "expected-count potential differs from β Pμ for P = " + x.get1() + ", μ = " + List.of(x.get2()));
  }

  @Property(tries = 50)
  void scalingAllCountsByNChangesNothing(@ForAll("anySampler") Tuple3<PreferenceMatrix, Aprational[], Aprational> x,
      @ForAll("counts") int n) {
    ComparisonCounts one = ComparisonCounts.expected(x.get1(), x.get2());
    int k = one.k();
    Aprational[][] w = new Aprational[k][k];
    Aprational[] d = new Aprational[k];
    Aprational scale = Rationals.of(n);
    for (int i = 0; i < k; i++) {
      d[i] = one.netWins(i).multiply(scale);
      for (int j = 0; j < k; j++) {
        w[i][j] = one.weight(i, j).multiply(scale);
      }
    }
    assertTrue(same(FlowPotential.solve(ComparisonCounts.of(w, d), x.get3()), FlowPotential.solve(one, x.get3())));
  }

  @Provide
  Arbitrary<Integer> counts() {
    return Arbitraries.integers().between(1, 100_000);
  }

  // ---- (c) broken solvers are rejected by (a) ----

  /** Broken: every observed pair counted once (weight 1) instead of once per sample. */
  static Aprational[] perPairWeights(ComparisonCounts c, Aprational beta) {
    int k = c.k();
    Aprational[][] w = new Aprational[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        w[i][j] = c.weight(i, j).signum() > 0 ? Rationals.ONE : Rationals.ZERO;
      }
    }
    return FlowPotential.solve(c.withWeights(w), beta);
  }

  /** Broken: targets β·(±1) (wins − losses times β) instead of β(o − ½) = ±β/2. */
  static Aprational[] fullBeta(ComparisonCounts c, Aprational beta) {
    return FlowPotential.solve(c, beta.multiply(Rationals.of(2)));
  }

  @Example
  void brokenSolversAreRejectedByTheExpectedCountCheck() {
    PreferenceMatrix p = Matrices.threeCycle(Rationals.of(1, 4));
    Aprational[] mu = {Rationals.of(1, 2), Rationals.of(1, 3), Rationals.of(1, 6)};
    Aprational beta = Rationals.of(2);
    assertTrue(matchesPopulation(FlowPotential::solve, p, mu, beta));
    assertTrue(!matchesPopulation(FiniteSampleProperties::perPairWeights, p, mu, beta), "per-pair weights not rejected");
    assertTrue(!matchesPopulation(FiniteSampleProperties::fullBeta, p, mu, beta), "β instead of β/2 not rejected");
  }

  @Property(tries = 80)
  void aWrongBetaConventionIsRejectedWheneverTheRoundMovesAnything(
      @ForAll("anySampler") Tuple3<PreferenceMatrix, Aprational[], Aprational> x) {
    Aprational[] pop = FlowPotential.population(x.get1(), x.get2(), x.get3());
    boolean nonzero = false;
    for (Aprational v : pop) {
      nonzero |= v.signum() != 0;
    }
    assertEquals(nonzero, !matchesPopulation(FiniteSampleProperties::fullBeta, x.get1(), x.get2(), x.get3()));
  }

  // ---- the convention: unsampled responses and disconnected comparison graphs ----

  /** Comparisons among a random subset of K = 5 responses (so some are never compared). */
  @Provide
  Arbitrary<ComparisonCounts> sparseCounts() {
    Arbitrary<Tuple3<Integer, Integer, Boolean>> one = Combinators.combine(
        Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 4), Arbitraries.of(true, false))
        .as(Tuple::of);
    return one.list().ofMinSize(0).ofMaxSize(12).map(list -> {
      long[][] pairs = new long[5][5];
      long[] net = new long[5];
      for (Tuple3<Integer, Integer, Boolean> c : list) {
        int y = c.get1();
        int y2 = c.get2();
        if (y != y2) {
          pairs[y][y2]++;
          pairs[y2][y]++;
          net[y] += c.get3() ? 1 : -1;
          net[y2] += c.get3() ? -1 : 1;
        }
      }
      return ComparisonCounts.ofCounts(pairs, net);
    });
  }

  @Property(tries = 200)
  void unsampledResponsesKeepTheirReferenceAndEachComponentItsMean(@ForAll("sparseCounts") ComparisonCounts c,
      @ForAll("betas") Aprational beta) {
    Aprational[] r = FlowPotential.solve(c, beta);
    Aprational halfBeta = beta.multiply(Rationals.HALF);
    for (int[] comp : c.components()) {
      Aprational sum = Rationals.ZERO;
      for (int i : comp) {
        sum = sum.add(r[i]);
        // the normal equations (L r = (β/2) d) hold exactly at every response
        Aprational lr = Rationals.ZERO;
        for (int j = 0; j < c.k(); j++) {
          lr = lr.add(c.weight(i, j).multiply(r[i].subtract(r[j])));
        }
        assertEquals(0, lr.compareTo(halfBeta.multiply(c.netWins(i))), "normal equation at " + i);
      }
      assertEquals(0, sum.signum(), "component mean of r is not 0");
      if (comp.length == 1) {
        assertEquals(0, r[comp[0]].signum(), "an unsampled response moved");
      }
    }
  }

  // ---- (b) O(1/√N) convergence: Hoeffding bound at fixed seeds ----

  /** The sampled law of a case: quantized μ̃ and P̃, and the population potential r of (P̃ or P̃ᵀ, μ̃). */
  record Law(ComparisonSampler sampler, long[] thresholds, Aprational[] mu, Aprational[] r, Aprational beta) {
    static Law of(PreferenceMatrix p, Aprational[] mu, Aprational beta, boolean transposeOutcomes) {
      ComparisonSampler sampler = new ComparisonSampler(p, Precision.DEFAULT);
      long[] t = ComparisonSampler.thresholds(mu);
      Aprational[] law = ComparisonSampler.law(t);
      PreferenceMatrix outcomes = transposeOutcomes ? transpose(sampler.outcomeLaw()) : sampler.outcomeLaw();
      return new Law(sampler, t, law, FlowPotential.population(outcomes, law, beta), beta);
    }

    /** ||r̂ − r||₂, r̂ from n comparisons drawn with the given seed (difference exact, then rounded). */
    double error(int n, long seed) {
      ComparisonCounts c = sampler.draw(thresholds, n, new SplittableRandom(seed));
      return dist(FlowPotential.solve(c, beta), r);
    }

    double bound(long n) {
      return SamplingBound.deviation(r, mu, beta, n, DELTA);
    }
  }

  static double bound(PreferenceMatrix p, Aprational[] mu, Aprational beta, long n) {
    return Law.of(p, mu, beta, false).bound(n);
  }

  static PreferenceMatrix transpose(PreferenceMatrix p) {
    int k = p.k();
    Aprational[][] q = new Aprational[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        q[i][j] = p.exact(j, i);
      }
    }
    return PreferenceMatrix.of(q);
  }

  /** jqwik's seed is fixed: the same 10 instances and sampling seeds every run (a seeded check). */
  @Property(tries = 10, seed = "20261130")
  void sampledPotentialIsWithinTheHoeffdingBound(@ForAll("interiorSampler") Tuple3<PreferenceMatrix, Aprational[], Aprational> x,
      @ForAll("seeds") long seed) {
    Law law = Law.of(x.get1(), x.get2(), x.get3(), false);
    for (int n : new int[] {1_000, 10_000, 100_000}) {
      double b = law.bound(n);
      double err = law.error(n, SampledMrs.roundSeed(seed, n));
      assertTrue(err <= b, "N = " + n + ": ||r̂ − r|| = " + err + " > B = " + b);
    }
  }

  @Provide
  Arbitrary<Long> seeds() {
    return Arbitraries.longs();
  }

  @Example
  void theBoundShrinksLikeOneOverRootN() {
    PreferenceMatrix p = Matrices.threeCycle(Rationals.HALF);
    Aprational[] mu = {Rationals.of(1, 2), Rationals.of(3, 10), Rationals.of(1, 5)};
    Aprational beta = Rationals.of(2);
    // B(N) = c1/(√N (w − c2/√N)): B(N)/B(100N) > 10, tending to 10 as N grows
    double r4 = bound(p, mu, beta, 10_000) / bound(p, mu, beta, 1_000_000);
    double r8 = bound(p, mu, beta, 100_000_000) / bound(p, mu, beta, 10_000_000_000L);
    assertTrue(r4 > 10, "B(10^4)/B(10^6) = " + r4);
    assertTrue(r8 > 10 && r8 < 10.1, "B(10^8)/B(10^10) = " + r8);
  }

  /** The instance both broken-component examples run on: P_{1/4}, μ = (1/2, 1/3, 1/6), β = 2, N = 10^5. */
  private static final PreferenceMatrix BROKEN_P = Matrices.threeCycle(Rationals.of(1, 4));
  private static final Aprational[] BROKEN_MU = {Rationals.of(1, 2), Rationals.of(1, 3), Rationals.of(1, 6)};
  private static final Aprational BROKEN_BETA = Rationals.of(2);
  private static final int BROKEN_N = 100_000;

  @Example
  void aBrokenSamplerIsRejectedByTheBound() {
    // outcomes drawn from P but compared against Pᵀ: the error stays O(1), the bound goes to 0
    Law right = Law.of(BROKEN_P, BROKEN_MU, BROKEN_BETA, false);
    Law wrong = Law.of(BROKEN_P, BROKEN_MU, BROKEN_BETA, true);
    double b = right.bound(BROKEN_N);
    assertTrue(right.error(BROKEN_N, 7) <= b);
    assertTrue(wrong.error(BROKEN_N, 7) > b, "transposed outcomes not rejected");
  }

  @Example
  void aBrokenSolverIsRejectedByTheBound() {
    ComparisonSampler sampler = new ComparisonSampler(BROKEN_P, Precision.DEFAULT);
    long[] t = ComparisonSampler.thresholds(BROKEN_MU);
    ComparisonCounts c = sampler.draw(t, BROKEN_N, new SplittableRandom(11));
    Aprational[] r = FlowPotential.population(sampler.outcomeLaw(), ComparisonSampler.law(t), BROKEN_BETA);
    double b = bound(BROKEN_P, BROKEN_MU, BROKEN_BETA, BROKEN_N);
    assertTrue(dist(FlowPotential.solve(c, BROKEN_BETA), r) <= b);
    assertTrue(dist(perPairWeights(c, BROKEN_BETA), r) > b, "per-pair weights not rejected");
    assertTrue(dist(fullBeta(c, BROKEN_BETA), r) > b, "β instead of β/2 not rejected");
  }

  static double dist(Aprational[] a, Aprational[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double e = a[i].subtract(b[i]).doubleValue();
      s += e * e;
    }
    return Math.sqrt(s);
  }

  @Example
  void samePseudoRandomStreamsForTheSameSeed() {
    assertEquals(SampledMrs.roundSeed(5, 3), SampledMrs.roundSeed(5, 3));
    assertNotEquals(SampledMrs.roundSeed(5, 3), SampledMrs.roundSeed(5, 4));
    assertNotEquals(SampledMrs.roundSeed(5, 3), SampledMrs.roundSeed(6, 3));
    assertEquals(5, SampledMrs.replicateSeed(5, 0));
    assertNotEquals(SampledMrs.replicateSeed(5, 1), SampledMrs.replicateSeed(5, 2));
  }
}
