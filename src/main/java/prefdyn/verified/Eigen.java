package prefdyn.verified;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.num.Ball;

/**
 * Rigorous eigenvalue enclosures of a real ball matrix (proofs-notes/verified.md §5).
 *
 * <p>Approximate part (not rigorous, need not be): a double-precision eigen-decomposition
 * ({@link DoubleEigen}) refined at the requested precision by the iteration
 * {@code X <- X (I + F)}, {@code F_ij = M_ij / (d_j - d_i)} with {@code M = W A X}, {@code W ≈ X⁻¹}
 * (Newton–Schulz), which converges quadratically for simple eigenvalues and leaves semisimple
 * clusters alone (their block of M tends to λI by itself).
 *
 * <p>Rigorous part: with exact X and W, in ball arithmetic {@code G = W X}, {@code C = W A X} for
 * the ball matrix A. If {@code δ0 = ||I - G||_∞ < 1}, X is invertible and
 * {@code X⁻¹ A X = G⁻¹ C = C + F C} with {@code ||F||_∞ ≤ δ = δ0/(1 - δ0)}, so
 * {@code |(F C)_ij| ≤ δ max_k |C_kj|}. Gershgorin's theorem on {@code C + F C} (row discs, centers
 * the balls {@code C_ii}) gives discs whose union holds every eigenvalue of every member of A; a
 * connected component of k discs holds exactly k of them (counted with multiplicity).
 */
public final class Eigen {
  private Eigen() {}

  /**
   * A Gershgorin region: every z with {@code |z - c| ≤ r} for some c in the rectangle
   * {@code center} and r the upper end of {@code radius}.
   */
  public record Disc(ComplexBall center, Ball radius) {
    /** A rectangle containing the disc region. */
    public ComplexBall enclosure() {
      return center.inflate(radius);
    }

    /** An enclosure of {@code |z|} over the region: {@code [max(0, |c| - r), |c| + r]}. */
    public Ball modulus(int prec) {
      Ball c = center.abs(prec);
      return Ball.hull(Bounds.positivePart(c.sub(radius, prec)), c.add(radius, prec));
    }

    /** An enclosure of {@code Re z} over the region. */
    public Ball realPart(int prec) {
      return Ball.hull(center.re().sub(radius, prec), center.re().add(radius, prec));
    }

    /** Certified: no point of this region is within the other region. */
    boolean disjointFrom(Disc o, int prec) {
      Ball dist = center.sub(o.center, prec).abs(prec);
      return Bounds.less(radius.add(o.radius, prec), dist, prec);
    }

    Disc conj() {
      return new Disc(center.conj(), radius);
    }
  }

  /**
   * A connected component of Gershgorin regions: it holds exactly {@code count} eigenvalues
   * (with multiplicity), {@code count = discs.size()}.
   *
   * @param real certified: the cluster holds one eigenvalue and it is real (its conjugate region
   *     meets no other cluster, so the conjugate eigenvalue is the same one)
   */
  public record Cluster(List<Disc> discs, boolean real) {
    public Cluster {
      discs = List.copyOf(discs);
    }

    public int count() {
      return discs.size();
    }

    /** A rectangle containing the whole cluster region. */
    public ComplexBall enclosure() {
      ComplexBall e = discs.get(0).enclosure();
      for (Disc d : discs) {
        e = ComplexBall.hull(e, d.enclosure());
      }
      return e;
    }

    /** An enclosure of {@code |λ|} for every eigenvalue λ in the cluster. */
    public Ball modulus(int prec) {
      Ball m = discs.get(0).modulus(prec);
      for (Disc d : discs) {
        m = Ball.hull(m, d.modulus(prec));
      }
      return m;
    }

    /** An enclosure of {@code Re λ} for every eigenvalue λ in the cluster. */
    public Ball realPart(int prec) {
      Ball m = discs.get(0).realPart(prec);
      for (Disc d : discs) {
        m = Ball.hull(m, d.realPart(prec));
      }
      return m;
    }

