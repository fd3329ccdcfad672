package prefdyn.properties;

import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Margin;
import prefdyn.catalogue.Statement;
import prefdyn.catalogue.Verdict;
import prefdyn.num.Precision;
import prefdyn.search.Escalation;

/**
 * Assertions shared by the property classes: every property asserts through a catalogue check,
 * with the same precision policy as {@code prefdyn check} (an undecided enclosure is re-checked at
 * doubled digits up to the default cap, {@link Escalation}).
 */
public final class Checks {
  /** Precision used by the property suite unless a property says otherwise. */
  public static final Precision SUITE = Precision.ofDigits(40);

  private Checks() {}

  /** Asserts that the statement holds on the instance (certified: lo > 0, or lo >= 0 when not strict). */
  public static Margin assertHolds(Statement s, Instance x) {
    return assertHolds(s, x, SUITE);
  }

  public static Margin assertHolds(Statement s, Instance x, Precision p) {
    if (!s.admits(x)) {
      throw new AssertionError(s.id() + ": generator produced an instance outside the hypotheses: " + x.describe());
    }
    Escalation.Decision d = Escalation.defaultFor(p).decide(s, x, p);
    Margin m = d.margin();
    if (m.verdict() != Verdict.HOLDS) {
      throw new AssertionError(describe(s, d, p, "holds") + " on " + x.describe());
    }
    return m;
  }

  /**
   * Asserts that the check rejects the instance (the "property can fail" tests): its margin is
   * certified on the failing side (hi < 0, or hi <= 0 when strict).
   */
  public static Margin assertViolated(Statement s, Instance x, Precision p) {
    Escalation.Decision d = Escalation.defaultFor(p).decide(s, x, p);
    Margin m = d.margin();
    if (m.verdict() != Verdict.VIOLATED) {
      throw new AssertionError(describe(s, d, p, "violated") + " on " + x.describe());
    }
    return m;
  }

  private static String describe(Statement s, Escalation.Decision d, Precision p, String expected) {
    Margin m = d.margin();
    return s.id() + " was expected to be " + expected + " but is " + m.verdict().label() + " at " + d.digits()
        + " digits with margin " + m.format(p) + " enclosure " + m.formatEnclosure(p.digits()) + " (" + m.detail() + ")"
        + (m.reason().isEmpty() ? "" : " reason: " + m.reason());
  }
}
