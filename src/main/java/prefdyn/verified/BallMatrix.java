package prefdyn.verified;

import java.util.Objects;
import org.apfloat.Apfloat;
import org.apfloat.Aprational;
import prefdyn.num.Ball;

/**
 * A real matrix of {@link Ball}s (small: the prefdyn dimensions are K ≤ 12). It stands for the set
 * of real matrices whose entries lie in the balls; every operation returns a ball matrix that
 * contains the exact result for every choice of members (entrywise Ball arithmetic, outward
 * rounded). Norms are returned as Balls that contain the norm of every member; use the upper end
 * for "≤" claims and the lower end for "≥" claims. Immutable.
 */
public final class BallMatrix {
  private final Ball[][] a;
  private final int rows;
  private final int cols;

  private BallMatrix(Ball[][] a, int rows, int cols) {
    this.a = a;
    this.rows = rows;
    this.cols = cols;
  }

  /** From balls (copied). All rows must have the same length. */
  public static BallMatrix of(Ball[][] entries) {
    int r = entries.length;
    int c = r == 0 ? 0 : entries[0].length;
    Ball[][] m = new Ball[r][c];
    for (int i = 0; i < r; i++) {
      if (entries[i].length != c) {
        throw new IllegalArgumentException("entries: row " + i + " has " + entries[i].length + " entries, expected " + c);
      }
      for (int j = 0; j < c; j++) {
        m[i][j] = Objects.requireNonNull(entries[i][j], "entries[" + i + "][" + j + "]");
      }
    }
    return new BallMatrix(m, r, c);
  }

  /** From exact rationals: dyadic entries stay exact, others become tight balls at {@code prec} bits. */
  public static BallMatrix of(Aprational[][] entries, int prec) {
    int r = entries.length;
    int c = r == 0 ? 0 : entries[0].length;
    Ball[][] m = new Ball[r][c];
    for (int i = 0; i < r; i++) {
      if (entries[i].length != c) {
        throw new IllegalArgumentException("entries: row " + i + " has " + entries[i].length + " entries, expected " + c);
      }
      for (int j = 0; j < c; j++) {
        m[i][j] = Ball.of(entries[i][j], prec);
      }
    }
    return new BallMatrix(m, r, c);
  }

