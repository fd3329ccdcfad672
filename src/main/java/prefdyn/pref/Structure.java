package prefdyn.pref;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.apfloat.Apfloat;
import org.apfloat.Aprational;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.num.Ball;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;

/**
 * Majority structure of a preference matrix (docs/theory.md section 3). Every question here is
 * decided by comparing entries with each other and with 1/2: exactly for exact matrices.
 */
public final class Structure {
  private Structure() {}

  /** The Condorcet winner c ({@code P[c][j] > 1/2} for all j ≠ c), if any. */
  public static OptionalInt condorcetWinner(PreferenceMatrix p) {
    int k = p.k();
    outer:
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < k; j++) {
        if (j != c && !p.beats(c, j)) {
          continue outer;
        }
      }
      return OptionalInt.of(c);
    }
    return OptionalInt.empty();
  }

  /**
   * The Smith set: the smallest nonempty S with {@code P[i][j] > 1/2} for all i ∈ S, j ∉ S,
   * ascending. The smallest dominating set containing i is the closure of {i} under "j is not
   * beaten by a member"; dominating sets form a chain, so the smallest closure is the Smith set.
   */
  public static int[] smithSet(PreferenceMatrix p) {
    int k = p.k();
    boolean[] best = null;
    int bestSize = Integer.MAX_VALUE;
    for (int i = 0; i < k; i++) {
      boolean[] in = new boolean[k];
      in[i] = true;
      int size = 1;
      boolean grew = true;
      while (grew) {
        grew = false;
        for (int a = 0; a < k; a++) {
          if (!in[a]) {
            continue;
          }
          for (int b = 0; b < k; b++) {
            if (!in[b] && !p.beats(a, b)) {
              in[b] = true;
              size++;
              grew = true;
            }
          }
        }
      }
      if (size < bestSize) {
        bestSize = size;
        best = in;
      }
    }
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      if (best != null && best[i]) {
        out.add(i);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Whether S dominates: every member beats every non-member strictly. */
  public static boolean dominates(PreferenceMatrix p, int[] set) {
    boolean[] in = membership(p.k(), set);
    for (int i = 0; i < p.k(); i++) {
      for (int j = 0; j < p.k(); j++) {
        if (in[i] && !in[j] && !p.beats(i, j)) {
          return false;
        }
      }
    }
    return true;
  }

  public static boolean[] membership(int k, int[] set) {
    boolean[] in = new boolean[k];
    for (int i : set) {
      in[i] = true;
    }
    return in;
  }

  /**
   * The majority order, best first, when the majority relation is a strict linear order
   * (no ties at 1/2, acyclic); empty otherwise. A tournament is transitive iff its win counts
   * are all distinct.
   */
  public static Optional<int[]> majorityOrder(PreferenceMatrix p) {
    int k = p.k();
    int[] wins = new int[k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        if (i != j) {
          if (p.beats(i, j)) {
            wins[i]++;
          } else if (!p.beats(j, i)) {
            return Optional.empty();
          }
        }
      }
    }
    int[] order = new int[k];
    boolean[] seen = new boolean[k];
    for (int i = 0; i < k; i++) {
      int w = wins[i];
      if (seen[w]) {
        return Optional.empty();
      }
      seen[w] = true;
      order[k - 1 - w] = i;
    }
    return Optional.of(order);
  }

  public static boolean isTransitive(PreferenceMatrix p) {
    return majorityOrder(p).isPresent();
  }

  /**
   * SST w.r.t. the majority order: {@code i ▷ j ▷ k ⇒ P_ik ≥ max(P_ij, P_jk)} (weak) or
   * {@code >} (strict); {@link Sst#NO} when P is not transitive.
   */
  public static Sst sst(PreferenceMatrix p) {
    Optional<int[]> order = majorityOrder(p);
    if (order.isEmpty()) {
      return Sst.NO;
    }
    int[] o = order.get();
    int k = p.k();
    boolean strict = true;
    for (int a = 0; a < k; a++) {
      for (int b = a + 1; b < k; b++) {
        for (int c = b + 1; c < k; c++) {
          int i = o[a];
          int j = o[b];
          int l = o[c];
          int c1 = p.entry(i, l).compareTo(p.entry(i, j));
          int c2 = p.entry(i, l).compareTo(p.entry(j, l));
          if (c1 < 0 || c2 < 0) {
            return Sst.NO;
          }
          if (c1 == 0 || c2 == 0) {
            strict = false;
          }
        }
      }
    }
    return strict ? Sst.STRICT : Sst.WEAK;
  }

  /**
   * The row-dominance gap of the lemma of T3 (docs/theory.md section 3): the exact minimum, over all
   * {@code i ▷ j} and all k, of {@code P_ik - P_jk}; row dominance ({@code i ▷ j ⇒ P_ik >= P_jk
   * ∀k}) holds iff the gap is {@code >= 0}, and strictly ({@code >} for every k) iff it is
   * {@code > 0}. At {@code k ∈ {i, j}} the difference is {@code P_ij - 1/2 > 0}, so strictness
   * there is the hypothesis {@code i ▷ j} itself. {@code null} when no pair is decided by a strict
   * majority (nothing to check).
   *
   * @throws IllegalStateException for approximate matrices
   */
  public static @Nullable RowDominance rowDominance(PreferenceMatrix p) {
    int k = p.k();
    RowDominance worst = null;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        if (i == j || !p.beats(i, j)) {
          continue;
        }
        for (int l = 0; l < k; l++) {
          Aprational d = p.exact(i, l).subtract(p.exact(j, l));
          if (worst == null || d.compareTo(worst.gap()) < 0) {
            worst = new RowDominance(d, i, j, l);
          }
        }
      }
    }
    return worst;
  }

  /**
   * The smallest row-dominance difference {@code gap = P_ik - P_jk} and where it occurs.
   *
   * @param gap the exact minimum of {@code P_ik - P_jk} over {@code i ▷ j} and all k
   * @param i the winner of the pair
   * @param j the loser of the pair
   * @param k the column
   */
  public record RowDominance(Aprational gap, int i, int j, int k) {}

  /** The directed 3-cycles {@code i ▷ j ▷ l ▷ i} of the majority relation, each once (i smallest). */
  public static List<int[]> threeCycles(PreferenceMatrix p) {
    int k = p.k();
    List<int[]> out = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      for (int j = i + 1; j < k; j++) {
        for (int l = i + 1; l < k; l++) {
          if (l != j && p.beats(i, j) && p.beats(j, l) && p.beats(l, i)) {
            out.add(new int[] {i, j, l});
          }
        }
      }
    }
    return out;
  }

  public static boolean isCyclic(PreferenceMatrix p) {
    return !threeCycles(p).isEmpty();
  }

  /**
   * Bradley-Terry representability, decided exactly: all off-diagonal entries in (0,1) and
   * {@code odds(0,j)·odds(j,l) = odds(0,l)} for all j ≠ l (j, l ≥ 1), where {@code odds = P/(1-P)}
   * (the exponentiated form of {@code logit P_0j + logit P_jl = logit P_0l}). That suffices for all
   * triples: {@code odds(j,l) = odds(j,0)·odds(0,l)}, i.e. {@code P_jl = σ(s_j - s_l)} with
   * {@code s_j = logit P_j0}. A rational identity, checked in exact rational arithmetic; an
   * approximate matrix is tested on the exact values of its stored entries (no tolerance).
   */
  public static boolean isBradleyTerry(PreferenceMatrix p) {
    int k = p.k();
    Aprational[][] e = new Aprational[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        e[i][j] = p.isExact() ? p.exact(i, j) : exactValue(p.entry(i, j));
        if (i != j && (e[i][j].signum() <= 0 || e[i][j].compareTo(Rationals.ONE) >= 0)) {
          return false;
        }
      }
    }
    for (int j = 1; j < k; j++) {
      for (int l = 1; l < k; l++) {
        if (j != l && !odds(e[0][j]).multiply(odds(e[j][l])).equals(odds(e[0][l]))) {
          return false;
        }
      }
    }
    return true;
  }

  /** {@link #isBradleyTerry(PreferenceMatrix)}; the precision is not used (the test is exact). */
  public static boolean isBradleyTerry(PreferenceMatrix p, Precision precision) {
    return isBradleyTerry(p);
  }

  /** The exact value of the digits an Apfloat holds (an Aprational stays as it is). */
  private static Aprational exactValue(Apfloat x) {
    if (x instanceof Aprational q) {
      return q;
    }
    BigDecimal d = new BigDecimal(x.toString(true));
    BigInteger u = d.unscaledValue();
    return d.scale() <= 0
        ? Rationals.of(u.multiply(BigInteger.TEN.pow(-d.scale())), BigInteger.ONE)
        : Rationals.of(u, BigInteger.TEN.pow(d.scale()));
  }

  /**
   * The fitted Bradley-Terry scores {@code s} (centered, sum 0) with {@code P_ij = σ(s_i - s_j)},
   * when P is BT, as balls: {@code s_i - s_0 = logit P_i0 = log odds(i,0)}, one logarithm of an
   * exact rational each, then centered; every ball contains the exact centered score.
   */
  public static Optional<Ball[]> bradleyTerryScores(PreferenceMatrix p, int prec) {
    if (!isBradleyTerry(p)) {
      return Optional.empty();
    }
    int k = p.k();
    Ball[] s = new Ball[k];
    Ball sum = Ball.ZERO;
    for (int i = 0; i < k; i++) {
      s[i] = i == 0 ? Ball.ZERO : Ball.of(odds(exactValue(p.entry(i, 0))), prec).log(prec);
      sum = sum.add(s[i], prec);
    }
    Ball mean = sum.div(Ball.exact(k), prec);
    for (int i = 0; i < k; i++) {
      s[i] = s[i].sub(mean, prec);
    }
    return Optional.of(s);
  }

  /** {@link #bradleyTerryScores(PreferenceMatrix, int)} as Apfloats (the balls' midpoints) for printing. */
  public static Optional<Apfloat[]> bradleyTerryScores(PreferenceMatrix p, Precision precision) {
    return bradleyTerryScores(p, precision.bits()).map(b -> {
      Apfloat[] out = new Apfloat[b.length];
      for (int i = 0; i < b.length; i++) {
        out[i] = precision.real(b[i].mid(precision.working()));
      }
      return out;
    });
  }

  private static Aprational odds(Aprational x) {
    return x.divide(Rationals.ONE.subtract(x));
  }

  /** Row {@code i} as a copy (debugging and tests). */
  public static String row(PreferenceMatrix p, int i) {
    Apfloat[] r = new Apfloat[p.k()];
    for (int j = 0; j < p.k(); j++) {
      r[j] = p.entry(i, j);
    }
    return Arrays.toString(r);
  }
}
