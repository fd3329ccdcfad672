package prefdyn.verified;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Approximate eigen-decomposition of a small real matrix in double precision: the starting
 * point that {@link Eigen} refines at high precision and then verifies. Nothing here is
 * rigorous, and nothing here needs to be: every number it produces is only a guess that the
 * verification step either certifies or rejects.
 *
 * <p>Eigenvalues: Householder reduction to upper Hessenberg form, then the single-shift complex
 * QR iteration (Wilkinson shift, Givens rotations, an exceptional shift every 10 iterations
 * without deflation). Eigenvectors: inverse iteration on the original matrix with the computed
 * eigenvalue (slightly perturbed) as shift; for eigenvalues that agree to about 1e-8 the
 * iterates are orthogonalised against the vectors already found for the same cluster, so a
 * semisimple multiple eigenvalue gets an independent basis of its eigenspace.
 */
final class DoubleEigen {
  private DoubleEigen() {}

  /** Eigenvalues {@code re[j] + i im[j]} with eigenvector columns {@code vre[.][j] + i vim[.][j]}. */
  record Result(double[] re, double[] im, double[][] vre, double[][] vim) {}

  private static final double EPS = 0x1.0p-52;

  /** The decomposition, or null when the QR iteration does not converge or the input is not finite. */
  static @Nullable Result of(double[][] a) {
    int n = a.length;
    double scale = 0;
    for (double[] row : a) {
      for (double x : row) {
        if (!Double.isFinite(x)) {
          return null;
        }
        scale = Math.max(scale, Math.abs(x));
      }
    }
    double[] er = new double[n];
    double[] ei = new double[n];
    if (!eigenvalues(hessenberg(a), er, ei)) {
      return null;
    }
    double[][] vre = new double[n][n];
    double[][] vim = new double[n][n];
    double tiny = Math.max(scale, Double.MIN_NORMAL) * 1e-13;
    for (int j = 0; j < n; j++) {
      double[] xr = new double[n];
      double[] xi = new double[n];
      for (int i = 0; i < n; i++) { // a fixed, generic start vector
        xr[i] = 1.0 + 0.37 * i + 0.05 * j;
        xi[i] = 0.21 * ((i * 7 + j * 3) % 5) - 0.4;
      }
      double sr = er[j] + tiny;
      double si = ei[j] + 0.5 * tiny;
      for (int it = 0; it < 4; it++) {
        if (!shiftedSolve(a, sr, si, xr, xi, tiny)) {
          break;
        }
        for (int k = 0; k < j; k++) { // same cluster: keep the new vector independent
          if (Math.hypot(er[k] - er[j], ei[k] - ei[j]) <= 1e-8 * Math.max(scale, Double.MIN_NORMAL)) {
            orthogonalize(xr, xi, vre, vim, k);
          }
        }
        normalize(xr, xi);
      }
      boolean real = Math.abs(ei[j]) <= 1e-9 * Math.max(scale, Double.MIN_NORMAL);
      if (real) { // a real matrix: a (numerically) real eigenvalue gets a real eigenvector
        ei[j] = 0;
      }
      for (int i = 0; i < n; i++) {
        vre[i][j] = xr[i];
        vim[i][j] = real ? 0 : xi[i];
      }
    }
    return new Result(er, ei, vre, vim);
  }

  /** Upper Hessenberg matrix similar to {@code a} (Householder reflections; a is not changed). */
  static double[][] hessenberg(double[][] a) {
    int n = a.length;
    double[][] h = new double[n][];
    for (int i = 0; i < n; i++) {
      h[i] = a[i].clone();
    }
    for (int m = 1; m < n - 1; m++) {
      double norm = 0;
      for (int i = m; i < n; i++) {
        norm = Math.hypot(norm, h[i][m - 1]);
      }
      if (norm == 0) {
        continue;
      }
      double[] v = new double[n];
      double alpha = h[m][m - 1] > 0 ? -norm : norm;
      for (int i = m; i < n; i++) {
        v[i] = h[i][m - 1];
      }
      v[m] -= alpha;
      double vv = 0;
      for (int i = m; i < n; i++) {
        vv += v[i] * v[i];
      }
      if (vv == 0) {
        continue;
      }
      for (int j = 0; j < n; j++) { // H <- (I - 2vv'/v'v) H
        double s = 0;
        for (int i = m; i < n; i++) {
          s += v[i] * h[i][j];
        }
        s = 2 * s / vv;
        for (int i = m; i < n; i++) {
          h[i][j] -= s * v[i];
        }
      }
      for (int i = 0; i < n; i++) { // H <- H (I - 2vv'/v'v)
        double s = 0;
        for (int j = m; j < n; j++) {
          s += h[i][j] * v[j];
        }
        s = 2 * s / vv;
        for (int j = m; j < n; j++) {
          h[i][j] -= s * v[j];
        }
      }
      for (int i = m + 1; i < n; i++) {
        h[i][m - 1] = 0;
      }
    }
    return h;
  }

