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
import prefdyn.dynamics.LogitPolicy;
import prefdyn.dynamics.MrsMap;
import prefdyn.dynamics.MrsParameters;
import prefdyn.dynamics.Stability;
import prefdyn.dynamics.ThreeCycleFamily;
import prefdyn.gen.Distributions;
import prefdyn.gen.Matrices;
import prefdyn.num.Complex;
import prefdyn.num.Kernel;
import prefdyn.num.Linalg;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.optimum.IpoOptimum;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.pref.Sst;
import prefdyn.pref.Structure;

/**
 * Catalogue entries of theory.md section 4 (iterative dynamics): L3, L4, T6, T7, T8, T9, the
 * conjectures C2 and C4, and the empirical MRS-DPO observations. Each check returns a signed
 * margin (positive = holds with that much room), documented on the class. Constructors that take
 * a formula ingredient (a bound, a factor) exist so that tests can show the check rejects a
 * deliberately wrong formula; {@link #all()} uses the formulas of theory.md.
 */
public final class DynamicsStatements {
  private DynamicsStatements() {}

  /** The entries with the formulas of theory.md, in theory.md order. */
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
    /** f = 1/√3 (theory.md). */
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

  /** An undecided margin: the check could not compute what it needs (said in the detail). */
  static Margin undecided(String why) {
    return Margin.approximate(Rationals.ZERO, Rationals.ONE, true, why);
  }

  /** Bits of the rational enclosures of algebraic margins (their sign is decided exactly first). */
  static int enclosureBits(Precision p) {
    return Math.min(p.bits(), 96);
  }

  static Apfloat min(Apfloat a, Apfloat b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  static Apfloat ln(Apfloat x, Precision p) {
    return Kernel.log(x, p);
  }

  /** Fixed point of an MRS-IPO map with α < 1: a few rounds of iteration, then Newton. */
  static Optional<Apfloat[]> fixedPoint(MrsMap map, Apfloat[] theta0, long rounds) {
    FixedPoints.Result it = FixedPoints.iterate(map, theta0, rounds);
    if (it.converged()) {
      return Optional.of(it.logits());
    }
    FixedPoints.Result nt = FixedPoints.newton(map, it.logits(), 80);
    if (nt.converged()) {
      return Optional.of(nt.logits());
    }
    FixedPoints.Result it2 = FixedPoints.iterate(map, nt.logits(), 20 * rounds);
    return it2.converged() ? Optional.of(it2.logits()) : Optional.empty();
  }

  /** The claim tolerance of identities checked "to working precision": 10^-digits·max(1, scale). */
  static Apfloat claimTolerance(Apfloat scale, Precision p) {
    Apfloat s = ApfloatMath.abs(scale);
    if (s.compareTo(p.real(1)) < 0) {
      s = p.real(1);
    }
    return p.epsilon().multiply(s);
  }

  /** Error bound of a computed identity residual: 10^-(working-6)·max(1, scale). */
  static Apfloat residualError(Apfloat scale, Precision p) {
    Apfloat s = ApfloatMath.abs(scale);
    if (s.compareTo(p.real(1)) < 0) {
      s = p.real(1);
    }
    return ApfloatMath.scale(p.real(1), -(p.working() - 6)).multiply(s);
  }

  /**
   * Margin of an identity checked to the requested digits: {@code 1 - dist/tol} with
   * {@code tol = 10^-digits·max(1, scale)} (1 = exact agreement, 0 = at the tolerance, negative =
   * off by more), decided against the working-precision error {@code 10^-(working-6)·max(1, scale)}.
   */
  static Margin identity(Apfloat dist, Apfloat scale, Precision p, String detail) {
    Apfloat tol = claimTolerance(scale, p);
    return Margin.approximate(p.real(1).subtract(dist.divide(tol)), residualError(scale, p).divide(tol), false, detail);
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
      Stability.Interval top = Stability.largestEigenvalueAgainst(sm, bound, bits);
      Stability.Interval bottom = Stability.largestEigenvalueAgainst(neg, bound, bits);
      Stability.Interval norm = new Stability.Interval(Rationals.max(top.lo(), bottom.lo()), Rationals.max(top.hi(), bottom.hi()));
      Stability.Interval m = Stability.Interval.exact(bound).subtract(norm);
      String what = Rationals.format(bound) + " - ||diag(π) - ππᵀ||_2 (S1 = 0 exactly; the norm's comparison with "
          + Rationals.format(bound) + " decided exactly by definiteness of " + Rationals.format(bound) + "I ∓ S)";
      return m.lo().equals(m.hi()) ? Margin.exact(m.lo(), false, what) : Margin.enclosure(m.lo(), m.hi(), false, what);
    }
  }

