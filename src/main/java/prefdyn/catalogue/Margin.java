package prefdyn.catalogue;

import org.apfloat.Apfloat;
import org.apfloat.Aprational;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.num.Values;

/**
 * A signed margin: how far an instance is from violating a statement. Positive: holds with that
 * much room; negative: violated. Every check in the catalogue returns one; the counterexample
 * search minimizes it.
 *
 * <p>A margin is either exact ({@link Aprational} value, zero error; decided exactly) or
 * approximate with a proved {@code errorBound}: then the verdict is {@link Verdict#UNDECIDED}
 * when {@code |value| <= errorBound}. {@code strict} says whether the statement asks
 * {@code value > 0} (strict) or {@code value >= 0}; an exact zero decides between them.
 *
 * @param value the margin (an {@link Aprational} when exact)
 * @param errorBound a bound on {@code |value - true margin|}; zero for exact margins
 * @param strict whether zero counts as a violation
 * @param detail one line saying what the margin measures for this instance
 */
public record Margin(Apfloat value, Apfloat errorBound, boolean strict, String detail) {

  public static Margin exact(Aprational value, boolean strict, String detail) {
    return new Margin(value, Rationals.ZERO, strict, detail);
  }

  public static Margin approximate(Apfloat value, Apfloat errorBound, boolean strict, String detail) {
    if (errorBound.signum() < 0) {
      throw new IllegalArgumentException("negative error bound");
    }
    return new Margin(value, errorBound, strict, detail);
  }

  /** An approximate margin with the error bound of {@code precision} (10^-digits, relative to max(1,|value|)). */
  public static Margin approximate(Apfloat value, Precision precision, boolean strict, String detail) {
    Apfloat scale = value.signum() == 0 ? precision.real(1) : org.apfloat.ApfloatMath.abs(value);
    if (scale.compareTo(precision.real(1)) < 0) {
      scale = precision.real(1);
    }
    return new Margin(value, precision.epsilon().multiply(scale), strict, detail);
  }

  public boolean isExact() {
    return value instanceof Aprational && errorBound.signum() == 0;
  }

  public Verdict verdict() {
    int s = value.signum();
    if (isExact()) {
      if (s > 0 || (s == 0 && !strict)) {
        return Verdict.HOLDS;
      }
      return Verdict.VIOLATED;
    }
    if (org.apfloat.ApfloatMath.abs(value).compareTo(errorBound) <= 0) {
      return Verdict.UNDECIDED;
    }
    return s > 0 ? Verdict.HOLDS : Verdict.VIOLATED;
  }

  /** Text of the value: exact {@code p/q}, or decimal at the precision's digits. */
  public String format(Precision precision) {
    return Values.format(value, precision);
  }

  /** Compares margins by value (for "smallest margin" bookkeeping). */
  public int compareValue(Margin other) {
    return value.compareTo(other.value);
  }
}
