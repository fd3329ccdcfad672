package prefdyn.catalogue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;
import org.apfloat.Aprational;
import prefdyn.gen.Distributions;
import prefdyn.gen.Matrices;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.pref.Sst;
import prefdyn.pref.Structure;

/**
 * T3 of docs/theory.md section 3 and its lemma, as catalogue entries (see proofs-notes/T3.md).
 *
 * <ul>
 *   <li>{@code T3}: with uniform π_ref the IPO optimum preserves the majority order — decided
 *       exactly on the scores, {@code (Pμ)_i > (Pμ)_j} whenever {@code i ▷ j} — if P is SST with
 *       strict majorities and μ has full support, or P is strictly SST and μ is any sampler.
 *   <li>{@code T3-lemma}: SST with strict majorities implies row dominance
 *       ({@code i ▷ j ⇒ P_ik >= P_jk ∀k}, strict at {@code k ∈ {i, j}}); strictly SST implies
 *       strict row dominance at every k.
 * </ul>
 */
public final class T3Statements {
  /** K range of the generated instances. */
  public static final int MIN_K = 2;
  public static final int MAX_K = 7;

  private T3Statements() {}

  public static List<Statement> all() {
    return List.of(new Theorem(), new Lemma());
  }

  /** T3: order preservation of π* (uniform π_ref) under strong stochastic transitivity. */
  public static final class Theorem implements Statement {
    @Override
    public String id() {
      return "T3";
    }

    @Override
    public String title() {
      return "SST with strict majorities and full-support μ, or strictly SST P and any μ: (Pμ)_i > (Pμ)_j whenever i ▷ j (π* with uniform π_ref preserves the majority order)";
    }

    @Override
    public Kind kind() {
      return Kind.PAPER;
    }

    /**
     * Half the instances: P weakly SST (strictly SST ones included) with an interior μ; half: P
     * strictly SST with any μ (point masses, two-point supports, uniform, partial supports).
     */
    @Override
    public Arbitrary<Instance> hypotheses() {
      Arbitrary<Instance> weak = Matrices.sst(MIN_K, MAX_K).flatMap(p ->
          Distributions.fullSupport(p.k()).map(mu -> Instance.of(p).withSampler(mu)));
      Arbitrary<Instance> strict = Matrices.strictlySst(MIN_K, MAX_K).flatMap(p ->
          Distributions.any(p.k()).map(mu -> Instance.of(p).withSampler(mu)));
      return Arbitraries.frequencyOf(Tuple.of(1, weak), Tuple.of(1, strict));
    }

    @Override
    public boolean admits(Instance x) {
      Distribution mu = x.sampler();
      if (mu == null || !mu.isExact() || !x.pref().isExact() || mu.k() != x.k()) {
        return false;
      }
      Sst sst = Structure.sst(x.pref());
      return sst == Sst.STRICT || (sst == Sst.WEAK && mu.interior());
    }

    /**
     * Exact margin: {@code min over i ▷ j of (Pμ)_i - (Pμ)_j}, strict (a tie of scores breaks
     * order preservation). For β > 0 and uniform π_ref, {@code π*_i > π*_j} iff
     * {@code (Pμ)_i > (Pμ)_j}, so β does not enter.
     */
    @Override
    public Margin check(Instance x, Precision precision) {
      return orderMargin(x.pref(), Instance.need(x.sampler(), "sampler"));
    }
  }

  /**
   * The order-preservation margin of a sampler: the exact minimum over {@code i ▷ j} of
   * {@code (Pμ)_i - (Pμ)_j}, strict. With no strictly decided pair the margin is +1 (vacuous).
   */
  public static Margin orderMargin(PreferenceMatrix p, Distribution mu) {
    Aprational[] s = p.times(mu);
    Aprational worst = null;
    String where = "no pair i ▷ j";
    for (int i = 0; i < p.k(); i++) {
      for (int j = 0; j < p.k(); j++) {
        if (i != j && p.beats(i, j)) {
          Aprational d = s[i].subtract(s[j]);
          if (worst == null || d.compareTo(worst) < 0) {
            worst = d;
            where = "(Pμ)_" + i + " - (Pμ)_" + j + " with " + i + " ▷ " + j;
          }
        }
      }
    }
    if (worst == null) {
      return Margin.exact(Rationals.ONE, true, "vacuous: " + where);
    }
    return Margin.exact(worst, true, "min over i ▷ j of (Pμ)_i - (Pμ)_j, at " + where);
  }

  /** The lemma of T3: SST with strict majorities implies row dominance. */
  public static final class Lemma implements Statement {
    @Override
    public String id() {
      return "T3-lemma";
    }

    @Override
    public String title() {
      return "SST with strict majorities: i ▷ j ⇒ P_ik >= P_jk for all k (strict at k ∈ {i,j}; strict for all k when strictly SST)";
    }

    @Override
    public Kind kind() {
      return Kind.PAPER;
    }

    @Override
    public Arbitrary<Instance> hypotheses() {
      return Arbitraries.frequencyOf(Tuple.of(1, Matrices.sst(MIN_K, MAX_K)), Tuple.of(1, Matrices.strictlySst(MIN_K, MAX_K)))
          .map(Instance::of);
    }

    @Override
    public boolean admits(Instance x) {
      return x.pref().isExact() && Structure.sst(x.pref()) != Sst.NO;
    }

    /**
     * Exact margin: the row-dominance gap {@link Structure#rowDominance} (min over i ▷ j and all
     * k of {@code P_ik - P_jk}); nonstrict for weakly SST P, strict for strictly SST P.
     */
    @Override
    public Margin check(Instance x, Precision precision) {
      PreferenceMatrix p = x.pref();
      boolean strict = Structure.sst(p) == Sst.STRICT;
      Structure.RowDominance r = Structure.rowDominance(p);
      if (r == null) {
        return Margin.exact(Rationals.ONE, strict, "vacuous: no pair i ▷ j");
      }
      return Margin.exact(r.gap(), strict, "min over i ▷ j, k of P_ik - P_jk, at i=" + r.i() + ", j=" + r.j() + ", k=" + r.k());
    }
  }
}
