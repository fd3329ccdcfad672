package prefdyn.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import prefdyn.gen.Matrices;
import prefdyn.pref.Distribution;
import prefdyn.pref.ScoreGap;
import prefdyn.pref.Structure;

/**
 * C6 (conjecture, false for K ≥ 3; proofs-notes/C6.md): the uniform sampler (Borda scores) puts the
 * Condorcet winner on top whenever there is one. A winner by thin majorities loses to a response
 * that beats everyone else by a landslide (T1's witness with μ uniform).
 */
public final class C6 {
  private C6() {}

  public static final Statement STATEMENT = Statement.named("C6")
      .kind(Kind.CONJECTURE)
      .statement("The uniform sampler (Borda scores) is Condorcet-top whenever a Condorcet winner exists")
      .proofNote("proofs-notes/C6.md")
      .slots(Slot.SAMPLER)
      .hypotheses(() -> Matrices.withCondorcetWinner(3, 5).map(p -> Instance.of(p).with(Slot.SAMPLER, Distribution.uniform(p.k()))),
          x -> Structure.condorcetWinner(x.pref()).isPresent() && x.pref().isExact() && Distribution.uniform(x.k()).equals(x.find(Slot.SAMPLER)))
      .margin((x, q) -> margin(x))
      .build();

  static Margin margin(Instance x) {
    OptionalInt c = Structure.condorcetWinner(x.pref());
    if (c.isEmpty()) {
      throw new IllegalArgumentException("C6 needs a Condorcet winner");
    }
    List<ScoreGap.Pair> pairs = new ArrayList<>();
    for (int j = 0; j < x.k(); j++) {
      if (j != c.getAsInt()) {
        pairs.add(ScoreGap.Pair.of(c.getAsInt(), j));
      }
    }
    ScoreGap g = ScoreGap.min(x.pref().times(x.get(Slot.SAMPLER)), pairs);
    if (g == null) {
      throw new IllegalStateException("instance has no a rival");
    }
    return Margin.exact(g.gap(), true,
        "(Pμ)_c - max_j (Pμ)_j for the Condorcet winner c = " + c.getAsInt() + " (closest rival " + g.j() + ")");
  }
}
