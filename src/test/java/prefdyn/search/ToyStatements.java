package prefdyn.search;

import java.math.BigInteger;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.apfloat.Aprational;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.catalogue.Catalogue;
import prefdyn.gen.Distributions;
import prefdyn.gen.Matrices;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Slot;
import prefdyn.catalogue.Kind;
import prefdyn.catalogue.Margin;
import prefdyn.catalogue.Statement;
import prefdyn.num.Ball;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;

/** Statements made for testing the engine: one that holds, one violated in a small box, enclosures that need digits, never decide, or fail. */
final class ToyStatements {
  private ToyStatements() {}

  static Arbitrary<PreferenceMatrix> matrices() {
    return Matrices.any(2, 5);
  }

  static Arbitrary<Distribution> distributions(int k) {
    return Distributions.any(k);
  }

  /** Holds: every score (Pμ)_i lies in [0,1]; margin min_i min((Pμ)_i, 1 - (Pμ)_i), not strict. */
  static final Statement HOLDS = Statement.named("TOY-HOLDS")
      .statement("scores Pμ lie in [0,1]")
      .kind(Kind.PROVED)
      .hypotheses(matrices().flatMap(p -> distributions(p.k()).map(mu -> Instance.of(p).with(Slot.SAMPLER, mu))))
      .admits(x -> x.has(Slot.SAMPLER) && x.get(Slot.SAMPLER).k() == x.k())
      .margin((x, precision) -> {
        Aprational min = Rationals.ONE;
        for (Aprational s : x.pref().times(x.get(Slot.SAMPLER))) {
          min = Rationals.min(min, Rationals.min(s, Rationals.ONE.subtract(s)));
        }
        return Margin.exact(min, false, "distance of the scores from the ends of [0,1]");
      })
      .build();

  /** The centre of the small box where {@link #BOX} fails. */
  static final Aprational BOX_X = Rationals.of(7123, 10000);
  static final Aprational BOX_Y = Rationals.of(2391, 10000);
  static final Aprational BOX_R = Rationals.of(1, 200);

  /**
   * Violated only in a box of side 1/100 around (BOX_X, BOX_Y) in the unit square of two params:
   * margin max(|x - BOX_X|, |y - BOX_Y|) - 1/200, strict. Uniform draws hit it with probability
   * 1e-4; the margin is the L∞ distance to the box, which the search climbs down.
   */
  static final Statement BOX = Statement.named("TOY-BOX")
      .statement("no point of the unit square lies in a small box")
      .hypotheses(Combinators.combine(Arbitraries.integers().between(0, 1000), Arbitraries.integers().between(0, 1000))
          .as((a, b) -> Instance.of(PreferenceMatrix.of(new Aprational[][] {{Rationals.HALF, Rationals.HALF}, {Rationals.HALF, Rationals.HALF}}))
              .with(Slot.param("x"), Rationals.of(a, 1000)).with(Slot.param("y"), Rationals.of(b, 1000))))
      .admits(x -> inUnit(x.find(Slot.param("x"))) && inUnit(x.find(Slot.param("y"))))
      .margin((x, precision) -> {
        Aprational dx = Fractions.abs(x.get(Slot.param("x")).subtract(BOX_X));
        Aprational dy = Fractions.abs(x.get(Slot.param("y")).subtract(BOX_Y));
        return Margin.exact(Rationals.max(dx, dy).subtract(BOX_R), true, "L∞ distance to the box");
      })
      .build();

  static Instance two() {
    return Instance.of(PreferenceMatrix.of(new Aprational[][] {{Rationals.HALF, Rationals.HALF}, {Rationals.HALF, Rationals.HALF}}));
  }

  /** 10^-n exactly. */
  static Aprational tenToMinus(int n) {
    return Rationals.of(BigInteger.ONE, BigInteger.TEN.pow(n));
  }

  /**
   * A margin of exactly 10^-60 whose enclosure at D digits is 10^-60 ± 10^-D (an enclosure that
   * shrinks with the digits): undecided below 61 digits, holds from there on.
   */
  static final Statement TINY = Statement.named("TOY-TINY")
      .statement("a tiny positive margin")
      .kind(Kind.PROVED)
      .hypotheses(Arbitraries.just(two()))
      .admits(x -> x.k() == 2)
      .margin((x, precision) -> {
        Aprational r = tenToMinus(precision.digits());
        return Margin.enclosure((Aprational) tenToMinus(60).subtract(r), (Aprational) tenToMinus(60).add(r), true, "10^-60");
      })
      .build();

