package prefdyn.properties;

import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Margin;
import prefdyn.catalogue.Statement;
import prefdyn.catalogue.Verdict;
import prefdyn.num.Precision;

/** Assertions shared by the property classes: every property asserts through a catalogue check. */
public final class Checks {
  /** Precision used by the property suite unless a property says otherwise. */
  public static final Precision SUITE = Precision.ofDigits(40);

  private Checks() {}

  /** Asserts that the statement holds on the instance (decided, positive margin). */
  public static Margin assertHolds(Statement s, Instance x) {
    return assertHolds(s, x, SUITE);
  }

  public static Margin assertHolds(Statement s, Instance x, Precision p) {
    if (!s.admits(x)) {
      throw new AssertionError(s.id() + ": generator produced an instance outside the hypotheses: " + x.describe());
    }
    Margin m = s.check(x, p);
    if (m.verdict() != Verdict.HOLDS) {
      throw new AssertionError(s.id() + " " + m.verdict().label() + " with margin " + m.format(p)
          + " (" + m.detail() + ") on " + x.describe());
    }
    return m;
  }

  /** Asserts that the check rejects the instance (the "property can fail" tests). */
  public static Margin assertViolated(Statement s, Instance x, Precision p) {
    Margin m = s.check(x, p);
    if (m.verdict() != Verdict.VIOLATED) {
      throw new AssertionError(s.id() + " was expected to be violated but is " + m.verdict().label()
          + " with margin " + m.format(p) + " on " + x.describe());
    }
    return m;
  }
}
