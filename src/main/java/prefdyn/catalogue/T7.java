package prefdyn.catalogue;

import static prefdyn.catalogue.DynamicsStatements.enclosureBits;
import static prefdyn.catalogue.DynamicsStatements.initOf;
import static prefdyn.catalogue.DynamicsStatements.interiorOrNull;
import static prefdyn.catalogue.DynamicsStatements.nonNegative;
import static prefdyn.catalogue.DynamicsStatements.norm2;
import static prefdyn.catalogue.DynamicsStatements.parameters;
import static prefdyn.catalogue.DynamicsStatements.r;
import static prefdyn.catalogue.DynamicsStatements.unit;
import static prefdyn.catalogue.Generators.grid;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.apfloat.Aprational;
import prefdyn.dynamics.FixedPoints;
import prefdyn.dynamics.MrsMap;
import prefdyn.dynamics.MrsParameters;
import prefdyn.dynamics.Stability;
import prefdyn.gen.Distributions;
import prefdyn.gen.Matrices;
import prefdyn.num.Ball;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;

/**
 * T7. Instance: the MRS-IPO parameters, two logit vectors u, v (params u0.., v0..) and a start
 * (init). Margin = the smaller of {@code L - ||Π(Φu - Φv)||/||Π(u - v)||} (no stretch beyond L)
 * and, when L < 1, {@code min_t 1 - ||Π(θ_t - θ*)|| / (L^t ||Π(θ_0 - θ*)||)} over the first {@link #ORBIT_ROUNDS} rounds
 * (the contraction bound along the orbit).
 */
public final class T7 {
  private T7() {}

  /** The largest K of the generated instances. */
  static final int MAX_K = 4;
  /** Rounds of the orbit compared with {@code L^t d_0} when L < 1. */
  static final int ORBIT_ROUNDS = 12;

  /** Coordinate i of the first logit vector u of the pair (u, v). */
  public static Slot<Aprational> u(int i) {
    return Slot.param("u" + i);
  }

  /** Coordinate i of the second logit vector v. */
  public static Slot<Aprational> v(int i) {
    return Slot.param("v" + i);
  }

  private static List<Slot<?>> slots() {
    List<Slot<?>> out = new ArrayList<>(List.of(Slot.ALPHA, Slot.LAMBDA, Slot.BETA, Slot.REF, Slot.PI0, Slot.INIT));
    for (int i = 0; i < MAX_K; i++) {
      out.add(u(i));
      out.add(v(i));
    }
    return out;
  }

  public static final Statement STATEMENT = Statement.named("T7")
      .kind(Kind.PAPER)
      .statement("L = alpha + (beta lambda/2)||P - 11^T/2||_2: the logit map never stretches centered distances by more than L; L < 1 gives global convergence.")
      .proofNote("proofs-notes/T7.md")
      .slots(slots())
      .tries(40)
      .hypotheses(T7::instances, T7::admits)
      .margin((x, p) -> margin(x, p, Rationals.HALF))
      .wrong("L with the factor 1/4 instead of 1/2", (x, p) -> margin(x, p, r(1, 4)), T7::example)
      .wrong("L = α (no norm term)", (x, p) -> margin(x, p, Rationals.ZERO), T7::example)
      .build();

  /** Two close logit vectors near uniform on P_{1/2}, α = 0, β = 3: local stretch aβλ/√3 ≈ 0.866. */
  public static Instance example() {
    Instance x = DynamicsStatements.threeCycle(Rationals.HALF, Rationals.ZERO, Rationals.ONE, r(3, 1));
    return pair(x, new Aprational[] {r(1, 100), Rationals.ZERO, Rationals.ZERO}, new Aprational[] {Rationals.ZERO, Rationals.ZERO, Rationals.ZERO});
  }

  /** x with the pair (u, v). */
  public static Instance pair(Instance x, Aprational[] us, Aprational[] vs) {
    Instance y = x;
    for (int i = 0; i < us.length; i++) {
      y = y.with(u(i), us[i]).with(v(i), vs[i]);
    }
    return y;
  }

  /**
   * {@code βλ(P - ½11ᵀ) = 0}: the map is θ ↦ αθ + c and the margin is exactly 0 (checked
   * separately in T7Properties); the generator leaves these out so that the table's smallest
   * margin is the smallest non-degenerate one.
   */
  public static boolean degenerate(Instance x) {
    Aprational b = x.find(Slot.BETA);
    Aprational l = x.find(Slot.LAMBDA);
    return b == null || l == null || b.multiply(l).signum() == 0 || DynamicsStatements.marginIsZero(x.pref());
  }

  static boolean centeredEqual(Instance x) {
    int k = x.k();
    Aprational d0 = x.get(u(0)).subtract(x.get(v(0)));
    for (int i = 1; i < k; i++) {
      if (!x.get(u(i)).subtract(x.get(v(i))).equals(d0)) {
        return false;
      }
    }
    return true;
  }

  /** x with u_i = uv[i]/4 and v_i = uv[k + i]/4. */
  private static Instance withPair(Instance x, List<Long> uv, int k) {
    Instance y = x;
    for (int i = 0; i < k; i++) {
      y = y.with(u(i), Rationals.of(uv.get(i), 4)).with(v(i), Rationals.of(uv.get(k + i), 4));
    }
    return y;
  }

