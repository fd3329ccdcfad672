package prefdyn.catalogue;

import static prefdyn.catalogue.DynamicsStatements.fixedPointFrom;
import static prefdyn.catalogue.DynamicsStatements.initOf;
import static prefdyn.catalogue.DynamicsStatements.parameters;
import static prefdyn.catalogue.DynamicsStatements.top;
import static prefdyn.catalogue.Generators.grid;

import net.jqwik.api.Arbitrary;
import org.apfloat.Aprational;
import prefdyn.dynamics.FixedPoints;
import prefdyn.dynamics.MrsParameters;
import prefdyn.num.Ball;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;

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
      .hypotheses(C2::instances, C2::admits)
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
