package prefdyn.properties;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.apfloat.Aprational;
import prefdyn.catalogue.Margin;
import prefdyn.catalogue.Statement;
import prefdyn.catalogue.Verdict;
import prefdyn.num.Precision;
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

  /** The precisions of issue 10's acceptance runs ({@code check --digits D}). */
  static Arbitrary<Integer> lowDigits() {
    return Arbitraries.of(5, 6, 8, 10, 20);
  }

  /**
   * A paper or proved statement is never VIOLATED on its own generator, at any precision: at low
   * precision the check may only be UNDECIDED (the runner then raises the precision).
   */
  static Margin neverViolated(Statement s, Instance x, int digits) {
    Margin m = s.check(x, Precision.ofDigits(digits));
    if (m.verdict() == Verdict.VIOLATED) {
      throw new AssertionError(s.id() + " violated at " + digits + " digits: " + m.detail() + " [" + m.formatLo(6)
          + ", " + m.formatHi(6) + "] on " + x.describe());
    }
    return m;
  }
}
