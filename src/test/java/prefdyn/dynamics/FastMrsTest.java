package prefdyn.dynamics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apfloat.Apfloat;
import prefdyn.gen.Distributions;
import prefdyn.gen.Matrices;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;

/** The double-precision fast path agrees with the arbitrary-precision round wherever doubles do not underflow. */
class FastMrsTest {
  @Provide
  Arbitrary<MrsParameters> params() {
    return Arbitraries.integers().between(2, 5).flatMap(k -> Combinators.combine(
        Matrices.any(k, k), Arbitraries.integers().between(0, 10), Arbitraries.integers().between(0, 4),
        Arbitraries.integers().between(1, 24), Distributions.interior(k), Distributions.any(k))
        .as((p, a, l, b, ref, pi0) -> new MrsParameters(p, Rationals.of(a, 10), Rationals.of(l, 4), Rationals.of(b, 4),
            ref, pi0, MrsParameters.Method.IPO)))
        .filter(mp -> FastMrs.contractionUpperBound(mp) <= 1.0);
  }

  @Property(tries = 60)
  void fastPathMatchesArbitraryPrecision(@ForAll("params") MrsParameters mp) {
    Precision p = Precision.ofDigits(30);
    MrsMap map = new MrsMap(mp, p);
    FastMrs fast = new FastMrs(mp);
    Apfloat[] theta = map.logitsOf(prefdyn.pref.Distribution.uniform(mp.k()));
    double[] d = new double[mp.k()];
    for (int i = 0; i < d.length; i++) {
      d[i] = theta[i].doubleValue();
    }
    for (int t = 1; t <= 200; t++) {
      theta = map.apply(theta);
      fast.step(d);
      double scale = 1;
      for (Apfloat v : theta) {
        scale = Math.max(scale, Math.abs(v.doubleValue()));
      }
      for (int i = 0; i < d.length; i++) {
        double err = Math.abs(d[i] - theta[i].doubleValue());
        assertTrue(err <= 1e-11 * scale * t, "round " + t + " logit " + i + ": " + d[i] + " vs " + theta[i]);
      }
    }
    // policies (no entry below double range here: the logits stay bounded for L <= 1)
    double[] pi = new double[mp.k()];
    FastMrs.softmax(d, pi);
    Apfloat[] exact = LogitPolicy.policy(theta, p);
    for (int i = 0; i < pi.length; i++) {
      double e = exact[i].doubleValue();
      if (e > 1e-300) {
        assertTrue(Math.abs(pi[i] - e) <= 1e-9 * e + 1e-300, "policy " + i + ": " + pi[i] + " vs " + e);
      }
    }
  }
}
