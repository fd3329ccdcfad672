package prefdyn.dynamics;

import org.apfloat.Apfloat;
import prefdyn.num.Kernel;
import prefdyn.num.Linalg;
import prefdyn.num.Precision;
import prefdyn.optimum.IpoOptimum;
import prefdyn.pref.Distribution;

/**
 * The MRS round in logits at one precision (theory.md section 4):
 * <pre>
 *   reference   log π_ref^(t) = α θ_t + (1-α) log π_ref            (geometric mixture)
 *   sampler     μ_t = λ softmax(θ_t) + (1-λ) π_0                     (affine mixture)
 *   IPO round   θ_{t+1} = Π(log π_ref^(t) + β P μ_t)                 (L1 closed form)
 *   DPO round   θ_{t+1} = DPO optimum with reference π_ref^(t), sampler μ_t, temperature β
 * </pre>
 * Logits are kept centered (sum 0). No probability is ever formed except inside the sampler,
 * where underflowing entries contribute nothing that matters, so a policy far below e^-1000 keeps
 * its log-odds to working digits.
 */
public final class MrsMap {
  private final MrsParameters params;
  private final Precision precision;
  private final Apfloat[][] p;
  private final Apfloat[] logRef;
  private final Apfloat[] scaledLogRef;
  private final Apfloat[] offlinePart;
  private final Apfloat alpha;
  private final Apfloat lambda;
  private final Apfloat beta;
  private final boolean alphaOne;

  public MrsMap(MrsParameters params, Precision precision) {
    this.params = params;
    this.precision = precision;
    this.p = params.pref().real(precision);
    this.logRef = LogitPolicy.logitsOf(params.ref().real(precision), precision);
    this.alpha = precision.real(params.alpha());
    this.lambda = precision.real(params.lambda());
    this.beta = precision.real(params.beta());
    this.alphaOne = params.alpha().equals(prefdyn.num.Rationals.ONE);
    Apfloat oneMinusAlpha = precision.real(prefdyn.num.Rationals.ONE.subtract(params.alpha()));
    Apfloat oneMinusLambda = precision.real(prefdyn.num.Rationals.ONE.subtract(params.lambda()));
    int k = params.k();
    this.scaledLogRef = new Apfloat[k];
    this.offlinePart = new Apfloat[k];
    Apfloat[] pi0 = params.pi0().real(precision);
    for (int i = 0; i < k; i++) {
      scaledLogRef[i] = oneMinusAlpha.multiply(logRef[i]);
      offlinePart[i] = oneMinusLambda.multiply(pi0[i]);
    }
  }

  public MrsParameters parameters() {
    return params;
  }

  public Precision precision() {
    return precision;
  }

  public int k() {
    return p.length;
  }

  /** P at working precision (a copy). */
  public Apfloat[][] preference() {
    Apfloat[][] out = new Apfloat[p.length][];
    for (int i = 0; i < p.length; i++) {
      out[i] = p[i].clone();
    }
    return out;
  }

  /** Centered {@code log π_ref}. */
  public Apfloat[] referenceLogits() {
    return logRef.clone();
  }

  /** Centered logits of a start distribution (must be interior). */
  public Apfloat[] logitsOf(Distribution start) {
    start.requireK(k(), "--init").requireInterior("--init");
    return LogitPolicy.logitsOf(start.real(precision), precision);
  }

  /** The round's sampler {@code μ_t = λ softmax(θ_t) + (1-λ) π_0}. */
  public Apfloat[] sampler(Apfloat[] theta) {
    Apfloat[] pi = Kernel.softmax(theta, precision);
    Apfloat[] mu = new Apfloat[pi.length];
    for (int i = 0; i < pi.length; i++) {
      mu[i] = lambda.multiply(pi[i]).add(offlinePart[i]);
    }
    return mu;
  }

  /** The round's reference logits {@code α θ_t + (1-α) log π_ref} (not centered). */
  public Apfloat[] roundReference(Apfloat[] theta) {
    Apfloat[] r = new Apfloat[theta.length];
    for (int i = 0; i < theta.length; i++) {
      r[i] = alphaOne ? precision.real(theta[i]) : alpha.multiply(theta[i]).add(scaledLogRef[i]);
    }
    return r;
  }

  /** One MRS round: the centered logits {@code θ_{t+1}}. */
  public Apfloat[] apply(Apfloat[] theta) {
    Apfloat[] mu = sampler(theta);
    Apfloat[] ref = roundReference(theta);
    if (params.method() == MrsParameters.Method.IPO) {
      return IpoOptimum.logits(p, mu, ref, beta, precision);
    }
    return DpoRound.logits(p, mu, ref, beta, precision);
  }

  /**
   * The Jacobian of the (uncentered) IPO round {@code θ ↦ αθ + (1-α)log π_ref + βPμ(θ)}:
   * {@code αI + βλ P S(θ)} with {@code S = diag(π) - ππᵀ} the softmax Jacobian (L3).
   */
  public Apfloat[][] jacobian(Apfloat[] theta) {
    if (params.method() != MrsParameters.Method.IPO) {
      throw new UnsupportedOperationException("the closed-form Jacobian is the IPO round's");
    }
    int k = k();
    Apfloat[][] s = softmaxJacobian(Kernel.softmax(theta, precision), precision);
    Apfloat bl = beta.multiply(lambda);
    Apfloat[][] j = new Apfloat[k][k];
    for (int r = 0; r < k; r++) {
      for (int c = 0; c < k; c++) {
        Apfloat sum = precision.real(0);
        for (int m = 0; m < k; m++) {
          sum = sum.add(p[r][m].multiply(s[m][c]));
        }
        Apfloat v = bl.multiply(sum);
        j[r][c] = r == c ? v.add(alpha) : v;
      }
    }
    return j;
  }

  /** The softmax Jacobian {@code S = diag(π) - ππᵀ} (theory.md L3). */
  public static Apfloat[][] softmaxJacobian(Apfloat[] pi, Precision precision) {
    int k = pi.length;
    Apfloat[][] s = new Apfloat[k][k];
    for (int r = 0; r < k; r++) {
      for (int c = 0; c < k; c++) {
        Apfloat v = pi[r].multiply(pi[c]).negate();
        s[r][c] = r == c ? v.add(pi[r]) : v;
      }
    }
    return s;
  }

  /** The residual {@code θ - Φ(θ)} of the fixed-point equation, centered. */
  public Apfloat[] residual(Apfloat[] theta) {
    Apfloat[] next = apply(theta);
    Apfloat[] c = Linalg.center(theta, precision);
    Apfloat[] out = new Apfloat[c.length];
    for (int i = 0; i < c.length; i++) {
      out[i] = c[i].subtract(next[i]);
    }
    return out;
  }
}
