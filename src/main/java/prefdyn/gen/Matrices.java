package prefdyn.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.apfloat.Aprational;
import prefdyn.num.Rationals;
import prefdyn.pref.PreferenceMatrix;

/**
 * Public jqwik generators of exact preference matrices, one per structure class of docs/theory.md
 * section 3. A user's property is three lines:
 *
 * <pre>
 *   &#64;Provide Arbitrary&lt;PreferenceMatrix&gt; p() { return Matrices.strictlySst(2, 6); }
 *   &#64;Property void myClaim(&#64;ForAll("p") PreferenceMatrix p) { ... }
 * </pre>
 *
 * <p>Every matrix is built from small integers ({@code Arbitraries.integers()}), drawing K first
 * and mapping, so jqwik's shrinking moves toward small K, small denominators and simple entries
 * (1/2, 0, 1). jqwik's integer edge cases give entries 0, 1/2 and 1 and K = 2 (the lower end of
 * each K range) often. Responses are relabelled by a random permutation where the class is
 * defined by an order or a set (so the winner is not always response 0); the permutation shrinks
 * toward the identity.
 */
public final class Matrices {
  /** Default bound d on denominators: entries are {@code 1/2 + t/(2d)} with |t| <= d <= this. */
  public static final int DEFAULT_MAX_DENOMINATOR = 6;
  /** Largest integer Bradley-Terry strength. */
  public static final int MAX_STRENGTH = 9;

  private Matrices() {}

  /**
   * Entries in [0,1] of the form {@code 1/2 + t/(2d)}, {@code 1 <= d <= maxDenominator},
   * {@code -d <= t <= d} (so every denominator divides 2d); includes 0, 1/2 and 1 as edge
   * cases and shrinks toward 1/2.
   */
  public static Arbitrary<Aprational> entries(int maxDenominator) {
    return Arbitraries.integers().between(1, maxDenominator)
        .flatMap(d -> Arbitraries.integers().between(-d, d).map(t -> Rationals.of(d + t, 2L * d)));
  }

  /**
   * Strict majorities: entries in (1/2, 1] of the form {@code 1/2 + t/(2d)},
   * {@code 1 <= t <= d <= maxDenominator}; includes 1; shrinks toward 1.
   */
  public static Arbitrary<Aprational> strictMajorities(int maxDenominator) {
    return Arbitraries.integers().between(1, maxDenominator)
        .flatMap(d -> Arbitraries.integers().between(1, d).map(t -> Rationals.of(d + t, 2L * d)));
  }

  /** Any valid P with K in [minK, maxK], entries from {@link #entries(int)} (default bound). */
  public static Arbitrary<PreferenceMatrix> any(int minK, int maxK) {
    return any(minK, maxK, DEFAULT_MAX_DENOMINATOR);
  }

  /**
   * Any valid P with K in [minK, maxK]: every upper-triangle entry independent from
   * {@link #entries(int)}. Covers ties (1/2), deterministic pairs (0, 1), cycles, transitive and
   * BT matrices alike (the structured factories below hit those classes more often).
   */
  public static Arbitrary<PreferenceMatrix> any(int minK, int maxK, int maxDenominator) {
    checkRange(minK, maxK);
    return Arbitraries.integers().between(minK, maxK).flatMap(k ->
        entries(maxDenominator).list().ofSize(pairs(k)).map(upper -> fromUpper(k, upper)));
  }

  /** P with a Condorcet winner: {@link #withSmithSetOfSize(int, int, int)} with size 1. */
  public static Arbitrary<PreferenceMatrix> withCondorcetWinner(int minK, int maxK) {
    return withSmithSetOfSize(1, minK, maxK);
  }

