package prefdyn.gen;

import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.providers.ArbitraryProvider;
import net.jqwik.api.providers.TypeUsage;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;

/**
 * jqwik's default arbitraries for the project's types, so that a property can say
 * {@code @ForAll PreferenceMatrix p} or {@code @ForAll Distribution mu} without a {@code @Provide}
 * method: any exact preference matrix with {@value #MIN_K} to {@value #MAX_K} responses
 * ({@link Matrices#any}), any distribution on that many responses ({@link Distributions#any}),
 * edge cases (K = 2, entries 0, 1/2, 1, point masses) included. Registered for jqwik in
 * {@code META-INF/services/net.jqwik.api.providers.ArbitraryProvider}; a property that needs a
 * narrower family (SST, one K) still names its generator.
 */
public final class DefaultArbitraries implements ArbitraryProvider {
  public static final int MIN_K = 2;
  public static final int MAX_K = 6;

  @Override
  public boolean canProvideFor(TypeUsage targetType) {
    return targetType.isOfType(PreferenceMatrix.class) || targetType.isOfType(Distribution.class);
  }

  @Override
  public Set<Arbitrary<?>> provideFor(TypeUsage targetType, SubtypeProvider subtypeProvider) {
    if (targetType.isOfType(PreferenceMatrix.class)) {
      return Set.of(Matrices.any(MIN_K, MAX_K));
    }
    return Set.of(Arbitraries.integers().between(MIN_K, MAX_K).flatMap(Distributions::any));
  }
}
