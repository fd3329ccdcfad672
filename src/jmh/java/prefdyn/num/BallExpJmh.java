package prefdyn.num;

import java.math.BigInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import prefdyn.jmh.JmhDefaults;

/**
 * JMH microbenchmarks of the ball exp's two algorithms (proofs-notes/kernel.md): halvings and
 * doublings around a rectangular-splitting series ({@code method=halving}) against the chunked
 * reduction with cached chunk exponentials ({@code method=chunked}), at 50 and 1,000 digits, on
 * exact arguments that repeat (as in a converging trajectory), and the cost of one uncached chunk
 * series. In the {@code -Pjmh} profile only:
 * <pre>
 *   java -jar target/jmh/prefdyn-jmh.jar 'BallExpJmh' -f 1 -wi 3 -i 5
 * </pre>
 */
public class BallExpJmh extends JmhDefaults.AtDigits {
  @Param({"halving", "chunked"})
  public String method;

  private int prec;
  private Ball[] xs;
  private int i;
  private int saved;

  @Setup
  public void setUp() {
    saved = Ball.CHUNKED_EXP_BITS;
    Ball.CHUNKED_EXP_BITS = method.equals("chunked") ? 0 : Integer.MAX_VALUE;
    prec = Precision.ofDigits(digits).bits();
    java.util.Random rnd = new java.util.Random(5);
    xs = new Ball[4];
    for (int k = 0; k < xs.length; k++) {
      // exact arguments in (-4, 0): softmax's exponents e^{θ_i - max θ}
      xs[k] = Ball.dyadic(new BigInteger(prec, rnd), -prec).mulPow2(2).neg();
    }
  }

  @TearDown
  public void tearDown() {
    Ball.CHUNKED_EXP_BITS = saved;
  }

  @Benchmark
  public Ball exp() {
    return xs[i++ & 3].exp(prec);
  }

  /** One chunk exponential e^{p 2^-16} at the exp's working bits, not cached (a table miss). */
  @Benchmark
  public FixedPointMath.Approx chunkMiss() {
    return FixedPointMath.expSmall(20_000 + (i++ & 1023), 16, prec + 24);
  }
}
