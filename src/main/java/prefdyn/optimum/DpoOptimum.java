package prefdyn.optimum;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.apfloat.Aprational;
import prefdyn.num.Ball;
import prefdyn.num.Kernel;
import prefdyn.num.InvalidParameter;
import prefdyn.num.Linalg;
import prefdyn.num.Precision;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.qual.Centered;
import prefdyn.verified.Centering;

/**
 * The DPO optimum (docs/theory.md L2): {@code r = log(π/π_ref)} minimizing
 * {@code L_D(r) = -Σ_{y,y'} μ_y μ_y' P_{yy'} log σ(β(r_y - r_y'))}.
 *
 * <p><b>Method.</b> With {@code u = β r} the loss no longer depends on β, so we solve for u and
 * return {@code log π = Π(log π_ref + u/β)}. We solve the <em>scaled</em> first-order system
 * {@code F_y(u) = Σ_b μ_b (σ(u_y - u_b) - P_yb) = 0} (each equation divided by its own sampler
 * weight; for y outside the support it is the vanishing-exploration equation below), with the
 * heaviest response pinned to 0. Its Jacobian is diagonally dominant by
 * {@code μ_pin σ'(u_y - u_pin)} in every row, however small the other weights are, so samplers
 * near a point mass (MRS-DPO with λ = 1) are as well conditioned as uniform ones
 * (proofs-notes/MRS-DPO.md, "The robust round"). Newton with backtracking on ||F||², a
 * double-precision warm start (optionally seeded by the previous round), then precision doubling
 * (30, 60, ... digits, then the working precision). The Newton point is not trusted:
 * {@link #certify} proves in ball arithmetic (Poincaré–Miranda on an ∞-norm box, Varah's bound)
 * that the exact minimizer lies within {@code ||F(ũ)||_∞/γ} of it and returns enclosures of the
 * logits, or a {@link Failure} with the reason. {@link #solveLogits} is the uncertified fast path.
 *
 * <p><b>Existence.</b> A finite minimizer exists iff, on S, the directed graph {@code a → b} iff
 * {@code P_ab > 0} is strongly connected (Ford's condition for Bradley-Terry maximum likelihood):
 * otherwise some nonempty part U of S beats the rest of S with probability 1, and the loss keeps
 * decreasing as U's logits rise. Entries 0 or 1 alone do not prevent a finite optimum
 * (e.g. {@code P_01 = 1} with a 3-cycle of positive entries through 0, 1 and 2). We test the
 * condition exactly before iterating and throw {@link NoFiniteOptimum} naming an entry.
 *
 * <p><b>Responses outside supp μ.</b> The loss does not involve them. We return the limit of the
 * optimum under vanishing exploration, {@code μ_ε = (1-ε)μ + ε·uniform, ε → 0}: the first-order
 * condition at y, {@code Σ_{y'} μ_y' σ(u_y - u_y') = Σ_{y'} μ_y' P_{yy'}} (one strictly
 * increasing equation in u_y). The IPO closed form obeys the same rule (its off-support logits
 * satisfy IPO's first-order condition {@code r_y - E_μ r = β((Pμ)_y - 1/2)}), so both methods
 * extend the same way. When {@code Σ μ_y' P_yy'} is 0 or 1 the limit is infinite: {@link
 * NoFiniteOptimum}.
 */
public final class DpoOptimum {
  private DpoOptimum() {}

  /** The optimum: centered {@code log π}, the final {@code ||∇_r L_D||_2}, Newton iterations used. */
  public record Result(Apfloat @Centered [] logits, Apfloat gradientNorm, int iterations) {}

  /** The outcome of {@link #certify}: a {@link Certificate}, or a {@link Failure} with its reason. */
  public sealed interface Outcome permits Certificate, Failure {}

  /**
   * A certified enclosure of the DPO optimum (proofs-notes/L2.md): the exact optimum's centered
   * log-policy lies in {@code logits} (coordinatewise), and it is the unique minimizer.
   *
   * @param logits centered {@code log π*}, one ball per response, each containing the exact value
   * @param gradientNorm an enclosure of {@code ||∇_r L_D(r̃)||_2} at the Newton point r̃
   * @param curvature the dominance gap γ of the scaled first-order system (u = β r units): its lower
   *     end bounds {@code min_y μ_pin σ'(u_y - u_pin)} on the whole certified box; the exact
   *     optimum satisfies {@code ||ũ - u*||_∞ <= ||F(ũ)||_∞ / γ} (proofs-notes/MRS-DPO.md)
   * @param radius {@code ||Π_S(r̃ - r*)||_2} is at most its upper end (r = log(π/π_ref), centered
   *     on the support)
   * @param iterations Newton iterations used
   * @param point the Newton point ũ in u = β r (doubles, u_pin = 0): a warm start for the next
   *     MRS-DPO round, never part of the certificate
   */
  public record Certificate(Ball @Centered [] logits, Ball gradientNorm, @Nullable Ball curvature, Ball radius, int iterations,
      double[] point) implements Outcome {}

