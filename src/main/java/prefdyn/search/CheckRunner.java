package prefdyn.search;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.RandomGenerator;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Margin;
import prefdyn.catalogue.Statement;
import prefdyn.catalogue.Verdict;
import prefdyn.num.Precision;

/**
 * Runs statements on drawn instances (what {@code prefdyn check} does): for each statement, draw
 * instances from its hypotheses with a seed derived from the run's seed and the ID, assert that
 * the statement admits them, and evaluate its margin. An undecided margin is re-checked at
 * {@value #RAISE_DIGITS} more digits before it is declared undecided.
 *
 * <p>Results depend only on the statements, the tries, the seed and the precision: each
 * statement's draws come from its own seed, all draws happen on one drawing thread with one jqwik
 * session ({@link Draws.Drawer}: jqwik's sessions are per thread), and the statements are checked
 * in parallel on up to {@link Options#threads()} threads, the results returned in the order given.
 * A time limit counts drawing and checking alike.
 */
public final class CheckRunner {
  /** Extra digits for re-checking an undecided margin. */
  public static final int RAISE_DIGITS = 40;

  private CheckRunner() {}

  /**
   * How to run.
   *
   * @param tries instances per statement; null: each statement's {@link Statement#defaultTries()}
   * @param seed the run's seed
   * @param precision working precision of the checks
   * @param threads statements checked in parallel (at least 1)
   * @param secondsPerStatement stop a statement after this many seconds (0: no limit); the result
   *     then reports the tries actually run
   */
  public record Options(@Nullable Integer tries, long seed, Precision precision, int threads, double secondsPerStatement) {
    public Options {
      if (tries != null && tries < 1) {
        throw new prefdyn.num.BadInput("--tries must be at least 1, got " + tries);
      }
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1");
      }
    }

    public static Options of(int tries, long seed, Precision precision) {
      return new Options(tries, seed, precision, 1, 0);
    }
  }

  /** Progress callbacks (called from worker threads; implementations synchronize). */
  public interface Progress {
    /** One more instance of {@code statement} checked. */
    void tried(Statement statement, int done, int planned);

    /** A statement finished. */
    void finished(CheckResult result);

    Progress NONE = new Progress() {
      @Override
      public void tried(Statement statement, int done, int planned) {}

      @Override
      public void finished(CheckResult result) {}
    };
  }

  /** Checks one statement. */
  public static CheckResult run(Statement statement, int tries, long seed, Precision precision) {
    return run(List.of(statement), Options.of(tries, seed, precision), Progress.NONE).get(0);
  }

  /** Checks the statements; results in the given order. */
  public static List<CheckResult> run(List<Statement> statements, Options options, Progress progress) {
    try (Draws.Drawer drawer = new Draws.Drawer()) {
      if (options.threads() == 1 || statements.size() == 1) {
        List<CheckResult> out = new ArrayList<>();
        for (Statement s : statements) {
          out.add(check(s, drawer, options, progress));
        }
        return out;
      }
      ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.threads(), statements.size()), r -> {
        Thread t = new Thread(r, "prefdyn-check");
        t.setDaemon(true);
        return t;
      });
      try {
        List<Future<CheckResult>> futures = new ArrayList<>();
        for (Statement s : statements) {
          futures.add(pool.submit(() -> check(s, drawer, options, progress)));
        }
        List<CheckResult> out = new ArrayList<>();
        for (Future<CheckResult> f : futures) {
          out.add(f.get());
        }
        return out;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException re) {
          throw re;
        }
        throw new IllegalStateException(cause);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /**
   * Redraws the instance of a try: the instance {@code check} reported as {@code offending} for
   * this statement, given {@link CheckResult#offendingSeed()}.
   */
  public static Instance replay(Statement statement, long trySeed) {
    return prefdyn.gen.Draw.sample(statement.hypotheses(), new java.util.Random(trySeed));
  }

  private static CheckResult check(Statement s, Draws.Drawer drawer, Options options, Progress progress) {
    Precision precision = options.precision();
    int planned = options.tries() != null ? options.tries() : Math.max(1, s.defaultTries());
    long statementSeed = Seeds.forStatement(options.seed(), s.id());
    long start = System.nanoTime();
    long limit = options.secondsPerStatement() > 0 ? (long) (options.secondsPerStatement() * 1e9) : Long.MAX_VALUE;
    Margin min = null;
    CheckStatus status = CheckStatus.HOLDS;
    Instance offending = null;
    Margin offendingMargin = null;
    int offendingTry = -1;
    String message = "";
    int done = 0;
    boolean timeLimited = false;
    RandomGenerator<Instance> gen = null;
    for (int t = 0; t < planned; t++) {
      if (t > 0 && System.nanoTime() - start > limit) {
        timeLimited = true;
        break;
      }
      Instance x;
      try {
        if (gen == null) {
          gen = drawer.call(() -> Draws.generator(s.hypotheses()));
        }
        RandomGenerator<Instance> g = gen;
        long seedOfTry = Seeds.forTry(statementSeed, t);
        x = drawer.call(() -> Draws.draw(g, seedOfTry));
      } catch (RuntimeException e) {
        // a broken generator (e.g. a filter that rejects everything) is reported, not thrown
        status = CheckStatus.ERROR;
        offendingTry = t;
        message = "drawing try " + t + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage();
        break;
      }
      done++;
      if (!s.admits(x)) {
        status = CheckStatus.ERROR;
        offending = x;
        offendingTry = t;
        offendingMargin = null;
        message = "the generator produced an instance outside the hypotheses (admits() rejects it)";
        break;
      }
      Margin m;
      try {
        m = decide(s, x, precision);
      } catch (RuntimeException e) {
        status = CheckStatus.ERROR;
        offending = x;
        offendingTry = t;
        offendingMargin = null;
        message = "the check threw " + e.getClass().getSimpleName() + ": " + e.getMessage();
        break;
      }
      if (min == null || m.compareValue(min) < 0) {
        min = m;
      }
      Verdict v = m.verdict();
      if (v == Verdict.VIOLATED) {
        status = CheckStatus.VIOLATED;
        offending = x;
        offendingTry = t;
        offendingMargin = m;
        message = m.detail();
        break;
      }
      if (v == Verdict.UNDECIDED && status == CheckStatus.HOLDS) {
        status = CheckStatus.UNDECIDED;
        offending = x;
        offendingTry = t;
        offendingMargin = m;
        message = "margin within its error bound even at " + (precision.digits() + RAISE_DIGITS)
            + " digits: " + m.detail();
      }
      progress.tried(s, done, planned);
    }
    long seedOfOffending = offendingTry >= 0 ? Seeds.forTry(statementSeed, offendingTry) : 0L;
    CheckResult r = new CheckResult(s, status, done, planned, min, System.nanoTime() - start,
        options.seed(), statementSeed, offending, offendingTry, seedOfOffending, offendingMargin,
        message == null ? "" : message, timeLimited);
    progress.finished(r);
    return r;
  }

  /** The margin at {@code precision}, re-checked at {@value #RAISE_DIGITS} more digits when undecided. */
  public static Margin decide(Statement s, Instance x, Precision precision) {
    Margin m = s.check(x, precision);
    if (m.verdict() == Verdict.UNDECIDED) {
      m = s.check(x, precision.raisedBy(RAISE_DIGITS));
    }
    return m;
  }
}
