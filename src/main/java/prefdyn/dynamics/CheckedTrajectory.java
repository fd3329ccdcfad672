package prefdyn.dynamics;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.num.Ball;
import prefdyn.num.InvalidParameter;
import prefdyn.num.Precision;
import prefdyn.pref.Distribution;

/**
 * A trajectory whose printed digits are certified in one pass: the orbit runs in ball arithmetic
 * ({@link BallOrbit}: exact midpoints plus a rigorous 2-norm error bound), and every printed value
 * shows only the digits its enclosure certifies ({@link Ball#format}).
 *
 * <p>When the error bound grows so that the requested digits are no longer certified (an
 * expanding orbit, ρ > 1), the run is stopped and restarted at a precision chosen from the
 * observed growth: the bits lost so far, plus the loss rate per round times the rounds still to
 * go, plus a margin (proofs-notes/trajectories.md). The precision is capped ({@link #capBits()});
 * a run that is not certified even there prints the digits that are certified and says so
 * ({@link Result#complete()} false). Requested digits are limited to {@link #MAX_DIGITS}.
 *
 * <p>Policies and entropy are printed to the requested significant digits (relative accuracy,
 * also near a vertex). Logits are printed to an absolute quantum of 10^-digits times
 * {@code max(1, max|θ_i|)}: a centered logit that is 0 up to that quantum prints as 0.
 */
public final class CheckedTrajectory {
  private CheckedTrajectory() {}

  /** Margin (bits) added to every precision chosen. */
  static final int MARGIN_BITS = 32;

  /** At most this many runs (the first and the restarts). */
  static final int MAX_RUNS = 12;

  /**
   * The largest --digits a certified trajectory accepts. Above it the ball exp/log of one round
   * cost minutes (measured: about 1 s per exp at 10,000 digits, about 10 s at 30,000 on the
   * 2-core machine), so the documented range of {@code iterate} stops here.
   */
  public static final int MAX_DIGITS = 10_000;

  /**
   * One traced round, as printed text.
   *
   * @param certifiedDigits the fewest digits certified among this round's printed values (at most
   *     the requested digits; for logits counted against the absolute quantum)
   */
  public record Point(long t, List<String> policy, List<String> logits, String entropy, int certifiedDigits) {}

  /**
   * The certified result.
   *
   * @param trace the traced rounds (0, every N-th, last)
   * @param workingBits the ball precision (bits) of the run whose texts are returned
   * @param runs how many runs it took (1 unless the error bound forced a restart)
   * @param certifiedDigits the fewest certified digits over every printed value (the requested
   *     digits when {@code complete})
   * @param complete every printed value shows all requested digits
   * @param finalError upper bound of {@code ||θ_T - m_T||_2} (decimal text, rounded up)
   * @param uncertified why the run stopped without an enclosure (a round that could not be
   *     enclosed, e.g. a DPO optimum that was not certified; more precision does not help), or null
   * @param plotT rounds sampled for a plot (at most about {@code plotPoints} + 1)
   * @param plotPolicy policy at those rounds (doubles, for pictures only)
   * @param plotEntropy entropy at those rounds (doubles)
   */
  public record Result(List<Point> trace, int workingBits, int runs, int certifiedDigits, boolean complete,
      String finalError, @Nullable String uncertified, long[] plotT, double[][] plotPolicy, double[] plotEntropy) {
    public Point last() {
      return trace.get(trace.size() - 1);
    }

    /** Decimal digits corresponding to {@link #workingBits}. */
    public long workingDigits() {
      return (long) Math.floor(workingBits * 0.30102999566398120);
    }
  }

  /** The ball precision at which a run starts: the requested digits plus a margin. */
  public static int startBits(int digits, long steps) {
    return bitsForDigits(digits) + MARGIN_BITS + (int) Math.ceil(Math.log(steps + 2.0) / Math.log(2));
  }

  /** The cap of the restarts: the precision of twice {@link #MAX_DIGITS} digits. */
  public static int capBits() {
    return Math.min(Ball.MAX_PREC, bitsForDigits(2L * MAX_DIGITS) + 4 * MARGIN_BITS);
  }

  static int bitsForDigits(long digits) {
    return (int) Math.ceil(digits * 3.3219280948873623);
  }

