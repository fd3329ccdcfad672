package prefdyn.sampler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.apfloat.Aprational;
import org.junit.jupiter.api.Test;
import prefdyn.num.Rationals;

class ExactLpTest {
  static Aprational q(long n, long d) {
    return Rationals.of(n, d);
  }

  static Aprational[] v(Aprational... xs) {
    return xs;
  }

  static ExactLp.Row row(String name, ExactLp.Sense s, Aprational rhs, Aprational... c) {
    return new ExactLp.Row(name, c, s, rhs);
  }

  @Test
  void smallOptimumWithDualCertificate() {
    // max x + y s.t. x + 2y <= 4, 3x + y <= 6: optimum (8/5, 6/5), value 14/5
    ExactLp.Problem lp = new ExactLp.Problem(List.of("x", "y"), v(q(1, 1), q(1, 1)), List.of(
        row("a", ExactLp.Sense.LE, q(4, 1), q(1, 1), q(2, 1)),
        row("b", ExactLp.Sense.LE, q(6, 1), q(3, 1), q(1, 1))));
    ExactLp.Optimal o = assertInstanceOf(ExactLp.Optimal.class, ExactLp.solve(lp));
    assertEquals(q(14, 5), o.value());
    assertArrayEquals(v(q(8, 5), q(6, 5)), o.x());
    assertNull(ExactLp.verify(lp, o));
    // a wrong dual is rejected
    assertNotNull(ExactLp.verify(lp, new ExactLp.Optimal(o.value(), o.x(), v(q(1, 1), q(0, 1)))));
  }

  /** Beale's example, which cycles under Dantzig's rule; Bland's rule terminates at -5/4 (min). */
  @Test
  void bealeDoesNotCycle() {
    ExactLp.Problem lp = new ExactLp.Problem(List.of("x4", "x5", "x6", "x7"),
        v(q(3, 4), q(-20, 1), q(1, 2), q(-6, 1)), List.of(
        row("r1", ExactLp.Sense.LE, q(0, 1), q(1, 4), q(-8, 1), q(-1, 1), q(9, 1)),
        row("r2", ExactLp.Sense.LE, q(0, 1), q(1, 2), q(-12, 1), q(-1, 2), q(3, 1)),
        row("r3", ExactLp.Sense.LE, q(1, 1), q(0, 1), q(0, 1), q(1, 1), q(0, 1))));
    ExactLp.Optimal o = assertInstanceOf(ExactLp.Optimal.class, ExactLp.solve(lp));
    assertEquals(q(5, 4), o.value());
    assertNull(ExactLp.verify(lp, o));
  }

  @Test
  void infeasibleGivesVerifiedFarkas() {
    // x + y >= 2, x + y <= 1, equality x - y = 0
    ExactLp.Problem lp = new ExactLp.Problem(List.of("x", "y"), v(q(0, 1), q(0, 1)), List.of(
        row("ge", ExactLp.Sense.GE, q(2, 1), q(1, 1), q(1, 1)),
        row("le", ExactLp.Sense.LE, q(1, 1), q(1, 1), q(1, 1)),
        row("eq", ExactLp.Sense.EQ, q(0, 1), q(1, 1), q(-1, 1))));
    ExactLp.Infeasible inf = assertInstanceOf(ExactLp.Infeasible.class, ExactLp.solve(lp));
    assertNull(ExactLp.verify(lp, inf));
    // negative right sides (rows flipped inside the solver) too
    ExactLp.Problem neg = new ExactLp.Problem(List.of("x"), v(q(1, 1)), List.of(row("n", ExactLp.Sense.LE, q(-1, 1), q(1, 1))));
    assertNull(ExactLp.verify(neg, assertInstanceOf(ExactLp.Infeasible.class, ExactLp.solve(neg))));
  }

  @Test
  void unboundedGivesVerifiedRay() {
    ExactLp.Problem lp = new ExactLp.Problem(List.of("x", "y"), v(q(1, 1), q(0, 1)), List.of(
        row("a", ExactLp.Sense.LE, q(1, 1), q(1, 1), q(-1, 1)),
        row("b", ExactLp.Sense.EQ, q(3, 1), q(1, 1), q(1, 1)),
        row("c", ExactLp.Sense.GE, q(-5, 1), q(1, 1), q(-2, 1))));
    // x + y = 3 bounds x: optimum, not unbounded
    assertInstanceOf(ExactLp.Optimal.class, ExactLp.solve(lp));
    ExactLp.Problem open = new ExactLp.Problem(List.of("x", "y"), v(q(1, 1), q(0, 1)), List.of(
        row("a", ExactLp.Sense.LE, q(1, 1), q(1, 1), q(-1, 1))));
    ExactLp.Unbounded u = assertInstanceOf(ExactLp.Unbounded.class, ExactLp.solve(open));
    assertNull(ExactLp.verify(open, u));
  }

  @Test
  void redundantEqualitiesAreHandled() {
    ExactLp.Problem lp = new ExactLp.Problem(List.of("x", "y"), v(q(1, 1), q(2, 1)), List.of(
        row("s1", ExactLp.Sense.EQ, q(1, 1), q(1, 1), q(1, 1)),
        row("s2", ExactLp.Sense.EQ, q(2, 1), q(2, 1), q(2, 1))));
    ExactLp.Optimal o = assertInstanceOf(ExactLp.Optimal.class, ExactLp.solve(lp));
    assertEquals(q(2, 1), o.value());
    assertNull(ExactLp.verify(lp, o));
  }
}
