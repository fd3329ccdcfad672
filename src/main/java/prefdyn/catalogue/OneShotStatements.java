package prefdyn.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.apfloat.Aprational;
import prefdyn.gen.Distributions;
import prefdyn.gen.Matrices;
import prefdyn.num.Ball;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.optimum.DpoOptimum;
import prefdyn.optimum.GapChange;
import prefdyn.optimum.IpoOptimum;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.pref.Sst;
import prefdyn.pref.Structure;
import prefdyn.sampler.ExactLp;
import prefdyn.sampler.Samplers;
import prefdyn.sampler.Witnesses;

/**
 * Catalogue entries of docs/theory.md sections 2, 3 and 5 (L1, L2, T1, T2, T4, T4b, T5, T10) and the
 * conjectures C1, C3, C5: generator, hypotheses test and signed margin of each. Margins of ranking
 * statements are exact rationals; margins of optima are certified enclosures from ball arithmetic
 * ({@link Ball}, {@link DpoOptimum#certify}): no tolerance decides anything.
 */
public final class OneShotStatements {
  private OneShotStatements() {}

  /** All entries, in docs/theory.md order. */
  public static List<Statement> all() {
    return List.of(L1, L2, T1, T2, T4, T4B, T5, T10, C1, C3, C5);
  }

  // ---------------------------------------------------------------------------------------------
  // Shared generators.

  static Arbitrary<Aprational> betas() {
    return Arbitraries.of(Rationals.of(1, 2), Rationals.ONE, Rationals.of(2), Rationals.of(5));
  }

  /** Matrices with every off-diagonal entry in (0,1): BT ones and general ones. */
  static Arbitrary<PreferenceMatrix> openMatrices(int minK, int maxK) {
    return Arbitraries.oneOf(
        Matrices.bradleyTerry(minK, maxK),
        Matrices.any(minK, maxK).filter(OneShotStatements::offDiagonalOpen),
        Matrices.sst(minK, maxK).filter(OneShotStatements::offDiagonalOpen),
        Matrices.threeCycle().filter(OneShotStatements::offDiagonalOpen));
  }

  static boolean offDiagonalOpen(PreferenceMatrix p) {
    for (int i = 0; i < p.k(); i++) {
      for (int j = 0; j < p.k(); j++) {
        if (i != j && (p.entry(i, j).signum() == 0 || p.entry(i, j).compareTo(Rationals.ONE) == 0)) {
          return false;
        }
      }
    }
    return true;
  }

  /** Instances (P, μ interior, ref interior, β) for the optimum statements. */
  static Arbitrary<Instance> optimumInstances(Arbitrary<PreferenceMatrix> matrices) {
    return matrices.flatMap(p -> Combinators.combine(
        Distributions.interior(p.k()), Distributions.interior(p.k()), betas())
        .as((mu, ref, beta) -> Instance.of(p).withSampler(mu).withRef(ref).withBeta(beta)));
  }

  /**
   * μ' from μ by moving mass up the order: each move {@code (a, b, q)} with positions
   * {@code to = min(a,b) < from = max(a,b)} moves {@code q/4} of the current mass at {@code from}
   * to {@code to}. Every prefix sum along the order can only grow: μ' dominates μ toward the top.
   */
  static Distribution shiftUp(Distribution mu, int[] order, List<List<Integer>> moves) {
    Aprational[] m = mu.exactEntries();
    for (List<Integer> mv : moves) {
      int a = mv.get(0) % order.length;
      int b = mv.get(1) % order.length;
      if (a == b) {
        continue;
      }
      int from = order[Math.max(a, b)];
      int to = order[Math.min(a, b)];
      Aprational amount = m[from].multiply(Rationals.of(mv.get(2), 4));
      m[from] = m[from].subtract(amount);
      m[to] = m[to].add(amount);
    }
    return Distribution.of(m);
  }

  static Arbitrary<List<List<Integer>>> moves() {
    return Combinators.combine(Arbitraries.integers().between(0, 9), Arbitraries.integers().between(0, 9),
        Arbitraries.integers().between(1, 4)).as(List::of).list().ofMinSize(0).ofMaxSize(4);
  }

