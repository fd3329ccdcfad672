package prefdyn.num;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;

/**
 * Transcendental kernel: exp, log, log-sum-exp, softmax, sigmoid, entropy, each correct to the
 * precision's working digits. (Placeholder on ApfloatMath; to be replaced by the fast kernel.)
 */
public final class Kernel {
  private Kernel() {}

  public static Apfloat exp(Apfloat x, Precision p) {
    return ApfloatMath.exp(p.real(x));
  }

  public static Apfloat log(Apfloat x, Precision p) {
    return ApfloatMath.log(p.real(x));
  }

  /** {@code log Σ e^{x_i}}, stable (shifted by the maximum). */
  public static Apfloat logSumExp(Apfloat[] x, Precision p) {
    Apfloat max = x[0];
    for (Apfloat v : x) {
      if (v.compareTo(max) > 0) {
        max = v;
      }
    }
    Apfloat sum = p.real(0);
    for (Apfloat v : x) {
      sum = sum.add(exp(v.subtract(max), p));
    }
    return p.real(max).add(log(sum, p));
  }

  /** {@code softmax(θ)_i = e^{θ_i - lse(θ)}}; entries as small as e^-10^6 stay representable. */
  public static Apfloat[] softmax(Apfloat[] logits, Precision p) {
    Apfloat lse = logSumExp(logits, p);
    Apfloat[] out = new Apfloat[logits.length];
    for (int i = 0; i < logits.length; i++) {
      out[i] = exp(p.real(logits[i]).subtract(lse), p);
    }
    return out;
  }

  /** {@code σ(x) = 1/(1+e^{-x})}. */
  public static Apfloat sigmoid(Apfloat x, Precision p) {
    Apfloat one = p.real(1);
    if (x.signum() >= 0) {
      return one.divide(one.add(exp(x.negate(), p)));
    }
    Apfloat e = exp(x, p);
    return e.divide(one.add(e));
  }

  /** Shannon entropy (nats) of {@code softmax(θ)}: {@code lse(θ) - Σ π_i θ_i}. */
  public static Apfloat entropyOfLogits(Apfloat[] logits, Precision p) {
    Apfloat lse = logSumExp(logits, p);
    Apfloat[] pi = softmax(logits, p);
    Apfloat s = p.real(0);
    for (int i = 0; i < logits.length; i++) {
      s = s.add(pi[i].multiply(p.real(logits[i])));
    }
    return lse.subtract(s);
  }
}
