package prefdyn.num;

import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.apfloat.Aprational;

/**
 * The one precision context of a computation (mpmath's {@code mp.dps}, but passed explicitly).
 *
 * <p>{@link #digits()} is what the user asked for: every printed approximate number is correct to
 * that many significant decimal digits. Computations run at {@link #working()} digits, which adds
 * guard digits so that the accumulated rounding error of a few thousand operations stays below
 * half a unit in the last printed digit.
 */
public record Precision(int digits) {
  /** The CLI's default: 50 significant digits. */
  public static final Precision DEFAULT = new Precision(50);

  public static final int MAX_DIGITS = 100_000;

  public Precision {
    if (digits < 5 || digits > MAX_DIGITS) {
      throw new InvalidParameter("precision", "the precision must be between 5 and " + MAX_DIGITS
          + " significant digits, got " + digits);
    }
  }

  public static Precision ofDigits(int digits) {
    return new Precision(digits);
  }

  /** Guard digits added to the requested digits for intermediate work. */
  public int guard() {
    return 12 + digits / 10;
  }

  /** Working precision in decimal digits. */
  public long working() {
    return (long) digits + guard();
  }

  /** Working precision in bits (for ball arithmetic): enough bits for {@link #working()} digits. */
  public int bits() {
    return (int) Math.ceil(working() * 3.321928094887362) + 4;
  }

  /** A precision with more requested digits (used to re-verify at higher precision). */
  public Precision raisedBy(int extraDigits) {
    return new Precision(Math.min(MAX_DIGITS, digits + extraDigits));
  }

  /** The value at working precision (an exact rational is rounded once). */
  public Apfloat real(Apfloat x) {
    if (x instanceof Aprational q) {
      // Numerator and denominator are taken exactly (precision >= their digit count), so the
      // division is the one rounding. (Not new Apfloat(BigInteger, ...): that radix conversion
      // costs about 0.2-1 ms per call; relabelling the Apint costs about 1 microsecond.)
      Apfloat num = q.numerator().precision(Math.max(working(), q.numerator().scale()));
      Apfloat den = q.denominator().precision(Math.max(working(), q.denominator().scale()));
      return num.divide(den).precision(working());
    }
    return x.precision(working());
  }

  public Apfloat real(long v) {
    return new Apfloat(v, working());
  }

  /** The value 10^-digits: half of it is the largest error allowed in a printed number. */
  public Apfloat epsilon() {
    return ApfloatMath.scale(new Apfloat(1, working()), -digits);
  }

  /** Rounds to the requested significant digits, for printing. */
  public Apfloat rounded(Apfloat x) {
    if (x.signum() == 0) {
      return x;
    }
    return ApfloatMath.round(x, digits, RoundingMode.HALF_EVEN);
  }

  /**
   * Decimal text of a value known to a RELATIVE error below 10^-digits (policies, entropies,
   * probabilities: quantities that stay accurate however small they get), to the requested
   * significant digits.
   */
  public String format(Apfloat x) {
    return Rationals.formatApprox(rounded(x));
  }

  /**
   * Decimal text of values known to an ABSOLUTE error, about 10^-working times the largest of
   * them (centered logits, scores, the eigenvalues of one matrix: differences of order-one
   * quantities, where cancellation leaves absolute accuracy only). Each is printed to the quantum
   * {@code 10^-digits · max(floor, max|x_i|)}, so no printed digit is rounding noise: a computed
   * -3e-67 for an exact zero prints as 0, and a value below half a quantum as 0 (or ±1 quantum
   * when it rounds up to it).
   */
  public List<String> formatAbsolute(Apfloat[] xs, Apfloat floor) {
    long top = floor.signum() == 0 ? 1 : floor.scale();
    for (Apfloat x : xs) {
      if (x.signum() != 0) {
        top = Math.max(top, x.scale());
      }
    }
    List<String> out = new ArrayList<>();
    for (Apfloat x : xs) {
      long sig = x.signum() == 0 ? 0 : digits - (top - x.scale());
      if (sig <= 0) {
        Apfloat quantum = ApfloatMath.scale(new Apfloat(1), top - digits);
        Apfloat half = quantum.multiply(new Apfloat("0.5"));
        if (x.signum() == 0 || ApfloatMath.abs(x).compareTo(half) <= 0) {
          out.add("0");
        } else {
          out.add(Rationals.formatApprox(x.signum() > 0 ? quantum : quantum.negate()));
        }
      } else {
        out.add(Rationals.formatApprox(ApfloatMath.round(x, sig, RoundingMode.HALF_EVEN)));
      }
    }
    return out;
  }

  /** One absolute-error value with floor 1 (see {@link #formatAbsolute(Apfloat[], Apfloat)}). */
  public String formatAbsolute(Apfloat x) {
    return formatAbsolute(new Apfloat[] {x}, new Apfloat(1)).get(0);
  }
}
