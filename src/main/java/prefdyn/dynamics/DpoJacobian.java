package prefdyn.dynamics;

import java.util.Arrays;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.num.Ball;
import prefdyn.num.Precision;
import prefdyn.optimum.DpoOptimum;
import prefdyn.optimum.DpoSensitivity;
import prefdyn.verified.BallMatrix;

/**
 * The Jacobian of the MRS-DPO round (proofs-notes/MRS-DPO.md, "Jacobian by the implicit function
 * theorem"): {@code θ' = αθ + (1-α) log π_ref + u*(μ(θ))/β} (mod constants),
 * {@code μ(θ) = λ softmax θ + (1-λ)π_0}, so
 * {@code Dθ' = αI + (λ/β) (d u* / dμ) S(θ)}, {@code S = diag(s) - ssᵀ}, s = softmax θ, and
 * {@code d u* / dμ = -E J_u⁻¹ F_μ} from {@link DpoSensitivity}. Everything is evaluated in balls over
 * a θ-box, with u* enclosed by {@link DpoOptimum#certify} over the sampler box: the result
 * contains the Jacobian at every θ of the box. It maps 1 to α1 (S kills 1), so its spectrum on
 * 1^⊥ is what {@code Eigen.encloseOnTangent} reads.
 */
public final class DpoJacobian {
  private DpoJacobian() {}

  /** The Jacobian enclosure, or why it was not obtained. */
  public record Result(@Nullable BallMatrix jacobian, @Nullable String failure) {
    public boolean ok() {
      return jacobian != null;
    }

    public BallMatrix get() {
      BallMatrix j = jacobian;
      if (j == null) {
        throw new IllegalStateException("no DPO Jacobian: " + failure);
      }
      return j;
    }
  }

  /** The Jacobian of the round over the θ-box (any representative of the logits). */
  public static Result over(MrsParameters params, Ball[] theta, Precision q) {
    int prec = q.bits();
    int wp = prec + 8;
    int k = theta.length;
    DpoBallRound round = new DpoBallRound(params, q);
    Ball[] mu = round.sampler(theta);
    Ball[][] p = DpoOptimum.balls(params.pref(), wp);
    Ball beta = Ball.of(params.beta(), wp);
    Ball lambda = Ball.of(params.lambda(), wp);
    Ball alpha = Ball.of(params.alpha(), wp);
    Ball[] zero = new Ball[k];
    Arrays.fill(zero, Ball.ZERO);
    DpoOptimum.Outcome out;
    try {
      out = DpoOptimum.certify(p, mu, zero, beta, q);
    } catch (RuntimeException e) {
      return new Result(null, "DPO optimum: " + e.getMessage());
    }
    if (!(out instanceof DpoOptimum.Certificate c)) {
      return new Result(null, "the DPO optimum is not certified: " + ((DpoOptimum.Failure) out).reason());
    }
    Ball[] u = new Ball[k];
    for (int i = 0; i < k; i++) {
      u[i] = c.logits()[i].mul(beta, wp); // differences of u = β r; the centering constant does not matter
    }
    Ball[] s = Ball.softmax(theta, wp);
    // directions: the columns of λS = λ(diag(s) - ssᵀ)
    Ball[][] ls = new Ball[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        Ball v = s[i].mul(s[j], wp).neg();
        if (i == j) {
          v = v.add(s[i], wp);
        }
        ls[i][j] = lambda.mul(v, wp);
      }
    }
    int pin = DpoSensitivity.pinOf(mu);
    DpoSensitivity.Derivative d = DpoSensitivity.derivative(p, mu, u, pin, ls, wp);
    if (!d.ok()) {
      return new Result(null, String.valueOf(d.failure()));
    }
    Ball[][] du = d.get();
    Ball[][] j = new Ball[k][k];
    for (int r = 0; r < k; r++) {
      for (int col = 0; col < k; col++) {
        Ball v = du[r][col].div(beta, wp);
        j[r][col] = r == col ? v.add(alpha, wp) : v;
      }
    }
    return new Result(BallMatrix.of(j), null);
  }
}
