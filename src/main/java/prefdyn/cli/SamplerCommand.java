package prefdyn.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apfloat.Aprational;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.sampler.ExactLp;
import prefdyn.sampler.Samplers;

/** {@code prefdyn sampler}: an exact instance-dependent sampler for a goal, or a certificate that none exists. */
@Command(name = "sampler",
    header = "Exact sampler μ meeting a ranking goal (T2, T4), or an exact Farkas certificate that none exists.", mixinStandardHelpOptions = true,
    description = {
      "Exact sampler μ whose IPO optimum (uniform π_ref, any β > 0) meets a ranking goal (docs/theory.md T2, T4):",
      "  condorcet-top  the Condorcet winner strictly on top (exit 2 when P has none);",
      "  smith-top      every Smith-set member strictly above every non-member;",
      "  order          (P transitive) the majority order preserved strictly.",
      "Solves max γ s.t. (Pμ)_i - (Pμ)_j >= γ for the goal's pairs, μ in Δ_K, exactly over the rationals (simplex",
      "with Bland's rule). If γ* > 0 the optimum μ* is mixed with uniform, μ = (1-ε)μ* + ε/K with ε = γ*/(2(1+γ*))",
      "(ε = 0 when μ* already has full support), and \"margin\" = min over the pairs of (Pμ)_i - (Pμ)_j >= γ*/2.",
      "When the Smith set is all K responses, smith-top asks nothing: the uniform sampler is returned with",
      "\"vacuous\": true and \"margin\": null.",
      "",
      "Certificate (\"feasible\": false): checkable with pencil and paper.",
      "  claim                 what is impossible.",
      "  multipliers           a nonnegative number y_r for each row r used; each row reads",
      "                        (Pμ)_i - (Pμ)_j >= 1 (any order-preserving μ, divided by its smallest gap, satisfies",
      "                        all rows with μ >= 0).",
      "  expanded              each row written out in μ_0..μ_{K-1}: coefficient of μ_k is P[i][k] - P[j][k].",
      "  combinedCoefficients  Σ_r y_r × (coefficient of μ_k in row r), for each k: all <= 0.",
      "  combination           the summed inequality  Σ_k c_k μ_k >= Σ_r y_r.",
      "  contradiction         since every c_k <= 0 and μ >= 0 the left side is <= 0, so 0 >= Σ_r y_r > 0.",
      "To check: recompute each combined coefficient from P and the multipliers; confirm all are <= 0 and",
      "that the multipliers are >= 0 with a positive sum."},
    footer = {"", "JSON: {\"feasible\":true,\"sampler\":[\"p/q\",...],\"margin\":\"p/q\",...} or {\"feasible\":false,\"certificate\":{...}}.",
      "Exit 0 in both cases (a certificate is an answer); 2 on bad input."})
public final class SamplerCommand implements Callable<Integer> {
  @Mixin Common common = new Common();

  @Mixin SharedOptions.Pref pref = new SharedOptions.Pref();

  @Option(names = "--goal", required = true, paramLabel = "G", description = "condorcet-top, smith-top or order.")
  @SuppressWarnings("initialization.field.uninitialized") // required option, set by picocli
  String goal;

  @Override
  public Integer call() {
    Samplers.Goal g = Samplers.Goal.parse(goal);
    PreferenceMatrix p = pref.matrix();
    Samplers.Result result = Samplers.solve(p, g);
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    PrintWriter w = common.out();
    if (result instanceof Samplers.Found f) {
      out.put("feasible", true);
      out.put("sampler", exact(f.sampler()));
      out.put("margin", f.margin() == null ? null : Rationals.format(f.margin()));
      out.put("goal", g.label());
      List<String> pairs = new ArrayList<>();
      for (Samplers.Pair pr : f.pairs()) {
        pairs.add(pr.i() + " > " + pr.j());
      }
      out.put("pairs", pairs);
      if (f.vacuous()) {
        out.put("vacuous", true);
        out.put("note", "the Smith set is all responses: smith-top holds for every sampler");
      } else {
        out.put("lpOptimum", Rationals.format(nonNull(f.lpOptimum())));
        out.put("lpSampler", exact(f.lpSampler()));
        out.put("epsilon", Rationals.format(f.epsilon()));
      }
      if (common.json()) {
        Output.printJson(w, out);
        return 0;
      }
      w.println("goal " + g.label() + ": feasible");
      if (f.vacuous()) {
        w.println("the Smith set is all " + p.k() + " responses: smith-top asks nothing; sampler = uniform");
      }
      List<List<String>> rows = new ArrayList<>();
      for (int i = 0; i < p.k(); i++) {
        rows.add(List.of(String.valueOf(i), Rationals.format(f.sampler().exact(i)),
            f.vacuous() ? "-" : Rationals.format(f.lpSampler().exact(i))));
      }
      w.print(Output.table(List.of("response", "sampler μ", "LP optimum μ*"), rows));
      if (!f.vacuous()) {
        w.println("pairs (i above j): " + String.join(", ", pairs));
        w.println("margin min (Pμ)_i - (Pμ)_j = " + Rationals.format(nonNull(f.margin())) + "   (LP optimum γ* = "
            + Rationals.format(nonNull(f.lpOptimum())) + ", ε = " + Rationals.format(f.epsilon()) + ")");
      }
      w.flush();
      return 0;
    }
    Samplers.NoSampler no = (Samplers.NoSampler) result;
    Map<String, Object> cert = Samplers.describe(no);
    out.put("feasible", false);
    out.put("certificate", cert);
    if (common.json()) {
      Output.printJson(w, out);
      return 0;
    }
    w.println("goal " + g.label() + ": NO sampler exists (LP optimum γ* = " + Rationals.format(no.lpOptimum()) + " <= 0)");
    w.println("claim: " + cert.get("claim"));
    w.println("rows (μ >= 0): " + cert.get("rows"));
    List<List<String>> rows = new ArrayList<>();
    Aprational[] y = no.certificate().multipliers();
    for (int r = 0; r < y.length; r++) {
      if (y[r].signum() != 0) {
        ExactLp.Row row = no.problem().rows().get(r);
        rows.add(List.of(Rationals.format(y[r]), row.name(), Samplers.linear(row.coefficients(), no.problem().variables())
            + " >= " + Rationals.format(row.rhs())));
      }
    }
    w.print(Output.table(List.of("multiplier", "row", "expanded"), rows));
    w.println(cert.get("combination"));
    w.println("contradiction: " + cert.get("contradiction"));
    w.flush();
    return 0;
  }

  private static List<String> exact(Distribution d) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < d.k(); i++) {
      out.add(Rationals.format(d.exact(i)));
    }
    return out;
  }

  private static Aprational nonNull(@Nullable Aprational a) {
    if (a == null) {
      throw new IllegalStateException("missing value");
    }
    return a;
  }
}
