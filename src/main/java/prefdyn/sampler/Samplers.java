package prefdyn.sampler;

import prefdyn.text.Labels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apfloat.Aprational;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.num.InvalidParameter;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.pref.ScoreGap;
import prefdyn.pref.Structure;

/**
 * Instance-dependent samplers (docs/theory.md T2, T4), all exact: each goal asks for a sampler μ whose
 * IPO optimum (uniform π_ref, any β > 0) ranks the pairs {@code (i, j)} of a goal strictly:
 * {@code (Pμ)_i > (Pμ)_j}. The max-margin LP {@code max γ s.t. (Pμ)_i - (Pμ)_j >= γ for each pair,
 * μ ∈ Δ_K} is solved exactly ({@link ExactLp}); when its optimum γ* is positive, the optimum is
 * mixed with uniform to full support, {@code μ = (1-ε)μ* + ε·uniform} with
 * {@code ε = γ* / (2(1+γ*))} (below the bound γ* / (1+γ*) of T2, so every pair keeps a margin of at
 * least γ* / 2); when γ* <= 0, the feasibility LP {@code (Pμ)_i - (Pμ)_j >= 1, μ >= 0} is infeasible
 * and its exact Farkas certificate is returned.
 */
public final class Samplers {
  private Samplers() {}

  /** The goals of {@code prefdyn sampler --goal}. */
  public enum Goal implements Labels.Labelled {
    CONDORCET_TOP,
    SMITH_TOP,
    ORDER;

    public static Goal parse(String text) {
      Goal g = Labels.parse(Goal.class, text);
      if (g == null) {
        throw new InvalidParameter("goal", "the goal must be condorcet-top, smith-top or order, got '" + text + "'");
      }
      return g;
    }
  }

  /** A pair {@code (i, j)} to be ranked {@code i} above {@code j}, named for the LP's rows. */
  public record Pair(int i, int j) implements ScoreGap.Pair {
    public String label() {
      return "(Pμ)_" + i + " - (Pμ)_" + j;
    }
  }

  /** The result of a goal: {@link Found} or {@link NoSampler}. */
  public sealed interface Result permits Found, NoSampler {}

  /**
   * A full-support sampler with its exact margin {@code min_pairs (Pμ)_i - (Pμ)_j}; also the LP
   * optimum γ*, the LP's optimal sampler μ* and the mixing weight ε. When the goal has no pairs
   * (Smith set = all responses) the goal is vacuous: {@code vacuous} is true, the sampler is
   * uniform and the margins are null.
   */
  public record Found(
      Distribution sampler,
      @Nullable Aprational margin,
      @Nullable Aprational lpOptimum,
      Distribution lpSampler,
      Aprational epsilon,
      List<Pair> pairs,
      boolean vacuous) implements Result {}

  /** No sampler meets the goal: the exact LP optimum γ* <= 0 and a verified Farkas certificate. */
  public record NoSampler(Aprational lpOptimum, ExactLp.Problem problem, ExactLp.Infeasible certificate, List<Pair> pairs)
      implements Result {}

  /**
   * The pairs of a goal. @throws InvalidParameter when the goal does not apply: condorcet-top without a
   * Condorcet winner, order on a P that is not transitive
   */
  public static List<Pair> pairs(PreferenceMatrix p, Goal goal) {
    requireExact(p);
    List<Pair> out = new ArrayList<>();
    switch (goal) {
      case CONDORCET_TOP -> {
        OptionalInt c = Structure.condorcetWinner(p);
        if (c.isEmpty()) {
          throw new InvalidParameter("goal", "the goal condorcet-top needs a Condorcet winner, and P has no Condorcet winner"
              + " (its Smith set is " + Arrays.toString(Structure.smithSet(p)) + "; the goal smith-top applies)");
        }
        for (int j = 0; j < p.k(); j++) {
          if (j != c.getAsInt()) {
            out.add(new Pair(c.getAsInt(), j));
          }
        }
      }
      case SMITH_TOP -> {
        int[] s = Structure.smithSet(p);
        boolean[] in = Structure.membership(p.k(), s);
        for (int i : s) {
          for (int j = 0; j < p.k(); j++) {
            if (!in[j]) {
              out.add(new Pair(i, j));
            }
          }
        }
      }
      case ORDER -> {
        Optional<int[]> order = Structure.majorityOrder(p);
        if (order.isEmpty()) {
          throw new InvalidParameter("goal", "the goal order needs a transitive P, and P is not transitive (its majority relation has a tie or a cycle), so there is no order to preserve");
        }
        int[] o = order.get();
        for (int t = 0; t + 1 < o.length; t++) {
          out.add(new Pair(o[t], o[t + 1]));
        }
      }
      default -> throw new IllegalStateException();
    }
    return out;
  }

