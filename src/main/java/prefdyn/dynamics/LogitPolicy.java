package prefdyn.dynamics;

import org.apfloat.Apfloat;
import prefdyn.num.Kernel;
import prefdyn.num.Linalg;
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

  /** Shannon entropy (nats), relatively accurate also when tiny ({@link Kernel#entropyOfLogits}). */
  public static Apfloat entropy(Apfloat[] theta, Precision p) {
    return Kernel.entropyOfLogits(theta, p);
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
    return Linalg.center(out, p);
  }
}
