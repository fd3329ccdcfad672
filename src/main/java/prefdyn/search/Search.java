package prefdyn.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.RandomGenerator;
import org.apfloat.Aprational;
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
 * Targeted counterexample search (in the spirit of targeted property-based testing, Löscher and
 * Sagonas 2017): random restarts drawn from the statement's hypotheses, each followed by simulated
 * annealing on the margin with the exact local {@link Moves}, accepted only when the statement
 * {@code admits} the moved instance. Deterministic for a given seed: one {@link Random} drives
 * draws and moves, and nothing depends on time or threads.
 *
 * <p>A candidate (a violated margin at the working precision, or an undecided one whose
 * enclosure reaches below zero) becomes a counterexample only when its margin is certified
 * VIOLATED: exact, or an enclosure strictly on the failing side ({@code hi < 0}; {@code hi <= 0}
 * for a strict statement), undecided margins being re-checked at doubled digits up to the cap of
 * {@link Escalation}. It is then {@link Shrinker shrunk} (every step certified the same way).
 */
public final class Search {
  /** Evaluations without improving the best margin of a restart before the next restart. */
  static final int STALL = 80;
  /** Consecutive moves rejected by {@code admits} before giving up on a restart. */
  static final int MAX_REJECTS = 200;

  private Search() {}

