package prefdyn.verified;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.apfloat.Aprational;
import org.junit.jupiter.api.Test;
import prefdyn.num.Ball;
import prefdyn.num.Complex;
import prefdyn.num.Linalg;
import prefdyn.num.Precision;

class EigenTest {
  private static final long[][] CYCLE = {{0, 1, -1}, {-1, 0, 1}, {1, -1, 0}};

  /** The clusters that may hold z (z's rectangle overlaps the cluster's enclosure). */
  private static long holding(Eigen.Enclosure e, ComplexBall z) {
    return e.clusters().stream().filter(c -> c.enclosure().overlaps(z)).count();
  }

  private static Eigen.Cluster only(Eigen.Enclosure e, ComplexBall z) {
    List<Eigen.Cluster> cs = e.clusters().stream().filter(c -> c.enclosure().contains(z)).toList();
    assertEquals(1, cs.size(), "exactly one cluster must contain " + z);
    return cs.get(0);
  }

  @Test
  void threeCycleHasEigenvaluesPlusMinusISqrt3AndZero() {
    for (int prec : new int[] {70, 200, 3400}) {
      Eigen.Enclosure e = Eigen.enclose(BallMatrix.of(T.qm(CYCLE), prec), prec);
      assertTrue(e.separated(), () -> "not separated: " + e.failure());
      Ball s3 = T.sqrt(3, prec + 64);
      Eigen.Cluster up = only(e, ComplexBall.of(Ball.ZERO, s3));
      Eigen.Cluster down = only(e, ComplexBall.of(Ball.ZERO, s3.neg()));
      Eigen.Cluster zero = only(e, ComplexBall.ZERO);
      assertTrue(up.nonReal(prec) && down.nonReal(prec));
      assertTrue(zero.real(), "the eigenvalue 0 is certified real");
      assertFalse(up.real());
      assertTrue(e.rho().contains(s3), "spectral radius sqrt 3");
      // honest: the true value moved by 2^-(prec - 20) is outside
      Ball shifted = s3.add(Ball.ONE.mulPow2(20L - prec), prec + 64);
      assertEquals(0, holding(e, ComplexBall.of(Ball.ZERO, shifted)), "a shifted eigenvalue must be excluded");
      assertFalse(e.rho().contains(shifted));
    }
  }

  @Test
  void tangentRestrictionDropsTheEigenvalueOnTheOnesVector() {
    int prec = 200;
    Eigen.Enclosure e = Eigen.encloseOnTangent(BallMatrix.of(T.qm(CYCLE), prec), prec);
    assertEquals(2, e.clusters().size());
    Ball s3 = T.sqrt(3, prec + 64);
    only(e, ComplexBall.of(Ball.ZERO, s3));
    only(e, ComplexBall.of(Ball.ZERO, s3.neg()));
    assertEquals(0, holding(e, ComplexBall.ZERO));
  }

  @Test
  void t6JacobianOnTheTangentSpace() {
    // DΦ(0) = αI + (aβλ/3)A with α = 1/2, a = 1/4, β = 3, λ = 1: eigenvalues 1/2 ± i (1/4)·√3
    int prec = 120;
    Aprational alpha = T.q(1, 2);
    Aprational c = T.q(1, 4);
    Aprational[][] j = new Aprational[3][3];
    for (int r = 0; r < 3; r++) {
      for (int s = 0; s < 3; s++) {
        j[r][s] = (Aprational) c.multiply(T.q(CYCLE[r][s])).add(r == s ? alpha : T.q(0));
      }
    }
    Eigen.Enclosure e = Eigen.encloseOnTangent(BallMatrix.of(j, prec), prec);
    assertTrue(e.separated());
    Ball im = T.sqrt(3, prec + 64).mul(Ball.of(c, prec), prec + 64);
    only(e, ComplexBall.of(Ball.of(alpha, prec), im));
    only(e, ComplexBall.of(Ball.of(alpha, prec), im.neg()));
    // ρ² = α² + 3c² = 1/4 + 3/16 = 7/16
    assertTrue(e.rho().sqr(prec).contains(T.q(7, 16)));
    assertTrue(Bounds.less(e.rho(), Ball.ONE, prec), "ρ < 1 is certified");
    // the formula without the factor √3 (eigenvalues 1/2 ± i/4) is rejected
    assertEquals(0, holding(e, ComplexBall.of(alpha, c, prec)));
  }

  @Test
  void rotationWithPythagoreanEntries() {
    int prec = 100;
    Aprational[][] rot = {{T.q(3, 5), T.q(-4, 5)}, {T.q(4, 5), T.q(3, 5)}};
    Eigen.Enclosure e = Eigen.enclose(BallMatrix.of(rot, prec), prec);
    assertTrue(e.separated());
    only(e, ComplexBall.of(T.q(3, 5), T.q(4, 5), prec));
    only(e, ComplexBall.of(T.q(3, 5), T.q(-4, 5), prec));
    assertTrue(e.rho().contains(T.q(1)));
  }

