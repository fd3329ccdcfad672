package prefdyn.search;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apfloat.Apint;
import org.apfloat.Aprational;
import prefdyn.num.Rationals;

/**
 * Simple fractions near a rational: the shrinker's replacement candidates and the search's grid.
 * Candidates are the continued-fraction convergents of x (its best rational approximations, in
 * order of growing denominator) together with the nearest fractions p/d for every small d; all
 * have a smaller denominator than x, and come sorted by denominator, then by distance to x.
 */
public final class Fractions {
  /** Every denominator up to this is tried as a grid, besides the convergents. */
  public static final int SMALL_DENOMINATORS = 12;

  private Fractions() {}

  /** Simpler fractions than x (smaller denominator), simplest first. */
  public static List<Aprational> simpler(Aprational x) {
    BigInteger den = x.denominator().toBigInteger();
    Set<Aprational> out = new LinkedHashSet<>(convergents(x));
    for (int d = 1; d <= SMALL_DENOMINATORS && BigInteger.valueOf(d).compareTo(den) < 0; d++) {
      out.add(nearest(x, d));
    }
    List<Aprational> list = new ArrayList<>();
    for (Aprational q : out) {
      if (q.denominator().toBigInteger().compareTo(den) < 0) {
        list.add(q);
      }
    }
    list.sort(Comparator.<Aprational, BigInteger>comparing(q -> q.denominator().toBigInteger())
        .thenComparing(q -> q.subtract(x).signum() == 0 ? Rationals.ZERO : abs(q.subtract(x))));
    return list;
  }

  /** The continued-fraction convergents of x (the last one is x itself). */
  public static List<Aprational> convergents(Aprational x) {
    List<Aprational> out = new ArrayList<>();
    BigInteger num = x.numerator().toBigInteger();
    BigInteger den = x.denominator().toBigInteger();
    BigInteger h0 = BigInteger.ONE, h1 = BigInteger.ZERO; // h_{-1}, h_{-2}
    BigInteger k0 = BigInteger.ZERO, k1 = BigInteger.ONE;
    while (den.signum() != 0 && out.size() < 64) {
      BigInteger[] qr = floorDivMod(num, den);
      BigInteger a = qr[0];
      BigInteger h = a.multiply(h0).add(h1);
      BigInteger k = a.multiply(k0).add(k1);
      out.add(Rationals.of(h, k));
      h1 = h0;
      h0 = h;
      k1 = k0;
      k0 = k;
      num = den;
      den = qr[1];
    }
    return out;
  }

  /** The multiple of 1/d nearest to x (ties toward the smaller). */
  public static Aprational nearest(Aprational x, long d) {
    Aprational scaled = x.multiply(new Apint(d));
    Apint floor = scaled.floor();
    Aprational frac = scaled.subtract(floor);
    Apint n = frac.compareTo(Rationals.HALF) > 0 ? floor.add(new Apint(1)) : floor;
    return new Aprational(n, new Apint(d));
  }

  /** Clamps into [lo, hi]. */
  public static Aprational clamp(Aprational x, Aprational lo, Aprational hi) {
    return x.compareTo(lo) < 0 ? lo : x.compareTo(hi) > 0 ? hi : x;
  }

  public static Aprational abs(Aprational x) {
    return x.signum() < 0 ? x.negate() : x;
  }

  public static boolean isInteger(Aprational x) {
    return x.denominator().equals(new Apint(1));
  }

  /** Least common denominator of the entries. */
  public static BigInteger lcd(Aprational[] xs) {
    BigInteger l = BigInteger.ONE;
    for (Aprational q : xs) {
      BigInteger d = q.denominator().toBigInteger();
      l = l.divide(l.gcd(d)).multiply(d);
    }
    return l;
  }

  private static BigInteger[] floorDivMod(BigInteger a, BigInteger b) {
    BigInteger[] qr = a.divideAndRemainder(b);
    if (qr[1].signum() != 0 && (qr[1].signum() != b.signum())) {
      qr[0] = qr[0].subtract(BigInteger.ONE);
      qr[1] = qr[1].add(b);
    }
    return qr;
  }

  /**
   * The distribution rounded to multiples of 1/d, summing to exactly 1 (largest remainders get
   * the leftover units; zero entries stay zero).
   */
  public static Aprational[] roundToGrid(Aprational[] p, long d) {
    int k = p.length;
    long[] units = new long[k];
    Aprational[] frac = new Aprational[k];
    long used = 0;
    Apint dd = new Apint(d);
    for (int i = 0; i < k; i++) {
      Aprational scaled = p[i].multiply(dd);
      Apint f = scaled.floor();
      units[i] = f.longValue();
      frac[i] = scaled.subtract(f);
      used += units[i];
    }
    Integer[] idx = new Integer[k];
    for (int i = 0; i < k; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> frac[b].compareTo(frac[a]) != 0 ? frac[b].compareTo(frac[a]) : Integer.compare(a, b));
    for (int r = 0; r < d - used && r < k; r++) {
      units[idx[r]]++;
    }
    Aprational[] out = new Aprational[k];
    for (int i = 0; i < k; i++) {
      out[i] = Rationals.of(units[i], d);
    }
    return out;
  }
}
