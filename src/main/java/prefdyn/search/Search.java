package prefdyn.search;

import java.util.Random;
import net.jqwik.api.RandomGenerator;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Margin;
import prefdyn.catalogue.Statement;
import prefdyn.catalogue.Verdict;
import prefdyn.num.Precision;

/**
 * Targeted counterexample search (in the spirit of targeted property-based testing, Löscher and
 * Sagonas 2017): random restarts drawn from the statement's hypotheses, each followed by simulated
 * annealing on the margin with the exact local {@link Moves}, accepted only when the statement
 * {@code admits} the moved instance. Deterministic for a given seed: one {@link Random} drives
 * draws and moves, and nothing depends on time or threads.
 *
 * <p>A candidate (a violated margin at the working precision) is re-verified before it counts:
 * an exact margin is its own proof; an approximate one must still be violated at
 * {@value #VERIFY_DIGITS} more digits. It is then {@link Shrinker shrunk} and re-verified again.
 */
public final class Search {
  /** Extra digits for the re-verification of an approximate counterexample. */
  public static final int VERIFY_DIGITS = 50;
  /** Evaluations without improving the best margin of a restart before the next restart. */
  static final int STALL = 80;
  /** Consecutive moves rejected by {@code admits} before giving up on a restart. */
  static final int MAX_REJECTS = 200;

  private Search() {}

  /** How to search. */
  public record Options(long budget, long seed, Precision precision, long shrinkBudget) {
    public Options {
      if (budget < 1) {
        throw new prefdyn.num.BadInput("--budget must be at least 1, got " + budget);
      }
    }

    public static Options of(long budget, long seed, Precision precision) {
      return new Options(budget, seed, precision, 4000);
    }
  }

  /** Progress: called every few evaluations with the best margin so far (as a double, for display). */
  public interface Progress {
    void update(long evaluations, long budget, double bestMargin);

    Progress NONE = (e, b, m) -> {};
  }

  public static SearchResult run(Statement statement, long budget, long seed, Precision precision) {
    return run(statement, Options.of(budget, seed, precision), Progress.NONE);
  }

  public static SearchResult run(Statement statement, Options options, Progress progress) {
    return Draws.inSession(() -> new Run(statement, options, progress).go());
  }

  /** Whether x is a counterexample at this precision (an undecided margin is re-checked higher). */
  static boolean fails(Statement s, Instance x, Precision p) {
    return fails(s, x, p, false);
  }

  /** Like {@link #fails(Statement, Instance, Precision)}, optionally requiring a negative margin. */
  static boolean fails(Statement s, Instance x, Precision p, boolean negative) {
    if (!s.admits(x)) {
      return false;
    }
    Margin m = CheckRunner.decide(s, x, p);
    return m.verdict() == Verdict.VIOLATED && (!negative || m.value().signum() < 0);
  }

  /** The re-verified margin of a candidate, or null when it does not survive re-verification. */
  static @Nullable Margin verify(Statement s, Instance x, Precision p) {
    if (!s.admits(x)) {
      return null;
    }
    Margin m = s.check(x, p);
    if (m.isExact()) {
      return m.verdict() == Verdict.VIOLATED ? m : null;
    }
    Margin high = s.check(x, p.raisedBy(VERIFY_DIGITS));
    return high.verdict() == Verdict.VIOLATED ? high : null;
  }

  private static final class Run {
    final Statement s;
    final Options o;
    final Progress progress;
    final Random rng;
    long evaluations;
    long restarts;
    @Nullable Instance closest;
    @Nullable Margin closestMargin;
    final long start = System.nanoTime();

    Run(Statement s, Options o, Progress progress) {
      this.s = s;
      this.o = o;
      this.progress = progress;
      this.rng = new Random(Seeds.mix(o.seed()));
    }

    /** Evaluates x (one unit of budget); null when the check throws on it. */
    @Nullable Margin evaluate(Instance x) {
      evaluations++;
      if (evaluations % 50 == 0) {
        progress.update(evaluations, o.budget(), closestMargin == null ? Double.NaN : closestMargin.value().doubleValue());
      }
      Margin m;
      try {
        m = s.check(x, o.precision());
      } catch (RuntimeException e) {
        return null;
      }
      if (closestMargin == null || m.compareValue(closestMargin) < 0) {
        closest = x;
        closestMargin = m;
      }
      return m;
    }

