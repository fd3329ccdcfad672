package prefdyn.catalogue;

import net.jqwik.api.Arbitrary;
import org.apfloat.Apfloat;
import org.apfloat.Aprational;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.dynamics.FixedPoints;
import prefdyn.dynamics.MrsMap;
import prefdyn.dynamics.MrsParameters;
import prefdyn.dynamics.Stability;
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
