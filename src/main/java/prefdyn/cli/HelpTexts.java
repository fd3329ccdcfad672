package prefdyn.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import prefdyn.dynamics.CheckedTrajectory;

/**
 * The commands' help prose as data: {@code prefdyn/cli/help/NAME.txt} holds the description of
 * command NAME, one help line per line (picocli's format: {@code %n}, {@code %%}), then optionally
 * a line {@code --- footer} and the footer's lines. Values the prose quotes from the code are
 * written {@code @Name@} ({@link #VALUES}). A command without such a file keeps the description of
 * its {@code @Command} annotation.
 */
final class HelpTexts {
  private HelpTexts() {}

  /** The line between the description and the footer. */
  static final String FOOTER = "--- footer";

  /** Values the help quotes from the code. */
  static final Map<String, String> VALUES = Map.of(
      "@CheckedTrajectory.MAX_DIGITS@", String.valueOf(CheckedTrajectory.MAX_DIGITS));

  /** Sets the description and footer of every subcommand that has a help file. */
  static void apply(CommandLine top) {
    for (CommandLine sub : top.getSubcommands().values()) {
      CommandSpec spec = sub.getCommandSpec();
      List<String> lines = read(spec.name());
      if (lines.isEmpty()) {
        continue;
      }
      int cut = lines.indexOf(FOOTER);
      spec.usageMessage().description((cut < 0 ? lines : lines.subList(0, cut)).toArray(new String[0]));
      if (cut >= 0) {
        spec.usageMessage().footer(lines.subList(cut + 1, lines.size()).toArray(new String[0]));
      }
    }
  }

  /** The lines of a command's help file (the last newline ends the last line), or none. */
  static List<String> read(String command) {
    try (InputStream in = HelpTexts.class.getResourceAsStream("help/" + command + ".txt")) {
      if (in == null) {
        return List.of();
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (Map.Entry<String, String> v : VALUES.entrySet()) {
        text = text.replace(v.getKey(), v.getValue());
      }
      List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
      if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
        lines.remove(lines.size() - 1);
      }
      return lines;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the help of " + command + ": " + e.getMessage(), e);
    }
  }
}
