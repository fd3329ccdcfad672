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
 * the statement admits them, and evaluate its margin, an enclosure whose verdict is certified. An
 * UNDECIDED margin is re-checked at doubled digits up to a cap ({@link Escalation}); one still
 * undecided there makes the statement UNDECIDED, with the reason.
 *
 * <p>Results depend only on the statements, the tries, the seed, the precision and the cap: each
 * statement's draws come from its own seed, all draws happen on one drawing thread with one jqwik
 * session ({@link Draws.Drawer}: jqwik's sessions are per thread), and the statements are checked
 * in parallel on up to {@link Options#threads()} threads, the results returned in the order given.
 * Time is measured and reported, never used to decide what is checked.
 */
public final class CheckRunner {
  private CheckRunner() {}

  /**
   * How to run.
   *
   * @param tries instances per statement; null: each statement's {@link Statement#defaultTries()}
   * @param seed the run's seed
   * @param precision working precision of the checks
   * @param threads statements checked in parallel (at least 1)
   * @param maxDigits the escalation cap in digits (0: {@link Escalation#defaultCap})
   */
  public record Options(@Nullable Integer tries, long seed, Precision precision, int threads, int maxDigits) {
    public Options {
      if (tries != null && tries < 1) {
        throw new prefdyn.num.BadInput("--tries must be at least 1, got " + tries);
      }
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1");
      }
      Escalation.of(precision, maxDigits); // validates the cap
    }

    public static Options of(int tries, long seed, Precision precision) {
      return new Options(tries, seed, precision, 1, 0);
    }

    public Escalation escalation() {
      return Escalation.of(precision, maxDigits);
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
    Escalation escalation = options.escalation();
    int planned = options.tries() != null ? options.tries() : Math.max(1, s.defaultTries());
    long statementSeed = Seeds.forStatement(options.seed(), s.id());
    long start = System.nanoTime();
    Margin min = null;
    CheckStatus status = CheckStatus.HOLDS;
    Instance offending = null;
    Margin offendingMargin = null;
    int offendingTry = -1;
    String message = "";
    int done = 0;
    int decidedDigits = precision.digits();
    int raisedTries = 0;
    int undecidedTries = 0;
    RandomGenerator<Instance> gen = null;
    for (int t = 0; t < planned; t++) {
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
      Escalation.Decision d = escalation.decide(s, x, precision);
      Margin m = d.margin();
      min = min == null ? m : Margin.min(min, m);
      if (d.raised() > 0) {
        raisedTries++;
      }
      Verdict v = m.verdict();
      if (v != Verdict.UNDECIDED) {
        decidedDigits = Math.max(decidedDigits, d.digits());
      }
      if (v == Verdict.VIOLATED) {
        status = CheckStatus.VIOLATED;
        offending = x;
        offendingTry = t;
        offendingMargin = m;
        message = m.detail() + (d.raised() > 0 ? " (decided at " + d.digits() + " digits)" : "");
        break;
      }
      if (v == Verdict.UNDECIDED) {
        undecidedTries++;
        if (status == CheckStatus.HOLDS) {
          status = CheckStatus.UNDECIDED;
          offending = x;
          offendingTry = t;
          offendingMargin = m;
          message = "undecided up to the cap of " + d.digits() + " digits: " + m.detail()
              + (m.reason().isEmpty() ? "" : " (" + m.reason() + ")");
        }
      }
      progress.tried(s, done, planned);
    }
    long seedOfOffending = offendingTry >= 0 ? Seeds.forTry(statementSeed, offendingTry) : 0L;
    CheckResult r = new CheckResult(s, status, done, planned, min, System.nanoTime() - start,
        options.seed(), statementSeed, offending, offendingTry, seedOfOffending, offendingMargin,
        message == null ? "" : message, precision.digits(), escalation.capDigits(), decidedDigits, raisedTries,
        undecidedTries);
    progress.finished(r);
    return r;
  }
}