  /**
   * Runs {@code steps} rounds from {@code init} and prints the certified digits.
   *
   * @param every trace every N rounds ({@code <= 0}: first and last only)
   * @param plotPoints how many rounds to sample for a picture (0: none)
   */
  public static Result run(MrsParameters params, Distribution init, long steps, long every, Precision precision,
      int plotPoints, Trajectory.@Nullable Progress progress) {
    // the ball round uses the map's exact parameters only; its Apfloat precision is irrelevant here
    MrsMap map = new MrsMap(params, Precision.ofDigits(20));
    return run(bits -> population(map, init, bits), params.method() == MrsParameters.Method.DPO
        ? " (the DPO optimum was not certified)" : "", steps, every, precision, plotPoints, progress);
  }

  /**
   * A certified orbit at one ball precision: a box containing the true θ_t after each round. The
   * population orbit is {@link BallOrbit}; the finite-sample one is
   * {@code prefdyn.finite.SampledBallOrbit}.
   */
  public interface Orbit {
    /**
     * One round.
     *
     * @return null when done; otherwise why the round could not be decided at this precision (a
     *     higher precision may decide it)
     */
    @Nullable String step();

    /** The box {@code m_t ± e_t}: every coordinate of θ_t lies in its ball. */
    Ball[] box();

    /** {@code e_t}: its upper end bounds {@code ||θ_t - m_t||_2} (not finite: no enclosure). */
    Ball error();
  }

  /** The population orbit from {@code init} at {@code bits}. */
  static Orbit population(MrsMap map, Distribution init, int bits) {
    BallOrbit orbit = new BallOrbit(map, map.logitsOfBalls(init, bits, "start"), bits);
    return new Orbit() {
      @Override
      public @Nullable String step() {
        orbit.step();
        return null;
      }

      @Override
      public Ball[] box() {
        return orbit.box();
      }

      @Override
      public Ball error() {
        return orbit.error();
      }
    };
  }

  /**
   * Runs {@code steps} rounds of the orbits {@code orbitAt} (one per ball precision, each from
   * the same start) and prints the certified digits, restarting at a higher precision as
   * described in the class comment (also when a round could not be decided at a precision).
   *
   * @param whyNotEnclosed appended to the reason when a round's enclosure is not finite
   * @param every trace every N rounds ({@code <= 0}: first and last only)
   * @param plotPoints how many rounds to sample for a picture (0: none)
   */
  public static Result run(IntFunction<Orbit> orbitAt, String whyNotEnclosed, long steps, long every,
      Precision precision, int plotPoints, Trajectory.@Nullable Progress progress) {
    if (steps < 0) {
      throw new IllegalArgumentException("negative number of steps");
    }
    int digits = precision.digits();
    if (digits > MAX_DIGITS) {
      throw new InvalidParameter("digits", "a certified trajectory needs at most " + MAX_DIGITS
          + " digits (ball exp/log above that cost minutes per round), got " + digits);
    }
    int cap = capBits();
    int bits = Math.min(cap, startBits(digits, steps));
    int runs = 0;
    while (true) {
      runs++;
      boolean last = bits >= cap || runs >= MAX_RUNS;
      Attempt a = attempt(orbitAt.apply(bits), whyNotEnclosed, steps, every, digits, bits, plotPoints, !last, progress);
      if (a.complete || last || a.uncertified != null) {
        return new Result(a.trace, bits, runs, a.certified, a.complete, a.finalError, a.uncertified, a.plotT(),
            a.plotPolicy(), a.plotEntropy());
      }
      int next = nextBits(bits, a, steps);
      bits = Math.min(cap, Math.max(next, bits + bits / 4 + MARGIN_BITS));
    }
  }

  /**
   * The restart rule: the bits by which the error bound exceeded its target at the failing round,
   * plus (when the run stopped early at round t) the observed loss rate per round times the rounds
   * still to go, but at most t of them (the growth is extrapolated no further than it was
   * observed; a later failure restarts again with the longer observation), plus a margin; at
   * least the digits missing from the printed values.
   */
  static int nextBits(int bits, Attempt a, long steps) {
    double over = Math.max(0, a.excessBits);
    double rate = a.stoppedAt > 0 ? Math.max(0, a.lostBits / a.stoppedAt) : 0;
    double rest = a.stoppedAt >= 0 ? rate * Math.min(steps - a.stoppedAt, Math.max(1, a.stoppedAt)) : 0;
    double missing = bitsForDigits(Math.max(0, a.missingDigits));
    double extra = Math.max(over + rest, missing) + MARGIN_BITS;
    return (int) Math.min(Integer.MAX_VALUE / 2, Math.ceil(bits + extra));
  }