  /** The exact values of a double matrix (radius 0; for tests and approximate work). */
  public static BallMatrix ofDoubles(double[][] entries) {
    int r = entries.length;
    int c = r == 0 ? 0 : entries[0].length;
    Ball[][] m = new Ball[r][c];
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < c; j++) {
        m[i][j] = Bounds.exact(entries[i][j]);
      }
    }
    return new BallMatrix(m, r, c);
  }

  public static BallMatrix identity(int n) {
    Ball[][] m = new Ball[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        m[i][j] = i == j ? Ball.ONE : Ball.ZERO;
      }
    }
    return new BallMatrix(m, n, n);
  }

  public static BallMatrix zero(int rows, int cols) {
    Ball[][] m = new Ball[rows][cols];
    for (Ball[] row : m) {
      java.util.Arrays.fill(row, Ball.ZERO);
    }
    return new BallMatrix(m, rows, cols);
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  public boolean isSquare() {
    return rows == cols;
  }

  public Ball get(int i, int j) {
    return a[i][j];
  }

  /** A copy of the entries. */
  public Ball[][] entries() {
    Ball[][] m = new Ball[rows][];
    for (int i = 0; i < rows; i++) {
      m[i] = a[i].clone();
    }
    return m;
  }

  public boolean isFinite() {
    for (Ball[] row : a) {
      for (Ball x : row) {
        if (!x.isFinite()) {
          return false;
        }
      }
    }
    return true;
  }

  /** Whether the exact rational matrix {@code q} is a member (entrywise containment). */
  public boolean contains(Aprational[][] q) {
    if (q.length != rows) {
      return false;
    }
    for (int i = 0; i < rows; i++) {
      if (q[i].length != cols) {
        return false;
      }
      for (int j = 0; j < cols; j++) {
        if (!a[i][j].contains(q[i][j])) {
          return false;
        }
      }
    }
    return true;
  }

  private void sameShape(BallMatrix o, String what) {
    if (o.rows != rows || o.cols != cols) {
      throw new IllegalArgumentException(what + ": shapes " + rows + "x" + cols + " and " + o.rows + "x" + o.cols + " differ");
    }
  }

  public BallMatrix add(BallMatrix o, int prec) {
    sameShape(o, "add");
    Ball[][] m = new Ball[rows][cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        m[i][j] = a[i][j].add(o.a[i][j], prec);
      }
    }
    return new BallMatrix(m, rows, cols);
  }

  public BallMatrix sub(BallMatrix o, int prec) {
    sameShape(o, "sub");
    Ball[][] m = new Ball[rows][cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        m[i][j] = a[i][j].sub(o.a[i][j], prec);
      }
    }
    return new BallMatrix(m, rows, cols);
  }

  /** {@code this · o}: each entry a ball dot product. */
  public BallMatrix mul(BallMatrix o, int prec) {
    if (cols != o.rows) {
      throw new IllegalArgumentException("mul: " + rows + "x" + cols + " times " + o.rows + "x" + o.cols);
    }
    Ball[][] m = new Ball[rows][o.cols];
    Ball[] col = new Ball[cols];
    for (int j = 0; j < o.cols; j++) {
      for (int k = 0; k < cols; k++) {
        col[k] = o.a[k][j];
      }
      for (int i = 0; i < rows; i++) {
        m[i][j] = Ball.dot(a[i], col, prec);
      }
    }
    return new BallMatrix(m, rows, o.cols);
  }

  /** {@code this · v}. */
  public Ball[] times(Ball[] v, int prec) {
    if (v.length != cols) {
      throw new IllegalArgumentException("times: " + rows + "x" + cols + " times a vector of length " + v.length);
    }
    Ball[] out = new Ball[rows];
    for (int i = 0; i < rows; i++) {
      out[i] = Ball.dot(a[i], v, prec);
    }
    return out;
  }

  public BallMatrix transpose() {
    Ball[][] m = new Ball[cols][rows];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        m[j][i] = a[i][j];
      }
    }
    return new BallMatrix(m, cols, rows);
  }

  /** {@code s · this}. */
  public BallMatrix scale(Ball s, int prec) {
    Ball[][] m = new Ball[rows][cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        m[i][j] = a[i][j].mul(s, prec);
      }
    }
    return new BallMatrix(m, rows, cols);
  }

  /** Every entry grown by {@code r} (added to the radius). */
  public BallMatrix inflate(Ball r) {
    Ball[][] m = new Ball[rows][cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        m[i][j] = a[i][j].inflate(r);
      }
    }
    return new BallMatrix(m, rows, cols);
  }

  /** {@code ||A||_∞ = max_i Σ_j |a_ij|} (enclosure over all members). */
  public Ball normInf(int prec) {
    Ball best = Ball.ZERO;
    for (int i = 0; i < rows; i++) {
      Ball s = Ball.ZERO;
      for (int j = 0; j < cols; j++) {
        s = s.add(a[i][j].abs(), prec);
      }
      best = Ball.max(best, s);
    }
    return best;
  }

  /** {@code ||A||_1 = max_j Σ_i |a_ij|}. */
  public Ball norm1(int prec) {
    return transpose().normInf(prec);
  }

  /** {@code ||A||_F = sqrt(Σ a_ij²)}. */
  public Ball normFrobenius(int prec) {
    Ball s = Ball.ZERO;
    for (Ball[] row : a) {
      for (Ball x : row) {
        s = s.add(x.sqr(prec), prec);
      }
    }
    return Bounds.sqrtOfNonNegative(s, prec);
  }

  /** The largest radius, as a double upper bound (diagnostics). */
  public double maxRadius() {
    double r = 0;
    for (Ball[] row : a) {
      for (Ball x : row) {
        r = Math.max(r, x.radUpper());
      }
    }
    return r;
  }

  /** The midpoints as doubles (approximate work only). */
  public double[][] midpoint() {
    double[][] m = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        m[i][j] = a[i][j].midDouble();
      }
    }
    return m;
  }

  /** The midpoints as Apfloats with {@code digits} significant digits (approximate work only). */
  public Apfloat[][] midpoint(long digits) {
    Apfloat[][] m = new Apfloat[rows][cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        m[i][j] = a[i][j].mid(digits);
      }
    }
    return m;
  }

  /**
   * Exact balls at (essentially) the midpoints, to about {@code bits} bits (approximate work
   * only: see {@link Bounds#mid}).
   */
  public BallMatrix midpointMatrix(int bits) {
    if (isExact()) {
      return this;
    }
    Ball[][] m = new Ball[rows][cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        m[i][j] = Bounds.mid(a[i][j], bits);
      }
    }
    return new BallMatrix(m, rows, cols);
  }

  /** Whether every entry has radius 0. */
  public boolean isExact() {
    for (Ball[] row : a) {
      for (Ball x : row) {
        if (!x.isExact()) {
          return false;
        }
      }
    }
    return true;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < rows; i++) {
      sb.append(i == 0 ? "[" : ", [");
      for (int j = 0; j < cols; j++) {
        sb.append(j == 0 ? "" : ", ").append(a[i][j].format(12));
      }
      sb.append(']');
    }
    return sb.append(']').toString();
  }
}
