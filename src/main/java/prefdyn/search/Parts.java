package prefdyn.search;

import java.util.ArrayList;
import java.util.List;
import org.apfloat.Aprational;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Slot;
import prefdyn.pref.Distribution;

/**
 * The slots of an {@link Instance} that the search moves and the shrinker simplifies, so that both
 * treat every statement alike: its distributions and its scalars (α, λ, β and the statement's own
 * parameters), in slot order.
 */
final class Parts {
  private Parts() {}

  /** The exact distributions present in x. */
  static List<Slot<Distribution>> distributions(Instance x) {
    List<Slot<Distribution>> out = new ArrayList<>();
    for (Slot<?> s : x.slots()) {
      if (s.type() == Slot.Type.DISTRIBUTION && x.value(s) instanceof Distribution d && d.isExact()) {
        out.add(distribution(s));
      }
    }
    return out;
  }

  /** Every distribution present in x, exact or not. */
  static List<Slot<Distribution>> allDistributions(Instance x) {
    List<Slot<Distribution>> out = new ArrayList<>();
    for (Slot<?> s : x.slots()) {
      if (s.type() == Slot.Type.DISTRIBUTION) {
        out.add(distribution(s));
      }
    }
    return out;
  }

  /** The scalars present in x: α, λ, β, then the parameters by name. */
  static List<Slot<Aprational>> scalars(Instance x) {
    List<Slot<Aprational>> out = new ArrayList<>();
    for (Slot<?> s : x.slots()) {
      if (s.type() != Slot.Type.DISTRIBUTION) {
        out.add(scalar(s));
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked") // the slot's type says it holds distributions
  private static Slot<Distribution> distribution(Slot<?> s) {
    return (Slot<Distribution>) s;
  }

  @SuppressWarnings("unchecked") // scalar and parameter slots hold exact rationals
  private static Slot<Aprational> scalar(Slot<?> s) {
    return (Slot<Aprational>) s;
  }
}
