package prefdyn.catalogue;

import java.util.function.Supplier;

/**
 * A deliberately wrong version of a statement, declared with it (see
 * {@link StatementBuilder#wrong}): the same hypotheses with a broken margin, and a witness on which
 * the wrong version is certifiably VIOLATED while the statement itself holds.
 *
 * @param what what is wrong, in a few words ("factor 1/4 instead of 1/2")
 * @param statement the wrong statement (same ID, same hypotheses, the broken margin)
 * @param witness builds the instance that tells them apart
 */
public record WrongVariant(String what, Statement statement, Supplier<Instance> witness) {
  @Override
  public String toString() {
    return statement.id() + " with " + what;
  }
}
