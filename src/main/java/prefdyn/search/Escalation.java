package prefdyn.search;

import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Margin;
import prefdyn.catalogue.Statement;
import prefdyn.catalogue.Verdict;
import prefdyn.num.InvalidParameter;
import prefdyn.num.Precision;
import prefdyn.num.PrecisionLadder;

/**
 * The precision policy for an undecided margin, {@link PrecisionLadder} applied to a statement's
 * check: check at the requested digits; while the enclosure is UNDECIDED (it straddles the
 * verdict's boundary, or is unbounded), check again at twice the digits, the last step at the cap
 * exactly. A margin still undecided at the cap stays UNDECIDED, and the decision says so. A check that throws counts as {@link Margin#unknown} with
 * the exception as its reason (and is retried higher like any undecided margin).
 *
 * <p>Only the verdict of the enclosure is used: a decided margin (HOLDS or VIOLATED) is certified
 * at whatever precision it was obtained, so it is never re-checked.
 *
 * @param capDigits the largest precision (decimal digits) a margin is checked at
 */
public record Escalation(int capDigits) {
  /** The default cap is this many times the requested digits ({@link PrecisionLadder#FACTOR}) ... */
  public static final int FACTOR = PrecisionLadder.FACTOR;
  /** ... but at most this many digits (and never below the requested digits). */
  public static final int DEFAULT_MAX_DIGITS = PrecisionLadder.DEFAULT_MAX_DIGITS;

  public Escalation {
    if (capDigits < 5 || capDigits > Precision.MAX_DIGITS) {
      throw new InvalidParameter("maxDigits", "the escalation cap must be between 5 and " + Precision.MAX_DIGITS + " digits, got " + capDigits);
    }
  }

  /** The default cap for a run at {@code digits}: {@code max(digits, min(8·digits, 4000))}. */
  public static int defaultCap(int digits) {
    return PrecisionLadder.defaultCap(digits);
  }

  /** The default policy for a run at {@code p}. */
  public static Escalation defaultFor(Precision p) {
    return new Escalation(defaultCap(p.digits()));
  }

  /**
   * The policy for a run at {@code p} with the cap {@code maxDigits} (0: the default cap).
   *
   * @throws InvalidParameter when the cap is below the requested digits
   */
  public static Escalation of(Precision p, int maxDigits) {
    if (maxDigits == 0) {
      return defaultFor(p);
    }
    if (maxDigits < p.digits()) {
      throw new InvalidParameter("maxDigits", "the escalation cap (" + maxDigits + " digits) must be at least the working precision (" + p.digits() + " digits)");
    }
    return new Escalation(maxDigits);
  }

  /**
   * The outcome for one instance.
   *
   * @param margin the margin at the last precision tried
   * @param digits the digits of that precision (where it was decided, or the cap)
   * @param capReached whether the margin is still undecided at the cap
   * @param raised how many times the precision was raised
   */
  public record Decision(Margin margin, int digits, boolean capReached, int raised) {
    public Verdict verdict() {
      return margin.verdict();
    }
  }

  /** The margin of x, raised until decided or at the cap. */
  public Decision decide(Statement s, Instance x, Precision p) {
    PrecisionLadder.Rung<Margin> r = new PrecisionLadder(capDigits)
        .climb(p, q -> checkSafely(s, x, q), m -> m.verdict() != Verdict.UNDECIDED);
    return new Decision(r.value(), r.digits(), r.capReached(), r.raised());
  }

  /** The statement's margin, or {@link Margin#unknown} with the exception when the check throws. */
  public static Margin checkSafely(Statement s, Instance x, Precision p) {
    try {
      return s.check(x, p);
    } catch (RuntimeException e) {
      return Margin.unknown("the check threw " + e.getClass().getSimpleName() + ": " + e.getMessage(), false,
          s.id() + ": no margin (the check threw)");
    }
  }

  /** Run options with a working precision and a cap in digits (those of {@code prefdyn check} and of {@code prefdyn search}). */
  public interface Settings {
    Precision precision();

    /** The cap in digits (0: {@link #defaultCap}). */
    int maxDigits();

    /** The escalation these options ask for. */
    default Escalation escalation() {
      return Escalation.of(precision(), maxDigits());
    }
  }
}
