package prefdyn.catalogue;

import java.util.List;
import java.util.Optional;
import org.apfloat.Aprational;
import prefdyn.dynamics.DpoJacobian;
import prefdyn.dynamics.MrsParameters;
import prefdyn.dynamics.ThreeCycleFamily;
import prefdyn.num.Ball;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.verified.BallMatrix;
import prefdyn.verified.Eigen;

/**
 * DPO-JAC [derived] (docs/theory.md section 5; proofs-notes/MRS-DPO.md): on the 3-cycle P_a with
 * uniform π_ref = π_0, the MRS-DPO round's Jacobian at uniform, computed by the implicit function
 * theorem in balls ({@link DpoJacobian}), has on 1^⊥ the eigenvalues {@code α ± i·4aλ/(√3 β_D)},
 * for 0 < λ ≤ 1 (at λ = 0 the Jacobian is αI, a double eigenvalue that the eigenvalue enclosure
 * cannot separate; the claim is then trivial). Margin: the minimum of three certified equalities
 * (non-strict, {@link Margin#equality}): the trace and the determinant of the enclosed Jacobian on
 * 1^⊥ against the claimed {@code 2α} and {@code ρ²} (exact rationals), and the certified spectral
 * radius ({@link Eigen#encloseOnTangent}) against the claimed {@code ρ}. It can be certified false
 * (an enclosure excluding the claim), never certified true beyond "agrees within r". The
 * mathematics lives in {@code dynamics/}; this class only compares.
 */
public final class DpoJac {
  private DpoJac() {}

  /** Which closed form is claimed: the derived one, or IPO's (β read as a strength; wrong for β_D ≠ 2). */
  public enum Convention {
    /** {@code α ± i·4aλ/(√3 β_D)}: DPO's β is a KL weight. */
    KL_WEIGHT,
    /** {@code α ± i·aβλ/√3}: T6's formula with DPO's β plugged in as if it were IPO's strength. Deliberately wrong. */
    WRONG_STRENGTH
  }

  public static final Statement STATEMENT = Statement.named("DPO-JAC")
      .kind(Kind.PROVED)
      .statement("3-cycle P_a, uniform pi_ref = pi_0: the MRS-DPO Jacobian at uniform (implicit function theorem) has eigenvalues alpha ± i 4 a lambda/(sqrt3 beta_D) on 1^perp.")
      .proofNote("proofs-notes/MRS-DPO.md")
      .slots(DynamicsStatements.THREE_CYCLE)
      .tries(20)
      .hypotheses(() -> DynamicsStatements.threeCycles(4, DynamicsStatements.grid(0, 4, 4), DynamicsStatements.grid(1, 4, 4), DynamicsStatements.grid(1, 8, 2)),
          DpoJac::admits)
      .margin((x, p) -> check(x, p, Convention.KL_WEIGHT))
      .wrong("IPO's formula alpha ± i a beta lambda/sqrt3 with beta_D read as a strength", (x, p) -> check(x, p, Convention.WRONG_STRENGTH), DpoJac::example)
      .build();

  /** β_D = 1 on P_{1/4}, α = 1/2, λ = 1: there the IPO-convention formula is excluded by the enclosures. */
  public static Instance example() {
    return DynamicsStatements.threeCycle(Rationals.of(1, 4), Rationals.HALF, Rationals.ONE, Rationals.ONE);
  }


  static boolean admits(Instance x) {
    Optional<Aprational> a = ThreeCycleFamily.strength(x.pref());
    return a.isPresent() && x.has(DynamicsStatements.A) && x.get(DynamicsStatements.A).equals(a.get())
        && DynamicsStatements.unit(x.find(Slot.ALPHA)) && DynamicsStatements.unit(x.find(Slot.LAMBDA)) && DynamicsStatements.positive(x.find(Slot.LAMBDA))
        && DynamicsStatements.positive(x.find(Slot.BETA))
        && (!x.has(Slot.REF) || x.get(Slot.REF).equals(Distribution.uniform(3)))
        && (!x.has(Slot.PI0) || x.get(Slot.PI0).equals(Distribution.uniform(3)));
  }

  /** The claimed ρ² (the determinant on 1^⊥) under this convention, exact. */
  static Aprational claimedRhoSquared(Aprational a, MrsParameters mp, Convention convention) {
    return convention == Convention.KL_WEIGHT
        ? ThreeCycleFamily.dpoRhoSquared(a, mp.alpha(), mp.lambda(), mp.beta())
        : ThreeCycleFamily.rhoSquared(a, mp.alpha(), mp.lambda(), mp.beta());
  }

  static Margin check(Instance x, Precision p, Convention convention) {
    Aprational a = x.get(DynamicsStatements.A);
    MrsParameters mp = DynamicsStatements.dpo(x);
    int prec = p.bits();
    Ball[] uniform = {Ball.ZERO, Ball.ZERO, Ball.ZERO};
    DpoJacobian.Result j = DpoJacobian.over(mp, uniform, p);
    String what = "MRS-DPO Jacobian at uniform on 1^perp vs " + (convention == Convention.KL_WEIGHT
        ? "alpha ± i 4 a lambda/(sqrt3 beta_D)" : "alpha ± i a beta lambda/sqrt3 (beta as a strength)");
    if (!j.ok()) {
      return Margin.unknown("the DPO Jacobian was not enclosed: " + j.failure(), false, what);
    }
    BallMatrix t = Eigen.tangentRestriction(j.get(), prec);
    Ball tr = t.get(0, 0).add(t.get(1, 1), prec);
    Ball det = t.get(0, 0).mul(t.get(1, 1), prec).sub(t.get(0, 1).mul(t.get(1, 0), prec), prec);
    Aprational rho2 = claimedRhoSquared(a, mp, convention);
    Margin mTr = Margin.equality(tr.sub(Ball.of(mp.alpha().multiply(Rationals.of(2)), prec), prec), what + ": trace - 2 alpha");
    Margin mDet = Margin.equality(det.sub(Ball.of(rho2, prec), prec), what + ": determinant - rho^2");
    Eigen.Enclosure e = Eigen.encloseOnTangent(j.get(), prec);
    Margin mRho = e.certified()
        ? Margin.equality(e.rho().sub(Ball.of(rho2, prec).sqrt(prec), prec), what + ": certified spectral radius - rho")
        : Margin.unknown("eigenvalues not enclosed: " + e.failure(), false, what);
    return Margin.min(List.of(mTr, mDet, mRho));
  }
}
