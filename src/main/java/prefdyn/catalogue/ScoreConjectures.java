package prefdyn.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.apfloat.Aprational;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.pref.Sst;
import prefdyn.pref.Structure;

/**
 * Two conjectures a researcher would ask about the exact scores {@code (Pμ)_i} that rank the IPO
 * optimum under a uniform reference (theory.md section 3). Both are false; proofs-notes/C6.md and
 * C7.md give the counterexamples by hand, and {@code prefdyn search} finds them.
 *
 * <ul>
 *   <li><b>C6</b>: the uniform sampler (Borda scores) puts the Condorcet winner on top whenever
 *       there is one. False for K ≥ 3: a winner by thin majorities loses to a response that
 *       beats everyone else by a landslide (T1's witness with μ uniform).
 *   <li><b>C7</b>: weak SST (ties allowed) with strict majorities preserves the order for every
 *       μ ∈ Δ_K, point masses included. False, but only on ties: row dominance still holds
 *       weakly, so the margin is never negative; it is exactly 0 when μ sits on responses k with
 *       P_ik = P_jk for some i ▷ j (T3 needs full support or strict SST to exclude this).
 * </ul>
 */
public final class ScoreConjectures {
  private ScoreConjectures() {}

  public static List<Statement> all() {
    return List.of(new C6(), new C7());
  }

  /** C6: the uniform sampler is Condorcet-top whenever a Condorcet winner exists. */
  static final class C6 implements Statement {
    @Override
    public String id() {
      return "C6";
    }

    @Override
    public String title() {
      return "The uniform sampler (Borda scores) is Condorcet-top whenever a Condorcet winner exists";
    }

    @Override
    public Kind kind() {
      return Kind.CONJECTURE;
    }

    @Override
    public Arbitrary<Instance> hypotheses() {
      return Arbitraries.integers().between(3, 5).flatMap(k -> Combinators.combine(
          Arbitraries.integers().between(0, k - 1),
          Arbitraries.integers().between(2, 12),
          Arbitraries.integers().between(0, 1 << 20).list().ofSize(k * (k - 1) / 2))
          .as((c, d, raw) -> {
            Aprational[][] p = halfMatrix(k);
            int n = 0;
            for (int i = 0; i < k; i++) {
              for (int j = i + 1; j < k; j++) {
                int r = raw.get(n++);
                Aprational v = (i == c || j == c) ? aboveHalf(r, d) : Rationals.of(r % (d + 1), d);
                set(p, i == c || j == c ? c : i, i == c ? j : j == c ? i : j, v);
              }
            }
            PreferenceMatrix pref = PreferenceMatrix.of(p);
            return Instance.of(pref).withSampler(Distribution.uniform(k));
          }));
    }

    @Override
    public boolean admits(Instance x) {
      return Structure.condorcetWinner(x.pref()).isPresent() && x.pref().isExact()
          && Distribution.uniform(x.k()).equals(x.sampler());
    }

    @Override
    public Margin check(Instance x, Precision precision) {
      OptionalInt c = Structure.condorcetWinner(x.pref());
      if (c.isEmpty()) {
        throw new IllegalArgumentException("C6 needs a Condorcet winner");
      }
      Aprational[] s = x.pref().times(Instance.need(x.sampler(), "sampler"));
      Aprational min = null;
      int arg = -1;
      for (int j = 0; j < x.k(); j++) {
        if (j != c.getAsInt()) {
          Aprational gap = s[c.getAsInt()].subtract(s[j]);
          if (min == null || gap.compareTo(min) < 0) {
            min = gap;
            arg = j;
          }
        }
      }
      return Margin.exact(Instance.need(min, "a rival"), true,
          "(Pμ)_c - max_j (Pμ)_j for the Condorcet winner c = " + c.getAsInt() + " (closest rival " + arg + ")");
    }
  }

  /** C7: weak SST with strict majorities preserves the majority order for every μ ∈ Δ_K. */
  static final class C7 implements Statement {
    @Override
    public String id() {
      return "C7";
    }

    @Override
    public String title() {
      return "Weak SST with strict majorities preserves the majority order for every sampler, point masses included";
    }

    @Override
    public Kind kind() {
      return Kind.CONJECTURE;
    }

