package prefdyn.catalogue;

import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;
import net.jqwik.api.Arbitrary;
import prefdyn.num.Precision;

/**
 * A statement made of functions: its generator, its hypothesis test and its margin. The one
 * implementation behind the built-in entries written as lambdas and behind the user-facing
 * {@code prefdyn.search.Conjecture} builder.
 *
 * <p>{@link #admits} answers false when the hypothesis test throws (an instance the test cannot
 * even evaluate, e.g. a local search move that broke a dimension, does not satisfy it).
 */
public final class LambdaStatement implements Statement {
  private final String id;
  private final Kind kind;
  private final String title;
  private final Supplier<Arbitrary<Instance>> hypotheses;
  private final Predicate<Instance> admits;
  private final BiFunction<Instance, Precision, Margin> margin;
  private final int defaultTries;

  private LambdaStatement(String id, Kind kind, String title, Supplier<Arbitrary<Instance>> hypotheses,
      Predicate<Instance> admits, BiFunction<Instance, Precision, Margin> margin, int defaultTries) {
    if (defaultTries < 1) {
      throw new IllegalArgumentException("defaultTries must be at least 1");
    }
    this.id = id;
    this.kind = kind;
    this.title = title;
    this.hypotheses = hypotheses;
    this.admits = admits;
    this.margin = margin;
    this.defaultTries = defaultTries;
  }

  /**
   * @param hypotheses builds the generator (called on each {@link #hypotheses()} call, so that a
   *     generator is never shared across jqwik sessions)
   * @param defaultTries instances {@code prefdyn check} draws by default
   */
  public static Statement of(String id, Kind kind, String title, Supplier<Arbitrary<Instance>> hypotheses,
      Predicate<Instance> admits, BiFunction<Instance, Precision, Margin> margin, int defaultTries) {
    return new LambdaStatement(id, kind, title, hypotheses, admits, margin, defaultTries);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String title() {
    return title;
  }

  @Override
  public Kind kind() {
    return kind;
  }

  @Override
  public Arbitrary<Instance> hypotheses() {
    return hypotheses.get();
  }

  @Override
  public boolean admits(Instance instance) {
    try {
      return admits.test(instance);
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public Margin check(Instance instance, Precision precision) {
    return Objects.requireNonNull(margin.apply(instance, precision), () -> id + ": margin returned null");
  }

  @Override
  public int defaultTries() {
    return defaultTries;
  }

  @Override
  public String toString() {
    return id + ": " + title;
  }
}