  /** A true margin of exactly 0 (non-strict) known only as ±10^-D: never decided, at any digits. */
  static final Statement STRADDLE = Statement.named("TOY-STRADDLE")
      .statement("a zero margin known only approximately")
      .kind(Kind.PROVED)
      .hypotheses(Arbitraries.just(two()))
      .admits(x -> x.k() == 2)
      .margin((x, precision) -> {
        Aprational r = tenToMinus(precision.digits());
        return Margin.enclosure((Aprational) r.negate(), r, false, "0 ± 10^-digits");
      })
      .build();

  /** A check that throws: undecided with the exception as the reason (not an error, not a violation). */
  static final Statement THROWS = Statement.named("TOY-THROWS")
      .statement("a check that throws")
      .kind(Kind.PROVED)
      .hypotheses(Arbitraries.just(two()))
      .admits(x -> x.k() == 2)
      .margin((x, precision) -> {
        throw new ArithmeticException("solver diverged");
      })
      .build();

  /** A solver that gives up: Margin.unknown with its reason. */
  static final Statement UNKNOWN = Statement.named("TOY-UNKNOWN")
      .statement("a solver that gives up")
      .kind(Kind.PROVED)
      .hypotheses(Arbitraries.just(two()))
      .admits(x -> x.k() == 2)
      .margin((x, precision) -> Margin.unknown("iteration cap hit", true, "fixed point"))
      .build();

  /**
   * {@link #BOX} with its margin known only as an enclosure of half-width 10^-digits: the search
   * must certify a counterexample by an enclosure on the failing side (strict: hi <= 0).
   */
  static final Statement FUZZY_BOX = Statement.named("TOY-FUZZY-BOX")
      .statement("no point of the unit square lies in a small box (margin known approximately)")
      .hypotheses(BOX.hypotheses())
      .admits(BOX::admits)
      .margin((x, precision) -> {
        Margin exact = BOX.check(x, precision);
        Aprational r = tenToMinus(precision.digits());
        Aprational lo = Objects.requireNonNull(exact.lo(), "BOX's margin is exact");
        Aprational hi = Objects.requireNonNull(exact.hi(), "BOX's margin is exact");
        return Margin.enclosure((Aprational) lo.subtract(r), (Aprational) hi.add(r), true, exact.detail());
      })
      .build();

  /** A conjecture whose margin straddles zero at every precision: the search must never report it. */
  static final Statement STRADDLE_CONJECTURE = Statement.named("TOY-STRADDLE-C")
      .statement("a conjecture that can never be decided")
      .hypotheses(Arbitraries.just(two()))
      .admits(x -> x.k() == 2)
      .margin((x, precision) -> STRADDLE.check(x, precision))
      .build();

  /** e > 2.718281828459045235360287471352 (true by about 6.6e-31), computed in balls: needs more than 10 digits. */
  static final Statement E_ABOVE = Statement.named("TOY-E")
      .statement("e exceeds a 31-digit lower approximation")
      .kind(Kind.PROVED)
      .hypotheses(Arbitraries.just(two()))
      .admits(x -> x.k() == 2)
      .margin((x, precision) -> {
        int prec = precision.bits();
        Aprational q = Rationals.of(new BigInteger("2718281828459045235360287471352"), BigInteger.TEN.pow(30));
        return Margin.of(Ball.ONE.exp(prec).sub(Ball.of(q, prec), prec), true, "e - 2.718281828459045235360287471352");
      })
      .build();

  private static boolean inUnit(@Nullable Aprational v) {
    return v != null && v.signum() >= 0 && v.compareTo(Rationals.ONE) <= 0;
  }

  /** Registers the toys in the catalogue (once per JVM) so that the CLI can run them. */
  static synchronized void register() {
    for (Statement s : new Statement[] {HOLDS, BOX, TINY, STRADDLE, THROWS, UNKNOWN, FUZZY_BOX, STRADDLE_CONJECTURE, E_ABOVE}) {
      if (Catalogue.byId(s.id()).isEmpty()) {
        Catalogue.register(s);
      }
    }
  }
}
