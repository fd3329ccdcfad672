package prefdyn.search;

import java.util.List;
import net.jqwik.api.Arbitrary;
import org.apfloat.Aprational;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Margin;
import prefdyn.catalogue.Slot;
import prefdyn.catalogue.Statement;
import prefdyn.catalogue.StatementProvider;
import prefdyn.gen.Distributions;
import prefdyn.gen.Matrices;
import prefdyn.num.Rationals;

/**
 * A researcher's own conjecture, as docs/adding-a-statement.md builds it: "with any full-support
 * sampler, beating j by a majority gives i the higher score, (Pμ)_i > (Pμ)_j". True for K = 2
 * ({@code (Pμ)_i - (Pμ)_j = (μ_i + μ_j)(P_ij - 1/2)}), false for K ≥ 3 (j may lose narrowly to i but
 * crush everyone else). The class is a {@link StatementProvider} named in
 * {@code META-INF/services/prefdyn.catalogue.StatementProvider} (here under src/test/resources), so
 * that {@code prefdyn check} and {@code prefdyn search} find the statement on the classpath;
 * {@code UserConjectureExampleTest} tests it three ways.
 */
public final class MyStatements implements StatementProvider {
  /** Step 1: the hypotheses as a jqwik generator, from the public generators prefdyn.gen. */
  static Arbitrary<Instance> instances(int minK, int maxK) {
    return Matrices.any(minK, maxK).flatMap(p ->
        Distributions.fullSupport(p.k()).map(mu -> Instance.of(p).with(Slot.SAMPLER, mu)));
  }

  /** Step 2: the statement, with a margin that measures how far from failing an instance is. */
  static final Statement MAJORITY = Statement.named("MY-MAJORITY")
      .statement("with a full-support sampler, i beating j by majority gives (Pμ)_i > (Pμ)_j")
      .slots(Slot.SAMPLER)
      .hypotheses(instances(2, 4))
      .admits(x -> x.has(Slot.SAMPLER) && x.get(Slot.SAMPLER).k() == x.k() && x.get(Slot.SAMPLER).interior())
      .margin((x, precision) -> {
        Aprational[] s = x.pref().times(x.get(Slot.SAMPLER));  // exact Pμ
        Aprational min = Rationals.ONE;
        for (int i = 0; i < x.k(); i++) {
          for (int j = 0; j < x.k(); j++) {
            if (x.pref().beats(i, j)) {
              min = Rationals.min(min, s[i].subtract(s[j]));
            }
          }
        }
        return Margin.exact(min, true, "min over i ▷ j of (Pμ)_i - (Pμ)_j");
      })
      .build();

  /** Step 3: the provider (a public class with a public no-argument constructor). */
  @Override
  public List<Statement> statements() {
    return List.of(MAJORITY);
  }
}
