package prefdyn.pref;

import java.util.List;
import org.apfloat.Aprational;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The smallest score gap {@code (Pμ)_i - (Pμ)_j} over given pairs (i, j), exact: the one
 * definition behind every statement and sampler about the scores {@code s = Pμ} that rank the IPO
 * optimum under a uniform reference (docs/theory.md section 3; T1, T2, T3, T4, C6, C7, and the
 * margin {@code prefdyn sampler} prints). Ties go to the first pair in the given order.
 *
 * @param gap {@code s_i - s_j}, exact
 * @param i the first response of the smallest pair (the one to be ranked above)
 * @param j the second
 */
public record ScoreGap(Aprational gap, int i, int j) {
  /** A pair of responses {@code (i, j)}, to be ranked {@code i} above {@code j}. */
  public interface Pair {
    int i();

    int j();

    /** The plain pair {@code (i, j)}. */
    static Pair of(int i, int j) {
      return new Plain(i, j);
    }
  }

  private record Plain(int i, int j) implements Pair {}

  /** The smallest gap {@code s[i] - s[j]} over the pairs, or null when there are none. */
  public static @Nullable ScoreGap min(Aprational[] s, List<? extends Pair> pairs) {
    ScoreGap best = null;
    for (Pair p : pairs) {
      Aprational d = s[p.i()].subtract(s[p.j()]);
      if (best == null || d.compareTo(best.gap) < 0) {
        best = new ScoreGap(d, p.i(), p.j());
      }
    }
    return best;
  }

  /**
   * The smallest gap {@code (Pμ)_i - (Pμ)_j} over the pairs, or null when there are none.
   *
   * @throws IllegalStateException if P or μ is approximate ({@link PreferenceMatrix#times})
   */
  public static @Nullable ScoreGap min(PreferenceMatrix p, Distribution mu, List<? extends Pair> pairs) {
    return min(p.times(mu), pairs);
  }
}
