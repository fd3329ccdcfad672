package prefdyn.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;
import org.junit.jupiter.api.Test;
import prefdyn.catalogue.Catalogue;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Statement;
import prefdyn.num.Rationals;
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
            entries.add(Rationals.format(p.exact(i, j)));
          }
        }
      }
    }
    assertTrue(entries.contains("0") && entries.contains("1") && entries.contains("1/2"), entries.toString());
  }

  /** The batch draws are exactly {@link Draw#sample}'s values: one definition of "the value for a seed". */
  @Test
  void batchDrawsEqualDrawSample() {
    // cheap generators suffice (some catalogue generators run a search per draw)
    for (Statement s : new Statement[] {Catalogue.require("C6"), Catalogue.require("C7"), Catalogue.require("T3")}) {
      Arbitrary<Instance> h = s.hypotheses();
      for (long seed = 0; seed < 10; seed++) {
        long sd = seed;
        Instance batch = Draw.inSession(() -> {
          RandomGenerator<Instance> g = Draw.generator(h);
          g.next(new Random(sd + 1000)); // an earlier draw must not matter
          return Draw.draw(g, sd);
        });
        assertEquals(Draw.sample(h, new Random(seed)), batch, s.id() + " seed " + seed);
      }
    }
  }
}
