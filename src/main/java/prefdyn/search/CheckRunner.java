package prefdyn.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.RandomGenerator;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Margin;
import prefdyn.catalogue.Statement;
import prefdyn.catalogue.Verdict;
import prefdyn.gen.Draw;
import prefdyn.io.ParseError;
import prefdyn.num.InvalidParameter;
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
 * session ({@link Draw.Drawer}: jqwik's sessions are per thread), and the statements are checked
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
  public record Options(@Nullable Integer tries, long seed, Precision precision, int threads, int maxDigits)
      implements Escalation.Settings {
    public Options {
      if (tries != null && tries < 1) {
        throw new InvalidParameter("tries", "the number of tries must be at least 1, got " + tries);
      }
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1");
      }
      Escalation.of(precision, maxDigits); // validates the cap
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
    return run(List.of(statement), new Options(tries, seed, precision, 1, 0), Progress.NONE).get(0);
  }

  /** Checks the statements; results in the given order. */
  public static List<CheckResult> run(List<Statement> statements, Options options, Progress progress) {
    try (Draw.Drawer drawer = new Draw.Drawer()) {
      return parallel(statements, options.threads(), s -> check(s, drawer, options, progress));
    }
  }

  /**
   * The tries of one statement that a shard ran ({@code check --shard}): its own tries in try
   * order, up to and including the first that stops the statement (a violation or an error).
   *
   * @param statement the statement
   * @param plannedTries the tries the unsharded run plans for it
   * @param firstUnit the work-unit number of its try 0 (units: the statements' tries in order)
   * @param outcomes the outcomes, in try order
   */
  public record StatementShard(Statement statement, int plannedTries, long firstUnit, List<TryOutcome> outcomes) {}

  /**
   * Runs one shard of a check: the work units are the (statement, try) pairs numbered in the
   * unsharded order (statement by statement, tries 0, 1, ... within a statement), unit u belonging
   * to {@link Shard#owns shard (u mod n) + 1}. A statement's tries in this shard stop at the first
   * one that would stop the unsharded run; {@link #merge} combines the shards into the unsharded result.
   */
  public static List<StatementShard> runShard(List<Statement> statements, Options options, Shard shard, Progress progress) {
    long[] first = new long[statements.size()];
    long unit = 0;
    for (int k = 0; k < statements.size(); k++) {
      first[k] = unit;
      unit += planned(statements.get(k), options);
    }
    List<Integer> indices = new ArrayList<>();
    for (int k = 0; k < statements.size(); k++) {
      indices.add(k);
    }
    try (Draw.Drawer drawer = new Draw.Drawer()) {
      return parallel(indices, options.threads(), k -> {
        Statement s = statements.get(k);
        int planned = planned(s, options);
        Trier trier = new Trier(s, drawer, options);
        List<TryOutcome> outcomes = new ArrayList<>();
        for (int t = 0; t < planned; t++) {
          if (!shard.owns(first[k] + t)) {
            continue;
          }
          TryOutcome o = trier.attempt(t);
          outcomes.add(o);
          progress.tried(s, outcomes.size(), planned);
          if (o.stops()) {
            break;
          }
        }
        return new StatementShard(s, planned, first[k], List.copyOf(outcomes));
      });
    }
  }

  /**
   * The unsharded result of a statement from the outcomes of its tries collected from all shards
   * (any order, duplicates rejected): folds them in try order exactly as {@link #run} does,
   * stopping at the first violation or error; the offending instance is redrawn from its try seed
   * (drawing is cheap and deterministic; its margin is taken from the shard). Time is reported as 0.
   *
   * @throws ParseError when a try the fold needs is in no shard, or in two
   */
  public static CheckResult merge(Statement s, Options options, int planned, List<TryOutcome> outcomes) {
    Map<Integer, TryOutcome> byTry = new HashMap<>();
    for (TryOutcome o : outcomes) {
      if (o.index() < 0 || o.index() >= planned) {
        throw new ParseError(s.id() + ": try " + o.index() + " is outside 0.." + (planned - 1));
      }
      if (byTry.put(o.index(), o) != null) {
        throw new ParseError(s.id() + ": try " + o.index() + " appears in two shards");
      }
    }
    try (Draw.Drawer drawer = new Draw.Drawer()) {
      Trier trier = new Trier(s, drawer, options);
      Tally tally = new Tally(options.precision().digits());
      for (int t = 0; t < planned; t++) {
        TryOutcome o = byTry.get(t);
        if (o == null) {
          throw new ParseError(s.id() + ": try " + t + " is in no shard (a shard is missing or truncated)");
        }
        if (o.needsInstance() && o.instance() == null) {
          o = o.withInstance(trier.redraw(t));
        }
        if (tally.add(o)) {
          break;
        }
      }
      return tally.result(s, planned, 0L, options, trier.statementSeed);
    }
  }

  static int planned(Statement s, Options options) {
    Integer tries = options.tries();
    return tries != null ? tries : Math.max(1, s.defaultTries());
  }

  private static <T, R> List<R> parallel(List<T> items, int threads, java.util.function.Function<T, R> task) {
    if (threads == 1 || items.size() <= 1) {
      List<R> out = new ArrayList<>();
      for (T item : items) {
        out.add(task.apply(item));
      }
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, items.size()), r -> {
      Thread t = new Thread(r, "prefdyn-check");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<R>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(pool.submit(() -> task.apply(item)));
      }
      List<R> out = new ArrayList<>();
      for (Future<R> f : futures) {
        out.add(Draw.await(f, "interrupted"));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Redraws the instance of a try: the instance {@code check} reported as {@code offending} for
   * this statement, given {@link CheckResult#offendingSeed()}.
   */
  public static Instance replay(Statement statement, long trySeed) {
    return Draw.sample(statement.hypotheses(), new Random(trySeed));
  }

  private static CheckResult check(Statement s, Draw.Drawer drawer, Options options, Progress progress) {
    int planned = planned(s, options);
    long start = System.nanoTime();
    Trier trier = new Trier(s, drawer, options);
    Tally tally = new Tally(options.precision().digits());
    for (int t = 0; t < planned; t++) {
      if (tally.add(trier.attempt(t))) {
        break;
      }
      progress.tried(s, tally.done, planned);
    }
    CheckResult r = tally.result(s, planned, System.nanoTime() - start, options, trier.statementSeed);
    progress.finished(r);
    return r;
  }

  /** Draws and decides the tries of one statement, each from its own seed (any subset, any order). */
  private static final class Trier {
    final Statement s;
    final Draw.Drawer drawer;
    final Precision precision;
    final Escalation escalation;
    final long statementSeed;
    @Nullable RandomGenerator<Instance> gen;

    Trier(Statement s, Draw.Drawer drawer, Options options) {
      this.s = s;
      this.drawer = drawer;
      this.precision = options.precision();
      this.escalation = options.escalation();
      this.statementSeed = Seeds.forStatement(options.seed(), s.id());
    }

    Instance redraw(int t) {
      RandomGenerator<Instance> g = gen;
      if (g == null) {
        g = drawer.call(() -> Draw.generator(s.hypotheses()));
        gen = g;
      }
      RandomGenerator<Instance> fixed = g;
      long seedOfTry = Seeds.forTry(statementSeed, t);
      return drawer.call(() -> Draw.draw(fixed, seedOfTry));
    }

    TryOutcome attempt(int t) {
      Instance x;
      try {
        x = redraw(t);
      } catch (RuntimeException e) {
        // a broken generator (e.g. a filter that rejects everything) is reported, not thrown
        return TryOutcome.drawFailed(t,
            "drawing try " + t + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      }
      if (!s.admits(x)) {
        return TryOutcome.notAdmitted(t, x,
            "the generator produced an instance outside the hypotheses (admits() rejects it)");
      }
      Escalation.Decision d = escalation.decide(s, x, precision);
      Margin m = d.margin();
      String message = switch (m.verdict()) {
        case VIOLATED -> m.detail() + (d.raised() > 0 ? " (decided at " + d.digits() + " digits)" : "");
        case UNDECIDED -> "undecided up to the cap of " + d.digits() + " digits: " + m.detail()
            + (m.reason().isEmpty() ? "" : " (" + m.reason() + ")");
        default -> "";
      };
      return TryOutcome.decided(t, x, m, d.raised() > 0, d.digits(), message);
    }
  }

  /**
   * The fold of a statement's tries in try order (one definition for {@link #run} and
   * {@link #merge}): interval minimum of the margins, the first undecided try, the stopping try.
   */
  private static final class Tally {
    @Nullable Margin min;
    Verdict status = Verdict.HOLDS;
    @Nullable Instance offending;
    @Nullable Margin offendingMargin;
    int offendingTry = -1;
    String message = "";
    int done;
    int decidedDigits;
    int raisedTries;
    int undecidedTries;

    Tally(int requestedDigits) {
      this.decidedDigits = requestedDigits;
    }

    /** The statement's status becomes {@code s} because of this try (its instance, margin and message are reported). */
    private void offend(Verdict s, TryOutcome o, @Nullable Margin m) {
      status = s;
      offending = o.instance();
      offendingTry = o.index();
      offendingMargin = m;
      message = o.message();
    }

    /** Adds the next try; true when the statement stops here. */
    boolean add(TryOutcome o) {
      switch (o.kind()) {
        case DRAW_FAILED -> {
          status = Verdict.ERROR;
          offendingTry = o.index();
          message = o.message();
          return true;
        }
        case NOT_ADMITTED -> {
          done++;
          offend(Verdict.ERROR, o, null);
          return true;
        }
        default -> {
          done++;
          Margin m = o.margin();
          if (m == null) {
            throw new IllegalStateException("a decided try has a margin");
          }
          Margin prev = min;
          min = prev == null ? m : Margin.min(prev, m);
          if (o.raised()) {
            raisedTries++;
          }
          Verdict v = m.verdict();
          if (v != Verdict.UNDECIDED) {
            decidedDigits = Math.max(decidedDigits, o.digits());
          }
          if (v == Verdict.VIOLATED) {
            offend(Verdict.VIOLATED, o, m);
            return true;
          }
          if (v == Verdict.UNDECIDED) {
            undecidedTries++;
            if (status == Verdict.HOLDS) {
              offend(Verdict.UNDECIDED, o, m);
            }
          }
          return false;
        }
      }
    }

    CheckResult result(Statement s, int planned, long nanos, Options options, long statementSeed) {
      long seedOfOffending = offendingTry >= 0 ? Seeds.forTry(statementSeed, offendingTry) : 0L;
      return new CheckResult(s, status, done, planned, min, nanos, options.seed(), statementSeed, offending,
          offendingTry, seedOfOffending, offendingMargin, message, options.precision().digits(),
          options.escalation().capDigits(), decidedDigits, raisedTries, undecidedTries);
    }
  }
}
