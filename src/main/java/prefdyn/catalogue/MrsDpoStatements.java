package prefdyn.catalogue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import prefdyn.dynamics.MrsParameters;
import prefdyn.gen.Distributions;
import prefdyn.gen.Matrices;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.pref.Sst;
import prefdyn.pref.Structure;

/**
 * MRS-DPO observations (docs/theory.md section 5): labelled {@link Kind#EMPIRICAL}. The paper reports
 * them from simulation and proves less for DPO than for IPO; these entries record what our runs
 * show, on the instances their generators cover. They are not theorems.
 */
public final class MrsDpoStatements {
  private MrsDpoStatements() {}

  /**
   * Why both entries are UNDECIDED for now: their margins follow an MRS-DPO orbit over 60-300
   * rounds, and a certified orbit needs an enclosure of every DPO round on a box of logits
   * (the certified DPO optimum at a point exists in optimum.DpoOptimum; its Lipschitz bound over a
   * box, needed to propagate the error as for IPO in proofs-notes/trajectories.md, does not yet).
   * A margin computed without it would be decided by a tolerance.
   */
  static final String UNCERTIFIED = "the MRS-DPO orbit is not certified yet (no enclosure of the DPO round on a box"
      + " of logits); see proofs-notes/MRS-DPO.md";

  public static List<Statement> all() {
    return List.of(new Cycle(), new Collapse());
  }

  static MrsParameters dpo(Instance x) {
    return DynamicsStatements.parameters(x).withMethod(MrsParameters.Method.DPO);
  }

  static boolean openEntries(PreferenceMatrix p) {
    for (int i = 0; i < p.k(); i++) {
      for (int j = 0; j < p.k(); j++) {
        if (i != j && (p.entry(i, j).signum() == 0 || p.entry(i, j).compareTo(Rationals.ONE) == 0)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * DPO-CYCLE (empirical): on the 3-cycle P_a with α = 1, 0 < λ ≤ 3/4 (so each round's sampler
   * keeps mass (1-λ)/3 everywhere and the DPO problem stays well conditioned; with λ = 1 the orbit
   * reaches near-vertex samplers where the DPO solver's Newton gives up), an MRS-DPO orbit
   * started 10^-6 from uniform moves away from it and keeps rotating around it. Margin: over
   * rounds 100..300, {@code min(log(min ||θ_t||/||θ_0||), winding turns - 1)}.
   */
  public static final class Cycle implements Statement {
    @Override public String id() { return "DPO-CYCLE"; }
    /** Each try solves a DPO optimum per round. */
    @Override public int defaultTries() { return 40; }
    @Override public String title() { return "[empirical] MRS-DPO on the 3-cycle P_a with alpha = 1: orbits near uniform move away and keep rotating."; }
    @Override public Kind kind() { return Kind.EMPIRICAL; }

    @Override
    public Arbitrary<Instance> hypotheses() {
      return Combinators.combine(Matrices.threeCycleStrengths(4).filter(a -> a.compareTo(Rationals.HALF) < 0),
          DynamicsStatements.grid(2, 3, 4), DynamicsStatements.grid(1, 4, 2))
          .as((a, l, b) -> Instance.of(Matrices.threeCycle(a)).withParam("a", a).withAlpha(Rationals.ONE)
              .withLambda(l).withBeta(b).withRef(Distribution.uniform(3)).withPi0(Distribution.uniform(3)));
    }

    @Override
    public boolean admits(Instance x) {
      org.apfloat.Aprational l = x.lambda();
      return new DynamicsStatements.T6(DynamicsStatements.Sqrt3.INVERSE).admits(x) && DynamicsStatements.isOne(x.alpha())
          && l != null && l.signum() > 0 && l.compareTo(Rationals.of(3, 4)) <= 0 && openEntries(x.pref());
    }

    @Override
    public Margin check(Instance x, Precision p) {
      return Margin.unknown(UNCERTIFIED, true,
          "MRS-DPO 3-cycle, rounds 100..300: min(log min ||θ_t||/||θ_0||, winding turns - 1)");
    }
  }

  /**
   * DPO-COLLAPSE (empirical): α = 1, strictly SST P with entries in (0,1), λ ≤ 3/4 (so the
   * sampler keeps mass (1-λ)π_0 everywhere and each round's DPO problem stays well conditioned;
   * with λ = 1 the sampler itself collapses and the DPO solver's certified Newton gives up): over 60 rounds the
   * mass off the top response shrinks at least tenfold and the top's log-odds increase every
   * round. Margin: {@code min(log10(off_0/off_T) - 1, smallest log-odds increase)}.
   */
  public static final class Collapse implements Statement {
    static final int ROUNDS = 60;

    @Override public String id() { return "DPO-COLLAPSE"; }
    @Override public String title() { return "[empirical] MRS-DPO with alpha = 1 on strictly SST P concentrates on the top response."; }
    @Override public Kind kind() { return Kind.EMPIRICAL; }

    @Override
    public Arbitrary<Instance> hypotheses() {
      return Arbitraries.integers().between(2, 4).flatMap(k -> Combinators.combine(
          Matrices.strictlySst(k, k).filter(MrsDpoStatements::openEntries), DynamicsStatements.grid(1, 3, 4),
          DynamicsStatements.grid(1, 4, 2), Distributions.interior(k), Distributions.interior(k))
          .as((pm, l, b, pi0, init) -> Instance.of(pm).withAlpha(Rationals.ONE).withLambda(l).withBeta(b)
              .withRef(Distribution.uniform(k)).withPi0(pi0).withInit(init)));
    }

    @Override
    public boolean admits(Instance x) {
      return Structure.sst(x.pref()) == Sst.STRICT && openEntries(x.pref()) && DynamicsStatements.isOne(x.alpha())
          && DynamicsStatements.unit(x.lambda()) && x.lambda() != null && x.lambda().compareTo(Rationals.of(3, 4)) <= 0
          && DynamicsStatements.positive(x.beta())
          && DynamicsStatements.interiorNonNull(x.pi0()) && DynamicsStatements.interiorOrNull(x.init());
    }

    @Override
    public Margin check(Instance x, Precision p) {
      return Margin.unknown(UNCERTIFIED, true,
          "MRS-DPO, " + ROUNDS + " rounds: min(log10 shrink of 1 - π_top - 1, smallest top log-odds increase)");
    }
  }
}
