package prefdyn.catalogue;

import java.util.List;
import java.util.function.IntFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.apfloat.Apfloat;
import org.apfloat.Aprational;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.dynamics.FixedPoints;
import prefdyn.dynamics.MrsMap;
import prefdyn.dynamics.MrsParameters;
import prefdyn.dynamics.Stability;
import prefdyn.gen.Distributions;
import prefdyn.gen.Matrices;
import prefdyn.num.Ball;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.pref.Structure;

/**
 * Pieces shared by the statements of docs/theory.md section 4 (iterative dynamics: L3, L4, T6-T9,
 * C2, C4 and the MRS-DPO observations): the MRS parameters of an instance, hypothesis tests on
 * optional slots, ball-vector norms, and small hand instances.
 */
public final class DynamicsStatements {
  private DynamicsStatements() {}

  /** The strength a of the 3-cycle P_a (T6, C4, the MRS-DPO cycle). */
  public static final Slot<Aprational> A = Slot.param("a");

  /** The slots of an MRS instance: the round's parameters and the start (L4, T7-T9, C2, DPO-COLLAPSE). */
  static final List<Slot<?>> MRS = List.of(Slot.ALPHA, Slot.LAMBDA, Slot.BETA, Slot.REF, Slot.PI0, Slot.INIT);

  /** The slots of a 3-cycle instance (T6, C4, DPO-CYCLE, DPO-JAC): the parameters and the strength a, started at uniform. */
  static final List<Slot<?>> THREE_CYCLE = List.of(Slot.ALPHA, Slot.LAMBDA, Slot.BETA, Slot.REF, Slot.PI0, A);

  /** The frame of the MRS-IPO statements L4, T8 and T9: the kind, the proof note proofs-notes/ID.md, the {@link #MRS} slots, the tries. */
  static StatementBuilder mrsStatement(String id, Kind kind, int tries) {
    return Statement.named(id).kind(kind).proofNote("proofs-notes/" + id + ".md").slots(MRS).tries(tries);
  }

  /** The frame of the empirical MRS-DPO observations (DPO-CYCLE, DPO-COLLAPSE): kind, proof note proofs-notes/MRS-DPO.md, slots, tries. */
  static StatementBuilder dpoObservation(String id, List<Slot<?>> slots, int tries) {
    return Statement.named(id).kind(Kind.EMPIRICAL).proofNote("proofs-notes/MRS-DPO.md").slots(slots).tries(tries);
  }

  /** An MRS instance: the matrix, the round's parameters and the start. */
  static Instance mrs(PreferenceMatrix p, Aprational alpha, Aprational lambda, Aprational beta, Distribution ref,
      Distribution pi0, Distribution init) {
    return Instance.of(p).with(Slot.ALPHA, alpha).with(Slot.LAMBDA, lambda).with(Slot.BETA, beta)
        .with(Slot.REF, ref).with(Slot.PI0, pi0).with(Slot.INIT, init);
  }

  /**
   * MRS instances with K = 2..4, the matrix and the distributions drawn for each K (the start
   * interior), α, λ, β from the given grids.
   */
  static Arbitrary<Instance> mrsInstances(IntFunction<Arbitrary<PreferenceMatrix>> matrices, Arbitrary<Aprational> alphas,
      Arbitrary<Aprational> lambdas, Arbitrary<Aprational> betas, IntFunction<Arbitrary<Distribution>> refs,
      IntFunction<Arbitrary<Distribution>> pi0s) {
    return Arbitraries.integers().between(2, 4).flatMap(k -> Combinators.combine(
        matrices.apply(k), alphas, lambdas, betas, refs.apply(k), pi0s.apply(k), Distributions.interior(k))
        .as(DynamicsStatements::mrs));
  }

  /** MRS instances at α = 1 with uniform π_ref, K = 2..4, π_0 and the start interior (T8, DPO-COLLAPSE). */
  static Arbitrary<Instance> alphaOneInstances(IntFunction<Arbitrary<PreferenceMatrix>> matrices, Arbitrary<Aprational> lambdas,
      Arbitrary<Aprational> betas) {
    return Arbitraries.integers().between(2, 4).flatMap(k -> Combinators.combine(
        matrices.apply(k), lambdas, betas, Distributions.interior(k), Distributions.interior(k))
        .as((pm, l, b, pi0, init) -> mrs(pm, Rationals.ONE, l, b, Distribution.uniform(k), pi0, init)));
  }

  /** α ∈ [0, 1). */
  static boolean alphaBelowOne(@Nullable Aprational alpha) {
    return alpha != null && unit(alpha) && alpha.compareTo(Rationals.ONE) < 0;
  }

  /** 3-cycle instances ({@link #threeCycle}) with a from {@link Matrices#threeCycleStrengths} and the given parameters. */
  static Arbitrary<Instance> threeCycles(int maxDenominator, Arbitrary<Aprational> alphas, Arbitrary<Aprational> lambdas,
      Arbitrary<Aprational> betas) {
    return Combinators.combine(Matrices.threeCycleStrengths(maxDenominator), alphas, lambdas, betas).as(DynamicsStatements::threeCycle);
  }

  /**
   * The hypotheses every MRS statement shares: λ ∈ [0, 1], β > 0, and π_ref and the start interior
   * when given (α, P and π_0 are each statement's own).
   */
  static boolean mrsParameters(Instance x) {
    return unit(x.find(Slot.LAMBDA)) && positive(x.find(Slot.BETA)) && interiorOrNull(x.find(Slot.REF))
        && interiorOrNull(x.find(Slot.INIT));
  }

