package prefdyn.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apfloat.Aprational;
import prefdyn.catalogue.Catalogue;
import prefdyn.catalogue.Hypotheses;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Statement;
import prefdyn.gen.Matrices;
import prefdyn.num.Rationals;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.pref.Structure;
import prefdyn.sampler.ExactLp;
import prefdyn.sampler.OrderSearch;
import prefdyn.sampler.Samplers;
import prefdyn.sampler.Witnesses;

/** T4 and T4b (docs/theory.md section 3): order preservation by sampling. See proofs-notes/T4.md. */
class T4Properties {
  static final Statement T4 = Catalogue.require("T4");
  static final Statement T4B = Catalogue.require("T4b");
  static final Statement C3 = Catalogue.require("C3");

  @Provide
  Arbitrary<PreferenceMatrix> transitive() {
    return Matrices.transitive(2, 5);
  }

  /** The witness, under every relabelling, has no order-preserving sampler: γ* = -77/3952, certificate verified. */
  @Property(tries = 24, edgeCases = EdgeCasesMode.NONE)
  void witnessHasNoOrderSampler(@ForAll @Hypotheses("T4") Instance x) {
    assertEquals(Rationals.of(77, 3952), Checks.assertHolds(T4, x).value());
  }

  /** The witness is what the seeded search finds (seed 1), not typed in from nowhere. */
  @Example
  void witnessIsTheSearchResult() {
    OrderSearch.Found f = OrderSearch.findWithoutOrderSampler(4, 1, 5_000, 10).orElseThrow();
    assertEquals(Witnesses.t4(), f.pref());
    assertEquals(11, f.tries());
  }

  @Property(tries = 200)
  void k3HasOrderPreservingSampler(@ForAll @Hypotheses("T4b") Instance x) {
    Checks.assertHolds(T4B, x);
    Checks.assertHolds(C3, x); // the LP agrees: γ* > 0
  }

  /** Every order LP outcome carries a certificate that the independent checker accepts. */
  @Property(tries = 100)
  void orderLpCertificatesVerify(@ForAll("transitive") PreferenceMatrix p) {
    Samplers.Result r = Samplers.solve(p, Samplers.Goal.ORDER);
    if (r instanceof Samplers.NoSampler no) {
      assertNull(ExactLp.verify(no.problem(), no.certificate()));
      assertTrue(p.k() >= 4, "K = 3 always has a sampler (T4b)");
    } else {
      Samplers.Found f = (Samplers.Found) r;
      Aprational margin = f.margin();
      assertTrue(f.sampler().interior() && margin != null && margin.signum() > 0);
    }
  }

  /** The checker rejects a tampered certificate. */
  @Example
  void tamperedCertificateIsRejected() {
    OrderSearch.Found f = OrderSearch.findWithoutOrderSampler(4, 1, 5_000, 10).orElseThrow();
    Samplers.NoSampler no = f.certificate();
    Aprational[] y = no.certificate().multipliers().clone();
    assertNull(ExactLp.verifyFarkas(no.problem(), y));
    for (int r = 0; r < y.length; r++) {
      Aprational[] negative = y.clone();
      negative[r] = Rationals.ONE.negate();
      assertNotNull(ExactLp.verifyFarkas(no.problem(), negative), "negative multiplier must be rejected");
      // every row has a positive coefficient (column i: P_ii - P_ji > 0), so a huge multiplier on it
      // makes a combined coefficient positive
      Aprational[] huge = y.clone();
      huge[r] = huge[r].add(Rationals.of(1_000_000));
      assertNotNull(ExactLp.verifyFarkas(no.problem(), huge), "inflated multiplier must be rejected");
    }
    Aprational[] zero = y.clone();
    java.util.Arrays.fill(zero, Rationals.ZERO);
    assertNotNull(ExactLp.verifyFarkas(no.problem(), zero), "the zero combination proves nothing");
  }

  /** The check can fail: a strictly SST K = 4 matrix has an order-preserving sampler (T3). */
  @Example
  void sstMatrixIsRejectedByT4() {
    PreferenceMatrix p = Matrices.bradleyTerry(List.of(8, 4, 2, 1));
    Checks.assertViolated(T4, Instance.of(p), Checks.SUITE);
  }

  /** The search is deterministic in its seed and finds transitive matrices only. */
  @Example
  void searchIsSeeded() {
    Optional<OrderSearch.Found> a = OrderSearch.findWithoutOrderSampler(4, 3, 5_000, 10);
    Optional<OrderSearch.Found> b = OrderSearch.findWithoutOrderSampler(4, 3, 5_000, 10);
    assertEquals(a.orElseThrow().pref(), b.orElseThrow().pref());
    assertTrue(Structure.isTransitive(a.orElseThrow().pref()));
  }
}
