package prefdyn.catalogue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import org.checkerframework.checker.nullness.qual.Nullable;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import prefdyn.dynamics.DpoBallRound;
import prefdyn.dynamics.MrsParameters;
import prefdyn.gen.Distributions;
import prefdyn.gen.Matrices;
import prefdyn.optimum.DpoOptimum;
import prefdyn.num.Ball;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.pref.Sst;
import prefdyn.pref.Structure;

/**
 * MRS-DPO observations (docs/theory.md section 5): labelled {@link Kind#EMPIRICAL}. The paper reports
 * them from simulation and proves less for DPO than for IPO; these entries record what our runs
 * show, on the instances their generators cover. They are not theorems.
 */
public final class MrsDpoStatements {
  private MrsDpoStatements() {}

  /** Why a check is UNDECIDED: the round at which the certified orbit stopped, and why. */
  static String stopped(int round, String reason) {
    return "the certified MRS-DPO orbit stops at round " + round + ": " + reason;
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

  /** The DPO entries: the two empirical observations and the DPO statements of the Dpo* classes. */
  public static List<Statement> all() {
    List<Statement> all = new java.util.ArrayList<>(List.of(new Cycle(), new Collapse()));
    all.addAll(DpoJacobianStatements.all());
    return all;
  }

  static MrsParameters dpo(Instance x) {
    return DynamicsStatements.parameters(x).withMethod(MrsParameters.Method.DPO);
  }

  static boolean openEntries(PreferenceMatrix p) {
    for (int i = 0; i < p.k(); i++) {
      for (int j = 0; j < p.k(); j++) {
        if (i != j && (p.entry(i, j).signum() == 0 || p.entry(i, j).compareTo(Rationals.ONE) == 0)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * DPO-CYCLE (empirical): on the 3-cycle P_a with α = 1, 0 < λ ≤ 3/4 (so each round's sampler
   * keeps mass (1-λ)/3 everywhere and the DPO problem stays well conditioned; with λ = 1 the orbit
   * reaches near-vertex samplers where the DPO solver's Newton gives up), an MRS-DPO orbit
   * started 10^-6 from uniform moves away from it and rotates around it: over rounds 1..100 its
   * distance from uniform stays above the start's and it winds at least one full turn. Margin:
   * {@code min(log min_t ||Πθ_t||/||Πθ_0||, |winding angle|/2π - 1)}, from the certified ball
   * orbit ({@link DpoBallRound}; proofs-notes/MRS-DPO.md). The uncertified version looked at rounds
   * 100..300 (persistence after the escape); 300 certified rounds lose too many digits on the fast
   * instances and cost seconds per try, so the statement now covers the escape and the first turn
   * (the slowest generated instance, a = 1/8, λ = 1/2, β = 2, needs about 87 rounds a turn).
   */
  public static final class Cycle implements Statement {
    static final int ROUNDS = 100;
    /**
     * The orbit's working digits at least: on the fastest generated instances (a = 3/8, λ = 3/4,
     * β = 1/2) the enclosure's radius grows by about 60 digits over the 100 rounds, so a 50-digit
     * run fails and the runner escalates; starting at 100 digits saves the wasted run.
     */
    static final int ORBIT_DIGITS = 100;

    @Override public String id() { return "DPO-CYCLE"; }
    /**
     * Each try certifies 100 DPO rounds (about 1 s at 50 digits; the fastest instances escalate
     * to 100 digits, so the orbit starts there, see ORBIT_DIGITS): 4 tries.
     */
    @Override public int defaultTries() { return 4; }
    @Override public String title() { return "[empirical] MRS-DPO on the 3-cycle P_a with alpha = 1: from 1e-6 off uniform, over rounds 1..100 the orbit stays farther from uniform than at start and winds at least once."; }
    @Override public Kind kind() { return Kind.EMPIRICAL; }

    @Override
    public Arbitrary<Instance> hypotheses() {
      return Combinators.combine(Matrices.threeCycleStrengths(4).filter(a -> a.compareTo(Rationals.HALF) < 0),
          DynamicsStatements.grid(2, 3, 4), DynamicsStatements.grid(1, 4, 2))
          .as((a, l, b) -> Instance.of(Matrices.threeCycle(a)).withParam("a", a).withAlpha(Rationals.ONE)
              .withLambda(l).withBeta(b).withRef(Distribution.uniform(3)).withPi0(Distribution.uniform(3)));
    }

    @Override
    public boolean admits(Instance x) {
      org.apfloat.Aprational l = x.lambda();
      return new DynamicsStatements.T6(DynamicsStatements.Sqrt3.INVERSE).admits(x) && DynamicsStatements.isOne(x.alpha())
          && l != null && l.signum() > 0 && l.compareTo(Rationals.of(3, 4)) <= 0 && openEntries(x.pref());
    }

    @Override
    public Margin check(Instance x, Precision p) {
      return margin(dpo(x), p.digits() >= ORBIT_DIGITS ? p : Precision.ofDigits(ORBIT_DIGITS));
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
          return stop(Margin.unknown(stopped(t, String.valueOf(step.failure())), true, detail), minLogRatio);
        }
        theta = next;
        Ball[] cur = plane(theta, sqrt3, wp);
        Ball logRatio = norm2(cur, wp).div(n0, wp).log(wp).mulPow2(-1);
        minLogRatio = minLogRatio == null ? logRatio : Ball.min(minLogRatio, logRatio);
        // the turn from prev to cur: atan(cross/dot), valid when dot > 0 (a turn of less than π/2)
        Ball dot = prev[0].mul(cur[0], wp).add(prev[1].mul(cur[1], wp), wp);
        Ball cross = prev[0].mul(cur[1], wp).sub(prev[1].mul(cur[0], wp), wp);
        if (!dot.isPositive()) {
          return stop(Margin.unknown(stopped(t, "the turn of this round is not certified below π/2"
              + " (the enclosure is too wide or the orbit turns too fast)"), true, detail), minLogRatio);
        }
        angle = angle.add(atan(cross.div(dot, wp), wp), wp);
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
  }

  /**
   * DPO-COLLAPSE (empirical): α = 1, strictly SST P with entries in (0,1), λ ≤ 3/4 (so the
   * sampler keeps mass (1-λ)π_0 everywhere and each round's DPO problem stays well conditioned;
   * with λ = 1 the sampler itself collapses and the DPO solver's certified Newton gives up): over 60 rounds the
   * mass off the top response shrinks at least tenfold and the top's log-odds increase every
   * round. Margin: {@code min(log10(off_0/off_T) - 1, smallest log-odds increase)}.
   */
  public static final class Collapse implements Statement {
    static final int ROUNDS = 60;
    static final String INCREASE = "smallest top log-odds increase over the rounds";

    /** Each try certifies 60 DPO rounds (0.5 s at 50 digits once warm; the first tries pay the JIT): 6 tries. */
    @Override public int defaultTries() { return 6; }

    @Override public String id() { return "DPO-COLLAPSE"; }
    @Override public String title() { return "[empirical] MRS-DPO with alpha = 1 on strictly SST P concentrates on the top response."; }
    @Override public Kind kind() { return Kind.EMPIRICAL; }

    @Override
    public Arbitrary<Instance> hypotheses() {
      return Arbitraries.integers().between(2, 4).flatMap(k -> Combinators.combine(
          Matrices.strictlySst(k, k).filter(MrsDpoStatements::openEntries), DynamicsStatements.grid(1, 3, 4),
          DynamicsStatements.grid(1, 4, 2), Distributions.interior(k), Distributions.interior(k))
          .as((pm, l, b, pi0, init) -> Instance.of(pm).withAlpha(Rationals.ONE).withLambda(l).withBeta(b)
              .withRef(Distribution.uniform(k)).withPi0(pi0).withInit(init)));
    }

    @Override
    public boolean admits(Instance x) {
      return Structure.sst(x.pref()) == Sst.STRICT && openEntries(x.pref()) && DynamicsStatements.isOne(x.alpha())
          && DynamicsStatements.unit(x.lambda()) && x.lambda() != null && x.lambda().compareTo(Rationals.of(3, 4)) <= 0
          && DynamicsStatements.positive(x.beta())
          && DynamicsStatements.interiorNonNull(x.pi0()) && DynamicsStatements.interiorOrNull(x.init());
    }

    @Override
    public Margin check(Instance x, Precision p) {
      return margin(x, DynamicsStatements.top(x.pref()), p);
    }

    /**
     * The margin with {@code top} as the response claimed to collect the mass (the statement's
     * top is the majority-order winner; the tests pass a wrong one to see it VIOLATED).
     */
    public static Margin margin(Instance x, int top, Precision p) {
      String detail = "MRS-DPO, " + ROUNDS + " rounds: min(log10 shrink of 1 - π_top - 1, smallest top log-odds increase)";
      int prec = p.bits();
      int wp = prec + 8;
      MrsParameters params = dpo(x);
      boolean alphaOne = params.alpha().compareTo(Rationals.ONE) == 0;
      DpoBallRound round = new DpoBallRound(params, p);
      Ball[] theta = DpoOptimum.logBalls(DynamicsStatements.initOf(x), wp);
      Ball off0 = massOff(theta, top, wp);
      // the smallest increase over all rounds and responses, as one ball (Ball.min of enclosures
      // encloses the minimum; one conversion to a Margin at the end)
      @Nullable Ball minInc = null;
      for (int t = 1; t <= ROUNDS; t++) {
        DpoBallRound.Step step = round.apply(theta);
        Ball[] next = step.theta();
        Ball[] update = step.update();
        if (next == null || update == null) {
          // the rounds certified so far still bound the minimum from above
          Margin unknown = Margin.unknown(stopped(t, String.valueOf(step.failure())), true, detail);
          return minInc == null ? unknown : Margin.min(unknown, Margin.of(minInc, true, INCREASE));
        }
        for (int j = 0; j < theta.length; j++) {
          if (j == top) {
            continue;
          }
          // at α = 1 the increase of θ_top - θ_j is exactly the update's difference
          Ball inc = alphaOne ? update[top].sub(update[j], wp)
              : next[top].sub(next[j], wp).sub(theta[top].sub(theta[j], wp), wp);
          minInc = minInc == null ? inc : Ball.min(minInc, inc);
        }
        theta = next;
      }
      Ball shrink = off0.div(massOff(theta, top, wp), wp).log(wp).div(Ball.exact(10).log(wp), wp).sub(Ball.ONE, wp);
      Margin m = Margin.of(shrink, true, "log10(off_0/off_" + ROUNDS + ") - 1");
      return minInc == null ? m : Margin.min(m, Margin.of(minInc, true, INCREASE));
    }

    /** {@code 1 - π_top = Σ_{j≠top} softmax(θ)_j}, in balls (relative accuracy even when small). */
    static Ball massOff(Ball[] theta, int top, int wp) {
      Ball[] s = Ball.softmax(theta, wp);
      Ball off = Ball.ZERO;
      for (int j = 0; j < s.length; j++) {
        if (j != top) {
          off = off.add(s[j], wp);
        }
      }
      return off;
    }
  }
}
