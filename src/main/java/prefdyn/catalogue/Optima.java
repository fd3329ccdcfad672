package prefdyn.catalogue;

import prefdyn.num.Ball;
import prefdyn.num.Precision;
import prefdyn.optimum.DpoOptimum;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;

/** Pieces of the optimum statements (L1, L2, T10, C5): losses' stationarity, certified optima, equalities of enclosures. */
public final class Optima {
  private Optima() {}

  /** The frame of the optimum lemmas L1 and L2: the kind, the proof note proofs-notes/ID.md, instances carrying μ, π_ref and β. */
  static StatementBuilder lemma(String id, Kind kind) {
    return Statement.named(id).kind(kind).proofNote("proofs-notes/" + id + ".md").slots(Slot.SAMPLER, Slot.REF, Slot.BETA);
  }

  /**
   * Ford's condition (docs/theory.md L2(b)): with an interior sampler (every MRS-DPO round's
   * λ softmax θ + (1-λ)π_0 with π_0 interior, or softmax θ) the support is everything, and a
   * finite DPO optimum exists iff the graph {@code a → b iff P_ab > 0} is strongly connected.
   * Exact.
   */
  static boolean finiteDpoOptimum(PreferenceMatrix p) {
    return DpoOptimum.existence(p).attained();
  }

  /** {@code log π_ref} of the instance's reference, in balls. */
  static Ball[] refLogits(Instance x, int prec) {
    return DpoOptimum.logBalls(x.get(Slot.REF), prec);
  }

  /** {@code r = log(π/π_ref)}: the logits relative to the instance's reference (the losses' variable). */
  static Ball[] relativeToReference(Instance x, Ball[] logits, int prec) {
    Ball[] refL = refLogits(x, prec);
    Ball[] r = new Ball[logits.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = logits[i].sub(refL[i], prec);
    }
    return r;
  }

  /**
   * "Stationary point and strict minimum" from enclosures over a box that contains the point: the
   * gradient (one ball per coordinate) and a lower bound of the Hessian's smallest eigenvalue on
   * the centered vectors (the curvature margin, strict). When every gradient enclosure contains 0
   * the margin is the curvature's enclosure (HOLDS iff its lower end is > 0: a strict minimum);
   * when one excludes 0, the point is certified not stationary and the margin is that equality's
   * (VIOLATED).
   */
  static Margin stationaryStrictMinimum(Ball[] gradient, Margin curvature, String what) {
    Margin stationary = allZero(gradient, "∂L/∂r_", " of the " + what);
    if (stationary.verdict() != Verdict.HOLDS) {
      return stationary;
    }
    Ball reach = Ball.ZERO;
    for (Ball g : gradient) {
      reach = Ball.max(reach, g.abs());
    }
    return curvature.withDetail(curvature.detail() + "; stationary: every |∂L/∂r_a| ≤ " + reach.upperDecimal(3)
        + " over the enclosure of the point");
  }

  /**
   * The conjunction of the asserted equalities {@code d_i = 0} ({@link Margin#equality} for each
   * coordinate, combined by {@link Margin#min}), evaluated only where it decides: the coordinate
   * whose enclosure lies farthest from 0 when one excludes 0 (VIOLATED), else the first one that is
   * not finite (UNDECIDED), else the one with the widest enclosure (HOLDS, "|difference| ≤ r" with
   * the largest r). The same verdict as the min over all coordinates (the witness chosen by
   * doubles), with two exact conversions instead of 2K.
   */
  static Margin allZero(Ball[] d, String prefix, String suffix) {
    int widest = 0;
    int farthest = -1;
    int infinite = -1;
    for (int i = 0; i < d.length; i++) {
      double reach = d[i].radUpper() + Math.abs(d[i].midDouble());
      if (!d[i].isFinite()) {
        infinite = infinite < 0 ? i : infinite;
      } else if (!d[i].containsZero()) {
        double dist = Math.abs(d[i].midDouble()) - d[i].radUpper();
        if (farthest < 0 || dist > Math.abs(d[farthest].midDouble()) - d[farthest].radUpper()) {
          farthest = i;
        }
      } else if (reach > d[widest].radUpper() + Math.abs(d[widest].midDouble())) {
        widest = i;
      }
    }
    int w = farthest >= 0 ? farthest : infinite >= 0 ? infinite : widest;
    return Margin.equality(d[w], prefix + w + suffix);
  }

  /** The certified DPO optimum of the instance (P, π_ref, β) at the sampler mu. */
  static DpoOptimum.Outcome dpoOptimum(Instance x, Distribution mu, Precision q) {
    return DpoOptimum.certify(x.pref(), mu, x.get(Slot.REF), x.get(Slot.BETA), q);
  }

  /** {@code max_a |A_a - B_a|} in balls: the sup-distance of two enclosed centered logit vectors. */
  static Ball supDistance(Ball[] a, Ball[] b, int prec) {
    Ball d = Ball.ZERO;
    for (int i = 0; i < a.length; i++) {
      d = Ball.max(d, a[i].sub(b[i], prec).abs());
    }
    return d;
  }
}
