package prefdyn.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import prefdyn.catalogue.Catalogue;
import prefdyn.catalogue.Statement;
import prefdyn.num.Precision;

class CheckRunnerTest {
  private static final Precision P = Precision.ofDigits(20);

  @Test
  void aTrueStatementHolds() {
    CheckResult r = CheckRunner.run(ToyStatements.HOLDS, 200, 7L, P);
    assertEquals(CheckStatus.HOLDS, r.status());
    assertEquals(200, r.tries());
    assertNotNull(r.minMargin());
    assertTrue(r.minMargin().value().signum() >= 0);
  }

  @Test
  void aFalseStatementIsViolatedAndTheOffendingInstanceIsReproducibleFromItsSeed() {
    Statement c6 = Catalogue.require("C6");
    CheckResult r = CheckRunner.run(c6, 500, 3L, P);
    assertEquals(CheckStatus.VIOLATED, r.status());
    assertNotNull(r.offending());
    assertEquals(r.offending(), CheckRunner.replay(c6, r.offendingSeed()));
    assertTrue(c6.check(r.offending(), P).value().signum() <= 0);
  }

  @Test
  void aTinyApproximateMarginIsUndecidedAtLowPrecisionAndDecidedWhenRaised() {
    CheckResult low = CheckRunner.run(ToyStatements.TINY, 3, 1L, Precision.ofDigits(10));
    assertEquals(CheckStatus.UNDECIDED, low.status(), "10 and 50 digits cannot see 10^-60");
    // 30 digits is undecided too, but the runner re-checks at 30 + 40 = 70 digits and decides
    CheckResult high = CheckRunner.run(ToyStatements.TINY, 3, 1L, Precision.ofDigits(30));
    assertEquals(CheckStatus.HOLDS, high.status());
  }

  @Test
  void rareViolationsEscapeRandomSampling() {
    // the box has probability about 1e-4 per draw: random checking misses it (the search does not)
    CheckResult r = CheckRunner.run(ToyStatements.BOX, 300, 11L, P);
    assertEquals(CheckStatus.HOLDS, r.status());
  }

  @Test
  void resultsDependOnlyOnTheSeedNotOnThreadsOrOrder() {
    List<Statement> xs = List.of(ToyStatements.HOLDS, Catalogue.require("C7"), ToyStatements.BOX);
    List<CheckResult> one = CheckRunner.run(xs, new CheckRunner.Options(60, 42L, P, 1, 0), CheckRunner.Progress.NONE);
    List<CheckResult> two = CheckRunner.run(List.of(xs.get(2), xs.get(1), xs.get(0)),
        new CheckRunner.Options(60, 42L, P, 2, 0), CheckRunner.Progress.NONE);
    for (int i = 0; i < 3; i++) {
      CheckResult a = one.get(i);
      CheckResult b = two.get(2 - i);
      assertEquals(a.status(), b.status());
      assertEquals(a.tries(), b.tries());
      assertEquals(a.statementSeed(), b.statementSeed());
      assertEquals(a.offending(), b.offending());
      assertEquals(a.minMargin() == null ? null : a.minMargin().value(), b.minMargin() == null ? null : b.minMargin().value());
    }
    CheckResult other = CheckRunner.run(ToyStatements.HOLDS, 60, 43L, P);
    assertTrue(other.statementSeed() != one.get(0).statementSeed());
  }

  @Test
  void seedsDependOnIdAndRunSeed() {
    assertTrue(Seeds.forStatement(1, "T6") != Seeds.forStatement(1, "T7"));
    assertTrue(Seeds.forStatement(1, "T6") != Seeds.forStatement(2, "T6"));
    assertEquals(Seeds.forStatement(5, "C3"), Seeds.forStatement(5, "C3"));
  }
}
