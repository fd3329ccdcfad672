package prefdyn.dynamics;

import prefdyn.num.Ball;

/**
 * A certified MRS-IPO orbit: after t rounds it holds an exact point {@code m_t} (the midpoints) and
 * an error bound {@code e_t} with {@code ||θ_t - m_t||_2 <= e_t} for the true orbit θ_t from the
 * start. One round (proofs-notes/trajectories.md):
 *
 * <pre>
 *   y       = MrsMap.roundPoint(m_t)            a ball vector containing Φ(m_t) (rounding only)
 *   m_{t+1} = midpoints of y
 *   e_{t+1} = L_t e_t + ||rad y||_2,            L_t >= sup ||ΠJ(x)||_2 over the box m_t ± e_t
 * </pre>
 *
 * which holds because {@code θ_{t+1} - m_{t+1} = (Φ(θ_t) - Φ(m_t)) + (Φ(m_t) - m_{t+1})} and the
 * mean-value theorem bounds the first part by {@code L_t ||θ_t - m_t||_2} (the segment from m_t to
 * θ_t lies in the box). The error is tracked in the 2-norm because a rotation (the 3-cycle orbit)
 * has {@code ||ΠJ||_2 = ρ} while componentwise bounds grow like {@code ρ(|ΠJ|)} > ρ, and the
 * centering Π alone would double componentwise radii every round.
 */
public final class BallOrbit {
  private final MrsMap map;
  private final int prec;
  private Ball[] mid;
  /** {@code ||θ_t - m_t||_2 <= } the upper end of this ball. */
  private Ball err;
  private long t;
  private Ball lastLipschitz = Ball.ONE;

  /** Starts at the box {@code theta0} (e_0 = ||radii||_2). */
  public BallOrbit(MrsMap map, Ball[] theta0, int prec) {
    this.map = map;
    this.prec = prec;
    this.mid = new Ball[theta0.length];
    Ball[] rad = new Ball[theta0.length];
    for (int i = 0; i < theta0.length; i++) {
      mid[i] = MrsMap.midpoint(theta0[i]);
      rad[i] = MrsMap.radius(theta0[i]);
    }
    this.err = norm2Upper(rad);
  }

  public long t() {
    return t;
  }

  public int precision() {
    return prec;
  }

  /** The error bound {@code e_t} (its upper end bounds {@code ||θ_t - m_t||_2}). */
  public Ball error() {
    return err;
  }

  /** The last Lipschitz bound used (1 before the first round). */
  public Ball lastLipschitz() {
    return lastLipschitz;
  }

  /** {@code log2 e_t} as a double (-inf for e_t = 0, +inf when not finite). */
  public double log2Error() {
    return log2Upper(err);
  }

  /** The box {@code m_t ± e_t}: every coordinate of θ_t lies in its ball. */
  public Ball[] box() {
    Ball[] out = new Ball[mid.length];
    for (int i = 0; i < mid.length; i++) {
      out[i] = mid[i].inflate(err);
    }
    return out;
  }

  /** One round. */
  public void step() {
    Ball[] y = map.roundPoint(mid, prec);
    Ball[] rad = new Ball[y.length];
    Ball[] next = new Ball[y.length];
    for (int i = 0; i < y.length; i++) {
      if (!y[i].isFinite()) {
        err = Ball.whole();
        t++;
        return;
      }
      next[i] = MrsMap.midpoint(y[i]);
      rad[i] = MrsMap.radius(y[i]);
    }
    Ball propagated = Ball.ZERO;
    if (!(err.isExact() && err.containsZero())) {
      if (!err.isFinite()) {
        t++;
        return;
      }
      lastLipschitz = lipschitz(box());
      propagated = lastLipschitz.mul(err, MrsMap.JACOBIAN_BITS);
    }
    err = propagated.add(norm2Upper(rad), MrsMap.JACOBIAN_BITS);
    if (!err.isFinite()) {
      err = Ball.whole();
    }
    mid = next;
    t++;
  }

  /** The box on which {@link #cachedL} was computed (a slightly enlarged box), or null. */
  private Ball @org.checkerframework.checker.nullness.qual.Nullable [] cachedBox;

  private Ball cachedL = Ball.ONE;

  /**
   * {@code L >= sup ||ΠJ||_2} over the box. Computed on the box enlarged by 2^-24 per coordinate
   * and reused while later boxes lie inside that enlarged box (a bound over a larger set is a bound
   * over a subset): near a fixed point the bound is computed once.
   */
  private Ball lipschitz(Ball[] box) {
    Ball[] c = cachedBox;
    if (c != null) {
      boolean inside = true;
      for (int i = 0; i < box.length && inside; i++) {
        inside = c[i].contains(box[i]);
      }
      if (inside) {
        return cachedL;
      }
    }
    Ball[] big = new Ball[box.length];
    Ball eta = Ball.ONE.mulPow2(-24);
    for (int i = 0; i < box.length; i++) {
      big[i] = box[i].inflate(eta);
    }
    cachedL = SpectralBound.upper(map.centeredJacobian(big, MrsMap.JACOBIAN_BITS), MrsMap.JACOBIAN_BITS);
    cachedBox = big;
    return cachedL;
  }

  /**
   * A ball whose upper end bounds {@code ||v||_2} for the entries v (radii): the 1-norm
   * {@code Σ|v_i| >= ||v||_2} (at most a factor sqrt(K) above it; it enters only the rounding
   * term of a round, not the propagated error, and needs no square root of a ball touching 0).
   */
  static Ball norm2Upper(Ball[] v) {
    Ball s = Ball.ZERO;
    for (Ball x : v) {
      s = s.add(x.abs(), MrsMap.JACOBIAN_BITS);
    }
    return s;
  }

  /** {@code log2} of the upper end of a nonnegative ball, as a double. */
  static double log2Upper(Ball b) {
    if (!b.isFinite()) {
      return Double.POSITIVE_INFINITY;
    }
    if (b.isExact() && b.containsZero()) {
      return Double.NEGATIVE_INFINITY;
    }
    double m = Math.abs(b.midDouble()) + b.radUpper();
    if (m > 0 && Double.isFinite(m) && m >= Double.MIN_NORMAL) {
      return Math.log(m) / Math.log(2);
    }
    // beyond the double range: scale by a power of two first
    long shift = 0;
    Ball x = b.abs();
    while (true) {
      double d = x.midDouble() + x.radUpper();
      if (d >= Double.MIN_NORMAL && Double.isFinite(d)) {
        return Math.log(d) / Math.log(2) - shift;
      }
      long k = d < Double.MIN_NORMAL ? 1000 : -1000;
      x = x.mulPow2(k);
      shift += k;
    }
  }
}
