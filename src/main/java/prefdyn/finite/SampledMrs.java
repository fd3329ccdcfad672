package prefdyn.finite;

import java.util.SplittableRandom;
import org.apfloat.Apfloat;
import org.apfloat.Aprational;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.dynamics.CheckedTrajectory;
import prefdyn.dynamics.MrsMap;
import prefdyn.dynamics.MrsParameters;
import prefdyn.dynamics.Trajectory;
import prefdyn.num.InvalidParameter;
import prefdyn.num.Linalg;
import prefdyn.num.Precision;
import prefdyn.pref.Distribution;
import prefdyn.qual.Centered;

/**
 * Finite-sample MRS-IPO (docs/theory.md section 7, {@code proofs-notes/finite-sample.md}). Round t
 * (t = 1, 2, …, the round that produces θ_t) draws N comparisons (y, y′) i.i.d. from μ ⊗ μ,
 * {@code μ = λ softmax(θ_{t−1}) + (1−λ)π_0}, with outcomes o ~ Bernoulli(P_yy′)
 * ({@link ComparisonSampler}), and returns
 * <pre>  θ_t = Π( α θ_{t−1} + (1−α) log π_ref + r ),   r = {@link FlowPotential#solve} of the counts,</pre>
 * the tabular IPO optimum on the sample with the round's reference π_ref^(t). With the exact
 * expected counts in place of the sample, r = Π βPμ and this is the population round
 * ({@link MrsMap#apply}).
 *
 * <p><b>Determinism.</b> Round t of a run with seed S draws from
 * {@code new SplittableRandom(roundSeed(S, t))} and from nothing else; replicate j of a run uses
 * the seed {@code replicateSeed(S, j)}. The output depends only on (parameters, precision, S, N),
 * never on threads or timing: runs can be distributed over threads freely.
 */
public final class SampledMrs {
  private final MrsMap map;
  private final ComparisonSampler sampler;
  private final int samplesPerRound;

  /**
   * @throws InvalidParameter if N < 1, or the map's rounds are not IPO rounds
   */
  public SampledMrs(MrsMap map, int samplesPerRound) {
    if (samplesPerRound < 1) {
      throw new InvalidParameter("samples", "the number of comparisons per round must be a positive integer, got "
          + samplesPerRound);
    }
    if (map.parameters().method() != MrsParameters.Method.IPO) {
      throw new InvalidParameter("method", "finite-sample rounds are IPO rounds (the tabular IPO optimum of the sample)");
    }
    this.map = map;
    this.samplesPerRound = samplesPerRound;
    this.sampler = new ComparisonSampler(map.parameters().pref(), map.precision());
  }

  public MrsMap map() {
    return map;
  }

  public int samplesPerRound() {
    return samplesPerRound;
  }

  /** The seed of round t of a run with seed S (SplitMix64 finalizer of a counter). */
  public static long roundSeed(long seed, long round) {
    return mix(mix(seed) + 0x9E3779B97F4A7C15L * (round + 1));
  }

  /** The seed of replicate j (j = 0, 1, …) of a run with seed S; replicate 0 is the run itself. */
  public static long replicateSeed(long seed, int replicate) {
    return replicate == 0 ? seed : mix(seed ^ mix(0xD1B54A32D192ED03L * replicate));
  }

  /** The comparisons of round t from θ_{t−1}: N draws from the quantized μ ⊗ μ and P. */
  public ComparisonCounts sample(Apfloat[] theta, long seed, long round) {
    long[] t = ComparisonSampler.thresholds(map.sampler(theta), map.precision());
    return sampler.draw(t, samplesPerRound, new SplittableRandom(roundSeed(seed, round)));
  }

  /** The round's logits {@code Π(αθ + (1−α)log π_ref + r)} for given counts (sampled or expected). */
  public static Apfloat @Centered [] roundWith(MrsMap map, Apfloat[] theta, ComparisonCounts counts) {
    Precision p = map.precision();
    Aprational[] r = FlowPotential.solve(counts, map.parameters().beta());
    Apfloat[] ref = map.roundReference(theta);
    Apfloat[] next = new Apfloat[ref.length];
    for (int i = 0; i < ref.length; i++) {
      next[i] = r[i].signum() == 0 ? ref[i] : ref[i].add(p.real(r[i]));
    }
    return Linalg.center(next, p);
  }

  /** Round t (t ≥ 1) of the run with seed S: θ_t from θ_{t−1}. */
  public Apfloat @Centered [] round(Apfloat[] theta, long seed, long round) {
    return roundWith(map, theta, sample(theta, seed, round));
  }

  /** One round without building a {@code SampledMrs} first. */
  public static Apfloat @Centered [] round(MrsMap map, Apfloat[] theta, long seed, long round, int samplesPerRound) {
    return new SampledMrs(map, samplesPerRound).round(theta, seed, round);
  }

  /**
   * Runs {@code steps} sampled rounds from θ_0: the finite-sample counterpart of
   * {@link Trajectory#run(MrsMap, Apfloat[], long, long, Trajectory.Observer, Trajectory.Progress)},
   * with the same arguments plus the seed and N, so a caller that runs trajectories through a
   * function of that shape can swap one for the other. The observer gets the centered logits at
   * round 0, every {@code every}-th round ({@code every <= 0}: none in between) and the last round.
   *
   * @return θ_steps
   */
  public static Apfloat @Centered [] trajectory(MrsMap map, Apfloat[] theta0, long steps, long every,
      Trajectory.@Nullable Observer observer, Trajectory.@Nullable Progress progress, long seed, int samplesPerRound) {
    SampledMrs s = new SampledMrs(map, samplesPerRound);
    return Trajectory.run((theta, t) -> s.round(theta, seed, t), map.precision(), theta0, steps, every, observer, progress);
  }

  /** {@link #trajectory(MrsMap, Apfloat[], long, long, Trajectory.Observer, Trajectory.Progress, long, int)} without progress. */
  public static Apfloat @Centered [] trajectory(MrsMap map, Apfloat[] theta0, long steps, long every,
      Trajectory.@Nullable Observer observer, long seed, int samplesPerRound) {
    return trajectory(map, theta0, steps, every, observer, null, seed, samplesPerRound);
  }

  /**
   * The certified finite-sample trajectory of the seed: {@link CheckedTrajectory#run} over
   * {@link SampledBallOrbit}s. Every printed digit holds for the trajectory that exact arithmetic
   * produces from the seed's random bits ({@code proofs-notes/finite-sample.md}, "Certified
   * trajectories"); the draws are decided on enclosures (a draw too close to call at one
   * precision restarts the run at a higher one), the potential is solved exactly.
   *
   * @throws InvalidParameter if the rounds are not IPO rounds, N < 1, or the start is not an
   *     interior distribution on K responses
   */
  public static CheckedTrajectory.Result certified(MrsParameters params, Distribution init, long steps, long every,
      Precision precision, int plotPoints, Trajectory.@Nullable Progress progress, long seed, int samplesPerRound) {
    if (samplesPerRound < 1) {
      throw new InvalidParameter("samples", "the number of comparisons per round must be a positive integer, got "
          + samplesPerRound);
    }
    if (params.method() != MrsParameters.Method.IPO) {
      throw new InvalidParameter("method", "finite-sample rounds are IPO rounds (the tabular IPO optimum of the sample)");
    }
    init.requireK(params.k(), "start").requireInterior("start");
    return CheckedTrajectory.run(bits -> new SampledBallOrbit(params, MrsMap.logitsOfBalls(init, bits), bits, seed,
        samplesPerRound), "", steps, every, precision, plotPoints, progress);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
