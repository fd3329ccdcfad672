package prefdyn.gen;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.apfloat.Aprational;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;

/**
 * Public jqwik generators of exact distributions over K responses (samplers μ, references π_ref,
 * initial samplers π_0). Entries are built from small integer weights and normalized, so every
 * distribution is an exact rational point of the simplex and shrinking moves toward equal
 * weights (uniform) and small numbers. Use with a matrix: {@code
 * Matrices.any(2, 5).flatMap(p -> Distributions.any(p.k()).map(mu -> ...))}.
 */
public final class Distributions {
  /** Largest integer weight used before normalizing. */
  public static final int MAX_WEIGHT = 9;

  private Distributions() {}

  /**
   * Interior points ({@code int Δ_K}, every entry > 0): weights in 1..9, normalized. Covers
   * uniform (all weights equal; where it shrinks to) and strongly skewed interiors (1 vs 9).
   */
  public static Arbitrary<Distribution> interior(int k) {
    return Arbitraries.integers().between(1, MAX_WEIGHT).list().ofSize(k).map(Distributions::normalize);
  }

  /** Full-support distributions: the same set as {@link #interior(int)}. */
  public static Arbitrary<Distribution> fullSupport(int k) {
    return interior(k);
  }

  /** Point masses {@code δ_i}, i = 0..K-1 (shrinks toward {@code δ_0}). */
  public static Arbitrary<Distribution> pointMass(int k) {
    return Arbitraries.integers().between(0, k - 1).map(i -> Distribution.point(k, i));
  }

  /**
   * Two-point supports: mass on two distinct responses i ≠ j with weights in 1..9 (K >= 2). For
   * K = 2 these are the interior points.
   */
  public static Arbitrary<Distribution> twoPoint(int k) {
    if (k < 2) {
      throw new IllegalArgumentException("two-point supports need K >= 2");
    }
    Arbitrary<Integer> i = Arbitraries.integers().between(0, k - 1);
    Arbitrary<Integer> offset = Arbitraries.integers().between(1, k - 1);
    Arbitrary<Integer> w = Arbitraries.integers().between(1, MAX_WEIGHT);
    return Combinators.combine(i, offset, w, w).as((a, o, wa, wb) -> {
      Aprational[] e = new Aprational[k];
      Arrays.fill(e, Rationals.ZERO);
      e[a] = Rationals.of(wa, wa + wb);
      e[(a + o) % k] = Rationals.of(wb, wa + wb);
      return Distribution.of(e);
    });
  }

  /** The uniform distribution (a single value). */
  public static Arbitrary<Distribution> uniform(int k) {
    return Arbitraries.just(Distribution.uniform(k));
  }

  /**
   * Any point of the simplex: weights in 0..9 (not all zero), normalized, so supports of every
   * size occur, mixed with the special families: interior points (often), point masses, two-point
   * supports and uniform.
   */
  public static Arbitrary<Distribution> any(int k) {
    Arbitrary<Distribution> withZeros = Arbitraries.integers().between(0, MAX_WEIGHT).list().ofSize(k)
        .filter(ws -> ws.stream().anyMatch(w -> w > 0)).map(Distributions::normalize);
    if (k < 2) {
      return uniform(k);
    }
    return Arbitraries.frequencyOf(
        Tuple.of(4, interior(k)),
        Tuple.of(3, withZeros),
        Tuple.of(2, pointMass(k)),
        Tuple.of(2, twoPoint(k)),
        Tuple.of(1, uniform(k)));
  }

  /** Normalizes nonnegative integer weights (not all zero) to an exact distribution. */
  public static Distribution normalize(List<Integer> weights) {
    long sum = 0;
    for (int w : weights) {
      sum += w;
    }
    Aprational[] e = new Aprational[weights.size()];
    for (int i = 0; i < e.length; i++) {
      e[i] = Rationals.of(weights.get(i), sum);
    }
    return Distribution.of(e);
  }
}
