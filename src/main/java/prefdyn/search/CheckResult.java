package prefdyn.search;

import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Margin;
import prefdyn.catalogue.Verdict;
import prefdyn.catalogue.Statement;

/**
 * The outcome of checking one statement on a run of drawn instances.
 *
 * @param statement the statement checked
 * @param status holds / violated / undecided / error
 * @param tries the number of instances actually checked
 * @param plannedTries the number asked for (more than {@code tries} only when a violation or an
 *     error stopped the run early)
 * @param minMargin the interval minimum ({@link Margin#min(java.util.List)}) of the margins of
 *     the checked instances, each at the precision where it was decided: an enclosure of the
 *     smallest true margin, whose verdict is the status (null when nothing was checked)
 * @param nanos wall time spent checking (reported, never used to decide anything)
 * @param runSeed the run's seed ({@code --seed})
 * @param statementSeed the seed derived from {@code runSeed} and the ID
 * @param offending the instance that made the status what it is (violated, undecided or error), or null
 * @param offendingTry its 0-based try index (-1 when none)
 * @param offendingSeed the seed it was drawn with ({@link CheckRunner#replay} redraws it)
 * @param offendingMargin its margin (null for errors)
 * @param message one line: why it is not "holds" (or empty)
 * @param requestedDigits the precision asked for ({@code --digits})
 * @param capDigits the escalation cap ({@code --max-digits})
 * @param decidedDigits the highest precision at which some instance was decided (the requested
 *     digits when nothing needed raising)
 * @param raisedTries instances that needed more than the requested digits
 * @param undecidedTries instances still undecided at the cap
 */
public record CheckResult(
    Statement statement,
    Verdict status,
    int tries,
    int plannedTries,
    @Nullable Margin minMargin,
    long nanos,
    long runSeed,
    long statementSeed,
    @Nullable Instance offending,
    int offendingTry,
    long offendingSeed,
    @Nullable Margin offendingMargin,
    String message,
    int requestedDigits,
    int capDigits,
    int decidedDigits,
    int raisedTries,
    int undecidedTries) {

  public boolean holds() {
    return status == Verdict.HOLDS;
  }

  /** Whether some instance stayed undecided at the cap. */
  public boolean capReached() {
    return undecidedTries > 0;
  }

  public double seconds() {
    return nanos / 1e9;
  }
}
