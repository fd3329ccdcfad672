package prefdyn.cli;

import java.util.Locale;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.apfloat.Aprational;
import picocli.CommandLine.Option;
import prefdyn.dynamics.MrsParameters;
import prefdyn.num.Precision;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;
import prefdyn.search.Escalation;
import prefdyn.search.Search;
import prefdyn.search.Shard;

/**
 * Flags that several commands share, each declared once as a picocli mixin (names, defaults and
 * help texts as docs/cli.md documents them). {@link Common} (--digits, --json), {@link MrsOptions}
 * (the MRS map) and {@link SampleOptions} (--samples, --seed) are the others.
 */
public final class SharedOptions {
  private SharedOptions() {}

  /** {@code --pref FILE}: the preference matrix (classify, optimum, sampler, iterate, stability). */
  public static final class Pref {
    @Option(names = "--pref", required = true, paramLabel = "FILE",
        description = "Preference matrix: a text matrix, or a PrefLib file (.soc .soi .toc .toi).")
    @SuppressWarnings("initialization.field.uninitialized") // required option, set by picocli
    String pref;

    /** The matrix, validated ({@link Inputs#pref}). */
    public PreferenceMatrix matrix() {
      return Inputs.pref(pref);
    }
  }

  /** {@code --sampler S}: the sampler μ of one round (optimum: default uniform; classify: optional). */
  public static final class Sampler {
    @Option(names = "--sampler", paramLabel = "S",
        description = "Sampler μ: uniform, point:I, a list of K entries, or @FILE (optimum: default uniform; classify:"
            + " optional, also reports the exact scores Pμ and whether the IPO optimum is Condorcet-top, Smith-top and"
            + " order-preserving).")
    @Nullable String sampler;

    /** The sampler for K responses, or null when {@code --sampler} is not given. */
    public @Nullable Distribution ifGiven(int k) {
      String spec = sampler;
      return spec == null ? null : Inputs.distribution(spec, k, "--sampler");
    }

    /** The sampler for K responses, uniform when {@code --sampler} is not given. */
    public Distribution orUniform(int k) {
      Distribution mu = ifGiven(k);
      return mu == null ? Distribution.uniform(k) : mu;
    }
  }

  /** {@code --ref R}: the fixed reference policy, strictly positive (optimum, iterate, stability). */
  public static final class Reference {
    @Option(names = "--ref", paramLabel = "R", defaultValue = "uniform",
        description = "Reference π_ref, strictly positive: uniform (default), a list of K positive entries, or @FILE.")
    String ref = "uniform";

    public Distribution reference(int k) {
      return Inputs.interiorDistribution(ref, k, "--ref");
    }
  }

  /** {@code --beta B}: β > 0, IPO's strength or DPO's KL weight (optimum, iterate, stability). */
  public static final class Beta {
    @Option(names = "--beta", paramLabel = "B", defaultValue = "1",
        description = "β > 0 (default: ${DEFAULT-VALUE}): for ipo the strength of π ∝ π_ref·exp(β Pμ), for dpo the usual DPO β (a KL weight).")
    String beta = "1";

    public Aprational beta() {
      return Inputs.positive(beta, "--beta");
    }
  }

  /** {@code --method ipo|dpo}: the round's (or the one-shot) optimizer (optimum, iterate). */
  public static final class Method {
    @Option(names = "--method", paramLabel = "ipo|dpo", defaultValue = "ipo",
        description = "ipo (default) or dpo.")
    String method = "ipo";

    public MrsParameters.Method method() {
      return parse(method);
    }

    /** {@code ipo} or {@code dpo} (any case). @throws BadInput naming --method otherwise */
    public static MrsParameters.Method parse(String text) {
      return switch (text.toLowerCase(Locale.ROOT)) {
        case "ipo" -> MrsParameters.Method.IPO;
        case "dpo" -> MrsParameters.Method.DPO;
        default -> throw new BadInput("--method must be ipo or dpo, got '" + text + "'");
      };
    }
  }

  /**
   * {@code --max-digits M} and {@code --shard i/n}: the flags of a run of certified margins that
   * can be split into shards (check, search).
   */
  public static final class Batch {
    @Option(names = "--max-digits", paramLabel = "M",
        description = "Cap for re-checking an undecided margin at doubled digits. Default: min(8 x --digits, 4000),"
            + " at least --digits.")
    @Nullable Integer maxDigits;

    @Option(names = "--shard", paramLabel = "i/n",
        description = "Run only shard i of n of the work units (check: the (statement, try) pairs in the unsharded"
            + " order; search: blocks of " + Search.UNIT + " evaluations, each from its own seed): unit u goes to shard"
            + " (u mod n) + 1. Prints a shard file (JSON); 'prefdyn merge' combines the n files into exactly the"
            + " unsharded --json output. See docs/sharding.md.")
    @Nullable String shard;

    /**
     * The cap as the runners take it (0: the default), checked against {@code precision}.
     *
     * @throws prefdyn.num.InvalidParameter (maxDigits) when below the working digits or too large
     */
    public int maxDigits(Precision precision) {
      int m = maxDigits == null ? 0 : maxDigits;
      Escalation.of(precision, m);
      return m;
    }

    /** {@code --max-digits} as given, or null. */
    public @Nullable Integer maxDigitsGiven() {
      return maxDigits;
    }

    /** The shard, or null without {@code --shard}. @throws prefdyn.num.InvalidParameter for a malformed i/n */
    public @Nullable Shard shard() {
      String text = shard;
      return text == null ? null : Shard.parse(text);
    }
  }
}
