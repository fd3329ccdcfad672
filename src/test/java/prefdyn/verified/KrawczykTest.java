package prefdyn.verified;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Objects;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.apfloat.Aprational;
import org.junit.jupiter.api.Test;
import prefdyn.num.Ball;
import prefdyn.num.Linalg;
import prefdyn.num.Precision;

class KrawczykTest {
  /** F_i(x) = c_i exp(-x_i) + (1/(2n)) Σ_{j≠i} x_j with c_i = 1/(i+2): a contraction near its root. */
  private static BoxMap map(int n) {
    return (x, prec) -> {
      Ball s = Ball.sum(x, prec);
      Ball[] out = new Ball[n];
      for (int i = 0; i < n; i++) {
        Ball e = x[i].neg().exp(prec).div(Ball.exact(i + 2), prec);
        out[i] = e.add(s.sub(x[i], prec).div(Ball.exact(2L * n), prec), prec);
      }
      return out;
    };
  }

  private static BoxJacobian jac(int n) {
    return (x, prec) -> {
      Ball[][] j = new Ball[n][n];
      Ball off = Ball.ONE.div(Ball.exact(2L * n), prec);
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < n; k++) {
          j[i][k] = i == k ? x[i].neg().exp(prec).div(Ball.exact(i + 2), prec).neg() : off;
        }
      }
      return BallMatrix.of(j);
    };
  }

  private static final java.util.Map<Integer, Apfloat[]> REFERENCES = new java.util.HashMap<>();

  /**
   * The root by Newton's method in Apfloat at 80 digits (num's Linalg.solve for the steps):
   * independent of the ball code.
   */
  private static synchronized Apfloat[] reference(int n) {
    return REFERENCES.computeIfAbsent(n, KrawczykTest::newton);
  }

  private static Apfloat[] newton(int n) {
    Precision p = new Precision(80);
    Apfloat[] x = new Apfloat[n];
    for (int i = 0; i < n; i++) {
      x[i] = p.real(0);
    }
    for (int it = 0; it < 14; it++) {
      Apfloat s = p.real(0);
      for (Apfloat v : x) {
        s = s.add(v);
      }
      Apfloat[] g = new Apfloat[n];
      Apfloat[][] dg = new Apfloat[n][n];
      for (int i = 0; i < n; i++) {
        Apfloat e = ApfloatMath.exp(x[i].negate()).divide(p.real(i + 2));
        g[i] = x[i].subtract(e).subtract(s.subtract(x[i]).divide(p.real(2L * n))).negate();
        for (int k = 0; k < n; k++) {
          dg[i][k] = i == k ? p.real(1).add(e) : p.real(-1).divide(p.real(2L * n));
        }
      }
      Apfloat[] step = Linalg.solve(dg, g, p);
      for (int i = 0; i < n; i++) {
        x[i] = x[i].add(step[i]);
      }
    }
    return x;
  }

  private static Ball[] approx(Apfloat[] x, int digits) {
    Ball[] out = new Ball[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = Ball.of(x[i].precision(digits), 400);
    }
    return out;
  }

  @Test
  void certifiesTheFixedPointOfKnownContractionsInTwoToFourDimensions() {
    for (int n = 2; n <= 4; n++) {
      Apfloat[] ref = reference(n);
      for (int prec : new int[] {80, 200}) {
        Ball[] start = approx(ref, 12); // a rough approximation: the certificate does the rest
        FixedPointEnclosure k = Krawczyk.certify(map(n), jac(n), start, prec);
        assertTrue(k.certified(), () -> "" + k.failure());
        FixedPointEnclosure c = Contraction.certify(map(n), jac(n), start, prec);
        assertTrue(c.certified(), () -> "" + c.failure());
        for (int i = 0; i < n; i++) {
          Ball truth = T.ref(ref[i], T.pow2(-250), 400);
          assertTrue(k.theta()[i].overlaps(truth) && c.theta()[i].overlaps(truth), "root enclosed");
          assertTrue(Objects.requireNonNull(k.box(), "a certified enclosure has its box")[i].contains(k.theta()[i]));
        }
        // Krawczyk from a 12-digit start: enclosure ~ the Newton step's quadratic error
        assertTrue(k.radius() < 1e-18, "Krawczyk radius " + k.radius());
        // from a start at the working precision, the enclosure is tight
        FixedPointEnclosure tight = Krawczyk.certify(map(n), jac(n), approx(ref, 70), prec);
        assertTrue(tight.certified());
        assertTrue(tight.radius() < Math.scalb(1.0, 16 - prec), "tight radius " + tight.radius());
      }
    }
  }

  @Test
  void rejectsABoxThatDoesNotContainTheFixedPoint() {
    int n = 3;
    Apfloat[] ref = reference(n);
    Ball[] off = approx(ref, 30);
    off[0] = off[0].add(Ball.of(T.q(1, 2), 200), 200);
    FixedPointEnclosure k = Krawczyk.check(map(n), jac(n), off, Ball.of(T.q(1, 10), 200), 200);
    assertFalse(k.certified());
    assertNotNull(k.failure());
    // the same box centred at the root is accepted
    assertTrue(Krawczyk.check(map(n), jac(n), approx(ref, 30), Ball.of(T.q(1, 10), 200), 200).certified());
  }

  @Test
  void certifiesARepellingFixedPointThatNoContractionArgumentReaches() {
    // F(x) = 2 - x^2: fixed point 1 with F'(1) = -2
    BoxMap f = (x, prec) -> new Ball[] {Ball.exact(2).sub(x[0].sqr(prec), prec)};
    BoxJacobian df = (x, prec) -> BallMatrix.of(new Ball[][] {{x[0].mul(-2L)}});
    Ball[] start = {Ball.of(T.q(1000001, 1000000), 100)};
    FixedPointEnclosure k = Krawczyk.certify(f, df, start, 100);
    assertTrue(k.certified());
    assertTrue(k.theta()[0].contains(T.q(1)));
    assertFalse(k.theta()[0].contains(T.q(-2)), "the other fixed point -2 is not in the box");
    FixedPointEnclosure c = Contraction.certify(f, df, start, 100);
    assertFalse(c.certified());
    assertNotNull(c.failure());
  }

  @Test
  void centeredLogitMapOfTheThreeCycle() {
    // θ -> Π(β P softmax θ) with P = ½11ᵀ + aA: the uniform (centered 0) is a fixed point (T6)
    int prec = 150;
    Aprational a = T.q(1, 4);
    long[][] cyc = {{0, 1, -1}, {-1, 0, 1}, {1, -1, 0}};
    Ball[][] p = new Ball[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        p[i][j] = Ball.of((Aprational) T.q(1, 2).add(a.multiply(T.q(cyc[i][j]))), prec);
      }
    }
    BallMatrix pm = BallMatrix.of(p);
    Ball beta = Ball.exact(2);
    BoxMap f = (x, pr) -> {
      Ball[] out = pm.times(Ball.softmax(x, pr), pr);
      for (int i = 0; i < out.length; i++) {
        out[i] = out[i].mul(beta, pr);
      }
      return out;
    };
    BoxJacobian df = (x, pr) -> {
      Ball[] s = Ball.softmax(x, pr);
      Ball[][] sm = new Ball[3][3];
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
          Ball v = s[i].mul(s[j], pr).neg();
          sm[i][j] = i == j ? v.add(s[i], pr) : v;
        }
      }
      return pm.mul(BallMatrix.of(sm), pr).scale(beta, pr);
    };
    Ball[] start = {Ball.of(T.q(1, 1000), prec), Ball.of(T.q(-1, 1000), prec), Ball.ZERO};
    Krawczyk.OnTangent k = Krawczyk.certifyCentered(f, df, start, prec);
    assertTrue(k.certified(), () -> "" + k.enclosure().failure());
    for (Ball b : k.theta()) {
      assertTrue(b.contains(T.q(0)));
    }
    // the uncentered map has no fixed point (it adds β/2·1 each round): no certificate
    FixedPointEnclosure raw = Krawczyk.certify(f, df, start, prec);
    assertFalse(raw.certified());
  }

  @Test
  void nonFiniteMapsFailWithAReason() {
    BoxMap f = (x, prec) -> new Ball[] {Ball.whole()};
    BoxJacobian df = (x, prec) -> BallMatrix.of(new Ball[][] {{Ball.ZERO}});
    FixedPointEnclosure k = Krawczyk.certify(f, df, new Ball[] {Ball.ZERO}, 100);
    assertFalse(k.certified());
    assertNotNull(k.failure());
  }
}
