package prefdyn.catalogue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import org.apfloat.Aprational;
import prefdyn.gen.Matrices;
import prefdyn.num.Ball;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.optimum.DpoOptimum;
import prefdyn.pref.Distribution;
import prefdyn.pref.Structure;

/** T10: DPO sampling invariance holds exactly for Bradley-Terry P and fails off it (proofs-notes/T10.md). */
public final class T10 {
  private T10() {}

  /** The instances of T10 and of its conjecture form C5: (P, μ, μ', ref, β), P interior of size 2..4. */
  static Arbitrary<Instance> instances() {
    return Generators.twoSamplerInstances(Generators.openMatrices(2, 4));
  }

  public static final Statement STATEMENT = Statement.named("T10")
      .kind(Kind.PAPER)
      .statement("DPO optimum: for BT P equal to π_ref ⊙ softmax(s/β) for every full-support μ; for non-BT P two samplers give certifiably different optima")
      .proofNote("proofs-notes/T10.md")
      .slots(Slot.SAMPLER, Slot.SAMPLER_PRIME, Slot.REF, Slot.BETA)
      .hypotheses(T10::instances, T10::admits)
      .margin((x, q) -> Structure.isBradleyTerry(x.pref()) ? btMargin(x, x.get(Slot.BETA), q) : nonBtMargin(x, q))
      .wrong("s·β instead of s/β", (x, q) -> btMargin(x, Rationals.ONE.divide(x.get(Slot.BETA)), q), T10::bt)
      .build();

  /** A Bradley-Terry instance (scores 1, 3, 6) with a non-uniform reference and β = 2. */
  public static Instance bt() {
    return Instance.of(Matrices.bradleyTerry(List.of(1, 3, 6)))
        .with(Slot.SAMPLER, Distribution.of(Rationals.of(1, 2), Rationals.of(1, 3), Rationals.of(1, 6)))
        .with(Slot.SAMPLER_PRIME, Distribution.of(Rationals.of(1, 10), Rationals.of(1, 10), Rationals.of(4, 5)))
        .with(Slot.REF, Distribution.of(Rationals.of(1, 5), Rationals.of(2, 5), Rationals.of(2, 5))).with(Slot.BETA, Rationals.of(2));
  }

  /** The hypotheses of T10 (and C5): interior samplers and reference, β > 0, P in (0,1). */
  static boolean admits(Instance x) {
    Distribution second = x.find(Slot.SAMPLER_PRIME);
    return Generators.optimumHypotheses(x) && Generators.offDiagonalOpen(x.pref()) && (second == null || second.interior());
  }

  /**
   * T10's BT margin: the equality of the certified DPO optimum at μ and
   * {@code Π(log π_ref + s/β_formula)}, coordinate by coordinate ({@link Structure#bradleyTerryScores}, the BT
   * scores in balls). HOLDS when every enclosure of the difference contains 0
   * ("|difference| ≤ r"); VIOLATED when one excludes 0. {@code formulaBeta} is β for the theorem;
   * tests pass a wrong one.
   */
  public static Margin btMargin(Instance x, Aprational formulaBeta, Precision q) {
    int prec = q.bits();
    DpoOptimum.Outcome o = Optima.dpoOptimum(x, x.get(Slot.SAMPLER), q);
    if (o instanceof DpoOptimum.Failure f) {
      return Margin.unknown(f.reason(), false, "certified DPO optimum at μ");
    }
    Ball[] logits = ((DpoOptimum.Certificate) o).logits();
    Ball[] refL = Optima.refLogits(x, prec);
    Ball b = Ball.of(formulaBeta, prec);
    Ball[] s = Structure.bradleyTerryScores(x.pref(), prec).orElseThrow();
    Ball[] expected = new Ball[x.k()];
    for (int i = 0; i < x.k(); i++) {
      expected[i] = refL[i].add(s[i].div(b, prec), prec);
    }
    expected = DpoOptimum.center(expected, prec);
    Ball[] d = new Ball[x.k()];
    for (int i = 0; i < x.k(); i++) {
      d[i] = logits[i].sub(expected[i], prec);
    }
    return Optima.allZero(d, "coordinate ", " of (DPO optimum) - Π(log π_ref + s/β)");
  }

  /**
   * T10's non-BT margin: over candidate samplers (the instance's μ and μ', uniform, then
   * {@code (δ_k + uniform)/2}), the largest certified sup-distance between the certified optimum at
   * μ and at another candidate (a disjunction, {@link Margin#max}): strict, HOLDS when one lower
   * end is > 0 (two samplers certifiably give different optima).
   */
  public static Margin nonBtMargin(Instance x, Precision q) {
    int k = x.k();
    int prec = q.bits();
    Distribution mu = x.get(Slot.SAMPLER);
    DpoOptimum.Outcome base = Optima.dpoOptimum(x, mu, q);
    if (base instanceof DpoOptimum.Failure f) {
      return Margin.unknown(f.reason(), true, "certified DPO optimum at μ");
    }
    Ball[] a = ((DpoOptimum.Certificate) base).logits();
    List<Distribution> cands = new ArrayList<>();
    Distribution second = x.find(Slot.SAMPLER_PRIME);
    if (second != null) {
      cands.add(second);
    }
    cands.add(Distribution.uniform(k));
    Margin best = null;
    for (int round = 0; round < 2; round++) {
      for (Distribution nu : cands) {
        if (nu.equals(mu)) {
          continue;
        }
        DpoOptimum.Outcome o = Optima.dpoOptimum(x, nu, q);
        String what = "max_a |optimum(μ)_a - optimum(ν)_a| for μ = " + mu + ", ν = " + nu;
        Margin m = o instanceof DpoOptimum.Certificate c
            ? Margin.of(Optima.supDistance(a, c.logits(), prec), true, what)
            : Margin.unknown(((DpoOptimum.Failure) o).reason(), true, what);
        best = best == null ? m : Margin.max(best, m);
      }
      if (best != null && best.verdict() == Verdict.HOLDS) {
        break;
      }
      cands.clear();
      for (int i = 0; i < k; i++) {
        Aprational[] e = new Aprational[k];
        for (int t = 0; t < k; t++) {
          e[t] = Rationals.of(1, 2L * k).add(t == i ? Rationals.HALF : Rationals.ZERO);
        }
        cands.add(Distribution.of(e));
      }
    }
    return best == null ? Margin.unknown("no second sampler", true, "certified distance between DPO optima") : best;
  }

}
