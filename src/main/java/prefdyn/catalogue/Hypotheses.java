package prefdyn.catalogue;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.providers.ArbitraryProvider;
import net.jqwik.api.providers.TypeUsage;

/**
 * A jqwik parameter drawn from a statement's hypotheses, without a {@code @Provide} method:
 * {@code @ForAll @Hypotheses("T1") Instance x} draws from {@code Catalogue.require("T1").hypotheses()}
 * (any statement of the catalogue, a user's own included). {@link Provider} is registered for jqwik
 * in {@code META-INF/services/net.jqwik.api.providers.ArbitraryProvider}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.TYPE_USE})
public @interface Hypotheses {
  /** The statement's ID. */
  String value();

  /** jqwik's provider for {@code @ForAll @Hypotheses(ID) Instance}. */
  final class Provider implements ArbitraryProvider {
    @Override
    public boolean canProvideFor(TypeUsage targetType) {
      return targetType.isOfType(Instance.class) && targetType.findAnnotation(Hypotheses.class).isPresent();
    }

    @Override
    public Set<Arbitrary<?>> provideFor(TypeUsage targetType, SubtypeProvider subtypeProvider) {
      String id = targetType.findAnnotation(Hypotheses.class).orElseThrow().value();
      return Set.of(Catalogue.require(id).hypotheses());
    }
  }
}
