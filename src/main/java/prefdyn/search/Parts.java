package prefdyn.search;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apfloat.Aprational;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.catalogue.Instance;
import prefdyn.pref.Distribution;

/**
 * The named parts of an {@link Instance} that the search moves and the shrinker simplifies, so
 * that both treat every statement alike: the distributions and the scalars (alpha, lambda, beta
 * and the statement-specific params).
 */
final class Parts {
  private Parts() {}

  /** A distribution slot of an instance. */
  record Dist(String name, Function<Instance, @Nullable Distribution> get,
      BiFunction<Instance, Distribution, Instance> set) {}

  /** A scalar slot of an instance. */
  record Scalar(String name, Function<Instance, @Nullable Aprational> get,
      BiFunction<Instance, Aprational, Instance> set, boolean param) {}

  static final List<Dist> DISTRIBUTIONS = List.of(
      new Dist("sampler", Instance::sampler, Instance::withSampler),
      new Dist("samplerPrime", Instance::samplerPrime, Instance::withSamplerPrime),
      new Dist("ref", Instance::ref, Instance::withRef),
      new Dist("pi0", Instance::pi0, Instance::withPi0),
      new Dist("init", Instance::init, Instance::withInit));

  /** The exact distributions present in x. */
  static List<Dist> distributions(Instance x) {
    List<Dist> out = new ArrayList<>();
    for (Dist d : DISTRIBUTIONS) {
      Distribution v = d.get().apply(x);
      if (v != null && v.isExact()) {
        out.add(d);
      }
    }
    return out;
  }

  /** The scalars present in x: alpha, lambda, beta, then the params by name. */
  static List<Scalar> scalars(Instance x) {
    List<Scalar> out = new ArrayList<>();
    if (x.alpha() != null) {
      out.add(new Scalar("alpha", Instance::alpha, Instance::withAlpha, false));
    }
    if (x.lambda() != null) {
      out.add(new Scalar("lambda", Instance::lambda, Instance::withLambda, false));
    }
    if (x.beta() != null) {
      out.add(new Scalar("beta", Instance::beta, Instance::withBeta, false));
    }
    for (String name : new java.util.TreeSet<>(x.params().keySet())) {
      out.add(new Scalar(name, y -> y.params().get(name), (y, v) -> y.withParam(name, v), true));
    }
    return out;
  }

  static Distribution dist(Instance x, Dist d) {
    return Instance.need(d.get().apply(x), d.name());
  }

  static Aprational scalar(Instance x, Scalar s) {
    return Instance.need(s.get().apply(x), s.name());
  }
}
