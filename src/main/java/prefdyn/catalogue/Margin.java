package prefdyn.catalogue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apfloat.Apfloat;
import org.apfloat.Aprational;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;

/**
 * A signed margin as an <em>enclosure</em>: an interval {@code [lo, hi]} of exact rationals that
 * provably contains the true margin of a statement on one instance. Positive: the statement holds
 * with that much room; negative: it is violated. Every check in the catalogue returns one; the
 * counterexample search minimizes it.
 *
 * <p>Exact margins (rational questions decided exactly) have {@code lo == hi}. Approximate margins
 * come from ball arithmetic ({@code prefdyn.num.Ball}): {@code lo} and {@code hi} are the exact
 * endpoints of the ball. A bound that could not be obtained at all (a solver that failed, a cap
 * that was hit) is an unbounded side ({@code null}), and such a margin is {@link
 * Verdict#UNDECIDED} with its {@link #reason()}.
 *
 * <p>Verdicts: a strict statement ({@code margin > 0}) HOLDS when {@code lo > 0} and is VIOLATED
 * when {@code hi <= 0}; a non-strict one ({@code margin >= 0}) HOLDS when {@code lo >= 0} and is
 * VIOLATED when {@code hi < 0}; anything else is UNDECIDED. No tolerance enters.
 *
 * @param lo exact lower end (null: unbounded below)
 * @param hi exact upper end (null: unbounded above)
 * @param strict whether zero counts as a violation
 * @param detail one line saying what the margin measures for this instance
 * @param reason why the enclosure is unbounded or was not obtained (empty when it is bounded)
 */
public record Margin(@Nullable Aprational lo, @Nullable Aprational hi, boolean strict, String detail, String reason) {

  public Margin {
    if (lo != null && hi != null && lo.compareTo(hi) > 0) {
      throw new IllegalArgumentException("empty enclosure: lo " + lo + " > hi " + hi);
    }
  }

  /** An exact margin: {@code lo = hi = value}. */
  public static Margin exact(Aprational value, boolean strict, String detail) {
    return new Margin(value, value, strict, detail, "");
  }

  /** A certified enclosure {@code [lo, hi]} of the true margin. */
  public static Margin enclosure(Aprational lo, Aprational hi, boolean strict, String detail) {
    return new Margin(lo, hi, strict, detail, "");
  }

  /**
   * No enclosure could be obtained (a solver gave up, a cap was hit): UNDECIDED with the reason,
   * never a verdict.
   */
  public static Margin unknown(String reason, boolean strict, String detail) {
    return new Margin(null, null, strict, detail, reason);
  }

  /** Whether the margin is an exact rational ({@code lo == hi}). */
  public boolean isExact() {
    return lo != null && hi != null && lo.equals(hi);
  }

  public boolean isBounded() {
    return lo != null && hi != null;
  }

  public Verdict verdict() {
    if (strict) {
      if (lo != null && lo.signum() > 0) {
        return Verdict.HOLDS;
      }
      if (hi != null && hi.signum() <= 0) {
        return Verdict.VIOLATED;
      }
    } else {
      if (lo != null && lo.signum() >= 0) {
        return Verdict.HOLDS;
      }
      if (hi != null && hi.signum() < 0) {
        return Verdict.VIOLATED;
      }
    }
    return Verdict.UNDECIDED;
  }

  /**
   * A representative value (the midpoint of a bounded enclosure; the bounded end otherwise; zero
   * when nothing is known), used to order margins ("smallest margin") and to steer the search.
   * It never decides anything.
   */
  public Aprational value() {
    if (lo != null && hi != null) {
      return lo.equals(hi) ? lo : (Aprational) lo.add(hi).divide(Rationals.of(2));
    }
    if (lo != null) {
      return lo;
    }
    if (hi != null) {
      return hi;
    }
    return Rationals.ZERO;
  }

