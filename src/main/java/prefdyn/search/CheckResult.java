package prefdyn.search;

import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Margin;
import prefdyn.catalogue.Statement;

/**
 * The outcome of checking one statement on a run of drawn instances.
 *
 * @param statement the statement checked
 * @param status holds / violated / undecided / error
 * @param tries the number of instances actually checked
 * @param plannedTries the number asked for (more than {@code tries} when a violation or error
 *     stopped the run early, or a time limit cut it short)
 * @param minMargin the smallest margin seen (null when nothing was checked)
 * @param nanos wall time spent checking
 * @param runSeed the run's seed ({@code --seed})
 * @param statementSeed the seed derived from {@code runSeed} and the ID
 * @param offending the instance that made the status what it is (violated, undecided or error), or null
 * @param offendingTry its 0-based try index (-1 when none)
 * @param offendingSeed the seed it was drawn with ({@link CheckRunner#replay} redraws it)
 * @param offendingMargin its margin (null for errors)
 * @param message one line: why it is not "holds" (or empty)
 * @param timeLimited whether a time limit stopped the run before {@code plannedTries}
 */
public record CheckResult(
    Statement statement,
    CheckStatus status,
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
    boolean timeLimited) {

  public boolean holds() {
    return status == CheckStatus.HOLDS;
  }

  public double seconds() {
    return nanos / 1e9;
  }
}
