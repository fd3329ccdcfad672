package prefdyn.search;

import java.util.function.BiFunction;
import java.util.function.Predicate;
import net.jqwik.api.Arbitrary;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Kind;
import prefdyn.catalogue.LambdaStatement;
import prefdyn.catalogue.Margin;
import prefdyn.catalogue.Statement;
import prefdyn.num.Precision;

/**
 * Builds a {@link Statement} from a researcher's own conjecture, to register with
 * {@link prefdyn.catalogue.Catalogue#register} and then check with jqwik, {@link CheckRunner}
 * or {@link Search}:
 *
 * <pre>{@code
 * Statement mine = Conjecture.named("MY1")
 *     .statement("the uniform sampler puts the Condorcet winner on top")
 *     .hypotheses(instancesWithACondorcetWinner)
 *     .admits(x -> Structure.condorcetWinner(x.pref()).isPresent())
 *     .margin((x, precision) -> Margin.exact(gap(x), true, "score gap of the winner"))
 *     .build();
 * Catalogue.register(mine);
 * SearchResult r = Search.run(mine, 5000, 1L, Precision.ofDigits(30));
 * }</pre>
 *
 * The margin must be positive where the conjecture holds and negative where it fails, and
 * should measure the distance from failing (the search climbs down it). {@code admits} must
 * agree with the generator: the search and the shrinker keep only instances it admits.
 */
public final class Conjecture {
  private final String id;
  private String title = "";
  private Kind kind = Kind.CONJECTURE;
  private @Nullable Arbitrary<Instance> hypotheses;
  private @Nullable Predicate<Instance> admits;
  private @Nullable BiFunction<Instance, Precision, Margin> margin;
  private int defaultTries = 100;

  private Conjecture(String id) {
    this.id = id;
  }

  /** Starts a conjecture with this ID (letters, digits, '-', '_'). */
  public static Conjecture named(String id) {
    if (!id.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException("a statement ID is letters, digits, '-' and '_': '" + id + "'");
    }
    return new Conjecture(id);
  }

  /** The statement in one line. */
  public Conjecture statement(String oneLine) {
    if (oneLine.contains("\n")) {
      throw new IllegalArgumentException("the statement must be one line");
    }
    this.title = oneLine;
    return this;
  }

  /** The kind (default {@link Kind#CONJECTURE}; a proved statement of one's own may say PROVED). */
  public Conjecture kind(Kind k) {
    this.kind = k;
    return this;
  }

  /** The instances satisfying the hypotheses. */
  public Conjecture hypotheses(Arbitrary<Instance> arbitrary) {
    this.hypotheses = arbitrary;
    return this;
  }

  /** Whether an instance satisfies the hypotheses (must agree with the generator). */
  public Conjecture admits(Predicate<Instance> predicate) {
    this.admits = predicate;
    return this;
  }

  /** The signed margin: positive holds, negative violated. */
  public Conjecture margin(BiFunction<Instance, Precision, Margin> f) {
    this.margin = f;
    return this;
  }

  /** Instances per {@code prefdyn check} run without {@code --tries} (default 100). */
  public Conjecture defaultTries(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("defaultTries must be at least 1");
    }
    this.defaultTries = n;
    return this;
  }

  /** The statement. @throws IllegalStateException when the statement, hypotheses, admits or margin is missing */
  public Statement build() {
    if (title.isBlank()) {
      throw new IllegalStateException(id + ": statement(...) is missing");
    }
    Arbitrary<Instance> h = require(hypotheses, "hypotheses");
    Predicate<Instance> a = require(admits, "admits");
    BiFunction<Instance, Precision, Margin> m = require(margin, "margin");
    return LambdaStatement.of(id, kind, title, () -> h, a, m, defaultTries);
  }

  private <T> T require(@Nullable T part, String name) {
    if (part == null) {
      throw new IllegalStateException(id + ": " + name + "(...) is missing");
    }
    return part;
  }
}
