package prefdyn.properties;

import org.apfloat.Aprational;
import prefdyn.catalogue.DynamicsStatements;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Margin;
import prefdyn.catalogue.Statement;
import prefdyn.catalogue.Verdict;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;

/** Small hand-made instances shared by the dynamics property classes, and the low-precision assertion. */
final class DynamicsFixtures {
  private DynamicsFixtures() {}

  static Aprational q(long n, long d) {
    return Rationals.of(n, d);
  }

  static PreferenceMatrix matrix(long den, long[][] num) {
    return DynamicsStatements.matrix(den, num);
  }

  static Distribution dist(long den, long... num) {
    return DynamicsStatements.dist(den, num);
  }

  /** A T6 instance: P_a with uniform π_ref = π_0. */
  static Instance threeCycle(Aprational a, Aprational alpha, Aprational lambda, Aprational beta) {
    return DynamicsStatements.threeCycle(a, alpha, lambda, beta);
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
