package prefdyn.verified;

import java.math.BigInteger;
import org.apfloat.Apfloat;
import org.apfloat.Apint;
import org.apfloat.Aprational;
import prefdyn.num.Ball;

/** Test helpers: exact rationals, exact rational linear algebra (independent reference). */
final class T {
  private T() {}

  static Aprational q(long n, long d) {
    return new Aprational(new Apint(n), new Apint(d));
  }

  static Aprational q(long n) {
    return new Aprational(new Apint(n));
  }

  static Aprational[][] qm(long[][] v) {
    Aprational[][] out = new Aprational[v.length][];
    for (int i = 0; i < v.length; i++) {
      out[i] = new Aprational[v[i].length];
      for (int j = 0; j < v[i].length; j++) {
        out[i][j] = q(v[i][j]);
      }
    }
    return out;
  }

  static Aprational[][] mul(Aprational[][] a, Aprational[][] b) {
    int n = a.length;
    int m = b[0].length;
    Aprational[][] out = new Aprational[n][m];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        Aprational s = q(0);
        for (int k = 0; k < b.length; k++) {
          s = (Aprational) s.add(a[i][k].multiply(b[k][j]));
        }
        out[i][j] = s;
      }
    }
    return out;
  }

  /** Exact solution of a x = b by rational Gaussian elimination (null if singular). */
  static Aprational[] solve(Aprational[][] a, Aprational[] b) {
    int n = b.length;
    Aprational[][] m = new Aprational[n][n + 1];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], 0, m[i], 0, n);
      m[i][n] = b[i];
    }
    for (int c = 0; c < n; c++) {
      int p = c;
      while (p < n && m[p][c].signum() == 0) {
        p++;
      }
      if (p == n) {
        throw new ArithmeticException("singular");
      }
      Aprational[] t = m[c];
      m[c] = m[p];
      m[p] = t;
      for (int r = 0; r < n; r++) {
        if (r != c && m[r][c].signum() != 0) {
          Aprational f = m[r][c].divide(m[c][c]);
          for (int j = c; j <= n; j++) {
            m[r][j] = (Aprational) m[r][j].subtract(f.multiply(m[c][j]));
          }
        }
      }
    }
    Aprational[] x = new Aprational[n];
    for (int i = 0; i < n; i++) {
      x[i] = m[i][n].divide(m[i][i]);
    }
    return x;
  }

  /** Exact inverse (columns solved one by one). */
  static Aprational[][] inverse(Aprational[][] a) {
    int n = a.length;
    Aprational[][] inv = new Aprational[n][n];
    for (int c = 0; c < n; c++) {
      Aprational[] e = new Aprational[n];
      for (int i = 0; i < n; i++) {
        e[i] = q(i == c ? 1 : 0);
      }
      Aprational[] x = solve(a, e);
      for (int i = 0; i < n; i++) {
        inv[i][c] = x[i];
      }
    }
    return inv;
  }

  static Aprational[][] diag(Aprational... d) {
    Aprational[][] out = new Aprational[d.length][d.length];
    for (int i = 0; i < d.length; i++) {
      for (int j = 0; j < d.length; j++) {
        out[i][j] = i == j ? d[i] : q(0);
      }
    }
    return out;
  }

  /** sqrt(n) as a tight ball at {@code prec} bits (an independent enclosure of an irrational). */
  static Ball sqrt(long n, int prec) {
    return Ball.exact(n).sqrt(prec);
  }

  /** A ball enclosing an Apfloat reference value with the given absolute error. */
  static Ball ref(Apfloat x, Aprational err, int prec) {
    return Ball.of(x, prec).inflate(err);
  }

  static Aprational pow2(int k) {
    return k >= 0 ? new Aprational(new Apint(BigInteger.ONE.shiftLeft(k)))
        : new Aprational(new Apint(1), new Apint(BigInteger.ONE.shiftLeft(-k)));
  }
}