  /** MRS-DPO parameters of an instance (ref and pi0 default to uniform). */
  static MrsParameters dpo(Instance x) {
    return parameters(x).withMethod(MrsParameters.Method.DPO);
  }

  /** Why an MRS-DPO check is UNDECIDED: the round at which the certified orbit stopped, and why. */
  static String stopped(int round, String reason) {
    return "the certified MRS-DPO orbit stops at round " + round + ": " + reason;
  }

  static Aprational r(long n, long d) {
    return Rationals.of(n, d);
  }

  static Arbitrary<Aprational> grid(long from, long to, long den) {
    return Generators.grid(from, to, den);
  }

  /** MRS-IPO parameters of an instance (ref and pi0 default to uniform). */
  public static MrsParameters parameters(Instance x) {
    int k = x.k();
    Distribution ref = x.find(Slot.REF);
    Distribution pi0 = x.find(Slot.PI0);
    return new MrsParameters(x.pref(), x.get(Slot.ALPHA), x.get(Slot.LAMBDA), x.get(Slot.BETA),
        ref == null ? Distribution.uniform(k) : ref, pi0 == null ? Distribution.uniform(k) : pi0, MrsParameters.Method.IPO);
  }

  /** The start of the orbit (uniform by default). */
  static Distribution initOf(Instance x) {
    Distribution init = x.find(Slot.INIT);
    return init == null ? Distribution.uniform(x.k()) : init;
  }

  static boolean interiorOrNull(@Nullable Distribution d) {
    return d == null || d.interior();
  }

  static boolean isOne(@Nullable Aprational v) {
    return v != null && v.equals(Rationals.ONE);
  }

  static boolean positive(@Nullable Aprational v) {
    return v != null && v.signum() > 0;
  }

  static boolean nonNegative(@Nullable Aprational v) {
    return v != null && v.signum() >= 0;
  }

  static boolean interiorNonNull(@Nullable Distribution d) {
    return d != null && d.interior();
  }

  static boolean unit(@Nullable Aprational v) {
    return v != null && v.signum() >= 0 && v.compareTo(Rationals.ONE) <= 0;
  }

  /** An input number as a ball: exact rationals exactly (or tightly), other values as given. */
  static Ball ball(Apfloat v, int prec) {
    return v instanceof Aprational q ? Ball.of(q, prec) : Ball.of(v, prec);
  }

  /** {@code ||v||_2} of a ball vector. */
  static Ball norm2(Ball[] v, int prec) {
    Ball[] sq = new Ball[v.length];
    for (int i = 0; i < v.length; i++) {
      sq[i] = v[i].sqr(prec);
    }
    return Stability.nonNegativeSqrt(Ball.sum(sq, prec), prec);
  }

  /** {@code max_i |v_i|} of a ball vector. */
  static Ball maxAbs(Ball[] v) {
    Ball m = Ball.ZERO;
    for (Ball b : v) {
      m = Ball.max(m, b.abs());
    }
    return m;
  }

  /** {@code ||Π(a - b)||_2} in balls. */
  static Ball distance(Ball[] a, Ball[] b, int prec) {
    Ball[] d = new Ball[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i].sub(b[i], prec);
    }
    return norm2(MrsMap.center(d, prec), prec);
  }

  /** Bits of the rational enclosures of algebraic margins (their sign is decided exactly first). */
  static int enclosureBits(Precision p) {
    return Math.min(p.bits(), 96);
  }

  static boolean marginIsZero(PreferenceMatrix p) {
    for (int i = 0; i < p.k(); i++) {
      for (int j = 0; j < p.k(); j++) {
        if (p.entry(i, j).compareTo(Rationals.HALF) != 0) {
          return false;
        }
      }
    }
    return true;
  }

  static int top(PreferenceMatrix p) {
    return Structure.majorityOrder(p).map(o -> o[0]).orElse(-1);
  }

  /** A certified enclosure of the fixed point found from init (C2). */
  static FixedPoints.Certified fixedPointFrom(MrsParameters mp, Distribution init, Precision p) {
    MrsMap map = new MrsMap(mp, p);
    return FixedPoints.findAndCertify(map, map.logitsOf(init), 300);
  }

  /** The matrix with entries {@code num[i][j]/den}. */
  public static PreferenceMatrix matrix(long den, long[][] num) {
    Aprational[][] a = new Aprational[num.length][num.length];
    for (int i = 0; i < num.length; i++) {
      for (int j = 0; j < num.length; j++) {
        a[i][j] = r(num[i][j], den);
      }
    }
    return PreferenceMatrix.of(a);
  }

  /** The distribution with entries {@code num[i]/den}. */
  public static Distribution dist(long den, long... num) {
    Aprational[] e = new Aprational[num.length];
    for (int i = 0; i < num.length; i++) {
      e[i] = r(num[i], den);
    }
    return Distribution.of(e);
  }

  /** A T6 instance: the 3-cycle P_a with uniform π_ref = π_0. */
  public static Instance threeCycle(Aprational a, Aprational alpha, Aprational lambda, Aprational beta) {
    return Instance.of(Matrices.threeCycle(a)).with(A, a).with(Slot.ALPHA, alpha).with(Slot.LAMBDA, lambda).with(Slot.BETA, beta)
        .with(Slot.REF, Distribution.uniform(3)).with(Slot.PI0, Distribution.uniform(3));
  }
}
