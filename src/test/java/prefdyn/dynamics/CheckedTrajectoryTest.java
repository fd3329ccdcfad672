package prefdyn.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apfloat.Apfloat;
import org.junit.jupiter.api.Test;
import prefdyn.gen.Matrices;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;

/**
 * The certified trajectory on an expanding orbit: T6's 3-cycle P_a with a = 1/2, α = 1, β = 4, λ = 1
 * (ρ² = 1 + 4/3 > 1), from a start near uniform. Every printed digit is compared with an independent
 * run (the Apfloat closed form) at far more digits: the printed number is within one unit of its
 * last place of the reference. The same comparison rejects the digits of a plain run at the
 * requested precision (the orbit amplifies rounding, so the comparison can fail).
 */
class CheckedTrajectoryTest {
  static final long STEPS = 150;
  static final long EVERY = 10;
  static final int DIGITS = 30;

  static MrsParameters expanding() {
    return MrsParameters.ipo(Matrices.threeCycle(Rationals.HALF), Rationals.ONE, Rationals.ONE, Rationals.of(4));
  }

  static Distribution nearUniform() {
    return Distribution.of(Rationals.of(34, 100), Rationals.of(33, 100), Rationals.of(33, 100));
  }

  /** The reference policies and entropies at the traced rounds (Apfloat, {@code digits} digits). */
  static List<Apfloat[]> reference(int digits) {
    Precision p = Precision.ofDigits(digits);
    MrsMap map = new MrsMap(expanding(), p);
    Apfloat[] theta = map.logitsOf(nearUniform());
    List<Apfloat[]> out = new ArrayList<>();
    for (long t = 0; t <= STEPS; t++) {
      if (t > 0) {
        theta = map.apply(theta);
      }
      if (t % EVERY == 0) {
        Apfloat[] pi = LogitPolicy.policy(theta, p);
        Apfloat[] row = new Apfloat[pi.length + 1];
        System.arraycopy(pi, 0, row, 0, pi.length);
        row[pi.length] = LogitPolicy.entropy(theta, p);
        out.add(row);
      }
    }
    return out;
  }

  /** Whether the printed decimal is within one unit of its last place of the reference. */
  static boolean withinLastPlace(String printed, Apfloat ref) {
    BigDecimal p = new BigDecimal(printed);
    BigDecimal r = new BigDecimal(ref.toString(true));
    return p.subtract(r).abs().compareTo(p.ulp()) < 0;
  }

  static int disagreements(List<CheckedTrajectory.Point> trace, List<Apfloat[]> ref) {
    int bad = 0;
    for (int n = 0; n < trace.size(); n++) {
      CheckedTrajectory.Point pt = trace.get(n);
      Apfloat[] r = ref.get(n);
      for (int i = 0; i < 3; i++) {
        bad += withinLastPlace(pt.policy().get(i), r[i]) ? 0 : 1;
      }
      bad += withinLastPlace(pt.entropy(), r[3]) ? 0 : 1;
    }
    return bad;
  }

  @Test
  void everyPrintedDigitOfAnExpandingOrbitIsCorrect() {
    CheckedTrajectory.Result r = CheckedTrajectory.run(expanding(), nearUniform(), STEPS, EVERY,
        Precision.ofDigits(DIGITS), 0, null);
    assertTrue(r.complete());
    assertEquals(DIGITS, r.certifiedDigits());
    assertEquals(STEPS / EVERY + 1, r.trace().size());
    // the orbit is expanding: the first run's precision did not suffice, the restart chose more
    assertTrue(r.runs() >= 2, "runs " + r.runs());
    assertTrue(r.workingBits() > CheckedTrajectory.startBits(DIGITS, STEPS));
    assertEquals(0, disagreements(r.trace(), reference(400)));
  }

  @Test
  void theComparisonRejectsDigitsThatAreNotCorrect() {
    // the same orbit at 23 working digits (Apfloat, 10 digits + guard) printed to 30 digits: the
    // digits beyond the working precision are wrong, and the comparison says so
    Precision p = Precision.ofDigits(DIGITS);
    List<Apfloat[]> plain = reference(10);
    List<CheckedTrajectory.Point> printed = new ArrayList<>();
    for (int n = 0; n < plain.size(); n++) {
      List<String> pol = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        pol.add(p.format(plain.get(n)[i]));
      }
      printed.add(new CheckedTrajectory.Point(n * EVERY, pol, List.of(), p.format(plain.get(n)[3]), DIGITS));
    }
    assertTrue(disagreements(printed, reference(400)) > 0);
  }

  @Test
  void aConvergingOrbitNeedsOneRunAndKeepsItsDigits() {
    MrsParameters params = MrsParameters.ipo(Matrices.threeCycle(Rationals.of(1, 4)), Rationals.HALF, Rationals.ONE,
        Rationals.of(2));
    CheckedTrajectory.Result r = CheckedTrajectory.run(params, nearUniform(), 400, 0, Precision.ofDigits(40), 0, null);
    assertTrue(r.complete());
    assertEquals(1, r.runs());
    // the error bound stays at the rounding level of a contraction: far below 10^-40
    assertTrue(new BigDecimal(r.finalError()).compareTo(new BigDecimal("1e-45")) < 0, r.finalError());
  }

  @Test
  void uniformFixedPointPrintsExactZeroLogits() {
    CheckedTrajectory.Result r = CheckedTrajectory.run(expanding().withAlpha(Rationals.ZERO), Distribution.uniform(3), 5, 0,
        Precision.ofDigits(20), 0, null);
    assertEquals(List.of("0", "0", "0"), r.last().logits());
    assertFalse(r.last().policy().get(0).isEmpty());
  }
}
