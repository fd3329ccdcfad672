package prefdyn.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Objects;
import org.apfloat.Aprational;
import org.junit.jupiter.api.Test;
import prefdyn.catalogue.Catalogue;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Slot;
import prefdyn.catalogue.Margin;
import prefdyn.catalogue.Statement;
import prefdyn.catalogue.Verdict;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;

class SearchTest {
  private static final Precision P = Precision.ofDigits(20);

  @Test
  void hillClimbingFindsASmallRegionThatRandomSamplingMisses() {
    for (long seed = 1; seed <= 3; seed++) {
      SearchResult r = Search.run(ToyStatements.BOX, 5000, seed, P);
      assertTrue(r.found(), "seed " + seed);
      Instance x = r.finding().counterexample();
      assertNotNull(x);
      Aprational dx = Fractions.abs(x.get(Slot.param("x")).subtract(ToyStatements.BOX_X));
      Aprational dy = Fractions.abs(x.get(Slot.param("y")).subtract(ToyStatements.BOX_Y));
      assertTrue(Rationals.max(dx, dy).compareTo(ToyStatements.BOX_R) <= 0, "inside the box");
      assertEquals(0, r.finding().verifiedAtDigits(), "exact margins are verified exactly");
    }
  }

  @Test
  void anApproximateCounterexampleIsCertifiedByItsEnclosure() {
    SearchResult r = Search.run(ToyStatements.FUZZY_BOX, 5000, 2L, P);
    assertTrue(r.found());
    Margin m = r.finding().margin();
    assertNotNull(m);
    assertFalse(m.isExact());
    assertEquals(Verdict.VIOLATED, m.verdict());
    assertTrue(Objects.requireNonNull(m.hi(), "a violated margin has an upper end").signum() <= 0, "strict statement: hi <= 0");
    assertEquals(P.digits(), r.finding().verifiedAtDigits(), "decided at the working precision, no re-check needed");
  }

  @Test
  void aMarginThatNeverDecidesIsNeverReportedAsACounterexample() {
    SearchResult r = Search.run(ToyStatements.STRADDLE_CONJECTURE, 20, 1L, Precision.ofDigits(10));
    assertFalse(r.found());
    assertEquals(Verdict.UNDECIDED, Objects.requireNonNull(r.finding().closestMargin()).verdict());
  }

  @Test
  void theSameSeedFindsTheSameCounterexample() {
    SearchResult a = Search.run(ToyStatements.BOX, 5000, 17L, P);
    SearchResult b = Search.run(ToyStatements.BOX, 5000, 17L, P);
    assertEquals(a.finding().counterexample(), b.finding().counterexample());
    assertEquals(a.evaluations(), b.evaluations());
    SearchResult c = Search.run(Catalogue.require("C7"), 5000, 17L, P);
    SearchResult d = Search.run(Catalogue.require("C7"), 5000, 17L, P);
    assertEquals(c.finding().counterexample(), d.finding().counterexample());
    assertEquals(c.finding().unshrunk(), d.finding().unshrunk());
  }

  @Test
  void aTrueStatementYieldsNoCounterexampleWithinTheBudget() {
    SearchResult r = Search.run(ToyStatements.HOLDS, 600, 5L, P);
    assertFalse(r.found());
    assertEquals(600, r.evaluations());
    Margin closest = r.finding().closestMargin();
    assertNotNull(closest);
    assertTrue(closest.value().signum() >= 0);
  }

  @Test
  void counterexamplesToC6AndC7ShrinkToThreeResponsesAndCheckOutExactly() {
    for (String id : new String[] {"C6", "C7"}) {
      Statement s = Catalogue.require(id);
      for (long seed = 1; seed <= 3; seed++) {
        SearchResult r = Search.run(s, 20_000, seed, P);
        assertTrue(r.found(), id + " seed " + seed);
        Instance x = r.finding().counterexample();
        assertNotNull(x);
        assertTrue(s.admits(x));
        Margin m = s.check(x, P);
        assertTrue(m.isExact());
        assertEquals(Verdict.VIOLATED, m.verdict());
        assertEquals(3, x.k(), "K = 2 cannot fail either conjecture, K = 3 can");
      }
    }
  }

