package prefdyn.cli;

import java.io.PrintWriter;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.apfloat.Aprational;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import prefdyn.num.BadInput;
import prefdyn.num.Kernel;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.optimum.DpoOptimum;
import prefdyn.optimum.IpoOptimum;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;

/**
 * {@code prefdyn optimum}: the one-shot IPO or DPO optimum (theory.md L1, L2). Every printed
 * number is computed twice, at the working precision of --digits and at a higher one, and printed
 * only when both agree to --digits (otherwise the precision is raised and it tries again); values
 * below 10^-digits in absolute size print as 0.
 */
@Command(name = "optimum",
    header = "One-shot optimum: IPO closed form π ∝ π_ref·exp(β Pμ) (L1) or the DPO optimum (L2).", mixinStandardHelpOptions = true,
    description = {
      "One-shot optimum for a preference matrix: IPO closed form π ∝ π_ref·exp(β Pμ) (theory.md L1) or the DPO optimum",
      "by damped Newton on centered logits (L2). Prints the policy, centered logits log π and entropy H(π) (nats);",
      "for dpo also the final gradient norm of the DPO loss (computed at working precision, shown to 3 digits).",
      "DPO with some P entry 0 or 1 may have no finite optimum (a part of the sampled responses beats the rest",
      "surely): reported as bad input (exit 2). Responses outside the sampler's support get the limit of the",
      "optimum under vanishing exploration (both methods; see proofs-notes/L2.md)."},
    footer = {"", "JSON: {\"policy\":[...],\"logits\":[...],\"entropy\":\"...\"} (+ \"gradientNorm\", \"iterations\" for dpo)."})
public final class OptimumCommand implements Callable<Integer> {
  @Mixin Common common = new Common();

  @Option(names = "--pref", required = true, paramLabel = "FILE",
      description = "Preference matrix: a text matrix, or a PrefLib file (.soc .soi .toc .toi).")
  @SuppressWarnings("initialization.field.uninitialized") // required option, set by picocli
  String pref;

  @Option(names = "--method", paramLabel = "ipo|dpo", defaultValue = "ipo", description = "ipo (default) or dpo.")
  String method = "ipo";

  @Option(names = "--sampler", paramLabel = "S", defaultValue = "uniform",
      description = "Sampler μ: uniform (default), point:I, a list of K entries, or @FILE.")
  String sampler = "uniform";

  @Option(names = "--ref", paramLabel = "R", defaultValue = "uniform",
      description = "Reference π_ref (strictly positive): uniform (default), a list of K positive entries, or @FILE.")
  String ref = "uniform";

  @Option(names = "--beta", paramLabel = "B", defaultValue = "1",
      description = "ipo: preference strength β of π ∝ π_ref·exp(β Pμ); dpo: the usual DPO β (KL weight). Default 1.")
  String beta = "1";

  @Spec @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  CommandSpec spec;

  /** One evaluation at one precision. */
  record Evaluation(Apfloat[] policy, Apfloat[] logits, Apfloat entropy, Apfloat gradientNorm, int iterations) {}

  @Override
  public Integer call() {
    Precision precision = common.precision();
    if (!method.equals("ipo") && !method.equals("dpo")) {
      throw new BadInput("--method must be ipo or dpo, got '" + method + "'");
    }
    PreferenceMatrix p = Inputs.pref(pref);
    Distribution mu = Inputs.distribution(sampler, p.k(), "--sampler");
    Distribution r = Inputs.interiorDistribution(ref, p.k(), "--ref");
    Aprational b = Inputs.positive(beta, "--beta");
    boolean dpo = method.equals("dpo");

    // Digit check: agree at two precisions before printing.
    int extra = Math.max(10, precision.digits() / 5);
    Precision q = precision;
    Evaluation e = evaluate(p, mu, r, b, dpo, q);
    List<String> printed = texts(e, precision);
    for (int attempt = 0; ; attempt++) {
      Precision higher = q.raisedBy(extra);
      Evaluation e2 = evaluate(p, mu, r, b, dpo, higher);
      List<String> printed2 = texts(e2, precision);
      if (printed2.equals(printed)) {
        break;
      }
      if (attempt >= 3) {
        throw new IllegalStateException("printed digits did not settle after raising the precision 4 times");
      }
      q = higher;
      e = e2;
      printed = printed2;
    }

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("policy", fmt(e.policy(), precision, false));
    out.put("logits", fmt(e.logits(), precision, true));
    out.put("entropy", precision.format(e.entropy()));
    if (dpo) {
      out.put("gradientNorm", shortText(e.gradientNorm()));
      out.put("iterations", e.iterations());
    }
    PrintWriter w = spec.commandLine().getOut();
    if (common.json()) {
      Output.printJson(w, out);
      return 0;
    }
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < p.k(); i++) {
      rows.add(List.of(String.valueOf(i), precision.format(e.policy()[i]), fmt(e.logits(), precision, true).get(i)));
    }
    w.println((dpo ? "DPO" : "IPO") + " optimum, β = " + Rationals.format(b) + ", sampler " + mu + ", reference " + r);
    w.print(Output.table(List.of("response", "policy", "logit (centered log π)"), rows));
    w.println("entropy H(π) = " + precision.format(e.entropy()) + " nats");
    if (dpo) {
      w.println("gradient norm ||∇L_D|| = " + shortText(e.gradientNorm()) + " after " + e.iterations() + " Newton iterations");
    }
    w.flush();
    return 0;
  }

  static Evaluation evaluate(PreferenceMatrix p, Distribution mu, Distribution ref, Aprational beta, boolean dpo, Precision q) {
    Apfloat[] refLogits = new Apfloat[ref.k()];
    for (int i = 0; i < ref.k(); i++) {
      refLogits[i] = Kernel.log(q.real(ref.get(i)), q);
    }
    Apfloat[] logits;
    Apfloat g = q.real(0);
    int it = 0;
    if (dpo) {
      DpoOptimum.Result res = DpoOptimum.solveLogits(p.real(q), mu.real(q), refLogits, q.real(beta), q);
      logits = res.logits();
      g = res.gradientNorm();
      it = res.iterations();
    } else {
      logits = IpoOptimum.logits(p.real(q), mu.real(q), refLogits, q.real(beta), q);
    }
    return new Evaluation(Kernel.softmax(logits, q), logits, Kernel.entropyOfLogits(logits, q), g, it);
  }

  private static List<String> texts(Evaluation e, Precision precision) {
    List<String> t = new ArrayList<>(fmt(e.policy(), precision, false));
    t.addAll(fmt(e.logits(), precision, true));
    t.add(precision.format(e.entropy()));
    return t;
  }

  /**
   * Policies are known to a relative error (printed to --digits significant digits, however
   * small); centered logits to an absolute one ({@link Precision#formatAbsolute}).
   */
  static List<String> fmt(Apfloat[] xs, Precision precision, boolean absolute) {
    if (absolute) {
      return precision.formatAbsolute(xs, new Apfloat(1));
    }
    List<String> out = new ArrayList<>();
    for (Apfloat x : xs) {
      out.add(precision.format(x));
    }
    return out;
  }

  /** A diagnostic value to 3 significant digits, rounded up (so it is an upper bound). */
  static String shortText(Apfloat x) {
    if (x.signum() == 0) {
      return "0";
    }
    return ApfloatMath.round(x, 3, RoundingMode.UP).toString(false);
  }
}
