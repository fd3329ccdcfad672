package prefdyn.catalogue;

import org.apfloat.Aprational;
import prefdyn.sampler.Samplers;

/** C3 (conjecture): every transitive P has an order-preserving sampler (false for K = 4, T4). */
public final class C3 {
  private C3() {}

  public static final Statement STATEMENT = Statement.named("C3")
      .kind(Kind.CONJECTURE)
      .statement("Every transitive P has an order-preserving sampler (false for K = 4, T4); margin = γ* of the order LP")
      .proofNote("proofs-notes/T4.md")
      .slots()
      .hypotheses(() -> Generators.transitive(2, 5), Generators::exactTransitive)
      .margin((x, q) -> {
        Samplers.Result r = Samplers.solve(x.pref(), Samplers.Goal.ORDER);
        Aprational g = r instanceof Samplers.NoSampler no ? no.lpOptimum() : lpOptimum((Samplers.Found) r);
        return Margin.exact(g, true, "γ* of the order LP (max over μ of the smallest consecutive gap)");
      })
      .build();

  /** γ* of a found order-preserving sampler. */
  static Aprational lpOptimum(Samplers.Found f) {
    Aprational g = f.lpOptimum();
    if (g == null) {
      throw new IllegalStateException("instance has no γ*");
    }
    return g;
  }
}