  /** No certificate: why (the solver did not converge, the curvature bound was not positive, ...). */
  public record Failure(String reason) implements Outcome {}

  /**
   * Centered logits of the DPO optimum, without a certificate (the fast path of MRS-DPO rounds):
   * Newton on the scaled first-order system ({@link Scaled}) to the working precision.
   *
   * @param p the preference matrix (entries at working precision or exact)
   * @param sampler μ (any point of the simplex; see the class comment for responses outside its support)
   * @param refLogits {@code log π_ref} up to a constant
   * @param beta the DPO β (> 0)
   * @throws NoFiniteOptimum when the loss has no finite minimizer
   */
  public static Result solveLogits(Apfloat[][] p, Apfloat[] sampler, Apfloat[] refLogits, Apfloat beta, Precision precision) {
    int k = p.length;
    checkShapes(k, sampler.length, refLogits.length, beta.signum() > 0, beta.toString(true));
    int[] s = support(sampler);
    requireFiniteOptimum(p, sampler, s);
    Scaled newton = new Scaled(p, sampler, s);
    Apfloat[] u = newton.solve(precision, DoubleStart.solve(p, sampler, s, newton.pinned, null));
    Apfloat[] f = newton.residual(u, precision);
    Apfloat[] grad = new Apfloat[k];
    for (int i = 0; i < k; i++) {
      grad[i] = f[i].multiply(precision.real(sampler[i]));
    }
    Apfloat gNorm = Linalg.norm2(grad, precision);
    Apfloat b = precision.real(beta);
    Apfloat[] logits = new Apfloat[k];
    for (int i = 0; i < k; i++) {
      logits[i] = precision.real(refLogits[i]).add(u[i].divide(b));
    }
    return new Result(Linalg.center(logits, precision), gNorm.multiply(b), newton.iterations);
  }

  private static void checkShapes(int k, int samplerLength, int refLength, boolean betaPositive, String beta) {
    if (samplerLength != k || refLength != k) {
      throw new InvalidParameter(samplerLength != k ? "sampler" : "reference", "sampler and reference need K = " + k + " entries");
    }
    if (!betaPositive) {
      throw new InvalidParameter("beta", "beta must be > 0 for DPO, got " + beta);
    }
  }

  /** {@link #certify(Ball[][], Ball[], Ball[], Ball, Precision)} for exact P, μ, π_ref and β. */
  public static Outcome certify(PreferenceMatrix p, Distribution mu, Distribution ref, Aprational beta, Precision q) {
    int prec = q.bits();
    return certify(balls(p, prec), balls(mu, prec), logBalls(ref, prec), Ball.of(beta, prec), q);
  }

