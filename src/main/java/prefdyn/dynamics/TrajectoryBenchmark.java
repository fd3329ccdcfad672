package prefdyn.dynamics;

import java.util.ArrayList;
import java.util.List;
import org.apfloat.Apfloat;
import org.apfloat.Aprational;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;

/**
 * Benchmark: a 3,000-round K = 4 MRS-IPO trajectory at a given precision (the instance of
 * {@code bench/mrs_mpmath.py}, which does the same arithmetic in mpmath). Returns timings; the
 * CLI's bench command can list it.
 */
public final class TrajectoryBenchmark implements prefdyn.num.Benchmark {
  public TrajectoryBenchmark() {}

  @Override
  public String suite() {
    return "mrs";
  }

  @Override
  public String description() {
    return "one MRS-IPO round (K = 4, the bench/mrs_mpmath.py instance) from a mid-trajectory state; "
        + "x 3000 for the trajectory; compare with python3 bench/mrs_mpmath.py";
  }

  @Override
  public List<Row> run(List<Integer> digits, Settings settings) {
    List<Row> rows = prefdyn.num.Benchmark.rows();
    MrsParameters params = instance();
    for (int d : digits) {
      Precision p = Precision.ofDigits(d);
      MrsMap map = new MrsMap(params, p);
      Apfloat[] mid = Trajectory.run(map, map.logitsOf(Distribution.uniform(4)), 50);
      double micros = prefdyn.num.Benchmark.medianMicros(() -> map.apply(mid), settings);
      rows.add(new Row("mrs-ipo round (K=4)", d, micros, null, Double.NaN));
    }
    return rows;
  }

  public static final int STEPS = 3000;

  /**
   * One timed run.
   *
   * @param cpuSeconds CPU time of the running thread (the machine may be shared; compare with
   *     mpmath's {@code time.process_time()})
   * @param wallSeconds elapsed time
   * @param theta0 the first centered logit after the last round, at the requested digits
   */
  public record Timing(int digits, int steps, double cpuSeconds, double wallSeconds, String theta0) {}

  /** The benchmark instance: strictly SST K = 4, α = 1/2, λ = 3/4, β = 3, π_ref = (4,3,2,1)/10. */
  public static MrsParameters instance() {
    long[][] num = {{5, 6, 8, 9}, {4, 5, 6, 8}, {2, 4, 5, 7}, {1, 2, 3, 5}};
    Aprational[][] q = new Aprational[4][4];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        q[i][j] = Rationals.of(num[i][j], 10);
      }
    }
    Distribution ref = Distribution.of(Rationals.of(4, 10), Rationals.of(3, 10), Rationals.of(2, 10), Rationals.of(1, 10));
    return new MrsParameters(PreferenceMatrix.of(q), Rationals.HALF, Rationals.of(3, 4), Rationals.of(3), ref,
        Distribution.uniform(4), MrsParameters.Method.IPO);
  }

  /** Times {@code repeats} runs at each precision (the first run at each precision includes JIT warm-up). */
  public static List<Timing> run(int[] digits, int repeats) {
    List<Timing> out = new ArrayList<>();
    MrsParameters params = instance();
    for (int d : digits) {
      Precision p = Precision.ofDigits(d);
      for (int r = 0; r < repeats; r++) {
        MrsMap map = new MrsMap(params, p);
        Apfloat[] theta = map.logitsOf(Distribution.uniform(4));
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        theta = Trajectory.run(map, theta, STEPS);
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
        out.add(new Timing(d, STEPS, cpu, wall, p.format(theta[0])));
      }
    }
    return out;
  }
}
