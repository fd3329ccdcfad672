package prefdyn.properties;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import prefdyn.catalogue.Catalogue;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Kind;
import prefdyn.catalogue.Slot;
import prefdyn.catalogue.Statement;
import prefdyn.catalogue.WrongVariant;
import prefdyn.gen.Draw;
import prefdyn.search.CheckResult;
import prefdyn.search.CheckRunner;

/**
 * The one property class that runs every statement of the catalogue the same way; the per-theorem
 * classes keep only their extra examples. For every built-in entry:
 *
 * <ul>
 *   <li>a paper, proved or empirical statement holds (certified) on its own generator, at its
 *       declared tries, from a seed of its own (not the one {@code prefdyn check} uses);
 *   <li>it is never VIOLATED at low precision (it may only be UNDECIDED there: the runner raises the
 *       digits);
 *   <li>every deliberately wrong variant it declares is certifiably VIOLATED on its witness, where
 *       the statement itself holds (every property can fail);
 *   <li>its instances carry only the slots it declares, and its proof note exists.
 * </ul>
 */
class StatementProperties {
  /** The suite's seed (the check's default seed is 260212180: these draws are others). */
  private static final long SEED = 20261130L;

  private static Stream<Statement> statements() {
    return Catalogue.builtInStatements().stream();
  }

  private static Stream<Statement> theorems() {
    return statements().filter(s -> s.kind() != Kind.CONJECTURE);
  }

  @TestFactory
  Stream<DynamicTest> everyStatementHoldsOnItsHypotheses() {
    return theorems().map(s -> DynamicTest.dynamicTest(s.id(), () -> {
      CheckResult r = CheckRunner.run(s, s.defaultTries(), SEED, Checks.SUITE);
      Instance offending = r.offending();
      assertTrue(r.holds(), s.id() + " is " + r.status().label() + ": " + r.message()
          + (offending == null ? "" : " on " + offending.describe()));
    }));
  }

  @TestFactory
  Stream<DynamicTest> neverViolatedAtLowPrecision() {
    int[] digits = {5, 6, 8, 10, 20};
    return theorems().map(s -> DynamicTest.dynamicTest(s.id(), () -> {
      List<Instance> xs = Draw.samples(s.hypotheses(), new Random(SEED), Draw.GEN_SIZE, Math.min(5, s.defaultTries()));
      for (int i = 0; i < xs.size(); i++) {
        DynamicsFixtures.neverViolated(s, xs.get(i), digits[i % digits.length]);
      }
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyWrongVariantIsViolated() {
    List<DynamicTest> out = new ArrayList<>();
    statements().forEach(s -> {
      for (WrongVariant w : s.wrongVariants()) {
        out.add(DynamicTest.dynamicTest(w.toString(), () -> {
          Instance x = w.witness().get();
          Checks.assertHolds(s, x);
          Checks.assertViolated(w.statement(), x, Checks.SUITE);
        }));
      }
    });
    return out.stream();
  }

  @TestFactory
  Stream<DynamicTest> instancesCarryTheDeclaredSlots() {
    return statements().map(s -> DynamicTest.dynamicTest(s.id(), () -> {
      Set<Slot<?>> declared = new HashSet<>(s.slots());
      for (Instance x : Draw.samples(s.hypotheses(), new Random(SEED), Draw.GEN_SIZE, 10)) {
        for (Slot<?> slot : x.slots()) {
          assertTrue(declared.contains(slot), s.id() + " does not declare the slot " + slot + " its generator sets");
        }
      }
      assertFalse(s.proofNote().isEmpty(), s.id() + " names no proof note");
      assertTrue(Files.isRegularFile(Path.of(s.proofNote())), s.id() + ": no file " + s.proofNote());
    }));
  }
}
