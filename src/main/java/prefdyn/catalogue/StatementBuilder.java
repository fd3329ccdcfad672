package prefdyn.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;
import net.jqwik.api.Arbitrary;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.num.Precision;

/**
 * The one way to define a {@link Statement}, for the built-in catalogue and for a researcher's own
 * conjecture alike (start with {@link Statement#named}):
 *
 * <pre>{@code
 * Statement mine = Statement.named("MY1")
 *     .statement("the uniform sampler puts the Condorcet winner on top")
 *     .slots(Slot.SAMPLER)
 *     .hypotheses(() -> instancesWithACondorcetWinner())
 *     .admits(x -> Structure.condorcetWinner(x.pref()).isPresent())
 *     .margin((x, precision) -> Margin.exact(gap(x), true, "score gap of the winner"))
 *     .build();
 * }</pre>
 *
 * The margin must be positive where the statement holds and negative where it fails, and should
 * measure the distance from failing (the search climbs down it). {@code admits} must agree with
 * the generator: the search and the shrinker keep only instances it admits, and answers false when
 * the test throws (an instance it cannot even evaluate, e.g. a search move that broke a dimension,
 * does not satisfy it). To reach {@code prefdyn check} and {@code prefdyn search}, return the
 * statement from a {@link StatementProvider}.
 */
public final class StatementBuilder {
  private final String id;
  private String title = "";
  private Kind kind = Kind.CONJECTURE;
  private String proofNote = "";
  private List<Slot<?>> slots = List.of();
  private @Nullable Supplier<Arbitrary<Instance>> hypotheses;
  private @Nullable Predicate<Instance> admits;
  private @Nullable BiFunction<Instance, Precision, Margin> margin;
  private int tries = 100;
  private final List<Wrong> wrongs = new ArrayList<>();

  private record Wrong(String what, BiFunction<Instance, Precision, Margin> margin, Supplier<Instance> witness) {}

  private StatementBuilder(String id) {
    this.id = id;
  }

  static StatementBuilder named(String id) {
    if (!id.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException("a statement ID is letters, digits, '-' and '_': '" + id + "'");
    }
    return new StatementBuilder(id);
  }

  /** The statement in one line. */
  public StatementBuilder statement(String oneLine) {
    if (oneLine.contains("\n")) {
      throw new IllegalArgumentException("the statement must be one line");
    }
    this.title = oneLine;
    return this;
  }

  /** The kind (default {@link Kind#CONJECTURE}). */
  public StatementBuilder kind(Kind k) {
    this.kind = k;
    return this;
  }

  /** The proof note, a path in the repository ({@code proofs-notes/T7.md}). */
  public StatementBuilder proofNote(String path) {
    this.proofNote = path;
    return this;
  }

  /** The slots its instances carry besides the matrix. */
  public StatementBuilder slots(Slot<?>... declared) {
    this.slots = List.of(declared);
    return this;
  }

  /** The slots its instances carry besides the matrix. */
  public StatementBuilder slots(List<Slot<?>> declared) {
    this.slots = List.copyOf(declared);
    return this;
  }

  /**
   * The instances satisfying the hypotheses: built anew for each use (jqwik generators are not
   * shared across sessions).
   */
  public StatementBuilder hypotheses(Supplier<Arbitrary<Instance>> generator) {
    this.hypotheses = generator;
    return this;
  }

  /** The instances satisfying the hypotheses (one arbitrary, reused for every use). */
  public StatementBuilder hypotheses(Arbitrary<Instance> arbitrary) {
    this.hypotheses = () -> arbitrary;
    return this;
  }

  /**
   * The instances satisfying the hypotheses and the test of whether an instance does, declared
   * together (they must agree): {@link #hypotheses(Supplier)} and {@link #admits(Predicate)}.
   */
  public StatementBuilder hypotheses(Supplier<Arbitrary<Instance>> generator, Predicate<Instance> test) {
    return hypotheses(generator).admits(test);
  }

