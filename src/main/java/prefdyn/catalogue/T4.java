package prefdyn.catalogue;

import java.util.Arrays;
import net.jqwik.api.Arbitrary;
import prefdyn.gen.Matrices;
import prefdyn.num.Rationals;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.sampler.ExactLp;
import prefdyn.sampler.Samplers;
import prefdyn.sampler.Witnesses;

/** T4: a transitive K = 4 matrix without an order-preserving sampler (proofs-notes/T4.md). */
public final class T4 {
  private T4() {}

  public static final Statement STATEMENT = Statement.named("T4")
      .kind(Kind.PAPER)
      .statement("Some transitive K = 4 matrix has no order-preserving sampler: the witness of proofs-notes/T4.md (and its relabellings), with an exact Farkas certificate")
      .proofNote("proofs-notes/T4.md")
      .slots()
      .tries(24)
      .hypotheses(T4::instances, x -> x.k() == 4 && Generators.exactTransitive(x))
      .margin((x, q) -> margin(x.pref()))
      .build();

  /**
   * T4's margin on a claimed witness P: {@code -γ*}, where γ* is the exact optimum of the order LP
   * (max over μ ∈ Δ_K of the smallest consecutive gap {@code (Pμ)_{o_t} - (Pμ)_{o_{t+1}}}), and only
   * when the LP's Farkas certificate for "no μ >= 0 has every gap >= 1" passes the independent
   * check {@link ExactLp#verifyFarkas}. Exact, non-strict: P has no order-preserving sampler iff
   * {@code γ* <= 0} (γ* = 0: ties reachable, a strict order not). A rejected certificate or an
   * order-preserving sampler gives a negative margin.
   */
  public static Margin margin(PreferenceMatrix p) {
    Samplers.Result r = Samplers.solve(p, Samplers.Goal.ORDER);
    if (r instanceof Samplers.NoSampler no) {
      String why = ExactLp.verifyFarkas(no.problem(), no.certificate().multipliers());
      if (why != null) {
        return Margin.exact(Rationals.ONE.negate(), true, "certificate rejected: " + why);
      }
      return Margin.exact(no.lpOptimum().negate(), false, "-γ* of the order LP; Farkas certificate (multipliers "
          + Arrays.stream(no.certificate().multipliers()).map(Rationals::format).toList() + ") verified");
    }
    Samplers.Found f = (Samplers.Found) r;
    return Margin.exact(C3.lpOptimum(f).negate(), false, "-γ* < 0: the sampler " + f.sampler() + " preserves the order");
  }

  /**
   * T4 is existential: the instances are the fixed witness {@link Witnesses#t4()} under all 24
   * relabellings of its responses (the statement is invariant under relabelling, so each is a
   * witness too and exercises the LP and the certificate check on a different row order). Looking
   * for more witnesses is the search's job (C3).
   */
  static Arbitrary<Instance> instances() {
    return Matrices.permutations(4).map(perm -> Instance.of(Matrices.relabel(Witnesses.t4().exactEntries(), perm)));
  }
}
