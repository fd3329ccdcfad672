package prefdyn.catalogue;

import net.jqwik.api.Arbitrary;
import prefdyn.num.Precision;

/**
 * One entry of the theorem/conjecture catalogue: the single definition of a statement's check,
 * used alike by its jqwik property class, by {@code prefdyn check} and by {@code prefdyn search}.
 *
 * <p>A statement reads "for every instance satisfying the hypotheses, the margin is positive"
 * (nonnegative when not strict). Conjectures have the same shape; the search hunts for an
 * instance with a negative margin.
 */
public interface Statement {
  /** The stable ID of theory.md (L1, T6, C3, ...), or a user's own. */
  String id();

  /** The statement in one line. */
  String title();

  Kind kind();

  /** Instances satisfying the hypotheses, with shrinking toward small K and simple fractions. */
  Arbitrary<Instance> hypotheses();

  /**
   * Whether an arbitrary instance satisfies the hypotheses (the search's local moves and its
   * shrinker keep only instances this admits). Must agree with {@link #hypotheses()}.
   */
  boolean admits(Instance instance);

  /** The signed margin of the statement on one instance, computed at {@code precision}. */
  Margin check(Instance instance, Precision precision);

  /**
   * How many instances {@code prefdyn check} draws by default (no {@code --tries}). Expensive
   * checks (long trajectories, high-dimensional numerics) should return fewer, so that the
   * default run of the whole catalogue stays within about two minutes.
   */
  default int defaultTries() {
    return 100;
  }
}
