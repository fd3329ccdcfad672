package prefdyn.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apfloat.Aprational;
import prefdyn.catalogue.Catalogue;
import prefdyn.catalogue.Hypotheses;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Slot;
import prefdyn.catalogue.Statement;
import prefdyn.cli.CliRunner;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.properties.Checks;

/**
 * How a researcher states a conjecture of their own and tests it three ways: as a jqwik property,
 * with {@code prefdyn check}'s runner, and with the counterexample search (docs/adding-a-statement.md).
 *
 * <p>The conjecture: "with any full-support sampler, beating j by a majority gives i the higher
 * score, (Pμ)_i > (Pμ)_j". It is true for K = 2 ((Pμ)_i - (Pμ)_j = (μ_i + μ_j)(P_ij - 1/2)) and
 * false for K ≥ 3 (j may lose narrowly to i but crush everyone else).
 */
class UserConjectureExampleTest {
  /** Steps 1 and 2 are in {@link MyStatements}: the generator and the statement. */
  static final Statement MAJORITY = MyStatements.MAJORITY;

  static Arbitrary<Instance> instances(int minK, int maxK) {
    return MyStatements.instances(minK, maxK);
  }

  // Step 3: the provider MyStatements, named in META-INF/services/prefdyn.catalogue.StatementProvider,
  // puts it in the catalogue of every JVM with this classpath: `prefdyn check --theorem MY-MAJORITY`
  // and `prefdyn search --conjecture MY-MAJORITY` know it.
  @Example
  void theServiceLoaderPutsItInTheCatalogue() {
    assertSame(MAJORITY, Catalogue.require("MY-MAJORITY"));
    assertFalse(Catalogue.builtInStatements().contains(MAJORITY));
  }

  @Provide
  Arbitrary<Instance> twoResponses() {
    return instances(2, 2);
  }

  /** A jqwik property on the same statement: where the conjecture is true (K = 2), it holds. */
  @Property(tries = 200)
  void holdsForTwoResponses(@ForAll("twoResponses") Instance x) {
    Checks.assertHolds(MAJORITY, x);
  }

  /** {@code @Hypotheses(ID)} draws from a statement's own generator, a user's statement included. */
  @Property(tries = 50)
  void theHypothesesAnnotationDrawsFromTheStatement(@ForAll @Hypotheses("MY-MAJORITY") Instance x) {
    assertTrue(MAJORITY.admits(x), x.describe().toString());
  }

  /** The search finds a counterexample for K ≥ 3, and it checks out by hand. */
  @Example
  void theSearchFindsACounterexample() {
    SearchResult r = Search.run(MAJORITY, 5000, 1L, Precision.ofDigits(30));
    assertTrue(r.found());
    Instance x = r.counterexample();
    assertNotNull(x);
    assertTrue(MAJORITY.admits(x));
    // independent recomputation of the scores
    Distribution mu = x.get(Slot.SAMPLER);
    boolean failing = false;
    for (int i = 0; i < x.k(); i++) {
      for (int j = 0; j < x.k(); j++) {
        Aprational si = Rationals.ZERO;
        Aprational sj = Rationals.ZERO;
        for (int l = 0; l < x.k(); l++) {
          si = si.add(x.pref().exact(i, l).multiply(mu.exact(l)));
          sj = sj.add(x.pref().exact(j, l).multiply(mu.exact(l)));
        }
        failing |= x.pref().beats(i, j) && si.compareTo(sj) <= 0;
      }
    }
    assertTrue(failing, x.describe().toString());
    assertEquals(3, x.k(), "shrunk to the smallest K that fails");
  }

  /** The same from the command line (exit 1: a counterexample). */
  @Example
  void theCommandLineSearchFindsItToo() {
    CliRunner r = CliRunner.run("search", "--conjecture", "MY-MAJORITY", "--seed", "2", "--json", "--digits", "20");
    assertEquals(1, r.exitCode(), r.err());
    assertTrue(r.out().contains("\"found\" : true"));
  }
}
