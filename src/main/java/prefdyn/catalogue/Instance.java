package prefdyn.catalogue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apfloat.Aprational;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;

/**
 * One instance of a statement's hypotheses: a preference matrix and the values of typed
 * {@link Slot}s (distributions and exact scalars) the statement talks about, all exact. One shared
 * shape lets check, search, shrinking and JSON output work on every statement alike: a check reads
 * {@code x.get(Slot.BETA)}, the search moves each slot present, the JSON lists them under their
 * names.
 */
public final class Instance {
  private final PreferenceMatrix pref;
  private final SortedMap<Slot<?>, Object> values;

  private Instance(PreferenceMatrix pref, SortedMap<Slot<?>, Object> values) {
    this.pref = pref;
    this.values = values;
  }

  /** The instance with only a matrix. */
  public static Instance of(PreferenceMatrix pref) {
    return new Instance(pref, new TreeMap<>());
  }

  public PreferenceMatrix pref() {
    return pref;
  }

  public int k() {
    return pref.k();
  }

  public Instance withPref(PreferenceMatrix p) {
    return new Instance(p, values);
  }

  /** This instance with the slot set to v. */
  public <T> Instance with(Slot<T> slot, T v) {
    SortedMap<Slot<?>, Object> m = new TreeMap<>(values);
    m.remove(slot); // a param slot made anew replaces the old key too
    m.put(slot, Objects.requireNonNull(v, slot.name()));
    return new Instance(pref, m);
  }

  /** This instance without the slot. */
  public Instance without(Slot<?> slot) {
    SortedMap<Slot<?>, Object> m = new TreeMap<>(values);
    m.remove(slot);
    return new Instance(pref, m);
  }

  /** Whether the slot has a value. */
  public boolean has(Slot<?> slot) {
    return values.containsKey(slot);
  }

  /** The slot's value, or null when absent. */
  public <T> @Nullable T find(Slot<T> slot) {
    Object v = values.get(slot);
    return v == null ? null : slot.cast(v);
  }

  /** The slot's value. @throws IllegalStateException when absent (the statement's generator did not set it) */
  public <T> T get(Slot<T> slot) {
    Object v = values.get(slot);
    if (v == null) {
      throw new IllegalStateException("instance has no " + slot.name());
    }
    return slot.cast(v);
  }

  /** The slots present, in JSON order (standard slots, then parameters by name). */
  public List<Slot<?>> slots() {
    return Collections.unmodifiableList(new ArrayList<>(values.keySet()));
  }

  /** The value of a slot found through {@link #slots()} (its type unknown to the caller). */
  public @Nullable Object value(Slot<?> slot) {
    return values.get(slot);
  }

  /**
   * The instance in exact form under the CLI contract's keys: {@code "pref"} as rows of strings,
   * distributions as lists of strings, scalars as strings, each slot under its name.
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
    for (Map.Entry<Slot<?>, Object> e : values.entrySet()) {
      if (e.getValue() instanceof Distribution d) {
        List<String> xs = new ArrayList<>();
        for (int i = 0; i < d.k(); i++) {
          xs.add(d.isExact() ? Rationals.format(d.exact(i)) : d.get(i).toString(true));
        }
        out.put(e.getKey().name(), xs);
      } else if (e.getValue() instanceof Aprational v) {
        out.put(e.getKey().name(), Rationals.format(v));
      }
    }
    return out;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Instance x && x.pref.equals(pref) && x.values.equals(values);
  }

  @Override
  public int hashCode() {
    return 31 * pref.hashCode() + values.hashCode();
  }

  @Override
  public String toString() {
    return describe().toString();
  }

  // ---------------------------------------------------------------------------------------------
  // The accessors of the earlier shape (one nullable field per part, a "params" map), kept only for
  // statement files not yet converted to slots; each is one slot.

  /** @deprecated read {@code find(Slot.SAMPLER)} */
  @Deprecated
  public @Nullable Distribution sampler() {
    return find(Slot.SAMPLER);
  }

