package prefdyn.cli;

import org.apfloat.Aprational;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import prefdyn.dynamics.MrsParameters;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;

/**
 * The flags of an MRS map (docs/theory.md section 4), shared by {@code iterate} and
 * {@code stability}: {@code --pref}, {@code --ref}, {@code --beta} and {@code --method} (the
 * round's optimizer) are the shared mixins of {@link SharedOptions}, the rest are the map's own.
 * {@link #read} is the one step that turns them into the map and its start.
 */
public final class MrsOptions {
  @Mixin SharedOptions.Pref pref = new SharedOptions.Pref();

  @Option(names = "--alpha", required = true, paramLabel = "A", description = "α in [0,1]: how much the reference follows the model (π_ref^(t) ∝ π_t^α π_ref^(1-α)).")
  @SuppressWarnings("initialization.field.uninitialized") // required option, set by picocli
  String alpha;

  @Option(names = "--lambda", required = true, paramLabel = "L", description = "λ in [0,1]: on-policy share of the sampler μ_t = λ π_t + (1-λ) π_0.")
  @SuppressWarnings("initialization.field.uninitialized") // required option, set by picocli
  String lambda;

  @Mixin SharedOptions.Beta beta = new SharedOptions.Beta();

  @Mixin SharedOptions.Reference ref = new SharedOptions.Reference();

  @Mixin SharedOptions.Method method = new SharedOptions.Method();

  @Option(names = "--pi0", defaultValue = "uniform", paramLabel = "S", description = "Offline sampler π_0 (default: ${DEFAULT-VALUE}).")
  String pi0 = "uniform";

  @Option(names = "--init", defaultValue = "uniform", paramLabel = "S", description = "Start policy, strictly positive (default: ${DEFAULT-VALUE}).")
  String init = "uniform";

  /** An MRS map read from the flags: its parameters (with the matrix) and the start policy. */
  public record Input(MrsParameters params, Distribution start) {
    public PreferenceMatrix matrix() {
      return params.pref();
    }
  }

  /**
   * Reads the flags in the order of their checks ({@code --pref}, {@code --alpha}, {@code --lambda},
   * {@code --beta}, {@code --method}, {@code --ref}, {@code --pi0}, {@code --init}).
   *
   * @throws BadInput naming the first flag at fault
   */
  public Input read() {
    PreferenceMatrix p = pref.matrix();
    Aprational a = Inputs.unitInterval(alpha, "--alpha");
    Aprational l = Inputs.unitInterval(lambda, "--lambda");
    Aprational b = beta.beta();
    MrsParameters.Method m = method.method();
    Distribution r = ref.reference(p.k());
    Distribution s = Inputs.distribution(pi0, p.k(), "--pi0");
    MrsParameters params = new MrsParameters(p, a, l, b, r, s, m);
    return new Input(params, Inputs.interiorDistribution(init, p.k(), "--init"));
  }
}
