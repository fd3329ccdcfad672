package prefdyn.catalogue;

import net.jqwik.api.Combinators;
import prefdyn.gen.Distributions;
import prefdyn.gen.Matrices;
import prefdyn.optimum.GapChange;
import prefdyn.pref.Sst;
import prefdyn.pref.Structure;

/** C1 (conjecture, expected false): under SST a top-dominating μ' enlarges every logit gap (proofs-notes/T5.md). */
public final class C1 {
  private C1() {}

  public static final Statement STATEMENT = Statement.named("C1")
      .kind(Kind.CONJECTURE)
      .statement("Under SST, any top-dominating μ' enlarges every logit gap (expected false); margin = min over pairs of the gap change")
      .proofNote("proofs-notes/T5.md")
      .slots(Slot.SAMPLER, Slot.SAMPLER_PRIME, Slot.BETA)
      .hypotheses(() -> Matrices.sst(3, 5).flatMap(p -> Combinators.combine(Distributions.any(p.k()), Generators.moves(), Generators.betas())
          .as((mu, mv, beta) -> Instance.of(p).with(Slot.SAMPLER, mu)
              .with(Slot.SAMPLER_PRIME, Generators.shiftUp(mu, Structure.majorityOrder(p).orElseThrow(), mv)).with(Slot.BETA, beta))))
      .admits(x -> x.has(Slot.SAMPLER) && x.has(Slot.SAMPLER_PRIME) && x.has(Slot.BETA) && x.get(Slot.BETA).signum() > 0
          && x.pref().isExact() && Structure.sst(x.pref()) != Sst.NO
          && GapChange.topDominates(Structure.majorityOrder(x.pref()).orElseThrow(), x.get(Slot.SAMPLER_PRIME), x.get(Slot.SAMPLER)))
      .margin((x, q) -> Margin.exact(GapChange.minOverPairs(x.pref(), x.get(Slot.SAMPLER), x.get(Slot.SAMPLER_PRIME), x.get(Slot.BETA)),
          false, "smallest change of a logit gap β((Pμ)_i - (Pμ)_j), i ▷ j, from μ to μ'"))
      .build();
}
