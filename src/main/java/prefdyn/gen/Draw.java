package prefdyn.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.JqwikException;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.sessions.JqwikSession;

/**
 * The one place that drives jqwik generators outside a property run (for {@code prefdyn check},
 * {@code prefdyn search} and tests that draw by seed). jqwik needs a session to generate values;
 * this opens one when none is active and closes it again, so it also works inside a property. The
 * value for a seed is always {@code generator(GEN_SIZE, with edge cases).next(new Random(seed))}:
 * one value per call ({@link #sample}), or many from one generator in one session
 * ({@link #generator} and {@link #draw} inside {@link #inSession}, or on a {@link Drawer}), about
 * ten times faster per value (measured: 11 ms vs 1.3 ms per instance), with the same values.
 */
public final class Draw {
  /** jqwik's generation size ("genSize": how large values may grow; 1000 is jqwik's default). */
  public static final int GEN_SIZE = 1000;

  private Draw() {}

  /**
   * Waits for a task of a worker thread (the drawing thread, or the check's pool): its result, or
   * its unchecked exception rethrown as it is.
   *
   * @param interrupted the message when this thread is interrupted while waiting
   */
  public static <T> T await(Future<T> task, String interrupted) {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(interrupted, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(cause);
    }
  }

  /**
   * A generator with jqwik's edge cases embedded (so point masses, K = 2 and entries 0, 1/2, 1 come
   * up as they do in a property run). The only call of jqwik's internal generator API in the
   * project. Call inside {@link #inSession}.
   */
  public static <T> RandomGenerator<T> generator(Arbitrary<T> arbitrary, int genSize) {
    return arbitrary.generator(genSize, true);
  }

  /** {@link #generator(Arbitrary, int)} at {@link #GEN_SIZE}. */
  public static <T> RandomGenerator<T> generator(Arbitrary<T> arbitrary) {
    return generator(arbitrary, GEN_SIZE);
  }

  /** One value of the generator for a seed. Call inside {@link #inSession}. */
  public static <T> T draw(RandomGenerator<T> generator, long seed) {
    return generator.next(new Random(seed)).value();
  }

  /**
   * One value, with jqwik's edge cases mixed in.
   *
   * @param random the source of randomness (seed it for reproducible runs)
   * @param genSize jqwik's "genSize"
   */
  public static <T> T sample(Arbitrary<T> arbitrary, Random random, int genSize) {
    return samples(arbitrary, random, genSize, 1).get(0);
  }

  /** {@link #sample(Arbitrary, Random, int)} at {@link #GEN_SIZE}. */
  public static <T> T sample(Arbitrary<T> arbitrary, Random random) {
    return sample(arbitrary, random, GEN_SIZE);
  }

  /** {@code n} values in one jqwik session (cheaper than n calls to {@link #sample}). */
  public static <T> List<T> samples(Arbitrary<T> arbitrary, Random random, int genSize, int n) {
    return inSession(() -> {
      RandomGenerator<T> g = generator(arbitrary, genSize);
      List<T> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(g.next(random).value());
      }
      return out;
    });
  }

  /** Runs {@code body} in a jqwik session (or in the current jqwik lifecycle, if any). */
  public static <T> T inSession(Supplier<T> body) {
    boolean started = begin();
    try {
      return body.get();
    } finally {
      end(started);
    }
  }

  /** Opens a session on this thread when none serves; returns whether it did (for {@link #end}). */
  private static boolean begin() {
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

  private static void end(boolean started) {
    if (started) {
      JqwikSession.finish();
    }
  }

  /**
   * A thread that owns one jqwik session for its lifetime and does every draw of a run, so that
   * several checking threads can draw (one after the other) while the checks themselves run in
   * parallel. jqwik's sessions are per thread and share their stores, so one drawing thread is
   * the safe way to draw for many.
   */
  public static final class Drawer implements AutoCloseable {
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "prefdyn-draw");
      t.setDaemon(true);
      return t;
    });
    private final boolean started;

    public Drawer() {
      this.started = call(Draw::begin);
    }

    /** Runs {@code body} on the drawing thread and waits for it. */
    public <T> T call(Callable<T> body) {
      return await(thread.submit(body), "interrupted while drawing");
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
}
