package prefdyn.verified;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apfloat.Aprational;
import org.junit.jupiter.api.Test;
import prefdyn.num.Ball;

class ComplexBallTest {
  private static final int P = 128;

  private static Aprational r(Random rnd) {
    return T.q(rnd.nextInt(2001) - 1000, rnd.nextInt(97) + 1);
  }

  @Test
  void arithmeticContainsTheExactResults() {
    Random rnd = new Random(11);
    for (int t = 0; t < 200; t++) {
      Aprational a = r(rnd);
      Aprational b = r(rnd);
      Aprational c = r(rnd);
      Aprational d = r(rnd);
      ComplexBall z = ComplexBall.of(a, b, P);
      ComplexBall w = ComplexBall.of(c, d, P);
      Aprational mr = (Aprational) a.multiply(c).subtract(b.multiply(d));
      Aprational mi = (Aprational) a.multiply(d).add(b.multiply(c));
      assertTrue(z.mul(w, P).contains(mr, mi), "mul");
      assertTrue(z.add(w, P).contains((Aprational) a.add(c), (Aprational) b.add(d)), "add");
      assertTrue(z.sub(w, P).contains((Aprational) a.subtract(c), (Aprational) b.subtract(d)), "sub");
      Aprational den = (Aprational) c.multiply(c).add(d.multiply(d));
      if (den.signum() != 0) {
        Aprational qr = ((Aprational) a.multiply(c).add(b.multiply(d))).divide(den);
        Aprational qi = ((Aprational) b.multiply(c).subtract(a.multiply(d))).divide(den);
        ComplexBall q = z.div(w, P);
        assertTrue(q.contains(qr, qi), "div");
        assertTrue(q.re().radUpper() < 1e-30 * (1 + Math.abs(q.re().midDouble())), "div is tight");
      }
      // |z|^2 = a^2 + b^2 exactly: the modulus ball squared must contain it
      Ball m = z.abs(P);
      assertTrue(m.sqr(P).contains((Aprational) a.multiply(a).add(b.multiply(b))), "abs");
    }
  }

  @Test
  void absOfThreeFourIsFiveAndAShiftIsExcluded() {
    Ball m = ComplexBall.of(T.q(3), T.q(4), P).abs(P);
    assertTrue(m.contains(T.q(5)));
    assertFalse(m.contains((Aprational) T.q(5).add(T.pow2(-100))), "5 + 2^-100 must be outside");
  }

  @Test
  void absNearZeroIsAnEnclosureStartingAtZero() {
    ComplexBall z = ComplexBall.of(Ball.ZERO.inflate(T.pow2(-50)), Ball.ZERO.inflate(T.pow2(-50)));
    Ball m = z.abs(P);
    assertTrue(m.contains(T.q(0)));
    assertTrue(m.contains(T.pow2(-50)));
    assertTrue(m.isFinite());
  }

  @Test
  void divisionByABallContainingZeroIsNonFiniteNotAnException() {
    ComplexBall z = ComplexBall.of(T.q(1), T.q(1), P);
    ComplexBall w = ComplexBall.of(Ball.ZERO.inflate(T.pow2(-10)), Ball.ZERO.inflate(T.pow2(-10)));
    assertFalse(z.div(w, P).isFinite());
  }
}
