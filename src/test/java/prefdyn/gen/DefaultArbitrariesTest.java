package prefdyn.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apfloat.Aprational;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;

/** {@code @ForAll PreferenceMatrix} and {@code @ForAll Distribution} work without a {@code @Provide} method. */
class DefaultArbitrariesTest {
  @Property(tries = 50)
  void matricesNeedNoProvider(@ForAll PreferenceMatrix p) {
    assertTrue(p.k() >= DefaultArbitraries.MIN_K && p.k() <= DefaultArbitraries.MAX_K);
    for (int i = 0; i < p.k(); i++) {
      for (int j = 0; j < p.k(); j++) {
        assertEquals(Rationals.ONE, p.exact(i, j).add(p.exact(j, i)));
      }
    }
  }

  @Property(tries = 50)
  void distributionsNeedNoProvider(@ForAll Distribution mu) {
    Aprational sum = Rationals.ZERO;
    for (int i = 0; i < mu.k(); i++) {
      sum = sum.add(mu.exact(i));
    }
    assertEquals(Rationals.ONE, sum);
  }
}
