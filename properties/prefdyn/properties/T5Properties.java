package prefdyn.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apfloat.Aprational;
import prefdyn.catalogue.Catalogue;
import prefdyn.catalogue.Hypotheses;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.T5;
import prefdyn.catalogue.Slot;
import prefdyn.catalogue.Margin;
import prefdyn.catalogue.Statement;
import prefdyn.catalogue.Verdict;
import prefdyn.gen.Draw;
import prefdyn.num.Rationals;
import prefdyn.optimum.GapChange;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.pref.Structure;

/** T5 (docs/theory.md section 3) and the falsity of C1. See proofs-notes/T5.md. */
class T5Properties {
  static final Statement C1 = Catalogue.require("C1");

  @Property(tries = 300)
  void gapDoesNotShrink(@ForAll @Hypotheses("T5") Instance x) {
    Margin m = Checks.assertHolds(T5.STATEMENT, x);
    // the generator keeps only instances where the strict clause applies: no margin is exactly 0
    assertTrue(m.strict() && m.value().signum() > 0, m.toString());
    int i = x.get(Slot.param("i")).intValue();
    int j = x.get(Slot.param("j")).intValue();
    int[] o = Structure.majorityOrder(x.pref()).orElseThrow();
    // Abel summation gives the same number, term by term nonnegative
    assertEquals(GapChange.change(x.pref(), i, j, x.get(Slot.SAMPLER), x.get(Slot.SAMPLER_PRIME), x.get(Slot.BETA)),
        GapChange.abel(x.pref(), o, i, j, x.get(Slot.SAMPLER), x.get(Slot.SAMPLER_PRIME), x.get(Slot.BETA)));
  }

  /**
   * The check can fail: a broken formula for the change (d read from the columns, {@code P_ki - P_kj},
   * instead of the rows) is rejected; so is a change of exactly 0 where the strict clause applies.
   */
  @Property(tries = 50)
  void brokenChangeFormulaIsRejected(@ForAll @Hypotheses("T5") Instance x) {
    int i = x.get(Slot.param("i")).intValue();
    int j = x.get(Slot.param("j")).intValue();
    Aprational wrong = Rationals.ZERO;
    for (int k = 0; k < x.k(); k++) {
      Aprational d = x.pref().exact(k, i).subtract(x.pref().exact(k, j));
      wrong = wrong.add(d.multiply(x.get(Slot.SAMPLER_PRIME).exact(k).subtract(x.get(Slot.SAMPLER).exact(k))));
    }
    wrong = wrong.multiply(x.get(Slot.BETA));
    assertEquals(Verdict.VIOLATED, T5.margin(x, wrong).verdict(), wrong.toString());
    assertEquals(Verdict.VIOLATED, T5.margin(x, Rationals.ZERO).verdict());
  }

  /** The check can fail: swapping μ and μ' (bottom-dominating) with strictly decreasing d shrinks the gap. */
  @Example
  void bottomShiftIsRejected() {
    PreferenceMatrix p = DynamicsFixtures.matrix(10, new long[][] {{5, 6, 8}, {4, 5, 6}, {2, 4, 5}});
    Distribution top = Distribution.point(3, 0);
    Distribution bottom = Distribution.point(3, 2);
    // pair (1, 2): d = P_1. - P_2. = (1/5, 1/10, 1/10), nonincreasing: moving mass up widens the gap
    Instance good = Instance.of(p).with(Slot.SAMPLER, bottom).with(Slot.SAMPLER_PRIME, top).with(Slot.BETA, Rationals.ONE)
        .with(Slot.param("i"), Rationals.of(1)).with(Slot.param("j"), Rationals.of(2));
    assertEquals(Rationals.of(1, 10), Checks.assertHolds(T5.STATEMENT, good).value());
    // swapped (μ' below μ): outside the hypotheses, and the check sees the gap shrink
    Instance swapped = good.with(Slot.SAMPLER, top).with(Slot.SAMPLER_PRIME, bottom);
    assertTrue(!T5.STATEMENT.admits(swapped));
    Checks.assertViolated(T5.STATEMENT, swapped, Checks.SUITE);
    // pair (0, 1): d = (1/10, 1/10, 1/5) increases at the bottom: the top shift shrinks the gap
    Instance increasingD = good.with(Slot.param("i"), Rationals.of(0)).with(Slot.param("j"), Rationals.of(1));
    assertTrue(!T5.STATEMENT.admits(increasingD));
    Checks.assertViolated(T5.STATEMENT, increasingD, Checks.SUITE);
  }

  /** C1 is false: the example of proofs-notes/T5.md (strictly SST, mass moved from the bottom to the top). */
  @Example
  void c1Counterexample() {
    PreferenceMatrix p = DynamicsFixtures.matrix(10, new long[][] {{5, 6, 9}, {4, 5, 6}, {1, 4, 5}});
    Instance x = Instance.of(p).with(Slot.SAMPLER, Distribution.point(3, 2)).with(Slot.SAMPLER_PRIME, Distribution.point(3, 0))
        .with(Slot.BETA, Rationals.ONE);
    assertTrue(C1.admits(x));
    assertEquals(Rationals.of(-1, 5), Checks.assertViolated(C1, x, Checks.SUITE).value());
  }

  /** C1 is false: a small seeded random search over its hypotheses finds a shrinking gap. */
  @Example
  void c1HasCounterexamples() {
    Random rnd = new Random(12345);
    for (int t = 0; t < 3000; t++) {
      Instance x = Draw.sample(C1.hypotheses(), rnd);
      assertTrue(C1.admits(x));
      Margin m = C1.check(x, Checks.SUITE);
      if (m.verdict() == Verdict.VIOLATED) {
        return;
      }
    }
    throw new AssertionError("no C1 counterexample in 3000 draws");
  }
}
