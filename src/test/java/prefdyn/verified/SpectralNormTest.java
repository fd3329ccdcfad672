package prefdyn.verified;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apfloat.Apfloat;
import org.apfloat.Aprational;
import org.junit.jupiter.api.Test;
import prefdyn.num.Ball;
import prefdyn.num.Linalg;
import prefdyn.num.Precision;

class SpectralNormTest {
  @Test
  void knownSingularValues() {
    for (int prec : new int[] {70, 400}) {
      // [[3, 0], [4, 5]]: singular values sqrt 45 and sqrt 5
      Ball n = SpectralNorm.enclose(BallMatrix.of(T.qm(new long[][] {{3, 0}, {4, 5}}), prec), prec);
      Ball truth = T.sqrt(45, prec + 64);
      assertTrue(n.contains(truth));
      assertTrue(n.radUpper() < Math.scalb(1.0, 24 - prec), "tight: " + n.radUpper());
      assertFalse(n.contains(truth.add(Ball.ONE.mulPow2(24L - prec), prec + 64)), "shifted value excluded");
      // the 3-cycle margin matrix aA (a = 1/4): ||aA||_2 = a sqrt 3 (a double singular value)
      Aprational[][] m = new Aprational[3][3];
      long[][] cyc = {{0, 1, -1}, {-1, 0, 1}, {1, -1, 0}};
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
          m[i][j] = T.q(cyc[i][j], 4);
        }
      }
      Ball c = SpectralNorm.enclose(BallMatrix.of(m, prec), prec);
      Ball s3 = T.sqrt(3, prec + 64).mulPow2(-2);
      assertTrue(c.contains(s3));
      assertTrue(c.radUpper() < Math.scalb(1.0, 24 - prec));
      assertTrue(Bounds.less(c, Ball.ONE, prec), "an L < 1 style claim is decidable");
    }
  }

  @Test
  void randomRectangularAndSquareMatricesAgainstTheApfloatReference() {
    Random rnd = new Random(9);
    Precision ref = new Precision(80);
    for (int t = 0; t < 10; t++) {
      int n = 1 + rnd.nextInt(6);
      int m = 1 + rnd.nextInt(6);
      Aprational[][] a = new Aprational[n][m];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
          a[i][j] = T.q(rnd.nextInt(21) - 10, rnd.nextInt(3) + 1);
        }
      }
      int prec = 150;
      Ball got = SpectralNorm.enclose(BallMatrix.of(a, prec), prec);
      Apfloat want = Linalg.spectralNorm(a, ref);
      assertTrue(got.overlaps(T.ref(want, T.pow2(-200), 300)), "||A||_2 = " + want + " vs " + got.format(30));
      assertTrue(got.radUpper() < 1e-30 * Math.max(1, got.midDouble()), "tight: " + got.radUpper());
    }
  }

  @Test
  void ballMatricesAndFallbacks() {
    int prec = 100;
    BallMatrix wide = BallMatrix.of(T.qm(new long[][] {{3, 0}, {4, 5}}), prec).inflate(Ball.of(T.q(1, 1000), prec));
    Ball n = SpectralNorm.enclose(wide, prec);
    assertTrue(n.contains(T.sqrt(45, prec)));
    assertTrue(n.radUpper() < 0.01);
    assertFalse(SpectralNorm.enclose(BallMatrix.of(new Ball[][] {{Ball.whole()}}), prec).isFinite());
    assertTrue(SpectralNorm.enclose(BallMatrix.zero(2, 3), prec).contains(T.q(0)));
  }
}
