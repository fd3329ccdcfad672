package prefdyn.dynamics;

import java.util.Optional;
import org.apfloat.Aprational;
import prefdyn.num.Rationals;
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
}
