package prefdyn.catalogue;

import static prefdyn.catalogue.DynamicsStatements.enclosureBits;
import static prefdyn.catalogue.DynamicsStatements.r;
import static prefdyn.catalogue.DynamicsStatements.top;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.apfloat.ApfloatMath;
import org.apfloat.Aprational;
import org.apfloat.AprationalMath;
import prefdyn.dynamics.Stability;
import prefdyn.gen.Distributions;
import prefdyn.gen.Matrices;
import prefdyn.num.Ball;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;

/**
 * L3: the softmax Jacobian {@code S = diag(π) - ππᵀ} has {@code ||S||_2 ≤ 1/2} and kills 1.
 * Instance: {@code init} is π (any point of the simplex). Margin: {@code bound - ||S||_2}, exact 0
 * at the equality case (two entries 1/2, where the bound is attained), and exactly
 * {@code -max|S1|} if S1 ≠ 0 (computed in exact rationals).
 */
public final class L3 {
  private L3() {}

  /** The equality case: the 3-cycle P_{1/2} at π = (1/2, 1/2, 0), where ||S||_2 = 1/2 exactly. */
  public static Instance example() {
    return Instance.of(Matrices.threeCycle(Rationals.HALF)).with(Slot.INIT, DynamicsStatements.dist(2, 1, 1, 0));
  }

  public static final Statement STATEMENT = Statement.named("L3")
      .kind(Kind.PROVED)
      .statement("The softmax Jacobian diag(p) - pp^T has spectral norm at most 1/2 and kills 1.")
      .proofNote("proofs-notes/L3.md")
      .slots(Slot.INIT)
      .hypotheses(L3::instances, L3::admits)
      .margin((x, p) -> margin(x, p, Rationals.HALF))
      .wrong("the bound 1/4 instead of 1/2", (x, p) -> margin(x, p, r(1, 4)), L3::example)
      .build();

  static Arbitrary<Instance> instances() {
    return Arbitraries.integers().between(2, 6).flatMap(k ->
        Combinators.combine(Matrices.any(k, k), Distributions.any(k)).as((pm, pi) -> Instance.of(pm).with(Slot.INIT, pi)));
  }

  static boolean admits(Instance x) {
    Distribution d = x.find(Slot.INIT);
    return d != null && d.k() == x.k() && d.isExact();
  }

  static Margin margin(Instance x, Precision p, Aprational bound) {
    Distribution d = x.get(Slot.INIT);
    int k = d.k();
    Aprational[] pi = d.exactEntries();
    Aprational worst = Rationals.ZERO;
    for (int i = 0; i < k; i++) {
      Aprational row = Rationals.ZERO;
      for (int j = 0; j < k; j++) {
        Aprational s = (i == j ? pi[i] : Rationals.ZERO).subtract(pi[i].multiply(pi[j]));
        row = row.add(s);
      }
      if (row.signum() != 0 && (worst.signum() == 0 || ApfloatMath.abs(row).compareTo(worst) > 0)) {
        worst = AprationalMath.abs(row);
      }
    }
    if (worst.signum() != 0) {
      return Margin.exact(worst.negate(), false, "S1 ≠ 0: max |(S1)_i| = " + Rationals.format(worst));
    }
    // S is symmetric; ||S||_2 = max(λmax(S), -λmin(S)). Both sides decided exactly.
    Aprational[][] sm = new Aprational[k][k];
    Aprational[][] neg = new Aprational[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        sm[i][j] = (i == j ? pi[i] : Rationals.ZERO).subtract(pi[i].multiply(pi[j]));
        neg[i][j] = sm[i][j].negate();
      }
    }
    int bits = enclosureBits(p);
    String what = Rationals.format(bound) + " - ||diag(π) - ππᵀ||_2 (S1 = 0 exactly; ||S||_2 vs "
        + Rationals.format(bound) + " decided exactly by definiteness of " + Rationals.format(bound) + "I ∓ S)";
    int top = Stability.compareLargestEigenvalue(sm, bound);
    int bottom = Stability.compareLargestEigenvalue(neg, bound);
    if (Math.max(top, bottom) == 0) {
      return Margin.exact(Rationals.ZERO, false, what + ": equality, ||S||_2 = " + Rationals.format(bound) + " exactly");
    }
    int prec = bits + 16;
    Ball norm = Ball.max(Stability.largestEigenvalue(sm, bits), Stability.largestEigenvalue(neg, bits));
    Ball m = Ball.of(bound, prec).sub(norm, prec);
    Aprational lo = m.lo();
    Aprational hi = m.hi();
    if (lo == null || hi == null) {
      return Margin.unknown("enclosure not finite", false, what);
    }
    // the exact sign: the margin is > 0 (norm < bound) or < 0; the enclosure is cut to that side
    return Math.max(top, bottom) < 0
        ? Margin.enclosure(Rationals.max(lo, Rationals.ZERO), Rationals.max(hi, Rationals.ZERO), false, what)
        : Margin.enclosure(Rationals.min(lo, Rationals.ZERO), Rationals.min(hi, Rationals.ZERO), false, what + " (exceeded)");
  }
}
