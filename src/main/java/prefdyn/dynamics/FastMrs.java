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
  private final double alpha;
  /** {@code βλ P}: the on-policy part of the round, applied to softmax(θ). */
  private final double[][] onPolicy;
  /** {@link #onPolicy} row by row in one array (the fused round). */
  private final double[] onPolicyFlat;
  /** {@code (1-α) log π_ref (centered) + β(1-λ) P π_0}: the part of the round that does not depend on θ. */
  private final double[] constantPart;
  private final double[] mu;
  private final double[] next;
  /** The logits the last round produced and their softmax, reused when the next round starts from them. */
  private final double[] lastTheta;
  private final double[] lastPi;
  private boolean cached;

  public FastMrs(MrsParameters params) {
    if (params.method() != MrsParameters.Method.IPO) {
      throw new IllegalArgumentException("the double-precision fast path implements the IPO round");
    }
    this.k = params.k();
    double[][] p = params.pref().toDoubles();
    this.alpha = Rationals.toDouble(params.alpha());
    double lambda = Rationals.toDouble(params.lambda());
    double beta = Rationals.toDouble(params.beta());
    double[] ref = params.ref().toDoubles();
    double[] pi0 = params.pi0().toDoubles();
    double mean = 0;
    for (int i = 0; i < k; i++) {
      mean += Math.log(ref[i]);
    }
    mean /= k;
    this.onPolicy = new double[k][k];
    this.constantPart = new double[k];
    for (int i = 0; i < k; i++) {
      double offline = 0;
      for (int j = 0; j < k; j++) {
        onPolicy[i][j] = beta * lambda * p[i][j];
        offline += p[i][j] * ((1 - lambda) * pi0[j]);
      }
      constantPart[i] = (1 - alpha) * (Math.log(ref[i]) - mean) + beta * offline;
    }
    this.onPolicyFlat = new double[k * k];
    for (int i = 0; i < k; i++) {
      System.arraycopy(onPolicy[i], 0, onPolicyFlat, i * k, k);
    }
    this.mu = new double[k];
    this.next = new double[k];
    this.lastTheta = new double[k];
    this.lastPi = new double[k];
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

  /**
   * One MRS-IPO round, in place. The round needs softmax(θ_t) and leaves softmax(θ_{t+1}) behind,
   * so a trajectory computes one softmax per round: when {@code theta} holds exactly the logits the
   * previous round produced, their softmax is reused (otherwise it is computed).
   */
  public void step(double[] theta) {
    step(theta, next);
  }

  /** The previous, unfused round (kept for {@link #stepUnfused}). */
  private void stepUnfusedLogits(double[] theta) {
    double[] pi;
    if (cached && same(theta, lastTheta)) {
      pi = lastPi;
    } else {
      softmax(theta, mu);
      pi = mu;
    }
    double mean = 0;
    for (int i = 0; i < k; i++) {
      double s = constantPart[i];
      double[] row = onPolicy[i];
      for (int j = 0; j < k; j++) {
        s += row[j] * pi[j];
      }
      double v = alpha * theta[i] + s;
      next[i] = v;
      mean += v;
    }
    mean /= k;
    for (int i = 0; i < k; i++) {
      double v = next[i] - mean;
      theta[i] = v;
      lastTheta[i] = v;
    }
    softmax(lastTheta, lastPi);
    cached = true;
  }


  private boolean same(double[] a, double[] b) {
    for (int i = 0; i < k; i++) {
      if (a[i] != b[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * One round as {@link #step(double[])}, also writing the new policy softmax(θ_{t+1}) into {@code
   * pi}: fused (the affine map, the centering, the maximum and the softmax in two passes over K,
   * the policy written straight into {@code pi} and the kept copy, no array copy, no allocation).
   * Bit for bit the same operations in the same order as {@link #step(double[])} followed by
   * {@link #softmax} (so the same doubles; FastMrsTest checks it against fresh instances and the
   * previous, unfused round {@link #stepUnfused}).
   */
  public void step(double[] theta, double[] pi) {
    if (k == 4) {
      step4(theta, pi);
    } else {
      stepLoop(theta, pi);
    }
  }

  /**
   * {@link #step(double[], double[])} for K = 4 (the experiment's size), written out: the same
   * operations in the same order (each row sum {@code ((((c_i + p_i0·π_0) + p_i1·π_1) + p_i2·π_2)
   * + p_i3·π_3)}, the mean {@code (((0 + v_0) + v_1) + v_2) + v_3} times 1/4, which equals the
   * division by 4 exactly (a power of two), the first strict maximum, the terms and their sum in
   * index order, each divided by the sum), so the same doubles, with the values in locals instead
   * of arrays: no loads and stores between the steps, no bounds checks, one multiplication where the
   * loop divides. {@code FastMrsUnrolledTest} checks it bit for bit against the general loop.
   */
  private void step4(double[] theta, double[] pi) {
    final double[] lt = lastTheta;
    final double[] lp = lastPi;
    double[] in = lp;
    if (!cached || theta[0] != lt[0] || theta[1] != lt[1] || theta[2] != lt[2] || theta[3] != lt[3]) {
      softmax(theta, mu);
      in = mu;
    }
    final double[] p = onPolicyFlat;
    final double[] c = constantPart;
    final double a = alpha;
    double i0 = in[0];
    double i1 = in[1];
    double i2 = in[2];
    double i3 = in[3];
    double v0 = a * theta[0] + (c[0] + p[0] * i0 + p[1] * i1 + p[2] * i2 + p[3] * i3);
    double v1 = a * theta[1] + (c[1] + p[4] * i0 + p[5] * i1 + p[6] * i2 + p[7] * i3);
    double v2 = a * theta[2] + (c[2] + p[8] * i0 + p[9] * i1 + p[10] * i2 + p[11] * i3);
    double v3 = a * theta[3] + (c[3] + p[12] * i0 + p[13] * i1 + p[14] * i2 + p[15] * i3);
    double mean = (0 + v0 + v1 + v2 + v3) * 0.25;
    v0 -= mean;
    v1 -= mean;
    v2 -= mean;
    v3 -= mean;
    int top = 0;
    double max = v0;
    if (v1 > max) {
      top = 1;
      max = v1;
    }
    if (v2 > max) {
      top = 2;
      max = v2;
    }
    if (v3 > max) {
      top = 3;
      max = v3;
    }
    double e0 = top == 0 ? 1 : Math.exp(v0 - max);
    double e1 = top == 1 ? 1 : Math.exp(v1 - max);
    double e2 = top == 2 ? 1 : Math.exp(v2 - max);
    double e3 = top == 3 ? 1 : Math.exp(v3 - max);
    double sum = 0 + e0 + e1 + e2 + e3;
    double q0 = e0 / sum;
    double q1 = e1 / sum;
    double q2 = e2 / sum;
    double q3 = e3 / sum;
    theta[0] = v0;
    theta[1] = v1;
    theta[2] = v2;
    theta[3] = v3;
    lt[0] = v0;
    lt[1] = v1;
    lt[2] = v2;
    lt[3] = v3;
    lp[0] = q0;
    lp[1] = q1;
    lp[2] = q2;
    lp[3] = q3;
    pi[0] = q0;
    pi[1] = q1;
    pi[2] = q2;
    pi[3] = q3;
    cached = true;
  }

  /** The general loop of {@link #step(double[], double[])} for any K (tests compare the K = 4 form with it). */
  void stepLoop(double[] theta, double[] pi) {
    final int k = this.k;
    final double[] lt = lastTheta;
    final double[] lp = lastPi;
    double[] in = lp;
    if (!cached) {
      softmax(theta, mu);
      in = mu;
    } else {
      for (int i = 0; i < k; i++) {
        if (theta[i] != lt[i]) {
          softmax(theta, mu);
          in = mu;
          break;
        }
      }
    }
    final double[] p = onPolicyFlat;
    double mean = 0;
    for (int i = 0, row = 0; i < k; i++, row += k) {
      double s = constantPart[i];
      for (int j = 0; j < k; j++) {
        s += p[row + j] * in[j];
      }
      double v = alpha * theta[i] + s;
      theta[i] = v; // theta[i] is not read again: the row sums use the policy only
      mean += v;
    }
    mean /= k;
    int top = 0;
    double max = 0;
    for (int i = 0; i < k; i++) {
      double v = theta[i] - mean;
      theta[i] = v;
      lt[i] = v;
      if (i == 0 || v > max) {
        top = i;
        max = v;
      }
    }
    double sum = 0;
    for (int i = 0; i < k; i++) {
      double e = i == top ? 1 : Math.exp(theta[i] - max);
      lp[i] = e;
      sum += e;
    }
    for (int i = 0; i < k; i++) {
      double q = lp[i] / sum;
      lp[i] = q;
      pi[i] = q;
    }
    cached = true;
  }

  /** The previous, unfused round with policy (step, then a copy of the kept policy): tests and the sweep benchmark's "before". */
  void stepUnfused(double[] theta, double[] pi) {
    stepUnfusedLogits(theta);
    System.arraycopy(lastPi, 0, pi, 0, k);
  }

  /** {@code steps} rounds, in place. */
  public void run(double[] theta, long steps) {
    for (long t = 0; t < steps; t++) {
      step(theta);
    }
  }

  /**
   * {@code out = softmax(theta)}, shifted by the maximum (its own term is e^0 = 1, not computed).
   * Logits are finite (NaN never reaches here: every round is a finite affine map of finite values).
   */
  public static void softmax(double[] theta, double[] out) {
    int top = 0;
    for (int i = 1; i < theta.length; i++) {
      if (theta[i] > theta[top]) {
        top = i;
      }
    }
    double max = theta[top];
    double sum = 0;
    for (int i = 0; i < theta.length; i++) {
      out[i] = i == top ? 1 : Math.exp(theta[i] - max);
      sum += out[i];
    }
    for (int i = 0; i < theta.length; i++) {
      out[i] /= sum;
    }
  }


  /**
   * Shannon entropy (nats) of softmax(theta), from the (finite) logits, relatively accurate to a
   * few ulps also when it is tiny. With {@code m = θ_t = max θ} ({@code t} the first maximum),
   * gaps {@code g_i = m - θ_i ≥ 0}, {@code e_i = e^{-g_i}} and {@code S = Σ_{i≠t} e_i}, we have
   * {@code log Z - m = log1p(S)}, {@code π_i = e_i / (1 + S)} and {@code -log π_i = log1p(S) + g_i},
   * so
   *
   * <pre>  H = Σ_i π_i (log1p(S) + g_i) = log1p(S) + Σ_{i≠t} e_i g_i / (1 + S),</pre>
   *
   * a sum of nonnegative terms each computed to a few ulps relative: no cancellation. (The old
   * form {@code -Σ π_i log π_i} with {@code log Z = log(sum)} cancelled in {@code log(1 + S)} and
   * was accurate only to about 1e-16 absolute: 2.4% off at a gap of 40.) The gap {@code g_i} is
   * rounded once in the subtraction; its rounding error {@code r} is recovered exactly (TwoSum) and
   * applied as {@code e_i = e^{-g_i}(1 - r)}, because {@code e^{-g}} amplifies a relative error in
   * {@code g} by {@code g} (up to ~700 ulps otherwise).
   *
   * <p>Underflow: a term with {@code e_i} below the double range (gap above ~745) contributes 0,
   * and a subnormal {@code e_i} (gap above ~708) is only absolutely accurate (to ~5e-324). Hence the
   * result is relatively accurate as long as some non-top entry is a normal double; when all
   * non-top terms underflow it returns 0 while the true value is below ~1e-300 (more exactly below
   * ~{@code (K-1)·746·e^{-745}}). The sweep ({@code prefdyn.experiment.Sweep}) re-checks in
   * arbitrary precision every run whose policy entries went below the smallest normal double or
   * whose terminal entropy is below {@code Sweep.TINY_ENTROPY} = 1e-300, so these cases are
   * never reported from this value. For an entropy accurate at any size use
   * {@link LogitPolicy#entropy}.
   */
  public static double entropy(double[] theta) {
    if (theta.length < 2) {
      return 0;
    }
    int top = 0;
    for (int i = 1; i < theta.length; i++) {
      if (theta[i] > theta[top]) {
        top = i;
      }
    }
    double m = theta[top];
    double s = 0; // Σ_{i≠top} e_i
    double weighted = 0; // Σ_{i≠top} e_i g_i
    for (int i = 0; i < theta.length; i++) {
      if (i == top) {
        continue;
      }
      double g = m - theta[i];
      double e = Math.exp(-g);
      if (e == 0) {
        continue; // below double range (or an infinite gap): contributes 0, see above
      }
      // TwoSum: g + r == m - θ_i exactly (g is finite and not huge here: e > 0 means g < 746)
      double bv = g - m;
      double r = (m - (g - bv)) + (-theta[i] - bv);
      e *= 1 - r; // e^{-(g + r)} to second order; |r| ≤ ulp(g)/2 ≤ 6e-14, so r² is far below an ulp
      s += e;
      weighted += e * g;
    }
    return Math.log1p(s) + weighted / (1 + s);
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
