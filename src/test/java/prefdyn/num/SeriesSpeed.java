package prefdyn.num;

import java.math.BigInteger;
import java.util.Random;

/**
 * Speed harness (a main, not a test): the exp remainder series of {@link FixedPointMath} with
 * deferred word denominators ({@code seriesBlocks}) against the previous evaluation with one word
 * division per term ({@code seriesBlocksDividing}), interleaved in one process, at the argument
 * size of the chunked exp at 1,000 digits (g = 3,400, |u| < 2^-128, 8 levels) and at 50 digits
 * (g = 190, |u| <= 2^-8, the halving path). Best-of-batches CPU time of this thread.
 *
 * <p>Run: {@code java -cp target/classes:target/test-classes:<apfloat.jar> prefdyn.num.SeriesSpeed}
 */
public final class SeriesSpeed {
  private SeriesSpeed() {}

  public static void main(String[] args) {
    int[][] cases = {{3400, 128}, {190, 8}};
    for (int[] c : cases) {
      int g = c[0];
      BigInteger u = new BigInteger(g - c[1], new Random(5)).setBit(g - c[1] - 1);
      int n = FixedPointMathTest.terms(u, g);
      int m = Math.max(1, (int) Math.round(Math.sqrt(n)));
      BigInteger[] pow = FixedPointMathTest.powers(u, g, m);
      int reps = 200_000 / Math.max(1, g / 100);
      double[] best = {Double.MAX_VALUE, Double.MAX_VALUE};
      BigInteger[] sink = new BigInteger[2];
      for (int round = 0; round < 12; round++) {
        for (int which = 0; which < 2; which++) {
          long t0 = BallSpeed.MX.getCurrentThreadCpuTime();
          for (int i = 0; i < reps; i++) {
            sink[which] = which == 0
                ? FixedPointMath.seriesBlocksDividing(pow, pow[m], n, m, g)
                : FixedPointMath.seriesBlocks(pow, pow[m], n, m, g);
          }
          best[which] = Math.min(best[which], (BallSpeed.MX.getCurrentThreadCpuTime() - t0) / 1e3 / reps);
        }
      }
      System.out.printf("g=%d |u|<2^-%d n=%d m=%d: dividing %.2f us, deferred %.2f us, ratio %.2f (results differ by %s ulp)%n",
          g, c[1], n, m, best[0], best[1], best[1] / best[0], sink[0].subtract(sink[1]).abs());
    }
  }
}
