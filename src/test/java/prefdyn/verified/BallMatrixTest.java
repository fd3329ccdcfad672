package prefdyn.verified;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apfloat.Aprational;
import org.junit.jupiter.api.Test;
import prefdyn.num.Ball;

class BallMatrixTest {
  private static final int P = 100;

  private static Aprational[][] random(Random rnd, int n, int m) {
    Aprational[][] a = new Aprational[n][m];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        a[i][j] = T.q(rnd.nextInt(41) - 20, rnd.nextInt(9) + 1);
      }
    }
    return a;
  }

  @Test
  void productsContainTheExactRationalProducts() {
    Random rnd = new Random(5);
    for (int t = 0; t < 20; t++) {
      int n = 1 + rnd.nextInt(6);
      Aprational[][] a = random(rnd, n, n);
      Aprational[][] b = random(rnd, n, n);
      BallMatrix ab = BallMatrix.of(a, P).mul(BallMatrix.of(b, P), P);
      assertTrue(ab.contains(T.mul(a, b)));
      assertTrue(BallMatrix.of(a, P).transpose().transpose().contains(a));
      Aprational[][] v = random(rnd, n, 1);
      Ball[] vb = new Ball[n];
      for (int i = 0; i < n; i++) {
        vb[i] = Ball.of(v[i][0], P);
      }
      Ball[] av = BallMatrix.of(a, P).times(vb, P);
      Aprational[][] exact = T.mul(a, v);
      for (int i = 0; i < n; i++) {
        assertTrue(av[i].contains(exact[i][0]));
      }
    }
  }

  @Test
  void normsContainTheExactNorms() {
    Aprational[][] a = {{T.q(1, 3), T.q(-2)}, {T.q(3, 7), T.q(1, 5)}};
    BallMatrix m = BallMatrix.of(a, P);
    // ∞: max(1/3 + 2, 3/7 + 1/5) = 7/3; 1: max(1/3 + 3/7, 2 + 1/5) = 11/5
    assertTrue(m.normInf(P).contains(T.q(7, 3)));
    assertTrue(m.norm1(P).contains(T.q(11, 5)));
    assertFalse(m.normInf(P).contains((Aprational) T.q(7, 3).add(T.pow2(-80))));
    // Frobenius² = 1/9 + 4 + 9/49 + 1/25
    Aprational f2 = (Aprational) T.q(1, 9).add(T.q(4)).add(T.q(9, 49)).add(T.q(1, 25));
    assertTrue(m.normFrobenius(P).sqr(P).contains(f2));
  }

  @Test
  void aBallMatrixEnclosesEveryMember() {
    BallMatrix m = BallMatrix.of(new Aprational[][] {{T.q(1), T.q(2)}, {T.q(3), T.q(4)}}, P).inflate(Ball.of(T.q(1, 10), P));
    Aprational[][] member = {{T.q(11, 10), T.q(19, 10)}, {T.q(3), T.q(41, 10)}};
    assertTrue(m.contains(member));
    assertTrue(m.mul(m, P).contains(T.mul(member, member)));
    assertTrue(m.normInf(P).contains(T.q(71, 10))); // row 2 of the member: 3 + 4.1
  }
}
