package prefdyn.num;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.apfloat.Apfloat;
import org.apfloat.Apint;
import org.apfloat.Aprational;

/**
 * Exact rationals ({@link Aprational}): constants, the number syntax of the CLI contract
 * (integers, decimals, fractions), and output formatting.
 */
public final class Rationals {
  public static final Aprational ZERO = new Aprational(new Apint(0));
  public static final Aprational ONE = new Aprational(new Apint(1));
  public static final Aprational HALF = new Aprational(new Apint(1), new Apint(2));

  private Rationals() {}

  public static Aprational of(long n) {
    return new Aprational(new Apint(n));
  }

  public static Aprational of(long num, long den) {
    if (den == 0) {
      throw new ArithmeticException("zero denominator");
    }
    return new Aprational(new Apint(num), new Apint(den));
  }

  public static Aprational of(BigInteger num, BigInteger den) {
    return new Aprational(new Apint(num), new Apint(den));
  }

  /**
   * Parses an integer ({@code 3}, {@code -2}), a decimal ({@code 0.75}, {@code .5}, {@code 1e-3},
   * read as the exact fraction it spells) or a fraction ({@code 3/4}, {@code -1/2}).
   *
   * @throws NumberFormatException naming the text when it is none of these (parsers add the location)
   */
  private static boolean isInteger(String s) {
    try {
      new BigInteger(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  public static Aprational parse(String text) {
    String t = text.strip();
    if (t.isEmpty()) {
      throw new NumberFormatException("empty number");
    }
    int slash = t.indexOf('/');
    if (slash >= 0 && isInteger(t.substring(slash + 1).strip()) && new BigInteger(t.substring(slash + 1).strip()).signum() == 0) {
      throw new NumberFormatException("'" + text + "' has a zero denominator");
    }
    try {
      if (slash >= 0) {
        BigInteger num = new BigInteger(t.substring(0, slash).strip());
        BigInteger den = new BigInteger(t.substring(slash + 1).strip());
        return of(num, den);
      }
      BigDecimal d = new BigDecimal(t);
      BigInteger unscaled = d.unscaledValue();
      int scale = d.scale();
      if (scale <= 0) {
        return of(unscaled.multiply(BigInteger.TEN.pow(-scale)), BigInteger.ONE);
      }
      return of(unscaled, BigInteger.TEN.pow(scale));
    } catch (NumberFormatException | ArithmeticException e) {
      throw new NumberFormatException("'" + text + "' is not a number (use an integer, a decimal such as 0.75, or a fraction such as 3/4)");
    }
  }

  /** Exact text: {@code "p/q"}, or an integer. */
  public static String format(Aprational q) {
    if (q.denominator().equals(ONE.numerator())) {
      return q.numerator().toString(true);
    }
    return q.numerator().toString(true) + "/" + q.denominator().toString(true);
  }

  /** Decimal text of an approximate value, as printed (plain notation unless very large/small). */
  public static String formatApprox(Apfloat x) {
    if (x.signum() == 0) {
      return "0";
    }
    long scale = x.scale();
    if (scale > -30 && scale < 40) {
      return x.toString(true);
    }
    return x.toString(false);
  }

  public static Aprational min(Aprational a, Aprational b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  public static Aprational max(Aprational a, Aprational b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** A double approximation (for the fast path and plots only, never for decisions). */
  public static double toDouble(Apfloat x) {
    return x.doubleValue();
  }
}
