package prefdyn.catalogue;

import java.util.List;
import org.apfloat.Aprational;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.pref.ScoreGap.Pair;

/**
 * The catalogue's view of {@link prefdyn.pref.ScoreGap} (the one definition of the smallest score
 * gap {@code s_i - s_j}) for statements that list their pairs as {@code int[] {i, j}}; nothing is
 * computed here. Statements may call {@link prefdyn.pref.ScoreGap#min} with
 * {@link Pair}s directly, after which this class goes.
 *
 * @param gap {@code s_i - s_j}, exact
 * @param i the first response of the smallest pair
 * @param j the second
 */
public record ScoreGap(Aprational gap, int i, int j) {
  /** {@link prefdyn.pref.ScoreGap#min} over the pairs {@code {i, j}}, or null when there are none. */
  public static @Nullable ScoreGap min(Aprational[] s, List<int[]> pairs) {
    prefdyn.pref.ScoreGap g = prefdyn.pref.ScoreGap.min(s, pairs.stream().map(p -> Pair.of(p[0], p[1])).toList());
    return g == null ? null : new ScoreGap(g.gap(), g.i(), g.j());
  }
}
