package prefdyn.catalogue;

import static prefdyn.catalogue.DynamicsStatements.ball;
import static prefdyn.catalogue.DynamicsStatements.enclosureBits;
import static prefdyn.catalogue.DynamicsStatements.parameters;
import static prefdyn.catalogue.DynamicsStatements.positive;
import static prefdyn.catalogue.DynamicsStatements.r;
import static prefdyn.catalogue.DynamicsStatements.unit;
import static prefdyn.catalogue.Generators.grid;

import java.util.Optional;
import net.jqwik.api.Arbitrary;
import org.apfloat.ApfloatMath;
import org.apfloat.Aprational;
import org.apfloat.AprationalMath;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.dynamics.MrsParameters;
import prefdyn.dynamics.Stability;
import prefdyn.dynamics.ThreeCycleFamily;
import prefdyn.num.Ball;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;

/**
 * T6 (3-cycle family, uniform π_ref = π_0). (1) Eigenvalues, exact: the characteristic
 * polynomial of the exact rational Jacobian on 1^⊥ against {@code (t - λ)(t - λ̄)} of the claimed
 * {@code α ± i·aβλ·f} (a difference: exact negative margin). (2) Dynamics, certified: on a
 * centered ball of radius r every round multiplies {@code ||θ||} by a factor in
 * {@code [σ_min - η(r), σ_max + η(r)]} ({@link Stability#linearizationDefect}); margin
 * {@code min(1 - σ_max - η, band around ρ)} for ρ < 1 (convergence at rate ρ),
 * {@code min(σ_min - η - 1, band)} for ρ > 1 (no orbit converges to uniform). ρ vs 1 exactly.
 */
public final class T6 {
  private T6() {}

  /** The strength a of the 3-cycle P_a. */
  public static final Slot<Aprational> A = DynamicsStatements.A;

  /** How √3 enters the claimed eigenvalues {@code α ± i·aβλ·f}: the true f = 1/√3, or a wrong one. */
  enum Sqrt3 {
    /** f = 1/√3 (docs/theory.md). */
    INVERSE,
    /** f = 1/3: the factor a wrong derivation (forgetting ||A|| = √3 on 1^⊥) would give. */
    WRONG_ONE_THIRD,
    /** f = √3: the factor without the softmax's 1/3. */
    WRONG_SQRT3
  }

  /** The claimed {@code f²} in the eigenvalues {@code α ± i·aβλ·f}. */
  static Aprational factorSquared(Sqrt3 factor) {
    return switch (factor) {
      case INVERSE -> r(1, 3);
      case WRONG_ONE_THIRD -> r(1, 9);
      case WRONG_SQRT3 -> r(3, 1);
    };
  }

  /** P_{1/4} with α = 1/2, λ = 1, β = 2. */
  public static Instance example() {
    return DynamicsStatements.threeCycle(r(1, 4), r(1, 2), Rationals.ONE, r(2, 1));
  }

  public static final Statement STATEMENT = Statement.named("T6")
      .kind(Kind.PAPER)
      .statement("3-cycle P_a: Jacobian eigenvalues alpha ± i a beta lambda/sqrt3 at uniform; rho > 1 persistent oscillation, rho < 1 convergence at rate rho.")
      .proofNote("proofs-notes/T6.md")
      .slots(DynamicsStatements.THREE_CYCLE)
      .hypotheses(T6::instances, T6::admits)
      .margin((x, p) -> margin(x, p, Sqrt3.INVERSE))
      .wrong("eigenvalues α ± i·aβλ/3 (f = 1/3 instead of 1/√3)", (x, p) -> margin(x, p, Sqrt3.WRONG_ONE_THIRD), T6::example)
      .wrong("eigenvalues α ± i·aβλ·√3 (f = √3 instead of 1/√3)", (x, p) -> margin(x, p, Sqrt3.WRONG_SQRT3), T6::example)
      .build();

  static Arbitrary<Instance> instances() {
    return DynamicsStatements.threeCycles(4, grid(0, 10, 10), grid(2, 4, 4), grid(2, 16, 2))
        .filter(x -> {
          Aprational rho2 = ThreeCycleFamily.rhoSquared(x.get(A), x.get(Slot.ALPHA), x.get(Slot.LAMBDA), x.get(Slot.BETA));
          return ApfloatMath.abs(rho2.subtract(Rationals.ONE)).compareTo(r(1, 5)) >= 0
              && rho2.compareTo(r(9, 1)) <= 0;
        });
  }

  static boolean admits(Instance x) {
    Optional<Aprational> a = ThreeCycleFamily.strength(x.pref());
    return a.isPresent() && x.has(A) && x.get(A).equals(a.get())
        && unit(x.find(Slot.ALPHA)) && unit(x.find(Slot.LAMBDA)) && positive(x.find(Slot.BETA))
        && uniformOrAbsent(x.find(Slot.REF)) && uniformOrAbsent(x.find(Slot.PI0));
  }

