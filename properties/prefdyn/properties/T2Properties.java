package prefdyn.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Objects;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apfloat.Aprational;
import prefdyn.catalogue.Hypotheses;
import prefdyn.catalogue.Instance;
import prefdyn.gen.Matrices;
import prefdyn.catalogue.T2;
import prefdyn.catalogue.Verdict;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.sampler.Samplers;
import prefdyn.sampler.Witnesses;

/** T2 (docs/theory.md section 3): the max-margin sampler restores Smith-top. See proofs-notes/T2.md. */
class T2Properties {

  @Property(tries = 300)
  void maxMarginSamplerIsFullSupportAndSmithTop(@ForAll @Hypotheses("T2") Instance x) {
    Checks.assertHolds(T2.STATEMENT, x);
    Samplers.Result r = Samplers.solve(x.pref(), Samplers.Goal.SMITH_TOP);
    Samplers.Found f = (Samplers.Found) r;
    if (!f.vacuous()) {
      // the returned sampler keeps at least half the LP optimum, as the ε choice promises
      Aprational margin = Objects.requireNonNull(f.margin(), "a sampler that is not vacuous has a margin");
      Aprational lp = Objects.requireNonNull(f.lpOptimum(), "a sampler that is not vacuous has an LP optimum");
      assertTrue(margin.compareTo(lp.divide(Rationals.of(2))) >= 0);
      assertTrue(f.epsilon().compareTo(lp.divide(Rationals.ONE.add(lp))) < 0);
    }
  }

  /** The check can fail: uniform sampling on a T1 witness ranks the Condorcet winner below j. */
  @Example
  void uniformSamplerOnT1WitnessIsRejected() {
    Distribution u = Distribution.uniform(4);
    PreferenceMatrix w = Witnesses.t1(u).pref();
    assertEquals(Verdict.VIOLATED, T2.margin(w, u).verdict());
    Checks.assertHolds(T2.STATEMENT, Instance.of(w));
  }

  /** The check can fail: a sampler without full support is rejected even when it ranks correctly. */
  @Example
  void pointMassIsRejected() {
    Distribution u = Distribution.uniform(3);
    Witnesses.T1 w = Witnesses.t1(u);
    assertEquals(Verdict.VIOLATED, T2.margin(w.pref(), Distribution.point(3, w.j())).verdict());
  }

  /** 3-cycle: Smith set is everything; the goal is vacuous and reported so. */
  @Example
  void vacuousWhenSmithSetIsEverything() {
    PreferenceMatrix p = Matrices.threeCycle(Rationals.of(1, 4));
    Samplers.Found f = (Samplers.Found) Samplers.solve(p, Samplers.Goal.SMITH_TOP);
    assertTrue(f.vacuous());
    assertNull(f.margin());
    Checks.assertHolds(T2.STATEMENT, Instance.of(p));
  }

  /** Condorcet-top on a T1 witness: the LP sampler has an exact positive margin and a verified dual. */
  @Example
  void condorcetTopOnWitness() {
    PreferenceMatrix w = Witnesses.t1(Distribution.point(4, 3)).pref();
    Samplers.Found f = (Samplers.Found) Samplers.solve(w, Samplers.Goal.CONDORCET_TOP);
    Aprational m = f.margin();
    assertNotNull(m);
    assertTrue(m.signum() > 0 && f.sampler().interior());
  }
}
