package prefdyn.cli;

import java.nio.file.Path;
import org.apfloat.Aprational;
import prefdyn.io.DistributionSpec;
import prefdyn.io.ParseError;
import prefdyn.io.PrefLib;
import prefdyn.io.TextFormat;
import prefdyn.num.InvalidParameter;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;

/**
 * The one place every command turns its input flags into validated values. Each method throws
 * {@link BadInput} with one line naming the flag, file, line or entry at fault (exit code 2): the
 * library's {@link ParseError} and {@link InvalidParameter} get the flag here.
 *
 * <pre>
 *   PreferenceMatrix p = Inputs.pref(prefFile);                         // --pref
 *   Distribution mu   = Inputs.distribution(samplerSpec, p.k(), "--sampler");
 *   Distribution ref  = Inputs.interiorDistribution(refSpec, p.k(), "--ref");
 *   Aprational alpha  = Inputs.unitInterval(alphaText, "--alpha");     // [0,1]
 *   Aprational beta   = Inputs.positive(betaText, "--beta");           // > 0
 * </pre>
 */
public final class Inputs {
  private Inputs() {}

  /**
   * Loads {@code --pref FILE}: a PrefLib file ({@code .soc .soi .toc .toi}) as its pairwise
   * matrix, anything else as a text matrix.
   */
  public static PreferenceMatrix pref(String file) {
    Path path = Path.of(file);
    try {
      return PrefLib.isPrefLib(path) ? PrefLib.read(path) : TextFormat.readMatrix(path);
    } catch (ParseError | InvalidParameter e) {
      throw new BadInput("--pref: " + e.getMessage());
    }
  }

  /** A distribution flag ({@code --sampler}, {@code --pi0}, ...) against K: nonnegative, sums to 1. */
  public static Distribution distribution(String spec, int k, String flag) {
    try {
      return DistributionSpec.parse(spec, k);
    } catch (ParseError | InvalidParameter e) {
      String m = String.valueOf(e.getMessage());
      throw new BadInput(flag + (m.startsWith("has ") ? " " : ": ") + m);
    }
  }

  /** A distribution flag that must be strictly positive ({@code --ref}, {@code --init}). */
  public static Distribution interiorDistribution(String spec, int k, String flag) {
    Distribution d = distribution(spec, k, flag);
    if (!d.interior()) {
      int i = 0;
      while (d.get(i).signum() > 0) {
        i++;
      }
      throw new BadInput(flag + " must be strictly positive, but entry " + i + " is 0");
    }
    return d;
  }

  /** An exact scalar, any sign. */
  public static Aprational rational(String text, String flag) {
    try {
      return Rationals.parse(text);
    } catch (NumberFormatException e) {
      throw new BadInput(flag + ": " + e.getMessage());
    }
  }
  /** An exact scalar in [0,1] ({@code --alpha}, {@code --lambda}). */
  public static Aprational unitInterval(String text, String flag) {
    Aprational v = rational(text, flag);
    if (v.signum() < 0 || v.compareTo(Rationals.ONE) > 0) {
      throw new BadInput(flag + ": " + Rationals.format(v) + " is not in [0,1]");
    }
    return v;
  }

  /** An exact scalar {@code > 0} ({@code --beta}). */
  public static Aprational positive(String text, String flag) {
    Aprational v = rational(text, flag);
    if (v.signum() <= 0) {
      throw new BadInput(flag + ": " + Rationals.format(v) + " must be > 0");
    }
    return v;
  }

  /** An exact scalar {@code >= 0}. */
  public static Aprational nonNegative(String text, String flag) {
    Aprational v = rational(text, flag);
    if (v.signum() < 0) {
      throw new BadInput(flag + ": " + Rationals.format(v) + " must be >= 0");
    }
    return v;
  }
}
