package prefdyn.dynamics;

import prefdyn.num.Rationals;

/**
 * The MRS-IPO round in double precision, for parameter sweeps (thousands of matrices × settings ×
 * 3,000 rounds). Same formula as {@link MrsMap} (checked against it wherever doubles do not
 * underflow), in logits, so it does not break down when a policy entry underflows: the entry just
 * contributes 0 to the sampler. A round allocates nothing. An instance holds its own scratch
 * arrays: use one instance per thread (they are cheap; parallel sweeps create one per task).
 */
public final class FastMrs {
  private final int k;
  private final double[][] p;
  private final double[] scaledLogRef;
  private final double[] offlinePart;
  private final double alpha;
  private final double lambda;
  private final double beta;
  private final double[] mu;
  private final double[] next;

  public FastMrs(MrsParameters params) {
    if (params.method() != MrsParameters.Method.IPO) {
      throw new IllegalArgumentException("the double-precision fast path implements the IPO round");
    }
    this.k = params.k();
    this.p = params.pref().toDoubles();
    this.alpha = Rationals.toDouble(params.alpha());
    this.lambda = Rationals.toDouble(params.lambda());
    this.beta = Rationals.toDouble(params.beta());
    double[] ref = params.ref().toDoubles();
    double[] pi0 = params.pi0().toDoubles();
    this.scaledLogRef = new double[k];
    this.offlinePart = new double[k];
    double mean = 0;
    for (int i = 0; i < k; i++) {
      mean += Math.log(ref[i]);
    }
    mean /= k;
    for (int i = 0; i < k; i++) {
      scaledLogRef[i] = (1 - alpha) * (Math.log(ref[i]) - mean);
      offlinePart[i] = (1 - lambda) * pi0[i];
    }
    this.mu = new double[k];
    this.next = new double[k];
  }

  public int k() {
    return k;
  }

  /**
   * An upper bound on T7's contraction constant in doubles, {@code α + (βλ/2)||P - ½11ᵀ||_F}
   * (Frobenius ≥ spectral norm): for generators that want instances with L < 1, never for decisions.
   */
  public static double contractionUpperBound(MrsParameters params) {
    double[][] p = params.pref().toDoubles();
    double f = 0;
    for (double[] row : p) {
      for (double v : row) {
        f += (v - 0.5) * (v - 0.5);
      }
    }
    return Rationals.toDouble(params.alpha())
        + Rationals.toDouble(params.beta()) * Rationals.toDouble(params.lambda()) / 2 * Math.sqrt(f);
  }

  /** Centered logits of a distribution given in doubles. */
  public static double[] logitsOf(double[] pi) {
    double[] t = new double[pi.length];
    for (int i = 0; i < pi.length; i++) {
      t[i] = Math.log(pi[i]);
    }
    center(t);
    return t;
  }

  /** One MRS-IPO round, in place. */
  public void step(double[] theta) {
    softmax(theta, mu);
    for (int i = 0; i < k; i++) {
      mu[i] = lambda * mu[i] + offlinePart[i];
    }
    for (int i = 0; i < k; i++) {
      double s = 0;
      double[] row = p[i];
      for (int j = 0; j < k; j++) {
        s += row[j] * mu[j];
      }
      next[i] = alpha * theta[i] + scaledLogRef[i] + beta * s;
    }
    center(next);
    System.arraycopy(next, 0, theta, 0, k);
  }

  /** {@code steps} rounds, in place. */
  public void run(double[] theta, long steps) {
    for (long t = 0; t < steps; t++) {
      step(theta);
    }
  }

  /** {@code out = softmax(theta)}, shifted by the maximum. */
  public static void softmax(double[] theta, double[] out) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : theta) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (int i = 0; i < theta.length; i++) {
      out[i] = Math.exp(theta[i] - max);
      sum += out[i];
    }
    for (int i = 0; i < theta.length; i++) {
      out[i] /= sum;
    }
  }

  /** Shannon entropy (nats) of softmax(theta), from the logits. */
  public static double entropy(double[] theta) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : theta) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (double v : theta) {
      sum += Math.exp(v - max);
    }
    double logZ = Math.log(sum);
    double h = 0;
    for (double v : theta) {
      double logPi = v - max - logZ;
      double pi = Math.exp(logPi);
      if (pi > 0) {
        h -= pi * logPi;
      }
    }
    return h;
  }

  private static void center(double[] x) {
    double mean = 0;
    for (double v : x) {
      mean += v;
    }
    mean /= x.length;
    for (int i = 0; i < x.length; i++) {
      x[i] -= mean;
    }
  }
}
