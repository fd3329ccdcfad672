package prefdyn.dynamics;

import org.apfloat.Apfloat;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.num.Linalg;
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

  /**
   * Iterates {@code steps} rounds from {@code theta0}.
   *
   * @param every trace every this many rounds ({@code <= 0}: first and last only)
   * @return the logits after the last round
   */
  public static Apfloat @Centered [] run(MrsMap map, Apfloat[] theta0, long steps, long every, @Nullable Observer observer,
      @Nullable Progress progress) {
    if (steps < 0) {
      throw new IllegalArgumentException("negative number of steps");
    }
    Apfloat[] theta = Linalg.center(theta0, map.precision());
    if (observer != null) {
      observer.at(0, theta);
    }
    long lastReport = System.nanoTime();
    for (long t = 1; t <= steps; t++) {
      theta = map.apply(theta);
      if (observer != null && (t == steps || (every > 0 && t % every == 0))) {
        observer.at(t, theta);
      }
      if (progress != null && (t & 63) == 0) {
        long now = System.nanoTime();
        if (now - lastReport > 250_000_000L) {
          progress.done(t, steps);
          lastReport = now;
        }
      }
    }
    if (progress != null) {
      progress.done(steps, steps);
    }
    return theta;
  }

  /** The logits after {@code steps} rounds, without a trace. */
  public static Apfloat @Centered [] run(MrsMap map, Apfloat[] theta0, long steps) {
    return run(map, theta0, steps, 0, null, null);
  }
}
