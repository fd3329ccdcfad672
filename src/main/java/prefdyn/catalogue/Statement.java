package prefdyn.catalogue;

import java.util.List;
import net.jqwik.api.Arbitrary;
import prefdyn.num.Precision;

/**
 * One entry of the theorem/conjecture catalogue: the single definition of a statement's check,
 * used alike by the property suite, by {@code prefdyn check} and by {@code prefdyn search}. Every
 * built-in entry, and any a user adds, is made by one builder ({@link #named}); see
 * docs/adding-a-statement.md.
 *
 * <p>A statement reads "for every instance satisfying the hypotheses, the margin is positive"
 * (nonnegative when not strict). Conjectures have the same shape; the search hunts for an
 * instance with a negative margin.
 */
public interface Statement {
  /** Starts the definition of a statement with this ID (letters, digits, '-', '_'). */
  static StatementBuilder named(String id) {
    return StatementBuilder.named(id);
  }

  /** The stable ID of docs/theory.md (L1, T6, C3, ...), or a user's own. */
  String id();

  /** The statement in one line. */
  String title();

  Kind kind();

  /** The proof note (a path in the repository, e.g. {@code proofs-notes/T7.md}), or "" when it has none. */
  default String proofNote() {
    return "";
  }

  /** The slots its instances carry besides the matrix (what the search moves and the JSON lists). */
  default List<Slot<?>> slots() {
    return List.of();
  }

  /** Instances satisfying the hypotheses, with shrinking toward small K and simple fractions. */
  Arbitrary<Instance> hypotheses();

  /**
   * Whether an arbitrary instance satisfies the hypotheses (the search's local moves and its
   * shrinker keep only instances this admits). Must agree with {@link #hypotheses()}.
   */
  boolean admits(Instance instance);

  /**
   * The signed margin of the statement on one instance, computed at {@code precision}: an
   * enclosure that provably contains the true margin ({@link Margin}); exact when the question is
   * rational. A solver that fails or a cap that is hit returns {@link Margin#unknown} with the
   * reason (never a bounded margin that was not proved). The runner raises the precision while the
   * enclosure is undecided, so a check should become tighter as the digits grow.
   */
  Margin check(Instance instance, Precision precision);

  /**
   * How many instances {@code prefdyn check} draws by default (no {@code --tries}): a fixed number,
   * never adjusted by time. Expensive checks (long trajectories, high-dimensional numerics) declare
   * fewer, so that the default run of the whole catalogue stays under 60 s on two cores.
   */
  default int defaultTries() {
    return 100;
  }

  /**
   * Deliberately wrong versions of the statement (a wrong constant, a missing factor), each with an
   * instance on which it is certifiably VIOLATED while the statement holds: the evidence that the
   * check can fail. The property suite asserts both for every entry.
   */
  default List<WrongVariant> wrongVariants() {
    return List.of();
  }
}
