package prefdyn.catalogue;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.apfloat.Aprational;
import prefdyn.gen.Distributions;
import prefdyn.num.Rationals;
import prefdyn.optimum.GapChange;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.pref.Structure;

/** T5: top-dominating samplers do not shrink a logit gap whose row difference is nonincreasing (proofs-notes/T5.md). */
public final class T5 {
  private T5() {}

  /** The two responses whose logit gap is compared (integers). */
  public static final Slot<Aprational> I = Slot.param("i");
  public static final Slot<Aprational> J = Slot.param("j");

  public static final Statement STATEMENT = Statement.named("T5")
      .kind(Kind.PROVED)
      .statement("If μ' dominates μ toward the top and d = P_i· - P_j· is nonincreasing along the order, the logit gap of i over j does not shrink (grows where a gaining prefix meets a drop of d)")
      .proofNote("proofs-notes/T5.md")
      .slots(Slot.SAMPLER, Slot.SAMPLER_PRIME, Slot.BETA, I, J)
      .hypotheses(T5::instances, T5::admits)
      .margin((x, q) -> margin(x, GapChange.change(x.pref(), x.get(I).intValue(), x.get(J).intValue(),
          x.get(Slot.SAMPLER), x.get(Slot.SAMPLER_PRIME), x.get(Slot.BETA))))
      .build();

  /**
   * T5 instances: P with majority order 0 ▷ 1 ▷ ... ▷ K-1 built from strictly decreasing integer
   * scores S ({@code P_ab = 1/2 + (S_a - S_b)/(2N)}), then row i tilted by a nonincreasing
   * {@code φ} (positive above i, zero between i and j, negative below j, small enough to keep
   * every majority; at least one of the two tilts on): d = P_i· - P_j· is nonincreasing along the
   * order. μ any; μ' = μ shifted up by one to four mass moves. Only instances where the strict
   * clause applies are kept: under the hypotheses every Abel term is >= 0, so without a gaining
   * prefix at a drop of d (in particular when μ' = μ or d is constant) the change is exactly 0 and
   * the instance tests nothing.
   */
  static Arbitrary<Instance> instances() {
    return Arbitraries.integers().between(3, 5).flatMap(k -> Combinators.combine(
        Arbitraries.integers().between(1, 3).list().ofSize(k - 1),
        Arbitraries.integers().between(0, k - 2),
        Arbitraries.integers().between(1, k - 1),
        Arbitraries.of(List.of(1, 0), List.of(0, 1), List.of(1, 1)),
        Distributions.any(k), Generators.moves().filter(m -> !m.isEmpty()), Generators.betas()).as((inc, i, span, tilt, mu, mv, beta) -> {
          int j = Math.min(k - 1, i + span);
          int up = tilt.get(0);
          int down = tilt.get(1);
          long[] s = new long[k];
          for (int t = k - 2; t >= 0; t--) {
            s[t] = s[t + 1] + inc.get(t);
          }
          long n = s[0];
          Aprational[][] p = new Aprational[k][k];
          for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
              p[a][b] = Rationals.HALF.add(Rationals.of(s[a] - s[b], 2 * n));
            }
          }
          Aprational theta = Rationals.of(1, 4 * n * k);
          for (int c = 0; c < k; c++) {
            Aprational phi = Rationals.ZERO;
            if (c < i) {
              phi = theta.multiply(Rationals.of((long) up * (i - c)));
            } else if (c > j) {
              phi = theta.multiply(Rationals.of((long) -down * (c - j)));
            }
            if (c != i && c != j) {
              p[i][c] = p[i][c].add(phi);
              p[c][i] = Rationals.ONE.subtract(p[i][c]);
            }
          }
          int[] order = new int[k];
          for (int t = 0; t < k; t++) {
            order[t] = t;
          }
          return Instance.of(PreferenceMatrix.of(p)).with(Slot.SAMPLER, mu).with(Slot.SAMPLER_PRIME, Generators.shiftUp(mu, order, mv)).with(Slot.BETA, beta)
              .with(I, Rationals.of(i)).with(J, Rationals.of(j));
        }))
        .filter(x -> GapChange.strictPosition(x.pref(), Structure.majorityOrder(x.pref()).orElseThrow(), x.get(I).intValue(),
            x.get(J).intValue(), x.get(Slot.SAMPLER), x.get(Slot.SAMPLER_PRIME)) >= 0);
  }

  static boolean admits(Instance x) {
    if (!x.has(Slot.SAMPLER) || !x.has(Slot.SAMPLER_PRIME) || !x.has(Slot.BETA) || !x.pref().isExact()
        || !x.has(I) || !x.has(J)) {
      return false;
    }
    Optional<int[]> o = Structure.majorityOrder(x.pref());
    int i = x.get(I).intValue();
    int j = x.get(J).intValue();
    return o.isPresent() && i >= 0 && j >= 0 && i < x.k() && j < x.k() && x.pref().beats(i, j)
        && GapChange.dNonincreasing(x.pref(), o.get(), i, j)
        && GapChange.topDominates(o.get(), x.get(Slot.SAMPLER_PRIME), x.get(Slot.SAMPLER))
        && x.get(Slot.BETA).signum() > 0;
  }

  /**
   * T5's margin for a claimed change {@code c} of the logit gap of i over j from μ to μ' (the
   * statement passes the exact {@link GapChange#change}; tests pass broken formulas). Where the
   * strict clause applies (some prefix of the order gains mass, {@code D_m > 0}, at a position
   * where d drops, {@code d_{o_m} > d_{o_{m+1}}}) the claim is {@code c > 0} and the margin is
   * strict; otherwise it is {@code c >= 0}. Exact.
   */
  public static Margin margin(Instance x, Aprational c) {
    int i = x.get(I).intValue();
    int j = x.get(J).intValue();
    String what = "change of the logit gap β((Pμ)_" + i + " - (Pμ)_" + j + ") from μ to μ'";
    Optional<int[]> o = Structure.majorityOrder(x.pref());
    int m = o.isPresent() ? GapChange.strictPosition(x.pref(), o.get(), i, j, x.get(Slot.SAMPLER),
        x.get(Slot.SAMPLER_PRIME)) : -1;
    if (m >= 0) {
      return Margin.exact(c, true, what + "; strict clause (D_" + m + " > 0 where d drops)");
    }
    return Margin.exact(c, false, what + "; no prefix gains mass where d drops: non-strict");
  }

}