  // ---------------------------------------------------------------------------------------------
  // L1 and L2: the optimum is a stationary point and a strict minimum of its loss.

  /** {@code log π_ref} of the instance's reference, in balls. */
  static Ball[] refLogits(Instance x, int prec) {
    return DpoOptimum.logBalls(Instance.need(x.ref(), "ref"), prec);
  }

  /** {@code r = log(π/π_ref)}: the logits relative to the instance's reference (the losses' variable). */
  private static Ball[] relativeToReference(Instance x, Ball[] logits, int prec) {
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

  /** L1's margin for given logits in balls (the library's closed form, or a deliberately wrong formula's). */
  public static Margin l1Margin(Instance x, Ball[] logits, Precision q) {
    int prec = q.bits();
    Distribution mu = Instance.need(x.sampler(), "sampler");
    Ball[] g = IpoOptimum.populationGradient(DpoOptimum.balls(x.pref(), prec), DpoOptimum.balls(mu, prec),
        relativeToReference(x, logits, prec), Ball.of(Instance.need(x.beta(), "beta"), prec), prec);
    Aprational kappa = IpoOptimum.curvature(mu);
    return stationaryStrictMinimum(g, Margin.exact(kappa, true,
        "curvature of the IPO loss on centered vectors ≥ 4|S| min μ_a μ_b = " + Rationals.format(kappa) + " (exact)"), "IPO loss");
  }

  /** The library's IPO closed form for the instance, in balls. */
  public static Ball[] ipoLogits(Instance x, Precision q) {
    return IpoOptimum.logits(x.pref(), Instance.need(x.sampler(), "sampler"), refLogits(x, q.bits()),
        Instance.need(x.beta(), "beta"), q.bits());
  }

  public static final Statement L1 = entry("L1", Kind.PAPER,
      "The IPO closed form π_ref·exp(βPμ)/Z is a stationary point and strict minimum of the population IPO loss (full-support μ)",
      () -> optimumInstances(Matrices.any(2, 5)),
      x -> x.sampler() != null && x.sampler().interior() && x.ref() != null && x.ref().interior()
          && x.beta() != null && x.beta().signum() > 0 && x.pref().isExact(),
      (x, q) -> l1Margin(x, ipoLogits(x, q), q));

  /**
   * L2's margin for given logits in balls (the certified optimum's, or a wrong one's): the DPO
   * loss's gradient enclosed over the box, and the curvature bound {@link DpoOptimum#curvature}
   * enclosed over the box.
   */
  public static Margin l2Margin(Instance x, Ball[] logits, Precision q, String certificate) {
    int prec = q.bits();
    Ball[] mu = DpoOptimum.balls(Instance.need(x.sampler(), "sampler"), prec);
    Ball beta = Ball.of(Instance.need(x.beta(), "beta"), prec);
    Ball[] r = relativeToReference(x, logits, prec);
    Ball[] g = DpoOptimum.gradient(DpoOptimum.balls(x.pref(), prec), mu, r, beta, prec);
    Ball kappa = DpoOptimum.curvature(mu, r, beta, prec);
    return stationaryStrictMinimum(g, Margin.of(kappa, true,
        "curvature of the DPO loss on centered vectors ≥ β²|S| min μ_a μ_b σ'(β(r_a - r_b)) ∈ [" + kappa.lowerDecimal(4)
            + ", " + kappa.upperDecimal(4) + "]" + certificate), "DPO loss");
  }

  public static final Statement L2 = entry("L2", Kind.PROVED,
      "The damped-Newton DPO optimum, certified by strong convexity, is a stationary point and strict minimum of the DPO loss (full-support μ, P in (0,1))",
      () -> optimumInstances(openMatrices(2, 4)),
      x -> x.sampler() != null && x.sampler().interior() && x.ref() != null && x.ref().interior()
          && x.beta() != null && x.beta().signum() > 0 && x.pref().isExact() && offDiagonalOpen(x.pref()),
      (x, q) -> {
        DpoOptimum.Outcome o = dpoOptimum(x, Instance.need(x.sampler(), "sampler"), q);
        if (o instanceof DpoOptimum.Failure f) {
          return Margin.unknown(f.reason(), true, "certified DPO optimum");
        }
        DpoOptimum.Certificate c = (DpoOptimum.Certificate) o;
        return l2Margin(x, c.logits(), q, "; certificate: ||∇L(r̃)|| ≤ " + c.gradientNorm().upperDecimal(3)
            + ", ||Π(r̃ - r*)|| ≤ " + c.radius().upperDecimal(3));
      });

  /** The certified DPO optimum of the instance (P, π_ref, β) at the sampler mu. */
  static DpoOptimum.Outcome dpoOptimum(Instance x, Distribution mu, Precision q) {
    return DpoOptimum.certify(x.pref(), mu, Instance.need(x.ref(), "ref"), Instance.need(x.beta(), "beta"), q);
  }

  // ---------------------------------------------------------------------------------------------
  // T1: fixed sampling fails all three desiderata.

  /**
   * T1's margin on a claimed witness P for μ: {@code (Pμ)_j - (Pμ)_c} maximized over j, where c
   * is P's Condorcet winner (also its Smith set and the top of its order): positive iff the IPO
   * optimum ranks c strictly below some j. -1 when P is not transitive or has no Condorcet winner.
   */
  public static Margin t1Margin(PreferenceMatrix p, Distribution mu) {
    Optional<int[]> order = Structure.majorityOrder(p);
    if (order.isEmpty()) {
      return Margin.exact(Rationals.ONE.negate(), true, "P is not transitive");
    }
    int c = order.get()[0];
    Aprational[] s = p.times(mu);
    Aprational best = null;
    int arg = -1;
    for (int j = 0; j < p.k(); j++) {
      if (j != c) {
        Aprational d = s[j].subtract(s[c]);
        if (best == null || d.compareTo(best) > 0) {
          best = d;
          arg = j;
        }
      }
    }
    Aprational m = best == null ? Rationals.ONE.negate() : best;
    return Margin.exact(m, true, "(Pμ)_" + arg + " - (Pμ)_" + c + ": how far the Condorcet winner " + c + " is ranked below " + arg);
  }

  public static final Statement T1 = entry("T1", Kind.PAPER,
      "For every μ and β there is a transitive P with a Condorcet winner that IPO ranks strictly below another response",
      () -> Arbitraries.integers().between(3, 5).flatMap(k -> Combinators.combine(Distributions.any(k), betas())
          .as((mu, beta) -> Instance.of(Witnesses.t1(mu).pref()).withSampler(mu).withBeta(beta))),
      x -> x.k() >= 3 && x.sampler() != null && x.beta() != null && x.beta().signum() > 0 && x.pref().isExact()
          && Instance.need(x.sampler(), "sampler").isExact() && x.pref().equals(Witnesses.t1(Instance.need(x.sampler(), "sampler")).pref()),
      (x, q) -> t1Margin(x.pref(), Instance.need(x.sampler(), "sampler")));

  // ---------------------------------------------------------------------------------------------
  // T2: the max-margin sampler restores Smith-top with full support.

  /** T2's margin of a sampler: {@code min(min_k μ_k, min_{i∈S, j∉S} (Pμ)_i - (Pμ)_j)}, exact. */
  public static Margin t2Margin(PreferenceMatrix p, Distribution mu) {
    Aprational minMu = null;
    for (int i = 0; i < mu.k(); i++) {
      minMu = minMu == null || mu.exact(i).compareTo(minMu) < 0 ? mu.exact(i) : minMu;
    }
    Aprational m = minMu == null ? Rationals.ZERO : minMu;
    Aprational smith = Samplers.margin(p, mu, Samplers.pairs(p, Samplers.Goal.SMITH_TOP));
    if (smith == null) {
      return Margin.exact(m, true, "Smith set is all responses (Smith-top vacuous); margin = smallest sampler entry");
    }
    return Margin.exact(Rationals.min(m, smith), true, "min(smallest sampler entry, Smith-top margin " + Rationals.format(smith) + ")");
  }

  public static final Statement T2 = entry("T2", Kind.PAPER,
      "For every P the max-margin sampler, mixed with uniform, has full support and ranks the Smith set strictly on top",
      () -> Arbitraries.oneOf(Matrices.any(2, 5), Matrices.withCondorcetWinner(2, 5), Matrices.withSmithSetOfSize(2, 2, 5),
          Matrices.withSmithSetOfSize(3, 3, 5), Matrices.transitive(2, 5), Matrices.sst(2, 5), Matrices.threeCycle(),
          Matrices.bradleyTerry(2, 5)).map(Instance::of),
      x -> x.pref().isExact(),
      (x, q) -> {
        Samplers.Result r = Samplers.solve(x.pref(), Samplers.Goal.SMITH_TOP);
        if (!(r instanceof Samplers.Found f)) {
          return Margin.exact(Rationals.ONE.negate(), true, "the Smith-top LP reported no sampler");
        }
        return t2Margin(x.pref(), f.sampler());
      });

  // ---------------------------------------------------------------------------------------------
  // T4, T4b, C3: order-preserving samplers.

  /**
   * T4's margin on a claimed witness P: {@code -γ*}, where γ* is the exact optimum of the order LP
   * (max over μ ∈ Δ_K of the smallest consecutive gap {@code (Pμ)_{o_t} - (Pμ)_{o_{t+1}}}), and only
   * when the LP's Farkas certificate for "no μ >= 0 has every gap >= 1" passes the independent
   * check {@link ExactLp#verifyFarkas}. Exact, non-strict: P has no order-preserving sampler iff
   * {@code γ* <= 0} (γ* = 0: ties reachable, a strict order not). A rejected certificate or an
   * order-preserving sampler gives a negative margin.
   */
  public static Margin t4Margin(PreferenceMatrix p) {
    Samplers.Result r = Samplers.solve(p, Samplers.Goal.ORDER);
    if (r instanceof Samplers.NoSampler no) {
      String why = ExactLp.verifyFarkas(no.problem(), no.certificate().multipliers());
      if (why != null) {
        return Margin.exact(Rationals.ONE.negate(), true, "certificate rejected: " + why);
      }
      return Margin.exact(no.lpOptimum().negate(), false, "-γ* of the order LP; Farkas certificate (multipliers "
          + java.util.Arrays.stream(no.certificate().multipliers()).map(Rationals::format).toList() + ") verified");
    }
    Samplers.Found f = (Samplers.Found) r;
    return Margin.exact(Instance.need(f.lpOptimum(), "γ*").negate(), false,
        "-γ* < 0: the sampler " + f.sampler() + " preserves the order");
  }

  /**
   * T4 is existential: the instances are the fixed witness {@link Witnesses#t4()} under all 24
   * relabellings of its responses (the statement is invariant under relabelling, so each is a
   * witness too and exercises the LP and the certificate check on a different row order). Looking
   * for more witnesses is the search's job (C3).
   */
  static Arbitrary<Instance> t4Instances() {
    return Matrices.permutations(4).map(perm -> Instance.of(Matrices.relabel(Witnesses.t4().exactEntries(), perm)));
  }

  public static final Statement T4 = entry("T4", Kind.PAPER,
      "Some transitive K = 4 matrix has no order-preserving sampler: the witness of proofs-notes/T4.md (and its relabellings), with an exact Farkas certificate",
      OneShotStatements::t4Instances,
      x -> x.k() == 4 && x.pref().isExact() && Structure.isTransitive(x.pref()),
      (x, q) -> t4Margin(x.pref()), 24);

  /**
   * T4b's margin: the explicit sampler {@code (1-ε)δ_b + ε·uniform} for the order a ▷ b ▷ c,
   * {@code ε = m/(2(1+m))}, {@code m = min(P_ab, P_bc) - 1/2}: min of its smallest entry and its
   * smallest consecutive gap.
   */
  public static Margin t4bMargin(PreferenceMatrix p, int position) {
    int[] o = Structure.majorityOrder(p).orElseThrow(() -> new IllegalArgumentException("P is not transitive"));
    Aprational m = Rationals.min(p.exact(o[0], o[1]), p.exact(o[1], o[2])).subtract(Rationals.HALF);
    Aprational eps = m.divide(Rationals.of(2).multiply(Rationals.ONE.add(m)));
    Aprational[] e = new Aprational[3];
    for (int i = 0; i < 3; i++) {
      e[i] = eps.divide(Rationals.of(3)).add(i == o[position] ? Rationals.ONE.subtract(eps) : Rationals.ZERO);
    }
    Distribution mu = Distribution.of(e);
    Aprational gap = Samplers.margin(p, mu, Samplers.pairs(p, Samplers.Goal.ORDER));
    Aprational minEntry = Rationals.min(Rationals.min(e[0], e[1]), e[2]);
    Aprational g = gap == null ? Rationals.ZERO : gap;
    return Margin.exact(Rationals.min(g, minEntry), true,
        "min(smallest entry, smallest order gap) of (1-ε)δ_" + o[position] + " + ε·uniform, ε = " + Rationals.format(eps));
  }

  public static final Statement T4B = entry("T4b", Kind.PROVED,
      "For K = 3 every transitive P has an order-preserving full-support sampler: the middle point mass, perturbed",
      () -> Matrices.transitive(3, 3).map(Instance::of),
      x -> x.k() == 3 && x.pref().isExact() && Structure.isTransitive(x.pref()),
      (x, q) -> t4bMargin(x.pref(), 1));

  public static final Statement C3 = entry("C3", Kind.CONJECTURE,
      "Every transitive P has an order-preserving sampler (false for K = 4, T4); margin = γ* of the order LP",
      () -> Matrices.transitive(2, 5).map(Instance::of),
      x -> x.pref().isExact() && Structure.isTransitive(x.pref()),
      (x, q) -> {
        Samplers.Result r = Samplers.solve(x.pref(), Samplers.Goal.ORDER);
        Aprational g = r instanceof Samplers.NoSampler no ? no.lpOptimum() : Instance.need(((Samplers.Found) r).lpOptimum(), "γ*");
        return Margin.exact(g, true, "γ* of the order LP (max over μ of the smallest consecutive gap)");
      });

  // ---------------------------------------------------------------------------------------------
  // T5 and C1: top-dominating samplers and logit gaps.

  /**
   * T5 instances: P with majority order 0 ▷ 1 ▷ ... ▷ K-1 built from strictly decreasing integer
   * scores S ({@code P_ab = 1/2 + (S_a - S_b)/(2N)}), then row i tilted by a nonincreasing
   * {@code φ} (positive above i, zero between i and j, negative below j, small enough to keep
   * every majority; at least one of the two tilts on): d = P_i· - P_j· is nonincreasing along the
   * order. μ any; μ' = μ shifted up by one to four mass moves. Only instances where the strict
   * clause applies are kept: under the hypotheses every Abel term is >= 0, so without a gaining
   * prefix at a drop of d (in particular when μ' = μ or d is constant) the change is exactly 0 and
   * the instance tests nothing.
   */
  static Arbitrary<Instance> t5Instances() {
    return Arbitraries.integers().between(3, 5).flatMap(k -> Combinators.combine(
        Arbitraries.integers().between(1, 3).list().ofSize(k - 1),
        Arbitraries.integers().between(0, k - 2),
        Arbitraries.integers().between(1, k - 1),
        Arbitraries.of(List.of(1, 0), List.of(0, 1), List.of(1, 1)),
        Distributions.any(k), moves().filter(m -> !m.isEmpty()), betas()).as((inc, i, span, tilt, mu, mv, beta) -> {
          int j = Math.min(k - 1, i + span);
          int up = tilt.get(0);
          int down = tilt.get(1);
          long[] s = new long[k];
          for (int t = k - 2; t >= 0; t--) {
            s[t] = s[t + 1] + inc.get(t);
          }
          long n = s[0];
          Aprational[][] p = new Aprational[k][k];
          for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
              p[a][b] = Rationals.HALF.add(Rationals.of(s[a] - s[b], 2 * n));
            }
          }
          Aprational theta = Rationals.of(1, 4 * n * k);
          for (int c = 0; c < k; c++) {
            Aprational phi = Rationals.ZERO;
            if (c < i) {
              phi = theta.multiply(Rationals.of((long) up * (i - c)));
            } else if (c > j) {
              phi = theta.multiply(Rationals.of((long) -down * (c - j)));
            }
            if (c != i && c != j) {
              p[i][c] = p[i][c].add(phi);
              p[c][i] = Rationals.ONE.subtract(p[i][c]);
            }
          }
          int[] order = new int[k];
          for (int t = 0; t < k; t++) {
            order[t] = t;
          }
          return Instance.of(PreferenceMatrix.of(p)).withSampler(mu).withSamplerPrime(shiftUp(mu, order, mv)).withBeta(beta)
              .withParam("i", Rationals.of(i)).withParam("j", Rationals.of(j));
        }))
        .filter(x -> GapChange.strictPosition(x.pref(), Structure.majorityOrder(x.pref()).orElseThrow(), x.param("i").intValue(),
            x.param("j").intValue(), Instance.need(x.sampler(), "sampler"), Instance.need(x.samplerPrime(), "samplerPrime")) >= 0);
  }

  static boolean t5Admits(Instance x) {
    if (x.sampler() == null || x.samplerPrime() == null || x.beta() == null || !x.pref().isExact()
        || !x.params().containsKey("i") || !x.params().containsKey("j")) {
      return false;
    }
    Optional<int[]> o = Structure.majorityOrder(x.pref());
    int i = x.param("i").intValue();
    int j = x.param("j").intValue();
    return o.isPresent() && i >= 0 && j >= 0 && i < x.k() && j < x.k() && x.pref().beats(i, j)
        && GapChange.dNonincreasing(x.pref(), o.get(), i, j)
        && GapChange.topDominates(o.get(), Instance.need(x.samplerPrime(), "samplerPrime"), Instance.need(x.sampler(), "sampler"))
        && Instance.need(x.beta(), "beta").signum() > 0;
  }

  /**
   * T5's margin for a claimed change {@code c} of the logit gap of i over j from μ to μ' (the
   * statement passes the exact {@link GapChange#change}; tests pass broken formulas). Where the
   * strict clause applies (some prefix of the order gains mass, {@code D_m > 0}, at a position
   * where d drops, {@code d_{o_m} > d_{o_{m+1}}}) the claim is {@code c > 0} and the margin is
   * strict; otherwise it is {@code c >= 0}. Exact.
   */
  public static Margin t5Margin(Instance x, Aprational c) {
    int i = x.param("i").intValue();
    int j = x.param("j").intValue();
    String what = "change of the logit gap β((Pμ)_" + i + " - (Pμ)_" + j + ") from μ to μ'";
    Optional<int[]> o = Structure.majorityOrder(x.pref());
    int m = o.isPresent() ? GapChange.strictPosition(x.pref(), o.get(), i, j, Instance.need(x.sampler(), "sampler"),
        Instance.need(x.samplerPrime(), "samplerPrime")) : -1;
    if (m >= 0) {
      return Margin.exact(c, true, what + "; strict clause (D_" + m + " > 0 where d drops)");
    }
    return Margin.exact(c, false, what + "; no prefix gains mass where d drops: non-strict");
  }

  public static final Statement T5 = entry("T5", Kind.PROVED,
      "If μ' dominates μ toward the top and d = P_i· - P_j· is nonincreasing along the order, the logit gap of i over j does not shrink (grows where a gaining prefix meets a drop of d)",
      OneShotStatements::t5Instances,
      OneShotStatements::t5Admits,
      (x, q) -> t5Margin(x, GapChange.change(x.pref(), x.param("i").intValue(), x.param("j").intValue(),
          Instance.need(x.sampler(), "sampler"), Instance.need(x.samplerPrime(), "samplerPrime"), Instance.need(x.beta(), "beta"))));

  public static final Statement C1 = entry("C1", Kind.CONJECTURE,
      "Under SST, any top-dominating μ' enlarges every logit gap (expected false); margin = min over pairs of the gap change",
      () -> Matrices.sst(3, 5).flatMap(p -> Combinators.combine(Distributions.any(p.k()), moves(), betas()).as((mu, mv, beta) ->
          Instance.of(p).withSampler(mu).withSamplerPrime(shiftUp(mu, Structure.majorityOrder(p).orElseThrow(), mv)).withBeta(beta))),
      x -> x.sampler() != null && x.samplerPrime() != null && x.beta() != null && x.beta().signum() > 0 && x.pref().isExact()
          && Structure.sst(x.pref()) != Sst.NO
          && GapChange.topDominates(Structure.majorityOrder(x.pref()).orElseThrow(), Instance.need(x.samplerPrime(), "samplerPrime"),
              Instance.need(x.sampler(), "sampler")),
      (x, q) -> Margin.exact(GapChange.minOverPairs(x.pref(), Instance.need(x.sampler(), "sampler"),
          Instance.need(x.samplerPrime(), "samplerPrime"), Instance.need(x.beta(), "beta")), false,
          "smallest change of a logit gap β((Pμ)_i - (Pμ)_j), i ▷ j, from μ to μ'"));

  // ---------------------------------------------------------------------------------------------
  // T10 and C5: DPO sampling invariance.

  /**
   * T10's BT margin: the equality of the certified DPO optimum at μ and
   * {@code Π(log π_ref + s/β_formula)}, coordinate by coordinate ({@link Structure#bradleyTerryScores}, the BT
   * scores in balls). HOLDS when every enclosure of the difference contains 0
   * ("|difference| ≤ r"); VIOLATED when one excludes 0. {@code formulaBeta} is β for the theorem;
   * tests pass a wrong one.
   */
  public static Margin t10BtMargin(Instance x, Aprational formulaBeta, Precision q) {
    int prec = q.bits();
    DpoOptimum.Outcome o = dpoOptimum(x, Instance.need(x.sampler(), "sampler"), q);
    if (o instanceof DpoOptimum.Failure f) {
      return Margin.unknown(f.reason(), false, "certified DPO optimum at μ");
    }
    Ball[] logits = ((DpoOptimum.Certificate) o).logits();
    Ball[] refL = refLogits(x, prec);
    Ball b = Ball.of(formulaBeta, prec);
    Ball[] s = Structure.bradleyTerryScores(x.pref(), prec).orElseThrow();
    Ball[] expected = new Ball[x.k()];
    for (int i = 0; i < x.k(); i++) {
      expected[i] = refL[i].add(s[i].div(b, prec), prec);
    }
    expected = DpoOptimum.center(expected, prec);
    Ball[] d = new Ball[x.k()];
    for (int i = 0; i < x.k(); i++) {
      d[i] = logits[i].sub(expected[i], prec);
    }
    return allZero(d, "coordinate ", " of (DPO optimum) - Π(log π_ref + s/β)");
  }

  /** {@code max_a |A_a - B_a|} in balls: the sup-distance of two enclosed centered logit vectors. */
  static Ball distance(Ball[] a, Ball[] b, int prec) {
    Ball d = Ball.ZERO;
    for (int i = 0; i < a.length; i++) {
      d = Ball.max(d, a[i].sub(b[i], prec).abs());
    }
    return d;
  }

  /**
   * T10's non-BT margin: over candidate samplers (the instance's μ and μ', uniform, then
   * {@code (δ_k + uniform)/2}), the largest certified sup-distance between the certified optimum at
   * μ and at another candidate (a disjunction, {@link Margin#max}): strict, HOLDS when one lower
   * end is > 0 (two samplers certifiably give different optima).
   */
  public static Margin t10NonBtMargin(Instance x, Precision q) {
    int k = x.k();
    int prec = q.bits();
    Distribution mu = Instance.need(x.sampler(), "sampler");
    DpoOptimum.Outcome base = dpoOptimum(x, mu, q);
    if (base instanceof DpoOptimum.Failure f) {
      return Margin.unknown(f.reason(), true, "certified DPO optimum at μ");
    }
    Ball[] a = ((DpoOptimum.Certificate) base).logits();
    List<Distribution> cands = new ArrayList<>();
    if (x.samplerPrime() != null) {
      cands.add(x.samplerPrime());
    }
    cands.add(Distribution.uniform(k));
    Margin best = null;
    for (int round = 0; round < 2; round++) {
      for (Distribution nu : cands) {
        if (nu.equals(mu)) {
          continue;
        }
        DpoOptimum.Outcome o = dpoOptimum(x, nu, q);
        String what = "max_a |optimum(μ)_a - optimum(ν)_a| for μ = " + mu + ", ν = " + nu;
        Margin m = o instanceof DpoOptimum.Certificate c
            ? Margin.of(distance(a, c.logits(), prec), true, what)
            : Margin.unknown(((DpoOptimum.Failure) o).reason(), true, what);
        best = best == null ? m : Margin.max(best, m);
      }
      if (best != null && best.verdict() == Verdict.HOLDS) {
        break;
      }
      cands.clear();
      for (int i = 0; i < k; i++) {
        Aprational[] e = new Aprational[k];
        for (int t = 0; t < k; t++) {
          e[t] = Rationals.of(1, 2L * k).add(t == i ? Rationals.HALF : Rationals.ZERO);
        }
        cands.add(Distribution.of(e));
      }
    }
    return best == null ? Margin.unknown("no second sampler", true, "certified distance between DPO optima") : best;
  }

  static boolean t10Admits(Instance x) {
    return x.sampler() != null && x.sampler().interior() && x.ref() != null && x.ref().interior() && x.beta() != null
        && x.beta().signum() > 0 && x.pref().isExact() && offDiagonalOpen(x.pref())
        && (x.samplerPrime() == null || x.samplerPrime().interior());
  }

  static Arbitrary<Instance> twoSamplerInstances(Arbitrary<PreferenceMatrix> matrices) {
    return matrices.flatMap(p -> Combinators.combine(Distributions.interior(p.k()), Distributions.interior(p.k()),
        Distributions.interior(p.k()), betas())
        .as((mu, mu2, ref, beta) -> Instance.of(p).withSampler(mu).withSamplerPrime(mu2).withRef(ref).withBeta(beta)));
  }

  public static final Statement T10 = entry("T10", Kind.PAPER,
      "DPO optimum: for BT P equal to π_ref ⊙ softmax(s/β) for every full-support μ; for non-BT P two samplers give certifiably different optima",
      () -> twoSamplerInstances(openMatrices(2, 4)),
      OneShotStatements::t10Admits,
      (x, q) -> Structure.isBradleyTerry(x.pref()) ? t10BtMargin(x, Instance.need(x.beta(), "beta"), q) : t10NonBtMargin(x, q));

  /**
   * C5's margin: the equality of the certified DPO optima at μ and μ', coordinate by coordinate
   * (non-strict): VIOLATED when some enclosure of the difference excludes 0 (certifiably different
   * optima), HOLDS ("|difference| ≤ r") when all contain 0, as for BT matrices.
   */
  public static Margin c5Margin(Instance x, Precision q) {
    int prec = q.bits();
    DpoOptimum.Outcome a = dpoOptimum(x, Instance.need(x.sampler(), "sampler"), q);
    DpoOptimum.Outcome b = dpoOptimum(x, Instance.need(x.samplerPrime(), "samplerPrime"), q);
    if (a instanceof DpoOptimum.Failure f) {
      return Margin.unknown(f.reason(), false, "certified DPO optimum at μ");
    }
    if (b instanceof DpoOptimum.Failure f) {
      return Margin.unknown(f.reason(), false, "certified DPO optimum at μ'");
    }
    Ball[] la = ((DpoOptimum.Certificate) a).logits();
    Ball[] lb = ((DpoOptimum.Certificate) b).logits();
    Ball[] d = new Ball[x.k()];
    for (int i = 0; i < x.k(); i++) {
      d[i] = la[i].sub(lb[i], prec);
    }
    return allZero(d, "coordinate ", " of optimum(μ) - optimum(μ') (centered logits)");
  }

  public static final Statement C5 = entry("C5", Kind.CONJECTURE,
      "The DPO optimum does not depend on the sampler (false off BT, T10); margin = equality of the certified optima at μ and μ'",
      () -> twoSamplerInstances(openMatrices(2, 4)),
      x -> t10Admits(x) && x.samplerPrime() != null,
      OneShotStatements::c5Margin);

  // ---------------------------------------------------------------------------------------------

  private static Statement entry(String id, Kind kind, String title, Supplier<Arbitrary<Instance>> gen,
      Predicate<Instance> admits, BiFunction<Instance, Precision, Margin> check) {
    return entry(id, kind, title, gen, admits, check, 100);
  }

  private static Statement entry(String id, Kind kind, String title, Supplier<Arbitrary<Instance>> gen,
      Predicate<Instance> admits, BiFunction<Instance, Precision, Margin> check, int defaultTries) {
    return LambdaStatement.of(id, kind, title, gen, admits, check, defaultTries);
  }

}
