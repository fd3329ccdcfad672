package prefdyn.dynamics;

import prefdyn.num.InvalidParameter;
import org.apfloat.Aprational;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;

/**
 * The parameters of an MRS round (docs/theory.md section 4), all exact: preference matrix P, reference
 * weight α ∈ [0,1] (how much the round's reference follows the model), on-policy share λ ∈ [0,1],
 * strength β ≥ 0, the fixed reference π_ref (interior) and the offline sampler π_0, and the
 * per-round optimizer (IPO closed form or DPO optimum).
 */
public record MrsParameters(
    PreferenceMatrix pref,
    Aprational alpha,
    Aprational lambda,
    Aprational beta,
    Distribution ref,
    Distribution pi0,
    Method method) {

  /** The per-round optimizer. */
  public enum Method {
    /** The IPO closed form (docs/theory.md L1) with the round's reference and sampler. */
    IPO,
    /** The DPO optimum (docs/theory.md L2), solved by damped Newton each round. */
    DPO
  }

  /** Validates; errors are {@link InvalidParameter}s naming the parameter (alpha, lambda, beta, reference, pi0). */
  public MrsParameters {
    int k = pref.k();
    if (alpha.signum() < 0 || alpha.compareTo(Rationals.ONE) > 0) {
      throw new InvalidParameter("alpha", "alpha must lie in [0, 1], got " + Rationals.format(alpha));
    }
    if (lambda.signum() < 0 || lambda.compareTo(Rationals.ONE) > 0) {
      throw new InvalidParameter("lambda", "lambda must lie in [0, 1], got " + Rationals.format(lambda));
    }
    if (beta.signum() < 0) {
      throw new InvalidParameter("beta", "beta must be >= 0, got " + Rationals.format(beta));
    }
    ref.requireK(k, "reference").requireInterior("reference");
    pi0.requireK(k, "pi0");
  }

  /** Uniform reference and offline sampler, IPO rounds (the setting of T6-T9). */
  public static MrsParameters ipo(PreferenceMatrix pref, Aprational alpha, Aprational lambda, Aprational beta) {
    int k = pref.k();
    return new MrsParameters(pref, alpha, lambda, beta, Distribution.uniform(k), Distribution.uniform(k), Method.IPO);
  }

  public int k() {
    return pref.k();
  }

  public MrsParameters withAlpha(Aprational a) {
    return new MrsParameters(pref, a, lambda, beta, ref, pi0, method);
  }

  public MrsParameters withBeta(Aprational b) {
    return new MrsParameters(pref, alpha, lambda, b, ref, pi0, method);
  }

  public MrsParameters withMethod(Method m) {
    return new MrsParameters(pref, alpha, lambda, beta, ref, pi0, m);
  }

  /** {@code κ = βλ/(1-α)}, the effective one-shot strength of L4 (α < 1). */
  public Aprational kappa() {
    if (alpha.equals(Rationals.ONE)) {
      throw new IllegalStateException("κ is undefined at α = 1");
    }
    return beta.multiply(lambda).divide(Rationals.ONE.subtract(alpha));
  }
}