    @Override
    public Arbitrary<Instance> hypotheses() {
      return Arbitraries.integers().between(3, 5).flatMap(k -> Combinators.combine(
          Arbitraries.integers().between(2, 12),
          Arbitraries.integers().between(0, 1 << 20).list().ofSize(k * (k - 1) / 2),
          Arbitraries.integers().between(0, k - 1).list().ofSize(k).uniqueElements(),
          Arbitraries.integers().between(0, 4).list().ofSize(k),
          Arbitraries.integers().between(0, k - 1))
          .as((d, raw, perm, weights, point) -> Tuple.of(weakSst(k, d, raw, perm), sampler(k, weights, point)))
          .map(t -> Instance.of(t.get1()).withSampler(t.get2())));
    }

    @Override
    public boolean admits(Instance x) {
      Distribution mu = x.sampler();
      return x.pref().isExact() && Structure.sst(x.pref()) != Sst.NO
          && mu != null && mu.isExact() && mu.k() == x.k();
    }

    @Override
    public Margin check(Instance x, Precision precision) {
      Optional<int[]> order = Structure.majorityOrder(x.pref());
      if (order.isEmpty()) {
        throw new IllegalArgumentException("C7 needs a transitive matrix");
      }
      int[] o = order.get();
      Aprational[] s = x.pref().times(Instance.need(x.sampler(), "sampler"));
      Aprational min = null;
      String where = "";
      for (int a = 0; a < o.length; a++) {
        for (int b = a + 1; b < o.length; b++) {
          Aprational gap = s[o[a]].subtract(s[o[b]]);
          if (min == null || gap.compareTo(min) < 0) {
            min = gap;
            where = o[a] + " ▷ " + o[b];
          }
        }
      }
      return Margin.exact(Instance.need(min, "a pair"), true,
          "min over i ▷ j of (Pμ)_i - (Pμ)_j (attained at " + where + ")");
    }
  }

  private static Aprational[][] halfMatrix(int k) {
    Aprational[][] p = new Aprational[k][k];
    for (int i = 0; i < k; i++) {
      p[i][i] = Rationals.HALF;
    }
    return p;
  }

  private static void set(Aprational[][] p, int i, int j, Aprational v) {
    p[i][j] = v;
    p[j][i] = Rationals.ONE.subtract(v);
  }

  /** A fraction n/d in (1/2, 1] from a raw draw. */
  private static Aprational aboveHalf(int raw, int d) {
    int lo = d / 2 + 1;
    return Rationals.of(lo + raw % (d - lo + 1), d);
  }

  /**
   * A weakly SST matrix with strict majorities, order {@code perm[0] ▷ perm[1] ▷ ...}: the
   * adjacent entries are above 1/2, and every other entry is the larger of its left and lower
   * neighbours plus 0, 1 or 2 steps of 1/d (capped at 1), so rows grow to the right and columns
   * shrink downward (which is SST); a step of 0 makes the ties that weak SST allows.
   */
  private static PreferenceMatrix weakSst(int k, int d, List<Integer> raw, List<Integer> perm) {
    Aprational[][] q = halfMatrix(k); // in rank coordinates
    int n = 0;
    for (int gap = 1; gap < k; gap++) {
      for (int i = 0; i + gap < k; i++) {
        int j = i + gap;
        int r = raw.get(n++);
        Aprational v;
        if (gap == 1) {
          v = aboveHalf(r, d);
        } else {
          Aprational base = Rationals.max(q[i][j - 1], q[i + 1][j]);
          v = Rationals.min(Rationals.ONE, base.add(Rationals.of(r % 3, d)));
        }
        set(q, i, j, v);
      }
    }
    Aprational[][] p = halfMatrix(k);
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        p[perm.get(i)][perm.get(j)] = q[i][j];
      }
    }
    return PreferenceMatrix.of(p);
  }

  /** Weights 0..4 normalized; a point mass when all are 0. */
  private static Distribution sampler(int k, List<Integer> weights, int point) {
    int total = weights.stream().mapToInt(Integer::intValue).sum();
    if (total == 0) {
      return Distribution.point(k, point);
    }
    List<Aprational> p = new ArrayList<>();
    for (int w : weights) {
      p.add(Rationals.of(w, total));
    }
    return Distribution.of(p.toArray(new Aprational[0]));
  }
}
