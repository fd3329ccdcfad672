package prefdyn.dynamics;

import org.apfloat.Apfloat;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.num.Linalg;
import prefdyn.num.Precision;
import prefdyn.qual.Centered;

/**
 * Runs an MRS map for a number of rounds, handing the logits to an observer at the trace
 * rounds only (round 0, every N-th round, and the last round), so a run of 10^6 rounds keeps
 * O(K) numbers alive.
 */
public final class Trajectory {
  private Trajectory() {}

  /** Receives the (centered) logits at a trace round. */
  @FunctionalInterface
  public interface Observer {
    void at(long t, Apfloat @Centered [] logits);
  }

  /** Receives progress (rounds done out of the total), at most a few times per second. */
  @FunctionalInterface
  public interface Progress {
    void done(long t, long total);
  }

  /** Round {@code t} of an orbit: the logits after it from the logits before it. */
  @FunctionalInterface
  public interface Round {
    Apfloat @Centered [] next(Apfloat @Centered [] theta, long t);
  }

  /**
   * Iterates {@code steps} rounds of the MRS map from {@code theta0}.
   *
   * @param every trace every this many rounds ({@code <= 0}: first and last only)
   * @return the logits after the last round
   */
  public static Apfloat @Centered [] run(MrsMap map, Apfloat[] theta0, long steps, long every, @Nullable Observer observer,
      @Nullable Progress progress) {
    return run((theta, t) -> map.apply(theta), map.precision(), theta0, steps, every, observer, progress);
  }

  /**
   * Iterates {@code steps} rounds from {@code theta0} (centered first, at {@code precision}): the
   * one loop behind the population orbit above and the finite-sample one
   * ({@code finite.SampledMrs#trajectory}).
   *
   * @param every trace every this many rounds ({@code <= 0}: first and last only)
   * @return the logits after the last round
   */
  public static Apfloat @Centered [] run(Round round, Precision precision, Apfloat[] theta0, long steps, long every,
      @Nullable Observer observer, @Nullable Progress progress) {
    if (steps < 0) {
      throw new IllegalArgumentException("negative number of steps");
    }
    Apfloat[] theta = Linalg.center(theta0, precision);
    if (observer != null) {
      observer.at(0, theta);
    }
    Throttle throttle = new Throttle(progress);
    for (long t = 1; t <= steps; t++) {
      theta = round.next(theta, t);
      if (observer != null && traced(t, steps, every)) {
        observer.at(t, theta);
      }
      throttle.at(t, steps);
    }
    throttle.end(steps);
    return theta;
  }

  /** Whether round {@code t} of {@code steps} is a trace round: the first, every {@code every}-th, the last. */
  static boolean traced(long t, long steps, long every) {
    return t == 0 || t == steps || (every > 0 && t % every == 0);
  }

  /**
   * Hands progress on at most four times a second (the clock is read every 64 rounds), and once at
   * the end.
   */
  static final class Throttle {
    private final @Nullable Progress progress;
    private long lastReport = System.nanoTime();

    Throttle(@Nullable Progress progress) {
      this.progress = progress;
    }

    void at(long t, long total) {
      if (progress != null && (t & 63) == 0) {
        long now = System.nanoTime();
        if (now - lastReport > 250_000_000L) {
          progress.done(t, total);
          lastReport = now;
        }
      }
    }

    void end(long total) {
      if (progress != null) {
        progress.done(total, total);
      }
    }
  }

  /** The logits after {@code steps} rounds, without a trace. */
  public static Apfloat @Centered [] run(MrsMap map, Apfloat[] theta0, long steps) {
    return run(map, theta0, steps, 0, null, null);
  }
}
