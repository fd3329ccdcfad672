package prefdyn.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apfloat.Aprational;
import prefdyn.catalogue.Catalogue;
import prefdyn.catalogue.Instance;
import prefdyn.gen.Draw;
import prefdyn.catalogue.Slot;
import prefdyn.catalogue.Margin;
import prefdyn.catalogue.Statement;
import prefdyn.gen.Distributions;
import prefdyn.gen.Matrices;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.pref.Sst;
import prefdyn.pref.Structure;

/**
 * T3 (docs/theory.md section 3) and its lemma, through their catalogue entries. See
 * proofs-notes/T3.md.
 */
class T3Properties {
  static final Statement T3 = Catalogue.require("T3");
  static final Statement LEMMA = Catalogue.require("T3-lemma");

  /** Issue 2: strictly SST implies strict row dominance at every k. */
  @Property(tries = 200)
  void strictlySstGivesStrictRowDominance(@ForAll("strictlySst") PreferenceMatrix p) {
    Margin m = Checks.assertHolds(LEMMA, Instance.of(p));
    assertTrue(m.strict() && m.value().signum() > 0, m.toString());
  }

  @Provide
  Arbitrary<PreferenceMatrix> strictlySst() {
    return Matrices.strictlySst(2, 7);
  }

  /** Strict SST needs no full support: every point mass preserves the order. */
  @Property(tries = 100)
  void strictlySstAndEveryPointMass(@ForAll("strictlySst") PreferenceMatrix p) {
    for (int i = 0; i < p.k(); i++) {
      Checks.assertHolds(T3, Instance.of(p).with(Slot.SAMPLER, Distribution.point(p.k(), i)));
    }
  }

  /**
   * T3(a) quantitatively (proofs-notes/T3.md): with full support the margin is at least
   * {@code min over i ▷ j of (μ_i + μ_j)(P_ij - 1/2)}.
   */
  @Property(tries = 200)
  void fullSupportMarginBound(@ForAll("weakFull") Instance x) {
    Margin m = Checks.assertHolds(T3, x);
    PreferenceMatrix p = x.pref();
    Distribution mu = x.get(Slot.SAMPLER);
    Aprational bound = null;
    for (int i = 0; i < p.k(); i++) {
      for (int j = 0; j < p.k(); j++) {
        if (i != j && p.beats(i, j)) {
          Aprational b = mu.exact(i).add(mu.exact(j)).multiply(p.exact(i, j).subtract(Rationals.HALF));
          bound = bound == null ? b : Rationals.min(bound, b);
        }
      }
    }
    assertTrue(bound == null || m.value().compareTo(bound) >= 0, () -> m + " below bound on " + x.describe());
  }

  @Provide
  Arbitrary<Instance> weakFull() {
    return Matrices.sst(2, 7).flatMap(p -> Distributions.fullSupport(p.k()).map(mu -> Instance.of(p).with(Slot.SAMPLER, mu)));
  }

  // ---- the checks can fail ----

  private static PreferenceMatrix m(String... rows) {
    Aprational[][] a = new Aprational[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      String[] e = rows[i].trim().split("\\s+");
      a[i] = new Aprational[e.length];
      for (int j = 0; j < e.length; j++) {
        a[i][j] = Rationals.parse(e[j]);
      }
    }
    return PreferenceMatrix.of(a);
  }

  /** Weakly SST (P_02 = P_12 = 1) with the point mass on the bottom response: scores tie. */
  @Example
  void weakSstWithPointMassIsRejected() {
    PreferenceMatrix p = m("1/2 3/4 1", "1/4 1/2 1", "0 0 1/2");
    assertEquals(Sst.WEAK, Structure.sst(p));
    Instance x = Instance.of(p).with(Slot.SAMPLER, Distribution.point(3, 2));
    assertFalse(T3.admits(x), "outside the hypotheses: weak SST needs full support");
    Margin mg = Checks.assertViolated(T3, x, Checks.SUITE);
    assertEquals(Rationals.ZERO, mg.value()); // (Pδ_2)_0 = (Pδ_2)_1 = 1
    // with full support the same P preserves the order (T3's first case)
    Checks.assertHolds(T3, x.with(Slot.SAMPLER, Distribution.uniform(3)));
  }

  /** Transitive but not SST (the T1 witness shape): uniform μ ranks the winner below 1. */
  @Example
  void transitiveWithoutSstIsRejected() {
    PreferenceMatrix p = m("1/2 11/20 11/20", "9/20 1/2 1", "9/20 0 1/2");
    assertTrue(Structure.isTransitive(p));
    assertEquals(Sst.NO, Structure.sst(p));
    Instance x = Instance.of(p).with(Slot.SAMPLER, Distribution.uniform(3));
    assertFalse(T3.admits(x));
    Margin mg = Checks.assertViolated(T3, x, Checks.SUITE);
    // (Pμ)_0 - (Pμ)_1 = (1/2 + 11/20 + 11/20)/3 - (9/20 + 1/2 + 1)/3 = 32/60 - 39/60
    assertEquals(Rationals.of(-7, 60), mg.value());
    Margin lemma = Checks.assertViolated(LEMMA, Instance.of(p), Checks.SUITE);
    assertEquals(Rationals.of(-9, 20), lemma.value()); // P_02 - P_12 = 11/20 - 1
  }

  /** The margin is the exact smallest score gap (a strictly SST instance, hand-computed). */
  @Example
  void marginIsTheExactSmallestGap() {
    PreferenceMatrix p = m("1/2 3/5 9/10", "2/5 1/2 7/10", "1/10 3/10 1/2");
    assertEquals(Sst.STRICT, Structure.sst(p));
    Distribution mu = Distribution.of(Rationals.of(1, 2), Rationals.of(1, 3), Rationals.of(1, 6));
    // Pμ = (36/60, 29/60, 14/60): gaps 7/60 (0 over 1) and 15/60 (1 over 2)
    assertEquals(Rationals.of(7, 60), Checks.assertHolds(T3, Instance.of(p).with(Slot.SAMPLER, mu)).value());
  }

  @Example
  void generatorAgreesWithAdmits() {
    java.util.Random r = new java.util.Random(7);
    for (int n = 0; n < 200; n++) {
      assertTrue(T3.admits(Draw.sample(T3.hypotheses(), r, 100)));
      assertTrue(LEMMA.admits(Draw.sample(LEMMA.hypotheses(), r, 100)));
    }
  }

  /** Sanity of the distribution generators used by T3's second case. */
  @Property(tries = 100)
  void anySamplerIsADistribution(@ForAll("anyMu") Distribution mu) {
    assertEquals(Rationals.ONE, java.util.Arrays.stream(mu.exactEntries()).reduce(Rationals.ZERO, Aprational::add));
  }

  @Provide
  Arbitrary<Distribution> anyMu() {
    return Distributions.any(4);
  }
}
