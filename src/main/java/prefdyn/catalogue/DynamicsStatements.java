package prefdyn.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.apfloat.Aprational;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.dynamics.FastMrs;
import prefdyn.dynamics.FixedPoints;
import prefdyn.dynamics.MrsMap;
import prefdyn.dynamics.MrsParameters;
import prefdyn.dynamics.Stability;
import prefdyn.dynamics.ThreeCycleFamily;
import prefdyn.gen.Distributions;
import prefdyn.gen.Matrices;
import prefdyn.num.Ball;
import prefdyn.num.Kernel;
import prefdyn.num.Linalg;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.pref.Sst;
import prefdyn.pref.Structure;

/**
 * Catalogue entries of docs/theory.md section 4 (iterative dynamics): L3, L4, T6, T7, T8, T9, the
 * conjectures C2 and C4, and the empirical MRS-DPO observations. Each check returns a signed
 * margin (positive = holds with that much room), documented on the class. Constructors that take
 * a formula ingredient (a bound, a factor) exist so that tests can show the check rejects a
 * deliberately wrong formula; {@link #all()} uses the formulas of docs/theory.md.
 */
public final class DynamicsStatements {
  private DynamicsStatements() {}

  /** The entries with the formulas of docs/theory.md, in docs/theory.md order. */
  public static List<Statement> all() {
    List<Statement> all = new ArrayList<>();
    all.add(new L3(Rationals.HALF));
    all.add(new L4(false));
    all.add(new T6(Sqrt3.INVERSE));
    all.add(new T7(Rationals.HALF));
    all.add(new T8());
    all.add(new T9(true));
    all.add(new C2());
    all.add(new C4());
    all.addAll(MrsDpoStatements.all());
    return all;
  }

  // ---------------------------------------------------------------- shared pieces

  /** How √3 enters T6's claimed eigenvalues {@code α ± i·aβλ·f}: the true f = 1/√3, or a wrong one. */
  public enum Sqrt3 {
    /** f = 1/√3 (docs/theory.md). */
    INVERSE,
    /** f = 1/3: the factor a wrong derivation (forgetting ||A|| = √3 on 1^⊥) would give. */
    WRONG_ONE_THIRD,
    /** f = √3: the factor without the softmax's 1/3. */
    WRONG_SQRT3
  }

  static Aprational r(long n, long d) {
    return Rationals.of(n, d);
  }

  static Arbitrary<Aprational> grid(long from, long to, long den) {
    return Arbitraries.longs().between(from, to).map(n -> Rationals.of(n, den));
  }

  /** MRS-IPO parameters of an instance (ref and pi0 default to uniform). */
  public static MrsParameters parameters(Instance x) {
    int k = x.k();
    Distribution ref = x.ref() == null ? Distribution.uniform(k) : x.ref();
    Distribution pi0 = x.pi0() == null ? Distribution.uniform(k) : x.pi0();
    return new MrsParameters(x.pref(), Instance.need(x.alpha(), "alpha"), Instance.need(x.lambda(), "lambda"),
        Instance.need(x.beta(), "beta"), ref, pi0, MrsParameters.Method.IPO);
  }

