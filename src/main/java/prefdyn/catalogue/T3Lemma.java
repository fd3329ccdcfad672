package prefdyn.catalogue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Tuple;
import prefdyn.gen.Matrices;
import prefdyn.num.Rationals;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.pref.Sst;
import prefdyn.pref.Structure;

/**
 * The lemma of T3 (proofs-notes/T3.md): SST with strict majorities implies row dominance
 * ({@code i ▷ j ⇒ P_ik >= P_jk ∀k}, strict at {@code k ∈ {i, j}}); strictly SST implies strict row
 * dominance at every k.
 */
public final class T3Lemma {
  private T3Lemma() {}

  public static final Statement STATEMENT = Statement.named("T3-lemma")
      .kind(Kind.PAPER)
      .statement("SST with strict majorities: i ▷ j ⇒ P_ik >= P_jk for all k (strict at k ∈ {i,j}; strict for all k when strictly SST)")
      .proofNote("proofs-notes/T3.md")
      .slots()
      .hypotheses(() -> Arbitraries.frequencyOf(Tuple.of(1, Matrices.sst(T3.MIN_K, T3.MAX_K)),
          Tuple.of(1, Matrices.strictlySst(T3.MIN_K, T3.MAX_K))).map(Instance::of))
      .admits(x -> x.pref().isExact() && Structure.sst(x.pref()) != Sst.NO)
      .margin((x, q) -> margin(x.pref()))
      .build();

  /**
   * Exact margin: the row-dominance gap {@link Structure#rowDominance} (min over i ▷ j and all
   * k of {@code P_ik - P_jk}); nonstrict for weakly SST P, strict for strictly SST P.
   */
  static Margin margin(PreferenceMatrix p) {
    boolean strict = Structure.sst(p) == Sst.STRICT;
    Structure.RowDominance r = Structure.rowDominance(p);
    if (r == null) {
      return Margin.exact(Rationals.ONE, strict, "vacuous: no pair i ▷ j");
    }
    return Margin.exact(r.gap(), strict, "min over i ▷ j, k of P_ik - P_jk, at i=" + r.i() + ", j=" + r.j() + ", k=" + r.k());
  }
}
