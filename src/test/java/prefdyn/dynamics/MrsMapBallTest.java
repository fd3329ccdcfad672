package prefdyn.dynamics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.apfloat.Aprational;
import org.junit.jupiter.api.Test;
import prefdyn.gen.Matrices;
import prefdyn.num.Ball;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;

/**
 * The ball round contains the round computed independently (the Apfloat closed form of
 * {@link MrsMap#apply}) at several times the precision, at point inputs and at points of a box; its
 * radius is a few ulps at a point; and a deliberately wrong round (another α) is excluded.
 */
class MrsMapBallTest {
  static final Precision REF = Precision.ofDigits(300);
  static final Precision REF_HIGH = Precision.ofDigits(3100);

  static MrsParameters general() {
    return new MrsParameters(MrsDynamicsTest.sst4(), Rationals.of(1, 3), Rationals.of(3, 4), Rationals.of(7, 3),
        Distribution.of(Rationals.of(4, 10), Rationals.of(3, 10), Rationals.of(2, 10), Rationals.of(1, 10)),
        Distribution.of(Rationals.of(1, 7), Rationals.of(2, 7), Rationals.of(3, 7), Rationals.of(1, 7)),
        MrsParameters.Method.IPO);
  }

  static MrsParameters cycle() {
    PreferenceMatrix p = Matrices.threeCycle(Rationals.HALF);
    return MrsParameters.ipo(p, Rationals.ONE, Rationals.ONE, Rationals.of(4));
  }

  /** The reference value as a ball that contains the true value: the result ± 10^-(digits-10). */
  static Ball reference(Apfloat x, Precision ref) {
    return Ball.of(x, ref.bits()).inflate(Rationals.of(java.math.BigInteger.ONE,
        java.math.BigInteger.TEN.pow(ref.digits() - 10)));
  }

  static Ball reference(Apfloat x) {
    return reference(x, REF);
  }

  static Apfloat[] referenceRound(MrsParameters params, Aprational[] theta) {
    return referenceRound(params, theta, REF);
  }

  static Apfloat[] referenceRound(MrsParameters params, Aprational[] theta, Precision ref) {
    MrsMap map = new MrsMap(params, ref);
    Apfloat[] t = new Apfloat[theta.length];
    for (int i = 0; i < t.length; i++) {
      t[i] = ref.real(theta[i]);
    }
    return map.apply(t);
  }

  static Ball[] exactBalls(Aprational[] theta) {
    Ball[] b = new Ball[theta.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = Ball.of(theta[i], 4000);
    }
    return b;
  }

  static Aprational[] dyadic(long... numerators) {
    Aprational[] out = new Aprational[numerators.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = Rationals.of(numerators[i], 1024);
    }
    return out;
  }

  @Test
  void pointRoundContainsTheReference() {
    for (MrsParameters params : new MrsParameters[] {general(), cycle()}) {
      int k = params.k();
      Aprational[] theta = k == 4 ? dyadic(300, -1000, 2000, -1300) : dyadic(-700, 100, 600);
      Apfloat[] ref = referenceRound(params, theta, REF_HIGH);
      for (int digits : new int[] {20, 50, 1000}) {
        int prec = Precision.ofDigits(digits).bits();
        Ball[] out = new MrsMap(params, Precision.ofDigits(digits)).round(exactBalls(theta), prec);
        for (int i = 0; i < k; i++) {
          assertTrue(out[i].contains(reference(ref[i], REF_HIGH)),
              "coordinate " + i + " at " + digits + " digits: " + out[i] + " vs " + ref[i]);
          // tight: a few ulps of the working precision times the size of the logits
          Aprational bound = Rationals.of(java.math.BigInteger.ONE, java.math.BigInteger.ONE.shiftLeft(prec - 16));
          assertTrue(out[i].radExact().compareTo(bound) <= 0, "radius " + out[i].radUpper() + " at " + digits + " digits");
        }
      }
    }
  }

  @Test
  void boxRoundContainsTheRoundOfEveryPointTried() {
    MrsParameters params = general();
    int prec = Precision.ofDigits(40).bits();
    MrsMap map = new MrsMap(params, Precision.ofDigits(40));
    Aprational[] center = dyadic(300, -1000, 2000, -1300);
    Aprational r = Rationals.of(1, 1L << 40);
    Ball[] box = new Ball[4];
    for (int i = 0; i < 4; i++) {
      box[i] = Ball.of(center[i], prec).inflate(r);
    }
    Ball[] out = map.round(box, prec);
    long[][] corners = {{1, 1, 1, 1}, {-1, 1, -1, 1}, {1, -1, -1, 1}, {-1, -1, 1, -1}, {0, 0, 0, 0}};
    for (long[] c : corners) {
      Aprational[] x = new Aprational[4];
      for (int i = 0; i < 4; i++) {
        x[i] = center[i].add(r.multiply(Rationals.of(c[i])));
      }
      Apfloat[] ref = referenceRound(params, x);
      for (int i = 0; i < 4; i++) {
        assertTrue(out[i].contains(reference(ref[i])), "corner " + java.util.Arrays.toString(c) + " coordinate " + i);
      }
    }
  }

  @Test
  void aWrongRoundIsExcluded() {
    // the round with α = 1/2 instead of 1/3: its value lies outside the certified enclosure
    MrsParameters params = general();
    MrsParameters wrong = params.withAlpha(Rationals.HALF);
    Aprational[] theta = dyadic(300, -1000, 2000, -1300);
    int prec = Precision.ofDigits(30).bits();
    Ball[] out = new MrsMap(params, Precision.ofDigits(30)).round(exactBalls(theta), prec);
    Apfloat[] bad = referenceRound(wrong, theta);
    boolean excluded = false;
    for (int i = 0; i < 4; i++) {
      excluded |= !out[i].overlaps(reference(bad[i]));
    }
    assertTrue(excluded);
  }

  @Test
  void policyAndEntropyContainTheReference() {
    Aprational[] theta = dyadic(300, -1000, 2000, -1300);
    int prec = Precision.ofDigits(50).bits();
    Ball[] b = exactBalls(theta);
    Apfloat[] t = new Apfloat[4];
    for (int i = 0; i < 4; i++) {
      t[i] = REF.real(theta[i]);
    }
    Apfloat[] pi = LogitPolicy.policy(t, REF);
    Ball[] pb = MrsMap.policy(b, prec);
    for (int i = 0; i < 4; i++) {
      assertTrue(pb[i].contains(reference(pi[i])));
    }
    assertTrue(MrsMap.entropy(b, prec).contains(reference(LogitPolicy.entropy(t, REF))));
    assertFalse(MrsMap.entropy(b, prec).contains(reference(LogitPolicy.entropy(t, REF).multiply(new Apfloat("1.000000000000000000000000000001", 300)))));
  }
}
