package prefdyn.verified;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apfloat.Aprational;
import org.junit.jupiter.api.Test;
import prefdyn.num.Ball;

class VerifiedLinearTest {
  private static Ball[] balls(Aprational[] v, int prec) {
    Ball[] out = new Ball[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Ball.of(v[i], prec);
    }
    return out;
  }

  @Test
  void randomRationalSystemsAreEnclosedTightly() {
    Random rnd = new Random(7);
    for (int t = 0; t < 30; t++) {
      int n = 1 + rnd.nextInt(8);
      int prec = t % 2 == 0 ? 80 : 700;
      Aprational[][] a = new Aprational[n][n];
      Aprational[] b = new Aprational[n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          a[i][j] = T.q(rnd.nextInt(41) - 20, rnd.nextInt(7) + 1);
        }
        b[i] = T.q(rnd.nextInt(21) - 10, rnd.nextInt(5) + 1);
      }
      Aprational[] exact;
      try {
        exact = T.solve(a, b);
      } catch (ArithmeticException singular) {
        continue;
      }
      VerifiedLinear.Solution s = VerifiedLinear.solve(BallMatrix.of(a, prec), balls(b, prec), prec);
      assertTrue(s.certified(), () -> "not certified: " + s.failure());
      Ball[] x = s.x();
      for (int i = 0; i < n; i++) {
        assertTrue(x[i].contains(exact[i]), "x_" + i + " not enclosed");
        double scale = Math.max(1, Math.abs(x[i].midDouble()));
        assertTrue(x[i].radUpper() <= Math.scalb(scale, 24 - prec), "radius " + x[i].radUpper() + " not tight at " + prec);
        // honest: a value 2^-(prec/2) away is excluded
        assertFalse(x[i].contains((Aprational) exact[i].add(T.pow2(-prec / 2))), "a shifted solution must be excluded");
      }
    }
  }

  @Test
  void intervalSystemsEncloseEveryMembersSolution() {
    int prec = 120;
    Aprational[][] a = {{T.q(4), T.q(1)}, {T.q(2), T.q(3)}};
    BallMatrix wide = BallMatrix.of(a, prec).inflate(Ball.of(T.q(1, 100), prec));
    Ball[] b = balls(new Aprational[] {T.q(1), T.q(2)}, prec);
    VerifiedLinear.Solution s = VerifiedLinear.solve(wide, b, prec);
    assertTrue(s.certified());
    Aprational[][] member = {{T.q(401, 100), T.q(99, 100)}, {T.q(2), T.q(301, 100)}};
    Aprational[] x = T.solve(member, new Aprational[] {T.q(1), T.q(2)});
    assertTrue(s.x()[0].contains(x[0]) && s.x()[1].contains(x[1]));
  }

  @Test
  void singularSystemsFailWithAReasonNotAnException() {
    int prec = 100;
    Aprational[][] a = {{T.q(1), T.q(2)}, {T.q(2), T.q(4)}};
    VerifiedLinear.Solution s = VerifiedLinear.solve(BallMatrix.of(a, prec), balls(new Aprational[] {T.q(1), T.q(1)}, prec), prec);
    assertFalse(s.certified());
    assertNotNull(s.failure());
    // a ball matrix that contains a singular member cannot be certified either
    Aprational[][] near = {{T.q(1), T.q(2)}, {T.q(2), T.q(41, 10)}};
    BallMatrix wide = BallMatrix.of(near, prec).inflate(Ball.of(T.q(1, 10), prec));
    assertFalse(VerifiedLinear.solve(wide, balls(new Aprational[] {T.q(1), T.q(1)}, prec), prec).certified());
    Ball[][] bad = {{Ball.whole(), Ball.ONE}, {Ball.ONE, Ball.ONE}};
    assertFalse(VerifiedLinear.solve(BallMatrix.of(bad), new Ball[] {Ball.ONE, Ball.ONE}, prec).certified());
  }
}
