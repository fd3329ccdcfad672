package prefdyn.optimum;

import org.apfloat.Aprational;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.pref.Structure;

/**
 * Exact logit-gap bookkeeping for docs/theory.md T5 and C1 (uniform π_ref): the IPO logit gap of
 * {@code i} over {@code j} is {@code β((Pμ)_i - (Pμ)_j)}, and moving the sampler from μ to μ' changes
 * it by {@code β Σ_k d_k (μ'_k - μ_k)} with {@code d_k = P_ik - P_jk}. Positions k are read along
 * the majority order (best first).
 */
public final class GapChange {
  private GapChange() {}

  /** {@code β((Pμ')_i - (Pμ')_j) - β((Pμ)_i - (Pμ)_j)}, exactly. */
  public static Aprational change(PreferenceMatrix p, int i, int j, Distribution mu, Distribution muPrime, Aprational beta) {
    Aprational s = Rationals.ZERO;
    for (int k = 0; k < p.k(); k++) {
      Aprational d = p.exact(i, k).subtract(p.exact(j, k));
      s = s.add(d.multiply(muPrime.exact(k).subtract(mu.exact(k))));
    }
    return s.multiply(beta);
  }

  /**
   * The same change by Abel summation along the order o:
   * {@code β[Σ_{m<K-1} (d_{o_m} - d_{o_{m+1}}) D_m]}, {@code D_m = Σ_{t<=m} (μ'-μ)_{o_t}} (the last
   * partial sum is 0). Every term is {@code >= 0} under T5's hypotheses; kept separate so the
   * property can compare both forms.
   */
  public static Aprational abel(PreferenceMatrix p, int[] order, int i, int j, Distribution mu, Distribution muPrime, Aprational beta) {
    Aprational s = Rationals.ZERO;
    Aprational cumulative = Rationals.ZERO;
    for (int m = 0; m + 1 < order.length; m++) {
      cumulative = cumulative.add(muPrime.exact(order[m]).subtract(mu.exact(order[m])));
      s = s.add(d(p, i, j, order[m]).subtract(d(p, i, j, order[m + 1])).multiply(cumulative));
    }
    return s.multiply(beta);
  }

  /** {@code d_k = P_ik - P_jk}. */
  public static Aprational d(PreferenceMatrix p, int i, int j, int k) {
    return p.exact(i, k).subtract(p.exact(j, k));
  }

  /** Whether {@code d} is nonincreasing along the order. */
  public static boolean dNonincreasing(PreferenceMatrix p, int[] order, int i, int j) {
    for (int m = 0; m + 1 < order.length; m++) {
      if (d(p, i, j, order[m]).compareTo(d(p, i, j, order[m + 1])) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Where T5's strict clause applies: the first position m of the order with
   * {@code D_m = Σ_{t<=m} (μ'-μ)_{o_t} > 0} and {@code d_{o_m} > d_{o_{m+1}}} (then, under T5's
   * hypotheses, the Abel sum has a positive term and the gap grows strictly); -1 when there is none.
   */
  public static int strictPosition(PreferenceMatrix p, int[] order, int i, int j, Distribution mu, Distribution muPrime) {
    Aprational cumulative = Rationals.ZERO;
    for (int m = 0; m + 1 < order.length; m++) {
      cumulative = cumulative.add(muPrime.exact(order[m]).subtract(mu.exact(order[m])));
      if (cumulative.signum() > 0 && d(p, i, j, order[m]).compareTo(d(p, i, j, order[m + 1])) > 0) {
        return m;
      }
    }
    return -1;
  }

  /** Whether μ' dominates μ toward the top: every prefix of the order has at least as much μ' mass. */
  public static boolean topDominates(int[] order, Distribution muPrime, Distribution mu) {
    Aprational c = Rationals.ZERO;
    for (int m = 0; m < order.length; m++) {
      c = c.add(muPrime.exact(order[m])).subtract(mu.exact(order[m]));
      if (c.signum() < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code min over pairs i ▷ j of the gap change} (the C1 margin): negative iff some logit gap
   * shrinks. @throws IllegalArgumentException when P is not transitive
   */
  public static Aprational minOverPairs(PreferenceMatrix p, Distribution mu, Distribution muPrime, Aprational beta) {
    int[] o = Structure.majorityOrder(p).orElseThrow(() -> new IllegalArgumentException("P is not transitive"));
    Aprational min = null;
    for (int a = 0; a < o.length; a++) {
      for (int b = a + 1; b < o.length; b++) {
        Aprational c = change(p, o[a], o[b], mu, muPrime, beta);
        min = min == null || c.compareTo(min) < 0 ? c : min;
      }
    }
    return min == null ? Rationals.ZERO : min;
  }
}
