package prefdyn.properties;

import org.apfloat.Aprational;
import prefdyn.catalogue.Instance;
import prefdyn.gen.Matrices;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;

/** Small hand-made instances shared by the dynamics property classes (L3, L4, T6-T9). */
final class DynamicsFixtures {
  private DynamicsFixtures() {}

  static Aprational q(long n, long d) {
    return Rationals.of(n, d);
  }

  static PreferenceMatrix matrix(long den, long[][] num) {
    Aprational[][] a = new Aprational[num.length][num.length];
    for (int i = 0; i < num.length; i++) {
      for (int j = 0; j < num.length; j++) {
        a[i][j] = q(num[i][j], den);
      }
    }
    return PreferenceMatrix.of(a);
  }

  /** A T6 instance: P_a with uniform π_ref = π_0. */
  static Instance threeCycle(Aprational a, Aprational alpha, Aprational lambda, Aprational beta) {
    return Instance.of(Matrices.threeCycle(a)).withParam("a", a).withAlpha(alpha).withLambda(lambda).withBeta(beta)
        .withRef(Distribution.uniform(3)).withPi0(Distribution.uniform(3));
  }

  static Distribution dist(long den, long... num) {
    Aprational[] e = new Aprational[num.length];
    for (int i = 0; i < num.length; i++) {
      e[i] = q(num[i], den);
    }
    return Distribution.of(e);
  }
}
