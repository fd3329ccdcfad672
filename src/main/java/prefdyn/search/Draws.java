package prefdyn.search;

import java.util.Random;
import java.util.function.Supplier;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.JqwikException;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.sessions.JqwikSession;

/**
 * Many draws in one jqwik session with one generator: the batch form of
 * {@link prefdyn.gen.Draw#sample(Arbitrary, Random)}, giving the same value for the same seed
 * ({@code DrawsTest} checks this), about ten times faster per value, since {@code Draw.sample}
 * opens a session and builds a generator for every value (measured: 11 ms vs 1.3 ms per instance
 * on this machine). The check runner draws hundreds of instances per statement, and the search
 * one per restart.
 */
public final class Draws {
  /** jqwik's generation size, as in {@link prefdyn.gen.Draw#sample(Arbitrary, Random)}. */
  public static final int GEN_SIZE = 1000;

  private Draws() {}

  /** A generator with jqwik's edge cases embedded, as {@code Draw.sample} uses. */
  public static <T> RandomGenerator<T> generator(Arbitrary<T> arbitrary) {
    return arbitrary.generator(GEN_SIZE, true);
  }

  /** One value of the generator for a seed. Call inside {@link #inSession}. */
  public static <T> T draw(RandomGenerator<T> generator, long seed) {
    return generator.next(new Random(seed)).value();
  }

  /** Runs {@code body} in a jqwik session (or in the current jqwik lifecycle, if any). */
  public static <T> T inSession(Supplier<T> body) {
    if (JqwikSession.isActive()) {
      return body.get();
    }
    boolean started;
    try {
      JqwikSession.start();
      started = true;
    } catch (JqwikException insideJqwik) {
      started = false; // already inside a jqwik property: its lifecycle serves
    }
    try {
      return body.get();
    } finally {
      if (started) {
        JqwikSession.finish();
      }
    }
  }
}
