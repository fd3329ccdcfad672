package prefdyn.catalogue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import org.apfloat.Apfloat;
import org.apfloat.Aprational;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.num.Ball;
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

  /**
   * The margin enclosed by a ball: {@code [lo, hi]} = the ball's exact ends. A non-finite ball
   * (a division by an interval containing 0, a log of a ball reaching 0, an overflow) encloses
   * nothing useful: {@link #unknown} with that reason.
   */
  public static Margin of(Ball b, boolean strict, String detail) {
    Aprational l = b.lo();
    Aprational h = b.hi();
    if (!b.isFinite() || l == null || h == null) {
      return unknown("the enclosure is not finite (" + detail + ")", strict, detail);
    }
    return new Margin(l, h, strict, detail, "");
  }

  /**
   * The margin of an asserted equality {@code x = y}, given a certified enclosure {@code D} of the
   * difference {@code x - y}: {@code -dist(0, D)}, non-strict. When {@code D} contains 0 the margin
   * is exactly 0 and HOLDS, the detail saying {@code |difference| ≤ r} with {@code r = max(|lo|,
   * |hi|)} (the discrepancy is at most the certified r); when {@code D} excludes 0 it is
   * {@code -min(|lo|, |hi|) < 0}: VIOLATED, a proof that {@code x ≠ y}. A non-finite {@code D} is
   * {@link #unknown}, never "holds".
   */
  public static Margin equality(Ball difference, String detail) {
    Aprational l = difference.lo();
    Aprational h = difference.hi();
    if (!difference.isFinite() || l == null || h == null) {
      return unknown("the enclosure of the difference is not finite (" + detail + ")", false, detail);
    }
    if (l.signum() <= 0 && h.signum() >= 0) {
      Aprational r = Rationals.max((Aprational) l.negate(), h);
      return exact(Rationals.ZERO, false, detail + ": |difference| ≤ " + new Margin(r, r, false, "", "").formatHi(6));
    }
    Aprational dist = l.signum() > 0 ? l : (Aprational) h.negate();
    return exact((Aprational) dist.negate(), false,
        detail + ": difference in " + new Margin(l, h, false, "", "").formatEnclosure(6) + ", not 0");
  }

  // ---------------------------------------------------------------- algebra

  /**
   * The interval minimum: an enclosure of {@code min(a, b)} of the true margins, {@code [min(lo),
   * min(hi)]} (an unbounded lower end wins, an unbounded upper end loses), carrying the
   * <em>witness</em>'s detail: the entry with the worse verdict (VIOLATED before UNDECIDED before
   * HOLDS), among equals the smaller lower end (unbounded first), then the smaller upper end; ties
   * go to {@code a}.
   *
   * <p>Its verdict is the verdict of the conjunction "a and b": HOLDS iff both hold, VIOLATED iff
   * one is violated, else UNDECIDED. When the two differ in strictness the result takes the
   * witness's strictness, and when the conjunction is UNDECIDED its upper end is the witness's
   * (still an upper bound of the minimum, since min(a, b) ≤ witness): an enclosure
   * of mixed strictness cannot otherwise express the conjunction (proof in
   * proofs-notes/search.md).
   */
  public static Margin min(Margin a, Margin b) {
    Margin w = witnessOrder(b, a) < 0 ? b : a;
    Aprational lo = a.lo == null || b.lo == null ? null : Rationals.min(a.lo, b.lo);
    Aprational hi = a.hi == null ? b.hi : b.hi == null ? a.hi : Rationals.min(a.hi, b.hi);
    if (a.strict != b.strict && w.verdict() == Verdict.UNDECIDED) {
      hi = w.hi;
    }
    return new Margin(lo, hi, w.strict, w.detail, combinedReason(w, a, b, lo == null || hi == null));
  }

  /** The interval minimum of a non-empty list (see {@link #min(Margin, Margin)}): the conjunction. */
  public static Margin min(List<Margin> margins) {
    return margins.stream().reduce(Margin::min).orElseThrow(() -> new IllegalArgumentException("the minimum of no margins"));
  }

  /**
   * The interval maximum of two margins of the same strictness: {@code [max(lo), max(hi)]}, the
   * disjunction "a or b" (HOLDS iff one holds, VIOLATED iff both are). The witness is the entry
   * with the better verdict, among equals the larger upper end.
   */
  public static Margin max(Margin a, Margin b) {
    if (a.strict != b.strict) {
      throw new IllegalArgumentException("max of a strict and a non-strict margin: " + a.detail + " / " + b.detail);
    }
    Margin w = witnessOrder(b, a) > 0 ? b : a;
    Aprational lo = a.lo == null ? b.lo : b.lo == null ? a.lo : Rationals.max(a.lo, b.lo);
    Aprational hi = a.hi == null || b.hi == null ? null : Rationals.max(a.hi, b.hi);
    return new Margin(lo, hi, a.strict, w.detail, combinedReason(w, a, b, lo == null || hi == null));
  }

  /** The interval maximum of a non-empty list of margins of one strictness. */
  public static Margin max(List<Margin> margins) {
    return margins.stream().reduce(Margin::max).orElseThrow(() -> new IllegalArgumentException("the maximum of no margins"));
  }

  /**
   * Orders margins for witness selection: worse verdict first, then smaller lower end (unbounded
   * first), then smaller upper end (unbounded last). Negative when {@code x} comes before {@code y}.
   */
  static int witnessOrder(Margin x, Margin y) {
    int c = Integer.compare(rank(x.verdict()), rank(y.verdict()));
    if (c != 0) {
      return c;
    }
    c = compareLow(x.lo, y.lo);
    return c != 0 ? c : compareHigh(x.hi, y.hi);
  }

  private static int rank(Verdict v) {
    return switch (v) {
      case VIOLATED -> 0;
      case UNDECIDED, ERROR -> 1;
      case HOLDS -> 2;
    };
  }

  /** Compares lower ends, null meaning minus infinity. */
  private static int compareLow(@Nullable Aprational x, @Nullable Aprational y) {
    if (x == null || y == null) {
      return x == null ? (y == null ? 0 : -1) : 1;
    }
    return x.compareTo(y);
  }

  /** Compares upper ends, null meaning plus infinity. */
  private static int compareHigh(@Nullable Aprational x, @Nullable Aprational y) {
    if (x == null || y == null) {
      return x == null ? (y == null ? 0 : 1) : -1;
    }
    return x.compareTo(y);
  }

  private static String combinedReason(Margin w, Margin a, Margin b, boolean unbounded) {
    if (!w.reason.isEmpty()) {
      return w.reason;
    }
    if (!unbounded) {
      return "";
    }
    return !a.reason.isEmpty() ? a.reason : b.reason;
  }

  /**
   * The enclosure of the sum of the true margins, {@code [lo + other.lo, hi + other.hi]}; keeps this
   * margin's strictness and detail.
   */
  public Margin plus(Margin other) {
    Aprational l = lo == null || other.lo == null ? null : (Aprational) lo.add(other.lo);
    Aprational h = hi == null || other.hi == null ? null : (Aprational) hi.add(other.hi);
    return new Margin(l, h, strict, detail, joinReasons(reason, other.reason));
  }

  /** The enclosure of the difference, {@code [lo - other.hi, hi - other.lo]}; keeps this margin's strictness and detail. */
  public Margin minus(Margin other) {
    Aprational l = lo == null || other.hi == null ? null : (Aprational) lo.subtract(other.hi);
    Aprational h = hi == null || other.lo == null ? null : (Aprational) hi.subtract(other.lo);
    return new Margin(l, h, strict, detail, joinReasons(reason, other.reason));
  }

  /** This margin shifted by an exact rational. */
  public Margin plus(Aprational c) {
    return new Margin(lo == null ? null : (Aprational) lo.add(c), hi == null ? null : (Aprational) hi.add(c),
        strict, detail, reason);
  }

  /** This margin shifted down by an exact rational. */
  public Margin minus(Aprational c) {
    return plus((Aprational) c.negate());
  }

  /** This margin times a positive rational (the sign, hence the verdict, is kept). */
  public Margin scale(Aprational c) {
    if (c.signum() <= 0) {
      throw new IllegalArgumentException("scale factor must be positive, got " + c);
    }
    return new Margin(lo == null ? null : (Aprational) lo.multiply(c), hi == null ? null : (Aprational) hi.multiply(c),
        strict, detail, reason);
  }

  /** The same enclosure with another detail. */
  public Margin withDetail(String newDetail) {
    return new Margin(lo, hi, strict, newDetail, reason);
  }

  private static String joinReasons(String x, String y) {
    if (x.isEmpty() || x.equals(y)) {
      return y;
    }
    return y.isEmpty() ? x : x + "; " + y;
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
   * Text of the value: exact {@code p/q}; for an enclosure, only the digits it certifies (at most
   * the precision's digits; see {@link #formatCertified}); "unknown" when unbounded. The enclosure
   * itself is printed by {@link #formatLo}/{@link #formatHi}.
   */
  public String format(Precision precision) {
    if (isExact()) {
      return Rationals.format(value());
    }
    return formatCertified(precision.digits());
  }

  /**
   * A decimal {@code d} with at most {@code maxDigits} significant digits such that every point of
   * the enclosure lies within one unit of {@code d}'s last place (so the true margin does): the
   * midpoint rounded to the finest decimal quantum {@code 10^k} with {@code max(|lo - d|, |hi - d|)
   * < 10^k}. Trailing zeros are kept (they are certified); a value that rounds to zero prints as
   * {@code 0E-k}-style text ("0E-29"). "unknown" when the enclosure is unbounded.
   */
  public String formatCertified(int maxDigits) {
    if (lo == null || hi == null) {
      return "unknown";
    }
    if (lo.equals(hi) && lo.signum() == 0) {
      return "0";
    }
    // integer arithmetic throughout: lo = a/b, hi = c/e, midpoint = (ae + cb) / 2be
    BigInteger a = lo.numerator().toBigInteger();
    BigInteger b = lo.denominator().toBigInteger();
    BigInteger c = hi.numerator().toBigInteger();
    BigInteger e = hi.denominator().toBigInteger();
    BigDecimal midNum = new BigDecimal(a.multiply(e).add(c.multiply(b)));
    BigDecimal midDen = new BigDecimal(b.multiply(e).shiftLeft(1));
    long big = Math.max(log10Floor(a, b), log10Floor(c, e));
    long k = big - Math.max(1, maxDigits) + 1;
    BigInteger widthNum = c.multiply(b).subtract(a.multiply(e));
    if (widthNum.signum() > 0) {
      k = Math.max(k, log10Floor(widthNum, b.multiply(e)) - 2);
    }
    for (;; k++) {
      BigDecimal d = midNum.divide(midDen, (int) -k, RoundingMode.HALF_EVEN);
      BigInteger u = d.unscaledValue(); // d = u · 10^k
      if (withinUnit(a, b, u, k) && withinUnit(c, e, u, k)) {
        if (d.signum() == 0) {
          return "0E" + k;
        }
        long exp = d.precision() - d.scale() - 1;
        return exp > -30 && exp < 40 ? d.toPlainString() : d.toString();
      }
    }
  }

  /** Whether |x/y − u·10^k| < 10^k (y > 0), in integers. */
  private static boolean withinUnit(BigInteger x, BigInteger y, BigInteger u, long k) {
    if (k >= 0) {
      BigInteger p = BigInteger.TEN.pow((int) k);
      return x.subtract(u.multiply(y).multiply(p)).abs().compareTo(y.multiply(p)) < 0;
    }
    BigInteger p = BigInteger.TEN.pow((int) -k);
    return x.multiply(p).subtract(u.multiply(y)).abs().compareTo(y) < 0;
  }

  /** An integer within one of floor(log10 |x/y|) (y > 0; very negative for x = 0), from the decimal lengths. */
  private static long log10Floor(BigInteger x, BigInteger y) {
    if (x.signum() == 0) {
      return Integer.MIN_VALUE;
    }
    return (long) x.abs().toString().length() - y.toString().length();
  }

  /**
   * The enclosure as two strings {@code {lo, hi}}: for an exact margin both are its exact value
   * ({@code p/q}); otherwise decimals outward rounded to {@code digits} significant digits (lo down,
   * hi up), "-inf"/"inf" for an unbounded end.
   */
  public String[] enclosureText(int digits) {
    if (isExact()) {
      String v = Rationals.format(value());
      return new String[] {v, v};
    }
    return new String[] {formatLo(digits), formatHi(digits)};
  }

  /** {@link #enclosureText} as {@code [lo, hi]}. */
  public String formatEnclosure(int digits) {
    String[] e = enclosureText(digits);
    return "[" + e[0] + ", " + e[1] + "]";
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
    v = v.round(new MathContext(digits, mode));
    return v.stripTrailingZeros().toString();
  }

  /** Compares margins by representative value (for "smallest margin" bookkeeping). */
  public int compareValue(Margin other) {
    return value().compareTo(other.value());
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
    BigInteger u = d.unscaledValue();
    int sc = d.scale();
    if (sc <= 0) {
      return Rationals.of(u.multiply(BigInteger.TEN.pow(-sc)), BigInteger.ONE);
    }
    return Rationals.of(u, BigInteger.TEN.pow(sc));
  }
}
