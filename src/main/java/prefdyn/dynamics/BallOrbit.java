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
    previous = null;
    for (int i = 0; i < y.length; i++) {
      if (!y[i].isFinite()) {
        err = Ball.whole();
        t++;
        return;
      }
      next[i] = MrsMap.midpoint(y[i]);
      rad[i] = MrsMap.radius(y[i]);
    }
    Ball roundingError = norm2Upper(rad);
    Previous before = new Previous(mid, next, err, roundingError);
    Ball propagated = Ball.ZERO;
    if (!(err.isExact() && err.containsZero())) {
      if (!err.isFinite()) {
        t++;
        return;
      }
      lastLipschitz = lipschitz(box());
      propagated = lastLipschitz.mul(err, MrsMap.JACOBIAN_BITS);
    }
    err = propagated.add(roundingError, MrsMap.JACOBIAN_BITS);
    if (!err.isFinite()) {
      err = Ball.whole();
    }
    mid = next;
    previous = before;
    t++;
  }

  /**
   * The state before the last round: {@code m_{t-1}}, {@code m_t}, {@code e_{t-1}} and the
   * rounding term {@code ||rad y||} of the round, y the ball containing {@code Φ(m_{t-1})}.
   */
  private record Previous(Ball[] mid, Ball[] next, Ball err, Ball rounding) {
    /** {@code D >= ||Φ(m_{t-1}) - m_{t-1}||_2}: {@code ||m_t - m_{t-1}||_2 + ||rad y||_2} (Φ(m_{t-1}) lies in y). */
    Ball drift() {
      Ball[] move = new Ball[mid.length];
      for (int i = 0; i < mid.length; i++) {
        move[i] = next[i].sub(mid[i], MrsMap.JACOBIAN_BITS);
      }
      return norm2Upper(move).add(rounding, MrsMap.JACOBIAN_BITS);
    }

    /** A double estimate of {@code ||m_t - m_{t-1}||_1} (a cheap pre-check only). */
    double moveEstimate() {
      double s = 0;
      for (int i = 0; i < mid.length; i++) {
        s += Math.abs(next[i].midDouble() - mid[i].midDouble());
      }
      return s;
    }
  }

  private @org.checkerframework.checker.nullness.qual.Nullable Previous previous;

  /**
   * A ball that the orbit never leaves again: θ_s lies in {@code B(center, radius)} (2-norm) for
   * every round {@code s >= from}.
   *
   * @param center the exact center (the midpoints {@code m_from})
   * @param radius R, exact
   * @param from the first round it holds for
   */
  public record Invariant(Ball[] center, Ball radius, long from) {
    /** The coordinate box {@code center ± R}, which contains the 2-norm ball. */
    public Ball[] box() {
      Ball[] out = new Ball[center.length];
      for (int i = 0; i < center.length; i++) {
        out[i] = center[i].inflate(radius);
      }
      return out;
    }
  }

  /**
   * Tries to certify, after a round, that the orbit stays from round {@code t-1} on in a ball of
   * radius at most {@code maxRadius} around {@code m_{t-1}} (proofs-notes/recheck.md): with
   * {@code D >= ||Φ(m) - m||_2}, {@code e_{t-1} <= R} and {@code L >= sup ||ΠJ||_2} over the box
   * {@code m ± R}, the condition {@code D + L·R <= R} gives
   * {@code ||Φ(θ) - m||_2 <= ||Φ(θ) - Φ(m)||_2 + ||Φ(m) - m||_2 <= L·R + D <= R} for every θ in
   * the ball (mean-value theorem on the segment, which lies in the box), so Φ maps the ball into
   * itself and, as θ_{t-1} lies in it, so does every later θ_s. Needs a contraction near the orbit
   * (L < 1, T7); returns null when the condition fails (or R would exceed {@code maxRadius}).
   */
  public @org.checkerframework.checker.nullness.qual.Nullable Invariant invariant(double maxRadius) {
    Previous p = previous;
    if (p == null || !p.err().isFinite() || !lastLipschitz.isFinite() || !(p.moveEstimate() <= maxRadius)) {
      return null;
    }
    double l = upper(lastLipschitz);
    Ball drift = p.drift();
    if (!(l < 0.999) || !drift.isFinite()) {
      return null;
    }
    // a guess from the last bound (checked below): R >= D / (1 - L) with some room, R >= e
    double r = Math.max(upper(p.err()), upper(drift) / (1 - l) * 1.25);
    if (!(r <= maxRadius) || r == 0) {
      return null;
    }
    Ball radius = MrsMap.exactDouble(r);
    Ball[] box = new Ball[p.mid().length];
    for (int i = 0; i < box.length; i++) {
      box[i] = p.mid()[i].inflate(radius);
    }
    Ball lip = lipschitz(box);
    boolean mapsInto = drift.add(lip.mul(radius, MrsMap.JACOBIAN_BITS), MrsMap.JACOBIAN_BITS)
        .sub(radius, MrsMap.JACOBIAN_BITS).isNonPositive();
    boolean startsInside = p.err().sub(radius, MrsMap.JACOBIAN_BITS).isNonPositive();
    return mapsInto && startsInside ? new Invariant(p.mid(), radius, t - 1) : null;
  }

  /** A double at least the upper end of a finite ball. */
  private static double upper(Ball b) {
    return Math.nextUp(Math.nextUp(Math.abs(b.midDouble()) + b.radUpper()));
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
