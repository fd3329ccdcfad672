package prefdyn.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.OptionalInt;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.gen.Matrices;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.pref.Sst;
import prefdyn.pref.Structure;

/**
 * Properties of the majority structure (issue 2; proofs in proofs-notes/structure.md): the Smith
 * set is dominant and minimal, a Condorcet winner is the Smith set, BT with distinct scores is
 * strictly SST; and each public generator produces its class.
 */
class StructureProperties {
  /**
   * Independent check of a claimed Smith set by brute force over all subsets: null if S is
   * nonempty, dominates, and no proper nonempty subset of S dominates; otherwise the reason.
   */
  static @Nullable String smithViolation(PreferenceMatrix p, int[] s) {
    int k = p.k();
    if (s.length == 0) {
      return "empty";
    }
    if (!Structure.dominates(p, s)) {
      return "not dominant: " + Arrays.toString(s);
    }
    int mask = 0;
    for (int i : s) {
      mask |= 1 << i;
    }
    for (int sub = (mask - 1) & mask; sub > 0; sub = (sub - 1) & mask) {
      final int bits = sub;
      int[] t = java.util.stream.IntStream.range(0, k).filter(i -> ((1 << i) & bits) != 0).toArray();
      if (Structure.dominates(p, t)) {
        return "not minimal: proper subset " + Arrays.toString(t) + " dominates";
      }
    }
    return null;
  }

  @Provide
  Arbitrary<PreferenceMatrix> anyStructure() {
    return Arbitraries.oneOf(
        Matrices.any(2, 7),
        Matrices.withCondorcetWinner(2, 7),
        Matrices.withSmithSetOfSize(2, 2, 7),
        Matrices.withSmithSetOfSize(3, 3, 7),
        Matrices.withSmithSetOfSize(5, 5, 7),
        Matrices.transitive(2, 7),
        Matrices.sst(2, 7),
        Matrices.bradleyTerry(2, 7),
        Matrices.threeCycle());
  }

  @Property(tries = 400)
  void smithSetIsDominantAndMinimal(@ForAll("anyStructure") PreferenceMatrix p) {
    assertNull(smithViolation(p, Structure.smithSet(p)), p::toString);
  }

  @Property(tries = 200)
  void condorcetWinnerIsTheSmithSet(@ForAll("anyStructure") PreferenceMatrix p) {
    OptionalInt c = Structure.condorcetWinner(p);
    if (c.isPresent()) {
      assertEquals(1, Structure.smithSet(p).length);
      assertEquals(c.getAsInt(), Structure.smithSet(p)[0]);
    } else {
      assertTrue(Structure.smithSet(p).length >= 2);
    }
  }

  @Property(tries = 100)
  void btWithDistinctScoresIsStrictlySst(@ForAll("btDistinct") PreferenceMatrix p) {
    assertTrue(Structure.isBradleyTerry(p));
    assertEquals(Sst.STRICT, Structure.sst(p), p::toString);
  }

  @Provide
  Arbitrary<PreferenceMatrix> btDistinct() {
    return Matrices.bradleyTerryDistinct(2, 7);
  }

  /**
   * The fitted BT scores reproduce every entry: the enclosure of σ(s_i - s_j), from the score
   * balls, contains the exact P_ij (and is tight: a neighbour 10^-30 away is excluded).
   */
  @Property(tries = 20)
  void fittedBradleyTerryScoresReproduceP(@ForAll("bt") PreferenceMatrix p) {
    int prec = Checks.SUITE.bits();
    prefdyn.num.Ball[] s = Structure.bradleyTerryScores(p, prec).orElseThrow();
    org.apfloat.Aprational off = new org.apfloat.Aprational(new org.apfloat.Apint(1),
        new org.apfloat.Apint(java.math.BigInteger.TEN.pow(30)));
    for (int i = 0; i < p.k(); i++) {
      for (int j = i + 1; j < p.k(); j++) {
        final int a = i;
        final int b = j;
        prefdyn.num.Ball fit = s[i].sub(s[j], prec).sigmoid(prec);
        assertTrue(fit.contains(p.exact(i, j)), () -> "P[" + a + "][" + b + "] not enclosed on\n" + p);
        assertTrue(!fit.contains(p.exact(i, j).add(off)), () -> "P[" + a + "][" + b + "]: enclosure too wide on\n" + p);
      }
    }
  }

  @Provide
  Arbitrary<PreferenceMatrix> bt() {
    return Matrices.bradleyTerry(2, 5);
  }

  // ---- each generator produces its class ----

  @Property(tries = 150)
  void smithSetGeneratorHasTheRequestedSize(@ForAll("sizedSmith") net.jqwik.api.Tuple.Tuple2<Integer, PreferenceMatrix> x) {
    assertEquals((int) x.get1(), Structure.smithSet(x.get2()).length, x.get2()::toString);
  }

