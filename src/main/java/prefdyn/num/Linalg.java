package prefdyn.num;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;

/** Small dense linear algebra over {@link Apfloat} at a given precision (K up to about 50). */
public final class Linalg {
  private Linalg() {}

  /** {@code A x}. */
  public static Apfloat[] multiply(Apfloat[][] a, Apfloat[] x, Precision p) {
    int n = a.length;
    Apfloat[] out = new Apfloat[n];
    for (int i = 0; i < n; i++) {
      Apfloat s = p.real(0);
      for (int j = 0; j < x.length; j++) {
        s = s.add(a[i][j].multiply(x[j]));
      }
      out[i] = s;
    }
    return out;
  }

  /** {@code Π x = x - mean(x) 1}: logits compared after centering. */
  public static Apfloat[] center(Apfloat[] x, Precision p) {
    Apfloat mean = p.real(0);
    for (Apfloat v : x) {
      mean = mean.add(v);
    }
    mean = mean.divide(p.real(x.length));
    Apfloat[] out = new Apfloat[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i].subtract(mean);
    }
    return out;
  }

  public static Apfloat dot(Apfloat[] x, Apfloat[] y, Precision p) {
    Apfloat s = p.real(0);
    for (int i = 0; i < x.length; i++) {
      s = s.add(x[i].multiply(y[i]));
    }
    return s;
  }

  public static Apfloat norm2(Apfloat[] x, Precision p) {
    return ApfloatMath.sqrt(dot(x, x, p));
  }

  /**
   * Solves {@code A x = b} by Gaussian elimination with partial pivoting.
   *
   * @throws ArithmeticException when A is singular to working precision
   */
  public static Apfloat[] solve(Apfloat[][] a, Apfloat[] b, Precision p) {
    int n = b.length;
    Apfloat[][] m = new Apfloat[n][n + 1];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        m[i][j] = p.real(a[i][j]);
      }
      m[i][n] = p.real(b[i]);
    }
    for (int c = 0; c < n; c++) {
      int piv = c;
      for (int r = c + 1; r < n; r++) {
        if (ApfloatMath.abs(m[r][c]).compareTo(ApfloatMath.abs(m[piv][c])) > 0) {
          piv = r;
        }
      }
      if (m[piv][c].signum() == 0) {
        throw new ArithmeticException("singular matrix");
      }
      Apfloat[] t = m[c];
      m[c] = m[piv];
      m[piv] = t;
      for (int r = c + 1; r < n; r++) {
        if (m[r][c].signum() == 0) {
          continue;
        }
        Apfloat f = m[r][c].divide(m[c][c]);
        for (int j = c; j <= n; j++) {
          m[r][j] = m[r][j].subtract(f.multiply(m[c][j]));
        }
      }
    }
    Apfloat[] x = new Apfloat[n];
    for (int i = n - 1; i >= 0; i--) {
      Apfloat s = m[i][n];
      for (int j = i + 1; j < n; j++) {
        s = s.subtract(m[i][j].multiply(x[j]));
      }
      x[i] = s.divide(m[i][i]);
    }
    return x;
  }
}
