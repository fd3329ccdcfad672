package prefdyn.dynamics;

import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.num.Ball;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.optimum.DpoOptimum;
import prefdyn.qual.Centered;

/**
 * The certified MRS-DPO round on balls (proofs-notes/MRS-DPO.md): for every θ in the box
 * {@code theta}, the round's logits
 * {@code θ' = αθ + (1-α) log π_ref + Π(u*(μ(θ))/β)}, {@code μ(θ) = λ softmax θ + (1-λ)π_0},
 * lie in the returned box, up to a multiple of 1 (logits are defined up to a constant; the
 * returned representative is not centered, so the radius of θ is not doubled by a centering
 * every round). The DPO reward u* depends on P, μ and β only (the loss in {@code u = β log(π/π_ref)}
 * does not involve π_ref), so {@code DpoOptimum.certify} is called with a zero reference and the
 * sampler box: its certificate holds for every sampler in the box (its gradient and curvature
 * bounds are ball evaluations over the box).
 */
public final class DpoBallRound {
  private final Ball[][] p;
  private final Ball lambda;
  private final Ball alpha;
  private final boolean alphaOne;
  private final Ball[] offline;
  private final Ball[] scaledLogRef;
  private final Ball[] zero;
  private final Ball beta;
  private final Precision q;
  private final int prec;
  /** The previous round's Newton point (u coordinates): the next round's warm start (not part of any certificate). */
  private double @Nullable [] warm;

  /**
   * One step's outcome: the next box and the update {@code Π(u* / β)}, or the failure's reason.
   *
   * @param theta the next box, NOT centered (a representative up to a multiple of 1; see the class
   *     comment): center it before measuring it or printing it as centered logits
   * @param update the centered update {@code Π(u* / β)}
   */
  public record Step(Ball @Nullable [] theta, Ball @Centered @Nullable [] update, @Nullable String failure) {
    public boolean ok() {
      return failure == null;
    }
  }

  public DpoBallRound(MrsParameters params, Precision q) {
    this.q = q;
    this.prec = q.bits();
    int wp = prec + 8;
    int k = params.k();
    this.p = DpoOptimum.balls(params.pref(), wp);
    this.lambda = Ball.of(params.lambda(), wp);
    this.alpha = Ball.of(params.alpha(), wp);
    this.alphaOne = params.alpha().compareTo(Rationals.ONE) == 0;
    this.beta = Ball.of(params.beta(), wp);
    Ball oneMinusLambda = Ball.ONE.sub(lambda, wp);
    Ball oneMinusAlpha = Ball.ONE.sub(alpha, wp);
    Ball[] pi0 = DpoOptimum.balls(params.pi0(), wp);
    Ball[] logRef = DpoOptimum.logBalls(params.ref(), wp);
    this.offline = new Ball[k];
    this.scaledLogRef = new Ball[k];
    this.zero = new Ball[k];
    for (int i = 0; i < k; i++) {
      offline[i] = oneMinusLambda.mul(pi0[i], wp);
      scaledLogRef[i] = oneMinusAlpha.mul(logRef[i], wp);
      zero[i] = Ball.ZERO;
    }
  }

  /** The round's sampler {@code λ softmax θ + (1-λ)π_0} over the box. */
  public Ball[] sampler(Ball[] theta) {
    Ball[] s = Ball.softmax(theta, prec + 8);
    Ball[] mu = new Ball[s.length];
    for (int i = 0; i < s.length; i++) {
      mu[i] = lambda.mul(s[i], prec + 8).add(offline[i], prec + 8);
    }
    return mu;
  }

  /** An enclosure of the round over the box {@code theta} (up to a constant), or the failure's reason. */
  public Step apply(Ball[] theta) {
    for (Ball b : theta) {
      if (!b.isFinite()) {
        return new Step(null, null, "the orbit's enclosure is no longer finite");
      }
    }
    Ball[] mu = sampler(theta);
    DpoOptimum.Outcome out;
    try {
      out = DpoOptimum.certify(p, mu, zero, beta, q, warm);
    } catch (RuntimeException e) {
      return new Step(null, null, "DPO optimum: " + e.getMessage());
    }
    if (out instanceof DpoOptimum.Failure f) {
      return new Step(null, null, "the DPO optimum is not certified: " + f.reason());
    }
    DpoOptimum.Certificate cert = (DpoOptimum.Certificate) out;
    warm = cert.point();
    Ball @Centered [] update = cert.logits();
    Ball[] next = new Ball[theta.length];
    for (int i = 0; i < theta.length; i++) {
      Ball own = alphaOne ? theta[i] : alpha.mul(theta[i], prec).add(scaledLogRef[i], prec);
      next[i] = own.add(update[i], prec);
      if (!next[i].isFinite()) {
        return new Step(null, null, "the orbit's enclosure is no longer finite");
      }
    }
    return new Step(next, update, null);
  }
}