  // ---------------------------------------------------------------- L4

  /**
   * L4: for α < 1 a computed interior fixed point θ* satisfies
   * {@code π* ∝ π_ref ⊙ exp((β/(1-α)) P(λπ* + (1-λ)π_0))}. Margin: {@code 10^-digits·scale - ||Π(θ* - θ_oneshot)||}
   * (the identity holds to the requested digits, decided against a working-precision error bound).
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
      Optional<Apfloat[]> fp = fixedPoint(map, map.logitsOf(initOf(x)), 400);
      if (fp.isEmpty()) {
        return undecided("no fixed point found from init (iteration and Newton did not converge)");
      }
      Apfloat[] theta = fp.get();
      Apfloat[] mu = map.sampler(theta);
      Aprational strength = wrongStrength ? mp.beta() : mp.beta().divide(Rationals.ONE.subtract(mp.alpha()));
      Apfloat[] oneShot = IpoOptimum.logits(map.preference(), mu, map.referenceLogits(), p.real(strength), p);
      Apfloat dist = FixedPoints.distance(theta, oneShot, p);
      Apfloat scale = Linalg.norm2(theta, p);
      return identity(dist, scale, p,
          "1 - ||Π(θ* - one-shot logits at strength " + (wrongStrength ? "β" : "β/(1-α)") + ")|| / 10^-digits");
    }
  }

  // ---------------------------------------------------------------- T6

  /**
   * T6 (3-cycle family, uniform π_ref = π_0). Margin = the smaller of
   * (1) {@code 10^-digits - max|λ_computed - (α ± i·aβλ·f)|} for the Jacobian on 1^⊥ at uniform;
   * (2) if ρ > 1: {@code log(min_{t ≥ T_esc} ||θ_t|| / ||θ_0||)} (the orbit from a 10^-6
   *     perturbation stays away from uniform) and (winding turns in the window) − 1 (it keeps
   *     rotating); if ρ < 1: {@code 10^-4 - max_t |(||θ_{t+1}||/||θ_t||)/ρ - 1|} (contraction at rate
   *     exactly ρ, up to the O(||θ||) nonlinearity).
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
      Stability.Interval[] sv = Stability.singularValuesOnCenteredPlane(rj, bits);
      Stability.Interval sMin = sv[0];
      Stability.Interval sMax = sv[1];
      Stability.Interval rho = Stability.Interval.exact(rho2).sqrt(bits);
      Aprational mHi = Stability.marginNormEnclosure(x.pref(), bits).hi();
      Aprational bl = mp.beta().multiply(mp.lambda());
      Aprational gap = side < 0 ? Rationals.ONE.subtract(sMax.hi()) : sMin.lo().subtract(Rationals.ONE);
      int j = 1;
      Aprational radius = r(1, 2);
      Aprational eta = Stability.linearizationDefect(bl, mHi, 3, radius, bits);
      Aprational target = gap.signum() > 0 ? gap.divide(r(2, 1)) : Rationals.ZERO;
      while (j < 64 && (gap.signum() <= 0 || eta.compareTo(target) > 0)) {
        j++;
        radius = radius.divide(r(2, 1));
        eta = Stability.linearizationDefect(bl, mHi, 3, radius, bits);
      }
      Stability.Interval etaI = Stability.Interval.exact(eta);
      Stability.Interval stab = side < 0
          ? Stability.Interval.exact(Rationals.ONE).subtract(sMax).subtract(etaI)
          : sMin.subtract(etaI).subtract(Stability.Interval.exact(Rationals.ONE));
      Stability.Interval rateLow = rho.subtract(sMin.subtract(etaI));
      Stability.Interval rateHigh = sMax.add(etaI).subtract(rho);
      Stability.Interval m = stab.min(rateLow).min(rateHigh);
      String dyn = side < 0
          ? "ρ < 1: on the centered ball of radius 2^-" + j + " every round multiplies ||θ|| by a factor in [σ_min - η, σ_max + η] ∋ ρ, below 1 (margin min(1 - σ_max - η, band around ρ))"
          : "ρ > 1: on the centered ball of radius 2^-" + j + " every round multiplies ||θ|| by a factor in [σ_min - η, σ_max + η] ∋ ρ, above 1: no orbit converges to uniform (margin min(σ_min - η - 1, band around ρ))";
      return Margin.enclosure(m.lo(), m.hi(), true, eig + "; " + dyn);
    }
  }

  /** Coordinates of a centered 3-vector in the Helmert basis. */
  static double[] plane(Apfloat[] theta) {
    double a = theta[0].doubleValue();
    double b = theta[1].doubleValue();
    double c = theta[2].doubleValue();
    return new double[] {(a - b) / Math.sqrt(2), (a + b - 2 * c) / Math.sqrt(6)};
  }

