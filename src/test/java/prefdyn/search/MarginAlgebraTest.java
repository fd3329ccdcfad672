package prefdyn.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apfloat.Aprational;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.junit.jupiter.api.Test;
import prefdyn.catalogue.Margin;
import prefdyn.catalogue.Verdict;
import prefdyn.num.Rationals;

/** The verdict rules of an enclosure and the margin algebra (catalogue.Margin). */
class MarginAlgebraTest {
  private static Aprational q(long n, long d) {
    return Rationals.of(n, d);
  }

  private static Margin enc(long lo, long hi, boolean strict) {
    return Margin.enclosure(q(lo, 1), q(hi, 1), strict, "[" + lo + "," + hi + "]" + (strict ? "s" : ""));
  }

  @Test
  void verdictsAtTheBoundaries() {
    // non-strict (margin >= 0): holds iff lo >= 0, violated iff hi < 0
    assertEquals(Verdict.HOLDS, enc(0, 0, false).verdict());
    assertEquals(Verdict.HOLDS, enc(0, 1, false).verdict());
    assertEquals(Verdict.UNDECIDED, enc(-1, 0, false).verdict());
    assertEquals(Verdict.UNDECIDED, enc(-1, 1, false).verdict());
    assertEquals(Verdict.VIOLATED, enc(-2, -1, false).verdict());
    // strict (margin > 0): holds iff lo > 0, violated iff hi <= 0
    assertEquals(Verdict.VIOLATED, enc(0, 0, true).verdict());
    assertEquals(Verdict.UNDECIDED, enc(0, 1, true).verdict());
    assertEquals(Verdict.VIOLATED, enc(-1, 0, true).verdict());
    assertEquals(Verdict.UNDECIDED, enc(-1, 1, true).verdict());
    assertEquals(Verdict.HOLDS, enc(1, 2, true).verdict());
    // unbounded ends
    assertEquals(Verdict.UNDECIDED, Margin.unknown("gave up", true, "x").verdict());
    assertEquals(Verdict.UNDECIDED, Margin.unknown("gave up", false, "x").verdict());
    assertEquals(Verdict.HOLDS, new Margin(q(1, 2), null, true, "x", "").verdict());
    assertEquals(Verdict.VIOLATED, new Margin(null, q(-1, 2), false, "x", "").verdict());
    assertThrows(IllegalArgumentException.class, () -> Margin.enclosure(q(1, 1), q(0, 1), true, "empty"));
  }

  @Test
  void anEnclosureStraddlingZeroIsNeverAVerdict() {
    Random rng = new Random(5);
    for (int i = 0; i < 400; i++) {
      Aprational lo = q(-1 - rng.nextInt(1_000_000), 1 + rng.nextInt(1_000_000_000));
      Aprational hi = q(1 + rng.nextInt(1_000_000), 1 + rng.nextInt(1_000_000_000));
      for (boolean strict : new boolean[] {true, false}) {
        Margin m = Margin.enclosure(lo, hi, strict, "straddles");
        assertEquals(Verdict.UNDECIDED, m.verdict());
        // nor after the algebra: min with anything that is not violated, shifts by 0, positive scaling
        assertTrue(Margin.min(m, enc(1, 2, strict)).verdict() == Verdict.UNDECIDED);
        assertEquals(Verdict.UNDECIDED, m.scale(q(3, 7)).verdict());
        assertEquals(Verdict.UNDECIDED, m.plus(Margin.exact(Rationals.ZERO, strict, "0")).verdict());
      }
    }
  }

  /** A pool of margins: every enclosure with ends in {-2..2} (and unbounded), both strictnesses. */
  private static List<Margin> pool() {
    List<Margin> out = new ArrayList<>();
    @Nullable Integer[] ends = {null, -2, -1, 0, 1, 2};
    for (boolean strict : new boolean[] {true, false}) {
      for (Integer lo : ends) {
        for (Integer hi : ends) {
          if (lo != null && hi != null && lo > hi) {
            continue;
          }
          out.add(new Margin(lo == null ? null : q(lo, 1), hi == null ? null : q(hi, 1), strict,
              "m" + out.size(), lo == null || hi == null ? "unbounded " + out.size() : ""));
        }
      }
    }
    return out;
  }

  private static int rank(Verdict v) {
    return v == Verdict.VIOLATED ? 0 : v == Verdict.UNDECIDED ? 1 : 2;
  }

