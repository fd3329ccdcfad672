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
import prefdyn.dynamics.MrsParameters;
import prefdyn.num.Ball;
import prefdyn.num.Precision;
import prefdyn.num.PrecisionLadder;
import prefdyn.num.Rationals;
import prefdyn.optimum.DpoOptimum;
import prefdyn.optimum.IpoOptimum;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;

/**
 * {@code prefdyn optimum}: the one-shot IPO or DPO optimum (docs/theory.md L1, L2), in ball
 * arithmetic: every printed digit is certified by the enclosure (|true − printed| < one unit in
 * the last printed place, {@link Ball#format}); at most --digits significant digits. IPO: the
 * closed form with exact scores Pμ and the reference's logarithms in balls. DPO: damped Newton,
 * then the strong-convexity certificate of {@link DpoOptimum#certify}; when it cannot be
 * certified at --digits, the precision is doubled (up to 8 times --digits).
 */
@Command(name = "optimum",
    header = "One-shot optimum: IPO closed form π ∝ π_ref·exp(β Pμ) (L1) or the DPO optimum (L2).", mixinStandardHelpOptions = true,
    description = {
      "One-shot optimum for a preference matrix: IPO closed form π ∝ π_ref·exp(β Pμ) (docs/theory.md L1) or the DPO optimum",
      "by damped Newton on centered logits, certified by strong convexity (L2). Prints the policy, centered logits",
      "log π and entropy H(π) (nats), each with only the digits its certified enclosure guarantees (at most --digits);",
      "for dpo also an upper bound of the gradient norm of the DPO loss at the Newton point and the certified",
      "distance ||Π(r̃ − r*)|| to the exact optimum (r = log π/π_ref).",
      "DPO with some P entry 0 or 1 may have no finite optimum (a part of the sampled responses beats the rest",
      "surely): reported as bad input (exit 2). Responses outside the sampler's support get the limit of the",
      "optimum under vanishing exploration (both methods; see proofs-notes/L2.md)."},
    footer = {"", "JSON: {\"policy\":[...],\"logits\":[...],\"entropy\":\"...\"} (+ \"gradientNorm\", \"certifiedRadius\", \"iterations\" for dpo)."})
public final class OptimumCommand implements Callable<Integer> {
  @Mixin Common common = new Common();

  @Mixin SharedOptions.Pref pref = new SharedOptions.Pref();

  @Mixin SharedOptions.Method method = new SharedOptions.Method();

  @Mixin SharedOptions.Sampler sampler = new SharedOptions.Sampler();

  @Mixin SharedOptions.Reference ref = new SharedOptions.Reference();

  @Mixin SharedOptions.Beta beta = new SharedOptions.Beta();

  /** The certified optimum: centered logits, policy, entropy, and for DPO its certificate. */
  record Evaluation(Ball[] logits, Ball[] policy, Ball entropy, DpoOptimum.@Nullable Certificate certificate) {}

  @Override
  public Integer call() {
    Precision precision = common.precision();
    boolean dpo = method.method() == MrsParameters.Method.DPO;
    PreferenceMatrix p = pref.matrix();
    Distribution mu = sampler.orUniform(p.k());
    Distribution r = ref.reference(p.k());
    Aprational b = beta.beta();
    Evaluation e = evaluate(p, mu, r, b, dpo, precision);
    int digits = precision.digits();

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("policy", fmt(e.policy(), digits));
    out.put("logits", fmt(e.logits(), digits));
    out.put("entropy", e.entropy().format(digits));
    DpoOptimum.Certificate c = e.certificate();
    if (c != null) {
      out.put("gradientNorm", c.gradientNorm().upperDecimal(3));
      out.put("certifiedRadius", c.radius().upperDecimal(3));
      out.put("iterations", c.iterations());
    }
    PrintWriter w = common.out();
    if (common.json()) {
      Output.printJson(w, out);
      return 0;
    }
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < p.k(); i++) {
      rows.add(List.of(String.valueOf(i), e.policy()[i].format(digits), e.logits()[i].format(digits)));
    }
    w.println((dpo ? "DPO" : "IPO") + " optimum, β = " + Rationals.format(b) + ", sampler " + mu + ", reference " + r);
    w.print(Output.table(List.of("response", "policy", "logit (centered log π)"), rows));
    w.println("entropy H(π) = " + e.entropy().format(digits) + " nats");
    if (c != null) {
      w.println("gradient norm ||∇L_D(r̃)|| ≤ " + c.gradientNorm().upperDecimal(3) + " after " + c.iterations()
          + " Newton iterations; certified ||Π(r̃ − r*)|| ≤ " + c.radius().upperDecimal(3));
    }
    w.flush();
    return 0;
  }

  /**
   * The optimum in balls. DPO: certified at the requested precision, else at doubled digits up to
   * 8 times the request; a certificate that still fails is reported in one line (exit 2).
   */
  static Evaluation evaluate(PreferenceMatrix p, Distribution mu, Distribution ref, Aprational beta, boolean dpo, Precision precision) {
    if (!p.isExact()) {
      throw new BadInput("--pref: the optimum is computed from an exact (rational) preference matrix");
    }
    Precision q = precision;
    DpoOptimum.Certificate c = null;
    Ball[] logits;
    if (dpo) {
      PrecisionLadder ladder = new PrecisionLadder((int) Math.min(8L * precision.digits(), Precision.MAX_DIGITS));
      PrecisionLadder.Rung<DpoOptimum.Outcome> rung =
          ladder.climb(precision, x -> DpoOptimum.certify(p, mu, ref, beta, x), o -> o instanceof DpoOptimum.Certificate);
      if (!(rung.value() instanceof DpoOptimum.Certificate cert)) {
        throw new BadInput("the DPO optimum could not be certified up to " + rung.digits() + " digits: "
            + ((DpoOptimum.Failure) rung.value()).reason());
      }
      c = cert;
      if (rung.raised() > 0) {
        q = Precision.ofDigits(rung.digits());
      }
      logits = c.logits();
    } else {
      logits = IpoOptimum.logits(p, mu, DpoOptimum.logBalls(ref, q.bits()), beta, q.bits());
    }
    int prec = q.bits();
    return new Evaluation(logits, Ball.softmax(logits, prec), Ball.entropyOfLogits(logits, prec), c);
  }

  /** Each ball with only its certified digits (at most {@code digits} significant digits). */
  static List<String> fmt(Ball[] xs, int digits) {
    List<String> out = new ArrayList<>();
    for (Ball x : xs) {
      out.add(x.format(digits));
    }
    return out;
  }
}
