package prefdyn.search;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apfloat.Aprational;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Slot;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;

/**
 * Shrinks a counterexample toward small K and simple fractions while it stays a counterexample
 * (the predicate: the statement admits it and its margin is still violated). Greedy, to a fixed
 * point, in this order:
 *
 * <ol>
 *   <li>drop a response: the sub-matrix without it, each distribution with that coordinate removed
 *       and renormalized (exactly); integer params above the dropped index are also tried
 *       shifted down, since they may be response indices;
 *   <li>simplify matrix entries: first each value that occurs more than once (all its
 *       occurrences together, complements following, so that ties survive), then each P_ij
 *       (i &lt; j, with P_ji following) alone, to the simplest fraction that works
 *       ({@link Fractions#simpler});
 *   <li>round each distribution to the coarsest grid 1/d (d = 1, 2, ...) that works;
 *   <li>simplify each scalar (alpha, lambda, beta, params) like a matrix entry.
 * </ol>
 *
 * Every accepted step lowers K or some denominator, so the process terminates; it also stops
 * after {@code budget} predicate evaluations.
 */
public final class Shrinker {
  private final Predicate<Instance> stillFails;
  private final long budget;
  private long evaluations;

  private Shrinker(Predicate<Instance> stillFails, long budget) {
    this.stillFails = stillFails;
    this.budget = budget;
  }

  /** The result and the number of predicate evaluations it took. */
  public record Shrunk(Instance instance, long evaluations, int steps) {}

  public static Shrunk shrink(Instance x, Predicate<Instance> stillFails, long budget) {
    Shrinker s = new Shrinker(stillFails, budget);
    int steps = 0;
    Instance cur = x;
    while (s.evaluations < budget) {
      Instance next = s.oneStep(cur);
      if (next == null) {
        break;
      }
      cur = next;
      steps++;
    }
    return new Shrunk(cur, s.evaluations, steps);
  }

  private boolean ok(@Nullable Instance y) {
    if (y == null || evaluations >= budget) {
      return false;
    }
    evaluations++;
    try {
      return stillFails.test(y);
    } catch (RuntimeException e) {
      return false; // a candidate the statement cannot even evaluate is not simpler
    }
  }

  /** The first accepted simplification of x, or null at a fixed point. */
  private @Nullable Instance oneStep(Instance x) {
    int k = x.k();
    if (k > 2) {
      for (int r = k - 1; r >= 0; r--) {
        for (Instance y : dropResponse(x, r)) {
          if (ok(y)) {
            return y;
          }
        }
      }
    }
    if (x.pref().isExact()) {
      // tied entries together first: a tie is often what makes the counterexample
      for (int i = 0; i < k; i++) {
        for (int j = i + 1; j < k; j++) {
          Aprational v = x.pref().exact(i, j);
          if (v.equals(Rationals.HALF) || occurrences(x.pref(), v) < 2) {
            continue;
          }
          for (Aprational q : Fractions.simpler(v)) {
            Instance y = x.withPref(replaceAll(x.pref(), v, q));
            if (ok(y)) {
              return y;
            }
          }
        }
      }
      for (int i = 0; i < k; i++) {
        for (int j = i + 1; j < k; j++) {
          for (Aprational q : Fractions.simpler(x.pref().exact(i, j))) {
            Instance y = x.withPref(withEntry(x.pref(), i, j, q));
            if (ok(y)) {
              return y;
            }
          }
        }
      }
    }
    for (Slot<Distribution> d : Parts.distributions(x)) {
      Aprational[] p = x.get(d).exactEntries();
      BigInteger lcd = Fractions.lcd(p);
      for (long g = 1; g <= 240 && BigInteger.valueOf(g).compareTo(lcd) < 0; g++) {
        Aprational[] rounded = Fractions.roundToGrid(p, g);
        Instance y = x.with(d, Distribution.of(rounded));
        if (ok(y)) {
          return y;
        }
      }
    }
    for (Slot<Aprational> s : Parts.scalars(x)) {
      for (Aprational q : Fractions.simpler(x.get(s))) {
        Instance y = x.with(s, q);
        if (ok(y)) {
          return y;
        }
      }
    }
    return null;
  }

  /** How many upper-triangle entries equal v or 1 - v. */
  static int occurrences(PreferenceMatrix p, Aprational v) {
    Aprational w = Rationals.ONE.subtract(v);
    int n = 0;
    for (int i = 0; i < p.k(); i++) {
      for (int j = i + 1; j < p.k(); j++) {
        Aprational e = p.exact(i, j);
        if (e.equals(v) || e.equals(w)) {
          n++;
        }
      }
    }
    return n;
  }

  /** Every off-diagonal entry v becomes q (and 1 - v becomes 1 - q); v ≠ 1/2. */
  static PreferenceMatrix replaceAll(PreferenceMatrix p, Aprational v, Aprational q) {
    Aprational[][] e = p.exactEntries();
    Aprational w = Rationals.ONE.subtract(v);
    for (int a = 0; a < e.length; a++) {
      for (int b = 0; b < e.length; b++) {
        if (a != b && e[a][b].equals(v)) {
          e[a][b] = q;
        } else if (a != b && e[a][b].equals(w)) {
          e[a][b] = Rationals.ONE.subtract(q);
        }
      }
    }
    return PreferenceMatrix.of(e);
  }

  static PreferenceMatrix withEntry(PreferenceMatrix p, int i, int j, Aprational q) {
    Aprational[][] e = p.exactEntries();
    e[i][j] = q;
    e[j][i] = Rationals.ONE.subtract(q);
    return PreferenceMatrix.of(e);
  }

  /**
   * x without response r (empty when some distribution has all its mass on r): params as they
   * are, and (when different) with integer params above r shifted down by one.
   */
  static List<Instance> dropResponse(Instance x, int r) {
    if (!x.pref().isExact()) {
      return List.of();
    }
    int k = x.k();
    Aprational[][] e = new Aprational[k - 1][k - 1];
    for (int i = 0, a = 0; i < k; i++) {
      if (i == r) {
        continue;
      }
      for (int j = 0, b = 0; j < k; j++) {
        if (j == r) {
          continue;
        }
        e[a][b++] = x.pref().exact(i, j);
      }
      a++;
    }
    Instance y = x.withPref(PreferenceMatrix.of(e));
    for (Slot<Distribution> d : Parts.allDistributions(x)) {
      Distribution v = x.get(d);
      if (!v.isExact()) {
        return List.of();
      }
      Aprational rest = Rationals.ONE.subtract(v.exact(r));
      if (rest.signum() == 0) {
        return List.of();
      }
      Aprational[] w = new Aprational[k - 1];
      for (int i = 0, a = 0; i < k; i++) {
        if (i != r) {
          w[a++] = v.exact(i).divide(rest);
        }
      }
      y = y.with(d, Distribution.of(w));
    }
    List<Instance> out = new ArrayList<>();
    out.add(y);
    Instance z = y;
    boolean changed = false;
    for (Slot<Aprational> p : Parts.scalars(x)) {
      Aprational v = x.get(p);
      if (p.type() == Slot.Type.PARAM && Fractions.isInteger(v) && v.compareTo(Rationals.of(r)) > 0
          && v.compareTo(Rationals.of(k)) < 0) {
        z = z.with(p, v.subtract(Rationals.ONE));
        changed = true;
      }
    }
    if (changed) {
      out.add(0, z); // indices shifted first: the likelier meaning of an integer param
    }
    return out;
  }
}