  /** Points of an enclosure to stand for "the true value" (its ends, the midpoint, far points when unbounded). */
  private static List<Aprational> points(Margin m) {
    List<Aprational> out = new ArrayList<>();
    Aprational lo = m.lo();
    Aprational hi = m.hi();
    out.add(lo != null ? lo : q(-100, 1));
    out.add(hi != null ? hi : q(100, 1));
    out.add((Aprational) out.get(0).add(out.get(1)).divide(q(2, 1)));
    return out;
  }

  private static boolean contains(Margin m, Aprational t) {
    Aprational lo = m.lo();
    Aprational hi = m.hi();
    return (lo == null || lo.compareTo(t) <= 0) && (hi == null || t.compareTo(hi) <= 0);
  }

  @Test
  void theMinimumIsSoundAndItsVerdictIsTheConjunction() {
    List<Margin> pool = pool();
    for (Margin a : pool) {
      for (Margin b : pool) {
        Margin m = Margin.min(a, b);
        // the verdict of the minimum is that of "a and b"
        Verdict worse = rank(a.verdict()) <= rank(b.verdict()) ? a.verdict() : b.verdict();
        assertEquals(worse, m.verdict(), a + " min " + b + " = " + m);
        // the witness: its detail is that of an entry with the conjunction's verdict
        Margin w = m.detail().equals(a.detail()) ? a : b;
        assertEquals(m.verdict(), w.verdict(), a + " min " + b + " = " + m);
        // soundness: min of any true values lies in the enclosure
        for (Aprational ta : points(a)) {
          for (Aprational tb : points(b)) {
            assertTrue(contains(m, Rationals.min(ta, tb)), a + " min " + b + " = " + m);
          }
        }
        if (a.strict() == b.strict()) {
          Aprational alo = a.lo();
          Aprational blo = b.lo();
          assertEquals(alo == null || blo == null ? null : Rationals.min(alo, blo), m.lo());
        }
        // an unbounded result says why
        if (m.lo() == null || m.hi() == null) {
          assertTrue(!m.reason().isEmpty(), m.toString());
        }
      }
    }
  }

  @Test
  void theMinimumOfAListCarriesTheWitnessDetail() {
    Margin a = Margin.exact(q(3, 1), true, "a: 3");
    Margin b = Margin.enclosure(q(1, 10), q(2, 10), true, "b: about 0.15");
    Margin c = Margin.enclosure(q(1, 20), q(9, 1), true, "c: wide");
    Margin m = Margin.min(List.of(a, b, c));
    assertEquals(q(1, 20), m.lo());
    assertEquals(q(2, 10), m.hi());
    assertEquals("c: wide", m.detail(), "the smallest lower end is the witness among holding entries");
    assertEquals(Verdict.HOLDS, m.verdict());
    Margin d = Margin.enclosure(q(-1, 10), q(1, 10), true, "d: undecided");
    assertEquals("d: undecided", Margin.min(List.of(a, b, d, c)).detail());
    Margin e = Margin.exact(q(0, 1), true, "e: tie, violated");
    Margin all = Margin.min(List.of(a, b, d, c, e));
    assertEquals("e: tie, violated", all.detail());
    assertEquals(Verdict.VIOLATED, all.verdict());
    Margin u = Margin.unknown("no fixed point", true, "u");
    Margin withU = Margin.min(List.of(a, u));
    assertNull(withU.lo());
    assertEquals(q(3, 1), withU.hi());
    assertEquals("no fixed point", withU.reason());
    assertThrows(IllegalArgumentException.class, () -> Margin.min(List.of()));
  }

  @Test
  void maxIsTheDisjunction() {
    List<Margin> pool = pool();
    for (Margin a : pool) {
      for (Margin b : pool) {
        if (a.strict() != b.strict()) {
          assertThrows(IllegalArgumentException.class, () -> Margin.max(a, b));
          continue;
        }
        Margin m = Margin.max(a, b);
        Verdict better = rank(a.verdict()) >= rank(b.verdict()) ? a.verdict() : b.verdict();
        assertEquals(better, m.verdict(), a + " max " + b + " = " + m);
        for (Aprational ta : points(a)) {
          for (Aprational tb : points(b)) {
            assertTrue(contains(m, Rationals.max(ta, tb)));
          }
        }
      }
    }
  }

