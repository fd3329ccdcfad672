package prefdyn.search;

import org.checkerframework.checker.nullness.qual.Nullable;
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
 * @param finding the counterexample with its shrinking and margins, and the nearest instance seen
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
    Search.Finding finding) {

  public double seconds() {
    return nanos / 1e9;
  }
}
