package prefdyn.catalogue;

import java.util.Arrays;
import org.apfloat.Aprational;
import prefdyn.gen.Matrices;
import prefdyn.num.Ball;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.optimum.DpoOptimum;
import prefdyn.optimum.IpoOptimum;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;

/** L1: the IPO closed form is a stationary point and strict minimum of the population IPO loss (proofs-notes/L1.md). */
public final class L1 {
  private L1() {}

  public static final Statement STATEMENT = Optima.lemma("L1", Kind.PAPER)
      .statement("The IPO closed form π_ref·exp(βPμ)/Z is a stationary point and strict minimum of the population IPO loss (full-support μ)")
      .hypotheses(() -> Generators.optimumInstances(Matrices.any(2, 5)), Generators::optimumHypotheses)
      .margin((x, q) -> margin(x, ipoLogits(x, x.get(Slot.BETA), true, q), q))
      .wrong("2β instead of β in the closed form", (x, q) -> margin(x, ipoLogits(x, x.get(Slot.BETA).multiply(Rationals.of(2)), true, q), q),
          L1::example)
      .wrong("the closed form without π_ref", (x, q) -> margin(x, ipoLogits(x, x.get(Slot.BETA), false, q), q), L1::example)
      .build();

  /** A hand instance with a non-uniform reference. */
  public static Instance example() {
    Aprational h = Rationals.HALF;
    PreferenceMatrix p = PreferenceMatrix.of(new Aprational[][] {
      {h, Rationals.of(3, 4), Rationals.of(1, 3)},
      {Rationals.of(1, 4), h, Rationals.of(5, 6)},
      {Rationals.of(2, 3), Rationals.of(1, 6), h}});
    return Instance.of(p).with(Slot.SAMPLER, Distribution.of(Rationals.of(1, 2), Rationals.of(1, 3), Rationals.of(1, 6)))
        .with(Slot.REF, Distribution.of(Rationals.of(1, 4), Rationals.of(1, 4), Rationals.of(1, 2))).with(Slot.BETA, Rationals.of(3, 2));
  }

  /** L1's margin for given logits in balls (the library's closed form, or a deliberately wrong formula's). */
  public static Margin margin(Instance x, Ball[] logits, Precision q) {
    int prec = q.bits();
    Distribution mu = x.get(Slot.SAMPLER);
    Ball[] g = IpoOptimum.populationGradient(DpoOptimum.balls(x.pref(), prec), DpoOptimum.balls(mu, prec),
        Optima.relativeToReference(x, logits, prec), Ball.of(x.get(Slot.BETA), prec), prec);
    Aprational kappa = IpoOptimum.curvature(mu);
    return Optima.stationaryStrictMinimum(g, Margin.exact(kappa, true,
        "curvature of the IPO loss on centered vectors ≥ 4|S| min μ_a μ_b = " + Rationals.format(kappa) + " (exact)"), "IPO loss");
  }

  /** The library's IPO closed form for the instance at strength beta, in balls (without π_ref: a wrong formula). */
  static Ball[] ipoLogits(Instance x, Aprational beta, boolean withReference, Precision q) {
    Ball[] ref = withReference ? Optima.refLogits(x, q.bits()) : zeros(x.k());
    return IpoOptimum.logits(x.pref(), x.get(Slot.SAMPLER), ref, beta, q.bits());
  }

  private static Ball[] zeros(int k) {
    Ball[] z = new Ball[k];
    Arrays.fill(z, Ball.ZERO);
    return z;
  }
}