  static Distribution initOf(Instance x) {
    return x.init() == null ? Distribution.uniform(x.k()) : x.init();
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

  // ---------------------------------------------------------------- L3

  /**
   * L3: the softmax Jacobian {@code S = diag(π) - ππᵀ} has {@code ||S||_2 ≤ 1/2} and kills 1.
   * Instance: {@code init} is π (any point of the simplex). Margin: {@code bound - ||S||_2}, exact 0
   * at the equality case (two entries 1/2, where the bound is attained), and exactly
   * {@code -max|S1|} if S1 ≠ 0 (computed in exact rationals).
   */
  public static final class L3 implements Statement {
    private final Aprational bound;

    public L3(Aprational bound) {
      this.bound = bound;
    }

    @Override public String id() { return "L3"; }
    @Override public String title() { return "The softmax Jacobian diag(p) - pp^T has spectral norm at most 1/2 and kills 1."; }
    @Override public Kind kind() { return Kind.PROVED; }

    @Override
    public Arbitrary<Instance> hypotheses() {
      return Arbitraries.integers().between(2, 6).flatMap(k ->
          Combinators.combine(Matrices.any(k, k), Distributions.any(k)).as((pm, pi) -> Instance.of(pm).withInit(pi)));
    }

    @Override
    public boolean admits(Instance x) {
      Distribution d = x.init();
      return d != null && d.k() == x.k() && d.isExact();
    }

    @Override
    public Margin check(Instance x, Precision p) {
      Distribution d = Instance.need(x.init(), "init (the point π)");
      int k = d.k();
      Aprational[] pi = d.exactEntries();
      Aprational worst = Rationals.ZERO;
      for (int i = 0; i < k; i++) {
        Aprational row = Rationals.ZERO;
        for (int j = 0; j < k; j++) {
          Aprational s = (i == j ? pi[i] : Rationals.ZERO).subtract(pi[i].multiply(pi[j]));
          row = row.add(s);
        }
        if (row.signum() != 0 && (worst.signum() == 0 || ApfloatMath.abs(row).compareTo(worst) > 0)) {
          worst = org.apfloat.AprationalMath.abs(row);
        }
      }
      if (worst.signum() != 0) {
        return Margin.exact(worst.negate(), false, "S1 ≠ 0: max |(S1)_i| = " + Rationals.format(worst));
      }
      // S is symmetric; ||S||_2 = max(λmax(S), -λmin(S)). Both sides decided exactly.
      Aprational[][] sm = new Aprational[k][k];
      Aprational[][] neg = new Aprational[k][k];
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          sm[i][j] = (i == j ? pi[i] : Rationals.ZERO).subtract(pi[i].multiply(pi[j]));
          neg[i][j] = sm[i][j].negate();
        }
      }
      int bits = enclosureBits(p);
      String what = Rationals.format(bound) + " - ||diag(π) - ππᵀ||_2 (S1 = 0 exactly; ||S||_2 vs "
          + Rationals.format(bound) + " decided exactly by definiteness of " + Rationals.format(bound) + "I ∓ S)";
      int top = Stability.compareLargestEigenvalue(sm, bound);
      int bottom = Stability.compareLargestEigenvalue(neg, bound);
      if (Math.max(top, bottom) == 0) {
        return Margin.exact(Rationals.ZERO, false, what + ": equality, ||S||_2 = " + Rationals.format(bound) + " exactly");
      }
      int prec = bits + 16;
      Ball norm = Ball.max(Stability.largestEigenvalue(sm, bits), Stability.largestEigenvalue(neg, bits));
      Ball m = Ball.of(bound, prec).sub(norm, prec);
      Aprational lo = m.lo();
      Aprational hi = m.hi();
      if (lo == null || hi == null) {
        return Margin.unknown("enclosure not finite", false, what);
      }
      // the exact sign: the margin is > 0 (norm < bound) or < 0; the enclosure is cut to that side
      return Math.max(top, bottom) < 0
          ? Margin.enclosure(Rationals.max(lo, Rationals.ZERO), Rationals.max(hi, Rationals.ZERO), false, what)
          : Margin.enclosure(Rationals.min(lo, Rationals.ZERO), Rationals.min(hi, Rationals.ZERO), false, what + " (exceeded)");
    }
  }

  // ---------------------------------------------------------------- L4

  /**
   * L4: for α < 1 an interior fixed point θ* satisfies
   * {@code π* ∝ π_ref ⊙ exp((β/(1-α)) P(λπ* + (1-λ)π_0))}. θ* is certified by Krawczyk
   * ({@link FixedPoints#certify}); the difference {@code Π(θ* - one-shot logits)} is enclosed in
   * balls on the certified box. Margin (an equality): 0 when the enclosure contains 0 ("holds:
   * |difference| ≤ r"), else minus its distance from 0 (violated); UNDECIDED when no fixed point is
   * certified.
   */
  public static final class L4 implements Statement {
    private final boolean wrongStrength;

    /** @param wrongStrength use strength β instead of β/(1-α) (a deliberately wrong formula, for tests) */
    public L4(boolean wrongStrength) {
      this.wrongStrength = wrongStrength;
    }

    @Override public String id() { return "L4"; }
    /** Each try solves a fixed point by iteration and by Newton: fewer tries keep the main job short. */
    @Override public int defaultTries() { return 30; }
    @Override public String title() { return "For alpha < 1, fixed points are one-shot IPO optima at strength beta/(1-alpha) with the self-consistent sampler."; }
    @Override public Kind kind() { return Kind.PROVED; }

    @Override
    public Arbitrary<Instance> hypotheses() {
      return Arbitraries.integers().between(2, 4).flatMap(k -> Combinators.combine(
          Matrices.any(k, k), grid(0, 9, 10), grid(0, 4, 4), grid(1, 12, 4),
          Distributions.interior(k), Distributions.any(k), Distributions.interior(k))
          .as((pm, a, l, b, ref, pi0, init) -> Instance.of(pm).withAlpha(a).withLambda(l).withBeta(b)
              .withRef(ref).withPi0(pi0).withInit(init)))
          .filter(x -> FastMrs.contractionUpperBound(parameters(x)) < 0.9);
    }

    @Override
    public boolean admits(Instance x) {
      Aprational al = x.alpha();
      return al != null && al.compareTo(Rationals.ONE) < 0 && unit(al) && unit(x.lambda())
          && positive(x.beta()) && interiorOrNull(x.ref()) && interiorOrNull(x.init());
    }

    @Override
    public Margin check(Instance x, Precision p) {
      MrsParameters mp = parameters(x);
      MrsMap map = new MrsMap(mp, p);
      String what = "Π(θ* - log π_ref - " + (wrongStrength ? "β" : "β/(1-α)") + "·P(λπ* + (1-λ)π_0)) = 0 at the certified fixed point θ*";
      FixedPoints.Certified fp = FixedPoints.findAndCertify(map, map.logitsOf(initOf(x)), 400);
      if (!fp.ok()) {
        return Margin.unknown(fp.failure(), false, what);
      }
      int prec = p.bits();
      Ball[] theta = fp.box();
      int k = x.k();
      Ball[] pi = Ball.softmax(theta, prec);
      Ball lam = Ball.of(mp.lambda(), prec);
      Ball offLam = Ball.of(Rationals.ONE.subtract(mp.lambda()), prec);
      Ball[] mu = new Ball[k];
      for (int i = 0; i < k; i++) {
        mu[i] = lam.mul(pi[i], prec).add(offLam.mul(ball(mp.pi0().get(i), prec), prec), prec);
      }
      Aprational strength = wrongStrength ? mp.beta() : mp.beta().divide(Rationals.ONE.subtract(mp.alpha()));
      Ball st = Ball.of(strength, prec);
      Ball[] logRef = MrsMap.logitsOfBalls(mp.ref(), prec);
      Ball[] oneShot = new Ball[k];
      for (int i = 0; i < k; i++) {
        Ball[] row = new Ball[k];
        for (int j = 0; j < k; j++) {
          row[j] = ball(mp.pref().entry(i, j), prec);
        }
        oneShot[i] = logRef[i].add(st.mul(Ball.dot(row, mu, prec), prec), prec);
      }
      oneShot = MrsMap.center(oneShot, prec);
      Ball[] diff = new Ball[k];
      for (int i = 0; i < k; i++) {
        diff[i] = theta[i].sub(oneShot[i], prec);
      }
      return Margin.equality(maxAbs(diff), what);
    }
  }

  // ---------------------------------------------------------------- T6

  /**
   * T6 (3-cycle family, uniform π_ref = π_0). (1) Eigenvalues, exact: the characteristic
   * polynomial of the exact rational Jacobian on 1^⊥ against {@code (t - λ)(t - λ̄)} of the claimed
   * {@code α ± i·aβλ·f} (a difference: exact negative margin). (2) Dynamics, certified: on a
   * centered ball of radius r every round multiplies {@code ||θ||} by a factor in
   * {@code [σ_min - η(r), σ_max + η(r)]} ({@link Stability#linearizationDefect}); margin
   * {@code min(1 - σ_max - η, band around ρ)} for ρ < 1 (convergence at rate ρ),
   * {@code min(σ_min - η - 1, band)} for ρ > 1 (no orbit converges to uniform). ρ vs 1 exactly.
   */
  public static final class T6 implements Statement {
    private final Sqrt3 factor;

    public T6(Sqrt3 factor) {
      this.factor = factor;
    }

    @Override public String id() { return "T6"; }
    @Override public String title() { return "3-cycle P_a: Jacobian eigenvalues alpha ± i a beta lambda/sqrt3 at uniform; rho > 1 persistent oscillation, rho < 1 convergence at rate rho."; }
    @Override public Kind kind() { return Kind.PAPER; }

    @Override
    public Arbitrary<Instance> hypotheses() {
      return Combinators.combine(Matrices.threeCycleStrengths(4), grid(0, 10, 10), grid(2, 4, 4), grid(2, 16, 2))
          .as((a, al, l, b) -> Instance.of(Matrices.threeCycle(a)).withParam("a", a).withAlpha(al).withLambda(l)
              .withBeta(b).withRef(Distribution.uniform(3)).withPi0(Distribution.uniform(3)))
          .filter(x -> {
            Aprational rho2 = ThreeCycleFamily.rhoSquared(x.param("a"), Instance.need(x.alpha(), "alpha"), Instance.need(x.lambda(), "lambda"), Instance.need(x.beta(), "beta"));
            return ApfloatMath.abs(rho2.subtract(Rationals.ONE)).compareTo(r(1, 5)) >= 0
                && rho2.compareTo(r(9, 1)) <= 0;
          });
    }

    @Override
    public boolean admits(Instance x) {
      Optional<Aprational> a = ThreeCycleFamily.strength(x.pref());
      return a.isPresent() && x.params().containsKey("a") && x.param("a").equals(a.get())
          && unit(x.alpha()) && unit(x.lambda()) && positive(x.beta())
          && (x.ref() == null || x.ref().equals(Distribution.uniform(3)))
          && (x.pi0() == null || x.pi0().equals(Distribution.uniform(3)));
    }

    /** The claimed {@code f²} in the eigenvalues {@code α ± i·aβλ·f}. */
    Aprational factorSquared() {
      return switch (factor) {
        case INVERSE -> r(1, 3);
        case WRONG_ONE_THIRD -> r(1, 9);
        case WRONG_SQRT3 -> r(3, 1);
      };
    }

    @Override
    public Margin check(Instance x, Precision p) {
      Aprational a = x.param("a");
      MrsParameters mp = parameters(x);
      int bits = enclosureBits(p);
      Aprational[] u = Distribution.uniform(3).exactEntries();
      // uniform is a fixed point: π_ref uniform (admits) and Π P μ_0 = 0 exactly
      Aprational[] pmu = x.pref().times(Distribution.uniform(3));
      if (!pmu[0].equals(pmu[1]) || !pmu[1].equals(pmu[2])) {
        return Margin.exact(r(-1, 1), true, "uniform is not a fixed point: P·uniform is not constant");
      }
      // the exact Jacobian at uniform, restricted to 1^⊥ (basis e_1 - e_3, e_2 - e_3)
      Aprational[][] rj = Stability.restrictToCentered(Stability.exactJacobian(mp, u));
      Aprational tr = rj[0][0].add(rj[1][1]);
      Aprational det = rj[0][0].multiply(rj[1][1]).subtract(rj[0][1].multiply(rj[1][0]));
      Aprational c = a.multiply(mp.beta()).multiply(mp.lambda());
      Aprational claimedTr = mp.alpha().multiply(r(2, 1));
      Aprational rho2 = mp.alpha().multiply(mp.alpha()).add(c.multiply(c).multiply(factorSquared()));
      Aprational dTr = org.apfloat.AprationalMath.abs(tr.subtract(claimedTr));
      Aprational dDet = org.apfloat.AprationalMath.abs(det.subtract(rho2));
      if (dTr.signum() != 0 || dDet.signum() != 0) {
        return Margin.exact(Rationals.max(dTr, dDet).negate(), true,
            "the characteristic polynomial of the Jacobian on 1^⊥ is t² - " + Rationals.format(tr) + "t + " + Rationals.format(det)
                + ", the claimed eigenvalues α ± i·aβλ·f (f = " + factor + ") give t² - " + Rationals.format(claimedTr) + "t + "
                + Rationals.format(rho2) + " (margin: -max coefficient difference, exact)");
      }
      int side = rho2.compareTo(Rationals.ONE);
      String eig = "eigenvalues on 1^⊥ exactly α ± i·aβλ·f (characteristic polynomial equal, exact)";
      if (side == 0) {
        return Margin.exact(Rationals.ZERO, false, eig + "; ρ = 1 exactly: no dynamic claim");
      }
      // the certified dynamics on a centered ball B_r: every round multiplies ||θ|| by a factor in [σ_min - η, σ_max + η]
      int prec = bits + 16;
      Ball[] sv = Stability.singularValuesOnCenteredPlane(rj, bits);
      Ball sMin = sv[0];
      Ball sMax = sv[1];
      Ball rho = Ball.of(rho2, prec).sqrt(prec);
      Ball mNorm = Stability.marginNormEnclosure(x.pref(), bits);
      Aprational bl = mp.beta().multiply(mp.lambda());
      Ball gap = side < 0 ? Ball.ONE.sub(sMax, prec) : sMin.sub(Ball.ONE, prec);
      int j = 1;
      Ball radius = Ball.ONE.mulPow2(-1);
      Ball eta = Stability.linearizationDefect(bl, mNorm, 3, radius, prec);
      // the smallest radius 2^-j with η(r) below half the gap (or 2^-64 when there is no gap: the claim fails)
      while (j < 64 && (!gap.isPositive() || !gap.mulPow2(-1).sub(eta, prec).isPositive())) {
        j++;
        radius = radius.mulPow2(-1);
        eta = Stability.linearizationDefect(bl, mNorm, 3, radius, prec);
      }
      Ball stab = side < 0 ? Ball.ONE.sub(sMax, prec).sub(eta, prec) : sMin.sub(eta, prec).sub(Ball.ONE, prec);
      Ball rateLow = rho.sub(sMin.sub(eta, prec), prec);
      Ball rateHigh = sMax.add(eta, prec).sub(rho, prec);
      Ball m = Ball.min(stab, Ball.min(rateLow, rateHigh));
      String dyn = side < 0
          ? "ρ < 1: on the centered ball of radius 2^-" + j + " every round multiplies ||θ|| by a factor in [σ_min - η, σ_max + η] ∋ ρ, below 1 (margin min(1 - σ_max - η, band around ρ))"
          : "ρ > 1: on the centered ball of radius 2^-" + j + " every round multiplies ||θ|| by a factor in [σ_min - η, σ_max + η] ∋ ρ, above 1: no orbit converges to uniform (margin min(σ_min - η - 1, band around ρ))";
      return Margin.of(m, true, eig + "; " + dyn);
    }
  }

  // ---------------------------------------------------------------- T7

  /**
   * T7. Instance: the MRS-IPO parameters, two logit vectors u, v (params u0.., v0..) and a start
   * (init). Margin = the smaller of {@code L - ||Π(Φu - Φv)||/||Π(u - v)||} (no stretch beyond L)
   * and, when L < 1, {@code min_t 1 - ||Π(θ_t - θ*)|| / (L^t ||Π(θ_0 - θ*)||)} over the first {@link #ORBIT_ROUNDS} rounds
   * (the contraction bound along the orbit).
   */
  public static final class T7 implements Statement {
    private final Aprational factor;

    /** @param factor the factor in {@code L = α + factor·βλ||P - ½11ᵀ||_2} (docs/theory.md: 1/2) */
    public T7(Aprational factor) {
      this.factor = factor;
    }

    /** Rounds of the orbit compared with {@code L^t d_0} when L < 1. */
    static final int ORBIT_ROUNDS = 12;

    @Override public String id() { return "T7"; }
    /** Each try certifies a fixed point (Krawczyk) and runs an orbit in balls. */
    @Override public int defaultTries() { return 40; }
    @Override public String title() { return "L = alpha + (beta lambda/2)||P - 11^T/2||_2: the logit map never stretches centered distances by more than L; L < 1 gives global convergence."; }
    @Override public Kind kind() { return Kind.PAPER; }

    @Override
    public Arbitrary<Instance> hypotheses() {
      return Arbitraries.integers().between(2, 4).flatMap(k -> Combinators.combine(
          Matrices.any(k, k), grid(0, 10, 10), grid(0, 4, 4), grid(0, 16, 4),
          Distributions.interior(k), Distributions.interior(k), Distributions.interior(k),
          Arbitraries.longs().between(-20, 20).list().ofSize(2 * k))
          .as((pm, a, l, b, ref, pi0, init, uv) -> {
            Instance x = Instance.of(pm).withAlpha(a).withLambda(l).withBeta(b).withRef(ref).withPi0(pi0).withInit(init);
            for (int i = 0; i < k; i++) {
              x = x.withParam("u" + i, Rationals.of(uv.get(i), 4)).withParam("v" + i, Rationals.of(uv.get(k + i), 4));
            }
            return x;
          }))
          .filter(x -> !centeredEqual(x) && !degenerate(x));
    }

    /**
     * {@code βλ(P - ½11ᵀ) = 0}: the map is θ ↦ αθ + c and the margin is exactly 0 (checked
     * separately in T7Properties); the generator leaves these out so that the table's smallest
     * margin is the smallest non-degenerate one.
     */
    public static boolean degenerate(Instance x) {
      Aprational b = x.beta();
      Aprational l = x.lambda();
      return b == null || l == null || b.multiply(l).signum() == 0 || marginIsZero(x.pref());
    }

    static boolean centeredEqual(Instance x) {
      int k = x.k();
      Aprational d0 = x.param("u0").subtract(x.param("v0"));
      for (int i = 1; i < k; i++) {
        if (!x.param("u" + i).subtract(x.param("v" + i)).equals(d0)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public boolean admits(Instance x) {
      if (!(unit(x.alpha()) && unit(x.lambda()) && nonNegative(x.beta())
          && interiorOrNull(x.ref()) && interiorOrNull(x.pi0()) && interiorOrNull(x.init()))) {
        return false;
      }
      for (int i = 0; i < x.k(); i++) {
        if (!x.params().containsKey("u" + i) || !x.params().containsKey("v" + i)) {
          return false;
        }
      }
      return !centeredEqual(x);
    }

    /** The constant with this statement's factor. */
    public Apfloat constant(MrsParameters mp, Precision p) {
      Apfloat f = p.real(factor.multiply(mp.beta()).multiply(mp.lambda()));
      return p.real(mp.alpha()).add(f.multiply(Stability.marginNorm(mp.pref(), p)));
    }

    @Override
    public Margin check(Instance x, Precision p) {
      MrsParameters mp = parameters(x);
      if (mp.beta().multiply(mp.lambda()).signum() == 0 || marginIsZero(mp.pref())) {
        // βλ(P - ½11ᵀ) = 0 exactly: the map is θ ↦ αθ + c, stretching every pair by exactly α = L
        return Margin.exact(Rationals.ZERO, false, "degenerate: βλ(P - ½11ᵀ) = 0, the map is θ ↦ αθ + c, stretch = α = L exactly");
      }
      int prec = p.bits();
      int k = x.k();
      MrsMap map = new MrsMap(mp, p);
      Stability.Contraction lTrue = Stability.contractionEnclosure(mp, enclosureBits(p));
      // this statement's L: α + factor·βλ||M||_2 (factor ½ in docs/theory.md)
      Ball l = factor.equals(Rationals.HALF) ? lTrue.value()
          : Ball.of(mp.alpha(), prec).add(Ball.of(factor.multiply(mp.beta()).multiply(mp.lambda()), prec)
              .mul(Stability.marginNormEnclosure(mp.pref(), enclosureBits(p)), prec), prec);
      // stretch of the pair (u, v): ||Π(Φu - Φv)|| / ||Π(u - v)||, Φ in balls, Π(u - v) exact
      Ball[] u = new Ball[k];
      Ball[] v = new Ball[k];
      Aprational[] d = new Aprational[k];
      Aprational mean = Rationals.ZERO;
      for (int i = 0; i < k; i++) {
        u[i] = Ball.of(x.param("u" + i), prec);
        v[i] = Ball.of(x.param("v" + i), prec);
        d[i] = x.param("u" + i).subtract(x.param("v" + i));
        mean = mean.add(d[i]);
      }
      mean = mean.divide(Rationals.of(k));
      Aprational d2 = Rationals.ZERO;
      for (int i = 0; i < k; i++) {
        Aprational c = d[i].subtract(mean);
        d2 = d2.add(c.multiply(c));
      }
      Ball[] fu = map.round(u, prec);
      Ball[] fv = map.round(v, prec);
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
      Ball d0 = distance(theta, star, prec);
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
        Ball slack = Ball.ONE.sub(distance(theta, star, prec).div(bound, prec), prec);
        worst = worst == null ? slack : Ball.min(worst, slack);
      }
      return worst == null ? m : Margin.min(m, Margin.of(worst, false, orbit));
    }
  }

  /** {@code ||Π(a - b)||_2} in balls. */
  static Ball distance(Ball[] a, Ball[] b, int prec) {
    Ball[] d = new Ball[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i].sub(b[i], prec);
    }
    return norm2(MrsMap.center(d, prec), prec);
  }

  // ---------------------------------------------------------------- T8

  /**
   * T8: α = 1, P strictly SST with top response s. Margin = the smallest of (A) every round's
   * increase of every log-odds {@code log(π_s/π_j)} (must be > 0), (B) {@code (-log10(1 - π_s) - 100)/100}
   * after the rounds needed (the policy within 1e-100 of the vertex), (C) the smallest relative
   * entropy decrease {@code (H_t - H_{t+1})/H_t} over the second half of the run.
   */
  public static final class T8 implements Statement {
    /** Rounds after which the run gives up (UNDECIDED) if the certificates below are not yet reached. */
    static final long CAP = 4000;
    private final boolean wrongTop;

    public T8() {
      this(false);
    }

    /** @param wrongTop claim the statement for the second response of the order instead of the top (a deliberately wrong statement, for tests) */
    public T8(boolean wrongTop) {
      this.wrongTop = wrongTop;
    }

    @Override public String id() { return "T8"; }
    /** Each try runs an α = 1 trajectory in balls. */
    @Override public int defaultTries() { return 50; }
    @Override public String title() { return "alpha = 1, strictly SST: every log-odds of the top response increases every round, pi_t -> vertex, entropy eventually decreasing to 0."; }
    @Override public Kind kind() { return Kind.PAPER; }

    @Override
    public Arbitrary<Instance> hypotheses() {
      return Arbitraries.integers().between(2, 4).flatMap(k -> Combinators.combine(
          Matrices.strictlySst(k, k), grid(2, 4, 4), grid(4, 12, 2), Distributions.interior(k), Distributions.interior(k))
          .as((pm, l, b, pi0, init) -> Instance.of(pm).withAlpha(Rationals.ONE).withLambda(l).withBeta(b)
              .withRef(Distribution.uniform(k)).withPi0(pi0).withInit(init)));
    }

    @Override
    public boolean admits(Instance x) {
      Aprational al = x.alpha();
      return Structure.sst(x.pref()) == Sst.STRICT && al != null && Rationals.ONE.equals(al) && unit(x.lambda())
          && positive(x.beta()) && interiorNonNull(x.pi0())
          && interiorOrNull(x.init()) && interiorOrNull(x.ref());
    }

    /**
     * Margin, strict: the smallest of (A) every computed round's increase of every log-odds
     * {@code θ_s - θ_j} (balls; a certified negative one is a counterexample); (B) at the round T
     * where the run stops, {@code δ = min_j β d_s^{(j)}(λπ_{T,s} + (1-λ)π_{0,s})}, a certified lower
     * bound on every later increase (row dominance {@code d^{(j)} = P_s· - P_j· ≥ 0}, checked
     * exactly, and π_s nondecreasing), so the log-odds diverge and π_t → δ_s; (C) with
     * {@code ε_T = 1 - π_{T,s}} and {@code c = e^{-δ}/(1 - ε_T)}: {@code log((1-ε_T)/ε_T)(1 - c) - c log(K-1)},
     * positive exactly when H(π_t) provably decreases at every round t ≥ T (proofs-notes/T8.md).
     * The run stops at the first T where (B) and (C) are certified positive; at the cap it is
     * UNDECIDED.
     */
    @Override
    public Margin check(Instance x, Precision p) {
      int[] order = Structure.majorityOrder(x.pref()).orElse(null);
      String what = "min(every round's log-odds increase, δ = certified lower bound of all later increases, eventual-entropy-decrease certificate)";
      if (order == null) {
        return Margin.exact(Rationals.of(-1), true, "P is not transitive: no top response");
      }
      int s = wrongTop ? order[1] : order[0];
      int k = x.k();
      MrsParameters mp = parameters(x);
      // row dominance, exact: d^(j)_m = P_sm - P_jm ≥ 0 for every m, d^(j)_s > 0
      Aprational[] ds = new Aprational[k];
      boolean dominance = true;
      for (int j = 0; j < k; j++) {
        if (j == s) {
          continue;
        }
        for (int m = 0; m < k; m++) {
          dominance &= x.pref().exact(s, m).subtract(x.pref().exact(j, m)).signum() >= 0;
        }
        ds[j] = x.pref().exact(s, s).subtract(x.pref().exact(j, s));
        dominance &= ds[j].signum() > 0;
      }
      int prec = p.bits();
      MrsMap map = new MrsMap(mp, p);
      Ball beta = Ball.of(mp.beta(), prec);
      Ball lam = Ball.of(mp.lambda(), prec);
      Ball offPi0s = Ball.of(Rationals.ONE.subtract(mp.lambda()), prec).mul(ball(mp.pi0().get(s), prec), prec);
      Ball logKm1 = k == 2 ? Ball.ZERO : Ball.exact(k - 1).log(prec);
      Ball[] theta = MrsMap.logitsOfBalls(initOf(x), prec);
      Ball inc = null;
      String incWhere = "";
      for (long t = 1; t <= CAP; t++) {
        Ball[] next = map.round(theta, prec);
        for (int j = 0; j < k; j++) {
          if (j != s) {
            Ball d = next[s].sub(next[j], prec).sub(theta[s].sub(theta[j], prec), prec);
            if (inc == null || !d.sub(inc, prec).isPositive()) {
              incWhere = "round " + t + ": increase of log(π_" + s + "/π_" + j + ")";
            }
            inc = inc == null ? d : Ball.min(inc, d);
            if (d.isNonPositive()) {
              return Margin.of(d, true, incWhere);
            }
          }
        }
        theta = next;
        if (!dominance) {
          continue;
        }
        Ball[] pi = Ball.softmax(theta, prec);
        Ball eps = Ball.ZERO;
        for (int j = 0; j < k; j++) {
          if (j != s) {
            eps = eps.add(pi[j], prec);
          }
        }
        Ball base = lam.mul(pi[s], prec).add(offPi0s, prec);
        Ball delta = null;
        for (int j = 0; j < k; j++) {
          if (j != s) {
            Ball dj = beta.mul(Ball.of(ds[j], prec), prec).mul(base, prec);
            delta = delta == null ? dj : Ball.min(delta, dj);
          }
        }
        if (delta == null || !eps.isFinite() || !Ball.ONE.mulPow2(-1).sub(eps, prec).isPositive()) {
          continue;
        }
        Ball oneMinusEps = Ball.ONE.sub(eps, prec);
        Ball c = delta.neg().exp(prec).div(oneMinusEps, prec);
        Ball cert = oneMinusEps.div(eps, prec).log(prec).mul(Ball.ONE.sub(c, prec), prec).sub(c.mul(logKm1, prec), prec);
        if (delta.isPositive() && cert.isPositive() && Ball.ONE.sub(c, prec).isPositive()) {
          Margin b = Margin.of(delta, true, "δ = " + delta.format(6) + " bounds every increase after round " + t + " (π_t → vertex)");
          Margin cm = Margin.of(cert, true, "entropy certified decreasing at every round after " + t + " (1 - π_top ≤ " + eps.upperDecimal(3) + ")");
          Margin incM = inc == null ? Margin.unknown("no round", true, what) : Margin.of(inc, true, "smallest log-odds increase (" + incWhere + ")");
          Margin all = Margin.min(List.of(incM, b, cm));
          return all.verdict() == Verdict.HOLDS ? all.withDetail(what + ", certificates at round " + t) : all;
        }
      }
      return Margin.min(inc == null ? Margin.unknown("no round", true, what) : Margin.of(inc, true, incWhere),
          Margin.unknown((dominance ? "" : "row dominance of the claimed top fails; ")
              + "round cap " + CAP + " reached before the convergence and entropy certificates", true, what));
    }
  }

  // ---------------------------------------------------------------- T9

  /**
   * T9: α < 1, P strictly SST with top s. For β and 16β (κ' = β/(1-α) and 16κ'), the fixed point
   * reached from init satisfies (a) {@code π_i ≥ π_ref,i e^{-κ'}} (interior, quantitatively) and
   * (b) {@code 1 - π_s ≤ Σ_{j≠s} (π_ref,j/π_ref,s) e^{-κ' g_j μ_low}} with {@code g_j = P_sj - 1/2},
   * {@code μ_low = λ/(1+R) + (1-λ)π_0,s}, {@code R = Σ_{j≠s} π_ref,j/π_ref,s}: a bound that tends to 0
   * as κ grows (proof in proofs-notes/T9.md). Margin: the smallest log-slack of (a) and (b).
   */
  public static final class T9 implements Statement {
    private final boolean withMuLow;

    /** @param withMuLow false drops the factor μ_low from the exponent (a deliberately wrong, too strong bound) */
    public T9(boolean withMuLow) {
      this.withMuLow = withMuLow;
    }

    @Override public String id() { return "T9"; }
    /** Each try certifies two fixed points (Krawczyk). */
    @Override public int defaultTries() { return 40; }
    @Override public String title() { return "alpha < 1, strictly SST: fixed points are interior, and 1 - pi_top -> 0 as kappa = beta lambda/(1-alpha) grows."; }
    @Override public Kind kind() { return Kind.PAPER; }

    @Override
    public Arbitrary<Instance> hypotheses() {
      return Arbitraries.integers().between(2, 4).flatMap(k -> Combinators.combine(
          Matrices.strictlySst(k, k), grid(0, 8, 10), grid(1, 4, 4), grid(1, 8, 2),
          Distributions.interior(k), Distributions.interior(k), Distributions.interior(k))
          .as((pm, a, l, b, ref, pi0, init) -> Instance.of(pm).withAlpha(a).withLambda(l).withBeta(b)
              .withRef(ref).withPi0(pi0).withInit(init)));
    }

    @Override
    public boolean admits(Instance x) {
      Aprational al = x.alpha();
      return Structure.sst(x.pref()) == Sst.STRICT && al != null && unit(al)
          && al.compareTo(Rationals.ONE) < 0 && unit(x.lambda()) && positive(x.beta())
          && interiorOrNull(x.ref()) && interiorNonNull(x.pi0()) && interiorOrNull(x.init());
    }

    @Override
    public Margin check(Instance x, Precision p) {
      int s = top(x.pref());
      if (s < 0) {
        return Margin.exact(Rationals.of(-1), true, "P is not transitive: no top response");
      }
      MrsParameters base = parameters(x);
      int prec = p.bits();
      int k = x.k();
      List<Margin> parts = new ArrayList<>();
      String what = "min log-slack of π_i ≥ π_ref,i e^{-κ'} and of the 1 - π_top bound at the certified fixed points, κ' = β/(1-α) and 16κ'";
      for (long mult : new long[] {1, 16}) {
        MrsParameters mp = base.withBeta(base.beta().multiply(Rationals.of(mult)));
        MrsMap map = new MrsMap(mp, p);
        FixedPoints.Certified fp = FixedPoints.findAndCertify(map, map.logitsOf(initOf(x)), 300);
        if (!fp.ok()) {
          return Margin.unknown(fp.failure() + " (β·" + mult + ")", false, what);
        }
        Ball[] theta = fp.box();
        Ball lse = Ball.logSumExp(theta, prec);
        Ball[] logRef = new Ball[k];
        Ball[] ref = new Ball[k];
        for (int i = 0; i < k; i++) {
          ref[i] = ball(mp.ref().get(i), prec);
          logRef[i] = ref[i].log(prec);
        }
        Aprational kp = mp.beta().divide(Rationals.ONE.subtract(mp.alpha()));
        Ball kappa = Ball.of(kp, prec);
        String at = "κ' = " + Rationals.format(kp);
        for (int i = 0; i < k; i++) {
          Ball a = theta[i].sub(lse, prec).sub(logRef[i], prec).add(kappa, prec);
          parts.add(Margin.of(a, false, "log π_" + i + " - log π_ref," + i + " + κ' at " + at));
        }
        Ball rsum = Ball.ZERO;
        for (int j = 0; j < k; j++) {
          if (j != s) {
            rsum = rsum.add(ref[j].div(ref[s], prec), prec);
          }
        }
        Ball lam = Ball.of(mp.lambda(), prec);
        Ball muLow = lam.div(Ball.ONE.add(rsum, prec), prec)
            .add(Ball.of(Rationals.ONE.subtract(mp.lambda()), prec).mul(ball(mp.pi0().get(s), prec), prec), prec);
        Ball bound = Ball.ZERO;
        Ball off = Ball.ZERO;
        for (int j = 0; j < k; j++) {
          if (j != s) {
            Ball g = Ball.of(x.pref().exact(s, j).subtract(Rationals.HALF), prec);
            Ball expo = kappa.mul(g, prec).mul(withMuLow ? muLow : Ball.ONE, prec).neg();
            bound = bound.add(ref[j].div(ref[s], prec).mul(expo.exp(prec), prec), prec);
            off = off.add(theta[j].sub(lse, prec).exp(prec), prec);
          }
        }
        parts.add(Margin.of(bound.log(prec).sub(off.log(prec), prec), false, "log(bound) - log(1 - π_top) at " + at));
      }
      Margin m = Margin.min(parts);
      return m.verdict() == Verdict.HOLDS ? m.withDetail(what + "; smallest: " + m.detail()) : m;
    }
  }

  // ---------------------------------------------------------------- C2

  /** A certified enclosure of the fixed-point top mass π∞_s (fixed point found from init), for C2. */
  static FixedPoints.Certified fixedPointFrom(MrsParameters mp, Distribution init, Precision p) {
    MrsMap map = new MrsMap(mp, p);
    return FixedPoints.findAndCertify(map, map.logitsOf(init), 300);
  }

  /**
   * C2 (conjecture): π∞_top is nondecreasing in κ. Instance: a T9 instance plus param "factor" > 1
   * (κ' = factor·κ, by scaling β). Margin: {@code π∞_top(κ') - π∞_top(κ)}.
   */
  public static final class C2 implements Statement {
    @Override public String id() { return "C2"; }
    @Override public String title() { return "The limit top mass pi_inf,top is nondecreasing in kappa = beta lambda/(1-alpha) (strictly SST, alpha < 1)."; }
    @Override public Kind kind() { return Kind.CONJECTURE; }

    @Override
    public Arbitrary<Instance> hypotheses() {
      return new T9(true).hypotheses().flatMap(x -> grid(5, 40, 4).map(f -> x.withParam("factor", f)));
    }

    @Override
    public boolean admits(Instance x) {
      return new T9(true).admits(x) && x.params().containsKey("factor")
          && x.param("factor").compareTo(Rationals.ONE) > 0;
    }

    @Override
    public Margin check(Instance x, Precision p) {
      int s = top(x.pref());
      MrsParameters mp = parameters(x);
      String what = "π∞_top(factor·κ) - π∞_top(κ) at certified fixed points (found from init)";
      FixedPoints.Certified lo = fixedPointFrom(mp, initOf(x), p);
      FixedPoints.Certified hi = fixedPointFrom(mp.withBeta(mp.beta().multiply(x.param("factor"))), initOf(x), p);
      if (!lo.ok() || !hi.ok()) {
        return Margin.unknown(lo.ok() ? hi.failure() : lo.failure(), false, what);
      }
      int prec = p.bits();
      Ball a = Ball.softmax(lo.box(), prec)[s];
      Ball b = Ball.softmax(hi.box(), prec)[s];
      return Margin.of(b.sub(a, prec), false, what);
    }
  }

  // ---------------------------------------------------------------- C4

  /**
   * C4 (conjecture, expected false): on the 3-cycle family, ρ < 1 implies L < 1. Instance: a T6
   * instance with ρ < 1. Margin: {@code 1 - L} with {@code L = α + (βλ/2)·a√3}.
   */
  public static final class C4 implements Statement {
    @Override public String id() { return "C4"; }
    @Override public String title() { return "3-cycle family: local stability of uniform (rho < 1) implies the contraction condition L < 1."; }
    @Override public Kind kind() { return Kind.CONJECTURE; }

    @Override
    public Arbitrary<Instance> hypotheses() {
      return Combinators.combine(Matrices.threeCycleStrengths(6), grid(0, 10, 10), grid(0, 4, 4), grid(1, 16, 4))
          .as((a, al, l, b) -> Instance.of(Matrices.threeCycle(a)).withParam("a", a).withAlpha(al).withLambda(l)
              .withBeta(b).withRef(Distribution.uniform(3)).withPi0(Distribution.uniform(3)))
          .filter(this::admits);
    }

    @Override
    public boolean admits(Instance x) {
      return new T6(Sqrt3.INVERSE).admits(x)
          && ThreeCycleFamily.rhoSquared(x.param("a"), Instance.need(x.alpha(), "alpha"), Instance.need(x.lambda(), "lambda"), Instance.need(x.beta(), "beta")).compareTo(Rationals.ONE) < 0;
    }

    @Override
    public Margin check(Instance x, Precision p) {
      Stability.Contraction l = Stability.contractionEnclosure(parameters(x), enclosureBits(p));
      String what = "1 - L, L = α + (βλ/2)||P_a - ½11ᵀ||_2 (L vs 1 decided exactly: λmax(MᵀM) vs 4(1-α)²/(βλ)²)";
      if (l.vsOne() == 0) {
        return Margin.exact(Rationals.ZERO, true, what + ": L = 1 exactly");
      }
      return Margin.of(Ball.ONE.sub(l.value(), enclosureBits(p) + 16), true, what);
    }
  }
}
