package prefdyn.jmh;

import org.apfloat.Apfloat;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import prefdyn.dynamics.MrsMap;
import prefdyn.dynamics.Trajectory;
import prefdyn.dynamics.TrajectoryBenchmark;
import prefdyn.num.Kernel;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;

/**
 * JMH microbenchmarks of the arbitrary-precision kernel and of one MRS-IPO round (the instance of
 * {@code prefdyn bench}), at 50 and 1,000 digits. Not part of the build or of {@code mvn verify}:
 * <pre>
 *   mvn -B -Pjmh -DskipTests package
 *   java -jar target/jmh/prefdyn-jmh.jar                 # all (about 5 minutes)
 *   java -jar target/jmh/prefdyn-jmh.jar 'KernelJmh.exp' -p digits=50 -f 1 -wi 3 -i 5
 * </pre>
 */
public class KernelJmh extends JmhDefaults.AtDigits {
  private Precision p;
  private Apfloat[] xs;
  private Apfloat[] ys;
  private Apfloat[] logits;
  private MrsMap map;
  private Apfloat[] theta;
  private int i;

  @Setup
  public void setUp() {
    p = Precision.ofDigits(digits);
    xs = new Apfloat[] {p.real(Rationals.of(-37, 7)), p.real(Rationals.of(7, 3)), p.real(Rationals.of(-2, 13)), p.real(Rationals.of(58, 11))};
    ys = new Apfloat[] {p.real(Rationals.of(3, 7)), p.real(Rationals.of(29, 3)), p.real(Rationals.of(1, 30_000_001)), p.real(Rationals.of(175, 11))};
    logits = xs.clone();
    map = new MrsMap(TrajectoryBenchmark.instance(), p);
    theta = Trajectory.run(map, map.logitsOf(Distribution.uniform(4)), 50);
  }

  @Benchmark
  public Apfloat exp() {
    return Kernel.exp(xs[i++ & 3], p);
  }

  @Benchmark
  public Apfloat log() {
    return Kernel.log(ys[i++ & 3], p);
  }

  @Benchmark
  public Apfloat logSumExp() {
    return Kernel.logSumExp(logits, p);
  }

  @Benchmark
  public Apfloat[] softmax() {
    return Kernel.softmax(logits, p);
  }

  /** One MRS-IPO round (K = 4) from a state 50 rounds into the bench trajectory. */
  @Benchmark
  public Apfloat[] mrsIpoRound() {
    return map.apply(theta);
  }
}
