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

  /**
   * A thread that owns one jqwik session for its lifetime and does every draw of a run, so that
   * several checking threads can draw (one after the other) while the checks themselves run in
   * parallel. jqwik's sessions are per thread and share their stores, so one drawing thread is
   * the safe way to draw for many.
   */
  static final class Drawer implements AutoCloseable {
    private final java.util.concurrent.ExecutorService thread = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "prefdyn-draw");
      t.setDaemon(true);
      return t;
    });
    private final boolean started;

    Drawer() {
      this.started = call(Draws::begin);
    }

    /** Runs {@code body} on the drawing thread and waits for it. */
    <T> T call(java.util.concurrent.Callable<T> body) {
      try {
        return thread.submit(body).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while drawing", e);
      } catch (java.util.concurrent.ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException re) {
          throw re;
        }
        throw new IllegalStateException(cause);
      }
    }

    @Override
    public void close() {
      boolean s = started;
      call(() -> {
        end(s);
        return Boolean.TRUE;
      });
      thread.shutdown();
    }
  }

  /** Opens a session on this thread when none serves; returns whether it did (for {@link #end}). */
  static boolean begin() {
    if (JqwikSession.isActive()) {
      return false;
    }
    try {
      JqwikSession.start();
      return true;
    } catch (JqwikException insideJqwik) {
      return false; // inside a jqwik property: its lifecycle serves
    }
  }

  static void end(boolean started) {
    if (started) {
      JqwikSession.finish();
    }
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