  /** "P_01 ≤ 1/2", violated whenever P_01 > 1/2; with a sampler that must keep μ_0 ≥ 1/3. */
  private static final Statement HALF = Statement.named("TOY-HALF")
      .statement("P_01 <= 1/2")
      .hypotheses(ToyStatements.matrices().flatMap(p -> ToyStatements.distributions(p.k()).map(mu -> Instance.of(p).with(Slot.SAMPLER, mu))))
      .admits(x -> x.has(Slot.SAMPLER) && x.get(Slot.SAMPLER).k() == x.k())
      .margin((x, p) -> Margin.exact(Rationals.HALF.subtract(x.pref().exact(0, 1)), false, "1/2 - P_01"))
      .build();

  @Test
  void theShrinkerDropsResponsesAndSimplifiesFractions() {
    Aprational[][] e = new Aprational[4][4];
    Aprational[] upper = {Rationals.of(711, 1000), Rationals.of(13, 17), Rationals.of(2, 9),
        Rationals.of(5, 11), Rationals.of(97, 300), Rationals.of(1, 7)};
    int n = 0;
    for (int i = 0; i < 4; i++) {
      e[i][i] = Rationals.HALF;
      for (int j = i + 1; j < 4; j++) {
        e[i][j] = upper[n++];
        e[j][i] = Rationals.ONE.subtract(e[i][j]);
      }
    }
    Instance x = Instance.of(PreferenceMatrix.of(e)).with(Slot.SAMPLER, 
        Distribution.of(Rationals.of(3, 13), Rationals.of(4, 13), Rationals.of(5, 13), Rationals.of(1, 13)));
    Shrinker.Shrunk s = Shrinker.shrink(x, y -> Search.fails(HALF, y, P, true), 1000);
    Instance y = s.instance();
    assertEquals(2, y.k());
    assertEquals(Rationals.ONE, y.pref().exact(0, 1), "simplest fraction above 1/2");
    Distribution mu = y.get(Slot.SAMPLER);
    assertNotNull(mu);
    assertEquals(1, mu.support().length, "coarsest grid: a point mass, got " + mu);
    assertTrue(s.steps() > 0);
  }

  @Test
  void shrinkingKeepsTiesTogether() {
    // C7 fails on ties; a tie of two awkward fractions shrinks to a tie of simple ones
    Aprational t = Rationals.of(301, 1200);
    Aprational[][] e = {
        {Rationals.HALF, Rationals.of(1, 3), t},
        {Rationals.of(2, 3), Rationals.HALF, t},
        {Rationals.ONE.subtract(t), Rationals.ONE.subtract(t), Rationals.HALF}};
    Statement c7 = Catalogue.require("C7");
    Instance x = Instance.of(PreferenceMatrix.of(e)).with(Slot.SAMPLER, Distribution.point(3, 2));
    assertTrue(Search.fails(c7, x, P));
    Instance y = Shrinker.shrink(x, z -> Search.fails(c7, z, P), 1000).instance();
    assertTrue(Search.fails(c7, y, P));
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        assertTrue(y.pref().exact(i, j).denominator().compareTo(new org.apfloat.Apint(2)) <= 0, y.pref().toString());
      }
    }
  }

  @Test
  void movesKeepInstancesValid() {
    java.util.Random rng = new java.util.Random(3);
    Instance x = Instance.of(PreferenceMatrix.of(new Aprational[][] {
        {Rationals.HALF, Rationals.of(2, 3), Rationals.ONE},
        {Rationals.of(1, 3), Rationals.HALF, Rationals.of(3, 4)},
        {Rationals.ZERO, Rationals.of(1, 4), Rationals.HALF}}))
        .with(Slot.SAMPLER, Distribution.uniform(3)).with(Slot.BETA, Rationals.of(2)).with(Slot.param("i"), Rationals.ONE);
    for (int t = 0; t < 2000; t++) {
      Instance y = Moves.neighbour(x, rng);
      if (y != null) {
        x = y; // constructors validate: P_ij + P_ji = 1, distributions sum to 1
      }
    }
    assertEquals(3, x.k());
  }
}