  /** Whether an instance satisfies the hypotheses (must agree with the generator). */
  public StatementBuilder admits(Predicate<Instance> predicate) {
    this.admits = predicate;
    return this;
  }

  /** The signed margin: positive holds, negative violated. */
  public StatementBuilder margin(BiFunction<Instance, Precision, Margin> f) {
    this.margin = f;
    return this;
  }

  /** A margin written once with a switch for its one deliberate error (see {@link #margin(Switched, String, Supplier)}). */
  @FunctionalInterface
  public interface Switched {
    /** The margin, with the deliberate error when {@code wrong} is true. */
    Margin apply(Instance x, Precision precision, boolean wrong);
  }

  /**
   * The margin {@code check(x, p, false)} and, as a wrong variant ({@link #wrong}), the same check
   * with its deliberate error switched on, {@code check(x, p, true)}: certifiably violated on the
   * witness while the statement holds there.
   */
  public StatementBuilder margin(Switched check, String wrongWhat, Supplier<Instance> witness) {
    return margin((x, p) -> check.apply(x, p, false)).wrong(wrongWhat, (x, p) -> check.apply(x, p, true), witness);
  }

  /** Instances per {@code prefdyn check} run without {@code --tries} (default 100). */
  public StatementBuilder tries(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("tries must be at least 1");
    }
    this.tries = n;
    return this;
  }

  /**
   * A deliberately wrong version: the same hypotheses with a broken margin, and a witness on which
   * it is certifiably violated while the statement holds ({@link Statement#wrongVariants()}).
   */
  public StatementBuilder wrong(String what, BiFunction<Instance, Precision, Margin> brokenMargin, Supplier<Instance> witness) {
    wrongs.add(new Wrong(what, brokenMargin, witness));
    return this;
  }

  /** The statement. @throws IllegalStateException when the statement, hypotheses, admits or margin is missing */
  public Statement build() {
    if (title.isBlank()) {
      throw new IllegalStateException(id + ": statement(...) is missing");
    }
    Supplier<Arbitrary<Instance>> h = require(hypotheses, "hypotheses");
    Predicate<Instance> a = require(admits, "admits");
    BiFunction<Instance, Precision, Margin> m = require(margin, "margin");
    Defined s = new Defined(id, kind, title, proofNote, slots, h, a, m, tries, new ArrayList<>());
    for (Wrong w : wrongs) {
      Defined broken = new Defined(id, kind, title, proofNote, slots, h, a, w.margin(), tries, List.of());
      s.wrong.add(new WrongVariant(w.what(), broken, w.witness()));
    }
    return s;
  }

  private <T> T require(@Nullable T part, String name) {
    if (part == null) {
      throw new IllegalStateException(id + ": " + name + "(...) is missing");
    }
    return part;
  }

  /** The one implementation of {@link Statement}. */
  private static final class Defined implements Statement {
    private final String id;
    private final Kind kind;
    private final String title;
    private final String proofNote;
    private final List<Slot<?>> slots;
    private final Supplier<Arbitrary<Instance>> hypotheses;
    private final Predicate<Instance> admits;
    private final BiFunction<Instance, Precision, Margin> margin;
    private final int tries;
    private final List<WrongVariant> wrong;

    Defined(String id, Kind kind, String title, String proofNote, List<Slot<?>> slots, Supplier<Arbitrary<Instance>> hypotheses,
        Predicate<Instance> admits, BiFunction<Instance, Precision, Margin> margin, int tries, List<WrongVariant> wrong) {
      this.id = id;
      this.kind = kind;
      this.title = title;
      this.proofNote = proofNote;
      this.slots = slots;
      this.hypotheses = hypotheses;
      this.admits = admits;
      this.margin = margin;
      this.tries = tries;
      this.wrong = wrong;
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
    public String proofNote() {
      return proofNote;
    }

    @Override
    public List<Slot<?>> slots() {
      return slots;
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
      return tries;
    }

    @Override
    public List<WrongVariant> wrongVariants() {
      return List.copyOf(wrong);
    }

    @Override
    public String toString() {
      return id + ": " + title;
    }
  }
}
