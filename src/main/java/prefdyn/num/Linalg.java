package prefdyn.num;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.BinaryOperator;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.apfloat.Aprational;
import prefdyn.qual.Centered;

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

  /**
   * {@code Π x = x - mean(x) 1}: logits compared after centering. The one method that establishes
   * {@link Centered} (docs/checked.md).
   */
  public static Apfloat @Centered [] center(Apfloat[] x, Precision p) {
    Apfloat mean = p.real(0);
    for (Apfloat v : x) {
      mean = mean.add(v);
    }
    mean = mean.divide(p.real(x.length));
    Apfloat[] out = new Apfloat[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i].subtract(mean);
    }
    // The checked cast of the centering qualifier: out = x - mean(x)·1 sums to zero (up to the
    // rounding of the mean and the K subtractions), which is what @Centered states. The array is
    // fresh and leaves this method only through the return.
    @SuppressWarnings("centered")
    Apfloat @Centered [] centered = out;
    return centered;
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
    return eliminate(m, ROUNDED, "singular matrix");
  }

  /**
   * The arithmetic of {@link #eliminate}: exact ({@link #EXACT}, rationals) or rounded ({@link
   * #ROUNDED}, working-precision numbers), and which pivot it prefers ({@code betterPivot(candidate,
   * current)}).
   */
  public record Field<T>(BinaryOperator<T> subtract, BinaryOperator<T> multiply, BinaryOperator<T> divide,
      ToIntFunction<T> signum, BiPredicate<T, T> betterPivot, IntFunction<T[]> newArray) {}

  /** Rounded arithmetic; the pivot of largest magnitude (partial pivoting). */
  public static final Field<Apfloat> ROUNDED = new Field<>(Apfloat::subtract, Apfloat::multiply, Apfloat::divide,
      Apfloat::signum, (c, cur) -> ApfloatMath.abs(c).compareTo(ApfloatMath.abs(cur)) > 0, Apfloat[]::new);

  /** Exact rational arithmetic; the first nonzero pivot (any nonzero pivot is exact). */
  public static final Field<Aprational> EXACT = new Field<>(Aprational::subtract, Aprational::multiply,
      Aprational::divide, Aprational::signum, (c, cur) -> cur.signum() == 0 && c.signum() != 0, Aprational[]::new);

  /**
   * Gaussian elimination on an augmented n x (n+1) system {@code m} (overwritten), then back
   * substitution: the solution x of {@code m[.][0..n-1] x = m[.][n]}.
   *
   * @throws ArithmeticException ({@code singular}) when no nonzero pivot is left in a column
   */
  public static <T> T[] eliminate(T[][] m, Field<T> f, String singular) {
    int n = m.length;
    for (int c = 0; c < n; c++) {
      int piv = c;
      for (int r = c + 1; r < n; r++) {
        if (f.betterPivot().test(m[r][c], m[piv][c])) {
          piv = r;
        }
      }
      if (f.signum().applyAsInt(m[piv][c]) == 0) {
        throw new ArithmeticException(singular);
      }
      T[] t = m[c];
      m[c] = m[piv];
      m[piv] = t;
      for (int r = c + 1; r < n; r++) {
        if (f.signum().applyAsInt(m[r][c]) == 0) {
          continue;
        }
        T q = f.divide().apply(m[r][c], m[c][c]);
        for (int j = c; j <= n; j++) {
          m[r][j] = f.subtract().apply(m[r][j], f.multiply().apply(q, m[c][j]));
        }
      }
    }
    T[] x = f.newArray().apply(n);
    for (int i = n - 1; i >= 0; i--) {
      T s = m[i][n];
      for (int j = i + 1; j < n; j++) {
        s = f.subtract().apply(s, f.multiply().apply(m[i][j], x[j]));
      }
      x[i] = f.divide().apply(s, m[i][i]);
    }
    return x;
  }

  // ---------------------------------------------------------------------------------------------
  // Eigenvalues and norms. Written by hand: no Java library computes eigenvalues at arbitrary
  // precision (JAMA, EJML, Commons Math and ojAlgo are double-only; Apfloat has no linear
  // algebra). The algorithms are the classical ones (cyclic Jacobi; EISPACK orthes + hqr as in
  // JAMA), run in Apfloat at the precision's working digits plus guard digits; no doubles.

  /** Extra digits for the eigenvalue routines beyond {@code working()}. */
  private static final int EIG_GUARD = 10;

  /** Transpose. */
  public static Apfloat[][] transpose(Apfloat[][] a) {
    int n = a.length;
    int m = n == 0 ? 0 : a[0].length;
    Apfloat[][] t = new Apfloat[m][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        t[j][i] = a[i][j];
      }
    }
    return t;
  }

  /** {@code A B} for conforming matrices. */
  public static Apfloat[][] multiply(Apfloat[][] a, Apfloat[][] b, Precision p) {
    int n = a.length;
    int k = b.length;
    int m = k == 0 ? 0 : b[0].length;
    Apfloat[][] ar = realAll(a, p);
    Apfloat[][] br = realAll(b, p);
    Apfloat[][] out = new Apfloat[n][m];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        Apfloat s = p.real(0);
        for (int l = 0; l < k; l++) {
          s = s.add(ar[i][l].multiply(br[l][j]));
        }
        out[i][j] = s;
      }
    }
    return out;
  }

  private static Apfloat[][] realAll(Apfloat[][] a, Precision p) {
    Apfloat[][] out = new Apfloat[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = new Apfloat[a[i].length];
      for (int j = 0; j < a[i].length; j++) {
        out[i][j] = p.real(a[i][j]);
      }
    }
    return out;
  }

  /**
   * Eigenvalues of a symmetric matrix (only the upper triangle is read), in decreasing order, by
   * the cyclic Jacobi method at working + guard digits. Each rotation zeroes one off-diagonal
   * entry; sweeps repeat until the off-diagonal mass is below 10^-(working+guard) times the
   * Frobenius norm (convergence is quadratic, so about log2(digits) + 4 sweeps). Jacobi is
   * backward stable and each eigenvalue is then correct to about 10^-working() ||A||_F in
   * absolute terms (Weyl's inequality).
   *
   * @throws ArithmeticException if the sweeps do not converge (never observed)
   */
  public static Apfloat[] symmetricEigenvalues(Apfloat[][] a, Precision p) {
    int n = a.length;
    long wp = p.working() + EIG_GUARD;
    Apfloat[][] m = atWorkingPlusGuard(a, p, true);
    Apfloat zero = new Apfloat(0);
    Apfloat one = new Apfloat(1, wp);
    Apfloat fro = zero;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        fro = fro.add(m[i][j].multiply(m[i][j]));
      }
    }
    // Rotations leave rounding noise of about 10^-wp ||A||_F off the diagonal, so the stopping
    // test allows 10^-(wp-3) ||A||_F (squared: 10^-(2wp-6)); by Weyl's inequality the eigenvalues
    // are then within that of the diagonal, i.e. 10^-(working+7) ||A||_F.
    Apfloat tol = fro.multiply(ApfloatMath.scale(new Apfloat(1, wp), -2 * wp + 6));
    for (int sweep = 0; sweep < 60 + 4 * 64; sweep++) {
      Apfloat off = zero;
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          off = off.add(m[i][j].multiply(m[i][j]));
        }
      }
      if (off.compareTo(tol) <= 0) {
        Apfloat[] ev = new Apfloat[n];
        for (int i = 0; i < n; i++) {
          ev[i] = m[i][i];
        }
        Arrays.sort(ev, Comparator.reverseOrder());
        return ev;
      }
      for (int q = 0; q < n; q++) {
        for (int r = q + 1; r < n; r++) {
          Apfloat apq = m[q][r];
          if (apq.signum() == 0) {
            continue;
          }
          // Rotation (Golub & Van Loan, Alg. 8.5.1): theta = (a_rr - a_qq) / (2 a_qr),
          // t = sign(theta) / (|theta| + sqrt(theta^2 + 1)), c = 1/sqrt(1 + t^2), s = t c.
          Apfloat theta = m[r][r].subtract(m[q][q]).divide(apq.multiply(new Apfloat(2)));
          Apfloat t = one.divide(ApfloatMath.abs(theta).add(
              ApfloatMath.sqrt(theta.multiply(theta).add(one).precision(wp))));
          if (theta.signum() < 0) {
            t = t.negate();
          }
          Apfloat c = one.divide(ApfloatMath.sqrt(one.add(t.multiply(t)).precision(wp)));
          Apfloat s = t.multiply(c);
          for (int k = 0; k < n; k++) {
            if (k == q || k == r) {
              continue;
            }
            Apfloat mkq = m[k][q];
            Apfloat mkr = m[k][r];
            Apfloat nq = c.multiply(mkq).subtract(s.multiply(mkr)).precision(wp);
            Apfloat nr = s.multiply(mkq).add(c.multiply(mkr)).precision(wp);
            m[k][q] = nq;
            m[q][k] = nq;
            m[k][r] = nr;
            m[r][k] = nr;
          }
          m[q][q] = m[q][q].subtract(t.multiply(apq)).precision(wp);
          m[r][r] = m[r][r].add(t.multiply(apq)).precision(wp);
          m[q][r] = zero;
          m[r][q] = zero;
        }
      }
    }
    throw new ArithmeticException("Jacobi eigenvalue iteration did not converge");
  }

  /**
   * Spectral norm {@code ||A||_2} (largest singular value) as the square root of the largest
   * eigenvalue of {@code AᵀA} (Jacobi). The largest eigenvalue of a symmetric PSD matrix is
   * perfectly conditioned in absolute terms, so the result has relative error about 10^-working().
   */
  public static Apfloat spectralNorm(Apfloat[][] a, Precision p) {
    if (a.length == 0 || a[0].length == 0) {
      return new Apfloat(0);
    }
    Apfloat[][] ata = multiply(transpose(a), a, p.raisedBy(EIG_GUARD));
    Apfloat top = symmetricEigenvalues(ata, p)[0];
    if (top.signum() <= 0) {
      return new Apfloat(0);
    }
    return ApfloatMath.sqrt(top.precision(p.working() + EIG_GUARD));
  }

  /**
   * Eigenvalues of a real square matrix (n up to about 50), sorted by decreasing real part and
   * then decreasing imaginary part; complex eigenvalues come in conjugate pairs.
   *
   * <p>Method: Householder reduction to upper Hessenberg form (EISPACK orthes) and the Francis
   * double-shift QR iteration (EISPACK hqr, eigenvalue part of JAMA's hqr2, including its
   * exceptional shifts), with the deflation test |h_{l,l-1}| < 10^-(working+guard) (|h_{l-1,l-1}|
   * + |h_{ll}|). Backward stable: the computed eigenvalues are exact for A + E with ||E|| about
   * 10^-(working+guard) ||A||; a simple eigenvalue is then correct to that times its condition
   * number, an eigenvalue in a Jordan block of size k only to about the k-th root of it (so a
   * defective 2x2 block gets half the digits; that is the problem's conditioning, not the
   * method's).
   *
   * @throws ArithmeticException if the QR iteration does not converge
   */
  public static List<Complex> eigenvalues(Apfloat[][] a, Precision p) {
    int nn = a.length;
    long wp = p.working() + EIG_GUARD;
    Apfloat[][] h = atWorkingPlusGuard(a, p, false);
    hessenberg(h, wp);
    Apfloat[] d = new Apfloat[nn];
    Apfloat[] e = new Apfloat[nn];
    hqr(h, d, e, wp);
    List<Complex> out = new ArrayList<>();
    for (int i = 0; i < nn; i++) {
      out.add(new Complex(d[i], e[i]));
    }
    out.sort(Comparator.comparing(Complex::re).reversed().thenComparing(Complex::im, Comparator.reverseOrder()));
    return out;
  }

  /**
   * One line of a Householder reflection with u = {@code u[m..high]}: column {@code line} (from
   * the left, h[.][line] -= f u) or row {@code line} (from the right, h[line][.] -= f u), with f =
   * (u · that line) / hh.
   */
  private static void reflect(Apfloat[][] h, Apfloat[] u, Apfloat hh, int m, int high, int line, boolean column, long wp) {
    Apfloat f = new Apfloat(0);
    for (int k = high; k >= m; k--) {
      f = f.add(u[k].multiply(column ? h[k][line] : h[line][k]));
    }
    f = f.divide(hh);
    for (int k = m; k <= high; k++) {
      if (column) {
        h[k][line] = h[k][line].subtract(f.multiply(u[k])).precision(wp);
      } else {
        h[line][k] = h[line][k].subtract(f.multiply(u[k])).precision(wp);
      }
    }
  }

  /**
   * A copy of the square matrix {@code a} at working precision with {@link #EIG_GUARD} guard
   * digits; {@code symmetric}: only the upper triangle is read and mirrored.
   *
   * @throws IllegalArgumentException when {@code a} is not square
   */
  private static Apfloat[][] atWorkingPlusGuard(Apfloat[][] a, Precision p, boolean symmetric) {
    int n = a.length;
    long wp = p.working() + EIG_GUARD;
    Apfloat[][] m = new Apfloat[n][n];
    for (int i = 0; i < n; i++) {
      if (a[i].length != n) {
        throw new IllegalArgumentException("matrix is not square");
      }
      for (int j = symmetric ? i : 0; j < n; j++) {
        m[i][j] = p.real(a[i][j]).precision(wp);
        if (symmetric) {
          m[j][i] = m[i][j];
        }
      }
    }
    return m;
  }

  /** Householder reduction to upper Hessenberg form in place (EISPACK orthes, as in JAMA). */
  private static void hessenberg(Apfloat[][] h, long wp) {
    int n = h.length;
    int high = n - 1;
    Apfloat[] ort = new Apfloat[n];
    Apfloat zero = new Apfloat(0);
    Arrays.fill(ort, zero);
    for (int m = 1; m <= high - 1; m++) {
      Apfloat scale = zero;
      for (int i = m; i <= high; i++) {
        scale = scale.add(ApfloatMath.abs(h[i][m - 1]));
      }
      if (scale.signum() == 0) {
        continue;
      }
      Apfloat hh = zero;
      for (int i = high; i >= m; i--) {
        ort[i] = h[i][m - 1].divide(scale);
        hh = hh.add(ort[i].multiply(ort[i]));
      }
      Apfloat g = ApfloatMath.sqrt(hh.precision(wp));
      if (ort[m].signum() > 0) {
        g = g.negate();
      }
      hh = hh.subtract(ort[m].multiply(g)).precision(wp);
      ort[m] = ort[m].subtract(g).precision(wp);
      // H = (I - u uᵀ/hh) H (I - u uᵀ/hh), u = ort[m..high]: every column j >= m from the left,
      // then every row from the right
      for (int j = m; j < n; j++) {
        reflect(h, ort, hh, m, high, j, true, wp);
      }
      for (int i = 0; i <= high; i++) {
        reflect(h, ort, hh, m, high, i, false, wp);
      }
      h[m][m - 1] = scale.multiply(g).precision(wp);
      for (int i = m + 1; i <= high; i++) {
        h[i][m - 1] = zero; // annihilated by the reflection (exactly zero in exact arithmetic)
      }
    }
  }

  private static Apfloat abs(Apfloat x) {
    return ApfloatMath.abs(x);
  }

  /**
   * Francis double-shift QR on an upper Hessenberg matrix, eigenvalues only (EISPACK hqr as in
   * JAMA's hqr2 with the eigenvector accumulation and back-substitution left out). d + i e
   * receives the eigenvalues.
   */
  private static void hqr(Apfloat[][] h, Apfloat[] d, Apfloat[] e, long wp) {
    int nn = h.length;
    int n = nn - 1;
    int low = 0;
    Apfloat zero = new Apfloat(0);
    Apfloat two = new Apfloat(2);
    Apfloat one = new Apfloat(1, wp);
    Apfloat eps = ApfloatMath.scale(new Apfloat(1, wp), -wp);
    Apfloat exshift = zero;
    Apfloat p = zero;
    Apfloat q = zero;
    Apfloat r = zero;
    Apfloat s;
    Apfloat z;
    Apfloat w;
    Apfloat x;
    Apfloat y;
    Apfloat norm = zero;
    for (int i = 0; i < nn; i++) {
      for (int j = Math.max(i - 1, 0); j < nn; j++) {
        norm = norm.add(abs(h[i][j]));
      }
    }
    int iter = 0;
    int totalIter = 0;
    while (n >= low) {
      int l = n;
      while (l > low) {
        s = abs(h[l - 1][l - 1]).add(abs(h[l][l]));
        if (s.signum() == 0) {
          s = norm;
        }
        // <= (JAMA has <): a zero matrix (s = norm = 0) must deflate instead of dividing by 0
        if (abs(h[l][l - 1]).compareTo(eps.multiply(s)) <= 0) {
          break;
        }
        l--;
      }
      if (l == n) {
        h[n][n] = h[n][n].add(exshift);
        d[n] = h[n][n];
        e[n] = zero;
        n--;
        iter = 0;
      } else if (l == n - 1) {
        w = h[n][n - 1].multiply(h[n - 1][n]);
        p = h[n - 1][n - 1].subtract(h[n][n]).divide(two);
        q = p.multiply(p).add(w).precision(wp);
        z = q.signum() == 0 ? zero : ApfloatMath.sqrt(abs(q).precision(wp));
        h[n][n] = h[n][n].add(exshift);
        h[n - 1][n - 1] = h[n - 1][n - 1].add(exshift);
        x = h[n][n];
        if (q.signum() >= 0) {
          z = p.signum() >= 0 ? p.add(z) : p.subtract(z);
          d[n - 1] = x.add(z);
          d[n] = d[n - 1];
          if (z.signum() != 0) {
            d[n] = x.subtract(w.divide(z));
          }
          e[n - 1] = zero;
          e[n] = zero;
        } else {
          d[n - 1] = x.add(p);
          d[n] = x.add(p);
          e[n - 1] = z;
          e[n] = z.negate();
        }
        n = n - 2;
        iter = 0;
      } else {
        x = h[n][n];
        y = zero;
        w = zero;
        if (l < n) {
          y = h[n - 1][n - 1];
          w = h[n][n - 1].multiply(h[n - 1][n]);
        }
        if (iter == 10) { // Wilkinson's ad hoc shift
          exshift = exshift.add(x);
          for (int i = low; i <= n; i++) {
            h[i][i] = h[i][i].subtract(x).precision(wp);
          }
          s = abs(h[n][n - 1]).add(abs(h[n - 1][n - 2]));
          x = new Apfloat("0.75", wp).multiply(s);
          y = x;
          w = new Apfloat("-0.4375", wp).multiply(s).multiply(s);
        }
        if (iter == 30) { // MATLAB's ad hoc shift
          s = y.subtract(x).divide(two);
          s = s.multiply(s).add(w);
          if (s.signum() > 0) {
            s = ApfloatMath.sqrt(s.precision(wp));
            if (y.compareTo(x) < 0) {
              s = s.negate();
            }
            s = x.subtract(w.divide(y.subtract(x).divide(two).add(s)));
            for (int i = low; i <= n; i++) {
              h[i][i] = h[i][i].subtract(s).precision(wp);
            }
            exshift = exshift.add(s);
            x = new Apfloat("0.964", wp);
            y = x;
            w = x;
          }
        }
        iter++;
        totalIter++;
        if (totalIter > 100 * nn + 200) {
          throw new ArithmeticException("QR eigenvalue iteration did not converge");
        }
        int m = n - 2;
        while (m >= l) {
          z = h[m][m];
          r = x.subtract(z);
          s = y.subtract(z);
          p = r.multiply(s).subtract(w).divide(h[m + 1][m]).add(h[m][m + 1]);
          q = h[m + 1][m + 1].subtract(z).subtract(r).subtract(s);
          r = h[m + 2][m + 1];
          s = abs(p).add(abs(q)).add(abs(r));
          Apfloat is = one.divide(s);
          p = p.multiply(is).precision(wp);
          q = q.multiply(is).precision(wp);
          r = r.multiply(is).precision(wp);
          if (m == l) {
            break;
          }
          Apfloat lhs = abs(h[m][m - 1]).multiply(abs(q).add(abs(r)));
          Apfloat rhs = eps.multiply(abs(p).multiply(
              abs(h[m - 1][m - 1]).add(abs(z)).add(abs(h[m + 1][m + 1]))));
          if (lhs.compareTo(rhs) < 0) {
            break;
          }
          m--;
        }
        for (int i = m + 2; i <= n; i++) {
          h[i][i - 2] = zero;
          if (i > m + 2) {
            h[i][i - 3] = zero;
          }
        }
        for (int k = m; k <= n - 1; k++) {
          boolean notlast = k != n - 1;
          if (k != m) {
            p = h[k][k - 1];
            q = h[k + 1][k - 1];
            r = notlast ? h[k + 2][k - 1] : zero;
            x = abs(p).add(abs(q)).add(abs(r));
            if (x.signum() == 0) {
              continue;
            }
            Apfloat ix = one.divide(x);
            p = p.multiply(ix).precision(wp);
            q = q.multiply(ix).precision(wp);
            r = r.multiply(ix).precision(wp);
          } else {
            x = zero;
          }
          s = ApfloatMath.sqrt(p.multiply(p).add(q.multiply(q)).add(r.multiply(r)).precision(wp));
          if (p.signum() < 0) {
            s = s.negate();
          }
          if (s.signum() != 0) {
            if (k != m) {
              h[k][k - 1] = s.negate().multiply(x).precision(wp);
            } else if (l != m) {
              h[k][k - 1] = h[k][k - 1].negate();
            }
            p = p.add(s).precision(wp);
            Apfloat is = one.divide(s);
            Apfloat ip = one.divide(p);
            x = p.multiply(is);
            y = q.multiply(is);
            z = r.multiply(is);
            q = q.multiply(ip);
            r = r.multiply(ip);
            for (int j = k; j < nn; j++) { // row modification
              p = h[k][j].add(q.multiply(h[k + 1][j]));
              if (notlast) {
                p = p.add(r.multiply(h[k + 2][j]));
                h[k + 2][j] = h[k + 2][j].subtract(p.multiply(z)).precision(wp);
              }
              h[k][j] = h[k][j].subtract(p.multiply(x)).precision(wp);
              h[k + 1][j] = h[k + 1][j].subtract(p.multiply(y)).precision(wp);
            }
            for (int i = 0; i <= Math.min(n, k + 3); i++) { // column modification
              p = x.multiply(h[i][k]).add(y.multiply(h[i][k + 1]));
              if (notlast) {
                p = p.add(z.multiply(h[i][k + 2]));
                h[i][k + 2] = h[i][k + 2].subtract(p.multiply(r)).precision(wp);
              }
              h[i][k] = h[i][k].subtract(p).precision(wp);
              h[i][k + 1] = h[i][k + 1].subtract(p.multiply(q)).precision(wp);
            }
          }
        }
      }
    }
  }
}
