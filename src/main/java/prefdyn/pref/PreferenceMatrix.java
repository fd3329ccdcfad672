package prefdyn.pref;

import java.util.Arrays;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.apfloat.Apfloat;
import org.apfloat.Aprational;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.num.InvalidParameter;
import prefdyn.num.Linalg;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;

/**
 * A preference matrix {@code P} over responses {@code 0..K-1} (docs/theory.md section 1):
 * {@code P[i][j]} is the probability that i is preferred to j. Immutable and validated on
 * construction: entries in [0,1], {@code P[i][j] + P[j][i] = 1} exactly, {@code P[i][i] = 1/2}.
 *
 * <p>A matrix is either <em>exact</em> (every entry an {@link Aprational}: text files, PrefLib
 * tallies, generators) or <em>approximate</em> (entries such as {@code σ(score_i - score_j)}
 * from HelpSteer data, built from the upper triangle so that the complement identity holds by
 * construction). Exact matrices answer ranking questions exactly.
 */
public final class PreferenceMatrix {
  private final Apfloat[][] entries;
  private final boolean exact;

  private PreferenceMatrix(Apfloat[][] entries, boolean exact) {
    this.entries = entries;
    this.exact = exact;
  }

  /**
   * An exact matrix; the error of an invalid matrix names the first offending entry (0-based row
   * and column, and its value).
   */
  public static PreferenceMatrix of(Aprational[][] p) {
    int k = p.length;
    if (k < 2) {
      throw new InvalidParameter("P", "a preference matrix needs K >= 2 responses, got K = " + k);
    }
    for (int i = 0; i < k; i++) {
      if (p[i].length != k) {
        throw new InvalidParameter("P", "row " + i + " has " + p[i].length + " entries, expected K = " + k);
      }
    }
    Invalid bad = firstInvalid(p);
    if (bad != null) {
      throw new InvalidParameter("P", bad.message());
    }
    Apfloat[][] copy = new Apfloat[k][k];
    for (int i = 0; i < k; i++) {
      System.arraycopy(p[i], 0, copy[i], 0, k);
    }
    return new PreferenceMatrix(copy, true);
  }

  /**
   * The first entry (row-major) of a square array that breaks the rules of a preference matrix,
   * with the message {@link #of} would throw; {@code null} when valid. Parsers use the position to
   * name the file line of the offending entry.
   *
   * @param row 0-based row of the offending entry
   * @param column 0-based column of the offending entry
   * @param message one line naming the entry and its value
   */
  public record Invalid(int row, int column, String message) {}