  /** Complex single-shift QR on an upper Hessenberg matrix; false if it does not converge. */
  static boolean eigenvalues(double[][] h0, double[] er, double[] ei) {
    int n = h0.length;
    double[][] hr = new double[n][];
    double[][] hi = new double[n][n];
    for (int i = 0; i < n; i++) {
      hr[i] = h0[i].clone();
    }
    int hiIdx = n - 1;
    int iter = 0;
    int total = 0;
    while (hiIdx >= 0) {
      int l = hiIdx;
      while (l > 0) {
        double s = Math.abs(hr[l - 1][l - 1]) + Math.abs(hi[l - 1][l - 1]) + Math.abs(hr[l][l]) + Math.abs(hi[l][l]);
        double sub = Math.abs(hr[l][l - 1]) + Math.abs(hi[l][l - 1]);
        if (sub <= EPS * s || sub < Double.MIN_NORMAL) {
          hr[l][l - 1] = 0;
          hi[l][l - 1] = 0;
          break;
        }
        l--;
      }
      if (l == hiIdx) {
        er[hiIdx] = hr[hiIdx][hiIdx];
        ei[hiIdx] = hi[hiIdx][hiIdx];
        hiIdx--;
        iter = 0;
        continue;
      }
      if (++total > 60 * n + 100) {
        return false;
      }
      iter++;
      double sr;
      double si;
      if (iter % 11 == 10) { // exceptional shift
        sr = hr[hiIdx][hiIdx] + 0.75 * (Math.abs(hr[hiIdx][hiIdx - 1]) + Math.abs(hi[hiIdx][hiIdx - 1]));
        si = hi[hiIdx][hiIdx] + 0.4375 * Math.abs(hr[hiIdx][hiIdx - 1]);
      } else { // Wilkinson: eigenvalue of the trailing 2x2 closer to the last diagonal entry
        double ar = hr[hiIdx - 1][hiIdx - 1];
        double ai = hi[hiIdx - 1][hiIdx - 1];
        double br = hr[hiIdx - 1][hiIdx];
        double bi = hi[hiIdx - 1][hiIdx];
        double cr = hr[hiIdx][hiIdx - 1];
        double ci = hi[hiIdx][hiIdx - 1];
        double dr = hr[hiIdx][hiIdx];
        double di = hi[hiIdx][hiIdx];
        double pr = (ar - dr) / 2;
        double pi = (ai - di) / 2;
        // disc = p^2 + b c
        double qr = pr * pr - pi * pi + (br * cr - bi * ci);
        double qi = 2 * pr * pi + (br * ci + bi * cr);
        double[] root = sqrt(qr, qi);
        // mu = d + p -/+ sqrt: pick the root closer to d, i.e. p - sign * root with |p - root| small
        double m1r = pr + root[0];
        double m1i = pi + root[1];
        double m2r = pr - root[0];
        double m2i = pi - root[1];
        if (Math.hypot(m1r, m1i) < Math.hypot(m2r, m2i)) {
          sr = dr + m1r;
          si = di + m1i;
        } else {
          sr = dr + m2r;
          si = di + m2i;
        }
      }
      qrStep(hr, hi, l, hiIdx, sr, si);
    }
    return true;
  }

