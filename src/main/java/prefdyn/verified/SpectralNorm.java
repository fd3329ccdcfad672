package prefdyn.verified;

import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.num.Ball;

/**
 * An enclosure of the spectral norm {@code ||M||_2} (largest singular value) of every member of a
 * real ball matrix (proofs-notes/verified.md §6). Never fails: the enclosure is only less tight
 * when the eigenvalue verification does.
 *
 * <p>{@code ||M||_2² = λmax(MᵀM)}. {@link Eigen#enclose} on the ball matrix {@code S = MᵀM} gives
 * clusters that hold all eigenvalues of every member; the true S is symmetric, so its eigenvalues
 * are real and each lies in the real trace of a disc: {@code λmax ≤ max_i (Re c_i + r_i)}, and
 * since every cluster holds at least one eigenvalue, {@code λmax ≥ max_clusters min_discs
 * (Re c_i - r_i)}. When the verification fails: upper bound {@code min(||M||_F,
 * sqrt(||M||_1 ||M||_∞))}, lower bound the largest column norm {@code max_j ||M e_j||_2} and the
 * Rayleigh quotient {@code ||M v|| / ||v||} of an approximate top right singular vector v.
 */
public final class SpectralNorm {
  private SpectralNorm() {}

  public static Ball enclose(BallMatrix m, int prec) {
    if (m.rows() == 0 || m.cols() == 0) {
      return Ball.ZERO;
    }
    if (!m.isFinite()) {
      return Ball.whole();
    }
    BallMatrix s = m.transpose().mul(m, prec);
    Eigen.Enclosure e = Eigen.enclose(s, prec);
    if (e.certified()) {
      @Nullable Ball lamLo = null;
      @Nullable Ball lamHi = null;
      for (Eigen.Cluster c : e.clusters()) {
        @Nullable Ball low = null;
        for (Eigen.Disc d : c.discs()) {
          Ball re = d.center().re();
          Ball lo = re.sub(d.radius(), prec);
          Ball hi = re.add(d.radius(), prec);
          low = low == null ? lo : Ball.min(low, lo);
          lamHi = lamHi == null ? hi : Ball.max(lamHi, hi);
        }
        lamLo = lamLo == null ? low : Ball.max(lamLo, low);
      }
      if (lamLo == null || lamHi == null) {
        throw new IllegalStateException("no clusters for a nonempty matrix");
      }
      Ball lower = Bounds.sqrtOfNonNegative(lamLo, prec);
      Ball upper = Bounds.sqrtOfNonNegative(lamHi, prec);
      return Ball.hull(lower, upper);
    }
    Ball upper = Ball.min(m.normFrobenius(prec), Bounds.sqrtOfNonNegative(m.norm1(prec).mul(m.normInf(prec), prec), prec));
    Ball lower = Ball.ZERO;
    for (int j = 0; j < m.cols(); j++) {
      Ball col = Ball.ZERO;
      for (int i = 0; i < m.rows(); i++) {
        col = col.add(m.get(i, j).sqr(prec), prec);
      }
      lower = Ball.max(lower, Bounds.sqrtOfNonNegative(col, prec));
    }
    DoubleEigen.Result d = DoubleEigen.of(s.midpoint());
    if (d != null) {
      int top = 0;
      for (int i = 1; i < d.re().length; i++) {
        if (d.re()[i] > d.re()[top]) {
          top = i;
        }
      }
      Ball[] v = new Ball[m.cols()];
      for (int i = 0; i < v.length; i++) {
        v[i] = Bounds.exact(d.vre()[i][top]);
      }
      Ball vv = Ball.dot(v, v, prec);
      Ball[] mv = m.times(v, prec);
      Ball mvmv = Ball.dot(mv, mv, prec);
      if (vv.isPositive()) {
        lower = Ball.max(lower, Bounds.sqrtOfNonNegative(mvmv.div(vv, prec), prec));
      }
    }
    return Ball.hull(lower, upper);
  }
}