  static Apfloat[] perturbation(double size, Precision p) {
    Apfloat e = ApfloatMath.scale(p.real(1), -Math.round(-Math.log10(size)));
    return Linalg.center(new Apfloat[] {e, e.negate(), p.real(0)}, p);
  }

  /**
   * Persistent rotation of a K = 3 orbit started 10^-6 from uniform: over rounds
   * {@code (tEsc, total]} the smaller of {@code log(min ||θ_t|| / ||θ_0||)} (stays away) and
   * (winding turns around uniform) − 1 (keeps rotating). Shared by T6 and the MRS-DPO observation.
   */
  static Apfloat rotationMargin(MrsMap map, long tEsc, long total) {
    Precision pp = map.precision();
    Apfloat[] theta = perturbation(1e-6, pp);
    Apfloat n0 = Linalg.norm2(theta, pp);
    @Nullable Apfloat minRatio = null;
    double winding = 0;
    double[] prev = plane(theta);
    for (long t = 1; t <= total; t++) {
      theta = map.apply(theta);
      double[] cur = plane(theta);
      if (t > tEsc) {
        Apfloat ratio = Linalg.norm2(theta, pp).divide(n0);
        minRatio = minRatio == null || ratio.compareTo(minRatio) < 0 ? ratio : minRatio;
        double d = Math.atan2(cur[1], cur[0]) - Math.atan2(prev[1], prev[0]);
        while (d > Math.PI) {
          d -= 2 * Math.PI;
        }
        while (d <= -Math.PI) {
          d += 2 * Math.PI;
        }
        winding += d;
      }
      prev = cur;
    }
    if (minRatio == null) {
      return pp.real(-1);
    }
    if (minRatio.signum() == 0) {
      return pp.real(-1000); // the orbit reached uniform exactly
    }
    Apfloat away = ln(minRatio, pp);
    Apfloat turns = pp.real(Rationals.of(Math.round(Math.abs(winding) / (2 * Math.PI) * 1e6), 1_000_000))
        .subtract(pp.real(1));
    return min(away, turns);
  }

  // ---------------------------------------------------------------- T7

  /**
   * T7. Instance: the MRS-IPO parameters, two logit vectors u, v (params u0.., v0..) and a start
   * (init). Margin = the smaller of {@code L - ||Π(Φu - Φv)||/||Π(u - v)||} (no stretch beyond L)
   * and, when L < 1, {@code min_t 1 - ||Π(θ_t - θ*)|| / (L^t ||Π(θ_0 - θ*)||)} over 30 rounds
   * (the contraction bound along the orbit).
   */
  public static final class T7 implements Statement {
    private final Aprational factor;

    /** @param factor the factor in {@code L = α + factor·βλ||P - ½11ᵀ||_2} (theory.md: 1/2) */
    public T7(Aprational factor) {
      this.factor = factor;
    }

