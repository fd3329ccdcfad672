package prefdyn.num;

import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The one "raise the precision until it decides" policy: try at the requested digits; while the
 * result is not settled, try again at twice the digits, the last step at the cap exactly. A result
 * still unsettled at the cap is returned as it is, and the rung says so. What "settled" means is
 * the caller's (a certified verdict, a certificate found, an enclosure narrow enough); a settled
 * result is never recomputed higher.
 *
 * @param capDigits the largest precision (decimal digits) tried
 */
public record PrecisionLadder(int capDigits) {
  /** The default cap is this many times the requested digits ... */
  public static final int FACTOR = 8;
  /** ... but at most this many digits (and never below the requested digits). */
  public static final int DEFAULT_MAX_DIGITS = 4000;

  /** @throws IllegalArgumentException when the cap is outside 1..{@link Precision#MAX_DIGITS} */
  public PrecisionLadder {
    if (capDigits < 1 || capDigits > Precision.MAX_DIGITS) {
      throw new IllegalArgumentException("the digits cap must be between 1 and " + Precision.MAX_DIGITS + ", got " + capDigits);
    }
  }

  /** The default cap for a run at {@code digits}: {@code max(digits, min(8·digits, 4000))}. */
  public static int defaultCap(int digits) {
    return (int) Math.max(digits, Math.min((long) FACTOR * digits, DEFAULT_MAX_DIGITS));
  }

  /** The ladder with the default cap for a run at {@code p}. */
  public static PrecisionLadder defaultFor(Precision p) {
    return new PrecisionLadder(defaultCap(p.digits()));
  }

  /**
   * The last result of the climb.
   *
   * @param value the result at the last precision tried
   * @param digits the digits of that precision (where it settled, or the cap)
   * @param capReached whether it is still unsettled at the cap
   * @param raised how many times the precision was raised
   */
  public record Rung<T>(T value, int digits, boolean capReached, int raised) {}

  /** Tries {@code attempt} from {@code start}, doubling the digits up to the cap until {@code settled}. */
  public <T> Rung<T> climb(Precision start, Function<Precision, T> attempt, Predicate<T> settled) {
    int digits = start.digits();
    Precision q = start;
    int raised = 0;
    while (true) {
      T value = attempt.apply(q);
      if (settled.test(value)) {
        return new Rung<>(value, digits, false, raised);
      }
      if (digits >= capDigits) {
        return new Rung<>(value, digits, true, raised);
      }
      digits = (int) Math.min((long) digits * 2, capDigits);
      q = Precision.ofDigits(digits);
      raised++;
    }
  }
}
