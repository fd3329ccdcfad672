package prefdyn.catalogue;

import org.apfloat.Aprational;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.pref.Structure;
import prefdyn.sampler.Samplers;

/** T4b: for K = 3 every transitive P has an order-preserving full-support sampler (proofs-notes/T4.md). */
public final class T4b {
  private T4b() {}

  public static final Statement STATEMENT = Statement.named("T4b")
      .kind(Kind.PROVED)
      .statement("For K = 3 every transitive P has an order-preserving full-support sampler: the middle point mass, perturbed")
      .proofNote("proofs-notes/T4.md")
      .slots()
      .hypotheses(() -> Generators.transitive(3, 3), x -> x.k() == 3 && Generators.exactTransitive(x))
      .margin((x, q) -> margin(x.pref(), 1))
      .wrong("the top response's point mass instead of the middle one's", (x, q) -> margin(x.pref(), 0), T4b::example)
      .build();

  /** A transitive K = 3 matrix on which the perturbed top point mass does not preserve the order. */
  public static Instance example() {
    Aprational h = Rationals.HALF;
    return Instance.of(PreferenceMatrix.of(new Aprational[][] {
      {h, Rationals.of(9, 10), Rationals.of(3, 5)},
      {Rationals.of(1, 10), h, Rationals.of(3, 5)},
      {Rationals.of(2, 5), Rationals.of(2, 5), h}}));
  }

  /**
   * T4b's margin: the explicit sampler {@code (1-ε)δ_b + ε·uniform} for the order a ▷ b ▷ c,
   * {@code ε = m/(2(1+m))}, {@code m = min(P_ab, P_bc) - 1/2}: min of its smallest entry and its
   * smallest consecutive gap. {@code position} is b's place in the order (1 for the theorem).
   */
  public static Margin margin(PreferenceMatrix p, int position) {
    int[] o = Structure.majorityOrder(p).orElseThrow(() -> new IllegalArgumentException("P is not transitive"));
    Aprational m = Rationals.min(p.exact(o[0], o[1]), p.exact(o[1], o[2])).subtract(Rationals.HALF);
    Aprational eps = m.divide(Rationals.of(2).multiply(Rationals.ONE.add(m)));
    Aprational[] e = new Aprational[3];
    for (int i = 0; i < 3; i++) {
      e[i] = eps.divide(Rationals.of(3)).add(i == o[position] ? Rationals.ONE.subtract(eps) : Rationals.ZERO);
    }
    Distribution mu = Distribution.of(e);
    Aprational gap = Samplers.margin(p, mu, Samplers.pairs(p, Samplers.Goal.ORDER));
    Aprational minEntry = Rationals.min(Rationals.min(e[0], e[1]), e[2]);
    Aprational g = gap == null ? Rationals.ZERO : gap;
    return Margin.exact(Rationals.min(g, minEntry), true,
        "min(smallest entry, smallest order gap) of (1-ε)δ_" + o[position] + " + ε·uniform, ε = " + Rationals.format(eps));
  }
}
