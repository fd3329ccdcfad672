package prefdyn.num;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;

/** A complex number {@code re + i·im} over {@link Apfloat} (eigenvalues of real matrices). */
public record Complex(Apfloat re, Apfloat im) {
  public static Complex real(Apfloat re) {
    return new Complex(re, new Apfloat(0));
  }

  /** {@code |z| = sqrt(re² + im²)} at the precision's working digits. */
  public Apfloat modulus(Precision p) {
    Apfloat r = p.real(re);
    Apfloat i = p.real(im);
    Apfloat s = r.multiply(r).add(i.multiply(i));
    return s.signum() == 0 ? s : ApfloatMath.sqrt(s.precision(p.working()));
  }

  @Override
  public String toString() {
    return re.toString(true) + (im.signum() < 0 ? " - " : " + ") + ApfloatMath.abs(im).toString(true) + "i";
  }
}
