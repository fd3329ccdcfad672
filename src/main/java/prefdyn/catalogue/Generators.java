package prefdyn.catalogue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.apfloat.Aprational;
import prefdyn.gen.Distributions;
import prefdyn.gen.Matrices;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.pref.Structure;

/** Generators and hypothesis tests that several statements share. */
public final class Generators {
  private Generators() {}

  /** β ∈ {1/2, 1, 2, 5}. */
  public static Arbitrary<Aprational> betas() {
    return Arbitraries.of(Rationals.of(1, 2), Rationals.ONE, Rationals.of(2), Rationals.of(5));
  }

  /** The multiples {@code n/den} for {@code from <= n <= to}. */
  public static Arbitrary<Aprational> grid(long from, long to, long den) {
    return Arbitraries.longs().between(from, to).map(n -> Rationals.of(n, den));
  }

  /** Matrices with every off-diagonal entry in (0,1): BT ones and general ones. */
  public static Arbitrary<PreferenceMatrix> openMatrices(int minK, int maxK) {
    return Arbitraries.oneOf(
        Matrices.bradleyTerry(minK, maxK),
        Matrices.any(minK, maxK).filter(Generators::offDiagonalOpen),
        Matrices.sst(minK, maxK).filter(Generators::offDiagonalOpen),
        Matrices.threeCycle().filter(Generators::offDiagonalOpen));
  }

  /** Every off-diagonal entry in (0,1). */
  public static boolean offDiagonalOpen(PreferenceMatrix p) {
    for (int i = 0; i < p.k(); i++) {
      for (int j = 0; j < p.k(); j++) {
        if (i != j && (p.entry(i, j).signum() == 0 || p.entry(i, j).compareTo(Rationals.ONE) == 0)) {
          return false;
        }
      }
    }
    return true;
  }

  /** Instances with only an exact transitive matrix, K = minK..maxK (T4b, C3). */
  static Arbitrary<Instance> transitive(int minK, int maxK) {
    return Matrices.transitive(minK, maxK).map(Instance::of);
  }

  /** An exact transitive matrix. */
  static boolean exactTransitive(Instance x) {
    return x.pref().isExact() && Structure.isTransitive(x.pref());
  }

  /** The hypotheses the optimum statements share: μ and π_ref interior, β > 0, P exact (L1, L2, T10, C5). */
  static boolean optimumHypotheses(Instance x) {
    return x.has(Slot.SAMPLER) && x.get(Slot.SAMPLER).interior() && x.has(Slot.REF) && x.get(Slot.REF).interior()
        && x.has(Slot.BETA) && x.get(Slot.BETA).signum() > 0 && x.pref().isExact();
  }

  /** Instances (P, μ interior, ref interior, β) for the optimum statements. */
  static Arbitrary<Instance> optimumInstances(Arbitrary<PreferenceMatrix> matrices) {
    return matrices.flatMap(p -> Combinators.combine(
        Distributions.interior(p.k()), Distributions.interior(p.k()), betas())
        .as((mu, ref, beta) -> Instance.of(p).with(Slot.SAMPLER, mu).with(Slot.REF, ref).with(Slot.BETA, beta)));
  }

  /** Instances (P, μ, μ', ref, β), all interior, for the sampling-invariance statements. */
  static Arbitrary<Instance> twoSamplerInstances(Arbitrary<PreferenceMatrix> matrices) {
    return matrices.flatMap(p -> Combinators.combine(Distributions.interior(p.k()), Distributions.interior(p.k()),
        Distributions.interior(p.k()), betas())
        .as((mu, mu2, ref, beta) -> Instance.of(p).with(Slot.SAMPLER, mu).with(Slot.SAMPLER_PRIME, mu2)
            .with(Slot.REF, ref).with(Slot.BETA, beta)));
  }

  /**
   * μ' from μ by moving mass up the order: each move {@code (a, b, q)} with positions
   * {@code to = min(a,b) < from = max(a,b)} moves {@code q/4} of the current mass at {@code from}
   * to {@code to}. Every prefix sum along the order can only grow: μ' dominates μ toward the top.
   */
  static Distribution shiftUp(Distribution mu, int[] order, List<List<Integer>> moves) {
    Aprational[] m = mu.exactEntries();
    for (List<Integer> mv : moves) {
      int a = mv.get(0) % order.length;
      int b = mv.get(1) % order.length;
      if (a == b) {
        continue;
      }
      int from = order[Math.max(a, b)];
      int to = order[Math.min(a, b)];
      Aprational amount = m[from].multiply(Rationals.of(mv.get(2), 4));
      m[from] = m[from].subtract(amount);
      m[to] = m[to].add(amount);
    }
    return Distribution.of(m);
  }

  /** Zero to four mass moves {@code (a, b, q)} for {@link #shiftUp}. */
  static Arbitrary<List<List<Integer>>> moves() {
    return Combinators.combine(Arbitraries.integers().between(0, 9), Arbitraries.integers().between(0, 9),
        Arbitraries.integers().between(1, 4)).as(List::of).list().ofMinSize(0).ofMaxSize(4);
  }
}