  @Test
  void similarityTransformsOfRationalDiagonalsIncludingARepeatedEigenvalue() {
    Aprational[][] p = T.qm(new long[][] {{1, 2, 0, 1}, {0, 1, 3, 0}, {1, 0, 1, 2}, {2, 1, 0, 1}});
    Aprational[][] pinv = T.inverse(p);
    Aprational[] d = {T.q(2), T.q(-1, 3), T.q(2), T.q(7, 2)};
    Aprational[][] a = T.mul(T.mul(p, T.diag(d)), pinv);
    for (int prec : new int[] {64, 300}) {
      Eigen.Enclosure e = Eigen.enclose(BallMatrix.of(a, prec), prec);
      assertTrue(e.certified(), () -> "" + e.failure());
      Eigen.Cluster two = only(e, ComplexBall.of(T.q(2), T.q(0), prec));
      assertEquals(2, two.count(), "the double eigenvalue 2 is a cluster of two");
      assertTrue(only(e, ComplexBall.of(T.q(-1, 3), T.q(0), prec)).real());
      assertTrue(only(e, ComplexBall.of(T.q(7, 2), T.q(0), prec)).real());
      assertTrue(two.enclosure().re().radUpper() < Math.scalb(1.0, 30 - prec), "semisimple cluster refined");
    }
  }

  @Test
  void randomRationalMatricesAgainstAnIndependentHighPrecisionReference() {
    Random rnd = new Random(2);
    Precision ref = new Precision(120);
    for (int t = 0; t < 12; t++) {
      int n = 2 + rnd.nextInt(5);
      int prec = t % 2 == 0 ? 100 : 250;
      Aprational[][] a = new Aprational[n][n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          a[i][j] = T.q(rnd.nextInt(19) - 9, rnd.nextInt(4) + 1);
        }
      }
      Eigen.Enclosure e = Eigen.enclose(BallMatrix.of(a, prec), prec);
      assertTrue(e.certified(), () -> "" + e.failure());
      int total = e.clusters().stream().mapToInt(Eigen.Cluster::count).sum();
      assertEquals(n, total);
      List<Complex> reference = Linalg.eigenvalues(a, ref);
      Aprational err = T.pow2(-300); // the reference is good to ~10^-120 ≈ 2^-398
      for (Complex z : reference) {
        ComplexBall zb = ComplexBall.of(T.ref(z.re(), err, 400), T.ref(z.im(), err, 400));
        assertTrue(holding(e, zb) >= 1, "reference eigenvalue " + z + " outside every cluster");
      }
      for (Eigen.Cluster c : e.clusters()) {
        long inside = reference.stream()
            .filter(z -> c.enclosure().overlaps(ComplexBall.of(T.ref(z.re(), err, 400), T.ref(z.im(), err, 400)))).count();
        assertTrue(inside >= c.count(), "cluster of " + c.count() + " holds " + inside + " reference eigenvalues");
        assertTrue(c.enclosure().re().radUpper() < Math.scalb(1.0, 40 - prec), "tight");
      }
    }
  }

  @Test
  void ballMatricesEncloseTheEigenvaluesOfEveryMember() {
    int prec = 100;
    Aprational[][] a = {{T.q(2), T.q(1)}, {T.q(0), T.q(-1)}};
    Eigen.Enclosure e = Eigen.enclose(BallMatrix.of(a, prec).inflate(Ball.of(T.q(1, 50), prec)), prec);
    assertTrue(e.separated());
    // a member: [[2.02, 1], [0.02, -1]] has eigenvalues (1.02 ± sqrt(3.02² + 0.08)) / 2
    Ball disc = Ball.of(T.q(302, 100), prec).sqr(prec).add(Ball.of(T.q(8, 100), prec), prec).sqrt(prec);
    Ball l1 = Ball.of(T.q(102, 100), prec).add(disc, prec).mulPow2(-1);
    Ball l2 = Ball.of(T.q(102, 100), prec).sub(disc, prec).mulPow2(-1);
    only(e, ComplexBall.real(l1));
    only(e, ComplexBall.real(l2));
  }

  @Test
  void failuresAreValuesWithReasons() {
    int prec = 100;
    Ball[][] bad = {{Ball.whole(), Ball.ONE}, {Ball.ONE, Ball.ONE}};
    Eigen.Enclosure e = Eigen.enclose(BallMatrix.of(bad), prec);
    assertFalse(e.certified());
    assertNotNull(e.failure());
    assertTrue(e.eigenvalues().isEmpty());
    // a Jordan block: either a certified (wide) cluster of 2 around 1, or a failure; never wrong
    Eigen.Enclosure j = Eigen.enclose(BallMatrix.of(T.qm(new long[][] {{1, 1}, {0, 1}}), prec), prec);
    if (j.certified()) {
      assertEquals(1, j.clusters().size());
      assertTrue(j.clusters().get(0).enclosure().contains(ComplexBall.ONE));
    } else {
      assertNotNull(j.failure());
    }
  }

  @Test
  void aT6SizedCheckCostsMilliseconds() {
    BallMatrix j = BallMatrix.of(T.qm(CYCLE), 200);
    for (int i = 0; i < 20; i++) { // warm up
      Eigen.encloseOnTangent(j, 200);
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < 20; i++) {
      Eigen.encloseOnTangent(j, 200);
    }
    double ms = (System.nanoTime() - t0) / 20e6;
    assertTrue(ms < 200, "tangent enclosure took " + ms + " ms"); // generous: the machine is shared
  }
}
