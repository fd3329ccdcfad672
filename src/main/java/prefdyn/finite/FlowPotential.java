package prefdyn.finite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apfloat.Aprational;
import prefdyn.num.Linalg;
import prefdyn.num.Rationals;
import prefdyn.pref.PreferenceMatrix;

/**
 * The tabular IPO optimum on a sample of comparisons ({@code proofs-notes/finite-sample.md}): the
 * potential {@code r = log(π/π_ref^(t))} (up to the normalization below) minimizing
 * {@code Σ_samples (r_y − r_y′ − β(o − ½))²}. Its normal equations are the weighted Laplacian
 * system {@code L x = d}, {@code r = (β/2)·x}, with {@code L_ii = Σ_j w_ij}, {@code L_ij = −w_ij}
 * (w = pair counts, d = net wins, {@link ComparisonCounts}), solved EXACTLY over the rationals.
 *
 * <p><b>Normalization (the convention for unsampled responses and disconnected graphs).</b> A
 * least-squares potential is determined only up to one additive constant per connected
 * component of the comparison graph. prefdyn fixes each constant by {@code Σ_{i∈C} r_i = 0}: every
 * component keeps the mean of the round's reference logits over the component, and a response
 * never compared with another (an isolated vertex) has {@code r_i = 0}, i.e. keeps its reference
 * logit. When the graph is connected this is plain centering, which does not change the policy.
 */
public final class FlowPotential {
  private FlowPotential() {}

  /** A solver of the round's least-squares problem (the exact one is {@link #solve}). */
  @FunctionalInterface
  public interface Solver {
    Aprational[] potential(ComparisonCounts counts, Aprational beta);
  }

  /** The exact least-squares potential with prefdyn's normalization (class comment). */
  public static Aprational[] solve(ComparisonCounts c, Aprational beta) {
    int k = c.k();
    Aprational[] r = new Aprational[k];
    Arrays.fill(r, Rationals.ZERO);
    Aprational halfBeta = beta.multiply(Rationals.HALF);
    for (int[] comp : c.components()) {
      int m = comp.length;
      if (m < 2) {
        continue; // isolated: keeps the reference logit
      }
      // Ground the last member (x = 0 there): the reduced Laplacian of a connected graph is
      // positive definite, so the (m-1)x(m-1) system has one solution.
      int n = m - 1;
      Aprational[][] a = new Aprational[n][n + 1];
      for (int u = 0; u < n; u++) {
        Aprational diag = Rationals.ZERO;
        for (int j = 0; j < k; j++) {
          diag = diag.add(c.weight(comp[u], j));
        }
        for (int v = 0; v < n; v++) {
          a[u][v] = u == v ? diag : c.weight(comp[u], comp[v]).negate();
        }
        a[u][n] = c.netWins(comp[u]);
      }
      Aprational[] x = Linalg.eliminate(a, Linalg.EXACT, "singular reduced Laplacian (component not connected)");
      Aprational mean = Rationals.ZERO;
      for (Aprational v : x) {
        mean = mean.add(v);
      }
      mean = mean.divide(Rationals.of(m)); // x at the grounded member is 0
      for (int u = 0; u < m; u++) {
        Aprational xu = u < n ? x[u] : Rationals.ZERO;
        r[comp[u]] = halfBeta.multiply(xu.subtract(mean));
      }
    }
    return r;
  }

  /**
   * The population round's potential {@code β Pμ} with the same normalization: on the support S
   * of μ (one component, since expected counts {@code 2μ_iμ_j} join every pair in S) the values
   * {@code β(Pμ)_i} minus their mean over S; 0 off S; all 0 when |S| = 1. For interior μ this is
   * {@code Π βPμ}, the centered increment of the population MRS-IPO round.
   */
  public static Aprational[] population(PreferenceMatrix p, Aprational[] mu, Aprational beta) {
    int k = p.k();
    Aprational[] r = new Aprational[k];
    Arrays.fill(r, Rationals.ZERO);
    List<Integer> support = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      if (mu[i].signum() > 0) {
        support.add(i);
      }
    }
    if (support.size() < 2) {
      return r;
    }
    Aprational mean = Rationals.ZERO;
    for (int i : support) {
      Aprational s = Rationals.ZERO;
      for (int j = 0; j < k; j++) {
        s = s.add(p.exact(i, j).multiply(mu[j]));
      }
      r[i] = beta.multiply(s);
      mean = mean.add(r[i]);
    }
    mean = mean.divide(Rationals.of(support.size()));
    for (int i : support) {
      r[i] = r[i].subtract(mean);
    }
    return r;
  }
}
