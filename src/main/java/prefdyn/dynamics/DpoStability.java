package prefdyn.dynamics;

import java.util.Arrays;
import java.util.List;
import org.apfloat.Apfloat;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.num.Ball;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.qual.Centered;
import prefdyn.verified.BallMatrix;
import prefdyn.verified.BoxMap;
import prefdyn.verified.Centering;
import prefdyn.verified.ComplexBall;
import prefdyn.verified.Eigen;
import prefdyn.verified.Krawczyk;

/**
 * Local stability of the MRS-DPO round (proofs-notes/MRS-DPO.md): a certified fixed point and the
 * certified spectrum of the round's Jacobian ({@link DpoJacobian}, implicit function theorem) on
 * 1^⊥. The fixed point is uniform when that is exact ({@link ThreeCycleFamily#uniformIsFixed}),
 * else it is found by iterating the (uncertified) round from the start and proved by the Krawczyk
 * test with the certified ball round ({@link DpoBallRound}) and the Jacobian over boxes. There is
 * no DPO analogue of T7's global contraction constant: none is reported.
 */
public final class DpoStability {
  private DpoStability() {}

  /**
   * Certified values at the fixed point.
   *
   * @param logits centered logits of the fixed point (balls)
   * @param policy its policy (balls)
   * @param eigenvalues the K-1 eigenvalues of the Jacobian on 1^⊥
   * @param rho the spectral radius there
   * @param source "uniform" (exact) or "iteration" (Krawczyk-certified near the iteration's limit)
   * @param rounds iteration rounds used (0 for the exact uniform point)
   */
  public record Enclosed(Ball @Centered [] logits, Ball[] policy, List<ComplexBall> eigenvalues, Ball rho, String source, long rounds) {}

  /** Either the enclosures or why not (with the approximate fixed point when one was found). */
  public record Attempt(@Nullable Enclosed enclosed, String failure) {}

  /** Finds, certifies and analyses the fixed point of the MRS-DPO round. */
  public static Attempt analyze(MrsParameters params, Distribution start, Precision q, long maxRounds) {
    int k = params.k();
    int prec = q.bits();
    Ball @Centered [] box;
    String source;
    long rounds = 0;
    if (ThreeCycleFamily.uniformIsFixed(params)) {
      Ball[] zero = new Ball[k];
      Arrays.fill(zero, Ball.ZERO);
      box = Centering.center(zero, prec); // exactly 0 again: the uniform point's centered logits
      source = "uniform";
    } else if (params.alpha().compareTo(Rationals.ONE) == 0) {
      return new Attempt(null, "alpha = 1 and uniform is not an exact fixed point: the MRS-DPO logit map has no"
          + " fixed point in general (only the exact uniform case is analysed at alpha = 1)");
    } else {
      MrsMap map = new MrsMap(params, q);
      FixedPoints.Result it;
      try {
        it = FixedPoints.iterate(map, map.logitsOf(start), maxRounds);
      } catch (RuntimeException e) {
        return new Attempt(null, "the MRS-DPO iteration failed: " + e.getMessage());
      }
      if (!it.converged()) {
        return new Attempt(null, "no fixed point found: the MRS-DPO iteration from the start does not settle in "
            + maxRounds + " rounds");
      }
      rounds = it.steps();
      DpoBallRound round = new DpoBallRound(params, q);
      BoxMap f = (x, pr) -> {
        DpoBallRound.Step st = round.apply(x);
        Ball[] next = st.theta();
        if (next == null) {
          Ball[] w = new Ball[x.length];
          Arrays.fill(w, Ball.whole());
          return w;
        }
        return next;
      };
      Ball[] approx = new Ball[k];
      Apfloat[] th = it.logits();
      for (int i = 0; i < k; i++) {
        approx[i] = Ball.of(th[i], prec).midpoint();
      }
      Krawczyk.OnTangent e = Krawczyk.certifyCentered(f,
          (x, pr) -> {
            DpoJacobian.Result r = DpoJacobian.over(params, x, q);
            return r.ok() ? r.get() : wholeMatrix(k);
          }, approx, prec);
      if (!e.certified()) {
        return new Attempt(null, "fixed point not certified: " + e.enclosure().failure());
      }
      box = e.theta();
      source = "iteration";
    }
    DpoJacobian.Result j = DpoJacobian.over(params, box, q);
    if (!j.ok()) {
      return new Attempt(null, "Jacobian not enclosed: " + j.failure());
    }
    Eigen.Enclosure en = Eigen.encloseOnTangent(j.get(), prec);
    if (!en.certified()) {
      return new Attempt(null, "eigenvalues not enclosed: " + en.failure());
    }
    Ball[] policy = Ball.softmax(box, prec);
    return new Attempt(new Enclosed(box, policy, en.eigenvalues(), en.rho(), source, rounds), "");
  }

  private static BallMatrix wholeMatrix(int k) {
    Ball[][] w = new Ball[k][k];
    for (Ball[] row : w) {
      Arrays.fill(row, Ball.whole());
    }
    return BallMatrix.of(w);
  }
}
