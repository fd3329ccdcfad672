package prefdyn.dynamics;

import org.apfloat.Apfloat;
import prefdyn.num.Kernel;
import prefdyn.num.Precision;

/**
 * A policy held by its logits: the quantities the dynamics reports (policy, entropy, log-odds,
 * mass off one response), each accurate to working precision <em>relative to its own size</em>,
 * also when the policy is within e^-1000 of a vertex.
 */
public final class LogitPolicy {
  private LogitPolicy() {}

  /** {@code softmax(θ)}; tiny entries are computed as {@code e^{θ_j - lse}}, relatively accurate. */
  public static Apfloat[] policy(Apfloat[] theta, Precision p) {
    return Kernel.softmax(theta, p);
  }

  /** Index of the largest logit (first on ties). */
  public static int argmax(Apfloat[] theta) {
    int m = 0;
    for (int i = 1; i < theta.length; i++) {
      if (theta[i].compareTo(theta[m]) > 0) {
        m = i;
      }
    }
    return m;
  }

  /**
   * {@code 1 - softmax(θ)_i = Σ_{j≠i} π_j}, summed from the small entries (never as a difference
   * from 1, which cancels near the vertex).
   */
  public static Apfloat massOff(Apfloat[] theta, int i, Precision p) {
    Apfloat[] pi = policy(theta, p);
    Apfloat s = p.real(0);
    for (int j = 0; j < pi.length; j++) {
      if (j != i) {
        s = s.add(pi[j]);
      }
    }
    return s;
  }

  /**
   * Shannon entropy (nats) {@code H = Σ_i π_i (lse - θ_i)}, relatively accurate also when H is
   * tiny. With m the largest logit and {@code r = Σ_{j≠m} e^{θ_j - θ_m}},
   * {@code lse - θ_i = (θ_m - θ_i) + log(1 + r)}; {@code log(1 + r)} is evaluated with enough extra
   * digits that 1 + r keeps r's working digits. ({@link Kernel#entropyOfLogits} computes
   * {@code lse - Σ π_i θ_i}, whose cancellation loses every digit once H is below
   * 10^-working·|θ|, as it is after an entropy collapse.)
   */
  public static Apfloat entropy(Apfloat[] theta, Precision p) {
    int m = argmax(theta);
    Apfloat thetaM = p.real(theta[m]);
    Apfloat r = p.real(0);
    Apfloat[] gaps = new Apfloat[theta.length];
    for (int j = 0; j < theta.length; j++) {
      gaps[j] = thetaM.subtract(p.real(theta[j]));
      if (j != m) {
        r = r.add(Kernel.exp(gaps[j].negate(), p));
      }
    }
    Apfloat log1pR;
    if (r.signum() == 0) {
      log1pR = r;
    } else {
      // digits of 1 + r lost to the leading 1: about -log10(r)
      long lost = Math.max(0L, -r.scale()) + 2;
      int extra = (int) Math.min(lost, Precision.MAX_DIGITS - p.digits());
      Precision wide = p.raisedBy(extra);
      log1pR = p.real(Kernel.log(wide.real(1).add(wide.real(r)), wide));
    }
    Apfloat lse = log1pR; // lse - θ_m
    Apfloat h = p.real(0);
    Apfloat[] pi = policy(theta, p);
    for (int i = 0; i < theta.length; i++) {
      h = h.add(pi[i].multiply(gaps[i].add(lse)));
    }
    return h;
  }

  /** The log-odds {@code θ_i - θ_j = log(π_i / π_j)}. */
  public static Apfloat logOdds(Apfloat[] theta, int i, int j, Precision p) {
    return p.real(theta[i]).subtract(p.real(theta[j]));
  }

  /** Centered logits of an interior distribution: {@code Π log π}. */
  public static Apfloat[] logitsOf(Apfloat[] pi, Precision p) {
    Apfloat[] out = new Apfloat[pi.length];
    for (int i = 0; i < pi.length; i++) {
      out[i] = Kernel.log(pi[i], p);
    }
    return prefdyn.num.Linalg.center(out, p);
  }
}
