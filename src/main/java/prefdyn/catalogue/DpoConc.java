package prefdyn.catalogue;

import java.math.BigInteger;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.apfloat.Aprational;
import prefdyn.gen.Distributions;
import prefdyn.gen.Matrices;
import prefdyn.num.Ball;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.optimum.DpoConcentration;
import prefdyn.optimum.GapChange;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.pref.Structure;

/**
 * DPO-CONC [derived]. (a) Identity: {@code d(G_i - G_j)/dε}, computed from the implicit-function
 * derivative du, equals {@code Σ_b ν_b h_b} (a certified equality: "agrees within r", or
 * VIOLATED when the enclosure excludes 0). (b) Concentration: when h is nonincreasing along the
 * order (each drop certified ≥ 0; the drop between i and j is 0 identically and skipped) and some
 * prefix gains mass ({@code D_m > 0}) where h drops strictly, {@code d(G_i - G_j)/dε > 0}
 * (strict, certified). When a drop is certified negative, (b) does not apply and only (a) is
 * claimed.
 *
 * <p>Instances (shared with {@link DpoConcGlobal}): P transitive with a finite DPO optimum (Ford's
 * condition; generated strictly SST, K = 3, 4), μ interior ({@code sampler}), μ' interior and
 * top-dominating μ along the majority order ({@code samplerPrime}), and a pair i ▷ j adjacent in
 * the order (params "i", "j"). The mathematics lives in {@link DpoConcentration}; this class only
 * compares (proofs-notes/DPO-CONC.md).
 */
public final class DpoConc {
  private DpoConc() {}

  /** The adjacent pair (i, j) of the majority order whose aggregate logit gap is compared (integers). */
  static final Slot<Aprational> I = Slot.param("i");
  static final Slot<Aprational> J = Slot.param("j");

  /** Strictly SST, uniform μ, half of the bottom's mass moved to the top, pair (1, 2). */
  public static Instance bottomPair() {
    Aprational h = Rationals.HALF;
    PreferenceMatrix p = PreferenceMatrix.of(new Aprational[][] {
      {h, Rationals.of(3, 5), Rationals.of(4, 5)}, {Rationals.of(2, 5), h, Rationals.of(3, 5)}, {Rationals.of(1, 5), Rationals.of(2, 5), h}});
    return Instance.of(p).with(Slot.SAMPLER, Distribution.uniform(3))
        .with(Slot.SAMPLER_PRIME, Distribution.of(Rationals.of(1, 2), Rationals.of(1, 3), Rationals.of(1, 6)))
        .with(I, Rationals.of(1)).with(J, Rationals.of(2));
  }

  static Arbitrary<Instance> instances() {
    return Arbitraries.integers().between(3, 4).flatMap(k -> Combinators.combine(
        Matrices.strictlySst(k, k).filter(Optima::finiteDpoOptimum), Distributions.interior(k),
        Generators.moves(), Arbitraries.integers().between(0, k - 2))
        .as((p, mu, mv, m) -> {
          int[] o = Structure.majorityOrder(p).orElseThrow();
          return Instance.of(p).with(Slot.SAMPLER, mu).with(Slot.SAMPLER_PRIME, Generators.shiftUp(mu, o, mv))
              .with(I, Rationals.of(o[m], 1)).with(J, Rationals.of(o[m + 1], 1));
        })
        .filter(x -> x.get(Slot.SAMPLER_PRIME).interior()));
  }

  /** The order position of i when (i, j) are adjacent in the majority order, else -1. */
  static int adjacentPosition(int[] o, int i, int j) {
    for (int m = 0; m + 1 < o.length; m++) {
      if (o[m] == i && o[m + 1] == j) {
        return m;
      }
    }
    return -1;
  }

  /** An integer in [0, k) (the search's moves may perturb a parameter into a fraction). */
  static boolean isIndex(Aprational v, int k) {
    return v.denominator().toBigInteger().equals(BigInteger.ONE) && v.signum() >= 0 && v.compareTo(Rationals.of(k, 1)) < 0;
  }

