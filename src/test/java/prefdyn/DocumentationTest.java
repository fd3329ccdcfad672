package prefdyn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import prefdyn.catalogue.Catalogue;
import prefdyn.catalogue.Kind;
import prefdyn.catalogue.Statement;

/**
 * Keeps the documentation true to the catalogue: every statement has a README catalogue row, and
 * every non-conjecture statement is named by a property class and by a proofs-note (one
 * statement, one name, one place).
 */
class DocumentationTest {
  private static boolean mentioned(Path dir, String id) throws IOException {
    Pattern word = Pattern.compile("(?<![\\w-])" + Pattern.quote(id) + "(?![\\w-])");
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).anyMatch(f -> {
        try {
          return word.matcher(Files.readString(f)).find();
        } catch (IOException e) {
          return false;
        }
      });
    }
  }

  /**
   * Every built-in statement has a README catalogue row and a proof note that exists and names
   * it; every non-conjecture is run by the generic property class (StatementProperties runs the
   * whole catalogue) and, when it has extra examples, by a class that names it.
   */
  @Test
  void everyStatementHasAReadmeRowAndANote() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    for (Statement s : Catalogue.builtInStatements()) {
      assertTrue(readme.contains("| " + s.id() + " |"), "README catalogue table lacks " + s.id());
      Path note = Path.of(s.proofNote());
      assertTrue(Files.isRegularFile(note), s.id() + ": its proof note " + note + " does not exist");
      assertTrue(mentioned(note, s.id()), s.id() + ": its proof note " + note + " does not name it");
    }
    assertTrue(Files.readString(Path.of("properties/prefdyn/properties/StatementProperties.java"))
        .contains("Catalogue.builtInStatements()"), "the generic property class must run the catalogue");
  }

  /**
   * Every property class a proof note names ("Checked by `L4Properties`") exists and names the
   * statements of that note: a note cannot point to checks that are not there.
   */
  @Test
  void everyPropertyClassANoteNamesExists() throws IOException {
    Pattern named = Pattern.compile("\\b(\\w+Properties)\\b");
    for (Statement s : Catalogue.builtInStatements()) {
      Matcher m = named.matcher(Files.readString(Path.of(s.proofNote())));
      while (m.find()) {
        Path file = Path.of("properties/prefdyn/properties", m.group(1) + ".java");
        assertTrue(Files.isRegularFile(file), s.proofNote() + " names " + m.group(1) + ", which does not exist");
      }
    }
  }
}
