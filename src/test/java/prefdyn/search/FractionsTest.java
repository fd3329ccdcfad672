package prefdyn.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apfloat.Aprational;
import org.junit.jupiter.api.Test;
import prefdyn.num.Rationals;

class FractionsTest {
  @Test
  void convergentsOfPiApproximation() {
    List<Aprational> c = Fractions.convergents(Rationals.of(355, 113));
    assertEquals(List.of(Rationals.of(3), Rationals.of(22, 7), Rationals.of(355, 113)), c);
  }

  @Test
  void simplerFractionsComeSimplestFirstAndAreSimpler() {
    Aprational x = Rationals.of(301, 1200);
    List<Aprational> s = Fractions.simpler(x);
    assertEquals(Rationals.ZERO, s.get(0));
    assertEquals(List.of(Rationals.ZERO, Rationals.HALF, Rationals.of(1, 3), Rationals.of(1, 4)), s.subList(0, 4));
    for (int i = 1; i < s.size(); i++) {
      assertTrue(s.get(i - 1).denominator().compareTo(s.get(i).denominator()) <= 0);
      assertTrue(s.get(i).denominator().compareTo(x.denominator()) < 0);
    }
  }

  @Test
  void roundToGridSumsToOneAndKeepsZeros() {
    Aprational[] p = {Rationals.of(1, 7), Rationals.ZERO, Rationals.of(3, 7), Rationals.of(3, 7)};
    for (long d = 1; d <= 12; d++) {
      Aprational[] r = Fractions.roundToGrid(p, d);
      Aprational sum = Rationals.ZERO;
      for (Aprational q : r) {
        sum = sum.add(q);
        assertTrue(q.signum() >= 0);
      }
      assertEquals(Rationals.ONE, sum, "grid " + d);
      assertEquals(Rationals.ZERO, r[1]);
    }
  }

  @Test
  void nearestRoundsToTheGrid() {
    assertEquals(Rationals.of(1, 3), Fractions.nearest(Rationals.of(34, 100), 3));
    assertEquals(Rationals.of(2, 3), Fractions.nearest(Rationals.of(2, 3), 3));
  }
}
