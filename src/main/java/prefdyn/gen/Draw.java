package prefdyn.gen;

import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.JqwikException;
import net.jqwik.api.sessions.JqwikSession;

/**
 * Drawing values from an {@link Arbitrary} outside a jqwik property run (for {@code prefdyn check}
 * and {@code prefdyn search}). jqwik needs a session to generate values; this opens one when none
 * is active and closes it again, so it also works inside a property.
 */
public final class Draw {
  private Draw() {}

  /**
   * One value, with jqwik's edge cases mixed in (so point masses, K = 2 and entries 0, 1/2, 1
   * come up as they do in a property run).
   *
   * @param random the source of randomness (seed it for reproducible runs)
   * @param genSize jqwik's "genSize" (how large values may grow; 1000 is jqwik's default)
   */
  public static <T> T sample(Arbitrary<T> arbitrary, Random random, int genSize) {
    return samples(arbitrary, random, genSize, 1).get(0);
  }

  /** {@link #sample(Arbitrary, Random, int)} at jqwik's default genSize 1000. */
  public static <T> T sample(Arbitrary<T> arbitrary, Random random) {
    return sample(arbitrary, random, 1000);
  }

  /** {@code n} values in one jqwik session (cheaper than n calls to {@link #sample}). */
  public static <T> java.util.List<T> samples(Arbitrary<T> arbitrary, Random random, int genSize, int n) {
    boolean own = false;
    if (!JqwikSession.isActive()) {
      try {
        JqwikSession.start();
        own = true;
      } catch (JqwikException e) {
        // inside jqwik's lifecycle
      }
    }
    try {
      net.jqwik.api.RandomGenerator<T> g = arbitrary.generator(genSize, true);
      java.util.List<T> out = new java.util.ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(g.next(random).value());
      }
      return out;
    } finally {
      if (own) {
        JqwikSession.finish();
      }
    }
  }
}
