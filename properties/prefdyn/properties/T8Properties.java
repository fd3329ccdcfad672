package prefdyn.properties;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static prefdyn.properties.DynamicsFixtures.q;

import net.jqwik.api.Example;
import prefdyn.catalogue.DynamicsStatements;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Slot;
import prefdyn.catalogue.T8;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.pref.Sst;
import prefdyn.pref.Structure;

/**
 * T8: α = 1, strictly SST: the top response's log-odds grow every round and the entropy collapses.
 * The generated instances and the wrong claim for the second response run in
 * {@link StatementProperties}; here: the check rejects a matrix outside the hypotheses.
 */
class T8Properties {
  @Example
  void rejectsATransitiveMatrixThatIsNotSst() {
    // 0 ▷ 1 ▷ 2 but P_12 = 99/100 > P_02 = 11/20: row 0 does not dominate row 1 at column 2
    PreferenceMatrix p = DynamicsStatements.matrix(100, new long[][] {{50, 51, 55}, {49, 50, 99}, {45, 1, 50}});
    assertFalse(Structure.sst(p) == Sst.STRICT);
    Instance x = Instance.of(p).with(Slot.ALPHA, Rationals.ONE).with(Slot.LAMBDA, Rationals.ONE).with(Slot.BETA, q(2, 1))
        .with(Slot.REF, Distribution.uniform(3)).with(Slot.PI0, Distribution.uniform(3)).with(Slot.INIT, DynamicsStatements.dist(100, 1, 1, 98));
    assertFalse(T8.STATEMENT.admits(x));
    Checks.assertViolated(T8.STATEMENT, x, Checks.SUITE);
  }
}