  /** Solves a goal exactly. @throws InvalidParameter when the goal does not apply to P (see {@link #pairs}) */
  public static Result solve(PreferenceMatrix p, Goal goal) {
    return solve(p, pairs(p, goal));
  }

  /** Solves for the given pairs exactly. */
  public static Result solve(PreferenceMatrix p, List<Pair> pairs) {
    requireExact(p);
    int k = p.k();
    if (pairs.isEmpty()) {
      Distribution u = Distribution.uniform(k);
      return new Found(u, null, null, u, Rationals.ZERO, pairs, true);
    }
    ExactLp.Problem lp = maxMarginLp(p, pairs);
    ExactLp.Outcome out = ExactLp.solve(lp);
    requireVerified(lp, out);
    if (!(out instanceof ExactLp.Optimal opt)) {
      throw new IllegalStateException("the max-margin LP is feasible and bounded, but the solver said " + out);
    }
    Aprational gamma = opt.value();
    if (gamma.signum() <= 0) {
      ExactLp.Problem feas = feasibilityLp(p, pairs);
      ExactLp.Outcome f = ExactLp.solve(feas);
      requireVerified(feas, f);
      if (!(f instanceof ExactLp.Infeasible inf)) {
        throw new IllegalStateException("γ* <= 0 but the feasibility LP is feasible");
      }
      return new NoSampler(gamma, feas, inf, pairs);
    }
    Aprational[] star = new Aprational[k];
    System.arraycopy(opt.x(), 0, star, 0, k);
    Distribution lpSampler = Distribution.of(star);
    boolean interior = lpSampler.interior();
    Aprational eps = interior ? Rationals.ZERO : gamma.divide(Rationals.of(2).multiply(Rationals.ONE.add(gamma)));
    Aprational[] mixed = new Aprational[k];
    for (int i = 0; i < k; i++) {
      mixed[i] = Rationals.ONE.subtract(eps).multiply(star[i]).add(eps.divide(Rationals.of(k)));
    }
    Distribution mu = Distribution.of(mixed);
    return new Found(mu, margin(p, mu, pairs), gamma, lpSampler, eps, pairs, false);
  }

  /** The exact margin {@code min over pairs of (Pμ)_i - (Pμ)_j} ({@link ScoreGap}; null for no pairs). */
  public static @Nullable Aprational margin(PreferenceMatrix p, Distribution mu, List<Pair> pairs) {
    ScoreGap g = ScoreGap.min(p, mu, pairs);
    return g == null ? null : g.gap();
  }

  /** Variables μ_0..μ_{K-1}, γ+ and γ- (γ = γ+ - γ-, free); rows per pair and Σμ = 1. */
  static ExactLp.Problem maxMarginLp(PreferenceMatrix p, List<Pair> pairs) {
    int k = p.k();
    List<String> vars = new ArrayList<>(muNames(k));
    vars.add("γ+");
    vars.add("γ-");
    List<ExactLp.Row> rows = new ArrayList<>();
    for (Pair pr : pairs) {
      Aprational[] c = new Aprational[k + 2];
      System.arraycopy(difference(p, pr), 0, c, 0, k);
      c[k] = Rationals.ONE.negate();
      c[k + 1] = Rationals.ONE;
      rows.add(new ExactLp.Row(pr.label() + " >= γ", c, ExactLp.Sense.GE, Rationals.ZERO));
    }
    Aprational[] sum = new Aprational[k + 2];
    Arrays.fill(sum, Rationals.ONE);
    sum[k] = Rationals.ZERO;
    sum[k + 1] = Rationals.ZERO;
    rows.add(new ExactLp.Row("μ_0 + ... + μ_" + (k - 1) + " = 1", sum, ExactLp.Sense.EQ, Rationals.ONE));
    Aprational[] obj = new Aprational[k + 2];
    Arrays.fill(obj, Rationals.ZERO);
    obj[k] = Rationals.ONE;
    obj[k + 1] = Rationals.ONE.negate();
    return new ExactLp.Problem(vars, obj, rows);
  }

