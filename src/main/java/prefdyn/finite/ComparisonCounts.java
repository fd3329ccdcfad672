package prefdyn.finite;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apfloat.Aprational;
import prefdyn.num.Rationals;
import prefdyn.pref.PreferenceMatrix;

/**
 * The data of one round of comparisons, as the least-squares problem sees it
 * ({@code proofs-notes/finite-sample.md}): for each unordered pair {i, j}, i ≠ j, the weight
 * {@code w_ij} = how many comparisons had {y, y′} = {i, j} (either order), and for each response
 * i its net wins {@code d_i} = (comparisons i won) − (comparisons i lost), over comparisons with a
 * different response. Self-comparisons y = y′ carry no information about a potential and are not
 * recorded. Weights are exact rationals: integer counts for a sample, and {@link #expected} gives
 * the exact expected counts of one comparison drawn from a product measure.
 */
public final class ComparisonCounts {
  private final Aprational[][] weights;
  private final Aprational[] netWins;

  private ComparisonCounts(Aprational[][] weights, Aprational[] netWins) {
    this.weights = weights;
    this.netWins = netWins;
  }

  /**
   * Counts with the given symmetric weights (diagonal ignored) and net wins.
   *
   * @throws IllegalArgumentException if the weights are not symmetric, a weight is negative, or
   *     the net wins of a connected component of the comparison graph do not sum to zero (every
   *     comparison adds one win and one loss inside its component)
   */
  public static ComparisonCounts of(Aprational[][] weights, Aprational[] netWins) {
    int k = netWins.length;
    Aprational[][] w = new Aprational[k][k];
    for (int i = 0; i < k; i++) {
      if (weights[i].length != k) {
        throw new IllegalArgumentException("weights must be K x K");
      }
      for (int j = 0; j < k; j++) {
        Aprational v = i == j ? Rationals.ZERO : weights[i][j];
        if (v.signum() < 0 || (i != j && v.compareTo(weights[j][i]) != 0)) {
          throw new IllegalArgumentException("pair weights must be symmetric and >= 0 at (" + i + "," + j + ")");
        }
        w[i][j] = v;
      }
    }
    ComparisonCounts c = new ComparisonCounts(w, netWins.clone());
    for (int[] comp : c.components()) {
      Aprational s = Rationals.ZERO;
      for (int i : comp) {
        s = s.add(netWins[i]);
      }
      if (s.signum() != 0) {
        throw new IllegalArgumentException("net wins of a component must sum to 0, got " + Rationals.format(s));
      }
    }
    return c;
  }

  /** Integer counts: {@code pairs[i][j]} comparisons of i with j (either order, symmetric), net wins. */
  public static ComparisonCounts ofCounts(long[][] pairs, long[] netWins) {
    int k = netWins.length;
    Aprational[][] w = new Aprational[k][k];
    Aprational[] d = new Aprational[k];
    for (int i = 0; i < k; i++) {
      d[i] = Rationals.of(netWins[i]);
      for (int j = 0; j < k; j++) {
        w[i][j] = Rationals.of(pairs[i][j]);
      }
    }
    return of(w, d);
  }

  /**
   * The exact expected counts of ONE comparison (y, y′) ~ μ ⊗ μ, o ~ Bernoulli(P_yy′):
   * {@code w_ij = 2 μ_i μ_j} and {@code d_i = Σ_j 2 μ_i μ_j (2P_ij − 1)} (the factor 2: both orders).
   * N comparisons have N times these; the potential does not depend on that common factor.
   */
  public static ComparisonCounts expected(PreferenceMatrix p, Aprational[] mu) {
    int k = p.k();
    if (mu.length != k) {
      throw new IllegalArgumentException("sampler has " + mu.length + " entries, K = " + k);
    }
    Aprational two = Rationals.of(2);
    Aprational[][] w = new Aprational[k][k];
    Aprational[] d = new Aprational[k];
    for (int i = 0; i < k; i++) {
      Aprational s = Rationals.ZERO;
      for (int j = 0; j < k; j++) {
        w[i][j] = i == j ? Rationals.ZERO : two.multiply(mu[i]).multiply(mu[j]);
        if (i != j) {
          s = s.add(w[i][j].multiply(two.multiply(p.exact(i, j)).subtract(Rationals.ONE)));
        }
      }
      d[i] = s;
    }
    return of(w, d);
  }

  public int k() {
    return netWins.length;
  }

  /** {@code w_ij}, the number (or expected number) of comparisons between i and j; 0 on the diagonal. */
  public Aprational weight(int i, int j) {
    return weights[i][j];
  }

  /** {@code d_i} = wins − losses of i. */
  public Aprational netWins(int i) {
    return netWins[i];
  }

  /** The same data with other weights (used by tests that build deliberately broken solvers). */
  public ComparisonCounts withWeights(Aprational[][] w) {
    return of(w, netWins);
  }

  /**
   * The connected components of the comparison graph (edges: {@code w_ij > 0}), each sorted,
   * listed by smallest member; a response never compared with another is a component of size 1.
   */
  public int[][] components() {
    int k = k();
    int[] label = new int[k];
    Arrays.fill(label, -1);
    List<int[]> out = new ArrayList<>();
    for (int s = 0; s < k; s++) {
      if (label[s] >= 0) {
        continue;
      }
      List<Integer> members = new ArrayList<>();
      ArrayDeque<Integer> todo = new ArrayDeque<>();
      todo.add(s);
      label[s] = s;
      while (!todo.isEmpty()) {
        int v = todo.poll();
        members.add(v);
        for (int u = 0; u < k; u++) {
          if (label[u] < 0 && weights[v][u].signum() > 0) {
            label[u] = s;
            todo.add(u);
          }
        }
      }
      out.add(members.stream().mapToInt(Integer::intValue).sorted().toArray());
    }
    return out.toArray(new int[0][]);
  }
}
