package prefdyn.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apfloat.Aprational;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Slot;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;

/**
 * Local moves of the counterexample search: small exact changes of one part of an instance.
 * Every move keeps the parts valid by construction (P_ji = 1 - P_ij, distributions summing to
 * exactly 1); whether the result still satisfies the statement's hypotheses is for
 * {@code admits} to say. New values are fractions with small denominators, so that exact margins
 * stay cheap and ties (which some statements fail only on) are reachable.
 */
public final class Moves {
  /** Denominators of the grids that new values are rounded to. */
  private static final long[] GRIDS = {2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 30, 40, 50, 60, 100, 120, 240, 1000};
  /** Step sizes (standard deviations) of a move, from coarse to fine. */
  private static final double[] STEPS = {0.3, 0.1, 0.03, 0.01, 0.003, 0.001};

  private Moves() {}

  /** A random neighbour of x, or null when x has nothing to move. */
  public static @Nullable Instance neighbour(Instance x, Random rng) {
    List<Integer> kinds = new ArrayList<>();
    if (x.pref().isExact()) {
      kinds.add(0);
      kinds.add(0); // the matrix has the most entries: move it more often
    }
    List<Slot<Distribution>> dists = Parts.distributions(x);
    for (int i = 0; i < dists.size(); i++) {
      kinds.add(1);
    }
    List<Slot<Aprational>> scalars = Parts.scalars(x);
    if (!scalars.isEmpty()) {
      kinds.add(2);
    }
    if (kinds.isEmpty()) {
      return null;
    }
    int kind = kinds.get(rng.nextInt(kinds.size()));
    if (kind == 0) {
      return x.withPref(moveMatrix(x.pref(), rng));
    }
    if (kind == 1) {
      Slot<Distribution> d = dists.get(rng.nextInt(dists.size()));
      Distribution moved = moveDistribution(x.get(d), rng);
      return moved == null ? null : x.with(d, moved);
    }
    Slot<Aprational> s = scalars.get(rng.nextInt(scalars.size()));
    return x.with(s, moveScalar(x.get(s), s.type() == Slot.Type.PARAM, rng));
  }

  /** Changes one pair: P_ij (i < j) moves, P_ji = 1 - P_ij follows. */
  static PreferenceMatrix moveMatrix(PreferenceMatrix p, Random rng) {
    int k = p.k();
    Aprational[][] e = p.exactEntries();
    int i = rng.nextInt(k);
    int j = rng.nextInt(k - 1);
    if (j >= i) {
      j++;
    }
    Aprational v = e[i][j];
    double r = rng.nextDouble();
    Aprational w;
    if (r < 0.12) {
      w = Rationals.ONE.subtract(v); // reverse the majority between i and j
    } else if (r < 0.27) {
      // tie with another entry (or its complement): SST and row-dominance questions turn on ties
      int a = rng.nextInt(k);
      int b = rng.nextInt(k - 1);
      if (b >= a) {
        b++;
      }
      w = rng.nextBoolean() ? e[a][b] : Rationals.ONE.subtract(e[a][b]);
    } else if (r < 0.32) {
      Aprational[] special = {Rationals.ZERO, Rationals.HALF, Rationals.ONE};
      w = special[rng.nextInt(special.length)];
    } else {
      w = step(v, 1.0, rng);
    }
    w = Fractions.clamp(w, Rationals.ZERO, Rationals.ONE);
    e[i][j] = w;
    e[j][i] = Rationals.ONE.subtract(w);
    return PreferenceMatrix.of(e);
  }

  /** Moves mass from one coordinate to another (all of it, sometimes). */
  static @Nullable Distribution moveDistribution(Distribution d, Random rng) {
    int k = d.k();
    if (k < 2) {
      return null;
    }
    Aprational[] p = d.exactEntries();
    int a = rng.nextInt(k);
    int b = rng.nextInt(k - 1);
    if (b >= a) {
      b++;
    }
    if (p[a].signum() == 0) {
      int t = a; // move from a coordinate that has mass
      a = b;
      b = t;
      if (p[a].signum() == 0) {
        return null;
      }
    }
    Aprational newA;
    double r = rng.nextDouble();
    if (r < 0.1) {
      newA = Rationals.ZERO; // all of it: point masses and boundary samplers
    } else if (r < 0.15) {
      Aprational[] u = new Aprational[k];
      Arrays.fill(u, Rationals.of(1, k));
      return Distribution.of(u);
    } else {
      Aprational target = p[a].subtract(Fractions.abs(step(Rationals.ZERO, 1.0, rng)));
      newA = Fractions.clamp(target, Rationals.ZERO, p[a]);
      if (newA.equals(p[a])) {
        return null;
      }
    }
    Aprational moved = p[a].subtract(newA);
    p[a] = newA;
    p[b] = p[b].add(moved);
    return Distribution.of(p);
  }

  /** Nudges a scalar: integer params by ±1, others by a relative step on a small grid. */
  static Aprational moveScalar(Aprational v, boolean param, Random rng) {
    if (param && Fractions.isInteger(v) && rng.nextDouble() < 0.5) {
      return v.add(Rationals.of(rng.nextBoolean() ? 1 : -1));
    }
    double r = rng.nextDouble();
    if (r < 0.08) {
      Aprational[] special = {Rationals.ZERO, Rationals.HALF, Rationals.ONE};
      return special[rng.nextInt(special.length)];
    }
    double scale = Math.max(Math.abs(v.doubleValue()), 0.25);
    return step(v, scale, rng);
  }

  /** v plus a Gaussian step of a random size (times scale), rounded to a random small grid. */
  static Aprational step(Aprational v, double scale, Random rng) {
    double sd = STEPS[rng.nextInt(STEPS.length)] * scale;
    double target = v.doubleValue() + rng.nextGaussian() * sd;
    long d = GRIDS[rng.nextInt(GRIDS.length)];
    while (d < 1_000_000 && 1.0 / d > 2 * sd) {
      d *= 10; // a grid finer than the step, or the step would round away
    }
    Aprational w = Fractions.nearest(toRational(target, d), d);
    if (w.equals(v)) {
      w = v.add(Rationals.of(rng.nextBoolean() ? 1 : -1, d));
    }
    return w;
  }

  /** The multiple of 1/d nearest to a double (only to propose moves; never for decisions). */
  private static Aprational toRational(double x, long d) {
    return Rationals.of(Math.round(x * d), d);
  }
}