  /**
   * The feasibility LP {@code (Pμ)_i - (Pμ)_j >= 1} per pair, {@code μ >= 0} (μ not normalized):
   * feasible iff some μ ∈ Δ_K ranks every pair strictly (divide by the smallest gap / rescale).
   */
  public static ExactLp.Problem feasibilityLp(PreferenceMatrix p, List<Pair> pairs) {
    int k = p.k();
    List<ExactLp.Row> rows = new ArrayList<>();
    for (Pair pr : pairs) {
      rows.add(new ExactLp.Row(pr.label() + " >= 1", difference(p, pr), ExactLp.Sense.GE, Rationals.ONE));
    }
    Aprational[] obj = new Aprational[k];
    Arrays.fill(obj, Rationals.ZERO);
    return new ExactLp.Problem(muNames(k), obj, rows);
  }

  /** Coefficients of {@code (Pμ)_i - (Pμ)_j} in μ: {@code P_ik - P_jk}. */
  static Aprational[] difference(PreferenceMatrix p, Pair pr) {
    Aprational[] c = new Aprational[p.k()];
    for (int m = 0; m < p.k(); m++) {
      c[m] = p.exact(pr.i(), m).subtract(p.exact(pr.j(), m));
    }
    return c;
  }

  static List<String> muNames(int k) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      names.add("μ_" + i);
    }
    return names;
  }

  private static void requireVerified(ExactLp.Problem lp, ExactLp.Outcome out) {
    String why = ExactLp.verify(lp, out);
    if (why != null) {
      throw new IllegalStateException("exact LP certificate failed its own check: " + why);
    }
  }

  private static void requireExact(PreferenceMatrix p) {
    if (!p.isExact()) {
      throw new InvalidParameter("P", "samplers are computed exactly and need an exact preference matrix (rational entries)");
    }
  }

  /**
   * The certificate as a reader checks it with pencil and paper (see {@code prefdyn sampler
   * --help}): the claim, each row used (spelled out in μ) with its multiplier, the combined
   * coefficients (each {@code <= 0}), the combined right side and the contradiction.
   */
  public static Map<String, Object> describe(NoSampler no) {
    ExactLp.Problem lp = no.problem();
    Aprational[] y = no.certificate().multipliers();
    Map<String, Object> out = new LinkedHashMap<>();
    StringBuilder claim = new StringBuilder("no sampler μ in Δ_K has ");
    for (int t = 0; t < no.pairs().size(); t++) {
      Pair pr = no.pairs().get(t);
      claim.append(t == 0 ? "" : " and ").append("(Pμ)_").append(pr.i()).append(" > (Pμ)_").append(pr.j());
    }
    out.put("claim", claim.toString());
    out.put("rows", "such a μ, divided by its smallest gap, would be a μ >= 0 satisfying every row below;"
        + " (Pμ)_i - (Pμ)_j is the sum over k of (P[i][k] - P[j][k]) μ_k");
    Map<String, String> mult = new LinkedHashMap<>();
    Map<String, String> expanded = new LinkedHashMap<>();
    for (int r = 0; r < y.length; r++) {
      if (y[r].signum() != 0) {
        ExactLp.Row row = lp.rows().get(r);
        mult.put(row.name(), Rationals.format(y[r]));
        expanded.put(row.name(), linear(row.coefficients(), lp.variables()) + " >= " + Rationals.format(row.rhs()));
      }
    }
    out.put("multipliers", mult);
    out.put("expanded", expanded);
    Aprational[] coef = ExactLp.combination(lp, y);
    Aprational bound = ExactLp.combinedBound(lp, y);
    Map<String, String> c = new LinkedHashMap<>();
    for (int k = 0; k < coef.length; k++) {
      c.put(lp.variables().get(k), Rationals.format(coef[k]));
    }
    out.put("combinedCoefficients", c);
    out.put("combination", "sum of multiplier × row: " + linear(coef, lp.variables()) + " >= " + Rationals.format(bound));
    out.put("contradiction", "0 >= " + Rationals.format(bound)
        + " (every combined coefficient is <= 0 and μ >= 0, so the left side is <= 0)");
    out.put("lpOptimum", Rationals.format(no.lpOptimum()));
    return out;
  }

  /** A linear form as text, e.g. {@code 1/2 μ_0 - μ_2} (zero terms left out). */
  public static String linear(Aprational[] coef, List<String> names) {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < coef.length; k++) {
      if (coef[k].signum() == 0) {
        continue;
      }
      String mag = Rationals.format(coef[k].signum() < 0 ? coef[k].negate() : coef[k]);
      if (sb.length() == 0) {
        sb.append(coef[k].signum() < 0 ? "-" : "");
      } else {
        sb.append(coef[k].signum() < 0 ? " - " : " + ");
      }
      sb.append(mag.equals("1") ? "" : mag + " ").append(names.get(k));
    }
    return sb.length() == 0 ? "0" : sb.toString();
  }
}
