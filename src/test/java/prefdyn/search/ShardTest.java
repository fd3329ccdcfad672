package prefdyn.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import prefdyn.catalogue.Verdict;
import prefdyn.catalogue.Catalogue;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Statement;
import prefdyn.io.ParseError;
import prefdyn.num.InvalidParameter;
import prefdyn.num.Precision;

/** The shards of a check (statement, try) and of a search (units) combine into the unsharded run. */
class ShardTest {
  private static final Precision P = Precision.ofDigits(20);

  @Test
  void unitsAreSplitByResidue() {
    Shard s = Shard.parse("2/3");
    assertTrue(s.owns(1) && s.owns(4) && !s.owns(0) && !s.owns(2));
    assertEquals("2/3", s.toString());
    for (String bad : List.of("0/3", "4/3", "x", "3", "1/0", "a/b", "")) {
      assertThrows(InvalidParameter.class, () -> Shard.parse(bad), bad);
    }
  }

  /** Everything of a check result but the time (and the instance object: compared by its description). */
  private static List<Object> key(CheckResult r) {
    List<Object> k = new ArrayList<>(List.of(r.statement().id(), r.status(), r.tries(), r.plannedTries(),
        String.valueOf(r.minMargin()), r.offendingTry(), r.offendingSeed(), String.valueOf(r.offendingMargin()),
        r.message(), r.decidedDigits(), r.raisedTries(), r.undecidedTries()));
    Instance offending = r.offending();
    k.add(offending == null ? "-" : offending.describe());
    return k;
  }

  @Test
  void checkShardsMergeIntoTheUnshardedResults() {
    ToyStatements.register();
    List<Statement> xs = List.of(Catalogue.require("T1"), Catalogue.require("C1"), ToyStatements.STRADDLE,
        ToyStatements.THROWS, ToyStatements.TINY);
    CheckRunner.Options o = new CheckRunner.Options(12, 7L, P, 2, 0);
    List<CheckResult> whole = CheckRunner.run(xs, o, CheckRunner.Progress.NONE);
    for (int n : new int[] {1, 3, 5}) {
      List<List<TryOutcome>> collected = new ArrayList<>();
      xs.forEach(s -> collected.add(new ArrayList<>()));
      for (int i = 1; i <= n; i++) {
        List<CheckRunner.StatementShard> part = CheckRunner.runShard(xs, o, new Shard(i, n), CheckRunner.Progress.NONE);
        for (int k = 0; k < xs.size(); k++) {
          collected.get(k).addAll(part.get(k).outcomes());
        }
      }
      for (int k = 0; k < xs.size(); k++) {
        CheckResult merged = CheckRunner.merge(xs.get(k), o, 12, collected.get(k));
        assertEquals(key(whole.get(k)), key(merged), "n = " + n);
      }
    }
    assertEquals(Verdict.VIOLATED, whole.get(1).status(), "C1 stops early: the cut is exercised");
  }

  @Test
  void aMissingOrDuplicatedTryIsRejected() {
    Statement s = Catalogue.require("T1");
    CheckRunner.Options o = new CheckRunner.Options(6, 7L, P, 1, 0);
    List<TryOutcome> one = CheckRunner.runShard(List.of(s), o, new Shard(1, 2), CheckRunner.Progress.NONE).get(0).outcomes();
    assertThrows(ParseError.class, () -> CheckRunner.merge(s, o, 6, one));
    List<TryOutcome> twice = new ArrayList<>(one);
    twice.addAll(one);
    assertThrows(ParseError.class, () -> CheckRunner.merge(s, o, 6, twice));
  }

  @Test
  void searchShardsCombineIntoTheUnshardedSearch() {
    ToyStatements.register();
    Search.Options o = Search.Options.of(5000, 1L, P);
    SearchResult whole = Search.run(ToyStatements.BOX, o, Search.Progress.NONE);
    List<Search.UnitResult> units = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      units.addAll(Search.runShard(ToyStatements.BOX, o, new Shard(i, 3), Search.Progress.NONE));
    }
    units.sort(java.util.Comparator.comparingLong(Search.UnitResult::index));
    Search.Combined c = Search.combine(units, 5000);
    assertEquals(whole.found(), c.found() >= 0);
    assertEquals(whole.evaluations(), c.evaluations());
    assertEquals(whole.restarts(), c.restarts());
    if (whole.found()) {
      assertEquals(Objects.requireNonNull(whole.finding().counterexample()).describe(),
          Objects.requireNonNull(units.get(c.found()).finding().counterexample()).describe());
      assertEquals(whole.finding().margin(), units.get(c.found()).finding().margin());
    }
    assertThrows(ParseError.class, () -> Search.combine(units.subList(1, units.size()), 5000), "unit 0 missing");
  }
}
