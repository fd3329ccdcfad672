package prefdyn.catalogue;

import static prefdyn.catalogue.DynamicsStatements.ball;
import static prefdyn.catalogue.DynamicsStatements.enclosureBits;
import static prefdyn.catalogue.DynamicsStatements.fixedPointFrom;
import static prefdyn.catalogue.DynamicsStatements.initOf;
import static prefdyn.catalogue.DynamicsStatements.interiorNonNull;
import static prefdyn.catalogue.DynamicsStatements.interiorOrNull;
import static prefdyn.catalogue.DynamicsStatements.maxAbs;
import static prefdyn.catalogue.DynamicsStatements.nonNegative;
import static prefdyn.catalogue.DynamicsStatements.norm2;
import static prefdyn.catalogue.DynamicsStatements.parameters;
import static prefdyn.catalogue.DynamicsStatements.positive;
import static prefdyn.catalogue.DynamicsStatements.r;
import static prefdyn.catalogue.DynamicsStatements.top;
import static prefdyn.catalogue.DynamicsStatements.unit;
import static prefdyn.catalogue.Generators.grid;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.apfloat.Aprational;
import org.apfloat.AprationalMath;
import prefdyn.dynamics.FastMrs;
import prefdyn.dynamics.FixedPoints;
import prefdyn.dynamics.MrsMap;
import prefdyn.dynamics.MrsParameters;
import prefdyn.dynamics.Stability;
import prefdyn.dynamics.ThreeCycleFamily;
import prefdyn.gen.Distributions;
import prefdyn.gen.Matrices;
import prefdyn.num.Ball;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.pref.Sst;
import prefdyn.pref.Structure;

/**
 * C2 (conjecture): π∞_top is nondecreasing in κ. Instance: a T9 instance plus param "factor" > 1
 * (κ' = factor·κ, by scaling β). Margin: {@code π∞_top(κ') - π∞_top(κ)}.
 */
public final class C2 {
  private C2() {}

  /** κ' = factor·κ (by scaling β). */
  public static final Slot<Aprational> FACTOR = Slot.param("factor");

  public static final Statement STATEMENT = Statement.named("C2")
      .kind(Kind.CONJECTURE)
      .statement("The limit top mass pi_inf,top is nondecreasing in kappa = beta lambda/(1-alpha) (strictly SST, alpha < 1).")
      .proofNote("proofs-notes/T9.md")
      .slots(Slot.ALPHA, Slot.LAMBDA, Slot.BETA, Slot.REF, Slot.PI0, Slot.INIT, FACTOR)
      .hypotheses(C2::instances)
      .admits(C2::admits)
      .margin((x, p) -> margin(x, p))
      .build();

  static Arbitrary<Instance> instances() {
    return T9.instances().flatMap(x -> grid(5, 40, 4).map(f -> x.with(FACTOR, f)));
  }

  static boolean admits(Instance x) {
    return T9.admits(x) && x.has(FACTOR)
        && x.get(FACTOR).compareTo(Rationals.ONE) > 0;
  }

  static Margin margin(Instance x, Precision p) {
    int s = top(x.pref());
    MrsParameters mp = parameters(x);
    String what = "π∞_top(factor·κ) - π∞_top(κ) at certified fixed points (found from init)";
    FixedPoints.Certified lo = fixedPointFrom(mp, initOf(x), p);
    FixedPoints.Certified hi = fixedPointFrom(mp.withBeta(mp.beta().multiply(x.get(FACTOR))), initOf(x), p);
    if (!lo.ok() || !hi.ok()) {
      return Margin.unknown(lo.ok() ? hi.failure() : lo.failure(), false, what);
    }
    int prec = p.bits();
    Ball a = Ball.softmax(lo.box(), prec)[s];
    Ball b = Ball.softmax(hi.box(), prec)[s];
    return Margin.of(b.sub(a, prec), false, what);
  }
}
