package prefdyn.catalogue;

import java.util.Comparator;
import java.util.Objects;
import org.apfloat.Aprational;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.pref.Distribution;

/**
 * A typed part of an {@link Instance} besides its preference matrix: a distribution (a sampler, a
 * reference policy, a start) or an exact scalar (α, λ, β, a statement's own parameter). A statement
 * declares the slots it reads ({@link Statement#slots()}); its checks read them with
 * {@link Instance#get(Slot)}, and the search's moves and the shrinker iterate them (a distribution
 * slot moves mass between coordinates, a scalar slot is nudged on small grids, a parameter slot with
 * an integer value also by ±1).
 *
 * <p>The standard slots carry the flag names of the CLI contract ({@code sampler}, {@code ref},
 * {@code pi0}, {@code init}, {@code alpha}, {@code lambda}, {@code beta}, a second sampler
 * {@code samplerPrime}); a statement's own scalars are made with {@link #param(String)}. Slots are
 * equal when their names are; they are ordered as the JSON output lists them: the standard slots
 * in the order above, then the parameters by name.
 *
 * @param <T> the value type: {@link Distribution} or {@link Aprational}
 */
public final class Slot<T> implements Comparable<Slot<?>> {
  /** What a slot holds, and so how the search moves and shrinks it. */
  public enum Type {
    /** A distribution on the K responses (dropped coordinates are renormalized when K shrinks). */
    DISTRIBUTION,
    /** A standard exact scalar (α, λ, β). */
    SCALAR,
    /** A statement's own exact scalar (an index, a strength, a factor): integer values are also moved by ±1. */
    PARAM
  }

  public static final Slot<Distribution> SAMPLER = distribution("sampler", 0);
  public static final Slot<Distribution> SAMPLER_PRIME = distribution("samplerPrime", 1);
  public static final Slot<Distribution> REF = distribution("ref", 2);
  public static final Slot<Distribution> PI0 = distribution("pi0", 3);
  public static final Slot<Distribution> INIT = distribution("init", 4);
  public static final Slot<Aprational> ALPHA = scalar("alpha", 5);
  public static final Slot<Aprational> LAMBDA = scalar("lambda", 6);
  public static final Slot<Aprational> BETA = scalar("beta", 7);

  private static final int PARAM_RANK = 100;
  private static final Comparator<Slot<?>> ORDER =
      Comparator.<Slot<?>>comparingInt(s -> s.rank).thenComparing(s -> s.name);

  private final String name;
  private final Type type;
  private final int rank;
  private final Class<T> valueType;

  private Slot(String name, Type type, int rank, Class<T> valueType) {
    this.name = name;
    this.type = type;
    this.rank = rank;
    this.valueType = valueType;
  }

  private static Slot<Distribution> distribution(String name, int rank) {
    return new Slot<>(name, Type.DISTRIBUTION, rank, Distribution.class);
  }

  private static Slot<Aprational> scalar(String name, int rank) {
    return new Slot<>(name, Type.SCALAR, rank, Aprational.class);
  }

  /**
   * A statement's own exact scalar, listed after the standard slots by name (the JSON key).
   *
   * @throws IllegalArgumentException when the name is not letters and digits, or is a standard slot's
   */
  public static Slot<Aprational> param(String name) {
    if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("a parameter name is a letter then letters, digits and '_': '" + name + "'");
    }
    for (Slot<?> s : new Slot<?>[] {SAMPLER, SAMPLER_PRIME, REF, PI0, INIT, ALPHA, LAMBDA, BETA}) {
      if (s.name.equals(name)) {
        throw new IllegalArgumentException("'" + name + "' is a standard slot: use Slot." + name);
      }
    }
    return new Slot<>(name, Type.PARAM, PARAM_RANK, Aprational.class);
  }

  /** The JSON key and the name in messages. */
  public String name() {
    return name;
  }

  public Type type() {
    return type;
  }

  /** The value as this slot's type. @throws ClassCastException when it is not */
  T cast(Object value) {
    return valueType.cast(value);
  }

  @Override
  public int compareTo(Slot<?> o) {
    return ORDER.compare(this, o);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Slot<?> s && s.name.equals(name);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