  /** The entries of an exact preference matrix as balls. */
  public static Ball[][] balls(PreferenceMatrix p, int prec) {
    int k = p.k();
    Ball[][] pb = new Ball[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        pb[i][j] = Ball.of(p.exact(i, j), prec);
      }
    }
    return pb;
  }

  /** The entries of an exact distribution as balls. */
  public static Ball[] balls(Distribution d, int prec) {
    Ball[] out = new Ball[d.k()];
    for (int i = 0; i < d.k(); i++) {
      out[i] = Ball.of(d.exact(i), prec);
    }
    return out;
  }

  /** {@code log π_i} of an exact interior distribution, in balls. */
  public static Ball[] logBalls(Distribution d, int prec) {
    Ball[] out = new Ball[d.k()];
    for (int i = 0; i < d.k(); i++) {
      out[i] = Ball.of(d.exact(i), prec).log(prec);
    }
    return out;
  }

  /**
   * The DPO optimum with a certificate (proofs-notes/L2.md). The fast damped Newton gives the
   * point ũ (in u = β r); then, in ball arithmetic: the gradient G ≥ ||∇_u L(ũ)||, a lower bound κ
   * of the Hessian's smallest eigenvalue on the support's centered vectors valid on the box ũ ± ρ
   * (from {@code σ' >= σ'(max |u_a - u_b|)} over the box, times the complete graph's algebraic
   * connectivity |S|), and the check {@code 2G < κρ}: then the minimizer u* lies in the ball and
   * {@code ||Π_S(ũ - u*)|| <= G/κ}. Responses outside the support follow from their monotone,
   * shift-equivariant first-order equations, enclosed by a sign change. P, μ, π_ref and β may be
   * balls themselves: the certificate then holds for every point of them.
   *
   * @return a {@link Certificate}, or a {@link Failure} with its reason (never an exception for a
   *     solver that does not converge)
   * @throws NoFiniteOptimum when the loss provably has no finite minimizer (a 0/1 pattern of P)
   */
  public static Outcome certify(Ball[][] p, Ball[] mu, Ball[] refLogits, Ball beta, Precision q) {
    return certify(p, mu, refLogits, beta, q, null);
  }

  /**
   * {@link #certify(Ball[][], Ball[], Ball[], Ball, Precision)} with a warm start: {@code warm} (u
   * coordinates, any constant shift; e.g. the previous MRS-DPO round's {@link Certificate#point})
   * seeds the double-precision Newton. The warm start only chooses where to look: the certificate
   * does not depend on it.
   */
  public static Outcome certify(Ball[][] p, Ball[] mu, Ball[] refLogits, Ball beta, Precision q, double @Nullable [] warm) {
    int k = p.length;
    checkShapes(k, mu.length, refLogits.length, beta.isPositive(), beta.toString());
    int prec = q.bits();
    long digits = q.working();
    Apfloat[][] pa = new Apfloat[k][k];
    Apfloat[] ma = new Apfloat[k];
    for (int i = 0; i < k; i++) {
      ma[i] = isExactZero(mu[i]) ? new Apfloat(0) : mu[i].mid(digits);
      for (int j = 0; j < k; j++) {
        pa[i][j] = isExactZero(p[i][j]) ? new Apfloat(0) : p[i][j].mid(digits);
      }
    }
    int[] s = support(ma);
    for (int a : s) {
      if (!mu[a].isPositive()) {
        return new Failure("the enclosure of sampler entry " + a + " reaches 0");
      }
    }
    requireFiniteOptimum(pa, ma, s);
    Scaled newton = new Scaled(pa, ma, s);
    int pin = newton.pinned;
    Apfloat[] full;
    try {
      full = newton.solve(q, DoubleStart.solve(pa, ma, s, pin, warm));
    } catch (InvalidParameter e) {
      throw e;
    } catch (RuntimeException e) {
      return new Failure("Newton on the scaled first-order system: " + e.getMessage());
    }
    // ũ: the Newton point as exact balls (u_pin = 0 exactly); the argument holds for any such point
    Ball[] ut = new Ball[k];
    double[] point = new double[k];
    for (int i = 0; i < k; i++) {
      ut[i] = i == pin ? Ball.ZERO : Ball.of(full[i], prec).midpoint();
      point[i] = full[i].doubleValue();
    }
    // G >= ||F(ũ)||_∞ over the sampler and P boxes
    Ball[] f = scaledResidual(p, mu, s, ut, pin, prec);
    Ball g = Ball.ZERO;
    for (Ball v : f) {
      g = Ball.max(g, v.abs());
    }
    if (!g.isFinite()) {
      return new Failure("the scaled residual at the Newton point could not be bounded");
    }
    Ball gUp = upperPoint(g);
    Ball gamma0 = dominanceGap(mu, ut, pin, prec);
    if (!gamma0.isPositive()) {
      return new Failure("no positive dominance gap at the Newton point");
    }
    Ball gamma = null;
    Ball rho = upperPoint(Ball.max(gUp.mul(2).div(gamma0, prec), Ball.ONE.mulPow2(-prec)));
    for (int attempt = 0; attempt < 6 && gamma == null; attempt++) {
      Ball gr = dominanceGap(mu, inflateExceptPin(ut, rho, pin), pin, prec);
      if (!gr.isPositive()) {
        break;
      }
      if (gr.mul(rho, prec).sub(gUp, prec).isPositive()) {
        gamma = gr;
      } else {
        rho = upperPoint(Ball.max(gUp.mul(2).div(gr, prec), rho.mul(2)));
      }
    }
    if (gamma == null) {
      return new Failure("the Newton point is not certified: ||F||_inf <= " + gUp.upperDecimal(3)
          + " is not below the dominance gap times the radius (not converged, or the sampler box is too wide)");
    }
    // ||ũ - u*||_∞ <= G/γ (Varah's bound for the mean-value Jacobian, diagonally dominant by γ)
    Ball delta = upperPoint(gUp.div(gamma, prec));
    Ball[] box = new Ball[k];
    for (int i = 0; i < k; i++) {
      box[i] = i == pin ? Ball.ZERO : ut[i].inflate(delta);
    }
    Ball[] logits = new Ball[k];
    for (int i = 0; i < k; i++) {
      logits[i] = refLogits[i].add(box[i].div(beta, prec), prec);
    }
    logits = Centering.center(logits, prec);
    Ball radiusR = delta.mul(Ball.exact(s.length).sqrt(prec), prec).div(beta, prec);
    if (!radiusR.isFinite()) {
      return new Failure("the radius in r could not be bounded");
    }
    Ball gNorm = norm2(gradientU(p, mu, s, ut, prec), prec).mul(beta, prec);
    return new Certificate(logits, gNorm, gamma, radiusR, newton.iterations, point);
  }

  private static boolean isExactZero(Ball b) {
    return b.isExact() && b.containsZero();
  }

  /**
   * {@code σ(x) - P} in balls, as {@code (1 - P) - σ(-x)} when x > 0: the same number, but when
   * σ(x) is close to 1 and P is too (0/1 entries near a point-mass sampler) the small terms are
   * subtracted instead of two numbers near 1 (relative accuracy instead of absolute).
   */
  public static Ball excess(Ball x, Ball p, int prec) {
    if (x.isPositive()) {
      return Ball.ONE.sub(p, prec).sub(x.neg().sigmoid(prec), prec);
    }
    return x.sigmoid(prec).sub(p, prec);
  }

  /** {@code σ(x) - P} at working precision (see {@link #excess(Ball, Ball, int)}). */
  static Apfloat excess(Apfloat x, Apfloat p, Precision q) {
    if (x.signum() > 0) {
      return q.real(1).subtract(q.real(p)).subtract(Kernel.sigmoid(x.negate(), q));
    }
    return Kernel.sigmoid(x, q).subtract(q.real(p));
  }

  /**
   * The scaled first-order system {@code F_y(u) = Σ_{b∈S} μ_b (σ(u_y - u_b) - P_yb)} for y ≠ pin
   * (0 at the pinned response), in balls over boxes (proofs-notes/MRS-DPO.md, "robust round"). On
   * the support {@code F_y = (∂L/∂u_y)/μ_y}; off it {@code F_y = 0} is L2's vanishing-exploration
   * equation; and {@code Σ_y μ_y F_y = 0} identically, so the pinned equation is implied.
   */
  public static Ball[] scaledResidual(Ball[][] p, Ball[] mu, int[] s, Ball[] u, int pin, int prec) {
    Ball[] f = new Ball[p.length];
    for (int y = 0; y < p.length; y++) {
      Ball acc = Ball.ZERO;
      if (y != pin) {
        for (int b : s) {
          if (b != y) {
            acc = acc.add(mu[b].mul(excess(u[y].sub(u[b], prec), p[y][b], prec), prec), prec);
          }
        }
      }
      f[y] = acc;
    }
    return f;
  }

  /**
   * {@code min_{y≠pin} μ_pin σ'(u_y - u_pin)} over the box u, enclosed: row y of the scaled
   * system's Jacobian (u_pin fixed) has diagonal {@code Σ_{b≠y} μ_b σ'(u_y - u_b)} and
   * off-diagonal entries {@code -μ_c σ'(u_y - u_c)} (c ≠ pin), so it is diagonally dominant by
   * exactly {@code μ_pin σ'(u_y - u_pin)}, however small the other sampler weights are.
   */
  public static Ball dominanceGap(Ball[] mu, Ball[] u, int pin, int prec) {
    Ball min = null;
    for (int y = 0; y < u.length; y++) {
      if (y != pin) {
        Ball w = mu[pin].mul(sigmoidPrime(u[y].sub(u[pin], prec), prec), prec);
        min = min == null ? w : Ball.min(min, w);
      }
    }
    return min == null ? Ball.ONE : min;
  }

  private static Ball[] inflateExceptPin(Ball[] u, Ball r, int pin) {
    Ball[] out = new Ball[u.length];
    for (int i = 0; i < u.length; i++) {
      out[i] = i == pin ? u[i] : u[i].inflate(r);
    }
    return out;
  }

  /**
   * An exact dyadic point {@code >= |x|} for every x in the ball b, at most a relative 2^-40 above
   * {@code max |b|} (from the double mantissa of |mid| + radius, scaled by powers of 2 into the
   * double range); the non-finite ball when b is not finite.
   */
  static Ball upperPoint(Ball b) {
    if (!b.isFinite()) {
      return Ball.whole();
    }
    if (b.isExact() && b.containsZero()) {
      return Ball.ZERO;
    }
    long shift = 0;
    Ball c = b;
    while (Math.abs(c.midDouble()) + c.radUpper() < 0x1p-900) {
      c = c.mulPow2(1000);
      shift -= 1000;
    }
    while (Math.abs(c.midDouble()) + c.radUpper() > 0x1p900) {
      c = c.mulPow2(-1000);
      shift += 1000;
    }
    // |mid| + rad rounded up generously: each double operation is within 2^-53 relative
    double d = (Math.abs(c.midDouble()) + c.radUpper()) * (1 + 0x1p-40);
    int exp = Math.getExponent(d);
    long mantissa = (long) Math.ceil(Math.scalb(d, 52 - exp));
    return Ball.exact(mantissa).mulPow2(exp - 52 + shift);
  }

  private static Ball[] inflate(Ball[] u, Ball r) {
    Ball[] out = new Ball[u.length];
    for (int i = 0; i < u.length; i++) {
      out[i] = u[i].inflate(r);
    }
    return out;
  }

  /** {@code sqrt(Σ x_i²)} in balls (also when the sum's enclosure reaches 0). */
  public static Ball norm2(Ball[] x, int prec) {
    Ball s = Ball.ZERO;
    for (Ball v : x) {
      s = s.add(v.abs().sqr(prec), prec);
    }
    if (s.isPositive() || !s.isFinite()) {
      return s.sqrt(prec);
    }
    return Ball.hull(Ball.ZERO, upperPoint(s).sqrt(prec));
  }

  /** {@code x - mean(x)} in balls: {@link Centering#center(Ball[], int)} (the one definition). */
  public static Ball @Centered [] center(Ball[] x, int prec) {
    return Centering.center(x, prec);
  }

  /**
   * {@code σ'(x) = σ(x)σ(-x)} at every point of the ball x, enclosed (the product of the two
   * sigmoid enclosures; for the tiny boxes of a certificate the overestimate is of the order of
   * the radius).
   */
  public static Ball sigmoidPrime(Ball x, int prec) {
    return x.sigmoid(prec).mul(x.neg().sigmoid(prec), prec);
  }

  /** {@code ∂L/∂u_a = μ_a Σ_{b∈S} μ_b (σ(u_a - u_b) - P_ab)} on S, 0 elsewhere, in balls (over boxes: their range). */
  static Ball[] gradientU(Ball[][] p, Ball[] mu, int[] s, Ball[] u, int prec) {
    Ball[] g = new Ball[p.length];
    Arrays.fill(g, Ball.ZERO);
    for (int a : s) {
      Ball acc = Ball.ZERO;
      for (int b : s) {
        if (b != a) {
          acc = acc.add(mu[b].mul(u[a].sub(u[b], prec).sigmoid(prec).sub(p[a][b], prec), prec), prec);
        }
      }
      g[a] = mu[a].mul(acc, prec);
    }
    return g;
  }

  /**
   * {@code |S| · min_{a<b∈S} μ_a μ_b σ'(u_a - u_b)}, enclosed over the box u: a lower bound of the
   * Hessian's smallest eigenvalue on the support's centered vectors at every point of the box
   * (the Hessian is the weighted Laplacian with weights {@code μ_a μ_b σ'(u_a - u_b)}; it dominates
   * the minimal weight times the complete graph's Laplacian, whose eigenvalue there is |S|).
   */
  static Ball curvatureU(Ball[] mu, int[] s, Ball[] u, int prec) {
    Ball min = null;
    for (int x = 0; x < s.length; x++) {
      for (int y = x + 1; y < s.length; y++) {
        int a = s[x];
        int b = s[y];
        Ball w = mu[a].mul(mu[b], prec).mul(sigmoidPrime(u[a].sub(u[b], prec), prec), prec);
        min = min == null ? w : Ball.min(min, w);
      }
    }
    return min == null ? Ball.ZERO : min.mul(s.length);
  }

  /**
   * The gradient {@code ∂L_D/∂r_a = β μ_a Σ_b μ_b (σ(β(r_a - r_b)) - P_ab)} (a in the support, 0
   * elsewhere) at every point of the box r, enclosed.
   */
  public static Ball[] gradient(Ball[][] p, Ball[] mu, Ball[] r, Ball beta, int prec) {
    return scale(gradientU(p, mu, supportOf(mu), scale(r, beta, prec), prec), beta, prec);
  }

  /**
   * {@code β² |S| min_{a<b∈S} μ_a μ_b σ'(β(r_a - r_b))} over the box r, enclosed: a lower bound of
   * the smallest eigenvalue of {@code ∇²_r L_D} on the support's centered vectors, at every point.
   */
  public static Ball curvature(Ball[] mu, Ball[] r, Ball beta, int prec) {
    return curvatureU(mu, supportOf(mu), scale(r, beta, prec), prec).mul(beta.sqr(prec), prec);
  }

  /** Indices whose sampler ball is not exactly zero. */
  public static int[] supportOf(Ball[] mu) {
    List<Integer> s = new ArrayList<>();
    for (int i = 0; i < mu.length; i++) {
      if (!isExactZero(mu[i])) {
        s.add(i);
      }
    }
    return s.stream().mapToInt(Integer::intValue).toArray();
  }

  private static Ball[] scale(Ball[] x, Ball c, int prec) {
    Ball[] out = new Ball[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i].mul(c, prec);
    }
    return out;
  }

  /** Indices with positive sampler mass. */
  static int[] support(Apfloat[] sampler) {
    List<Integer> s = new ArrayList<>();
    for (int i = 0; i < sampler.length; i++) {
      if (sampler[i].signum() < 0) {
        throw new InvalidParameter("sampler", "sampler entry " + i + " is negative");
      }
      if (sampler[i].signum() > 0) {
        s.add(i);
      }
    }
    if (s.isEmpty()) {
      throw new InvalidParameter("sampler", "the sampler has no positive entry");
    }
    return s.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Whether the DPO loss attains its minimum (docs/theory.md L2(b), (d)): decided exactly, a
   * graph question on the zero pattern of P and μ. Not attained: {@code winners} is a nonempty
   * part U of the support that beats the rest of the support ({@code losers}) with probability 1
   * (Ford's condition fails), or, for a response y outside the support, {@code winners = [y]}
   * when it beats every sampled response surely ({@code losers} = the support) or
   * {@code losers = [y]} when it loses surely (its vanishing-exploration logit is ±infinity).
   *
   * @param attained whether a finite optimum exists
   * @param reason empty when attained; else the sentence naming a 0/1 entry responsible
   */
  public record Existence(boolean attained, List<Integer> winners, List<Integer> losers, String reason) {
    static final Existence FINITE = new Existence(true, List.of(), List.of(), "");
  }

  /** {@link #existence(Apfloat[][], Apfloat[], int[])} for an exact P and a sampler of full support. */
  public static Existence existence(PreferenceMatrix p) {
    int k = p.k();
    Apfloat[][] pa = new Apfloat[k][k];
    Apfloat[] mu = new Apfloat[k];
    int[] s = new int[k];
    for (int i = 0; i < k; i++) {
      mu[i] = new Apfloat(1);
      s[i] = i;
      for (int j = 0; j < k; j++) {
        pa[i][j] = p.exact(i, j);
      }
    }
    return existence(pa, mu, s);
  }

  /** Ford's condition on the support {@code s} and the off-support conditions, exactly. */
  public static Existence existence(Apfloat[][] p, Apfloat[] sampler, int[] s) {
    int m = s.length;
    for (int t = 0; t < m; t++) {
      boolean[] reach = new boolean[m];
      reach[t] = true;
      int[] stack = new int[m];
      int top = 0;
      stack[top++] = t;
      while (top > 0) {
        int a = stack[--top];
        for (int b = 0; b < m; b++) {
          if (!reach[b] && b != a && p[s[a]][s[b]].signum() > 0) {
            reach[b] = true;
            stack[top++] = b;
          }
        }
      }
      List<Integer> upper = new ArrayList<>();
      for (int b = 0; b < m; b++) {
        if (!reach[b]) {
          upper.add(s[b]);
        }
      }
      if (!upper.isEmpty()) {
        List<Integer> lower = new ArrayList<>();
        for (int b = 0; b < m; b++) {
          if (reach[b]) {
            lower.add(s[b]);
          }
        }
        return new Existence(false, upper, lower, "no finite DPO optimum: within the sampler's support, responses " + upper
            + " beat responses " + lower + " with probability 1 (e.g. P[" + upper.get(0) + "][" + lower.get(0)
            + "] = 1), so the loss keeps decreasing as their logit gap grows");
      }
    }
    boolean[] in = new boolean[p.length];
    List<Integer> supp = new ArrayList<>();
    for (int a : s) {
      in[a] = true;
      supp.add(a);
    }
    for (int y = 0; y < p.length; y++) {
      if (in[y]) {
        continue;
      }
      boolean allZero = true;
      boolean allOne = true;
      for (int a : s) {
        allZero &= p[y][a].signum() == 0;
        allOne &= p[a][y].signum() == 0;
      }
      if (allZero || allOne) {
        return new Existence(false, allOne ? List.of(y) : supp, allOne ? supp : List.of(y),
            "no finite DPO optimum for response " + y + " outside the sampler's support: P["
            + y + "][" + s[0] + "] = " + (allOne ? "1" : "0") + " and likewise against every sampled response, so its"
            + " vanishing-exploration logit is " + (allOne ? "+" : "-") + "infinity");
      }
    }
    return Existence.FINITE;
  }

  /**
   * Checks {@link #existence} and throws when the optimum is not attained.
   *
   * @throws NoFiniteOptimum naming a 0/1 entry responsible
   */
  public static void requireFiniteOptimum(Apfloat[][] p, Apfloat[] sampler, int[] s) {
    Existence e = existence(p, sampler, s);
    if (!e.attained()) {
      throw new NoFiniteOptimum(e.reason());
    }
  }

  /**
   * Newton on the scaled first-order system {@link #scaledResidual} (all responses but the pinned
   * one, {@code pin = argmax μ}; u_pin = 0), with backtracking on {@code ||F||_2²} and precision
   * doubling level by level (30, 60, ... digits, then the working precision). The Jacobian is
   * diagonally dominant by {@code μ_pin σ'(u_y - u_pin) >= σ'(u_y - u_pin)/K} in every row for
   * every u, so the Newton matrix is never singular and its conditioning does not depend on how
   * small the other sampler weights are (a near point-mass sampler is as easy as a uniform one).
   */
  static final class Scaled {
    private final Apfloat[][] p;
    private final Apfloat[] mu;
    private final int[] s;
    final int pinned;
    int iterations;

    Scaled(Apfloat[][] p, Apfloat[] mu, int[] s) {
      this.p = p;
      this.mu = mu;
      this.s = s;
      int best = s[0];
      for (int a : s) {
        if (mu[a].compareTo(mu[best]) > 0) {
          best = a;
        }
      }
      this.pinned = best;
    }

    Apfloat[] solve(Precision target, double @Nullable [] warm) {
      int k = p.length;
      Apfloat[] u = new Apfloat[k];
      for (int i = 0; i < k; i++) {
        u[i] = warm == null || i == pinned ? new Apfloat(0) : new Apfloat(warm[i]);
      }
      List<Precision> levels = new ArrayList<>();
      for (int d = warm == null ? 20 : 30; d < target.digits(); d *= 2) {
        levels.add(Precision.ofDigits(d));
      }
      levels.add(target);
      for (int li = 0; li < levels.size(); li++) {
        Precision q = levels.get(li);
        boolean last = li == levels.size() - 1;
        for (int i = 0; i < k; i++) {
          u[i] = q.real(u[i]);
        }
        Apfloat[] f = residual(u, q);
        Apfloat phi = Linalg.dot(f, f, q);
        Apfloat prevStep = null;
        int levelIterations = 0;
        while (true) {
          Apfloat[] d = step(u, f, q);
          Apfloat dmax = maxAbs(d);
          Apfloat scale = q.real(1).add(maxAbs(u));
          Apfloat tol = last
              ? ApfloatMath.scale(q.real(1), -(q.digits() + q.guard() / 2)).multiply(scale)
              : ApfloatMath.scale(q.real(1), -(q.digits() / 2 - 3)).multiply(scale);
          // backtracking on ||F||²: Newton directions descend it (d = -J⁻¹F gives slope -2||F||²)
          Apfloat t = q.real(1);
          Apfloat[] next = axpy(u, t, d, q);
          Apfloat[] fn = residual(next, q);
          Apfloat phin = Linalg.dot(fn, fn, q);
          int halvings = 0;
          while (phin.compareTo(phi.multiply(q.real(1).subtract(t.divide(q.real(2))))) > 0 && halvings < 60
              && phi.signum() > 0 && dmax.compareTo(tol) > 0) {
            t = t.divide(q.real(2));
            next = axpy(u, t, d, q);
            fn = residual(next, q);
            phin = Linalg.dot(fn, fn, q);
            halvings++;
          }
          u = next;
          f = fn;
          phi = phin;
          iterations++;
          levelIterations++;
          if (dmax.compareTo(tol) <= 0) {
            break;
          }
          boolean tiny = dmax.compareTo(ApfloatMath.scale(q.real(1), -(q.digits() / 2)).multiply(scale)) < 0;
          if (last && tiny && prevStep != null && dmax.multiply(q.real(2)).compareTo(prevStep) > 0) {
            break; // at the rounding floor of this precision: steps no longer shrink
          }
          prevStep = dmax;
          if (levelIterations > 200) {
            throw new IllegalStateException("DPO Newton did not converge in 200 iterations at " + q.digits() + " digits");
          }
        }
      }
      return u;
    }

    /** {@code F_y(u) = Σ_{b∈S, b≠y} μ_b (σ(u_y - u_b) - P_yb)}, y ≠ pin; 0 at pin. */
    Apfloat[] residual(Apfloat[] u, Precision q) {
      int k = p.length;
      Apfloat[] f = new Apfloat[k];
      for (int y = 0; y < k; y++) {
        Apfloat acc = q.real(0);
        if (y != pinned) {
          for (int b : s) {
            if (b != y) {
              acc = acc.add(q.real(mu[b]).multiply(excess(u[y].subtract(u[b]), p[y][b], q)));
            }
          }
        }
        f[y] = acc;
      }
      return f;
    }

    /** The Newton direction {@code -J⁻¹F} on the unknowns y ≠ pin (0 at pin). */
    private Apfloat[] step(Apfloat[] u, Apfloat[] f, Precision q) {
      int k = p.length;
      int[] idx = new int[k - 1];
      int n = 0;
      for (int y = 0; y < k; y++) {
        if (y != pinned) {
          idx[n++] = y;
        }
      }
      Apfloat[][] j = new Apfloat[n][n];
      Apfloat[] rhs = new Apfloat[n];
      for (int r = 0; r < n; r++) {
        int y = idx[r];
        Apfloat diag = q.real(0);
        for (int c = 0; c < n; c++) {
          j[r][c] = q.real(0);
        }
        for (int b : s) {
          if (b == y) {
            continue;
          }
          Apfloat x = u[y].subtract(u[b]);
          // σ'(x) = σ(x)σ(-x): no cancellation when σ(x) rounds to 1 (far from a point mass the gaps stay bounded, near one they need not)
          Apfloat w = q.real(mu[b]).multiply(Kernel.sigmoid(x, q)).multiply(Kernel.sigmoid(x.negate(), q));
          diag = diag.add(w);
          if (b != pinned) {
            int c = b < pinned ? b : b - 1;
            j[r][c] = j[r][c].subtract(w);
          }
        }
        j[r][r] = j[r][r].add(diag);
        rhs[r] = f[y].negate();
      }
      Apfloat[] x = n == 0 ? new Apfloat[0] : Linalg.solve(j, rhs, q);
      Apfloat[] d = new Apfloat[k];
      for (int y = 0; y < k; y++) {
        d[y] = q.real(0);
      }
      for (int r = 0; r < n; r++) {
        d[idx[r]] = x[r];
      }
      return d;
    }

    private static Apfloat[] axpy(Apfloat[] u, Apfloat t, Apfloat[] d, Precision q) {
      Apfloat[] out = new Apfloat[u.length];
      for (int i = 0; i < u.length; i++) {
        out[i] = q.real(u[i].add(t.multiply(d[i])));
      }
      return out;
    }

    private static Apfloat maxAbs(Apfloat[] x) {
      Apfloat m = new Apfloat(0);
      for (Apfloat v : x) {
        Apfloat a = ApfloatMath.abs(v);
        if (a.compareTo(m) > 0) {
          m = a;
        }
      }
      return m;
    }
  }

  /**
   * A double-precision warm start: the same Newton on the scaled system in doubles (from
   * {@code init} when given, e.g. the previous round's point), about 15 correct digits cheaply,
   * so the arbitrary-precision Newton needs only a step or two per precision level. Sampler
   * weights that underflow to 0 in doubles simply drop out of the sums (the scaled system is
   * continuous as a weight tends to 0). Never the answer: null when doubles overflow or stall.
   */
  static final class DoubleStart {
    private DoubleStart() {}

    static double @Nullable [] solve(Apfloat[][] pa, Apfloat[] mua, int[] s, int pin, double @Nullable [] init) {
      int k = pa.length;
      double[][] p = new double[k][k];
      double[] mu = new double[k];
      for (int i = 0; i < k; i++) {
        mu[i] = mua[i].doubleValue();
        for (int j = 0; j < k; j++) {
          p[i][j] = pa[i][j].doubleValue();
        }
      }
      double[] u = new double[k];
      if (init != null && init.length == k) {
        for (int i = 0; i < k; i++) {
          u[i] = init[i] - init[pin];
        }
        for (double v : u) {
          if (!Double.isFinite(v)) {
            Arrays.fill(u, 0);
            break;
          }
        }
      }
      int n = k - 1;
      double[] f = residual(p, mu, s, u, pin);
      double phi = dot(f, f);
      for (int it = 0; it < 200 && n > 0; it++) {
        double[][] j = new double[n][n];
        double[] rhs = new double[n];
        for (int y = 0, r = 0; y < k; y++) {
          if (y == pin) {
            continue;
          }
          double diag = 0;
          for (int b : s) {
            if (b == y) {
              continue;
            }
            double w = mu[b] * sigmoid(u[y] - u[b]) * sigmoid(u[b] - u[y]);
            diag += w;
            if (b != pin) {
              j[r][b < pin ? b : b - 1] -= w;
            }
          }
          j[r][r] += diag;
          rhs[r] = -f[y];
          r++;
        }
        double[] dr = gauss(j, rhs);
        if (dr == null) {
          return null;
        }
        double[] d = new double[k];
        double dmax = 0;
        for (int y = 0, r = 0; y < k; y++) {
          if (y != pin) {
            d[y] = dr[r++];
            dmax = Math.max(dmax, Math.abs(d[y]));
          }
        }
        if (!Double.isFinite(dmax)) {
          return null;
        }
        double t = 1;
        double[] next = axpy(u, t, d);
        double[] fn = residual(p, mu, s, next, pin);
        double phin = dot(fn, fn);
        while (phin > phi * (1 - t / 2) && t > 1e-12 && phi > 0) {
          t /= 2;
          next = axpy(u, t, d);
          fn = residual(p, mu, s, next, pin);
          phin = dot(fn, fn);
        }
        u = next;
        f = fn;
        phi = phin;
        double scale = 1;
        for (double v : u) {
          scale = Math.max(scale, Math.abs(v));
        }
        if (dmax < 1e-14 * scale) {
          break;
        }
      }
      for (double v : u) {
        if (!Double.isFinite(v)) {
          return null;
        }
      }
      return u;
    }

    private static double[] residual(double[][] p, double[] mu, int[] s, double[] u, int pin) {
      double[] f = new double[u.length];
      for (int y = 0; y < u.length; y++) {
        if (y == pin) {
          continue;
        }
        for (int b : s) {
          if (b != y) {
            f[y] += mu[b] * (u[y] > u[b] ? (1 - p[y][b]) - sigmoid(u[b] - u[y]) : sigmoid(u[y] - u[b]) - p[y][b]);
          }
        }
      }
      return f;
    }

    private static double[] axpy(double[] u, double t, double[] d) {
      double[] out = new double[u.length];
      for (int i = 0; i < u.length; i++) {
        out[i] = u[i] + t * d[i];
      }
      return out;
    }

    private static double dot(double[] a, double[] b) {
      double s = 0;
      for (int i = 0; i < a.length; i++) {
        s += a[i] * b[i];
      }
      return s;
    }

    private static double sigmoid(double x) {
      return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    private static double @Nullable [] gauss(double[][] a, double[] b) {
      int n = b.length;
      double[][] m = new double[n][];
      for (int i = 0; i < n; i++) {
        m[i] = Arrays.copyOf(a[i], n + 1);
        m[i][n] = b[i];
      }
      for (int c = 0; c < n; c++) {
        int piv = c;
        for (int r = c + 1; r < n; r++) {
          if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) {
            piv = r;
          }
        }
        if (m[piv][c] == 0) {
          return null;
        }
        double[] tmp = m[c];
        m[c] = m[piv];
        m[piv] = tmp;
        for (int r = c + 1; r < n; r++) {
          double f = m[r][c] / m[c][c];
          for (int j = c; j <= n; j++) {
            m[r][j] -= f * m[c][j];
          }
        }
      }
      double[] x = new double[n];
      for (int i = n - 1; i >= 0; i--) {
        double v = m[i][n];
        for (int j = i + 1; j < n; j++) {
          v -= m[i][j] * x[j];
        }
        x[i] = v / m[i][i];
      }
      return x;
    }
  }
}
