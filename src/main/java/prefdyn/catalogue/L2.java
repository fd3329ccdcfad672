package prefdyn.catalogue;

import org.apfloat.Aprational;
import prefdyn.num.Ball;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.optimum.DpoOptimum;

/** L2: the certified DPO optimum is a stationary point and strict minimum of the DPO loss (proofs-notes/L2.md). */
public final class L2 {
  private L2() {}

  public static final Statement STATEMENT = Optima.lemma("L2", Kind.PROVED)
      .statement("The damped-Newton DPO optimum, certified by strong convexity, is a stationary point and strict minimum of the DPO loss (full-support μ, P in (0,1))")
      .hypotheses(() -> Generators.optimumInstances(Generators.openMatrices(2, 4)),
          x -> Generators.optimumHypotheses(x) && Generators.offDiagonalOpen(x.pref()))
      .margin((x, q) -> certifiedMargin(x, x.get(Slot.BETA), q))
      .wrong("the certified optimum for 2β", (x, q) -> certifiedMargin(x, x.get(Slot.BETA).multiply(Rationals.of(2)), q), L1::example)
      .build();

  /** L2's margin at the certified DPO optimum for strength {@code optimumBeta} (β for the lemma). */
  static Margin certifiedMargin(Instance x, Aprational optimumBeta, Precision q) {
    DpoOptimum.Outcome o = DpoOptimum.certify(x.pref(), x.get(Slot.SAMPLER), x.get(Slot.REF), optimumBeta, q);
    if (o instanceof DpoOptimum.Failure f) {
      return Margin.unknown(f.reason(), true, "certified DPO optimum");
    }
    DpoOptimum.Certificate c = (DpoOptimum.Certificate) o;
    return margin(x, c.logits(), q, "; certificate: ||∇L(r̃)|| ≤ " + c.gradientNorm().upperDecimal(3)
        + ", ||Π(r̃ - r*)|| ≤ " + c.radius().upperDecimal(3));
  }

  /**
   * L2's margin for given logits in balls (the certified optimum's, or a wrong one's): the DPO
   * loss's gradient enclosed over the box, and the curvature bound {@link DpoOptimum#curvature}
   * enclosed over the box.
   */
  public static Margin margin(Instance x, Ball[] logits, Precision q, String certificate) {
    int prec = q.bits();
    Ball[] mu = DpoOptimum.balls(x.get(Slot.SAMPLER), prec);
    Ball beta = Ball.of(x.get(Slot.BETA), prec);
    Ball[] r = Optima.relativeToReference(x, logits, prec);
    Ball[] g = DpoOptimum.gradient(DpoOptimum.balls(x.pref(), prec), mu, r, beta, prec);
    Ball kappa = DpoOptimum.curvature(mu, r, beta, prec);
    return Optima.stationaryStrictMinimum(g, Margin.of(kappa, true,
        "curvature of the DPO loss on centered vectors ≥ β²|S| min μ_a μ_b σ'(β(r_a - r_b)) ∈ [" + kappa.lowerDecimal(4)
            + ", " + kappa.upperDecimal(4) + "]" + certificate), "DPO loss");
  }
}
