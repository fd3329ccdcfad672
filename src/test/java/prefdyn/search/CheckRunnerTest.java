package prefdyn.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Objects;
import org.apfloat.Aprational;
import org.junit.jupiter.api.Test;
import prefdyn.catalogue.Catalogue;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Margin;
import prefdyn.catalogue.Statement;
import prefdyn.catalogue.Verdict;
import prefdyn.num.InvalidParameter;
import prefdyn.num.Precision;

class CheckRunnerTest {
  private static final Precision P = Precision.ofDigits(20);

  @Test
  void aTrueStatementHolds() {
    CheckResult r = CheckRunner.run(ToyStatements.HOLDS, 200, 7L, P);
    assertEquals(Verdict.HOLDS, r.status());
    assertEquals(200, r.tries());
    Margin min = r.minMargin();
    assertNotNull(min);
    assertTrue(min.value().signum() >= 0);
  }

  @Test
  void aFalseStatementIsViolatedAndTheOffendingInstanceIsReproducibleFromItsSeed() {
    Statement c6 = Catalogue.require("C6");
    CheckResult r = CheckRunner.run(c6, 500, 3L, P);
    assertEquals(Verdict.VIOLATED, r.status());
    Instance offending = r.offending();
    assertNotNull(offending);
    assertEquals(offending, CheckRunner.replay(c6, r.offendingSeed()));
    assertTrue(c6.check(offending, P).value().signum() <= 0);
  }

  @Test
  void anUndecidedMarginIsRaisedByDoublingTheDigitsUntilDecided() {
    // 10^-60 ± 10^-D: undecided at 10, 20 and 40 digits, holds at 80 (the default cap of 10 digits)
    CheckResult r = CheckRunner.run(ToyStatements.TINY, 3, 1L, Precision.ofDigits(10));
    assertEquals(Verdict.HOLDS, r.status(), r.message());
    assertEquals(80, r.decidedDigits());
    assertEquals(80, r.capDigits());
    assertEquals(3, r.raisedTries());
    assertFalse(r.capReached());
    assertEquals(Verdict.HOLDS, Objects.requireNonNull(r.minMargin()).verdict());
    // the same with a cap of 40 digits: undecided, and the result says the cap was reached
    CheckResult capped = CheckRunner.run(List.of(ToyStatements.TINY), new CheckRunner.Options(3, 1L, Precision.ofDigits(10), 1, 40),
        CheckRunner.Progress.NONE).get(0);
    assertEquals(Verdict.UNDECIDED, capped.status());
    assertTrue(capped.capReached());
    assertEquals(3, capped.undecidedTries());
    assertEquals(40, capped.capDigits());
    assertTrue(capped.message().contains("cap of 40 digits"), capped.message());
    // a decided margin is not re-checked: 70 digits decides at once
    CheckResult direct = CheckRunner.run(ToyStatements.TINY, 3, 1L, Precision.ofDigits(70));
    assertEquals(Verdict.HOLDS, direct.status());
    assertEquals(70, direct.decidedDigits());
    assertEquals(0, direct.raisedTries());
  }

  @Test
  void theEscalationStepsDoubleAndEndAtTheCap() {
    Escalation e = new Escalation(100);
    Escalation.Decision d = e.decide(ToyStatements.STRADDLE, ToyStatements.two(), Precision.ofDigits(15));
    // 15, 30, 60, 100
    assertEquals(100, d.digits());
    assertEquals(3, d.raised());
    assertTrue(d.capReached());
    assertEquals(Verdict.UNDECIDED, d.verdict());
    assertEquals(160, Escalation.defaultCap(20));
    assertEquals(4000, Escalation.defaultCap(1000));
    assertEquals(5000, Escalation.defaultCap(5000), "never below the requested digits");
    assertThrows(InvalidParameter.class, () -> Escalation.of(Precision.ofDigits(50), 40));
  }

  @Test
  void aMarginThatNeverDecidesReportsTheCapAndIsNeverAVerdict() {
    for (int digits : new int[] {5, 10, 33}) {
      CheckResult r = CheckRunner.run(ToyStatements.STRADDLE, 2, 1L, Precision.ofDigits(digits));
      assertEquals(Verdict.UNDECIDED, r.status());
      assertTrue(r.capReached());
      assertEquals(Escalation.defaultCap(digits), r.capDigits());
      Margin m = r.minMargin();
      assertNotNull(m);
      Aprational lo = m.lo();
      Aprational hi = m.hi();
      assertTrue(lo != null && lo.signum() < 0 && hi != null && hi.signum() > 0, "the enclosure straddles zero");
      assertEquals(Verdict.UNDECIDED, m.verdict());
    }
  }

  @Test
  void aCheckThatThrowsOrGivesUpIsUndecidedWithTheReason() {
    CheckResult t = CheckRunner.run(ToyStatements.THROWS, 3, 1L, P);
    assertEquals(Verdict.UNDECIDED, t.status());
    assertEquals(3, t.tries(), "an undecided try does not stop the run");
    assertTrue(t.message().contains("ArithmeticException: solver diverged"), t.message());
    Margin tm = t.minMargin();
    assertNotNull(tm);
    assertTrue(tm.reason().contains("solver diverged"));
    CheckResult u = CheckRunner.run(ToyStatements.UNKNOWN, 2, 1L, P);
    assertEquals(Verdict.UNDECIDED, u.status());
    assertTrue(u.message().contains("iteration cap hit"), u.message());
  }

  @Test
  void theSmallestMarginIsTheIntervalMinimumAndAgreesWithTheStatus() {
    for (Statement s : List.of(ToyStatements.HOLDS, ToyStatements.BOX, Catalogue.require("C6"), Catalogue.require("C7"),
        ToyStatements.STRADDLE, ToyStatements.TINY)) {
      CheckResult r = CheckRunner.run(s, 40, 9L, P);
      Margin m = r.minMargin();
      assertNotNull(m);
      Verdict expected = switch (r.status()) {
        case HOLDS -> Verdict.HOLDS;
        case VIOLATED -> Verdict.VIOLATED;
        default -> Verdict.UNDECIDED;
      };
      assertEquals(expected, m.verdict(), s.id());
    }
  }

  @Test
  void rareViolationsEscapeRandomSampling() {
    // the box has probability about 1e-4 per draw: random checking misses it (the search does not)
    CheckResult r = CheckRunner.run(ToyStatements.BOX, 300, 11L, P);
    assertEquals(Verdict.HOLDS, r.status());
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
      Margin am = a.minMargin();
      Margin bm = b.minMargin();
      assertEquals(am == null ? null : am.value(), bm == null ? null : bm.value());
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
