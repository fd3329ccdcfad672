package prefdyn.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;

/** Drawing from the public generators outside a jqwik run (as check/search do). */
class DrawTest {
  @Test
  void sameSeedSameValues() {
    for (int seed = 0; seed < 20; seed++) {
      PreferenceMatrix a = Draw.sample(Matrices.any(2, 6), new Random(seed));
      PreferenceMatrix b = Draw.sample(Matrices.any(2, 6), new Random(seed));
      assertEquals(a, b);
    }
  }

  @Test
  void coversEdgeCases() {
    Random r = new Random(42);
    Set<Integer> ks = new HashSet<>();
    boolean point = false;
    for (int n = 0; n < 300; n++) {
      ks.add(Draw.sample(Matrices.any(2, 5), r).k());
      Distribution d = Draw.sample(Distributions.any(4), r);
      point |= d.support().length == 1;
    }
    assertTrue(ks.contains(2) && ks.contains(5), ks.toString());
    assertTrue(point, "point masses are drawn");
    Set<String> entries = new HashSet<>();
    for (PreferenceMatrix p : Draw.samples(Matrices.any(2, 4), r, 1000, 200)) {
      for (int i = 0; i < p.k(); i++) {
        for (int j = 0; j < p.k(); j++) {
          if (i != j) {
            entries.add(prefdyn.num.Rationals.format(p.exact(i, j)));
          }
        }
      }
    }
    assertTrue(entries.contains("0") && entries.contains("1") && entries.contains("1/2"), entries.toString());
  }
}
