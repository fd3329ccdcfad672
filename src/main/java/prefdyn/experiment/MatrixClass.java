package prefdyn.experiment;

import prefdyn.text.Labels;

import prefdyn.pref.PreferenceMatrix;
import prefdyn.pref.Sst;
import prefdyn.pref.Structure;

/**
 * The experiment's three classes of preference matrices (docs/theory.md section 6).
 *
 * <ul>
 *   <li>{@link #CYCLIC}: the majority relation has a directed 3-cycle ({@link Structure#isCyclic},
 *       the CLI contract's {@code cyclic}).
 *   <li>{@link #STRONGLY_TRANSITIVE}: the majority relation is a strict linear order (no pair at
 *       exactly 1/2) and P is SST with respect to it, weakly or strictly ({@link Structure#sst} is
 *       WEAK or STRICT). Weak SST is used because it already gives row dominance with strict
 *       majorities ({@code i ▷ j ⇒ P_ik ≥ P_jk}, strict at k ∈ {i, j}), which is all that T3 and
 *       the collapse argument of T8 use for an interior sampler; with integer scores equal
 *       differences (hence equal entries) are common, and strict SST would discard them for no
 *       dynamical reason.
 *   <li>{@link #OTHER}: everything else (ties at 1/2 without a 3-cycle, or transitive but not SST).
 *       The paper keeps only the first two classes.
 * </ul>
 */
public enum MatrixClass implements Labels.Labelled {
  CYCLIC,
  STRONGLY_TRANSITIVE,
  OTHER;

  public static MatrixClass of(PreferenceMatrix p) {
    if (Structure.isCyclic(p)) {
      return CYCLIC;
    }
    return Structure.sst(p) == Sst.NO ? OTHER : STRONGLY_TRANSITIVE;
  }

  /**
   * The textbook SST that tolerates ties (a weak order): for all distinct i, j, l,
   * {@code P_ij ≥ 1/2 ∧ P_jl ≥ 1/2 ⇒ P_il ≥ max(P_ij, P_jl)}. Reported beside the classes
   * because a paper that counts strongly transitive HelpSteer matrices may have used it.
   */
  public static boolean sstAllowingTies(PreferenceMatrix p) {
    int k = p.k();
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        for (int l = 0; l < k; l++) {
          if (i == j || j == l || i == l || p.beats(j, i) || p.beats(l, j)) {
            continue;
          }
          if (p.entry(i, l).compareTo(p.entry(i, j)) < 0 || p.entry(i, l).compareTo(p.entry(j, l)) < 0) {
            return false;
          }
        }
      }
    }
    return true;
  }
}