  /** @deprecated read {@code find(Slot.SAMPLER_PRIME)} */
  @Deprecated
  public @Nullable Distribution samplerPrime() {
    return find(Slot.SAMPLER_PRIME);
  }

  /** @deprecated use {@code with(Slot.SAMPLER, d)} */
  @Deprecated
  public Instance withSampler(Distribution d) {
    return with(Slot.SAMPLER, d);
  }

  /** @deprecated use {@code with(Slot.SAMPLER_PRIME, d)} */
  @Deprecated
  public Instance withSamplerPrime(Distribution d) {
    return with(Slot.SAMPLER_PRIME, d);
  }

  /** @deprecated the statement's own parameter slots by name; use {@code has(slot)} and {@code get(slot)} */
  @Deprecated
  public Map<String, Aprational> params() {
    Map<String, Aprational> out = new TreeMap<>();
    for (Map.Entry<Slot<?>, Object> e : values.entrySet()) {
      if (e.getKey().type() == Slot.Type.PARAM && e.getValue() instanceof Aprational v) {
        out.put(e.getKey().name(), v);
      }
    }
    return out;
  }

  /** @deprecated read {@code find(Slot.REF)} */
  @Deprecated
  public @Nullable Distribution ref() {
    return find(Slot.REF);
  }

  /** @deprecated read {@code find(Slot.PI0)} */
  @Deprecated
  public @Nullable Distribution pi0() {
    return find(Slot.PI0);
  }

  /** @deprecated read {@code find(Slot.INIT)} */
  @Deprecated
  public @Nullable Distribution init() {
    return find(Slot.INIT);
  }

  /** @deprecated read {@code find(Slot.ALPHA)} */
  @Deprecated
  public @Nullable Aprational alpha() {
    return find(Slot.ALPHA);
  }

  /** @deprecated read {@code find(Slot.LAMBDA)} */
  @Deprecated
  public @Nullable Aprational lambda() {
    return find(Slot.LAMBDA);
  }

  /** @deprecated read {@code find(Slot.BETA)} */
  @Deprecated
  public @Nullable Aprational beta() {
    return find(Slot.BETA);
  }

  /** @deprecated use {@code with(Slot.ALPHA, v)} */
  @Deprecated
  public Instance withAlpha(Aprational v) {
    return with(Slot.ALPHA, v);
  }

  /** @deprecated use {@code with(Slot.LAMBDA, v)} */
  @Deprecated
  public Instance withLambda(Aprational v) {
    return with(Slot.LAMBDA, v);
  }

  /** @deprecated use {@code with(Slot.BETA, v)} */
  @Deprecated
  public Instance withBeta(Aprational v) {
    return with(Slot.BETA, v);
  }

  /** @deprecated use {@code with(Slot.REF, d)} */
  @Deprecated
  public Instance withRef(Distribution d) {
    return with(Slot.REF, d);
  }

  /** @deprecated use {@code with(Slot.PI0, d)} */
  @Deprecated
  public Instance withPi0(Distribution d) {
    return with(Slot.PI0, d);
  }

  /** @deprecated use {@code with(Slot.INIT, d)} */
  @Deprecated
  public Instance withInit(Distribution d) {
    return with(Slot.INIT, d);
  }

  /** @deprecated use {@code with(Slot.param(name), v)} */
  @Deprecated
  public Instance withParam(String name, Aprational v) {
    return with(Slot.param(name), v);
  }

  /** @deprecated use {@code get(Slot.param(name))} */
  @Deprecated
  public Aprational param(String name) {
    return get(Slot.param(name));
  }

  /** @deprecated use {@code get(slot)} */
  @Deprecated
  public static <T> T need(@Nullable T part, String name) {
    if (part == null) {
      throw new IllegalStateException("instance has no " + name);
    }
    return part;
  }
}
