package prefdyn.search;

import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Margin;
import prefdyn.num.Precision;

/**
 * The outcome of a counterexample search.
 *
 * @param id the statement's ID
 * @param found whether a verified counterexample was found
 * @param seed the search's seed (a rerun with it finds the same counterexample)
 * @param budget the budget of margin evaluations
 * @param evaluations margin evaluations spent searching (at most the budget)
 * @param restarts fresh draws from the hypotheses
 * @param nanos wall time, including verification and shrinking
 * @param precision the working precision of the search
 * @param counterexample the shrunk, re-verified counterexample (null when not found)
 * @param margin its margin, as re-verified (exact, or at {@code verifiedAtDigits})
 * @param unshrunk the counterexample as the search first found it
 * @param unshrunkMargin its margin
 * @param shrinkEvaluations margin evaluations spent shrinking
 * @param shrinkSteps accepted shrinking steps
 * @param verifiedAtDigits 0 when the margin is exact, else the digits of the re-verification
 * @param closest the instance with the smallest margin seen (the counterexample, or the nearest
 *     miss when none was found)
 * @param closestMargin its margin
 */
public record SearchResult(
    String id,
    boolean found,
    long seed,
    long budget,
    long evaluations,
    long restarts,
    long nanos,
    Precision precision,
    @Nullable Instance counterexample,
    @Nullable Margin margin,
    @Nullable Instance unshrunk,
    @Nullable Margin unshrunkMargin,
    long shrinkEvaluations,
    int shrinkSteps,
    int verifiedAtDigits,
    @Nullable Instance closest,
    @Nullable Margin closestMargin) {

  public double seconds() {
    return nanos / 1e9;
  }
}