  /** Half the width of the enclosure (zero when exact); null when unbounded. */
  public @Nullable Aprational radius() {
    if (lo == null || hi == null) {
      return null;
    }
    return (Aprational) hi.subtract(lo).divide(Rationals.of(2));
  }

  /**
   * Text of the value: exact {@code p/q}, or the midpoint to the precision's digits (an enclosure
   * is printed by {@link #formatLo}/{@link #formatHi}).
   */
  public String format(Precision precision) {
    if (isExact()) {
      return Rationals.format(value());
    }
    if (!isBounded()) {
      return "unknown";
    }
    return Rationals.formatApprox(precision.rounded(precision.real(value())));
  }

  /** The lower end as a decimal string rounded down to {@code digits} significant digits ("-inf" when unbounded). */
  public String formatLo(int digits) {
    return lo == null ? "-inf" : outward(lo, digits, RoundingMode.FLOOR);
  }

  /** The upper end as a decimal string rounded up to {@code digits} significant digits ("inf" when unbounded). */
  public String formatHi(int digits) {
    return hi == null ? "inf" : outward(hi, digits, RoundingMode.CEILING);
  }

  /** An exact rational as a decimal with {@code digits} significant digits, rounded in {@code mode} (exact when it fits). */
  static String outward(Aprational q, int digits, RoundingMode mode) {
    if (q.signum() == 0) {
      return "0";
    }
    BigDecimal num = new BigDecimal(q.numerator().toBigInteger());
    BigDecimal den = new BigDecimal(q.denominator().toBigInteger());
    // magnitude estimate, then divide to digits significant digits with directed rounding
    int guess = num.precision() - num.scale() - (den.precision() - den.scale());
    int scale = digits - guess + 1;
    BigDecimal v = num.divide(den, scale, mode);
    v = v.round(new java.math.MathContext(digits, mode));
    return v.stripTrailingZeros().toString();
  }

  /** Compares margins by representative value (for "smallest margin" bookkeeping). */
  public int compareValue(Margin other) {
    return value().compareTo(other.value());
  }

  /**
   * Transitional: an approximate value with an error bound, as the enclosure [value - e, value + e].
   * Being removed: a hand-picked bound is not an enclosure. New code builds margins from balls.
   */
  @Deprecated
  public static Margin approximate(Apfloat value, Apfloat errorBound, boolean strict, String detail) {
    if (errorBound.signum() < 0) {
      throw new IllegalArgumentException("negative error bound");
    }
    Aprational v = exactOf(value);
    Aprational e = exactOf(errorBound);
    return new Margin((Aprational) v.subtract(e), (Aprational) v.add(e), strict, detail, "");
  }

  /** Transitional (see {@link #approximate(Apfloat, Apfloat, boolean, String)}): bound 10^-digits max(1,|value|). */
  @Deprecated
  public static Margin approximate(Apfloat value, Precision precision, boolean strict, String detail) {
    Apfloat scale = value.signum() == 0 ? precision.real(1) : org.apfloat.ApfloatMath.abs(value);
    if (scale.compareTo(precision.real(1)) < 0) {
      scale = precision.real(1);
    }
    return approximate(value, precision.epsilon().multiply(scale), strict, detail);
  }

  /** Transitional: half the width. */
  @Deprecated
  public Apfloat errorBound() {
    Aprational r = radius();
    return r == null ? new Apfloat(Double.MAX_VALUE) : r;
  }

  /** The exact value of the digits an Apfloat shows (an Aprational stays as it is). */
  public static Aprational exactOf(Apfloat x) {
    if (x instanceof Aprational q) {
      return q;
    }
    if (x.signum() == 0) {
      return Rationals.ZERO;
    }
    BigDecimal d = new BigDecimal(x.toString(true));
    java.math.BigInteger u = d.unscaledValue();
    int sc = d.scale();
    if (sc <= 0) {
      return Rationals.of(u.multiply(java.math.BigInteger.TEN.pow(-sc)), java.math.BigInteger.ONE);
    }
    return Rationals.of(u, java.math.BigInteger.TEN.pow(sc));
  }
}
