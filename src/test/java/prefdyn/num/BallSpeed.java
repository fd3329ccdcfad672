package prefdyn.num;

/**
 * Speed harness (a main, not a test): microseconds per exp, log, softmax (K = 4) and one MRS-IPO
 * round (K = 4, the instance of bench/mrs_mpmath.py) in balls, at 50 and 1,000 digits. CPU time
 * of this thread, best of several batches (the machine is shared).
 *
 * <p>Run: {@code java -cp target/classes:target/test-classes:<apfloat.jar> prefdyn.num.BallSpeed}
 */
public final class BallSpeed {
  private BallSpeed() {}

  static final java.lang.management.ThreadMXBean MX = java.lang.management.ManagementFactory.getThreadMXBean();

  static double micros(Runnable r, int n) {
    double best = Double.MAX_VALUE;
    for (int batch = 0; batch < 7; batch++) {
      long t0 = MX.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        r.run();
      }
      best = Math.min(best, (MX.getCurrentThreadCpuTime() - t0) / 1e3 / n);
    }
    return best;
  }

  /** One MRS-IPO trajectory in balls (see bench/mrs_mpmath.py). */
  static final class Mrs {
    final int prec;
    final Ball[][] p = new Ball[4][4];
    final Ball alpha;
    final Ball lambda;
    final Ball beta;
    final Ball[] scaled = new Ball[4];
    final Ball offline;
    Ball[] theta = {Ball.ZERO, Ball.ZERO, Ball.ZERO, Ball.ZERO};

    Mrs(int prec) {
      this.prec = prec;
      int[][] pp = {{5, 6, 8, 9}, {4, 5, 6, 8}, {2, 4, 5, 7}, {1, 2, 3, 5}};
      for (int i = 0; i < 4; i++) {
        for (int j = 0; j < 4; j++) {
          p[i][j] = Ball.of(Rationals.of(pp[i][j], 10), prec);
        }
      }
      alpha = Ball.of(Rationals.of(1, 2), prec);
      lambda = Ball.of(Rationals.of(3, 4), prec);
      beta = Ball.exact(3);
      Ball[] logref = new Ball[4];
      Ball mean = Ball.ZERO;
      for (int i = 0; i < 4; i++) {
        logref[i] = Ball.of(Rationals.of(4 - i, 10), prec).log(prec);
        mean = mean.add(logref[i], prec);
      }
      mean = mean.mulPow2(-2);
      for (int i = 0; i < 4; i++) {
        scaled[i] = Ball.ONE.sub(alpha, prec).mul(logref[i].sub(mean, prec), prec);
      }
      offline = Ball.ONE.sub(lambda, prec).mulPow2(-2);
    }

    int rounds;
    Ball[] start = theta;

    /**
     * One round; every 20 rounds the state restarts: iterating the map in plain ball arithmetic
     * widens the radius about 4.8 times a round (wrapping: the per-coordinate radii lose the
     * map's contraction), so a long plain-ball trajectory would measure rounds on wide balls.
     */
    void round() {
      if (rounds++ % 20 == 0) {
        theta = start;
      }
      Ball[] pi = Ball.softmax(theta, prec);
      Ball[] mu = new Ball[4];
      for (int j = 0; j < 4; j++) {
        mu[j] = lambda.mul(pi[j], prec).add(offline, prec);
      }
      Ball[] next = new Ball[4];
      Ball c = Ball.ZERO;
      for (int i = 0; i < 4; i++) {
        next[i] = alpha.mul(theta[i], prec).add(scaled[i], prec).add(beta.mul(Ball.dot(p[i], mu, prec), prec), prec);
        c = c.add(next[i], prec);
      }
      c = c.mulPow2(-2);
      Ball[] out = new Ball[4];
      for (int i = 0; i < 4; i++) {
        out[i] = next[i].sub(c, prec);
      }
      theta = out;
    }
  }

  public static void main(String[] args) {
    int[] digitsList = args.length > 0 ? java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray() : new int[] {50, 1000};
    for (int digits : digitsList) {
      int prec = new Precision(digits).bits();
      Ball x = Ball.of(Rationals.of(-37, 7), prec);
      Ball y = Ball.of(Rationals.of(29, 3), prec);
      Ball[] v = {
        Ball.of(Rationals.of(3, 7), prec), Ball.of(Rationals.of(-2, 13), prec),
        Ball.of(Rationals.of(-29, 3), prec), Ball.of(Rationals.of(7, 3), prec)
      };
      int n = digits <= 100 ? 2000 : 200;
      Mrs mrs = new Mrs(prec);
      double exp = micros(() -> x.exp(prec), n);
      double log = micros(() -> y.log(prec), n);
      double sm = micros(() -> Ball.softmax(v, prec), n / 2);
      double lse = micros(() -> Ball.logSumExp(v, prec), n / 2);
      double round = micros(mrs::round, n / 2);
      System.out.printf("%5d digits (%5d bits): exp %8.1f us  log %8.1f us  softmax4 %8.1f us  lse4 %8.1f us  MRS round %8.1f us  (theta0 %s)%n",
          digits, prec, exp, log, sm, lse, round, mrs.theta[0].format(30));
    }
  }
}
