package prefdyn.catalogue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apfloat.Aprational;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;

/**
 * One instance of a statement's hypotheses: a preference matrix and the distributions and
 * scalars the statement talks about, all exact. The parts carry the flag names of the CLI
 * contract ({@code sampler}, {@code ref}, {@code pi0}, {@code init}, {@code alpha},
 * {@code lambda}, {@code beta}, a second sampler {@code samplerPrime}); statement-specific
 * scalars (the 3-cycle strength {@code a}, response indices {@code i}, {@code j}, ...) go in
 * {@code params}. One shared shape lets check, search, shrinking and JSON output work on every
 * statement alike.
 */
public record Instance(
    PreferenceMatrix pref,
    @Nullable Distribution sampler,
    @Nullable Distribution samplerPrime,
    @Nullable Distribution ref,
    @Nullable Distribution pi0,
    @Nullable Distribution init,
    @Nullable Aprational alpha,
    @Nullable Aprational lambda,
    @Nullable Aprational beta,
    Map<String, Aprational> params) {

  public Instance {
    params = Map.copyOf(params);
  }

  public static Instance of(PreferenceMatrix pref) {
    return new Instance(pref, null, null, null, null, null, null, null, null, Map.of());
  }

  public int k() {
    return pref.k();
  }

  public Instance withPref(PreferenceMatrix p) {
    return new Instance(p, sampler, samplerPrime, ref, pi0, init, alpha, lambda, beta, params);
  }

  public Instance withSampler(@Nullable Distribution d) {
    return new Instance(pref, d, samplerPrime, ref, pi0, init, alpha, lambda, beta, params);
  }

  public Instance withSamplerPrime(@Nullable Distribution d) {
    return new Instance(pref, sampler, d, ref, pi0, init, alpha, lambda, beta, params);
  }

  public Instance withRef(@Nullable Distribution d) {
    return new Instance(pref, sampler, samplerPrime, d, pi0, init, alpha, lambda, beta, params);
  }

  public Instance withPi0(@Nullable Distribution d) {
    return new Instance(pref, sampler, samplerPrime, ref, d, init, alpha, lambda, beta, params);
  }

  public Instance withInit(@Nullable Distribution d) {
    return new Instance(pref, sampler, samplerPrime, ref, pi0, d, alpha, lambda, beta, params);
  }

  public Instance withAlpha(@Nullable Aprational v) {
    return new Instance(pref, sampler, samplerPrime, ref, pi0, init, v, lambda, beta, params);
  }

  public Instance withLambda(@Nullable Aprational v) {
    return new Instance(pref, sampler, samplerPrime, ref, pi0, init, alpha, v, beta, params);
  }

  public Instance withBeta(@Nullable Aprational v) {
    return new Instance(pref, sampler, samplerPrime, ref, pi0, init, alpha, lambda, v, params);
  }

  public Instance withParam(String name, Aprational v) {
    Map<String, Aprational> m = new TreeMap<>(params);
    m.put(name, v);
    return new Instance(pref, sampler, samplerPrime, ref, pi0, init, alpha, lambda, beta, m);
  }

  /** A named scalar parameter. @throws IllegalStateException when absent */
  public Aprational param(String name) {
    Aprational v = params.get(name);
    if (v == null) {
      throw new IllegalStateException("instance has no parameter '" + name + "'");
    }
    return v;
  }

  /** Requires a part that the statement needs. */
  public static <T> T need(@Nullable T part, String name) {
    if (part == null) {
      throw new IllegalStateException("instance has no " + name);
    }
    return part;
  }

  /**
   * The instance in exact form under the CLI contract's keys: {@code "pref"} as rows of strings,
   * distributions as lists of strings, scalars as strings; absent parts are left out.
   */
  public Map<String, Object> describe() {
    Map<String, Object> out = new LinkedHashMap<>();
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < pref.k(); i++) {
      List<String> row = new ArrayList<>();
      for (int j = 0; j < pref.k(); j++) {
        row.add(pref.isExact() ? Rationals.format(pref.exact(i, j)) : pref.entry(i, j).toString(true));
      }
      rows.add(row);
    }
    out.put("pref", rows);
    putDist(out, "sampler", sampler);
    putDist(out, "samplerPrime", samplerPrime);
    putDist(out, "ref", ref);
    putDist(out, "pi0", pi0);
    putDist(out, "init", init);
    putScalar(out, "alpha", alpha);
    putScalar(out, "lambda", lambda);
    putScalar(out, "beta", beta);
    for (Map.Entry<String, Aprational> e : new TreeMap<>(params).entrySet()) {
      out.put(e.getKey(), Rationals.format(e.getValue()));
    }
    return out;
  }

  private static void putDist(Map<String, Object> out, String key, @Nullable Distribution d) {
    if (d == null) {
      return;
    }
    List<String> xs = new ArrayList<>();
    for (int i = 0; i < d.k(); i++) {
      xs.add(d.isExact() ? Rationals.format(d.exact(i)) : d.get(i).toString(true));
    }
    out.put(key, xs);
  }

  private static void putScalar(Map<String, Object> out, String key, @Nullable Aprational v) {
    if (v != null) {
      out.put(key, Rationals.format(v));
    }
  }
}
