package prefdyn.num;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.apfloat.Aprational;
import org.junit.jupiter.api.Test;
import prefdyn.pref.PreferenceMatrix;

class LinalgTest {
  private static final Precision P50 = new Precision(50);

  private static Apfloat q(long n, long d) {
    return Rationals.of(n, d);
  }

  private static Apfloat[][] m(long[][] v) {
    Apfloat[][] a = new Apfloat[v.length][];
    for (int i = 0; i < v.length; i++) {
      a[i] = new Apfloat[v[i].length];
      for (int j = 0; j < v[i].length; j++) {
        a[i][j] = Rationals.of(v[i][j]);
      }
    }
    return a;
  }

  /** |x - y| <= 10^-digits max(1, |y|), comparing at full precision (no Apfloat truncation). */
  static void close(Apfloat expected, Apfloat actual, int digits, String what) {
    long hp = 3L * digits + 60;
    Apfloat diff = ApfloatMath.abs(lift(expected, hp).subtract(lift(actual, hp)));
    Apfloat scale = ApfloatMath.abs(lift(expected, hp));
    if (scale.compareTo(new Apfloat(1)) < 0) {
      scale = new Apfloat(1, hp);
    }
    Apfloat bound = ApfloatMath.scale(scale, -digits);
    assertTrue(diff.compareTo(bound) <= 0,
        what + ": expected " + expected.toString(true) + " got " + actual.toString(true) + " diff " + diff.toString(true));
  }

  private static Apfloat lift(Apfloat x, long hp) {
    if (x instanceof Aprational r) {
      return new Apfloat(r.numerator().toBigInteger(), hp).divide(new Apfloat(r.denominator().toBigInteger(), hp));
    }
    return x.precision(Math.max(x.precision() == Apfloat.INFINITE ? hp : x.precision(), hp));
  }

  private static PreferenceMatrix threeCycle(Aprational a) {
    Aprational h = Rationals.HALF;
    Aprational up = (Aprational) h.add(a);
    Aprational down = (Aprational) h.subtract(a);
    return PreferenceMatrix.of(new Aprational[][] {{h, up, down}, {down, h, up}, {up, down, h}});
  }

  @Test
  void threeCycleMarginNormIsASqrt3() {
    for (int digits : new int[] {20, 50, 300}) {
      Precision p = new Precision(digits);
      Aprational a = Rationals.of(1, 5);
      Apfloat norm = threeCycle(a).marginSpectralNorm(p);
      Apfloat expected = ApfloatMath.sqrt(new Apfloat(3, p.working() + 20)).divide(new Apfloat(5));
      close(expected, norm, digits, "||aA||_2 at " + digits);
    }
  }

  @Test
  void spectralNormOfKnownMatrices() {
    // diag(3, -7): 7; [[1,1],[0,1]]: golden ratio φ = (1+√5)/2; rank one u vᵀ: |u||v|.
    close(new Apfloat(7), Linalg.spectralNorm(m(new long[][] {{3, 0}, {0, -7}}), P50), 50, "diag");
    Apfloat phi = ApfloatMath.sqrt(new Apfloat(5, 120)).add(new Apfloat(1)).divide(new Apfloat(2));
    close(phi, Linalg.spectralNorm(m(new long[][] {{1, 1}, {0, 1}}), P50), 50, "shear");
    Apfloat rank1 = ApfloatMath.sqrt(new Apfloat(14 * 2, 120)); // u = (1,2,3), v = (1,1)
    close(rank1, Linalg.spectralNorm(m(new long[][] {{1, 1}, {2, 2}, {3, 3}}), P50), 50, "rank one");
  }

