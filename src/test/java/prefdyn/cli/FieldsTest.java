package prefdyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The library speaks mathematics, the CLI speaks flags: every field name the library throws
 * ({@code InvalidParameter("alpha", ...)}, {@code requireK(k, "start")}, ...) maps through
 * {@link Fields} to a flag that some command has (or is one of {@link Fields#NO_FLAG}). A field
 * that is still a flag ({@code "--init"}) passes through {@link Fields} unchanged.
 */
class FieldsTest {
  /** A literal field: the first argument of InvalidParameter, the last of the validators that take one. */
  private static final Pattern FIELD = Pattern.compile(
      "(?:InvalidParameter\\(|requireK\\([^,()]+(?:\\([^()]*\\))?, |requireInterior\\(|requirePng\\([^,()]+, |logitsOfBalls\\([^,()]+, [^,()]+, )\"([^\"]+)\"");

  private static Set<String> libraryFields() throws IOException {
    Set<String> fields = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java/prefdyn"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java") && !p.toString().contains("/cli/")).toList()) {
        Matcher m = FIELD.matcher(Files.readString(f));
        while (m.find()) {
          fields.add(m.group(1));
        }
      }
    }
    return fields;
  }

  private static Set<String> allFlags() {
    Set<String> flags = new TreeSet<>();
    for (CommandLine sub : Main.commandLine().getSubcommands().values()) {
      sub.getCommandSpec().options().forEach(o -> flags.addAll(List.of(o.names())));
    }
    return flags;
  }

  @Test
  void everyLibraryFieldMapsToAFlagOfSomeCommand() throws IOException {
    Set<String> fields = libraryFields();
    assertTrue(fields.containsAll(Set.of("alpha", "P", "start", "reference", "precision", "shard")), fields.toString());
    Set<String> flags = allFlags();
    for (String field : fields) {
      if (field.startsWith("-")) {
        continue; // an old-style flag as field: Fields passes it through
      }
      if (Fields.NO_FLAG.contains(field)) {
        continue;
      }
      assertTrue(Fields.flags(field).stream().anyMatch(flags::contains),
          "field '" + field + "' maps to " + Fields.flags(field) + ", which no command has");
    }
  }

  @Test
  void fieldsAreTheTheorysNames() {
    assertEquals("--init", Fields.flag("start"));
    assertEquals("--ref", Fields.flag("reference"));
    assertEquals("--alpha", Fields.flag("alpha"));
    assertEquals("--conjecture", Fields.flag(Main.commandLine().getSubcommands().get("search").getCommandSpec(), "statement"));
    assertEquals("--theorem", Fields.flag(Main.commandLine().getSubcommands().get("check").getCommandSpec(), "statement"));
  }
}
