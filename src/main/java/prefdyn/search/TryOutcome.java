package prefdyn.search;

import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Margin;
import prefdyn.catalogue.Verdict;

/**
 * What one try of a statement gave (one work unit of {@code check --shard}): the draw failed, the
 * drawn instance was not admitted, or its margin was decided (possibly UNDECIDED at the cap).
 *
 * @param index the 0-based try index
 * @param kind what happened
 * @param instance the drawn instance (null when the draw failed, or when read back from a shard file)
 * @param margin the margin at the precision where it was decided (only for {@link Kind#DECIDED})
 * @param raised whether the digits had to be raised above the requested ones
 * @param digits the digits of the decision (the cap when still undecided)
 * @param message one line on why the try does not hold (empty when it holds)
 */
public record TryOutcome(int index, Kind kind, @Nullable Instance instance, @Nullable Margin margin, boolean raised,
    int digits, String message) {

  /** What happened on a try. */
  public enum Kind { DRAW_FAILED, NOT_ADMITTED, DECIDED }

  public static TryOutcome drawFailed(int index, String message) {
    return new TryOutcome(index, Kind.DRAW_FAILED, null, null, false, 0, message);
  }

  public static TryOutcome notAdmitted(int index, Instance x, String message) {
    return new TryOutcome(index, Kind.NOT_ADMITTED, x, null, false, 0, message);
  }

  public static TryOutcome decided(int index, @Nullable Instance x, Margin m, boolean raised, int digits, String message) {
    return new TryOutcome(index, Kind.DECIDED, x, m, raised, digits, message);
  }

  /** Whether this try ends the statement's run (a certified violation or an error). */
  public boolean stops() {
    Margin m = margin;
    return kind != Kind.DECIDED || (m != null && m.verdict() == Verdict.VIOLATED);
  }

  /** Whether the result may report this try's instance (it does not hold). */
  public boolean needsInstance() {
    Margin m = margin;
    return kind == Kind.NOT_ADMITTED || (kind == Kind.DECIDED && m != null && m.verdict() != Verdict.HOLDS);
  }

  public TryOutcome withInstance(Instance x) {
    return new TryOutcome(index, kind, x, margin, raised, digits, message);
  }
}
