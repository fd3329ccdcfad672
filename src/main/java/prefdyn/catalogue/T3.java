package prefdyn.catalogue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;
import prefdyn.gen.Distributions;
import prefdyn.gen.Matrices;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.pref.ScoreGap;
import prefdyn.pref.Sst;
import prefdyn.pref.Structure;

/**
 * T3 of docs/theory.md section 3 (proofs-notes/T3.md): with uniform π_ref the IPO optimum preserves
 * the majority order — decided exactly on the scores, {@code (Pμ)_i > (Pμ)_j} whenever {@code i ▷ j}
 * — if P is SST with strict majorities and μ has full support, or P is strictly SST and μ is any
 * sampler. Its lemma is {@link T3Lemma}.
 */
public final class T3 {
  /** K range of the generated instances (T3 and its lemma). */
  public static final int MIN_K = 2;
  public static final int MAX_K = 7;

  private T3() {}

  public static final Statement STATEMENT = Statement.named("T3")
      .kind(Kind.PAPER)
      .statement("SST with strict majorities and full-support μ, or strictly SST P and any μ: (Pμ)_i > (Pμ)_j whenever i ▷ j (π* with uniform π_ref preserves the majority order)")
      .proofNote("proofs-notes/T3.md")
      .slots(Slot.SAMPLER)
      .hypotheses(T3::instances)
      .admits(x -> {
        Distribution mu = x.find(Slot.SAMPLER);
        if (mu == null || !mu.isExact() || !x.pref().isExact() || mu.k() != x.k()) {
          return false;
        }
        Sst sst = Structure.sst(x.pref());
        return sst == Sst.STRICT || (sst == Sst.WEAK && mu.interior());
      })
      // for β > 0 and uniform π_ref, π*_i > π*_j iff (Pμ)_i > (Pμ)_j, so β does not enter
      .margin((x, q) -> orderMargin(x.pref(), x.get(Slot.SAMPLER)))
      .build();

  /**
   * Half the instances: P weakly SST (strictly SST ones included) with an interior μ; half: P
   * strictly SST with any μ (point masses, two-point supports, uniform, partial supports).
   */
  static Arbitrary<Instance> instances() {
    Arbitrary<Instance> weak = Matrices.sst(MIN_K, MAX_K).flatMap(p ->
        Distributions.fullSupport(p.k()).map(mu -> Instance.of(p).with(Slot.SAMPLER, mu)));
    Arbitrary<Instance> strict = Matrices.strictlySst(MIN_K, MAX_K).flatMap(p ->
        Distributions.any(p.k()).map(mu -> Instance.of(p).with(Slot.SAMPLER, mu)));
    return Arbitraries.frequencyOf(Tuple.of(1, weak), Tuple.of(1, strict));
  }

  /**
   * The order-preservation margin of a sampler: the exact minimum over {@code i ▷ j} of
   * {@code (Pμ)_i - (Pμ)_j}, strict (a tie of scores breaks order preservation). With no strictly
   * decided pair the margin is +1 (vacuous).
   */
  public static Margin orderMargin(PreferenceMatrix p, Distribution mu) {
    List<ScoreGap.Pair> pairs = new ArrayList<>();
    for (int i = 0; i < p.k(); i++) {
      for (int j = 0; j < p.k(); j++) {
        if (i != j && p.beats(i, j)) {
          pairs.add(ScoreGap.Pair.of(i, j));
        }
      }
    }
    ScoreGap g = ScoreGap.min(p.times(mu), pairs);
    if (g == null) {
      return Margin.exact(Rationals.ONE, true, "vacuous: no pair i ▷ j");
    }
    return Margin.exact(g.gap(), true, "min over i ▷ j of (Pμ)_i - (Pμ)_j, at (Pμ)_" + g.i() + " - (Pμ)_" + g.j()
        + " with " + g.i() + " ▷ " + g.j());
  }
}