  /**
   * P whose Smith set has exactly {@code size} members (K in [max(minK, size), maxK]). Members
   * beat every non-member by a strict majority; inside the set, size 1 is a Condorcet winner,
   * size 2 is a tie (P = 1/2, the only way two responses form a Smith set), size >= 3 has a
   * majority cycle through all members (so no proper subset dominates) and any entries
   * elsewhere; entries among non-members are arbitrary. Relabelled by a random permutation.
   */
  public static Arbitrary<PreferenceMatrix> withSmithSetOfSize(int size, int minK, int maxK) {
    if (size < 1 || size > maxK) {
      throw new IllegalArgumentException("Smith set size " + size + " is not in 1.." + maxK);
    }
    int lo = Math.max(Math.max(minK, size), 2);
    checkRange(lo, maxK);
    return Arbitraries.integers().between(lo, maxK).flatMap(k -> Combinators.combine(
        entries(DEFAULT_MAX_DENOMINATOR).list().ofSize(pairs(k)),
        strictMajorities(DEFAULT_MAX_DENOMINATOR).list().ofSize(pairs(k)),
        permutations(k)).as((free, strict, perm) -> {
          Aprational[][] p = diagonalHalf(k);
          int n = 0;
          for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++, n++) {
              Aprational v;
              if (a < size && b >= size) {
                v = strict.get(n); // member a beats non-member b
              } else if (a < size) {
                if (size == 2) {
                  v = Rationals.HALF;
                } else if (b == a + 1) {
                  v = strict.get(n); // cycle edge a -> a+1
                } else if (a == 0 && b == size - 1) {
                  v = Rationals.ONE.subtract(strict.get(n)); // closing edge size-1 -> 0
                } else {
                  v = free.get(n);
                }
              } else {
                v = free.get(n);
              }
              p[a][b] = v;
              p[b][a] = Rationals.ONE.subtract(v);
            }
          }
          return relabel(p, perm);
        }));
  }

  /**
   * Transitive P: a strict linear majority order (a random permutation), every pair decided by
   * a strict majority from {@link #strictMajorities(int)}; magnitudes otherwise unconstrained (so
   * mostly not SST).
   */
  public static Arbitrary<PreferenceMatrix> transitive(int minK, int maxK) {
    checkRange(minK, maxK);
    return Arbitraries.integers().between(minK, maxK).flatMap(k -> Combinators.combine(
        strictMajorities(DEFAULT_MAX_DENOMINATOR).list().ofSize(pairs(k)), permutations(k))
        .as((upper, perm) -> relabel(fromUpper(k, upper).exactEntries(), perm)));
  }

  /**
   * SST P with strict majorities (weakly SST; strictly SST ones included):
   * {@code i ▷ j ▷ l ⇒ P_il >= max(P_ij, P_jl)}, ties between entries allowed.
   */
  public static Arbitrary<PreferenceMatrix> sst(int minK, int maxK) {
    return sstWithIncrements(minK, maxK, 0);
  }

  /** Strictly SST P: {@code i ▷ j ▷ l ⇒ P_il > max(P_ij, P_jl)}. */
  public static Arbitrary<PreferenceMatrix> strictlySst(int minK, int maxK) {
    return sstWithIncrements(minK, maxK, 1);
  }

  /**
   * SST by integer levels along the order: adjacent pairs get levels {@code L >= 1}; a longer span
   * gets {@code L(a,c) = max(L(a,c-1), L(a+1,c)) + e}, {@code e >= minIncrement}, so levels grow
   * (strictly when minIncrement = 1) with the span, and {@code P = 1/2 + L/(2(Lmax + z))},
   * {@code z >= 0}: entries in (1/2, 1], 1 included (z = 0).
   */
  private static Arbitrary<PreferenceMatrix> sstWithIncrements(int minK, int maxK, int minIncrement) {
    checkRange(minK, maxK);
    return Arbitraries.integers().between(minK, maxK).flatMap(k -> Combinators.combine(
        Arbitraries.integers().between(1, 4).list().ofSize(k - 1),
        Arbitraries.integers().between(minIncrement, minIncrement + 2).list().ofSize(pairs(k)),
        Arbitraries.integers().between(0, 3),
        permutations(k)).as((adjacent, inc, z, perm) -> {
          long[][] level = new long[k][k];
          long max = 0;
          int n = 0;
          for (int span = 1; span < k; span++) {
            for (int a = 0; a + span < k; a++, n++) {
              int c = a + span;
              level[a][c] = span == 1 ? adjacent.get(a) : Math.max(level[a][c - 1], level[a + 1][c]) + inc.get(n);
              max = Math.max(max, level[a][c]);
            }
          }
          Aprational[][] p = diagonalHalf(k);
          for (int a = 0; a < k; a++) {
            for (int c = a + 1; c < k; c++) {
              p[a][c] = Rationals.of(max + z + level[a][c], 2 * (max + z));
              p[c][a] = Rationals.ONE.subtract(p[a][c]);
            }
          }
          return relabel(p, perm);
        }));
  }

  /**
   * Exact Bradley-Terry P: integer strengths {@code w_i} in 1..9, {@code P_ij = w_i/(w_i + w_j)}
   * (BT with scores {@code s_i = log w_i}). Equal strengths (ties, P = 1/2) are included; all
   * equal is where it shrinks to.
   */
  public static Arbitrary<PreferenceMatrix> bradleyTerry(int minK, int maxK) {
    checkRange(minK, maxK);
    return Arbitraries.integers().between(minK, maxK).flatMap(k ->
        Arbitraries.integers().between(1, MAX_STRENGTH).list().ofSize(k).map(Matrices::bradleyTerry));
  }

  /**
   * Exact BT P with distinct scores: strengths are cumulative sums of increments in 1..4
   * (so distinct), relabelled by a random permutation.
   */
  public static Arbitrary<PreferenceMatrix> bradleyTerryDistinct(int minK, int maxK) {
    checkRange(minK, maxK);
    return Arbitraries.integers().between(minK, maxK).flatMap(k -> Combinators.combine(
        Arbitraries.integers().between(1, 4).list().ofSize(k), permutations(k)).as((inc, perm) -> {
          List<Integer> w = new ArrayList<>();
          int s = 0;
          for (int i = 0; i < k; i++) {
            s += inc.get(i);
            w.add(s);
          }
          List<Integer> permuted = new ArrayList<>(w);
          for (int i = 0; i < k; i++) {
            permuted.set(perm.get(i), w.get(i));
          }
          return bradleyTerry(permuted);
        }));
  }

  /** The exact BT matrix of positive integer strengths: {@code P_ij = w_i/(w_i + w_j)}. */
  public static PreferenceMatrix bradleyTerry(List<Integer> strengths) {
    int k = strengths.size();
    Aprational[][] p = new Aprational[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        int wi = strengths.get(i);
        int wj = strengths.get(j);
        if (wi <= 0 || wj <= 0) {
          throw new IllegalArgumentException("BT strengths must be positive");
        }
        p[i][j] = Rationals.of(wi, (long) wi + wj);
      }
    }
    return PreferenceMatrix.of(p);
  }

  /**
   * Strengths a of the 3-cycle family: {@code a = t/(2d)}, {@code 1 <= t <= d <= maxDenominator},
   * so a ∈ (0, 1/2], 1/2 included (where it shrinks to).
   */
  public static Arbitrary<Aprational> threeCycleStrengths(int maxDenominator) {
    return Arbitraries.integers().between(1, maxDenominator)
        .flatMap(d -> Arbitraries.integers().between(1, d).map(t -> Rationals.of(t, 2L * d)));
  }

  /** The 3-cycle family {@code P_a = (1/2)11ᵀ + aA} of docs/theory.md T6, a from {@link #threeCycleStrengths(int)}. */
  public static Arbitrary<PreferenceMatrix> threeCycle() {
    return threeCycleStrengths(DEFAULT_MAX_DENOMINATOR).map(Matrices::threeCycle);
  }

  /**
   * {@code P_a = (1/2)11ᵀ + aA}, {@code A = [[0,1,-1],[-1,0,1],[1,-1,0]]}: 0 ▷ 1 ▷ 2 ▷ 0.
   *
   * @throws IllegalArgumentException unless 0 < a <= 1/2
   */
  public static PreferenceMatrix threeCycle(Aprational a) {
    if (a.signum() <= 0 || a.compareTo(Rationals.HALF) > 0) {
      throw new IllegalArgumentException("the 3-cycle strength a must be in (0, 1/2], got " + Rationals.format(a));
    }
    Aprational hi = Rationals.HALF.add(a);
    Aprational lo = Rationals.HALF.subtract(a);
    Aprational h = Rationals.HALF;
    return PreferenceMatrix.of(new Aprational[][] {{h, hi, lo}, {lo, h, hi}, {hi, lo, h}});
  }

  /** Permutations of 0..K-1 (shrinking toward the identity). */
  public static Arbitrary<List<Integer>> permutations(int k) {
    return Arbitraries.shuffle(IntStream.range(0, k).boxed().collect(Collectors.toList()));
  }

  /** {@code Q[perm(a)][perm(b)] = P[a][b]}: the same matrix with response a renamed perm(a). */
  public static PreferenceMatrix relabel(Aprational[][] p, List<Integer> perm) {
    int k = p.length;
    Aprational[][] q = new Aprational[k][k];
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        q[perm.get(a)][perm.get(b)] = p[a][b];
      }
    }
    return PreferenceMatrix.of(q);
  }

  private static PreferenceMatrix fromUpper(int k, List<Aprational> upper) {
    Aprational[][] p = diagonalHalf(k);
    int n = 0;
    for (int a = 0; a < k; a++) {
      for (int b = a + 1; b < k; b++, n++) {
        p[a][b] = upper.get(n);
        p[b][a] = Rationals.ONE.subtract(upper.get(n));
      }
    }
    return PreferenceMatrix.of(p);
  }

  /** A k×k array with 1/2 on the diagonal; every caller sets each pair {@code p[a][b]}, {@code p[b][a] = 1 - p[a][b]}. */
  private static Aprational[][] diagonalHalf(int k) {
    Aprational[][] p = new Aprational[k][k];
    for (int a = 0; a < k; a++) {
      p[a][a] = Rationals.HALF;
    }
    return p;
  }

  private static int pairs(int k) {
    return k * (k - 1) / 2;
  }

  private static void checkRange(int minK, int maxK) {
    if (minK < 2 || maxK < minK) {
      throw new IllegalArgumentException("K range [" + minK + ", " + maxK + "] must satisfy 2 <= minK <= maxK");
    }
  }
}
