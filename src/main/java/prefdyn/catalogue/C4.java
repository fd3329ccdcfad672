package prefdyn.catalogue;

import static prefdyn.catalogue.DynamicsStatements.enclosureBits;
import static prefdyn.catalogue.DynamicsStatements.parameters;
import static prefdyn.catalogue.Generators.grid;

import net.jqwik.api.Arbitrary;
import prefdyn.dynamics.Stability;
import prefdyn.dynamics.ThreeCycleFamily;
import prefdyn.num.Ball;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;

/**
 * C4 (conjecture, expected false): on the 3-cycle family, ρ < 1 implies L < 1. Instance: a T6
 * instance with ρ < 1. Margin: {@code 1 - L} with {@code L = α + (βλ/2)·a√3}.
 */
public final class C4 {
  private C4() {}

  public static final Statement STATEMENT = Statement.named("C4")
      .kind(Kind.CONJECTURE)
      .statement("3-cycle family: local stability of uniform (rho < 1) implies the contraction condition L < 1.")
      .proofNote("proofs-notes/T7.md")
      .slots(DynamicsStatements.THREE_CYCLE)
      .hypotheses(C4::instances, C4::admits)
      .margin((x, p) -> margin(x, p))
      .build();

  static Arbitrary<Instance> instances() {
    return DynamicsStatements.threeCycles(6, grid(0, 10, 10), grid(0, 4, 4), grid(1, 16, 4))
        .filter(C4::admits);
  }

  static boolean admits(Instance x) {
    return T6.admits(x)
        && ThreeCycleFamily.rhoSquared(x.get(DynamicsStatements.A), x.get(Slot.ALPHA), x.get(Slot.LAMBDA), x.get(Slot.BETA)).compareTo(Rationals.ONE) < 0;
  }

  static Margin margin(Instance x, Precision p) {
    Stability.Contraction l = Stability.contractionEnclosure(parameters(x), enclosureBits(p));
    String what = "1 - L, L = α + (βλ/2)||P_a - ½11ᵀ||_2 (L vs 1 decided exactly: λmax(MᵀM) vs 4(1-α)²/(βλ)²)";
    if (l.vsOne() == 0) {
      return Margin.exact(Rationals.ZERO, true, what + ": L = 1 exactly");
    }
    return Margin.of(Ball.ONE.sub(l.value(), enclosureBits(p) + 16), true, what);
  }
}