  /**
   * How to search.
   *
   * @param budget margin evaluations for the search
   * @param seed the seed
   * @param precision working precision of the search
   * @param shrinkBudget predicate evaluations for shrinking
   * @param maxDigits the escalation cap for certifying a candidate (0: {@link Escalation#defaultCap})
   */
  public record Options(long budget, long seed, Precision precision, long shrinkBudget, int maxDigits)
      implements Escalation.Settings {
    public Options {
      if (budget < 1) {
        throw new InvalidParameter("budget", "the search budget must be at least 1, got " + budget);
      }
      Escalation.of(precision, maxDigits); // validates the cap
    }

    public static Options of(long budget, long seed, Precision precision) {
      return new Options(budget, seed, precision, 4000, 0);
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

  /**
   * Searches: the budget's work units ({@link #UNIT} evaluations each, the last one the rest) in
   * order, each from its own seed, stopping at the first unit that finds a certified counterexample.
   */
  public static SearchResult run(Statement statement, Options options, Progress progress) {
    long start = System.nanoTime();
    return Draw.inSession(() -> {
      List<UnitResult> units = new ArrayList<>();
      long base = 0;
      for (long u = 0; u < units(options.budget()); u++) {
        UnitResult r = new Run(statement, options, progress, u, base).go();
        units.add(r);
        base += r.evaluations();
        if (r.found()) {
          break;
        }
      }
      return result(statement.id(), options, units, System.nanoTime() - start);
    });
  }

  /**
   * Runs one shard of a search ({@code search --shard i/n}): its own units in order, up to and
   * including its first unit that finds a counterexample (the unsharded run never gets past it).
   */
  public static List<UnitResult> runShard(Statement statement, Options options, Shard shard, Progress progress) {
    return Draw.inSession(() -> {
      List<UnitResult> units = new ArrayList<>();
      long base = 0;
      for (long u = 0; u < units(options.budget()); u++) {
        if (!shard.owns(u)) {
          continue;
        }
        UnitResult r = new Run(statement, options, progress, u, base).go();
        units.add(r);
        base += r.evaluations();
        if (r.found()) {
          break;
        }
      }
      return units;
    });
  }

  /** Evaluations per work unit (the last unit of a budget gets the rest). */
  public static final long UNIT = 1000;

  /** The number of work units of a budget. */
  public static long units(long budget) {
    return (budget + UNIT - 1) / UNIT;
  }

  /** The evaluation budget of unit u. */
  static long cap(long budget, long u) {
    return Math.min(UNIT, budget - u * UNIT);
  }

  /** The seed of unit u's random stream (unit 0 keeps the stream of the one-stream search). */
  static long unitSeed(long seed, long u) {
    long base = Seeds.mix(seed);
    return u == 0 ? base : Seeds.mix(base + 0x9e3779b97f4a7c15L * u);
  }

  /** What a unit's result contributes to the combination (its counts, whether it found, its closest margin). */
  public interface UnitView {
    long index();

    long evaluations();

    long restarts();

    boolean found();

    @Nullable Margin closestMargin();
  }

  /**
   * The combination of units 0, 1, ..., in order (one definition for {@link #run} and the merge):
   * the units the unsharded run performs (up to the first that found, else all), their summed
   * counts, the unit that found (-1: none) and the unit with the smallest closest margin (the
   * first on ties; the finding unit when one found).
   */
  public record Combined(int used, int found, int closest, long evaluations, long restarts) {}

  /**
   * Combines unit results given in index order starting at 0.
   *
   * @throws ParseError when a unit the unsharded run needs is missing
   */
  public static Combined combine(List<? extends UnitView> units, long budget) {
    long needed = units(budget);
    int found = -1;
    int closest = -1;
    long evaluations = 0;
    long restarts = 0;
    int used = 0;
    Margin best = null;
    for (int i = 0; i < needed; i++) {
      if (i >= units.size() || units.get(i).index() != i) {
        throw new ParseError("work unit " + i + " of the search is in no shard (a shard is missing or truncated)");
      }
      UnitView u = units.get(i);
      used++;
      evaluations += u.evaluations();
      restarts += u.restarts();
      if (u.found()) {
        found = i;
        closest = i;
        break;
      }
      Margin m = u.closestMargin();
      if (m != null && (best == null || m.compareValue(best) < 0)) {
        best = m;
        closest = i;
      }
    }
    return new Combined(used, found, closest, evaluations, restarts);
  }

  private static SearchResult result(String id, Options o, List<UnitResult> units, long nanos) {
    Combined c = combine(units, o.budget());
    UnitResult f = c.found() >= 0 ? units.get(c.found()) : null;
    UnitResult near = c.closest() >= 0 ? units.get(c.closest()) : null;
    return new SearchResult(id, f != null, o.seed(), o.budget(), c.evaluations(), c.restarts(), nanos, o.precision(),
        f == null ? null : f.counterexample(), f == null ? null : f.margin(), f == null ? null : f.unshrunk(),
        f == null ? null : f.unshrunkMargin(), f == null ? 0 : f.shrinkEvaluations(), f == null ? 0 : f.shrinkSteps(),
        f == null ? -1 : f.verifiedAtDigits(), near == null ? null : near.closest(), near == null ? null : near.closestMargin());
  }

  /**
   * The result of one work unit: like {@link SearchResult}, restricted to the unit.
   */
  public record UnitResult(
      long index,
      long evaluations,
      long restarts,
      boolean found,
      @Nullable Instance counterexample,
      @Nullable Margin margin,
      @Nullable Instance unshrunk,
      @Nullable Margin unshrunkMargin,
      long shrinkEvaluations,
      int shrinkSteps,
      int verifiedAtDigits,
      @Nullable Instance closest,
      @Nullable Margin closestMargin) implements UnitView {}

  /** Whether x is a certified counterexample (raising the digits up to the default cap). */
  static boolean fails(Statement s, Instance x, Precision p) {
    return fails(s, x, Escalation.defaultFor(p), p, false);
  }

  /** Like {@link #fails(Statement, Instance, Precision)}, optionally requiring {@code hi < 0}. */
  static boolean fails(Statement s, Instance x, Precision p, boolean negative) {
    return fails(s, x, Escalation.defaultFor(p), p, negative);
  }

  /**
   * Whether x is a certified counterexample: admitted, and its margin VIOLATED at some precision
   * up to the cap; with {@code negative}, also certified strictly negative ({@code hi < 0}).
   */
  static boolean fails(Statement s, Instance x, Escalation e, Precision p, boolean negative) {
    return verify(s, x, e, p, negative) != null;
  }

  /** The certified margin of a candidate with the digits where it was decided, or null when it is not certified violated. */
  static Escalation.@Nullable Decision verify(Statement s, Instance x, Escalation e, Precision p, boolean negative) {
    if (!s.admits(x)) {
      return null;
    }
    Escalation.Decision d = e.decide(s, x, p);
    Margin m = d.margin();
    if (m.verdict() != Verdict.VIOLATED) {
      return null;
    }
    if (negative && !certifiedNegative(m)) {
      return null;
    }
    return d;
  }

  /** Whether the enclosure lies strictly below zero. */
  static boolean certifiedNegative(Margin m) {
    Aprational hi = m.hi();
    return hi != null && hi.signum() < 0;
  }

  private static final class Run {
    final Statement s;
    final Options o;
    final Progress progress;
    final Random rng;
    final long unit;
    final long cap;
    final long base;
    long evaluations;
    long restarts;
    @Nullable Instance closest;
    @Nullable Margin closestMargin;

    Run(Statement s, Options o, Progress progress, long unit, long base) {
      this.s = s;
      this.o = o;
      this.progress = progress;
      this.unit = unit;
      this.cap = cap(o.budget(), unit);
      this.base = base;
      this.rng = new Random(unitSeed(o.seed(), unit));
    }

    /** Evaluates x (one unit of budget); null when the check throws on it. */
    @Nullable Margin evaluate(Instance x) {
      evaluations++;
      if (evaluations % 50 == 0) {
        progress.update(base + evaluations, o.budget(), closestMargin == null ? Double.NaN : closestMargin.value().doubleValue());
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

    /** Worth certifying: violated, or undecided with a bounded enclosure reaching to zero or below. */
    boolean candidate(Margin m) {
      Verdict v = m.verdict();
      Aprational lo = m.lo();
      return v == Verdict.VIOLATED || (v == Verdict.UNDECIDED && lo != null && lo.signum() <= 0 && m.hi() != null);
    }

    UnitResult go() {
      RandomGenerator<Instance> gen = Draw.generator(s.hypotheses());
      int failedDraws = 0;
      while (evaluations < cap) {
        Instance x;
        try {
          x = Draw.draw(gen, rng.nextLong());
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
        UnitResult r = tryCandidate(x, m);
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
    @Nullable UnitResult climb(Instance x, Margin m) {
      Instance cur = x;
      double curV = m.value().doubleValue();
      double best = curV;
      double temperature = 0.1 * Math.max(Math.abs(curV), 1e-9);
      int stall = 0;
      int rejects = 0;
      while (evaluations < cap && stall < STALL) {
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
        UnitResult r = tryCandidate(y, my);
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

    @Nullable UnitResult tryCandidate(Instance x, Margin m) {
      if (!candidate(m)) {
        return null;
      }
      Escalation e = o.escalation();
      Escalation.Decision verified = verify(s, x, e, o.precision(), false);
      if (verified == null) {
        return null;
      }
      // a strict violation (certified negative margin) is never shrunk into a mere tie (margin 0)
      boolean negative = certifiedNegative(verified.margin());
      Shrinker.Shrunk shrunk = Shrinker.shrink(x, y -> fails(s, y, e, o.precision(), negative), o.shrinkBudget());
      Instance small = shrunk.instance();
      Escalation.Decision smallDecision = small == x ? verified : verify(s, small, e, o.precision(), negative);
      if (smallDecision == null) {
        small = x; // the shrunk instance did not survive re-verification: report the original
        smallDecision = verified;
      }
      Margin smallMargin = smallDecision.margin();
      int digits = smallMargin.isExact() ? 0 : smallDecision.digits();
      return result(true, small, smallMargin, x, verified.margin(), shrunk.evaluations(), shrunk.steps(), digits);
    }

    UnitResult result(boolean found, @Nullable Instance cx, @Nullable Margin cm, @Nullable Instance raw,
        @Nullable Margin rawMargin, long shrinkEvals, int steps, int digits) {
      progress.update(base + evaluations, o.budget(), closestMargin == null ? Double.NaN : closestMargin.value().doubleValue());
      Instance near = found ? cx : closest;
      Margin nearMargin = found ? cm : closestMargin;
      return new UnitResult(unit, evaluations, restarts, found, cx, cm, raw, rawMargin, shrinkEvals, steps, digits,
          near, nearMargin);
    }
  }
}