  private static boolean uniformOrAbsent(@Nullable Distribution d) {
    return d == null || d.equals(Distribution.uniform(3));
  }

  static Margin margin(Instance x, Precision p, Sqrt3 factor) {
    Aprational a = x.get(A);
    MrsParameters mp = parameters(x);
    int bits = enclosureBits(p);
    Aprational[] u = Distribution.uniform(3).exactEntries();
    // uniform is a fixed point: π_ref uniform (admits) and Π P μ_0 = 0 exactly
    Aprational[] pmu = x.pref().times(Distribution.uniform(3));
    if (!pmu[0].equals(pmu[1]) || !pmu[1].equals(pmu[2])) {
      return Margin.exact(r(-1, 1), true, "uniform is not a fixed point: P·uniform is not constant");
    }
    // the exact Jacobian at uniform, restricted to 1^⊥ (basis e_1 - e_3, e_2 - e_3)
    Aprational[][] rj = Stability.restrictToCentered(Stability.exactJacobian(mp, u));
    Aprational tr = rj[0][0].add(rj[1][1]);
    Aprational det = rj[0][0].multiply(rj[1][1]).subtract(rj[0][1].multiply(rj[1][0]));
    Aprational c = a.multiply(mp.beta()).multiply(mp.lambda());
    Aprational claimedTr = mp.alpha().multiply(r(2, 1));
    Aprational rho2 = mp.alpha().multiply(mp.alpha()).add(c.multiply(c).multiply(factorSquared(factor)));
    Aprational dTr = AprationalMath.abs(tr.subtract(claimedTr));
    Aprational dDet = AprationalMath.abs(det.subtract(rho2));
    if (dTr.signum() != 0 || dDet.signum() != 0) {
      return Margin.exact(Rationals.max(dTr, dDet).negate(), true,
          "the characteristic polynomial of the Jacobian on 1^⊥ is t² - " + Rationals.format(tr) + "t + " + Rationals.format(det)
              + ", the claimed eigenvalues α ± i·aβλ·f (f = " + factor + ") give t² - " + Rationals.format(claimedTr) + "t + "
              + Rationals.format(rho2) + " (margin: -max coefficient difference, exact)");
    }
    int side = rho2.compareTo(Rationals.ONE);
    String eig = "eigenvalues on 1^⊥ exactly α ± i·aβλ·f (characteristic polynomial equal, exact)";
    if (side == 0) {
      return Margin.exact(Rationals.ZERO, false, eig + "; ρ = 1 exactly: no dynamic claim");
    }
    // the certified dynamics on a centered ball B_r: every round multiplies ||θ|| by a factor in [σ_min - η, σ_max + η]
    int prec = bits + 16;
    Ball[] sv = Stability.singularValuesOnCenteredPlane(rj, bits);
    Ball sMin = sv[0];
    Ball sMax = sv[1];
    Ball rho = Ball.of(rho2, prec).sqrt(prec);
    Ball mNorm = Stability.marginNormEnclosure(x.pref(), bits);
    Aprational bl = mp.beta().multiply(mp.lambda());
    Ball gap = side < 0 ? Ball.ONE.sub(sMax, prec) : sMin.sub(Ball.ONE, prec);
    int j = 1;
    Ball radius = Ball.ONE.mulPow2(-1);
    Ball eta = Stability.linearizationDefect(bl, mNorm, 3, radius, prec);
    // the smallest radius 2^-j with η(r) below half the gap (or 2^-64 when there is no gap: the claim fails)
    while (j < 64 && (!gap.isPositive() || !gap.mulPow2(-1).sub(eta, prec).isPositive())) {
      j++;
      radius = radius.mulPow2(-1);
      eta = Stability.linearizationDefect(bl, mNorm, 3, radius, prec);
    }
    Ball stab = side < 0 ? Ball.ONE.sub(sMax, prec).sub(eta, prec) : sMin.sub(eta, prec).sub(Ball.ONE, prec);
    Ball rateLow = rho.sub(sMin.sub(eta, prec), prec);
    Ball rateHigh = sMax.add(eta, prec).sub(rho, prec);
    Ball m = Ball.min(stab, Ball.min(rateLow, rateHigh));
    String dyn = side < 0
        ? "ρ < 1: on the centered ball of radius 2^-" + j + " every round multiplies ||θ|| by a factor in [σ_min - η, σ_max + η] ∋ ρ, below 1 (margin min(1 - σ_max - η, band around ρ))"
        : "ρ > 1: on the centered ball of radius 2^-" + j + " every round multiplies ||θ|| by a factor in [σ_min - η, σ_max + η] ∋ ρ, above 1: no orbit converges to uniform (margin min(σ_min - η - 1, band around ρ))";
    return Margin.of(m, true, eig + "; " + dyn);
  }
}
