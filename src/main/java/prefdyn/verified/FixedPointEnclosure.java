package prefdyn.verified;

import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.num.Ball;

/**
 * A fixed-point certificate: when {@link #certified()}, the map has exactly one fixed point in
 * {@code box} and it lies in {@code enclosure} (⊂ box). Otherwise {@code failure} says why no
 * certificate was found (that is not a proof that there is no fixed point).
 *
 * @param enclosure balls containing the fixed point
 * @param box the region in which the fixed point is unique
 * @param contraction an enclosure of the norm bound used (Krawczyk: {@code ||I - R(I - DF(X))||_∞};
 *     contraction: {@code sup_X ||DF||_∞}); null when not reached
 * @param method "krawczyk" or "contraction"
 * @param failure the reason when not certified
 */
public record FixedPointEnclosure(Ball @Nullable [] enclosure, Ball @Nullable [] box, @Nullable Ball contraction,
    String method, @Nullable String failure) {
  static FixedPointEnclosure failed(String method, @Nullable Ball contraction, String reason) {
    return new FixedPointEnclosure(null, null, contraction, method, reason);
  }

  public boolean certified() {
    return enclosure != null && box != null;
  }

  /** The enclosure; throws if not certified (check {@link #certified()} first). */
  public Ball[] theta() {
    return Bounds.present(enclosure, "no fixed-point certificate", failure);
  }

  /** The largest radius of the enclosure (double upper bound). */
  public double radius() {
    Ball[] e = enclosure;
    if (e == null) {
      return Double.POSITIVE_INFINITY;
    }
    double r = 0;
    for (Ball b : e) {
      r = Math.max(r, b.radUpper());
    }
    return r;
  }
}