  @Test
  void symmetricEigenvaluesOfToeplitzTridiagonal() {
    int n = 8;
    Apfloat[][] a = new Apfloat[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        a[i][j] = Rationals.of(i == j ? 2 : Math.abs(i - j) == 1 ? -1 : 0);
      }
    }
    Apfloat[] ev = Linalg.symmetricEigenvalues(a, P50);
    Apfloat pi = ApfloatMath.pi(120);
    for (int k = 1; k <= n; k++) {
      // eigenvalues 2 - 2 cos(kπ/(n+1)), decreasing order: index n-k
      Apfloat expected = new Apfloat(2).subtract(new Apfloat(2).multiply(
          ApfloatMath.cos(pi.multiply(new Apfloat(k)).divide(new Apfloat(n + 1)))));
      close(expected, ev[n - k], 50, "eigenvalue " + k);
    }
  }

  @Test
  void rotationHasComplexPair() {
    Apfloat[][] a = {{q(3, 5), q(-4, 5)}, {q(4, 5), q(3, 5)}};
    List<Complex> ev = Linalg.eigenvalues(a, P50);
    assertEquals(2, ev.size());
    close(q(3, 5), ev.get(0).re(), 50, "re");
    close(q(4, 5), ev.get(0).im(), 50, "im+");
    close(q(3, 5), ev.get(1).re(), 50, "re");
    close(q(-4, 5), ev.get(1).im(), 50, "im-");
  }

  @Test
  void companionMatrixGivesPolynomialRoots() {
    // x^4 - 10x^3 + 35x^2 - 50x + 24 = (x-1)(x-2)(x-3)(x-4)
    Apfloat[][] c = m(new long[][] {{10, -35, 50, -24}, {1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}});
    List<Complex> ev = Linalg.eigenvalues(c, new Precision(100));
    for (int i = 0; i < 4; i++) {
      close(new Apfloat(4 - i), ev.get(i).re(), 100, "root " + (4 - i));
      close(new Apfloat(0), ev.get(i).im(), 100, "imaginary part " + i);
    }
    // x^3 - 2: 2^{1/3} and 2^{1/3}(-1/2 ± i √3/2)
    Apfloat[][] c3 = m(new long[][] {{0, 0, 2}, {1, 0, 0}, {0, 1, 0}});
    List<Complex> r = Linalg.eigenvalues(c3, P50);
    Apfloat cbrt2 = ApfloatMath.cbrt(new Apfloat(2, 120));
    Apfloat im = cbrt2.multiply(ApfloatMath.sqrt(new Apfloat(3, 120))).divide(new Apfloat(2));
    close(cbrt2, r.get(0).re(), 50, "real cube root");
    close(new Apfloat(0), r.get(0).im(), 50, "real cube root im");
    close(cbrt2.divide(new Apfloat(-2)), r.get(1).re(), 50, "complex root re");
    close(im, r.get(1).im(), 50, "complex root im");
    close(im.negate(), r.get(2).im(), 50, "conjugate root im");
  }

  @Test
  void defectiveMatrixGetsHalfTheDigits() {
    // A = S J S^-1 with J = [[3,1],[0,3]], S = [[1,2],[1,3]]: A = [[1,4],[-1,5]] (double root 3).
    Apfloat[][] a = m(new long[][] {{1, 4}, {-1, 5}});
    for (Complex z : Linalg.eigenvalues(a, P50)) {
      close(new Apfloat(3), z.re(), 24, "defective re");
      close(new Apfloat(0), z.im(), 24, "defective im");
    }
  }

  @Test
  void threeCycleJacobianLikeMatrixHasAlphaPlusMinusISqrt3() {
    // αI + cA for the cyclic antisymmetric A: eigenvalues α and α ± i c √3 (the T6 spectrum).
    Aprational al = Rationals.of(9, 10);
    Aprational c = Rationals.of(1, 7);
    long[][] cyc = {{0, 1, -1}, {-1, 0, 1}, {1, -1, 0}};
    Apfloat[][] a = new Apfloat[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        a[i][j] = c.multiply(Rationals.of(cyc[i][j])).add(i == j ? al : Rationals.ZERO);
      }
    }
    for (int digits : new int[] {50, 1000}) {
      Precision p = new Precision(digits);
      List<Complex> ev = new java.util.ArrayList<>(Linalg.eigenvalues(a, p));
      // equal real parts: order by imaginary part (the library's order on ties is by rounding)
      ev.sort(java.util.Comparator.comparing(Complex::im).reversed());
      Apfloat s3 = ApfloatMath.sqrt(new Apfloat(3, p.working() + 20)).divide(new Apfloat(7));
      close(al, ev.get(0).re(), digits, "re+");
      close(s3, ev.get(0).im(), digits, "im+");
      close(al, ev.get(1).re(), digits, "re0");
      close(new Apfloat(0), ev.get(1).im(), digits, "im0");
      close(s3.negate(), ev.get(2).im(), digits, "im-");
    }
  }

  @Test
  void eigenvaluesOfA10x10MatchTraceAndTraceOfSquare() {
    int n = 10;
    Apfloat[][] a = new Apfloat[n][n];
    long seed = 12345;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        seed = seed * 6364136223846793005L + 1442695040888963407L;
        a[i][j] = Rationals.of((seed >>> 40) % 19 - 9, 1 + (seed >>> 20) % 7);
      }
    }
    Precision p = new Precision(60);
    List<Complex> ev = Linalg.eigenvalues(a, p);
    Apfloat tr = new Apfloat(0);
    Apfloat tr2 = new Apfloat(0);
    Apfloat[][] a2 = Linalg.multiply(a, a, p.raisedBy(20));
    for (int i = 0; i < n; i++) {
      tr = tr.add(p.raisedBy(20).real(a[i][i]));
      tr2 = tr2.add(a2[i][i]);
    }
    Apfloat sre = new Apfloat(0);
    Apfloat sim = new Apfloat(0);
    Apfloat sq = new Apfloat(0);
    for (Complex z : ev) {
      sre = sre.add(z.re());
      sim = sim.add(z.im());
      sq = sq.add(z.re().multiply(z.re())).subtract(z.im().multiply(z.im()));
    }
    close(tr, sre, 55, "trace");
    close(new Apfloat(0), sim, 55, "conjugate pairs");
    close(tr2, sq, 53, "trace of A^2");
  }

  @Test
  void degenerateMatrices() {
    for (Complex z : Linalg.eigenvalues(m(new long[][] {{0, 0, 0}, {0, 0, 0}, {0, 0, 0}}), P50)) {
      assertEquals(0, z.re().signum());
      assertEquals(0, z.im().signum());
    }
    List<Complex> tri = Linalg.eigenvalues(m(new long[][] {{1, 5, 7}, {0, 3, 2}, {0, 0, -4}}), P50);
    close(new Apfloat(3), tri.get(0).re(), 50, "triangular");
    close(new Apfloat(1), tri.get(1).re(), 50, "triangular");
    close(new Apfloat(-4), tri.get(2).re(), 50, "triangular");
    List<Complex> one = Linalg.eigenvalues(m(new long[][] {{-7}}), P50);
    close(new Apfloat(-7), one.get(0).re(), 50, "1x1");
    assertEquals(0, Linalg.spectralNorm(m(new long[][] {{0, 0}, {0, 0}}), P50).signum());
    assertEquals(0, Linalg.spectralNorm(new Apfloat[0][0], P50).signum());
  }

  @Test
  void solveRecoversKnownSolutionAndRejectsSingular() {
    Apfloat[][] a = m(new long[][] {{2, 1, -1}, {-3, -1, 2}, {-2, 1, 2}});
    Apfloat[] b = {Rationals.of(8), Rationals.of(-11), Rationals.of(-3)};
    Apfloat[] x = Linalg.solve(a, b, P50);
    close(new Apfloat(2), x[0], 50, "x0");
    close(new Apfloat(3), x[1], 50, "x1");
    close(new Apfloat(-1), x[2], 50, "x2");
    Apfloat[][] s = m(new long[][] {{1, 2}, {2, 4}});
    assertThrows(ArithmeticException.class, () -> Linalg.solve(s, new Apfloat[] {Rationals.ONE, Rationals.ONE}, P50));
  }
}
