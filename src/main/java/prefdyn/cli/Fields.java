package prefdyn.cli;

import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The CLI's table from the library's field names ({@link prefdyn.num.InvalidParameter#field()}, the
 * theory's names) to flags. A field not listed here maps to {@code --field}. A flag is only named
 * when the command has it (otherwise the message stands alone).
 */
public final class Fields {
  private Fields() {}

  /** Fields whose flag is not {@code --field}. */
  static final Map<String, String> FLAGS = Map.of(
      "P", "--pref",
      "reference", "--ref",
      "start", "--init",
      "precision", "--digits",
      "comparisonsPerRound", "--samples",
      "maxDigits", "--max-digits",
      "maxRounds", "--max-rounds",
      "statement", "--theorem");

  /** The flag of a field ({@code "alpha"} to {@code "--alpha"}); a field that already is a flag stays. */
  public static String flag(String field) {
    if (field.startsWith("-")) {
      return field;
    }
    return FLAGS.getOrDefault(field, "--" + field);
  }

  /** The flag of a field if the command has it, else null. */
  public static @Nullable String flag(CommandSpec command, String field) {
    String f = flag(field);
    return command.findOption(f) == null ? null : f;
  }
}
