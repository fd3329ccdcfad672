package prefdyn.optimum;

import java.util.ArrayList;
import java.util.List;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.apfloat.Aprational;
import prefdyn.cli.BadInput;
import prefdyn.num.Ball;
import prefdyn.num.Kernel;
import prefdyn.num.Linalg;
import prefdyn.num.Precision;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;

/**
 * The DPO optimum (docs/theory.md L2): {@code r = log(π/π_ref)} minimizing
 * {@code L_D(r) = -Σ_{y,y'} μ_y μ_y' P_{yy'} log σ(β(r_y - r_y'))}.
 *
 * <p><b>Method.</b> With {@code u = β r} the loss no longer depends on β, so we solve for u and
 * return {@code log π = Π(log π_ref + u/β)}. On the sampler's support S the loss is convex in u
 * with Hessian the weighted graph Laplacian {@code w_ab = μ_a μ_b σ'(u_a - u_b)} of the complete
 * graph on S: strictly convex on u modulo constants. Damped Newton (backtracking on the loss while
 * the Newton decrement is large, full steps once it is small), one coordinate of S pinned to 0.
 * Precision doubles level by level (20, 40, 80, ... digits, then the working precision): each
 * level needs about one quadratically convergent step, so 1,000 digits cost a handful of
 * iterations at full precision. The Newton point is not trusted: {@link #certify} proves, in
 * ball arithmetic, that the exact minimizer lies within {@code G/κ} of it (strong convexity on a
 * ball whose radius it checks; proofs-notes/L2.md) and returns enclosures of the logits, or a
 * {@link Failure} with the reason. {@link #solveLogits} is the uncertified fast path (MRS-DPO
 * rounds).
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
  public record Result(Apfloat[] logits, Apfloat gradientNorm, int iterations) {}

  /** The outcome of {@link #certify}: a {@link Certificate}, or a {@link Failure} with its reason. */
  public sealed interface Outcome permits Certificate, Failure {}

  /**
   * A certified enclosure of the DPO optimum (proofs-notes/L2.md): the exact optimum's centered
   * log-policy lies in {@code logits} (coordinatewise), and it is the unique minimizer.
   *
   * @param logits centered {@code log π*}, one ball per response, each containing the exact value
   * @param gradientNorm an enclosure of {@code ||∇_r L_D(r̃)||_2} at the Newton point r̃
   * @param curvature its lower end is a lower bound of the smallest eigenvalue of {@code ∇²_r L_D} on
   *     the centered vectors of the support, valid on the whole ball {@code ||Π_S(r - r̃)|| <= radius};
   *     null when the support has one response (nothing to be curved)
   * @param radius {@code ||Π_S(r̃ - r*)||_2} is at most its upper end (r = log(π/π_ref), centered
   *     on the support)
   * @param iterations Newton iterations used
   */
  public record Certificate(Ball[] logits, Ball gradientNorm, @Nullable Ball curvature, Ball radius, int iterations)
      implements Outcome {}

  /** No certificate: why (the solver did not converge, the curvature bound was not positive, ...). */
  public record Failure(String reason) implements Outcome {}

  /**
   * Centered logits of the DPO optimum, without a certificate (the fast path of MRS-DPO rounds):
   * damped Newton to the working precision.
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
    Newton newton = new Newton(p, sampler, s);
    double @Nullable [] warm = DoubleStart.solve(p, sampler, s);
    Apfloat[] u = newton.solve(precision, warm);
    Apfloat gNorm = Linalg.norm2(newton.gradient(newton.sigmoids(u, precision), precision), precision);
    Apfloat[] full = extendOffSupport(p, sampler, s, u, warm, precision);
    Apfloat b = precision.real(beta);
    Apfloat[] logits = new Apfloat[k];
    for (int i = 0; i < k; i++) {
      logits[i] = precision.real(refLogits[i]).add(full[i].divide(b));
    }
    return new Result(Linalg.center(logits, precision), gNorm.multiply(b), newton.iterations);
  }

  private static void checkShapes(int k, int samplerLength, int refLength, boolean betaPositive, String beta) {
    if (samplerLength != k || refLength != k) {
      throw new BadInput("sampler and reference need K = " + k + " entries");
    }
    if (!betaPositive) {
      throw new BadInput("--beta must be > 0 for DPO, got " + beta);
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
    Newton newton = new Newton(pa, ma, s);
    Apfloat[] full;
    try {
      double @Nullable [] warm = DoubleStart.solve(pa, ma, s);
      Apfloat[] u = newton.solve(q, warm);
      full = extendOffSupport(pa, ma, s, u, warm, q);
    } catch (BadInput e) {
      throw e;
    } catch (RuntimeException e) {
      return new Failure("damped Newton: " + e.getMessage());
    }
    // ũ: the Newton point as balls (the digits' exact value rounded to prec bits); the argument
    // below holds for any point ũ of these boxes
    Ball[] ut = new Ball[k];
    for (int i = 0; i < k; i++) {
      ut[i] = Ball.of(full[i], prec);
    }
    Ball gNorm = norm2(gradientU(p, mu, s, ut, prec), prec);
    if (!gNorm.isFinite()) {
      return new Failure("the gradient at the Newton point could not be bounded");
    }
    Ball two = Ball.exact(2);
    Ball curvature = null;
    Ball delta = Ball.ZERO; // ||Π_S(ũ - u*)||_2 <= max |delta| (u coordinates)
    if (s.length > 1) {
      Ball kappa0 = curvatureU(mu, s, ut, prec);
      if (!kappa0.isPositive()) {
        return new Failure("no positive curvature bound at the Newton point");
      }
      // trial radius ρ = 4G/κ0 (at least 2^-prec), an exact point; the box ũ ± ρ contains the ball of radius ρ
      Ball rho = upperPoint(Ball.max(gNorm.mul(4).div(kappa0, prec), Ball.ONE.mulPow2(-prec)));
      for (int attempt = 0; attempt < 4 && curvature == null; attempt++) {
        Ball kr = curvatureU(mu, s, inflate(ut, rho), prec);
        if (!kr.isPositive()) {
          break;
        }
        // 2G < κ(ρ)·ρ with G's upper end and κ's lower end
        if (kr.mul(rho, prec).sub(gNorm.mul(two, prec), prec).isPositive()) {
          curvature = kr;
        } else {
          rho = upperPoint(Ball.max(gNorm.mul(4).div(kr, prec), rho.mul(two, prec)));
        }
      }
      if (curvature == null) {
        return new Failure("the Newton point is not certified: ||∇L|| <= " + gNorm.upperDecimal(3)
            + " is not below half the curvature bound times the radius (not converged?)");
      }
      delta = gNorm.div(curvature, prec);
    }
    Ball[] box = new Ball[k];
    boolean[] in = new boolean[k];
    for (int a : s) {
      in[a] = true;
      box[a] = ut[a].inflate(delta);
    }
    for (int y = 0; y < k; y++) {
      if (in[y]) {
        continue;
      }
      Ball eps = offSupportRadius(p, mu, s, ut, y, prec);
      if (eps == null) {
        return new Failure("the logit of response " + y + " outside the support could not be enclosed");
      }
      box[y] = ut[y].inflate(eps).inflate(delta);
    }
    Ball[] logits = new Ball[k];
    for (int i = 0; i < k; i++) {
      logits[i] = refLogits[i].add(box[i].div(beta, prec), prec);
    }
    logits = center(logits, prec);
    Ball curvatureR = curvature == null ? null : curvature.mul(beta.sqr(prec), prec);
    Ball radiusR = delta.div(beta, prec);
    if (!radiusR.isFinite()) {
      return new Failure("the radius in r could not be bounded");
    }
    return new Certificate(logits, gNorm.mul(beta, prec), curvatureR, radiusR, newton.iterations);
  }

  private static boolean isExactZero(Ball b) {
    return b.isExact() && b.containsZero();
  }

  /**
   * For y outside the support: the root t of {@code f(t) = Σ_{a∈S} μ_a σ(t - ũ_a) - Σ_{a∈S} μ_a P_ya}
   * (f increasing) lies within the returned distance of ũ_y: f changes sign on {@code ũ_y ± ε},
   * checked in balls; null when it does not.
   */
  private static @Nullable Ball offSupportRadius(Ball[][] p, Ball[] mu, int[] s, Ball[] ut, int y, int prec) {
    Ball c = Ball.ZERO;
    for (int a : s) {
      c = c.add(mu[a].mul(p[y][a], prec), prec);
    }
    Ball f = offSupportF(mu, s, ut, ut[y], c, prec);
    Ball df = Ball.ZERO;
    for (int a : s) {
      df = df.add(mu[a].mul(sigmoidPrime(ut[y].sub(ut[a], prec), prec), prec), prec);
    }
    if (!f.isFinite() || !df.isPositive()) {
      return null;
    }
    // ε >= 2|f|/f' + 2^-prec, an exact point
    Ball eps = upperPoint(f.abs().mul(Ball.exact(2), prec).div(df, prec).add(Ball.ONE.mulPow2(-prec), prec));
    for (int attempt = 0; attempt < 4; attempt++) {
      Ball e = eps;
      Ball below = offSupportF(mu, s, ut, ut[y].sub(e, prec), c, prec);
      Ball above = offSupportF(mu, s, ut, ut[y].add(e, prec), c, prec);
      if (below.isNegative() && above.isPositive()) {
        return e;
      }
      eps = eps.mul(4);
    }
    return null;
  }

  private static Ball offSupportF(Ball[] mu, int[] s, Ball[] ut, Ball t, Ball c, int prec) {
    Ball f = c.neg();
    for (int a : s) {
      f = f.add(mu[a].mul(t.sub(ut[a], prec).sigmoid(prec), prec), prec);
    }
    return f;
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

  /** {@code x - mean(x)} in balls. */
  public static Ball[] center(Ball[] x, int prec) {
    Ball mean = Ball.sum(x, prec).div(Ball.exact(x.length), prec);
    Ball[] out = new Ball[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i].sub(mean, prec);
    }
    return out;
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
    java.util.Arrays.fill(g, Ball.ZERO);
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
        throw new BadInput("sampler entry " + i + " is negative");
      }
      if (sampler[i].signum() > 0) {
        s.add(i);
      }
    }
    if (s.isEmpty()) {
      throw new BadInput("the sampler has no positive entry");
    }
    return s.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Checks Ford's condition on the support (strong connectivity of {@code a → b iff P_ab > 0}) and
   * that every off-support response has {@code 0 < Σ μ_y' P_yy' < 1}, exactly.
   *
   * @throws NoFiniteOptimum naming a 0/1 entry responsible
   */
  public static void requireFiniteOptimum(Apfloat[][] p, Apfloat[] sampler, int[] s) {
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
        throw new NoFiniteOptimum("no finite DPO optimum: within the sampler's support, responses " + upper
            + " beat responses " + lower + " with probability 1 (e.g. P[" + upper.get(0) + "][" + lower.get(0)
            + "] = 1), so the loss keeps decreasing as their logit gap grows");
      }
    }
    boolean[] in = new boolean[p.length];
    for (int a : s) {
      in[a] = true;
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
        throw new NoFiniteOptimum("no finite DPO optimum for response " + y + " outside the sampler's support: P["
            + y + "][" + s[0] + "] = " + (allOne ? "1" : "0") + " and likewise against every sampled response, so its"
            + " vanishing-exploration logit is " + (allOne ? "+" : "-") + "infinity");
      }
    }
  }

  /** Off-support logits: the root of {@code Σ_{a∈S} μ_a σ(t - u_a) = Σ_{a∈S} μ_a P_ya} (safeguarded Newton). */
  private static Apfloat[] extendOffSupport(Apfloat[][] p, Apfloat[] mu, int[] s, Apfloat[] u, double @Nullable [] warm, Precision q) {
    int k = p.length;
    Apfloat[] out = u.clone();
    boolean[] in = new boolean[k];
    for (int a : s) {
      in[a] = true;
    }
    for (int y = 0; y < k; y++) {
      if (in[y]) {
        continue;
      }
      Apfloat target = q.real(0);
      Apfloat lo = null;
      Apfloat hi = null;
      for (int a : s) {
        target = target.add(q.real(mu[a]).multiply(q.real(p[y][a])));
        lo = lo == null || u[a].compareTo(lo) < 0 ? u[a] : lo;
        hi = hi == null || u[a].compareTo(hi) > 0 ? u[a] : hi;
      }
      // f(t) = Σ μ_a σ(t - u_a) - target is increasing; f(lo + logit(target)) <= 0 <= f(hi + logit(target)).
      Apfloat logitT = Kernel.log(target.divide(q.real(1).subtract(target)), q);
      Apfloat a0 = q.real(lo == null ? q.real(0) : lo).add(logitT);
      Apfloat b0 = q.real(hi == null ? q.real(0) : hi).add(logitT);
      Apfloat t = a0.add(b0).divide(q.real(2));
      if (warm != null && Double.isFinite(warm[y])) {
        Apfloat w = q.real(new Apfloat(warm[y]));
        if (w.compareTo(a0) > 0 && w.compareTo(b0) < 0) {
          t = w;
        }
      }
      Apfloat tol = ApfloatMath.scale(q.real(1), -(q.digits() + q.guard() / 2)).multiply(q.real(1).add(ApfloatMath.abs(t)));
      for (int it = 0; it < 10_000; it++) {
        Apfloat f = target.negate();
        Apfloat df = q.real(0);
        for (int a : s) {
          Apfloat sg = Kernel.sigmoid(t.subtract(u[a]), q);
          f = f.add(q.real(mu[a]).multiply(sg));
          df = df.add(q.real(mu[a]).multiply(sg).multiply(q.real(1).subtract(sg)));
        }
        if (f.signum() > 0) {
          b0 = t;
        } else {
          a0 = t;
        }
        Apfloat next = df.signum() > 0 ? t.subtract(f.divide(df)) : a0.add(b0).divide(q.real(2));
        if (next.compareTo(a0) <= 0 || next.compareTo(b0) >= 0) {
          next = a0.add(b0).divide(q.real(2));
        }
        Apfloat step = ApfloatMath.abs(next.subtract(t));
        t = next;
        if (step.compareTo(tol) <= 0 || b0.subtract(a0).compareTo(tol) <= 0) {
          break;
        }
      }
      out[y] = t;
    }
    return out;
  }

  /** Damped Newton on the support, in u = β r, with one coordinate pinned. */
  private static final class Newton {
    private final Apfloat[][] p;
    private final Apfloat[] mu;
    private final int[] s;
    int iterations;

    Newton(Apfloat[][] p, Apfloat[] mu, int[] s) {
      this.p = p;
      this.mu = mu;
      this.s = s;
    }

    Apfloat[] solve(Precision target, double @Nullable [] warm) {
      int k = p.length;
      Apfloat[] u = new Apfloat[k];
      for (int i = 0; i < k; i++) {
        u[i] = warm == null ? new Apfloat(0) : new Apfloat(warm[i]);
      }
      if (s.length == 1) {
        for (int i = 0; i < k; i++) {
          u[i] = target.real(0);
        }
        return u;
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
        Apfloat prevStep = null;
        int levelIterations = 0;
        while (true) {
          Apfloat[][] sig = sigmoids(u, q);
          Apfloat[] g = gradient(sig, q);
          Apfloat[] d = newtonStep(sig, g, q);
          Apfloat dmax = maxAbs(d);
          Apfloat scale = q.real(1).add(maxAbs(u));
          // Intermediate levels: once a step is below 10^-(digits/2 - 3), one more full step
          // (quadratic convergence) reaches this level's precision. Final level: iterate until
          // the step itself is below the printed precision (a confirming step).
          Apfloat tol = last
              ? ApfloatMath.scale(q.real(1), -(q.digits() + q.guard() / 2)).multiply(scale)
              : ApfloatMath.scale(q.real(1), -(q.digits() / 2 - 3)).multiply(scale);
          Apfloat dec2 = Linalg.dot(g, d, q).negate();
          Apfloat t = q.real(1);
          if (dec2.compareTo(q.real(1).divide(q.real(4))) > 0) {
            Apfloat l0 = loss(u, q);
            Apfloat armijo = dec2.divide(q.real(4));
            while (true) {
              Apfloat l1 = loss(axpy(u, t, d, q), q);
              if (l1.compareTo(l0.subtract(armijo.multiply(t))) <= 0 || t.compareTo(q.real(1).divide(q.real(1 << 30))) < 0) {
                break;
              }
              t = t.divide(q.real(2));
            }
          }
          u = axpy(u, t, d, q);
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

    /** {@code σ(u_a - u_b)} for support positions x < y (a = s[x], b = s[y]). */
    Apfloat[][] sigmoids(Apfloat[] u, Precision q) {
      int m = s.length;
      Apfloat[][] sig = new Apfloat[m][m];
      for (int x = 0; x < m; x++) {
        for (int y = x + 1; y < m; y++) {
          sig[x][y] = Kernel.sigmoid(u[s[x]].subtract(u[s[y]]), q);
        }
      }
      return sig;
    }

    /** {@code ∂L/∂u_a = μ_a Σ_b μ_b (σ(u_a - u_b) - P_ab)} on S, 0 elsewhere. */
    Apfloat[] gradient(Apfloat[][] sig, Precision q) {
      int k = p.length;
      Apfloat[] g = new Apfloat[k];
      for (int i = 0; i < k; i++) {
        g[i] = q.real(0);
      }
      for (int x = 0; x < s.length; x++) {
        for (int y = x + 1; y < s.length; y++) {
          int a = s[x];
          int b = s[y];
          Apfloat w = q.real(mu[a]).multiply(q.real(mu[b]));
          Apfloat term = w.multiply(sig[x][y].subtract(q.real(p[a][b])));
          g[a] = g[a].add(term);
          g[b] = g[b].subtract(term);
        }
      }
      return g;
    }

    /** The Newton direction with the first support coordinate pinned (d = 0 there). */
    private Apfloat[] newtonStep(Apfloat[][] sig, Apfloat[] g, Precision q) {
      int m = s.length;
      Apfloat[][] h = new Apfloat[m - 1][m - 1];
      for (int x = 0; x < m - 1; x++) {
        for (int y = 0; y < m - 1; y++) {
          h[x][y] = q.real(0);
        }
      }
      Apfloat[] rhs = new Apfloat[m - 1];
      for (int x = 1; x < m; x++) {
        rhs[x - 1] = g[s[x]].negate();
      }
      for (int x = 0; x < m; x++) {
        for (int y = x + 1; y < m; y++) {
          Apfloat w = weight(sig, x, y, q);
          if (x > 0) {
            h[x - 1][x - 1] = h[x - 1][x - 1].add(w);
          }
          h[y - 1][y - 1] = h[y - 1][y - 1].add(w);
          if (x > 0) {
            h[x - 1][y - 1] = h[x - 1][y - 1].subtract(w);
            h[y - 1][x - 1] = h[y - 1][x - 1].subtract(w);
          }
        }
      }
      Apfloat[] dr = Linalg.solve(h, rhs, q);
      Apfloat[] d = new Apfloat[p.length];
      for (int i = 0; i < p.length; i++) {
        d[i] = q.real(0);
      }
      for (int x = 1; x < m; x++) {
        d[s[x]] = dr[x - 1];
      }
      return d;
    }

    private Apfloat weight(Apfloat[][] sig, int x, int y, Precision q) {
      Apfloat sg = sig[x][y];
      return q.real(mu[s[x]]).multiply(q.real(mu[s[y]])).multiply(sg).multiply(q.real(1).subtract(sg));
    }

    /** {@code L(u) = -Σ_{a≠b∈S} μ_a μ_b P_ab log σ(u_a - u_b)}. */
    Apfloat loss(Apfloat[] u, Precision q) {
      Apfloat l = q.real(0);
      for (int x = 0; x < s.length; x++) {
        for (int y = x + 1; y < s.length; y++) {
          int a = s[x];
          int b = s[y];
          Apfloat z = u[a].subtract(u[b]);
          Apfloat w = q.real(mu[a]).multiply(q.real(mu[b]));
          // -log σ(z) = softplus(-z); -log σ(-z) = softplus(z)
          l = l.add(w.multiply(q.real(p[a][b]).multiply(softplus(z.negate(), q)).add(q.real(p[b][a]).multiply(softplus(z, q)))));
        }
      }
      return l;
    }

    /** {@code log(1 + e^x)}, stable for large |x|. */
    private static Apfloat softplus(Apfloat x, Precision q) {
      if (x.signum() > 0) {
        return x.add(Kernel.log(q.real(1).add(Kernel.exp(x.negate(), q)), q));
      }
      return Kernel.log(q.real(1).add(Kernel.exp(x, q)), q);
    }

    private static Apfloat[] axpy(Apfloat[] u, Apfloat t, Apfloat[] d, Precision q) {
      Apfloat[] out = new Apfloat[u.length];
      for (int i = 0; i < u.length; i++) {
        out[i] = u[i].add(t.multiply(d[i]));
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
   * A double-precision warm start (the same damped Newton and the same off-support rule, in
   * doubles): about 15 correct digits cheaply, so the arbitrary-precision Newton needs only a
   * step or two per precision level. Never the answer: null when doubles overflow or stall.
   */
  static final class DoubleStart {
    private DoubleStart() {}

    static double @Nullable [] solve(Apfloat[][] pa, Apfloat[] mua, int[] s) {
      int k = pa.length;
      double[][] p = new double[k][k];
      double[] mu = new double[k];
      for (int i = 0; i < k; i++) {
        mu[i] = mua[i].doubleValue();
        for (int j = 0; j < k; j++) {
          p[i][j] = pa[i][j].doubleValue();
        }
      }
      int m = s.length;
      double[] u = new double[k];
      for (int it = 0; it < 200 && m > 1; it++) {
        double[] g = new double[k];
        double[][] h = new double[m - 1][m - 1];
        for (int x = 0; x < m; x++) {
          for (int y = x + 1; y < m; y++) {
            int a = s[x];
            int b = s[y];
            double sg = sigmoid(u[a] - u[b]);
            double w = mu[a] * mu[b];
            g[a] += w * (sg - p[a][b]);
            g[b] -= w * (sg - p[a][b]);
            double c = w * sg * (1 - sg);
            if (x > 0) {
              h[x - 1][x - 1] += c;
              h[x - 1][y - 1] -= c;
              h[y - 1][x - 1] -= c;
            }
            h[y - 1][y - 1] += c;
          }
        }
        double[] rhs = new double[m - 1];
        for (int x = 1; x < m; x++) {
          rhs[x - 1] = -g[s[x]];
        }
        double[] dr = gauss(h, rhs);
        if (dr == null) {
          return null;
        }
        double[] d = new double[k];
        double dmax = 0;
        double dec = 0;
        for (int x = 1; x < m; x++) {
          d[s[x]] = dr[x - 1];
          dmax = Math.max(dmax, Math.abs(dr[x - 1]));
          dec -= g[s[x]] * dr[x - 1];
        }
        double t = 1;
        if (dec > 0.25) {
          double l0 = loss(p, mu, s, u, 0, d);
          while (t > 1e-9 && loss(p, mu, s, u, t, d) > l0 - 0.25 * t * dec) {
            t /= 2;
          }
        }
        for (int i = 0; i < k; i++) {
          u[i] += t * d[i];
        }
        if (!Double.isFinite(dmax)) {
          return null;
        }
        if (dmax < 1e-14 * (1 + Math.abs(u[s[m - 1]]))) {
          break;
        }
      }
      boolean[] in = new boolean[k];
      for (int a : s) {
        in[a] = true;
      }
      for (int y = 0; y < k; y++) {
        if (in[y]) {
          continue;
        }
        double target = 0;
        for (int a : s) {
          target += mu[a] * p[y][a];
        }
        double t = 0;
        for (int it = 0; it < 100; it++) {
          double f = -target;
          double df = 0;
          for (int a : s) {
            double sg = sigmoid(t - u[a]);
            f += mu[a] * sg;
            df += mu[a] * sg * (1 - sg);
          }
          if (df <= 0) {
            break;
          }
          double step = Math.max(-4, Math.min(4, f / df));
          t -= step;
          if (Math.abs(step) < 1e-15) {
            break;
          }
        }
        u[y] = t;
      }
      for (double v : u) {
        if (!Double.isFinite(v)) {
          return null;
        }
      }
      return u;
    }

    private static double sigmoid(double x) {
      return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    private static double loss(double[][] p, double[] mu, int[] s, double[] u, double t, double[] d) {
      double l = 0;
      for (int x = 0; x < s.length; x++) {
        for (int y = x + 1; y < s.length; y++) {
          int a = s[x];
          int b = s[y];
          double z = (u[a] + t * d[a]) - (u[b] + t * d[b]);
          l += mu[a] * mu[b] * (p[a][b] * softplus(-z) + p[b][a] * softplus(z));
        }
      }
      return l;
    }

    private static double softplus(double x) {
      return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    private static double @Nullable [] gauss(double[][] a, double[] b) {
      int n = b.length;
      double[][] m = new double[n][];
      for (int i = 0; i < n; i++) {
        m[i] = java.util.Arrays.copyOf(a[i], n + 1);
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