  /** One shifted QR step on the active block rows/columns l..m via Givens rotations. */
  private static void qrStep(double[][] hr, double[][] hi, int l, int m, double sr, double si) {
    for (int k = l; k <= m; k++) {
      hr[k][k] -= sr;
      hi[k][k] -= si;
    }
    int cnt = m - l;
    double[] gc = new double[cnt];
    double[] gsr = new double[cnt];
    double[] gsi = new double[cnt];
    for (int k = l; k < m; k++) {
      double ar = hr[k][k];
      double ai = hi[k][k];
      double br = hr[k + 1][k];
      double bi = hi[k + 1][k];
      double na = Math.hypot(ar, ai);
      double r = Math.hypot(na, Math.hypot(br, bi));
      double c;
      double sre;
      double sim;
      if (r == 0) {
        c = 1;
        sre = 0;
        sim = 0;
      } else if (na == 0) {
        c = 0;
        // s = conj(b)/|b|
        double nb = Math.hypot(br, bi);
        sre = br / nb;
        sim = -bi / nb;
      } else {
        c = na / r;
        // s = (a/|a|) conj(b) / r
        double ur = ar / na;
        double ui = ai / na;
        sre = (ur * br + ui * bi) / r;
        sim = (ui * br - ur * bi) / r;
      }
      gc[k - l] = c;
      gsr[k - l] = sre;
      gsi[k - l] = sim;
      // rows k, k+1: [c s; -conj(s) c]
      for (int j = k; j <= m; j++) {
        double xr = hr[k][j];
        double xi = hi[k][j];
        double yr = hr[k + 1][j];
        double yi = hi[k + 1][j];
        hr[k][j] = c * xr + (sre * yr - sim * yi);
        hi[k][j] = c * xi + (sre * yi + sim * yr);
        hr[k + 1][j] = -(sre * xr + sim * xi) + c * yr;
        hi[k + 1][j] = -(sre * xi - sim * xr) + c * yi;
      }
    }
    for (int k = l; k < m; k++) { // R Q: columns k, k+1 with the conjugate transpose
      double c = gc[k - l];
      double sre = gsr[k - l];
      double sim = gsi[k - l];
      for (int i = l; i <= Math.min(k + 1, m); i++) {
        double xr = hr[i][k];
        double xi = hi[i][k];
        double yr = hr[i][k + 1];
        double yi = hi[i][k + 1];
        // [x y] * [c -s; conj(s) c]: x' = c x + conj(s) y, y' = -s x + c y
        hr[i][k] = c * xr + (sre * yr + sim * yi);
        hi[i][k] = c * xi + (sre * yi - sim * yr);
        hr[i][k + 1] = -(sre * xr - sim * xi) + c * yr;
        hi[i][k + 1] = -(sre * xi + sim * xr) + c * yi;
      }
    }
    for (int k = l; k <= m; k++) {
      hr[k][k] += sr;
      hi[k][k] += si;
    }
  }

  private static double[] sqrt(double re, double im) {
    double r = Math.hypot(re, im);
    if (r == 0) {
      return new double[] {0, 0};
    }
    double sr = Math.sqrt((r + Math.abs(re)) / 2);
    if (re >= 0) {
      return new double[] {sr, im / (2 * sr)};
    }
    return new double[] {Math.abs(im) / (2 * sr), im >= 0 ? sr : -sr};
  }

