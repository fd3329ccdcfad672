package prefdyn.pref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.apfloat.Aprational;
import org.junit.jupiter.api.Test;
import prefdyn.num.Rationals;

class ScoreGapTest {
  static final Aprational[] S = {Rationals.of(1, 2), Rationals.of(3, 10), Rationals.of(7, 10), Rationals.of(1, 2)};

  @Test
  void smallestGapOverThePairsWithItsPair() {
    ScoreGap g = ScoreGap.min(S, List.of(ScoreGap.Pair.of(2, 0), ScoreGap.Pair.of(0, 1), ScoreGap.Pair.of(2, 1)));
    assertNotNull(g);
    assertEquals(new ScoreGap(Rationals.of(1, 5), 2, 0), g);
  }

  @Test
  void aNegativeGapIsTheMinimumAndTiesGoToTheFirstPair() {
    ScoreGap g = ScoreGap.min(S, List.of(ScoreGap.Pair.of(2, 1), ScoreGap.Pair.of(1, 0), ScoreGap.Pair.of(1, 3)));
    assertEquals(new ScoreGap(Rationals.of(-1, 5), 1, 0), g);
  }

  @Test
  void noPairsNoGap() {
    assertNull(ScoreGap.min(S, List.of()));
  }

  @Test
  void scoresArePmu() {
    // the witness: 0 is the Condorcet winner, the uniform sampler ranks 1 first (T1)
    PreferenceMatrix p = PreferenceMatrix.of(new Aprational[][] {
        {Rationals.HALF, Rationals.of(11, 20), Rationals.of(11, 20), Rationals.of(11, 20)},
        {Rationals.of(9, 20), Rationals.HALF, Rationals.ONE, Rationals.ONE},
        {Rationals.of(9, 20), Rationals.ZERO, Rationals.HALF, Rationals.of(3, 5)},
        {Rationals.of(9, 20), Rationals.ZERO, Rationals.of(2, 5), Rationals.HALF}});
    ScoreGap g = ScoreGap.min(p, Distribution.uniform(4), List.of(ScoreGap.Pair.of(0, 1), ScoreGap.Pair.of(0, 2), ScoreGap.Pair.of(0, 3)));
    assertEquals(new ScoreGap(Rationals.of(-1, 5), 0, 1), g);
  }
}
