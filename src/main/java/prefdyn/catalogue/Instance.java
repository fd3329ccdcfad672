package prefdyn.catalogue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apfloat.Aprational;
import org.checkerframework.checker.nullness.qual.NonNull;
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
  public <T extends @NonNull Object> Instance with(Slot<T> slot, T v) {
    SortedMap<Slot<?>, Object> m = new TreeMap<>(values);
    m.remove(slot); // a param slot made anew replaces the old key too
    m.put(slot, v);
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
}