  static Arbitrary<Instance> instances() {
    return Arbitraries.integers().between(2, MAX_K).flatMap(k -> Combinators.combine(
        Matrices.any(k, k), grid(0, 10, 10), grid(0, 4, 4), grid(0, 16, 4),
        Distributions.interior(k), Distributions.interior(k), Distributions.interior(k),
        Arbitraries.longs().between(-20, 20).list().ofSize(2 * k))
        .as((pm, a, l, b, ref, pi0, init, uv) -> withPair(Instance.of(pm).with(Slot.ALPHA, a).with(Slot.LAMBDA, l).with(Slot.BETA, b)
            .with(Slot.REF, ref).with(Slot.PI0, pi0).with(Slot.INIT, init), uv, k)))
        .filter(x -> !centeredEqual(x) && !degenerate(x));
  }

  static boolean admits(Instance x) {
    if (!(unit(x.find(Slot.ALPHA)) && unit(x.find(Slot.LAMBDA)) && nonNegative(x.find(Slot.BETA))
        && interiorOrNull(x.find(Slot.REF)) && interiorOrNull(x.find(Slot.PI0)) && interiorOrNull(x.find(Slot.INIT)))) {
      return false;
    }
    for (int i = 0; i < x.k(); i++) {
      if (!x.has(u(i)) || !x.has(v(i))) {
        return false;
      }
    }
    return !centeredEqual(x);
  }

  static Margin margin(Instance x, Precision p, Aprational factor) {
    MrsParameters mp = parameters(x);
    if (mp.beta().multiply(mp.lambda()).signum() == 0 || DynamicsStatements.marginIsZero(mp.pref())) {
      // βλ(P - ½11ᵀ) = 0 exactly: the map is θ ↦ αθ + c, stretching every pair by exactly α = L
      return Margin.exact(Rationals.ZERO, false, "degenerate: βλ(P - ½11ᵀ) = 0, the map is θ ↦ αθ + c, stretch = α = L exactly");
    }
    int prec = p.bits();
    int k = x.k();
    MrsMap map = new MrsMap(mp, p);
    Stability.Contraction lTrue = Stability.contractionEnclosure(mp, enclosureBits(p));
    // this statement's L: α + factor·βλ||M||_2 (factor ½ in docs/theory.md: L itself; a wrong factor scales its norm term)
    Ball l = factor.equals(Rationals.HALF) ? lTrue.value()
        : Ball.of(mp.alpha(), prec).add(Ball.of(factor.multiply(Rationals.of(2)), prec)
            .mul(lTrue.value().sub(Ball.of(mp.alpha(), prec), prec), prec), prec);
    // stretch of the pair (u, v): ||Π(Φu - Φv)|| / ||Π(u - v)||, Φ in balls, Π(u - v) exact
    Ball[] uu = new Ball[k];
    Ball[] vv = new Ball[k];
    Aprational[] d = new Aprational[k];
    Aprational mean = Rationals.ZERO;
    for (int i = 0; i < k; i++) {
      uu[i] = Ball.of(x.get(u(i)), prec);
      vv[i] = Ball.of(x.get(v(i)), prec);
      d[i] = x.get(u(i)).subtract(x.get(v(i)));
      mean = mean.add(d[i]);
    }
    mean = mean.divide(Rationals.of(k));
    Aprational d2 = Rationals.ZERO;
    for (int i = 0; i < k; i++) {
      Aprational c = d[i].subtract(mean);
      d2 = d2.add(c.multiply(c));
    }
    Ball[] fu = map.round(uu, prec);
    Ball[] fv = map.round(vv, prec);
    Ball[] df = new Ball[k];
    for (int i = 0; i < k; i++) {
      df[i] = fu[i].sub(fv[i], prec);
    }
    Ball stretch = norm2(df, prec).div(Ball.of(d2, prec).sqrt(prec), prec);
    Margin m = Margin.of(l.sub(stretch, prec), false, "L - ||Π(Φu - Φv)||/||Π(u - v)|| (L enclosed exactly, Φ in balls)");
    if (lTrue.vsOne() >= 0) {
      return m;
    }
    // L < 1 (decided exactly): the orbit from init against the fixed point, certified independently (Krawczyk)
    FixedPoints.Certified fp = FixedPoints.findAndCertify(map, map.logitsOf(initOf(x)), 200);
    String orbit = "1 - ||Π(θ_t - θ*)||/(L^t ||Π(θ_0 - θ*)||) along the orbit from init (θ* certified by Krawczyk)";
    if (!fp.ok()) {
      return Margin.min(m, Margin.unknown("L < 1 but " + fp.failure(), false, orbit));
    }
    Ball[] star = fp.box();
    Ball[] theta = MrsMap.logitsOfBalls(initOf(x), prec);
    Ball d0 = DynamicsStatements.distance(theta, star, prec);
    Aprational d0lo = d0.lo();
    // rounds whose bound L^t d_0 is far above the working precision's resolution are compared
    Ball floor = Ball.ONE.mulPow2(-(prec / 2));
    if (d0lo == null || !Ball.of(d0lo, prec).sub(floor, prec).isPositive()) {
      return m;
    }
    Ball lt = Ball.ONE;
    Ball worst = null;
    for (int t = 1; t <= ORBIT_ROUNDS; t++) {
      theta = map.round(theta, prec);
      lt = lt.mul(l, prec);
      Ball bound = lt.mul(d0, prec);
      if (!bound.sub(floor, prec).isPositive()) {
        break;
      }
      Ball slack = Ball.ONE.sub(DynamicsStatements.distance(theta, star, prec).div(bound, prec), prec);
      worst = worst == null ? slack : Ball.min(worst, slack);
    }
    return worst == null ? m : Margin.min(m, Margin.of(worst, false, orbit));
  }
}