    @Override public String id() { return "T7"; }
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
          .filter(x -> !centeredEqual(x));
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
        return Margin.exact(Rationals.ZERO, false, "βλ(P - ½11ᵀ) = 0: the map is θ ↦ αθ + c, stretch = α = L exactly");
      }
      MrsMap map = new MrsMap(mp, p);
      int k = x.k();
      Apfloat[] u = new Apfloat[k];
      Apfloat[] v = new Apfloat[k];
      for (int i = 0; i < k; i++) {
        u[i] = p.real(x.param("u" + i));
        v[i] = p.real(x.param("v" + i));
      }
      Apfloat l = constant(mp, p);
      Apfloat stretch = FixedPoints.distance(map.apply(u), map.apply(v), p).divide(FixedPoints.distance(u, v, p));
      Apfloat margin = l.subtract(stretch);
      String detail = "L - ||Π(Φu - Φv)||/||Π(u - v)||";
      if (l.compareTo(p.real(1)) < 0 && l.compareTo(p.real(1).subtract(p.real(r(1, 1000)))) < 0) {
        Optional<Apfloat[]> fp = fixedPoint(map, map.logitsOf(initOf(x)), 200);
        if (fp.isEmpty()) {
          return Margin.approximate(p.real(-1), p.real(0), true, "L < 1 but the iteration did not converge");
        }
        Apfloat[] star = fp.get();
        Apfloat[] theta = map.logitsOf(initOf(x));
        Apfloat d0 = FixedPoints.distance(theta, star, p);
        if (d0.compareTo(residualError(p.real(1), p).multiply(p.real(1_000_000))) > 0) {
          Apfloat lt = p.real(1);
          for (int t = 1; t <= 30; t++) {
            theta = map.apply(theta);
            lt = lt.multiply(l);
            Apfloat bound = lt.multiply(d0);
            if (bound.compareTo(residualError(p.real(1), p).multiply(p.real(1_000_000))) < 0) {
              break;
            }
            Apfloat slack = p.real(1).subtract(FixedPoints.distance(theta, star, p).divide(bound));
            margin = min(margin, slack);
          }
          detail = "min(L - stretch of (u, v), min_t 1 - ||Π(θ_t - θ*)||/(L^t ||Π(θ_0 - θ*)||))";
        }
      }
      return Margin.approximate(margin, residualError(p.real(1), p), false, detail);
    }
  }

  // ---------------------------------------------------------------- T8

  /**
   * T8: α = 1, P strictly SST with top response s. Margin = the smallest of (A) every round's
   * increase of every log-odds {@code log(π_s/π_j)} (must be > 0), (B) {@code (-log10(1 - π_s) - 100)/100}
   * after the rounds needed (the policy within 1e-100 of the vertex), (C) the smallest relative
   * entropy decrease {@code (H_t - H_{t+1})/H_t} over the second half of the run.
   */
  public static final class T8 implements Statement {
    static final long CAP = 8000;

    @Override public String id() { return "T8"; }
    /** Each try runs a long α = 1 trajectory. */
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

    @Override
    public Margin check(Instance x, Precision p) {
      int s = top(x.pref());
      if (s < 0) {
        return Margin.exact(Rationals.of(-1), true, "P is not transitive: no top response");
      }
      MrsParameters mp = parameters(x);
      MrsMap map = new MrsMap(mp, p);
      int k = x.k();
      Apfloat[] theta = map.logitsOf(initOf(x));
      Apfloat target = ApfloatMath.scale(p.real(1), -100);
      Apfloat minInc = null;
      Apfloat minDrop = null;
      List<Apfloat> entropies = new ArrayList<>();
      entropies.add(LogitPolicy.entropy(theta, p));
      long t = 0;
      boolean reached = false;
      while (t < CAP) {
        Apfloat[] next = map.apply(theta);
        for (int j = 0; j < k; j++) {
          if (j != s) {
            Apfloat inc = LogitPolicy.logOdds(next, s, j, p).subtract(LogitPolicy.logOdds(theta, s, j, p));
            minInc = minInc == null || inc.compareTo(minInc) < 0 ? inc : minInc;
          }
        }
        theta = next;
        t++;
        entropies.add(LogitPolicy.entropy(theta, p));
        if (LogitPolicy.massOff(theta, s, p).compareTo(target) < 0) {
          reached = true;
          break;
        }
      }
      Apfloat off = LogitPolicy.massOff(theta, s, p);
      Apfloat b = off.signum() == 0 ? p.real(1)
          : ln(off, p).negate().divide(ln(p.real(10), p)).subtract(p.real(100)).divide(p.real(100));
      for (int i = entropies.size() / 2; i + 1 < entropies.size(); i++) {
        Apfloat hi = entropies.get(i);
        if (hi.signum() > 0) {
          Apfloat drop = hi.subtract(entropies.get(i + 1)).divide(hi);
          minDrop = minDrop == null || drop.compareTo(minDrop) < 0 ? drop : minDrop;
        }
      }
      Apfloat m = b;
      if (minInc != null) {
        m = min(m, minInc);
      }
      if (minDrop != null) {
        m = min(m, minDrop);
      }
      return Margin.approximate(m, residualError(p.real(1000), p), true,
          "min(smallest log-odds increase, (-log10(1-π_top) - 100)/100 after " + t + " rounds"
              + (reached ? "" : " (cap reached)") + ", smallest relative entropy drop in the second half)");
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
      @Nullable Apfloat margin = null;
      StringBuilder detail = new StringBuilder("min log-slack of π_i ≥ π_ref,i e^{-κ'} and of the 1 - π_top bound, at κ' =");
      for (long mult : new long[] {1, 16}) {
        MrsParameters mp = base.withBeta(base.beta().multiply(Rationals.of(mult)));
        MrsMap map = new MrsMap(mp, p);
        Optional<Apfloat[]> fp = fixedPoint(map, map.logitsOf(initOf(x)), 300);
        if (fp.isEmpty()) {
          return undecided("no fixed point found at β·" + mult);
        }
        Apfloat[] theta = fp.get();
        Apfloat[] pi = LogitPolicy.policy(theta, p);
        Apfloat[] ref = mp.ref().real(p);
        Apfloat kappa = p.real(mp.beta().divide(Rationals.ONE.subtract(mp.alpha())));
        detail.append(' ').append(Rationals.format(mp.beta().divide(Rationals.ONE.subtract(mp.alpha()))));
        for (int i = 0; i < pi.length; i++) {
          Apfloat a = ln(pi[i], p).subtract(ln(ref[i], p)).add(kappa);
          margin = margin == null ? a : min(margin, a);
        }
        Apfloat rsum = p.real(0);
        for (int j = 0; j < pi.length; j++) {
          if (j != s) {
            rsum = rsum.add(ref[j].divide(ref[s]));
          }
        }
        Apfloat lam = p.real(mp.lambda());
        Apfloat muLow = lam.divide(p.real(1).add(rsum)).add(p.real(1).subtract(lam).multiply(mp.pi0().real(p)[s]));
        Apfloat bound = p.real(0);
        for (int j = 0; j < pi.length; j++) {
          if (j != s) {
            Apfloat g = p.real(x.pref().entry(s, j)).subtract(p.real(Rationals.HALF));
            Apfloat expo = kappa.multiply(g).multiply(withMuLow ? muLow : p.real(1)).negate();
            bound = bound.add(ref[j].divide(ref[s]).multiply(Kernel.exp(expo, p)));
          }
        }
        Apfloat off = LogitPolicy.massOff(theta, s, p);
        Apfloat b = ln(bound, p).subtract(ln(off, p));
        margin = margin == null ? b : min(margin, b);
      }
      return Margin.approximate(Instance.need(margin, "margin"), residualError(p.real(100), p), false, detail.toString());
    }
  }

  // ---------------------------------------------------------------- C2

  /** Fixed-point top mass π∞_s at κ (from init), for C2. */
  static Optional<Apfloat> topMass(MrsParameters mp, Distribution init, int s, Precision p) {
    MrsMap map = new MrsMap(mp, p);
    return fixedPoint(map, map.logitsOf(init), 300).map(th -> LogitPolicy.policy(th, p)[s]);
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
      Optional<Apfloat> lo = topMass(mp, initOf(x), s, p);
      Optional<Apfloat> hi = topMass(mp.withBeta(mp.beta().multiply(x.param("factor"))), initOf(x), s, p);
      if (lo.isEmpty() || hi.isEmpty()) {
        return undecided("no fixed point found");
      }
      return Margin.approximate(hi.get().subtract(lo.get()), residualError(p.real(1), p), false,
          "π∞_top(factor·κ) - π∞_top(κ)");
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
      Stability.Interval l = Stability.contractionEnclosure(parameters(x), enclosureBits(p));
      Stability.Interval m = Stability.Interval.exact(Rationals.ONE).subtract(l);
      String what = "1 - L, L = α + (βλ/2)||P_a - ½11ᵀ||_2 (L vs 1 decided exactly: λmax(MᵀM) vs 4(1-α)²/(βλ)²)";
      return m.lo().equals(m.hi()) ? Margin.exact(m.lo(), true, what) : Margin.enclosure(m.lo(), m.hi(), true, what);
    }
  }
}