  /** One run at a fixed precision. */
  static final class Attempt {
    final List<Point> trace = new ArrayList<>();
    int certified = Integer.MAX_VALUE;
    boolean complete = true;
    /** Round at which the run was stopped (-1: ran to the end). */
    long stoppedAt = -1;
    /** log2 of (error bound / its target) at the stop (or the worst traced round). */
    double excessBits;
    /** log2 e_t - log2 e_start at the stop. */
    double lostBits;
    int missingDigits;
    String finalError = "0";
    @Nullable String uncertified;
    final List<Long> pt = new ArrayList<>();
    final List<double[]> pp = new ArrayList<>();
    final List<Double> pe = new ArrayList<>();

    long[] plotT() {
      return pt.stream().mapToLong(Long::longValue).toArray();
    }

    double[][] plotPolicy() {
      return pp.toArray(new double[0][]);
    }

    double[] plotEntropy() {
      return pe.stream().mapToDouble(Double::doubleValue).toArray();
    }
  }

  static Attempt attempt(Orbit orbit, String whyNotEnclosed, long steps, long every, int digits, int bits,
      int plotPoints, boolean mayStop, Trajectory.@Nullable Progress progress) {
    Attempt a = new Attempt();
    // the error bound a printed value can afford: a relative 10^-(digits+1)/16 of the policy and
    // entropy, an absolute 10^-(digits+1)/16 · max(1, |θ|) of the logits (see trajectories.md)
    double targetLog2 = -(digits + 1) * 3.3219280948873623 - 4;
    double startLog2 = Double.NaN;
    long plotEvery = plotPoints <= 0 ? 0 : Math.max(1, steps / plotPoints);
    Trajectory.Throttle throttle = new Trajectory.Throttle(progress);
    for (long t = 0; ; t++) {
      if (t > 0) {
        String undecided = orbit.step();
        if (undecided != null) {
          a.complete = false;
          if (!mayStop) {
            a.certified = 0;
            a.uncertified = undecided + " (at the highest precision tried, " + bits + " bits)";
            a.finalError = "inf";
            return a;
          }
          // more bits shrink the enclosures: restart at a higher precision
          a.stoppedAt = t;
          a.excessBits = bits / 4.0;
          a.lostBits = 0;
          return a;
        }
      }
      double e = BallOrbit.log2Upper(orbit.error());
      if (Double.isNaN(startLog2) && e > Double.NEGATIVE_INFINITY) {
        startLog2 = e;
      }
      boolean traced = Trajectory.traced(t, steps, every);
      if (e == Double.POSITIVE_INFINITY) {
        // the round itself could not be enclosed: no precision helps; report what was certified
        a.complete = false;
        a.certified = 0;
        a.uncertified = "round " + t + " could not be enclosed" + whyNotEnclosed;
        a.finalError = "inf";
        return a;
      }
      if (mayStop && e > targetLog2 && t < steps) {
        // the bound already exceeds what the requested digits need: restart now
        a.complete = false;
        a.stoppedAt = t;
        a.excessBits = e - targetLog2;
        a.lostBits = Double.isNaN(startLog2) || !Double.isFinite(e) ? bits : e - startLog2;
        if (!Double.isFinite(e)) {
          a.excessBits = bits;
        }
        return a;
      }
      if (traced) {
        Point p = point(t, orbit.box(), digits, bits);
        a.trace.add(p);
        a.certified = Math.min(a.certified, p.certifiedDigits());
        if (p.certifiedDigits() < digits) {
          a.complete = false;
          a.missingDigits = Math.max(a.missingDigits, digits - p.certifiedDigits());
          a.excessBits = Math.max(a.excessBits, e - targetLog2);
        }
      }
      if (plotEvery > 0 && (t % plotEvery == 0 || t == steps)) {
        Ball[] box = orbit.box();
        Ball[] pi = MrsMap.policy(box, 64);
        double[] d = new double[pi.length];
        for (int i = 0; i < pi.length; i++) {
          d[i] = pi[i].midDouble();
        }
        a.pt.add(t);
        a.pp.add(d);
        a.pe.add(MrsMap.entropy(box, 64).midDouble());
      }
      throttle.at(t, steps);
      if (t == steps) {
        break;
      }
    }
    throttle.end(steps);
    a.certified = Math.min(a.certified, digits);
    Ball err = orbit.error();
    a.finalError = err.isFinite() ? err.upperDecimal(3) : "inf";
    return a;
  }

