package prefdyn.dynamics;

import java.util.Optional;
import org.apfloat.Aprational;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;

/**
 * Recognizes the 3-cycle family {@code P_a = ½11ᵀ + aA}, {@code A = [[0,1,-1],[-1,0,1],[1,-1,0]]}
 * of docs/theory.md T6 (the generator lives in {@code prefdyn.gen.Matrices.threeCycle}), and holds its
 * closed-form stability quantities: {@code ρ² = α² + (aβλ)²/3} and
 * {@code L = α + (βλ/2)·a√3} (since {@code ||P_a - ½11ᵀ||_2 = |a|·||A||_2 = |a|√3}).
 */
public final class ThreeCycleFamily {
  private ThreeCycleFamily() {}

  /** The strength a when P = P_a exactly with 0 < a ≤ 1/2. */
  public static Optional<Aprational> strength(PreferenceMatrix p) {
    if (p.k() != 3 || !p.isExact()) {
      return Optional.empty();
    }
    Aprational a = p.exact(0, 1).subtract(Rationals.HALF);
    if (a.signum() <= 0) {
      return Optional.empty();
    }
    boolean ok = p.exact(1, 2).subtract(Rationals.HALF).equals(a) && p.exact(2, 0).subtract(Rationals.HALF).equals(a);
    return ok ? Optional.of(a) : Optional.empty();
  }

  /** {@code ρ² = α² + (aβλ)²/3}, exact. */
  public static Aprational rhoSquared(Aprational a, Aprational alpha, Aprational lambda, Aprational beta) {
    Aprational c = a.multiply(beta).multiply(lambda);
    return alpha.multiply(alpha).add(c.multiply(c).divide(Rationals.of(3)));
  }

  /**
   * The MRS-DPO analogue (proofs-notes/MRS-DPO.md): at uniform on P_a with uniform π_ref = π_0 the
   * DPO round's Jacobian on 1^⊥ is {@code αI + (4aλ/(3β_D))A}, eigenvalues
   * {@code α ± i·4aλ/(√3 β_D)}, so {@code ρ² = α² + 16a²λ²/(3β_D²)}, exact. This is T6's ρ² with
   * the IPO strength β replaced by 4/β_D (DPO's β is a KL weight: larger β_D, weaker update).
   */
  public static Aprational dpoRhoSquared(Aprational a, Aprational alpha, Aprational lambda, Aprational betaD) {
    return rhoSquared(a, alpha, lambda, Rationals.of(4).divide(betaD));
  }

  /**
   * The square of the imaginary part of the DPO eigenvalues at uniform, {@code 16a²λ²/(3β_D²)},
   * exact (the eigenvalues are {@code α ± i·sqrt(this)}).
   */
  public static Aprational dpoImaginarySquared(Aprational a, Aprational lambda, Aprational betaD) {
    return dpoRhoSquared(a, Rationals.ZERO, lambda, betaD);
  }

  /**
   * Whether uniform is an exact fixed point of the MRS-IPO and MRS-DPO rounds: π_ref uniform, the
   * round's sampler uniform at uniform (π_0 uniform or λ = 1), and every row of P summing to K/2
   * (then Pμ = ½1 at μ uniform, so the IPO update is constant and the DPO reward is 0). Exact.
   */
  public static boolean uniformIsFixed(MrsParameters params) {
    int k = params.k();
    Distribution u = Distribution.uniform(k);
    if (!params.ref().equals(u) || !(params.pi0().equals(u) || params.lambda().equals(Rationals.ONE))
        || !params.pref().isExact()) {
      return false;
    }
    Aprational half = Rationals.of(k, 2);
    for (int i = 0; i < k; i++) {
      Aprational row = Rationals.ZERO;
      for (int j = 0; j < k; j++) {
        row = row.add(params.pref().exact(i, j));
      }
      if (!row.equals(half)) {
        return false;
      }
    }
    return true;
  }
}
