package prefdyn.cli;

import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The CLI's table from the library's field names ({@link prefdyn.num.InvalidParameter#field()}, the
 * theory's names) to flags. A field not listed here maps to {@code --field}. A flag is only named
 * when the command has it (otherwise the message stands alone): a field with several flags names
 * the first one the command has. {@code FieldsTest} checks that every field the library throws
 * maps to a flag of some command, or is listed in {@link #NO_FLAG}.
 */
public final class Fields {
  private Fields() {}

  /** Fields whose flag is not {@code --field}, in the order they are tried. */
  static final Map<String, List<String>> FLAGS = Map.of(
      "P", List.of("--pref"),
      "reference", List.of("--ref"),
      "start", List.of("--init"),
      "precision", List.of("--digits"),
      "comparisonsPerRound", List.of("--samples"),
      "maxDigits", List.of("--max-digits"),
      "maxRounds", List.of("--max-rounds"),
      "statement", List.of("--theorem", "--conjecture"));

  /**
   * Fields that name no flag: a distribution's own rules ("entries sum to 9/10"), which
   * {@link Inputs#distribution} prefixes with the flag that gave the distribution.
   */
  static final List<String> NO_FLAG = List.of("distribution");

  /** The flags a field may stand for ({@code "alpha"} to {@code --alpha}); a field that already is a flag stays. */
  static List<String> flags(String field) {
    if (field.startsWith("-")) {
      return List.of(field);
    }
    return FLAGS.getOrDefault(field, List.of("--" + field));
  }

  /** The flag of a field ({@code "alpha"} to {@code "--alpha"}), the first if it has several. */
  public static String flag(String field) {
    return flags(field).get(0);
  }

  /** The flag of a field that the command has, else null. */
  public static @Nullable String flag(CommandSpec command, String field) {
    for (String f : flags(field)) {
      if (command.findOption(f) != null) {
        return f;
      }
    }
    return null;
  }
}
