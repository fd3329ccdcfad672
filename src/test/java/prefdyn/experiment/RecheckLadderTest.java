package prefdyn.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import prefdyn.dynamics.MrsParameters;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;

/**
 * The re-check on the one precision ladder ({@link Sweep#preciseOnLadder}): at α = 1 the map is
 * not a contraction, so over 3,000 rounds the orbit's error bound outgrows a 20-digit comparison
 * and the single-precision re-check is UNDECIDED; raising the digits decides it.
 */
class RecheckLadderTest {
  private static final Precision P = Precision.ofDigits(20);
  private static final long STEPS = 3000;

  @Test
  void anUndecidedRecheckIsDecidedHigherUp() {
    ExperimentMatrix m = SweepTest.threeCycle(Rationals.HALF);
    MrsParameters p = new MrsParameters(m.pref(), Rationals.ONE, Rationals.ONE, Rationals.ONE,
        Distribution.uniform(m.k()), Distribution.uniform(m.k()), MrsParameters.Method.IPO);
    double[] theta = new double[m.k()];
    Sweep.Run fast = Sweep.fast(0, 0, p, Distribution.uniform(m.k()), STEPS, theta);
    Sweep.Recheck once = Sweep.precise(p, Distribution.uniform(m.k()), STEPS, P, fast, theta, "sample");
    assertEquals(Sweep.Agreement.UNDECIDED, once.agreement(), "20 digits do not suffice: " + once);
    Sweep.Recheck laddered = Sweep.preciseOnLadder(p, Distribution.uniform(m.k()), STEPS, P, fast, theta, "sample");
    assertEquals(Sweep.Agreement.AGREES, laddered.agreement(), laddered.toString());
    // the recorded entropy keeps the requested digits, not the rung's
    assertTrue(laddered.entropy().precision() <= P.digits(), laddered.entropy().toString());
  }
}
