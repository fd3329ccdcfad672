package prefdyn.properties;

import net.jqwik.api.Example;
import prefdyn.catalogue.L1;
import prefdyn.num.Precision;

/**
 * L1 (docs/theory.md section 2): the IPO closed form minimizes the population IPO loss. See
 * proofs-notes/L1.md. The generated instances and the wrong variants (2β, no π_ref) run in
 * {@link StatementProperties}; here: precision.
 */
class L1Properties {
  /** Holds at every precision the CLI accepts for check, with a certified (not just plausible) verdict. */
  @Example
  void holdsAtLowAndHighPrecision() {
    for (int d : new int[] {5, 6, 8, 10, 20, 200}) {
      Checks.assertHolds(L1.STATEMENT, L1.example(), Precision.ofDigits(d));
    }
  }
}
