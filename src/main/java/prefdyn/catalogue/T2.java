package prefdyn.catalogue;

import net.jqwik.api.Arbitraries;
import org.apfloat.Aprational;
import prefdyn.gen.Matrices;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.sampler.Samplers;

/** T2: the max-margin sampler restores Smith-top with full support (proofs-notes/T2.md). */
public final class T2 {
  private T2() {}

  public static final Statement STATEMENT = Statement.named("T2")
      .kind(Kind.PAPER)
      .statement("For every P the max-margin sampler, mixed with uniform, has full support and ranks the Smith set strictly on top")
      .proofNote("proofs-notes/T2.md")
      .slots()
      .hypotheses(() -> Arbitraries.oneOf(Matrices.any(2, 5), Matrices.withCondorcetWinner(2, 5), Matrices.withSmithSetOfSize(2, 2, 5),
          Matrices.withSmithSetOfSize(3, 3, 5), Matrices.transitive(2, 5), Matrices.sst(2, 5), Matrices.threeCycle(),
          Matrices.bradleyTerry(2, 5)).map(Instance::of))
      .admits(x -> x.pref().isExact())
      .margin((x, q) -> {
        Samplers.Result r = Samplers.solve(x.pref(), Samplers.Goal.SMITH_TOP);
        if (!(r instanceof Samplers.Found f)) {
          return Margin.exact(Rationals.ONE.negate(), true, "the Smith-top LP reported no sampler");
        }
        return margin(x.pref(), f.sampler());
      })
      .build();

  /** T2's margin of a sampler: {@code min(min_k μ_k, min_{i∈S, j∉S} (Pμ)_i - (Pμ)_j)}, exact. */
  public static Margin margin(PreferenceMatrix p, Distribution mu) {
    Aprational minMu = null;
    for (int i = 0; i < mu.k(); i++) {
      minMu = minMu == null || mu.exact(i).compareTo(minMu) < 0 ? mu.exact(i) : minMu;
    }
    Aprational m = minMu == null ? Rationals.ZERO : minMu;
    Aprational smith = Samplers.margin(p, mu, Samplers.pairs(p, Samplers.Goal.SMITH_TOP));
    if (smith == null) {
      return Margin.exact(m, true, "Smith set is all responses (Smith-top vacuous); margin = smallest sampler entry");
    }
    return Margin.exact(Rationals.min(m, smith), true, "min(smallest sampler entry, Smith-top margin " + Rationals.format(smith) + ")");
  }
}
