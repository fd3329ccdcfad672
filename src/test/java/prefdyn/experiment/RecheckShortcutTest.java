package prefdyn.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.checkerframework.checker.nullness.qual.Nullable;
import org.junit.jupiter.api.Test;
import prefdyn.dynamics.BallOrbit;
import prefdyn.dynamics.MrsMap;
import prefdyn.dynamics.MrsParameters;
import prefdyn.num.Ball;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;

/** The re-check's early end: the invariant ball of {@link BallOrbit#invariant} (proofs-notes/recheck.md). */
class RecheckShortcutTest {
  private static final Precision P = Precision.ofDigits(20);

  private static MrsParameters params(ExperimentMatrix m, String alpha, String beta) {
    return new MrsParameters(m.pref(), Rationals.parse(alpha), Rationals.ONE, Rationals.parse(beta),
        Distribution.uniform(m.k()), Distribution.uniform(m.k()), MrsParameters.Method.IPO);
  }

  private static BallOrbit orbit(MrsParameters params, Distribution start) {
    MrsMap map = new MrsMap(params, P);
    return new BallOrbit(map, map.logitsOfBalls(start, P.bits(), "--init"), P.bits());
  }

  /** Rounds until the first certificate (the orbit is left just after it), or null within {@code rounds}. */
  private static BallOrbit.@Nullable Invariant firstInvariant(BallOrbit o, int rounds) {
    for (int t = 1; t <= rounds; t++) {
      o.step();
      BallOrbit.Invariant inv = o.invariant(Sweep.INVARIANT_RADIUS);
      if (inv != null) {
        return inv;
      }
    }
    return null;
  }

  /**
   * Whether every later round's enclosure {@code m_s ± e_s} (2-norm) meets the ball
   * {@code B(center, radius)}, as it must when θ_s lies in both: {@code ||m_s - center||_2 <= radius + e_s}.
   */
  private static boolean laterRoundsMeet(BallOrbit o, BallOrbit.Invariant inv, Ball radius, int rounds) {
    Ball[] c = inv.center();
    for (int s = 0; s < rounds; s++) {
      Ball[] m = o.box();
      Ball dist2 = Ball.ZERO;
      for (int i = 0; i < c.length; i++) {
        Ball d = m[i].midpoint().sub(c[i], 128);
        dist2 = dist2.add(d.sqr(128), 128);
      }
      Ball reach = radius.add(o.error(), 128);
      // ||m_s - c||^2 > (R + e_s)^2 for sure: the ball was not invariant
      if (dist2.sub(reach.sqr(128), 128).isPositive()) {
        return false;
      }
      o.step();
    }
    return true;
  }

  @Test
  void aConvergingOrbitIsCertifiedToStayInItsBallAndDoesSo() {
    MrsParameters p = params(SweepTest.sst(), "1/2", "1");
    BallOrbit o = orbit(p, Distribution.uniform(3));
    BallOrbit.Invariant inv = firstInvariant(o, 3000);
    assertNotNull(inv, "a contraction near the fixed point (T7) must be certified");
    assertTrue(o.t() < 300, "certified only after " + o.t() + " rounds");
    assertTrue(inv.radius().sub(Ball.ONE.mulPow2(-64), 64).isNonPositive());
    assertTrue(laterRoundsMeet(o, inv, inv.radius(), 500));
  }

  @Test
  void aTooSmallBallIsLeftByTheOrbitSoTheCheckCanFail() {
    // the same check against a ball 2^40 times smaller than certified (far below the next step's
    // move and the orbit's own error) must fail: the property above is not vacuous
    MrsParameters p = params(SweepTest.threeCycle(Rationals.of(1, 4)), "1/2", "1");
    BallOrbit o = orbit(p, Distribution.of(Rationals.of(34, 100), Rationals.of(33, 100), Rationals.of(33, 100)));
    for (int t = 1; t <= 20; t++) {
      o.step();
    }
    // a ball around the current midpoints of radius 2^-100: not invariant (the orbit still moves by ~1e-3)
    Ball[] c = o.box();
    for (int i = 0; i < c.length; i++) {
      c[i] = c[i].midpoint();
    }
    BallOrbit.Invariant inv = new BallOrbit.Invariant(c, Ball.ONE.mulPow2(-100), o.t());
    assertNull(o.invariant(Sweep.INVARIANT_RADIUS), "the orbit still moves: no certificate");
    assertFalse(laterRoundsMeet(o, inv, inv.radius(), 50));
  }

  @Test
  void anOscillatingOrbitIsNeverCertified() {
    // T6: a = 1/2, α = 9/10, β = 3, ρ > 1: the fixed point repels, the orbit cycles
    MrsParameters p = params(SweepTest.threeCycle(Rationals.HALF), "9/10", "3");
    BallOrbit o = orbit(p, Distribution.of(Rationals.of(34, 100), Rationals.of(33, 100), Rationals.of(33, 100)));
    assertNull(firstInvariant(o, 1500));
  }

  @Test
  void theShortcutAgreesWithTheRoundByRoundRecheck() {
    for (String[] s : new String[][] {{"1/2", "1"}, {"9/10", "1"}, {"0", "2"}}) {
      MrsParameters p = params(SweepTest.sst(), s[0], s[1]);
      double[] theta = new double[3];
      Sweep.Run fast = Sweep.fast(0, 0, p, Distribution.uniform(3), 1000, theta);
      assertFalse(fast.underflow());
      // a run flagged as underflowed is re-checked round by round (no shortcut)
      Sweep.Run flagged = new Sweep.Run(0, 0, 0, fast.cycleStrength(), fast.cycleStrengthTail(), fast.cycleStrength(),
          fast.cycleStrengthTail(), fast.entropy(), fast.top(), fast.massOffTop(), true, null);
      Sweep.Recheck shortcut = Sweep.precise(p, Distribution.uniform(3), 1000, P, fast, theta, "sample");
      Sweep.Recheck full = Sweep.precise(p, Distribution.uniform(3), 1000, P, flagged, theta, "sample");
      assertEquals(Sweep.Agreement.AGREES, shortcut.agreement(), shortcut.toString());
      assertEquals(Sweep.Agreement.AGREES, full.agreement(), full.toString());
      assertEquals(full.cycleStrength(), shortcut.cycleStrength(), 1e-15 * full.cycleStrength() + 1e-30);
      assertEquals(full.cycleStrengthTail(), shortcut.cycleStrengthTail(), 1e-15 * full.cycleStrengthTail() + 1e-30);
      assertEquals(full.entropy().doubleValue(), shortcut.entropy().doubleValue(), 1e-15 * full.entropy().doubleValue());
    }
  }
}