  @Test
  void plusMinusAndScaleAreSound() {
    // strictness plays no part in the arithmetic: the non-strict half of the pool suffices
    List<Margin> pool = pool().stream().filter(m -> !m.strict()).toList();
    for (Margin a : pool) {
      for (Margin b : pool) {
        Margin s = a.plus(b);
        Margin d = a.minus(b);
        for (Aprational ta : points(a)) {
          for (Aprational tb : points(b)) {
            assertTrue(contains(s, (Aprational) ta.add(tb)), a + " + " + b + " = " + s);
            assertTrue(contains(d, (Aprational) ta.subtract(tb)), a + " - " + b + " = " + d);
          }
        }
        assertEquals(a.strict(), s.strict());
        assertEquals(a.detail(), s.detail());
      }
      Margin k = a.scale(q(5, 2));
      assertEquals(a.verdict(), k.verdict(), "scaling by a positive number keeps the verdict");
      for (Aprational t : points(a)) {
        assertTrue(contains(k, (Aprational) t.multiply(q(5, 2))));
      }
      assertEquals(a.plus(q(1, 3)).lo(), a.minus(q(-1, 3)).lo());
    }
    assertThrows(IllegalArgumentException.class, () -> enc(0, 1, true).scale(q(0, 1)));
    assertThrows(IllegalArgumentException.class, () -> enc(0, 1, true).scale(q(-1, 1)));
  }

  private static Aprational parse(String s) {
    if (s.contains("/") || !s.matches(".*[.eE].*")) {
      return Rationals.parse(s);
    }
    BigDecimal d = new BigDecimal(s);
    return d.scale() <= 0 ? Rationals.of(d.toBigIntegerExact(), java.math.BigInteger.ONE)
        : Rationals.of(d.unscaledValue(), java.math.BigInteger.TEN.pow(d.scale()));
  }

  @Test
  void printedEnclosuresAreOutwardAndPrintedValuesCertified() {
    Random rng = new Random(11);
    for (int i = 0; i < 100; i++) {
      long den = 1 + rng.nextInt(1_000_000_000);
      Aprational lo = q(rng.nextInt(2_000_001) - 1_000_000, den);
      Aprational w = Rationals.of(java.math.BigInteger.valueOf(rng.nextInt(1000)),
          java.math.BigInteger.TEN.pow(rng.nextInt(40)).multiply(java.math.BigInteger.valueOf(den)));
      Aprational hi = (Aprational) lo.add(w);
      Margin m = Margin.enclosure(lo, hi, rng.nextBoolean(), "x");
      int digits = 3 + rng.nextInt(30);
      String[] e = m.enclosureText(digits);
      assertTrue(parse(e[0]).compareTo(lo) <= 0, e[0] + " <= " + lo);
      assertTrue(parse(e[1]).compareTo(hi) >= 0, e[1] + " >= " + hi);
      // the verdict read off the printed enclosure never contradicts the margin's
      Margin printed = Margin.enclosure(parse(e[0]), parse(e[1]), m.strict(), "printed");
      if (printed.verdict() != Verdict.UNDECIDED) {
        assertEquals(m.verdict(), printed.verdict());
      }
      // certified value: every point of [lo, hi] within one unit of the last printed place
      String c = m.formatCertified(digits);
      BigDecimal d = new BigDecimal(c);
      Aprational unit = d.scale() >= 0 ? Rationals.of(java.math.BigInteger.ONE, java.math.BigInteger.TEN.pow(d.scale()))
          : Rationals.of(java.math.BigInteger.TEN.pow(-d.scale()), java.math.BigInteger.ONE);
      Aprational dq = parse(c);
      assertTrue(Fractions.abs((Aprational) lo.subtract(dq)).compareTo(unit) < 0, c + " vs " + lo);
      assertTrue(Fractions.abs((Aprational) hi.subtract(dq)).compareTo(unit) < 0, c + " vs " + hi);
      assertTrue(d.precision() <= digits || d.signum() == 0, c);
    }
    Margin exact = Margin.exact(q(1, 3), true, "third");
    assertEquals(List.of("1/3", "1/3"), List.of(exact.enclosureText(10)), "lo = hi when exact");
    Margin unknown = Margin.unknown("why", false, "x");
    assertEquals(List.of("-inf", "inf"), List.of(unknown.enclosureText(10)));
    assertEquals("unknown", unknown.formatCertified(10));
  }
}