  @Provide
  Arbitrary<net.jqwik.api.Tuple.Tuple2<Integer, PreferenceMatrix>> sizedSmith() {
    return Arbitraries.integers().between(1, 6).flatMap(size ->
        Matrices.withSmithSetOfSize(size, 2, 6).map(p -> net.jqwik.api.Tuple.of(size, p)));
  }

  @Property(tries = 100)
  void classGenerators(@ForAll("transitiveP") PreferenceMatrix t, @ForAll("sstP") PreferenceMatrix w,
      @ForAll("strictP") PreferenceMatrix s, @ForAll("cycle") PreferenceMatrix c) {
    assertTrue(Structure.isTransitive(t));
    assertTrue(Structure.sst(w) != Sst.NO);
    assertEquals(Sst.STRICT, Structure.sst(s));
    assertTrue(Structure.isCyclic(c) && Structure.condorcetWinner(c).isEmpty() && Structure.smithSet(c).length == 3);
  }

  @Provide
  Arbitrary<PreferenceMatrix> transitiveP() {
    return Matrices.transitive(2, 7);
  }

  @Provide
  Arbitrary<PreferenceMatrix> sstP() {
    return Matrices.sst(2, 7);
  }

  @Provide
  Arbitrary<PreferenceMatrix> strictP() {
    return Matrices.strictlySst(2, 7);
  }

  @Provide
  Arbitrary<PreferenceMatrix> cycle() {
    return Matrices.threeCycle();
  }

  // ---- the checks can fail ----

  /** Two wrong Smith-set implementations are rejected by the dominance/minimality check. */
  @Example
  void wrongSmithSetsAreRejected() {
    // 0 ▷ 1 ▷ 2 ▷ 0, and all three beat 3
    PreferenceMatrix p = Matrices.relabel(new org.apfloat.Aprational[][] {
        {h(), r(3, 5), r(2, 5), r(4, 5)},
        {r(2, 5), h(), r(3, 5), r(4, 5)},
        {r(3, 5), r(2, 5), h(), r(4, 5)},
        {r(1, 5), r(1, 5), r(1, 5), h()}}, java.util.List.of(0, 1, 2, 3));
    Function<PreferenceMatrix, int[]> everything = m -> new int[] {0, 1, 2, 3};
    Function<PreferenceMatrix, int[]> mostWins = m -> new int[] {0};
    String notMinimal = smithViolation(p, everything.apply(p));
    assertNotNull(notMinimal);
    assertTrue(notMinimal.startsWith("not minimal"));
    String notDominant = smithViolation(p, mostWins.apply(p));
    assertNotNull(notDominant);
    assertTrue(notDominant.startsWith("not dominant"));
    assertNull(smithViolation(p, Structure.smithSet(p)));
    assertEquals("[0, 1, 2]", Arrays.toString(Structure.smithSet(p)));
  }

  /**
   * The BT test is exact: a BT matrix with one entry moved by 10^-60 (far below any working
   * precision's tolerance) is not BT; the 3-cycle is not; the BT matrix itself is.
   */
  @Example
  void bradleyTerryTestIsExact() {
    PreferenceMatrix p = Matrices.bradleyTerry(java.util.List.of(1, 3, 6));
    assertTrue(Structure.isBradleyTerry(p));
    org.apfloat.Aprational[][] e = p.exactEntries();
    org.apfloat.Aprational tiny = new org.apfloat.Aprational(new org.apfloat.Apint(1),
        new org.apfloat.Apint(java.math.BigInteger.TEN.pow(60)));
    e[0][2] = e[0][2].add(tiny);
    e[2][0] = prefdyn.num.Rationals.ONE.subtract(e[0][2]);
    assertTrue(!Structure.isBradleyTerry(PreferenceMatrix.of(e)));
    assertTrue(!Structure.isBradleyTerry(Matrices.threeCycle(r(1, 4))));
  }

  /** Equal BT strengths break strict SST (the "distinct scores" hypothesis is needed). */
  @Example
  void equalScoresAreNotStrictlySst() {
    PreferenceMatrix p = Matrices.bradleyTerry(java.util.List.of(1, 2, 2));
    assertTrue(Structure.isBradleyTerry(p));
    assertEquals(Sst.NO, Structure.sst(p)); // 1 and 2 tie: not transitive
  }

  private static org.apfloat.Aprational h() {
    return prefdyn.num.Rationals.HALF;
  }

  private static org.apfloat.Aprational r(long a, long b) {
    return prefdyn.num.Rationals.of(a, b);
  }
}
