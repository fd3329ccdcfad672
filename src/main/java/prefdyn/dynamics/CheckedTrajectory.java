package prefdyn.dynamics;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;

/**
 * A trajectory whose printed digits are checked: it is computed at the precision's working digits
 * and again with more guard digits, and the decimal texts at the requested digits of every traced
 * value are compared; on a mismatch (an orbit that amplifies rounding errors, e.g. an expanding
 * oscillation) the guard digits are doubled until two runs agree. The texts of the agreeing run
 * are returned, so every printed digit is one that survives a precision increase.
 *
 * <p>Policies and entropy are printed to the requested significant digits (they are computed
 * relatively accurately, also near a vertex). Logits are printed to an absolute quantum of
 * 10^-digits times {@code max(1, max|θ_i|)}: a centered logit that is 0 up to rounding (e.g. at a
 * uniform fixed point) prints as 0, not as rounding noise.
 */
public final class CheckedTrajectory {
  private CheckedTrajectory() {}

  /** One traced round, as printed text. */
  public record Point(long t, List<String> policy, List<String> logits, String entropy) {}

  /**
   * The checked result.
   *
   * @param trace the traced rounds (0, every N-th, last)
   * @param workingDigits working digits of the run whose texts are returned
   * @param runs how many runs it took (2 when the first recheck agreed)
   * @param plotT rounds sampled for a plot (at most about {@code plotPoints} + 1)
   * @param plotPolicy policy at those rounds (doubles, for pictures only)
   * @param plotEntropy entropy at those rounds (doubles)
   */
  public record Result(List<Point> trace, long workingDigits, int runs, long[] plotT, double[][] plotPolicy,
      double[] plotEntropy) {
    public Point last() {
      return trace.get(trace.size() - 1);
    }
  }

  /**
   * Runs {@code steps} rounds from {@code init} and checks the printed digits.
   *
   * @param every trace every N rounds ({@code <= 0}: first and last only)
   * @param plotPoints how many rounds to sample for a picture (0: none)
   */
  public static Result run(MrsParameters params, Distribution init, long steps, long every, Precision precision,
      int plotPoints, Trajectory.@Nullable Progress progress) {
    int extra = 10 + precision.digits() / 10;
    Run a = runOnce(params, init, steps, every, precision, precision, plotPoints, true, progress);
    int runs = 1;
    while (true) {
      Precision higher = precision.raisedBy(extra);
      if (higher.digits() == precision.digits()) {
        throw new ArithmeticException("printed digits did not stabilize below " + Precision.MAX_DIGITS + " digits");
      }
      Run b = runOnce(params, init, steps, every, higher, precision, 0, false, progress);
      runs++;
      if (MessageDigest.isEqual(a.digest, b.digest)) {
        return new Result(a.trace, precision.working() + a.workingExtra, runs, a.plotT,
            a.plotPolicy, a.plotEntropy);
      }
      // the orbit amplifies rounding: keep the more precise run's texts and recheck with more digits
      a = runOnce(params, init, steps, every, higher, precision, plotPoints, true, progress);
      runs++;
      extra *= 2;
    }
  }

  private static final class Run {
    final List<Point> trace = new ArrayList<>();
    byte[] digest = new byte[0];
    long[] plotT = new long[0];
    double[][] plotPolicy = new double[0][];
    double[] plotEntropy = new double[0];
    long workingExtra;
  }

  private static Run runOnce(MrsParameters params, Distribution init, long steps, long every, Precision compute,
      Precision print, int plotPoints, boolean keep, Trajectory.@Nullable Progress progress) {
    MrsMap map = new MrsMap(params, compute);
    Run run = new Run();
    run.workingExtra = compute.working() - print.working();
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    long plotEvery = plotPoints <= 0 ? 0 : Math.max(1, steps / plotPoints);
    List<Long> pt = new ArrayList<>();
    List<double[]> pp = new ArrayList<>();
    List<Double> pe = new ArrayList<>();
    Trajectory.Observer obs = (t, theta) -> {
      boolean traced = t == 0 || t == steps || (every > 0 && t % every == 0);
      if (traced) {
        Point point = point(t, theta, compute, print);
        md.update(point.toString().getBytes(StandardCharsets.UTF_8));
        if (keep) {
          run.trace.add(point);
        }
      }
      if (keep && plotEvery > 0 && (t % plotEvery == 0 || t == steps)) {
        Apfloat[] pi = LogitPolicy.policy(theta, compute);
        double[] d = new double[pi.length];
        for (int i = 0; i < pi.length; i++) {
          d[i] = pi[i].doubleValue();
        }
        pt.add(t);
        pp.add(d);
        pe.add(LogitPolicy.entropy(theta, compute).doubleValue());
      }
    };
    long observeEvery = every;
    if (plotEvery > 0) {
      observeEvery = every > 0 ? gcd(every, plotEvery) : plotEvery;
    }
    Trajectory.run(map, map.logitsOf(init), steps, observeEvery, obs, progress);
    run.digest = md.digest();
    run.plotT = pt.stream().mapToLong(Long::longValue).toArray();
    run.plotPolicy = pp.toArray(new double[0][]);
    run.plotEntropy = pe.stream().mapToDouble(Double::doubleValue).toArray();
    return run;
  }

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  /** The printed texts of one round. */
  public static Point point(long t, Apfloat[] theta, Precision compute, Precision print) {
    Apfloat[] pi = LogitPolicy.policy(theta, compute);
    List<String> policy = new ArrayList<>();
    for (Apfloat x : pi) {
      policy.add(print.format(x));
    }
    return new Point(t, policy, formatLogits(theta, print), print.format(LogitPolicy.entropy(theta, compute)));
  }

  /** Logits to an absolute quantum of 10^-digits·max(1, max|θ_i|) (see the class comment). */
  public static List<String> formatLogits(Apfloat[] theta, Precision print) {
    long top = 1;
    for (Apfloat x : theta) {
      if (x.signum() != 0) {
        top = Math.max(top, x.scale());
      }
    }
    List<String> out = new ArrayList<>();
    for (Apfloat x : theta) {
      long sig = x.signum() == 0 ? 0 : print.digits() - (top - x.scale());
      if (sig <= 0) {
        // below the quantum: 0, or ±1 quantum when it rounds up to it
        Apfloat quantum = ApfloatMath.scale(new Apfloat(1), top - print.digits());
        Apfloat half = quantum.multiply(new Apfloat("0.5"));
        if (x.signum() == 0 || ApfloatMath.abs(x).compareTo(half) <= 0) {
          out.add("0");
        } else {
          out.add(Rationals.formatApprox(x.signum() > 0 ? quantum : quantum.negate()));
        }
      } else {
        out.add(Rationals.formatApprox(ApfloatMath.round(x, sig, java.math.RoundingMode.HALF_EVEN)));
      }
    }
    return out;
  }
}
