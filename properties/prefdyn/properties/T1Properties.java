package prefdyn.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import prefdyn.catalogue.Hypotheses;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.T1;
import prefdyn.catalogue.Slot;
import prefdyn.catalogue.Margin;
import prefdyn.catalogue.Verdict;
import prefdyn.gen.Matrices;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.pref.Structure;
import prefdyn.sampler.Witnesses;

/** T1 (docs/theory.md section 3): fixed sampling fails all three desiderata. See proofs-notes/T1.md. */
class T1Properties {

  /** Every generated μ (point masses, two-point, uniform, interior, sparse) gets a working witness. */
  @Property(tries = 300)
  void witnessBreaksAllThree(@ForAll @Hypotheses("T1") Instance x) {
    Margin m = Checks.assertHolds(T1.STATEMENT, x);
    Witnesses.T1 w = Witnesses.t1(x.get(Slot.SAMPLER));
    assertEquals(w.c(), Structure.condorcetWinner(x.pref()).getAsInt());
    assertTrue(Structure.isTransitive(x.pref()));
    // the margin is exactly R/2 - ε = R/4
    assertEquals(w.residual().divide(Rationals.of(4)), m.value());
  }

  /** The check can fail: a strictly SST matrix keeps its winner on top under uniform sampling (T3). */
  @Example
  void sstMatrixIsNotAWitness() {
    PreferenceMatrix p = Matrices.bradleyTerry(java.util.List.of(5, 3, 2, 1));
    Checks.assertViolated(T1.STATEMENT, Instance.of(p).with(Slot.SAMPLER, Distribution.uniform(4)).with(Slot.BETA, Rationals.ONE), Checks.SUITE);
  }

  /** The check can fail: the witness for one μ is no witness for another. */
  @Example
  void witnessIsSamplerSpecific() {
    Distribution mu = Distribution.point(3, 2);
    Witnesses.T1 w = Witnesses.t1(mu); // c = 0, j = 1, R = 1
    Distribution onWinner = Distribution.point(3, w.c());
    assertEquals(Verdict.VIOLATED, T1.margin(w.pref(), onWinner).verdict());
  }
}
