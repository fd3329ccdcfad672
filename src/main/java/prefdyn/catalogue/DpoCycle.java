package prefdyn.catalogue;

import org.apfloat.Aprational;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.dynamics.DpoBallRound;
import prefdyn.dynamics.MrsParameters;
import prefdyn.dynamics.ThreeCycleFamily;
import prefdyn.num.Ball;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;

/**
 * DPO-CYCLE (empirical): on the 3-cycle P_a (0 < a ≤ 1/2) with uniform π_ref = π_0, any
 * α ∈ [0, 1] and λ ∈ (0, 1] for which the DPO linearization at uniform is unstable
 * ({@code ρ² = α² + 16a²λ²/(3β²) > 1}, decided exactly; proofs-notes/MRS-DPO.md), except the
 * corner a = 1/2 with λ = 1 (see {@link #awayFromDoublyExponentialCollapse}), an MRS-DPO orbit
 * started 10^-6 from uniform moves away from it and rotates around it: over rounds 1..100 its
 * distance from uniform stays above the start's and it winds at least one full turn. Margin:
 * {@code min(log min_t ||Πθ_t||/||Πθ_0||, |winding angle|/2π - 1)}, from the certified ball
 * orbit ({@link DpoBallRound}). Each round's turn is the half-angle atan2 (valid for turns below
 * π: at α = 0 the linear turn is π/2 a round).
 */
public final class DpoCycle {
  private DpoCycle() {}

  public static final Statement STATEMENT = DynamicsStatements.dpoObservation("DPO-CYCLE", DynamicsStatements.THREE_CYCLE, 4)
      .statement("[empirical] MRS-DPO on the 3-cycle P_a, alpha in [0,1], lambda in (0,1], rho_DPO > 1: from 1e-6 off uniform, over rounds 1..100 the orbit stays farther from uniform than at start and winds at least once.")
      .hypotheses(() -> DynamicsStatements.threeCycles(4, DynamicsStatements.grid(0, 4, 4), DynamicsStatements.grid(2, 4, 4), DynamicsStatements.grid(1, 4, 2))
            .filter(x -> unstable(x) && awayFromDoublyExponentialCollapse(x)),
          DpoCycle::admits)
      .margin(DpoCycle::check)
      .build();
  static final int ROUNDS = 100;
  /**
   * The orbit's working digits at least: on the fastest generated instances (a = 3/8, λ = 3/4,
   * β = 1/2) the enclosure's radius grows by about 60 digits over the 100 rounds, so a 50-digit
   * run fails and the runner escalates; starting at 100 digits saves the wasted run.
   */
  static final int ORBIT_DIGITS = 100;
  /**
   * Each try certifies 100 DPO rounds (about 1 s at 50 digits; the fastest instances escalate
   * to 100 digits, so the orbit starts there, see ORBIT_DIGITS): 4 tries.
   */


  /**
   * Not both a = 1/2 and λ = 1: with 0/1 entries and a point-mass sampler the DPO rewards grow
   * like log(1/μ_min), the log-odds roughly multiply by a factor each round and the sampler's
   * small entries fall doubly exponentially (below 10^-(10^6) within about 20 rounds on a = 1/2,
   * λ = 1, β = 1/2): beyond any exponent range, so no certified orbit reaches round 100 there.
   * Either entries in (0,1) (a < 1/2) or an offline share (λ < 1) keeps the rewards bounded.
   */
  static boolean awayFromDoublyExponentialCollapse(Instance x) {
    Aprational l = x.find(Slot.LAMBDA);
    return x.get(DynamicsStatements.A).compareTo(Rationals.HALF) < 0 || (l != null && l.compareTo(Rationals.ONE) < 0);
  }

  /** The DPO linearization at uniform is unstable: {@code ρ² = α² + 16a²λ²/(3β²) > 1}, exact. */
  static boolean unstable(Instance x) {
    Aprational a = x.get(DynamicsStatements.A);
    return ThreeCycleFamily.dpoRhoSquared(a, x.get(Slot.ALPHA), x.get(Slot.LAMBDA),
        x.get(Slot.BETA)).compareTo(Rationals.ONE) > 0;
  }

  static boolean admits(Instance x) {
    Aprational l = x.find(Slot.LAMBDA);
    return T6.admits(x)
        && l != null && l.signum() > 0 && unstable(x) && awayFromDoublyExponentialCollapse(x);
  }

  static Margin check(Instance x, Precision p) {
    return margin(DynamicsStatements.dpo(x), p.digits() >= ORBIT_DIGITS ? p : Precision.ofDigits(ORBIT_DIGITS));
  }

