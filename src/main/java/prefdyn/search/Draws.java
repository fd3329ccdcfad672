package prefdyn.search;

import java.util.Random;
import java.util.function.Supplier;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.JqwikException;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.sessions.JqwikSession;

/**
 * Drawing jqwik values outside a property run, reproducibly: the same generator and seed give the
 * same value. jqwik needs a "session" for that outside its own lifecycle; inside a jqwik property
 * (a user calling {@link Search#run} from a {@code @Property}) the property's lifecycle serves,
 * and a session may not be opened.
 */
public final class Draws {
  /** jqwik's generation size (its default for properties); bounds sizes of collections etc. */
  public static final int GEN_SIZE = 1000;

  private Draws() {}

  /** A generator with jqwik's edge cases embedded (point masses, extreme entries, ...). */
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
