package prefdyn.experiment;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import prefdyn.dynamics.FastMrs;
import prefdyn.dynamics.MrsParameters;
import prefdyn.dynamics.TrajectoryBenchmark;
import prefdyn.jmh.JmhDefaults;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;

/**
 * JMH: one run of the sweep's double fast path (3,000 rounds, K = 4, alpha 1/2, lambda 1, beta 1,
 * uniform reference and start; the bench matrix), one core. Divide by 3,000 for ns per
 * matrix-round and compare with {@code bench/sweep_numpy.py} (its "ns per matrix-round", CPU) and
 * the scalar C limit {@code bench/sweep_scalar.c}.
 * <ul>
 *   <li>{@code sweepRun}: {@link Sweep#fast} as the experiment runs it;
 *   <li>{@code sweepRunOneSoftmax}: the same loop using {@link FastMrs#step(double[], double[])},
 *       which hands back the new policy instead of the loop computing it a second time;
 *   <li>{@code roundsOnly}: {@link FastMrs#run} without the sweep's bookkeeping.
 * </ul>
 * <pre>  java -jar target/jmh/prefdyn-jmh.jar SweepJmh</pre>
 */
public class SweepJmh extends JmhDefaults {
  static final int STEPS = 3000;
  private MrsParameters params;
  private FastMrs map;
  private final double[] theta = new double[4];
  private final double[] pi = new double[4];

  @Setup
  public void setUp() {
    MrsParameters b = TrajectoryBenchmark.instance();
    params = new MrsParameters(b.pref(), Rationals.HALF, Rationals.ONE, Rationals.ONE, Distribution.uniform(4),
        Distribution.uniform(4), MrsParameters.Method.IPO);
    map = new FastMrs(params);
  }

  @Benchmark
  public Sweep.Run sweepRun() {
    return Sweep.fast(0, 0, params, Distribution.uniform(4), STEPS, theta);
  }

  @Benchmark
  public double sweepRunOneSoftmax() {
    FastMrs m = new FastMrs(params);
    java.util.Arrays.fill(theta, 0);
    Sweep.Moments all = new Sweep.Moments(4);
    Sweep.Moments tail = new Sweep.Moments(4);
    boolean underflow = false;
    for (long t = 1; t <= STEPS; t++) {
      m.step(theta, pi);
      for (double v : pi) {
        underflow |= v < Double.MIN_NORMAL;
      }
      all.add(pi);
      if (t >= STEPS / 2 + 1) {
        tail.add(pi);
      }
    }
    return all.meanVariance() + tail.meanVariance() + (underflow ? 1 : 0) + FastMrs.entropy(theta);
  }

  @Benchmark
  public double roundsOnly() {
    java.util.Arrays.fill(theta, 0);
    map.run(theta, STEPS);
    return theta[0];
  }
}
