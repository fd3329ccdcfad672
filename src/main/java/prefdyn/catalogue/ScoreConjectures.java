package prefdyn.catalogue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import net.jqwik.api.Arbitrary;
import org.apfloat.Aprational;
import prefdyn.gen.Distributions;
import prefdyn.gen.Matrices;
import prefdyn.num.Precision;
import prefdyn.pref.Distribution;
import prefdyn.pref.Sst;
import prefdyn.pref.Structure;

/**
 * Two conjectures a researcher would ask about the exact scores {@code (Pμ)_i} that rank the IPO
 * optimum under a uniform reference (docs/theory.md section 3). Both are false; proofs-notes/C6.md and
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
      return Matrices.withCondorcetWinner(3, 5).map(p -> Instance.of(p).withSampler(Distribution.uniform(p.k())));
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
      return Matrices.sst(3, 5).flatMap(p -> Distributions.any(p.k()).map(mu -> Instance.of(p).withSampler(mu)));
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
}
