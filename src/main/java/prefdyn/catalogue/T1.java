package prefdyn.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Combinators;
import prefdyn.gen.Distributions;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.pref.ScoreGap;
import prefdyn.pref.Structure;
import prefdyn.sampler.Witnesses;

/** T1: fixed sampling fails all three desiderata (proofs-notes/T1.md). */
public final class T1 {
  private T1() {}

  public static final Statement STATEMENT = Statement.named("T1")
      .kind(Kind.PAPER)
      .statement("For every μ and β there is a transitive P with a Condorcet winner that IPO ranks strictly below another response")
      .proofNote("proofs-notes/T1.md")
      .slots(Slot.SAMPLER, Slot.BETA)
      .hypotheses(() -> Arbitraries.integers().between(3, 5).flatMap(k -> Combinators.combine(Distributions.any(k), Generators.betas())
          .as((mu, beta) -> Instance.of(Witnesses.t1(mu).pref()).with(Slot.SAMPLER, mu).with(Slot.BETA, beta))))
      .admits(x -> x.k() >= 3 && x.has(Slot.SAMPLER) && x.has(Slot.BETA) && x.get(Slot.BETA).signum() > 0 && x.pref().isExact()
          && x.get(Slot.SAMPLER).isExact() && x.pref().equals(Witnesses.t1(x.get(Slot.SAMPLER)).pref()))
      .margin((x, q) -> margin(x.pref(), x.get(Slot.SAMPLER)))
      .build();

  /**
   * T1's margin on a claimed witness P for μ: {@code (Pμ)_j - (Pμ)_c} maximized over j, where c
   * is P's Condorcet winner (also its Smith set and the top of its order): positive iff the IPO
   * optimum ranks c strictly below some j. -1 when P is not transitive or has no Condorcet winner.
   */
  public static Margin margin(PreferenceMatrix p, Distribution mu) {
    Optional<int[]> order = Structure.majorityOrder(p);
    if (order.isEmpty()) {
      return Margin.exact(Rationals.ONE.negate(), true, "P is not transitive");
    }
    int c = order.get()[0];
    List<ScoreGap.Pair> pairs = new ArrayList<>();
    for (int j = 0; j < p.k(); j++) {
      if (j != c) {
        pairs.add(ScoreGap.Pair.of(c, j));
      }
    }
    ScoreGap g = ScoreGap.min(p.times(mu), pairs);
    if (g == null) {
      return Margin.exact(Rationals.ONE.negate(), true, "(Pμ)_-1 - (Pμ)_" + c + ": how far the Condorcet winner " + c + " is ranked below -1");
    }
    return Margin.exact(g.gap().negate(), true, "(Pμ)_" + g.j() + " - (Pμ)_" + c + ": how far the Condorcet winner " + c + " is ranked below " + g.j());
  }
}