    boolean candidate(Margin m) {
      Verdict v = m.verdict();
      return v == Verdict.VIOLATED || (v == Verdict.UNDECIDED && m.value().signum() <= 0);
    }

    SearchResult go() {
      RandomGenerator<Instance> gen = Draws.generator(s.hypotheses());
      int failedDraws = 0;
      while (evaluations < o.budget()) {
        Instance x;
        try {
          x = Draws.draw(gen, rng.nextLong());
        } catch (RuntimeException e) {
          if (++failedDraws > 100) {
            break;
          }
          continue;
        }
        restarts++;
        if (!s.admits(x)) {
          continue; // the generator disagrees with admits: such a draw is never used
        }
        Margin m = evaluate(x);
        if (m == null) {
          continue;
        }
        SearchResult r = tryCandidate(x, m);
        if (r != null) {
          return r;
        }
        r = climb(x, m);
        if (r != null) {
          return r;
        }
      }
      return result(false, null, null, null, null, 0, 0, -1);
    }

    /** Simulated annealing from x; returns a result when a verified counterexample turns up. */
    @Nullable SearchResult climb(Instance x, Margin m) {
      Instance cur = x;
      double curV = m.value().doubleValue();
      double best = curV;
      double temperature = 0.1 * Math.max(Math.abs(curV), 1e-9);
      int stall = 0;
      int rejects = 0;
      while (evaluations < o.budget() && stall < STALL) {
        Instance y;
        try {
          y = Moves.neighbour(cur, rng);
        } catch (RuntimeException e) {
          y = null; // a move outside a part's validity: treat as rejected
        }
        if (y == null || !s.admits(y)) {
          if (++rejects > MAX_REJECTS) {
            return null;
          }
          continue;
        }
        rejects = 0;
        Margin my = evaluate(y);
        if (my == null) {
          stall++;
          continue;
        }
        SearchResult r = tryCandidate(y, my);
        if (r != null) {
          return r;
        }
        double v = my.value().doubleValue();
        double dv = v - curV;
        if (dv <= 0 || rng.nextDouble() < Math.exp(-dv / temperature)) {
          cur = y;
          curV = v;
        }
        if (v < best - 1e-15 * Math.max(1, Math.abs(best))) {
          best = v;
          stall = 0;
        } else {
          stall++;
        }
        temperature *= 0.97;
      }
      return null;
    }

    @Nullable SearchResult tryCandidate(Instance x, Margin m) {
      if (!candidate(m)) {
        return null;
      }
      if (m.verdict() == Verdict.UNDECIDED && !fails(s, x, o.precision())) {
        return null;
      }
      Margin verified = verify(s, x, o.precision());
      if (verified == null) {
        return null;
      }
      // a strict violation (negative margin) is never shrunk into a mere tie (margin 0)
      boolean negative = verified.value().signum() < 0;
      Shrinker.Shrunk shrunk = Shrinker.shrink(x, y -> fails(s, y, o.precision(), negative), o.shrinkBudget());
      Instance small = shrunk.instance();
      Margin smallMargin = small == x ? verified : verify(s, small, o.precision());
      if (smallMargin == null) {
        small = x; // the shrunk instance did not survive re-verification: report the original
        smallMargin = verified;
      }
      int digits = smallMargin.isExact() ? 0 : o.precision().digits() + VERIFY_DIGITS;
      return result(true, small, smallMargin, x, verified, shrunk.evaluations(), shrunk.steps(), digits);
    }

    SearchResult result(boolean found, @Nullable Instance cx, @Nullable Margin cm, @Nullable Instance raw,
        @Nullable Margin rawMargin, long shrinkEvals, int steps, int digits) {
      progress.update(evaluations, o.budget(), closestMargin == null ? Double.NaN : closestMargin.value().doubleValue());
      Instance near = found ? cx : closest;
      Margin nearMargin = found ? cm : closestMargin;
      return new SearchResult(s.id(), found, o.seed(), o.budget(), evaluations, restarts, System.nanoTime() - start,
          o.precision(), cx, cm, raw, rawMargin, shrinkEvals, steps, digits, near, nearMargin);
    }
  }
}
