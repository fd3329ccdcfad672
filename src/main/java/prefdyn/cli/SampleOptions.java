package prefdyn.cli;

import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine.Option;

/**
 * The finite-sample flags shared by {@code iterate} and {@code figure1}: {@code --samples N}
 * comparisons a round (absent: the population map) and {@code --seed S} (needs {@code --samples};
 * default 1).
 */
public final class SampleOptions {
  /** The seed when {@code --samples} is given without {@code --seed}. */
  public static final long DEFAULT_SEED = 1;

  @Option(names = "--samples", paramLabel = "N", description = "Comparisons per round (a positive integer): the finite-sample map (default: the population map).")
  @Nullable Integer samples;

  @Option(names = "--seed", paramLabel = "S", description = "Seed of the finite-sample run (needs --samples; default 1). The same seed gives the same output.")
  @Nullable Long seed;

  /** Whether {@code --samples} was given. @throws BadInput for N < 1, or --seed without --samples */
  public boolean sampled() {
    if (samples == null) {
      if (seed != null) {
        throw new BadInput("--seed needs --samples N (without --samples the map is the population map, nothing is random)");
      }
      return false;
    }
    if (samples < 1) {
      throw new BadInput("--samples must be a positive integer, got " + samples);
    }
    return true;
  }

  /** N (only when {@link #sampled()}). */
  public int samples() {
    Integer n = samples;
    if (n == null) {
      throw new IllegalStateException("no --samples");
    }
    return n;
  }

  /** The seed ({@link #DEFAULT_SEED} when not given). */
  public long seed() {
    Long s = seed;
    return s == null ? DEFAULT_SEED : s;
  }
}
