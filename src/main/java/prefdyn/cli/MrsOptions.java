package prefdyn.cli;

import java.util.Locale;
import org.apfloat.Aprational;
import picocli.CommandLine.Option;
import prefdyn.dynamics.MrsParameters;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;

/** The flags of an MRS map (docs/theory.md section 4), shared by {@code iterate} and {@code stability}. */
public final class MrsOptions {
  @Option(names = "--pref", required = true, paramLabel = "FILE", description = "Preference matrix: a text matrix, or a PrefLib file (.soc .soi .toc .toi).")
  @SuppressWarnings("initialization.field.uninitialized") // required option, set by picocli
  String pref;

  @Option(names = "--alpha", required = true, paramLabel = "A", description = "α in [0,1]: how much the reference follows the model (π_ref^(t) ∝ π_t^α π_ref^(1-α)).")
  @SuppressWarnings("initialization.field.uninitialized") // required option, set by picocli
  String alpha;

  @Option(names = "--lambda", required = true, paramLabel = "L", description = "λ in [0,1]: on-policy share of the sampler μ_t = λ π_t + (1-λ) π_0.")
  @SuppressWarnings("initialization.field.uninitialized") // required option, set by picocli
  String lambda;

  @Option(names = "--beta", defaultValue = "1", paramLabel = "B", description = "Update strength β > 0 (default: ${DEFAULT-VALUE}; for --method dpo the DPO β).")
  String beta = "1";

  @Option(names = "--ref", defaultValue = "uniform", paramLabel = "R", description = "Fixed reference π_ref, strictly positive (default: ${DEFAULT-VALUE}).")
  String ref = "uniform";

  @Option(names = "--pi0", defaultValue = "uniform", paramLabel = "S", description = "Offline sampler π_0 (default: ${DEFAULT-VALUE}).")
  String pi0 = "uniform";

  @Option(names = "--init", defaultValue = "uniform", paramLabel = "S", description = "Start policy, strictly positive (default: ${DEFAULT-VALUE}).")
  String init = "uniform";

  public PreferenceMatrix matrix() {
    return Inputs.pref(pref);
  }

  /** The MRS parameters for {@code p}, with the round optimizer {@code method} (ipo or dpo). */
  public MrsParameters parameters(PreferenceMatrix p, String method) {
    Aprational a = Inputs.unitInterval(alpha, "--alpha");
    Aprational l = Inputs.unitInterval(lambda, "--lambda");
    Aprational b = Inputs.positive(beta, "--beta");
    MrsParameters.Method m = switch (method.toLowerCase(Locale.ROOT)) {
      case "ipo" -> MrsParameters.Method.IPO;
      case "dpo" -> MrsParameters.Method.DPO;
      default -> throw new BadInput("--method must be ipo or dpo, got '" + method + "'");
    };
    Distribution r = Inputs.interiorDistribution(ref, p.k(), "--ref");
    Distribution s = Inputs.distribution(pi0, p.k(), "--pi0");
    return new MrsParameters(p, a, l, b, r, s, m);
  }

  /** The start policy ({@code --init}). */
  public Distribution start(PreferenceMatrix p) {
    return Inputs.interiorDistribution(init, p.k(), "--init");
  }
}
