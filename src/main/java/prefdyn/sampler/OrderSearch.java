package prefdyn.sampler;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.apfloat.Aprational;
import prefdyn.num.Rationals;
import prefdyn.pref.PreferenceMatrix;

/**
 * A small seeded random search for transitive matrices with no order-preserving sampler
 * (docs/theory.md T4). Why K = 4 can fail: for the order 0 ▷ 1 ▷ 2 ▷ 3, the rows
 * {@code (Pμ)_0 - (Pμ)_1} and {@code (Pμ)_2 - (Pμ)_3} are combined with positive weights; when
 * both majorities are narrow (near 1/2) while 1 beats {2, 3} by more than 0 does and 3 fares better
 * against {0, 1} than 2 does, every column of the combination is <= 0, so no μ ranks both pairs
 * correctly (Farkas). The generator therefore draws the two "end" pairs (top and bottom of the
 * order) narrow with high probability and the other four majorities anywhere in (1/2, 1], with
 * denominators up to {@code maxDenominator}, then relabels by a random permutation. Nothing about
 * a specific matrix is typed in; the LP decides.
 */
public final class OrderSearch {
  private OrderSearch() {}

  /** A found matrix with its verified certificate and the number of matrices tried. */
  public record Found(PreferenceMatrix pref, Samplers.NoSampler certificate, int tries, long seed) {}

  /** Searches with the given seed; empty when {@code maxTries} matrices all have a sampler. */
  public static Optional<Found> findWithoutOrderSampler(int k, long seed, int maxTries, int maxDenominator) {
    Random rnd = new Random(seed);
    for (int t = 1; t <= maxTries; t++) {
      PreferenceMatrix p = draw(k, rnd, maxDenominator);
      Samplers.Result r = Samplers.solve(p, Samplers.Goal.ORDER);
      if (r instanceof Samplers.NoSampler no) {
        return Optional.of(new Found(p, no, t, seed));
      }
    }
    return Optional.empty();
  }

  /** One random transitive K x K matrix, majority order a random permutation. */
  static PreferenceMatrix draw(int k, Random rnd, int maxDenominator) {
    Aprational[][] q = new Aprational[k][k];
    for (int a = 0; a < k; a++) {
      q[a][a] = Rationals.HALF;
      for (int b = a + 1; b < k; b++) {
        int d = 1 + rnd.nextInt(maxDenominator);
        boolean end = b == a + 1 && (a == 0 || b == k - 1);
        int tt = end && rnd.nextInt(4) != 0 ? 1 : 1 + rnd.nextInt(d);
        // 1/2 + t/(2d) in (1/2, 1]
        q[a][b] = Rationals.of(d + tt, 2L * d);
        q[b][a] = Rationals.ONE.subtract(q[a][b]);
      }
    }
    List<Integer> perm = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      perm.add(i);
    }
    Collections.shuffle(perm, rnd);
    Aprational[][] p = new Aprational[k][k];
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        p[perm.get(a)][perm.get(b)] = q[a][b];
      }
    }
    return PreferenceMatrix.of(p);
  }
}