  static boolean admits(Instance x) {
    if (!x.has(Slot.SAMPLER) || !x.has(Slot.SAMPLER_PRIME) || !x.pref().isExact()
        || !x.has(I) || !x.has(J)) {
      return false;
    }
    Optional<int[]> o = Structure.majorityOrder(x.pref());
    Distribution mu = x.get(Slot.SAMPLER);
    Distribution mp = x.get(Slot.SAMPLER_PRIME);
    return o.isPresent() && isIndex(x.get(I), x.k()) && isIndex(x.get(J), x.k())
        && Optima.finiteDpoOptimum(x.pref()) && mu.isExact() && mp.isExact()
        && mu.k() == x.k() && mp.k() == x.k() && mu.interior() && mp.interior()
        && GapChange.topDominates(o.get(), mp, mu)
        && adjacentPosition(o.get(), x.get(I).intValue(), x.get(J).intValue()) >= 0;
  }

  /** What DPO-CONC and its non-local version DPO-CONC-GLOBAL share: the proof note, the slots, the tries and the instances. */
  static StatementBuilder named(String id) {
    return Statement.named(id)
        .proofNote("proofs-notes/DPO-CONC.md")
        .slots(Slot.SAMPLER, Slot.SAMPLER_PRIME, I, J)
        .tries(40)
        .hypotheses(DpoConc::instances);
  }

  public static final Statement STATEMENT = named("DPO-CONC")
      .kind(Kind.PROVED)
      .statement("DPO optimum, mu -> mu + eps(mu' - mu): the Fisher-weighted aggregate of logit gaps G_i - G_j changes at rate sum_b nu_b h_b; it grows when mu' shifts mass to the top and h is nonincreasing.")
      .admits(DpoConc::admits)
      .margin(DpoConc::check, "IPO's rate sum_b nu_b (P_ib - P_jb) instead of sum_b nu_b h_b", DpoConc::bottomPair)
      .build();

  static Margin check(Instance x, Precision p, boolean ipoRate) {
    int i = x.get(I).intValue();
    int j = x.get(J).intValue();
    int[] o = Structure.majorityOrder(x.pref()).orElseThrow();
    Distribution mu = x.get(Slot.SAMPLER);
    Distribution mp = x.get(Slot.SAMPLER_PRIME);
    String what = "d/deps (G_" + i + " - G_" + j + ") along mu + eps(mu' - mu)";
    DpoConcentration.Local l = DpoConcentration.local(x.pref(), mu, mp, i, j, o, p, ipoRate);
    Ball rate = l.rate();
    Ball formula = l.formula();
    Ball[] drops = l.drops();
    if (rate == null || formula == null || drops == null) {
      return Margin.unknown(String.valueOf(l.failure()), false, what);
    }
    int prec = p.bits() + 16;
    Margin identity = Margin.equality(rate.sub(formula, prec), what + " (implicit function theorem) minus "
        + (ipoRate ? "IPO's rate sum_b nu_b (P_ib - P_jb)" : "sum_b nu_b h_b"));
    int pos = adjacentPosition(o, i, j);
    boolean hypothesis = true;
    boolean undecided = false;
    int strict = -1;
    Aprational prefix = Rationals.ZERO;
    for (int m = 0; m + 1 < o.length; m++) {
      prefix = prefix.add(mp.exact(o[m]).subtract(mu.exact(o[m])));
      if (m == pos) {
        continue;
      }
      if (drops[m].isNegative()) {
        hypothesis = false;
      } else if (!drops[m].isNonNegative()) {
        undecided = true;
      }
      if (prefix.signum() > 0 && drops[m].isPositive() && strict < 0) {
        strict = m;
      }
    }
    if (!hypothesis) {
      return identity.withDetail(identity.detail() + "; h is not nonincreasing (a drop is certified negative): the"
          + " growth clause does not apply");
    }
    if (undecided) {
      return Margin.min(identity, Margin.unknown("whether h is nonincreasing along the order is not decided at this"
          + " precision", true, what));
    }
    if (strict < 0) {
      return identity.withDetail(identity.detail() + "; no prefix gains mass where h drops: no growth claimed");
    }
    return Margin.min(identity, Margin.of(rate, true, what + " > 0 (h nonincreasing, D_" + strict + " > 0 where h drops)"));
  }
}
