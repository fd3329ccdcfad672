package prefdyn.verified;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
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

  /** The entry {@code (i, j)} of a matrix being built. */
  @FunctionalInterface
  private interface Entry {
    Ball at(int i, int j);
  }

  /** The {@code rows × cols} matrix with entries {@code f(i, j)}: every constructor and entrywise map. */
  private static BallMatrix tabulate(int rows, int cols, Entry f) {
    Ball[][] m = new Ball[rows][cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        m[i][j] = f.at(i, j);
      }
    }
    return new BallMatrix(m, rows, cols);
  }

  /** The common row length of a (possibly ragged) array. @throws IllegalArgumentException if ragged */
  private static int rectangular(Object[][] entries) {
    int c = entries.length == 0 ? 0 : entries[0].length;
    for (int i = 0; i < entries.length; i++) {
      if (entries[i].length != c) {
        throw new IllegalArgumentException("entries: row " + i + " has " + entries[i].length + " entries, expected " + c);
      }
    }
    return c;
  }

  /** From balls (copied). All rows must have the same length. */
  public static BallMatrix of(Ball[][] entries) {
    return tabulate(entries.length, rectangular(entries), (i, j) -> Objects.requireNonNull(entries[i][j], "entries[" + i + "][" + j + "]"));
  }

  /** From exact rationals: dyadic entries stay exact, others become tight balls at {@code prec} bits. */
  public static BallMatrix of(Aprational[][] entries, int prec) {
    return tabulate(entries.length, rectangular(entries), (i, j) -> Ball.of(entries[i][j], prec));
  }

  /** The exact values of a double matrix (radius 0; for tests and approximate work). */
  public static BallMatrix ofDoubles(double[][] entries) {
    return tabulate(entries.length, entries.length == 0 ? 0 : entries[0].length, (i, j) -> Bounds.exact(entries[i][j]));
  }

  public static BallMatrix identity(int n) {
    return tabulate(n, n, (i, j) -> i == j ? Ball.ONE : Ball.ZERO);
  }

  public static BallMatrix zero(int rows, int cols) {
    return tabulate(rows, cols, (i, j) -> Ball.ZERO);
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

  /** Every entry, row by row. */
  private Stream<Ball> each() {
    return Arrays.stream(a).flatMap(Arrays::stream);
  }

  public boolean isFinite() {
    return each().allMatch(Ball::isFinite);
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

  /** {@code f} applied entrywise. */
  private BallMatrix map(UnaryOperator<Ball> f) {
    return tabulate(rows, cols, (i, j) -> f.apply(a[i][j]));
  }

  /** {@code f} applied entrywise to this and {@code o} (same shape). */
  private BallMatrix zip(BallMatrix o, String what, BinaryOperator<Ball> f) {
    sameShape(o, what);
    return tabulate(rows, cols, (i, j) -> f.apply(a[i][j], o.a[i][j]));
  }

  public BallMatrix add(BallMatrix o, int prec) {
    return zip(o, "add", (x, y) -> x.add(y, prec));
  }

  public BallMatrix sub(BallMatrix o, int prec) {
    return zip(o, "sub", (x, y) -> x.sub(y, prec));
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
    return tabulate(cols, rows, (i, j) -> a[j][i]);
  }

  /** {@code s · this}. */
  public BallMatrix scale(Ball s, int prec) {
    return map(x -> x.mul(s, prec));
  }

  /** Every entry grown by {@code r} (added to the radius). */
  public BallMatrix inflate(Ball r) {
    return map(x -> x.inflate(r));
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
    return map(x -> Bounds.mid(x, bits));
  }

  /** Whether every entry has radius 0. */
  public boolean isExact() {
    return each().allMatch(Ball::isExact);
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
