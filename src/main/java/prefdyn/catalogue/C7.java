package prefdyn.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import prefdyn.gen.Distributions;
import prefdyn.gen.Matrices;
import prefdyn.pref.Distribution;
import prefdyn.pref.ScoreGap;
import prefdyn.pref.Sst;
import prefdyn.pref.Structure;

/**
 * C7 (conjecture, false; proofs-notes/C7.md): weak SST (ties allowed) with strict majorities
 * preserves the order for every μ ∈ Δ_K, point masses included. False, but only on ties: row
 * dominance still holds weakly, so the margin is never negative; it is exactly 0 when μ sits on
 * responses k with P_ik = P_jk for some i ▷ j (T3 needs full support or strict SST to exclude this).
 */
public final class C7 {
  private C7() {}

  public static final Statement STATEMENT = Statement.named("C7")
      .kind(Kind.CONJECTURE)
      .statement("Weak SST with strict majorities preserves the majority order for every sampler, point masses included")
      .proofNote("proofs-notes/C7.md")
      .slots(Slot.SAMPLER)
      .hypotheses(() -> Matrices.sst(3, 5).flatMap(p -> Distributions.any(p.k()).map(mu -> Instance.of(p).with(Slot.SAMPLER, mu))))
      .admits(x -> {
        Distribution mu = x.find(Slot.SAMPLER);
        return x.pref().isExact() && Structure.sst(x.pref()) != Sst.NO && mu != null && mu.isExact() && mu.k() == x.k();
      })
      .margin((x, q) -> margin(x))
      .build();

  static Margin margin(Instance x) {
    Optional<int[]> order = Structure.majorityOrder(x.pref());
    if (order.isEmpty()) {
      throw new IllegalArgumentException("C7 needs a transitive matrix");
    }
    int[] o = order.get();
    List<ScoreGap.Pair> pairs = new ArrayList<>();
    for (int a = 0; a < o.length; a++) {
      for (int b = a + 1; b < o.length; b++) {
        pairs.add(ScoreGap.Pair.of(o[a], o[b]));
      }
    }
    ScoreGap g = ScoreGap.min(x.pref().times(x.get(Slot.SAMPLER)), pairs);
    if (g == null) {
      throw new IllegalStateException("instance has no a pair");
    }
    return Margin.exact(g.gap(), true, "min over i ▷ j of (Pμ)_i - (Pμ)_j (attained at " + g.i() + " ▷ " + g.j() + ")");
  }
}