  /** See {@link Invalid}; {@code p} must be square. */
  public static @Nullable Invalid firstInvalid(Aprational[][] p) {
    int k = p.length;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        Aprational v = p[i][j];
        if (v.signum() < 0 || v.compareTo(Rationals.ONE) > 0) {
          return new Invalid(i, j, "entry P[" + i + "][" + j + "] = " + Rationals.format(v) + " is not in [0,1]");
        }
        if (i == j && !v.equals(Rationals.HALF)) {
          return new Invalid(i, j, "diagonal entry P[" + i + "][" + i + "] = " + Rationals.format(v) + " must be 1/2");
        }
        if (i != j && !v.add(p[j][i]).equals(Rationals.ONE)) {
          return new Invalid(i, j, "entry P[" + i + "][" + j + "] = " + Rationals.format(v)
              + " and P[" + j + "][" + i + "] = " + Rationals.format(p[j][i]) + " do not sum to 1");
        }
      }
    }
    return null;
  }

  /**
   * An approximate matrix from its strict upper triangle {@code upper[i][j]} for {@code j > i}
   * (other entries ignored); the lower triangle is {@code 1 - upper}, computed once, so the
   * complement identity holds to the last digit.
   */
  public static PreferenceMatrix fromUpperTriangle(Apfloat[][] upper, Precision precision) {
    int k = upper.length;
    if (k < 2) {
      throw new InvalidParameter("P", "a preference matrix needs K >= 2 responses, got K = " + k);
    }
    Apfloat one = precision.real(1);
    Apfloat half = precision.real(Rationals.HALF);
    Apfloat[][] e = new Apfloat[k][k];
    for (int i = 0; i < k; i++) {
      e[i][i] = half;
      for (int j = i + 1; j < k; j++) {
        Apfloat v = upper[i][j];
        if (v.signum() < 0 || v.compareTo(one) > 0) {
          throw new InvalidParameter("P", "entry P[" + i + "][" + j + "] = " + precision.format(v) + " is not in [0,1]");
        }
        e[i][j] = v;
        e[j][i] = one.subtract(v);
      }
    }
    boolean allExact = true;
    for (Apfloat[] row : e) {
      for (Apfloat v : row) {
        allExact &= v instanceof Aprational;
      }
    }
    return new PreferenceMatrix(e, allExact);
  }

  public int k() {
    return entries.length;
  }

  public boolean isExact() {
    return exact;
  }

  /** The entry as stored: an {@link Aprational} for exact matrices. */
  public Apfloat entry(int i, int j) {
    return entries[i][j];
  }

  /** The exact entry. @throws IllegalStateException for approximate matrices */
  public Aprational exact(int i, int j) {
    return exact(entries[i][j]);
  }

  private static Aprational exact(Apfloat e) {
    if (!(e instanceof Aprational q)) {
      throw new IllegalStateException("approximate matrix has no exact entries");
    }
    return q;
  }

  /** The exact matrix as a fresh array. @throws IllegalStateException if approximate */
  public Aprational[][] exactEntries() {
    return map(PreferenceMatrix::exact, Aprational[]::new, Aprational[][]::new);
  }

  /** The matrix at working precision, as a fresh array (for arbitrary-precision numerics). */
  public Apfloat[][] real(Precision precision) {
    return map(precision::real, Apfloat[]::new, Apfloat[][]::new);
  }

  /** A fresh K×K array of {@code f(P[i][j])}. */
  private <T> T[][] map(Function<Apfloat, T> f, IntFunction<T[]> row, IntFunction<T[][]> table) {
    return Arrays.stream(entries).map(r -> Arrays.stream(r).map(f).toArray(row)).toArray(table);
  }

  /** The matrix in double precision (fast path, plots); never used for decisions. */
  public double[][] toDoubles() {
    return Arrays.stream(entries).map(row -> Arrays.stream(row).mapToDouble(Apfloat::doubleValue).toArray())
        .toArray(double[][]::new);
  }

  /**
   * The exact scores {@code (Pμ)_i = Σ_j P_ij μ_j} (docs/theory.md section 3: with uniform π_ref, the
   * IPO optimum ranks responses by these).
   *
   * @throws IllegalStateException if the matrix or the distribution is approximate
   */
  public Aprational[] times(Distribution mu) {
    int k = k();
    if (mu.k() != k) {
      throw new IllegalArgumentException("distribution has " + mu.k() + " entries, K = " + k);
    }
    Aprational[] out = new Aprational[k];
    for (int i = 0; i < k; i++) {
      Aprational s = Rationals.ZERO;
      for (int j = 0; j < k; j++) {
        s = s.add(exact(i, j).multiply(mu.exact(j)));
      }
      out[i] = s;
    }
    return out;
  }

  /** {@code i ▷ j}: i beats j by a strict majority, {@code P[i][j] > 1/2}. */
  public boolean beats(int i, int j) {
    return entries[i][j].compareTo(Rationals.HALF) > 0;
  }

  /** {@code ||P - ½11ᵀ||_2}, the margin matrix's spectral norm (the contraction constant of T7). */
  public Apfloat marginSpectralNorm(Precision p) {
    int k = k();
    Apfloat[][] m = new Apfloat[k][k];
    Aprational half = Rationals.HALF;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        Apfloat e = entry(i, j);
        m[i][j] = e instanceof Aprational q ? p.real(q.subtract(half)) : p.real(e).subtract(p.real(half));
      }
    }
    return Linalg.spectralNorm(m, p);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof PreferenceMatrix m && exact == m.exact && Arrays.deepEquals(entries, m.entries);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(entries);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (Apfloat[] row : entries) {
      for (int j = 0; j < row.length; j++) {
        sb.append(j == 0 ? "" : " ").append(row[j] instanceof Aprational q ? Rationals.format(q) : row[j].toString(true));
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
