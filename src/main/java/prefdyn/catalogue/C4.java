package prefdyn.catalogue;

import static prefdyn.catalogue.DynamicsStatements.ball;
import static prefdyn.catalogue.DynamicsStatements.enclosureBits;
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
 * C4 (conjecture, expected false): on the 3-cycle family, ρ < 1 implies L < 1. Instance: a T6
 * instance with ρ < 1. Margin: {@code 1 - L} with {@code L = α + (βλ/2)·a√3}.
 */
public final class C4 {
  private C4() {}

  public static final Statement STATEMENT = Statement.named("C4")
      .kind(Kind.CONJECTURE)
      .statement("3-cycle family: local stability of uniform (rho < 1) implies the contraction condition L < 1.")
      .proofNote("proofs-notes/T7.md")
      .slots(Slot.ALPHA, Slot.LAMBDA, Slot.BETA, Slot.REF, Slot.PI0, DynamicsStatements.A)
      .hypotheses(C4::instances)
      .admits(C4::admits)
      .margin((x, p) -> margin(x, p))
      .build();

  static Arbitrary<Instance> instances() {
    return Combinators.combine(Matrices.threeCycleStrengths(6), grid(0, 10, 10), grid(0, 4, 4), grid(1, 16, 4))
        .as((a, al, l, b) -> Instance.of(Matrices.threeCycle(a)).with(DynamicsStatements.A, a).with(Slot.ALPHA, al).with(Slot.LAMBDA, l)
            .with(Slot.BETA, b).with(Slot.REF, Distribution.uniform(3)).with(Slot.PI0, Distribution.uniform(3)))
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