    /** Certified: the cluster region does not meet the real axis (its eigenvalues are not real). */
    public boolean nonReal(int prec) {
      for (Disc d : discs) {
        if (!Bounds.less(d.radius(), d.center().im().abs(), prec)) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * The outcome. When {@link #certified()}: the clusters' regions hold all eigenvalues, each
   * cluster exactly {@code count()} of them; {@code spectralRadius} encloses {@code max |λ|}.
   */
  public record Enclosure(List<Cluster> clusters, @Nullable Ball spectralRadius, @Nullable String failure) {
    public Enclosure {
      clusters = List.copyOf(clusters);
    }

    static Enclosure failed(String reason) {
      return new Enclosure(List.of(), null, reason);
    }

    public boolean certified() {
      return failure == null;
    }

    /** Whether every cluster holds exactly one eigenvalue (all eigenvalues separated). */
    public boolean separated() {
      return certified() && clusters.stream().allMatch(c -> c.count() == 1);
    }

    /**
     * One rectangle per eigenvalue (with multiplicity: a cluster of k eigenvalues contributes its
     * enclosure k times). Empty when not certified.
     */
    public List<ComplexBall> eigenvalues() {
      List<ComplexBall> out = new ArrayList<>();
      for (Cluster c : clusters) {
        ComplexBall e = c.enclosure();
        for (int i = 0; i < c.count(); i++) {
          out.add(e);
        }
      }
      return out;
    }

    /** The spectral radius enclosure; throws if not certified. */
    public Ball rho() {
      Ball r = spectralRadius;
      if (r == null) {
        throw new IllegalStateException("no eigenvalue enclosure: " + failure);
      }
      return r;
    }
  }

  /** Eigenvalue enclosures of a real square ball matrix at {@code prec} bits. */
  public static Enclosure enclose(BallMatrix a, int prec) {
    if (!a.isSquare()) {
      throw new IllegalArgumentException("enclose: matrix is " + a.rows() + "x" + a.cols() + ", not square");
    }
    int n = a.rows();
    if (n == 0) {
      return new Enclosure(List.of(), Ball.ZERO, null);
    }
    if (!a.isFinite()) {
      return Enclosure.failed("matrix has non-finite entries");
    }
    DoubleEigen.Result d0 = DoubleEigen.of(a.midpoint());
    if (d0 == null) {
      return Enclosure.failed("approximate eigen-decomposition failed (double-precision QR did not converge, or entries outside the double range)");
    }
    ComplexBallMatrix[] xw = refine(a, d0, prec + VerifiedLinear.GUARD);
    if (xw == null) {
      return Enclosure.failed("approximate eigenvector matrix is singular (defective matrix?)");
    }
    return verify(a, xw[0], xw[1], prec);
  }

  /**
   * Eigenvalue enclosures of {@code ΠJ} restricted to the tangent space {@code 1^⊥}
   * ({@code Π = I - 11ᵀ/K}): the K-1 eigenvalues of {@link #tangentRestriction}. When {@code J1 = c1}
   * (the MRS Jacobian: {@code J1 = α1}) these are the eigenvalues of J with one copy of c removed.
   */
  public static Enclosure encloseOnTangent(BallMatrix j, int prec) {
    return enclose(tangentRestriction(j, prec), prec);
  }

  /**
   * The (K-1)×(K-1) matrix T of {@code ΠJ} on {@code 1^⊥} in the exact basis
   * {@code b_i = e_i - e_K} (i = 1..K-1): {@code T = B⁺ Π J B} with {@code B⁺ x = (x_1..x_{K-1})}
   * on {@code 1^⊥}. Exact rational arithmetic in balls (only the mean's division by K rounds).
   * Similar to {@code QᵀJQ} for any orthonormal basis Q of {@code 1^⊥} (same eigenvalues, NOT
   * the same norms).
   */
  public static BallMatrix tangentRestriction(BallMatrix j, int prec) {
    if (!j.isSquare() || j.rows() < 1) {
      throw new IllegalArgumentException("tangentRestriction: matrix is " + j.rows() + "x" + j.cols());
    }
    int k = j.rows();
    Ball[][] y = new Ball[k][k - 1];
    for (int r = 0; r < k; r++) {
      for (int c = 0; c < k - 1; c++) {
        y[r][c] = j.get(r, c).sub(j.get(r, k - 1), prec);
      }
    }
    // Π Y, without its last row (B⁺ keeps the first K-1 coordinates)
    return BallMatrix.of(Arrays.stream(Centering.center(BallMatrix.of(y), prec).entries()).limit(k - 1L).toArray(Ball[][]::new));
  }

  /**
   * Refines the double decomposition to about {@code bits} bits: returns {X, W} (exact balls,
   * W ≈ X⁻¹), or null when the double eigenvector matrix is singular.
   */
  static ComplexBallMatrix @Nullable [] refine(BallMatrix a, DoubleEigen.Result d0, int bits) {
    int n = a.rows();
    BallMatrix am = a.midpointMatrix(bits + 16);
    double[][][] inv = DoubleEigen.inverse(d0.vre(), d0.vim());
    if (inv == null) {
      return null;
    }
    ComplexBallMatrix x = ComplexBallMatrix.ofDoubles(d0.vre(), d0.vim());
    ComplexBallMatrix w = ComplexBallMatrix.ofDoubles(inv[0], inv[1]);
    ComplexBallMatrix id = ComplexBallMatrix.real(BallMatrix.identity(n));
    double scale = 0;
    for (double[] row : am.midpoint()) {
      for (double v : row) {
        scale = Math.max(scale, Math.abs(v));
      }
    }
    if (scale == 0) {
      return new ComplexBallMatrix[] {x, w};
    }
    Ball scaleBall = Bounds.exact(scale);
    int p = 53; // bits of accuracy of the current X (simple, well-separated eigenvalues)
    for (int step = 0; step < 40 && p < bits; step++) {
      // pairs whose diagonal entries agree to about half the current accuracy form a cluster
      Ball tol = scaleBall.mulPow2(-(p / 2));
      p = Math.min(2 * p, bits);
      int wp = p + 16;
      // W <- W + W (I - X W): Newton–Schulz towards X⁻¹
      w = w.add(w.mul(id.sub(x.mul(w, wp), wp), wp), wp).midpoint(wp);
      ComplexBallMatrix m = w.mul(ComplexBallMatrix.real(am).mul(x, wp), wp);
      Ball[][] fr = new Ball[n][n];
      Ball[][] fi = new Ball[n][n];
      for (int i = 0; i < n; i++) {
        for (int jj = 0; jj < n; jj++) {
          fr[i][jj] = Ball.ZERO;
          fi[i][jj] = Ball.ZERO;
          if (i == jj) {
            continue;
          }
          ComplexBall gap = m.get(jj, jj).sub(m.get(i, i), wp);
          if (!gap.isFinite() || Bounds.less(gap.abs(wp), tol, wp)) {
            continue; // same cluster: left alone
          }
          ComplexBall f = m.get(i, jj).div(gap, wp);
          fr[i][jj] = f.re();
          fi[i][jj] = f.im();
        }
      }
      ComplexBallMatrix f = new ComplexBallMatrix(BallMatrix.of(fr), m.im != null ? BallMatrix.of(fi) : null);
      x = x.add(x.mul(f, wp), wp).midpoint(wp);
      w = w.sub(f.mul(w, wp), wp).midpoint(wp);
    }
    int wp = bits + 16;
    w = w.add(w.mul(id.sub(x.mul(w, wp), wp), wp), wp).midpoint(wp);
    return new ComplexBallMatrix[] {x, w};
  }

  /** The rigorous part: Gershgorin discs of {@code X⁻¹ A X} from exact X and W ≈ X⁻¹. */
  static Enclosure verify(BallMatrix a, ComplexBallMatrix x, ComplexBallMatrix w, int prec) {
    int n = a.rows();
    ComplexBallMatrix id = ComplexBallMatrix.real(BallMatrix.identity(n));
    ComplexBallMatrix g = w.mul(x, prec);
    ComplexBallMatrix c = w.mul(ComplexBallMatrix.real(a).mul(x, prec), prec);
    Ball d0 = id.sub(g, prec).normInf(prec);
    if (!Bounds.less(d0, Ball.ONE, prec)) {
      return Enclosure.failed("the approximate eigenvector matrix is not certified invertible (||I - W X||_inf <= "
          + d0.upperDecimal(4) + " is not below 1): defective or nearly defective matrix");
    }
    Ball delta = d0.div(Ball.ONE.sub(d0, prec), prec);
    Ball[] colMax = new Ball[n];
    Ball[][] abs = new Ball[n][n];
    for (int jj = 0; jj < n; jj++) {
      colMax[jj] = Ball.ZERO;
      for (int k = 0; k < n; k++) {
        abs[k][jj] = c.get(k, jj).abs(prec);
        colMax[jj] = Ball.max(colMax[jj], abs[k][jj]);
      }
    }
    List<Disc> discs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Ball r = delta.mul(colMax[i], prec);
      for (int jj = 0; jj < n; jj++) {
        if (jj != i) {
          r = r.add(abs[i][jj].add(delta.mul(colMax[jj], prec), prec), prec);
        }
      }
      discs.add(new Disc(c.get(i, i), r));
    }
    return clusters(discs, prec);
  }

  /** Connected components of the discs (union-find on "not certified disjoint"). */
  static Enclosure clusters(List<Disc> discs, int prec) {
    int n = discs.size();
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (!discs.get(i).disjointFrom(discs.get(j), prec)) {
          parent[find(parent, i)] = find(parent, j);
        }
      }
    }
    List<List<Disc>> groups = new ArrayList<>();
    List<Integer> roots = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int r = find(parent, i);
      int at = roots.indexOf(r);
      if (at < 0) {
        roots.add(r);
        groups.add(new ArrayList<>());
        at = groups.size() - 1;
      }
      groups.get(at).add(discs.get(i));
    }
    List<Cluster> out = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      List<Disc> mine = groups.get(g);
      boolean real = mine.size() == 1;
      for (int h = 0; real && h < groups.size(); h++) {
        if (h == g) {
          continue;
        }
        for (Disc d : groups.get(h)) {
          if (!mine.get(0).conj().disjointFrom(d, prec)) {
            real = false;
            break;
          }
        }
      }
      out.add(new Cluster(mine, real));
    }
    Ball rho = Ball.ZERO;
    for (Cluster cl : out) {
      rho = Ball.max(rho, cl.modulus(prec));
    }
    return new Enclosure(Collections.unmodifiableList(out), rho, null);
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }
}
