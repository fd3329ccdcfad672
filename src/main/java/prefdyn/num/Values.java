package prefdyn.num;

import org.apfloat.Apfloat;
import org.apfloat.Aprational;

/** Small helpers over values that may be exact ({@link Aprational}) or approximate. */
public final class Values {
  private Values() {}

  public static boolean isExact(Apfloat x) {
    return x instanceof Aprational;
  }

  /** Exact text for exact values, decimal text at the given precision otherwise. */
  public static String format(Apfloat x, Precision precision) {
    if (x instanceof Aprational q) {
      return Rationals.format(q);
    }
    return precision.format(x);
  }
}
