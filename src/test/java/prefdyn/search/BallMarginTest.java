package prefdyn.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Objects;
import org.apfloat.Aprational;
import org.junit.jupiter.api.Test;
import prefdyn.catalogue.Margin;
import prefdyn.catalogue.Verdict;
import prefdyn.num.Ball;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;

/** Margins from balls (Margin.of, Margin.equality) and escalation on a real ball computation. */
class BallMarginTest {
  private static final int PREC = Precision.ofDigits(30).bits();

  @Test
  void aBallMarginIsItsEnclosure() {
    Ball third = Ball.of(Rationals.of(1, 3), PREC);
    Margin m = Margin.of(third, true, "1/3");
    assertEquals(Verdict.HOLDS, m.verdict());
    Aprational lo = Objects.requireNonNull(m.lo(), "a finite ball's margin is bounded");
    Aprational hi = Objects.requireNonNull(m.hi(), "a finite ball's margin is bounded");
    assertTrue(lo.compareTo(Rationals.of(1, 3)) <= 0 && Rationals.of(1, 3).compareTo(hi) <= 0);
    Margin whole = Margin.of(Ball.whole(), false, "nothing known");
    assertEquals(Verdict.UNDECIDED, whole.verdict());
    assertTrue(!whole.reason().isEmpty());
    // a ball straddling zero is undecided for both kinds of statement
    Ball straddle = Ball.of(Rationals.of(1, 3), PREC).sub(Ball.of(Rationals.of(1, 3), PREC), PREC);
    if (!straddle.isExact()) {
      assertEquals(Verdict.UNDECIDED, Margin.of(straddle, true, "0").verdict());
      assertEquals(Verdict.UNDECIDED, Margin.of(straddle, false, "0").verdict());
    }
  }

  @Test
  void aTrueIdentityHoldsWithItsCertifiedBound() {
    Ball x = Ball.of(Rationals.of(7, 5), PREC);
    Ball d = x.exp(PREC).log(PREC).sub(x, PREC); // log(exp x) - x = 0
    Margin m = Margin.equality(d, "log(exp x) - x");
    assertEquals(Verdict.HOLDS, m.verdict());
    assertTrue(m.detail().contains("|difference| ≤"), m.detail());
  }

  @Test
  void aWrongIdentityIsRejected() {
    // e = 2.718281828 is false; the enclosure of e - 2.718281828 excludes 0
    Aprational approx = Rationals.of(BigInteger.valueOf(2_718_281_828L), BigInteger.TEN.pow(9));
    Ball d = Ball.ONE.exp(PREC).sub(Ball.of(approx, PREC), PREC);
    Margin m = Margin.equality(d, "e - 2.718281828");
    assertEquals(Verdict.VIOLATED, m.verdict());
    assertTrue(Objects.requireNonNull(m.hi(), "a finite ball's margin is bounded").signum() < 0);
    assertEquals(Verdict.UNDECIDED, Margin.equality(Ball.whole(), "nothing").verdict());
  }

  @Test
  void aBallMarginNarrowsWithDigitsAndTheRunnerDecidesIt() {
    // e - 2.718281828459045235360287471352 ≈ 6.6e-31: undecided at 10 digits, decided after raising
    CheckResult r = CheckRunner.run(ToyStatements.E_ABOVE, 2, 1L, Precision.ofDigits(10));
    assertEquals(Verdict.HOLDS, r.status(), r.message());
    assertTrue(r.decidedDigits() > 10);
    assertEquals(2, r.raisedTries());
  }
}