  /**
   * The margin for any K = 3 parameters (also those the statement does not admit: the tests
   * use α = 0 to see it VIOLATED): the certified orbit from {@code θ_0 = (e, -e, 0)},
   * {@code e = 10^-6}, over rounds 1..{@link #ROUNDS}.
   */
  public static Margin margin(MrsParameters params, Precision p) {
    String detail = "MRS-DPO 3-cycle from 1e-6 off uniform, rounds 1.." + ROUNDS
        + ": min(log min_t ||Πθ_t||/||Πθ_0||, winding turns - 1)";
    int prec = p.bits();
    int wp = prec + 8;
    DpoBallRound round = new DpoBallRound(params, p);
    Ball e = Ball.of(Rationals.of(1, 1_000_000), wp);
    Ball[] theta = {e, e.neg(), Ball.ZERO};
    Ball sqrt3 = Ball.exact(3).sqrt(wp);
    Ball[] prev = plane(theta, sqrt3, wp);
    Ball n0 = norm2(prev, wp);
    @Nullable Ball minLogRatio = null;
    Ball angle = Ball.ZERO;
    for (int t = 1; t <= ROUNDS; t++) {
      DpoBallRound.Step step = round.apply(theta);
      Ball[] next = step.theta();
      if (next == null) {
        return stop(Margin.unknown(DynamicsStatements.stopped(t, String.valueOf(step.failure())), true, detail), minLogRatio);
      }
      theta = next;
      Ball[] cur = plane(theta, sqrt3, wp);
      Ball logRatio = norm2(cur, wp).div(n0, wp).log(wp).mulPow2(-1);
      minLogRatio = minLogRatio == null ? logRatio : Ball.min(minLogRatio, logRatio);
      // the turn from prev to cur in (-π, π): 2 atan(cross/(|prev||cur| + dot)) (half-angle form of
      // atan2), valid when |prev||cur| + dot > 0, i.e. the turn is not ±π
      Ball dot = prev[0].mul(cur[0], wp).add(prev[1].mul(cur[1], wp), wp);
      Ball cross = prev[0].mul(cur[1], wp).sub(prev[1].mul(cur[0], wp), wp);
      Ball den = norm2(prev, wp).mul(norm2(cur, wp), wp).add(dot, wp);
      if (!den.isPositive()) {
        return stop(Margin.unknown(DynamicsStatements.stopped(t, "the turn of this round is not certified below π"
            + " (the enclosure is too wide or the orbit turns too fast)"), true, detail), minLogRatio);
      }
      angle = angle.add(atan(cross.div(den, wp), wp).mulPow2(1), wp);
      prev = cur;
    }
    Ball turns = angle.abs().div(pi(wp).mulPow2(1), wp).sub(Ball.ONE, wp);
    Margin winding = Margin.of(turns, true, "winding turns around uniform - 1");
    return minLogRatio == null ? winding
        : Margin.min(Margin.of(minLogRatio, true, "log min ||Πθ_t||/||Πθ_0|| over rounds 1.." + ROUNDS), winding);
  }

  /**
   * A stopped orbit: the margin is a minimum over all rounds, so the part certified so far
   * still bounds it from above ({@link Margin#min} of the unknown rest and the known part:
   * VIOLATED when the known part is, else UNDECIDED with the reason).
   */
  static Margin stop(Margin unknown, @Nullable Ball minLogRatio) {
    return minLogRatio == null ? unknown
        : Margin.min(unknown, Margin.of(minLogRatio, true, "log min ||Πθ_t||/||Πθ_0|| over the rounds certified"));
  }

  /**
   * Coordinates proportional to an orthonormal basis of 1^⊥ (both scaled by √6):
   * {@code (√3(θ_0 - θ_1), θ_0 + θ_1 - 2θ_2)}; angles and norm ratios are those of Πθ.
   */
  static Ball[] plane(Ball[] th, Ball sqrt3, int wp) {
    return new Ball[] {th[0].sub(th[1], wp).mul(sqrt3, wp),
        th[0].add(th[1], wp).sub(th[2].mulPow2(1), wp)};
  }

  static Ball norm2(Ball[] v, int wp) {
    return v[0].sqr(wp).add(v[1].sqr(wp), wp).sqrt(wp);
  }

  /**
   * {@code atan z} enclosed for every z in the ball: two halvings
   * {@code atan z = 2 atan(z / (1 + sqrt(1 + z²)))} bring every point below tan(π/8) < 1/2 in
   * absolute value, then the alternating series with its remainder bounded by the first omitted
   * term ({@code |w|^(2N+1)/(2N+1) <= 2^-(2N+1)}).
   */
  static Ball atan(Ball z, int prec) {
    int wp = prec + 16;
    Ball w = z;
    for (int h = 0; h < 2; h++) {
      w = w.div(Ball.ONE.add(Ball.ONE.add(w.sqr(wp), wp).sqrt(wp), wp), wp);
    }
    if (!w.isFinite() || !Ball.ONE.mulPow2(-1).sub(w.abs(), wp).isPositive()) {
      return Ball.whole();
    }
    int n = wp / 2 + 2;
    Ball w2 = w.sqr(wp);
    Ball power = w;
    Ball sum = Ball.ZERO;
    for (int i = 0; i < n; i++) {
      Ball term = power.div(Ball.exact(2L * i + 1), wp);
      sum = (i % 2 == 0) ? sum.add(term, wp) : sum.sub(term, wp);
      power = power.mul(w2, wp);
    }
    return sum.inflate(Ball.ONE.mulPow2(-(2L * n + 1))).mulPow2(2);
  }

  /** π enclosed, as {@code 4 atan 1}. */
  static Ball pi(int prec) {
    return atan(Ball.ONE, prec).mulPow2(2);
  }
}
