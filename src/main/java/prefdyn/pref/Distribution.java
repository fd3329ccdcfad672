package prefdyn.pref;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.apfloat.Apfloat;
import org.apfloat.Aprational;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.num.InvalidParameter;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;

/**
 * A point of the simplex {@code Δ_K}: a sampler μ, a reference π_ref, an initial sampler π_0 or
 * a starting policy. Immutable. Exact distributions (all entries {@link Aprational}) are
 * validated exactly: entries {@code >= 0}, sum exactly 1.
 */
public final class Distribution {
  private final Apfloat[] p;
  private final boolean exact;

  private Distribution(Apfloat[] p, boolean exact) {
    this.p = p;
    this.exact = exact;
  }

  /** An exact distribution. @throws InvalidParameter naming the first negative entry or a wrong sum */
  public static Distribution of(Aprational... entries) {
    if (entries.length == 0) {
      throw new InvalidParameter("distribution", "a distribution needs at least one entry");
    }
    Aprational sum = Rationals.ZERO;
    for (int i = 0; i < entries.length; i++) {
      if (entries[i].signum() < 0) {
        throw new InvalidParameter("distribution", "entry " + i + " = " + Rationals.format(entries[i]) + " is negative");
      }
      sum = sum.add(entries[i]);
    }
    if (!sum.equals(Rationals.ONE)) {
      throw new InvalidParameter("distribution", "entries sum to " + Rationals.format(sum) + ", not exactly 1");
    }
    return new Distribution(Arrays.copyOf(entries, entries.length, Apfloat[].class), true);
  }

  /**
   * An approximate distribution (e.g. a policy computed by softmax). Entries must be
   * nonnegative; the sum is not re-checked (it is 1 up to rounding by construction).
   */
  public static Distribution approximate(Apfloat... entries) {
    for (int i = 0; i < entries.length; i++) {
      if (entries[i].signum() < 0) {
        throw new InvalidParameter("distribution", "entry " + i + " is negative");
      }
    }
    boolean allExact = Arrays.stream(entries).allMatch(e -> e instanceof Aprational);
    if (allExact) {
      return of(Arrays.stream(entries).map(e -> (Aprational) e).toArray(Aprational[]::new));
    }
    return new Distribution(entries.clone(), false);
  }

  public static Distribution uniform(int k) {
    Aprational[] e = new Aprational[k];
    Arrays.fill(e, Rationals.of(1, k));
    return of(e);
  }

  public static Distribution point(int k, int index) {
    if (index < 0 || index >= k) {
      throw new InvalidParameter("distribution", "the point mass at " + index + " is out of range for K = " + k + " (0-based)");
    }
    Aprational[] e = new Aprational[k];
    Arrays.fill(e, Rationals.ZERO);
    e[index] = Rationals.ONE;
    return of(e);
  }

  public int k() {
    return p.length;
  }

  public boolean isExact() {
    return exact;
  }

  public Apfloat get(int i) {
    return p[i];
  }

  public Aprational exact(int i) {
    if (!(p[i] instanceof Aprational q)) {
      throw new IllegalStateException("approximate distribution has no exact entries");
    }
    return q;
  }

  public Aprational[] exactEntries() {
    Aprational[] out = new Aprational[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = exact(i);
    }
    return out;
  }

  public Apfloat[] real(Precision precision) {
    Apfloat[] out = new Apfloat[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = precision.real(p[i]);
    }
    return out;
  }

  public double[] toDoubles() {
    double[] out = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = p[i].doubleValue();
    }
    return out;
  }

  /** All entries strictly positive ({@code int Δ_K}). */
  public boolean interior() {
    return Arrays.stream(p).allMatch(x -> x.signum() > 0);
  }

  /** Indices with positive mass. */
  public int[] support() {
    return IntStream.range(0, p.length).filter(i -> p[i].signum() > 0).toArray();
  }

  /**
   * Checks the dimension against K.
   *
   * @param field the distribution's name in the theory ({@code "sampler"}, {@code "start"}, ...)
   * @throws InvalidParameter of that field when it does not match
   */
  public Distribution requireK(int k, String field) {
    if (p.length != k) {
      throw new InvalidParameter(field, name(field) + " has " + p.length + " entries but the preference matrix has K = " + k);
    }
    return this;
  }

  /**
   * Requires strictly positive entries.
   *
   * @param field the distribution's name in the theory
   * @throws InvalidParameter of that field, naming the entry
   */
  public Distribution requireInterior(String field) {
    for (int i = 0; i < p.length; i++) {
      if (p[i].signum() <= 0) {
        throw new InvalidParameter(field, name(field) + " must be strictly positive, but entry " + i + " is 0");
      }
    }
    return this;
  }

  /** The words for a field in a message ({@code "the start policy"}); an old-style flag stays as it is. */
  private static String name(String field) {
    return switch (field) {
      case "start" -> "the start policy";
      case "reference" -> "the reference policy";
      case "pi0" -> "the offline sampler pi0";
      case "sampler" -> "the sampler";
      default -> field.startsWith("-") ? field : "the distribution " + field;
    };
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Distribution d && Arrays.equals(p, d.p);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(p);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < p.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(p[i] instanceof Aprational q ? Rationals.format(q) : p[i].toString(true));
    }
    return sb.append(']').toString();
  }
}