  /** Solves {@code (A - s I) y = x} in place (complex, partial pivoting); false if it breaks down. */
  private static boolean shiftedSolve(double[][] a, double sr, double si, double[] xr, double[] xi, double tiny) {
    int n = a.length;
    double[][] mr = new double[n][n];
    double[][] mi = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        mr[i][j] = a[i][j];
      }
      mr[i][i] -= sr;
      mi[i][i] -= si;
    }
    return solveInPlace(mr, mi, xr, xi, tiny);
  }

  /**
   * Gaussian elimination with partial pivoting on {@code (mr + i mi) y = x}; a pivot below
   * {@code tiny} is replaced by {@code tiny} (inverse iteration wants a huge, not a failed, solve).
   */
  static boolean solveInPlace(double[][] mr, double[][] mi, double[] xr, double[] xi, double tiny) {
    int n = xr.length;
    for (int c = 0; c < n; c++) {
      int piv = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.hypot(mr[r][c], mi[r][c]) > Math.hypot(mr[piv][c], mi[piv][c])) {
          piv = r;
        }
      }
      swap(mr, c, piv);
      swap(mi, c, piv);
      double t = xr[c];
      xr[c] = xr[piv];
      xr[piv] = t;
      t = xi[c];
      xi[c] = xi[piv];
      xi[piv] = t;
      if (Math.hypot(mr[c][c], mi[c][c]) < tiny) {
        if (tiny == 0) {
          return false;
        }
        mr[c][c] = tiny;
        mi[c][c] = 0;
      }
      double pr = mr[c][c];
      double pi = mi[c][c];
      double pn = pr * pr + pi * pi;
      for (int r = c + 1; r < n; r++) {
        // f = m[r][c] / p
        double fr = (mr[r][c] * pr + mi[r][c] * pi) / pn;
        double fi = (mi[r][c] * pr - mr[r][c] * pi) / pn;
        for (int j = c; j < n; j++) {
          double ur = mr[c][j];
          double ui = mi[c][j];
          mr[r][j] -= fr * ur - fi * ui;
          mi[r][j] -= fr * ui + fi * ur;
        }
        double ur = xr[c];
        double ui = xi[c];
        xr[r] -= fr * ur - fi * ui;
        xi[r] -= fr * ui + fi * ur;
      }
    }
    for (int i = n - 1; i >= 0; i--) {
      double sr = xr[i];
      double si = xi[i];
      for (int j = i + 1; j < n; j++) {
        sr -= mr[i][j] * xr[j] - mi[i][j] * xi[j];
        si -= mr[i][j] * xi[j] + mi[i][j] * xr[j];
      }
      double pr = mr[i][i];
      double pi = mi[i][i];
      double pn = pr * pr + pi * pi;
      xr[i] = (sr * pr + si * pi) / pn;
      xi[i] = (si * pr - sr * pi) / pn;
      if (!Double.isFinite(xr[i]) || !Double.isFinite(xi[i])) {
        return false;
      }
    }
    return true;
  }

  /**
   * Inverse of {@code mr + i mi} by Gaussian elimination, as {re, im}; null when a pivot is zero
   * or a result is not finite.
   */
  static double @Nullable [][][] inverse(double[][] mr, double[][] mi) {
    int n = mr.length;
    double[][] ir = new double[n][n];
    double[][] ii = new double[n][n];
    for (int col = 0; col < n; col++) {
      double[][] ar = new double[n][];
      double[][] ai = new double[n][];
      for (int i = 0; i < n; i++) {
        ar[i] = mr[i].clone();
        ai[i] = mi[i].clone();
      }
      double[] xr = new double[n];
      double[] xi = new double[n];
      xr[col] = 1;
      if (!solveInPlace(ar, ai, xr, xi, 0)) {
        return null;
      }
      for (int i = 0; i < n; i++) {
        ir[i][col] = xr[i];
        ii[i][col] = xi[i];
      }
    }
    return new double[][][] {ir, ii};
  }

  private static void swap(double[][] m, int a, int b) {
    double[] t = m[a];
    m[a] = m[b];
    m[b] = t;
  }

  private static void orthogonalize(double[] xr, double[] xi, double[][] vre, double[][] vim, int k) {
    int n = xr.length;
    // x <- x - (v^H x / v^H v) v
    double dr = 0;
    double di = 0;
    double vv = 0;
    for (int i = 0; i < n; i++) {
      dr += vre[i][k] * xr[i] + vim[i][k] * xi[i];
      di += vre[i][k] * xi[i] - vim[i][k] * xr[i];
      vv += vre[i][k] * vre[i][k] + vim[i][k] * vim[i][k];
    }
    if (vv == 0) {
      return;
    }
    dr /= vv;
    di /= vv;
    for (int i = 0; i < n; i++) {
      xr[i] -= dr * vre[i][k] - di * vim[i][k];
      xi[i] -= dr * vim[i][k] + di * vre[i][k];
    }
  }

  /** Scales so that the largest component is 1 (a real, positive largest entry). */
  private static void normalize(double[] xr, double[] xi) {
    int best = 0;
    for (int i = 1; i < xr.length; i++) {
      if (Math.hypot(xr[i], xi[i]) > Math.hypot(xr[best], xi[best])) {
        best = i;
      }
    }
    double pr = xr[best];
    double pi = xi[best];
    double pn = pr * pr + pi * pi;
    if (pn == 0 || !Double.isFinite(pn)) {
      return;
    }
    for (int i = 0; i < xr.length; i++) {
      double r = (xr[i] * pr + xi[i] * pi) / pn;
      double m = (xi[i] * pr - xr[i] * pi) / pn;
      xr[i] = r;
      xi[i] = m;
    }
  }
}
