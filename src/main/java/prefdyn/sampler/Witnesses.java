package prefdyn.sampler;

import java.util.ArrayList;
import java.util.List;
import org.apfloat.Aprational;
import prefdyn.num.InvalidParameter;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;

/**
 * Witnesses of the existential statements: T1 (for a fixed sampler μ, K >= 3) and T4 (a fixed K = 4
 * matrix). The T1 witness (docs/theory.md T1): for a fixed sampler μ (K >= 3), a transitive P whose Condorcet
 * winner c is ranked strictly below another response j by the IPO optimum (uniform π_ref, every
 * β > 0), so Condorcet-top, Smith-top and order preservation all fail at once.
 */
public final class Witnesses {
  private Witnesses() {}

  /**
   * The witness and its exact violation {@code (Pμ)_j - (Pμ)_c = R/2 - ε > 0}.
   *
   * @param epsilon the ε of docs/theory.md (here R/4)
   * @param residual {@code R = 1 - μ_c - μ_j}
   */
  public record T1(PreferenceMatrix pref, int c, int j, Aprational epsilon, Aprational residual) {}

  /**
   * Builds the witness: c, j distinct maximizing {@code R = 1 - μ_c - μ_j} (the first such pair),
   * {@code ε = R/4}; {@code P[c][k] = 1/2 + ε} for k ≠ c, {@code P[j][k] = 1} for k ∉ {c, j}, and
   * the remaining responses ordered by index with {@code P = 3/4}: {@code c ▷ j ▷ others}.
   */
  public static T1 t1(Distribution mu) {
    int k = mu.k();
    if (k < 3) {
      throw new InvalidParameter("sampler", "the T1 witness needs K >= 3 responses, got K = " + k);
    }
    int bc = -1;
    int bj = -1;
    Aprational best = null;
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < k; j++) {
        if (c == j) {
          continue;
        }
        Aprational r = Rationals.ONE.subtract(mu.exact(c)).subtract(mu.exact(j));
        if (best == null || r.compareTo(best) > 0) {
          best = r;
          bc = c;
          bj = j;
        }
      }
    }
    Aprational residual = best == null ? Rationals.ZERO : best;
    if (residual.signum() <= 0) {
      throw new IllegalStateException("no pair with R > 0 although K >= 3");
    }
    Aprational eps = residual.divide(Rationals.of(4));
    List<Integer> others = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      if (i != bc && i != bj) {
        others.add(i);
      }
    }
    Aprational[][] p = new Aprational[k][k];
    for (int a = 0; a < k; a++) {
      p[a][a] = Rationals.HALF;
    }
    set(p, bc, bj, Rationals.HALF.add(eps));
    for (int o : others) {
      set(p, bc, o, Rationals.HALF.add(eps));
      set(p, bj, o, Rationals.ONE);
    }
    for (int a = 0; a < others.size(); a++) {
      for (int b = a + 1; b < others.size(); b++) {
        set(p, others.get(a), others.get(b), Rationals.of(3, 4));
      }
    }
    return new T1(PreferenceMatrix.of(p), bc, bj, eps, residual);
  }

  /**
   * The T4 witness (docs/theory.md T4): a transitive K = 4 matrix (majority order 0 ▷ 3 ▷ 1 ▷ 2) with no
   * order-preserving sampler. Found by {@link OrderSearch#findWithoutOrderSampler} with seed 1 (the
   * 11th matrix it drew; {@code T4Properties} re-runs that search and compares), order LP optimum
   * {@code γ* = -77/3952}; proofs-notes/T4.md works the Farkas certificate by hand.
   */
  public static PreferenceMatrix t4() {
    return PreferenceMatrix.of(new Aprational[][] {
      {Rationals.HALF, Rationals.of(17, 20), Rationals.of(11, 16), Rationals.of(9, 16)},
      {Rationals.of(3, 20), Rationals.HALF, Rationals.of(5, 9), Rationals.ZERO},
      {Rationals.of(5, 16), Rationals.of(4, 9), Rationals.HALF, Rationals.of(1, 4)},
      {Rationals.of(7, 16), Rationals.ONE, Rationals.of(3, 4), Rationals.HALF}});
  }

  private static void set(Aprational[][] p, int a, int b, Aprational v) {
    p[a][b] = v;
    p[b][a] = Rationals.ONE.subtract(v);
  }
}