  /** The printed texts of one round from a box of logits. */
  public static Point point(long t, Ball[] box, int digits, int bits) {
    int wp = bits + 16;
    Ball[] pi = MrsMap.policy(box, wp);
    List<String> policy = new ArrayList<>();
    int certified = digits;
    for (Ball x : pi) {
      policy.add(text(x, digits));
      certified = Math.min(certified, significant(x, digits));
    }
    Ball h = MrsMap.entropy(box, wp);
    String entropy = text(h, digits);
    certified = Math.min(certified, significant(h, digits));
    Absolute logits = formatAbsolute(box, Ball.ONE, digits);
    certified = Math.min(certified, logits.certifiedDigits());
    return new Point(t, policy, logits.texts(), entropy, certified);
  }

  /**
   * The certified digits of a ball ({@link Ball#format}, at most {@code digits} significant ones),
   * trailing zeros of the fraction dropped (as every other command prints approximate numbers; a
   * shorter text makes a weaker claim, so it stays certified).
   */
  public static String text(Ball x, int digits) {
    String s = x.format(digits);
    int e = s.indexOf('e');
    String mant = e < 0 ? s : s.substring(0, e);
    String exp = e < 0 ? "" : s.substring(e);
    if (mant.indexOf('.') >= 0 && !mant.startsWith("[")) {
      int end = mant.length();
      while (end > 0 && mant.charAt(end - 1) == '0') {
        end--;
      }
      if (end > 0 && mant.charAt(end - 1) == '.') {
        end--;
      }
      mant = mant.substring(0, end);
    }
    return mant + exp;
  }

  /** Certified significant digits of a value printed to at most {@code digits} (0 if none). */
  static int significant(Ball x, int digits) {
    if (x.isExact()) {
      return digits;
    }
    return x.certifiedDigits(digits);
  }

  /**
   * Texts of values known to an absolute accuracy, each printed to the quantum
   * {@code 10^-digits · max(floor, max|x_i|)} (only certified digits), and the digits certified
   * against that quantum (the requested digits when every value shows all its digits).
   */
  public record Absolute(List<String> texts, int certifiedDigits) {}

  /** See {@link Absolute}. */
  public static Absolute formatAbsolute(Ball[] xs, Ball floor, int digits) {
    long top = decimalScale(floor);
    for (Ball x : xs) {
      top = Math.max(top, decimalScale(x));
    }
    List<String> out = new ArrayList<>();
    int certified = digits;
    for (Ball x : xs) {
      long scale = decimalScale(x);
      long sig = scale == Long.MIN_VALUE ? 0 : digits - (top - scale);
      if (sig >= 1 && x.isFinite() && !x.containsZero()) {
        out.add(text(x, (int) Math.min(sig, Integer.MAX_VALUE)));
        int c = significant(x, (int) sig);
        certified = (int) Math.min(certified, digits - (sig - c));
      } else if (x.isFinite() && belowQuantum(x, top - digits)) {
        out.add("0");
      } else {
        out.add(x.format(Math.max(1, (int) Math.min(sig, Integer.MAX_VALUE))));
        certified = 0;
      }
    }
    return new Absolute(out, Math.max(0, certified));
  }

  /** Whether {@code |x| < 10^q} for every x of the ball. */
  static boolean belowQuantum(Ball x, long q) {
    Ball a = x.abs();
    Ball bound = q >= 0 ? Ball.exact(BigInteger.TEN.pow((int) q))
        : Ball.ONE.div(Ball.exact(BigInteger.TEN.pow((int) -q)), 64);
    // |x| <= hi(a) and 10^q >= lo(bound): hi(a) < lo(bound) iff bound - a is positive
    return bound.sub(a, 64).isPositive();
  }

  /**
   * The decimal scale s of the ball's midpoint, {@code 10^(s-1) <= |m| < 10^s} (up to one unit;
   * only used to choose printed digits), {@code Long.MIN_VALUE} for 0.
   */
  static long decimalScale(Ball x) {
    if (!x.isFinite()) {
      return 0;
    }
    Ball a = MrsMap.midpoint(x).abs();
    if (a.isExact() && a.containsZero()) {
      return Long.MIN_VALUE;
    }
    return (long) Math.floor(BallOrbit.log2Upper(a) * 0.30102999566398120) + 1;
  }
}
