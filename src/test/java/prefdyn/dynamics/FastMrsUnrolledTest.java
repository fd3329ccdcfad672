package prefdyn.dynamics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apfloat.Aprational;
import prefdyn.gen.Distributions;
import prefdyn.gen.Matrices;
import prefdyn.num.Rationals;

/** The K = 4 round of {@link FastMrs} written out is bit for bit the general loop (the experiment's runs.csv depends on it). */
class FastMrsUnrolledTest {
  @Provide
  Arbitrary<MrsParameters> params() {
    return Combinators.combine(Matrices.any(4, 4), Arbitraries.integers().between(0, 10), Arbitraries.integers().between(0, 4),
        Arbitraries.integers().between(1, 80), Distributions.interior(4), Distributions.any(4))
        .as((p, a, l, b, ref, pi0) -> new MrsParameters(p, Rationals.of(a, 10), Rationals.of(l, 4), Rationals.of(b, 4),
            ref, pi0, MrsParameters.Method.IPO));
  }

  @Property(tries = 40)
  void theUnrolledRoundIsTheLoop(@ForAll("params") MrsParameters mp) {
    assertTrue(sameTrajectory(new FastMrs(mp), new FastMrs(mp), 3000));
  }

  /** Both rounds over {@code rounds} rounds from π_0's logits, with an outside change of the logits at round 100. */
  private static boolean sameTrajectory(FastMrs unrolled, FastMrs loop, int rounds) {
    double[] a = FastMrs.logitsOf(new double[] {0.4, 0.3, 0.2, 0.1});
    double[] b = a.clone();
    double[] pa = new double[4];
    double[] pb = new double[4];
    for (int t = 1; t <= rounds; t++) {
      if (t == 100) {
        a[2] += 0.5;
        b[2] += 0.5;
      }
      unrolled.step(a, pa);
      loop.stepLoop(b, pb);
      if (!Arrays.equals(a, b) || !Arrays.equals(pa, pb)) {
        return false;
      }
    }
    return true;
  }

  /** The comparison can fail: the same round on a matrix one ulp away is caught. */
  @Example
  void aRoundOneUlpAwayIsNotTheSame() {
    org.apfloat.Aprational h = Rationals.HALF;
    org.apfloat.Aprational[][] q = new org.apfloat.Aprational[4][4];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        q[i][j] = i < j ? Rationals.of(7 + i + j, 10 + 2 * (i + j)) : h;
      }
    }
    org.apfloat.Aprational[][] r = new org.apfloat.Aprational[4][4];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        r[i][j] = q[i][j];
      }
    }
    r[0][1] = r[0][1].add(Rationals.of(1, 1L << 55)); // about one ulp of 7/10... changes the double
    for (Aprational[][] m : List.of(q, r)) {
      for (int i = 0; i < 4; i++) {
        for (int j = 0; j < i; j++) {
          m[i][j] = Rationals.ONE.subtract(m[j][i]);
        }
      }
    }
    MrsParameters a = params(q);
    MrsParameters b = params(r);
    assertTrue(sameTrajectory(new FastMrs(a), new FastMrs(a), 300));
    assertFalse(sameTrajectory(new FastMrs(a), new FastMrs(b), 300));
  }

  private static MrsParameters params(org.apfloat.Aprational[][] q) {
    return new MrsParameters(prefdyn.pref.PreferenceMatrix.of(q), Rationals.HALF, Rationals.ONE, Rationals.of(3),
        prefdyn.pref.Distribution.uniform(4), prefdyn.pref.Distribution.uniform(4), MrsParameters.Method.IPO);
  }
}
