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
  private final boolean alphaZero;
  /** P scaled to small exact integers when P is exact ({@code D·P}, D the common denominator), else P. */
  private final Apfloat[][] scaledP;
  /** {@code βλ/D}: the on-policy strength applied to {@code scaledP · softmax(θ)}. */
  private final Apfloat onPolicyStrength;
  /** {@code (1-α) log π_ref + β(1-λ) P π_0}: the part of the round that does not depend on θ. */
  private final Apfloat[] constantPart;

  public MrsMap(MrsParameters params, Precision precision) {
    this.params = params;
    this.precision = precision;
    this.p = params.pref().real(precision);
    this.logRef = LogitPolicy.logitsOf(params.ref().real(precision), precision);
    this.alpha = precision.real(params.alpha());
    this.lambda = precision.real(params.lambda());
    this.beta = precision.real(params.beta());
    this.alphaOne = params.alpha().equals(prefdyn.num.Rationals.ONE);
    this.alphaZero = params.alpha().signum() == 0;
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
    // Speed (same arithmetic, reorganized): with exact P = N/D (N small integers), the products
    // N_ij·π_j are exact-integer times working-precision numbers, linear in the digits; and the
    // offline part β(1-λ)Pπ_0 of the sampler is the same every round, so it joins the reference.
    java.math.BigInteger d = java.math.BigInteger.ONE;
    if (params.pref().isExact()) {
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          java.math.BigInteger q = params.pref().exact(i, j).denominator().toBigInteger();
          d = d.divide(d.gcd(q)).multiply(q);
        }
      }
      this.scaledP = new Apfloat[k][k];
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          org.apfloat.Aprational e = params.pref().exact(i, j);
          scaledP[i][j] = new org.apfloat.Apint(e.numerator().toBigInteger().multiply(d).divide(e.denominator().toBigInteger()));
        }
      }
    } else {
      this.scaledP = p;
    }
    this.onPolicyStrength = precision.real(params.beta().multiply(params.lambda())
        .divide(new org.apfloat.Aprational(new org.apfloat.Apint(d))));
    Apfloat offlineStrength = precision.real(params.beta().multiply(prefdyn.num.Rationals.ONE.subtract(params.lambda())));
    Apfloat[] pPi0 = Linalg.multiply(p, pi0, precision);
    this.constantPart = new Apfloat[k];
    for (int i = 0; i < k; i++) {
      constantPart[i] = scaledLogRef[i].add(offlineStrength.multiply(pPi0[i]));
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
    if (params.method() == MrsParameters.Method.IPO) {
      // The IPO closed form log π_ref^(t) + β P μ_t, with β P μ_t split as
      // (βλ/D)·(N softmax θ) + β(1-λ) P π_0 and the constant second part folded into the reference.
      // softmax(θ) = e/S with e_i = exp(θ_i - max θ): the normalization 1/S joins the strength
      // (one division per round instead of K).
      int k = theta.length;
      int imax = Kernel.argmax(theta);
      Apfloat top = precision.real(theta[imax]);
      Apfloat[] e = new Apfloat[k];
      Apfloat sum = precision.real(0);
      for (int i = 0; i < k; i++) {
        e[i] = i == imax ? precision.real(1) : Kernel.exp(precision.real(theta[i]).subtract(top), precision);
        sum = sum.add(e[i]);
      }
      Apfloat[] ref = new Apfloat[k];
      for (int i = 0; i < k; i++) {
        Apfloat own = alphaOne ? precision.real(theta[i]) : alphaZero ? null : alpha.multiply(theta[i]);
        ref[i] = own == null ? constantPart[i] : own.add(constantPart[i]);
      }
      return IpoOptimum.logits(scaledP, e, ref, onPolicyStrength.divide(sum), precision);
    }
    return DpoRound.logits(p, sampler(theta), roundReference(theta), beta, precision);
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
    Apfloat[][] ps = Linalg.multiply(p, softmaxJacobian(Kernel.softmax(theta, precision), precision), precision);
    Apfloat bl = beta.multiply(lambda);
    Apfloat[][] j = new Apfloat[k][k];
    for (int r = 0; r < k; r++) {
      for (int c = 0; c < k; c++) {
        Apfloat v = bl.multiply(ps[r][c]);
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
