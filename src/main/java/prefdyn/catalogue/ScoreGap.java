package prefdyn.catalogue;

import java.util.List;
import org.apfloat.Aprational;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The smallest score gap {@code s_i - s_j} over given pairs (i, j): the one definition behind the
 * statements about the exact scores {@code s = Pμ} that rank the IPO optimum under a uniform
 * reference (T1, T3, C6, C7). Ties go to the first pair in the given order.
 *
 * @param gap {@code s_i - s_j}, exact
 * @param i the first response of the smallest pair
 * @param j the second
 */
public record ScoreGap(Aprational gap, int i, int j) {
  /** The smallest {@code s[i] - s[j]} over the pairs {@code {i, j}}, or null when there are none. */
  public static @Nullable ScoreGap min(Aprational[] s, List<int[]> pairs) {
    ScoreGap best = null;
    for (int[] p : pairs) {
      Aprational d = s[p[0]].subtract(s[p[1]]);
      if (best == null || d.compareTo(best.gap) < 0) {
        best = new ScoreGap(d, p[0], p[1]);
      }
    }
    return best;
  }
}
