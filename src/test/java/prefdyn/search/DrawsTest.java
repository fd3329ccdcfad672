package prefdyn.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;
import org.junit.jupiter.api.Test;
import prefdyn.catalogue.Catalogue;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Statement;
import prefdyn.gen.Draw;

class DrawsTest {
  /** The batch draws are exactly prefdyn.gen.Draw's values: one definition of "the value for a seed". */
  @Test
  void batchDrawsEqualDrawSample() {
    // cheap generators suffice (some catalogue generators run a search per draw)
    for (Statement s : new Statement[] {Catalogue.require("C6"), Catalogue.require("C7"), ToyStatements.HOLDS}) {
      Arbitrary<Instance> h = s.hypotheses();
      for (long seed = 0; seed < 10; seed++) {
        long sd = seed;
        Instance batch = Draws.inSession(() -> {
          RandomGenerator<Instance> g = Draws.generator(h);
          g.next(new Random(sd + 1000)); // an earlier draw must not matter
          return Draws.draw(g, sd);
        });
        assertEquals(Draw.sample(h, new Random(seed)), batch, s.id() + " seed " + seed);
      }
    }
  }
}
