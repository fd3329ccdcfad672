package prefdyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import prefdyn.io.PrefLib;
import prefdyn.io.TextFormat;

/**
 * {@code prefdyn classify} on the pairwise matrices of the 16 PrefLib files of
 * data/preflib (committed as derived fixtures under src/test/resources/preflib). The
 * expected answers were computed independently (a Python script with exact fractions and a
 * brute-force Smith set over all subsets), not by prefdyn.
 */
public class ClassifyCommandTest {
  /** A test resource under /preflib (shared with the parser tests). */
  public static Path resourceOf(String name) {
    return resource(name);
  }

  static Path resource(String name) {
    URL u = Objects.requireNonNull(ClassifyCommandTest.class.getResource("/preflib/" + name), name);
    try {
      return Path.of(u.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode classify(Path file) throws Exception {
    CliRunner r = CliRunner.run("classify", "--pref", file.toString(), "--json");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("", r.err());
    return new ObjectMapper().readTree(r.out());
  }

  // file | K | Condorcet winner (- none) | Smith set | transitive order (- none) | sst | 3-cycles
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "00007-00000001.soi | 10 | 0 | 0 | - | no | 1",
      "00007-00000002.soi | 19 | - | 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 | - | no | 56",
      "00007-00000014.soi | 8 | 1 | 1 | - | no | 3",
      "00007-00000020.soi | 6 | - | 0 1 2 3 4 | - | no | 1",
      "00007-00000026.soi | 5 | 3 | 3 | - | no | 1",
      "00024-00000001.soc | 4 | 0 | 0 | 0 1 2 3 | strict | 0",
      "00024-00000002.soc | 4 | 0 | 0 | 0 1 2 3 | strict | 0",
      "00024-00000003.soc | 4 | 0 | 0 | 0 1 2 3 | strict | 0",
      "00024-00000004.soc | 4 | 0 | 0 | 0 1 2 3 | strict | 0",
      "00025-00000001.soc | 4 | 0 | 0 | 0 1 2 3 | strict | 0",
      "00025-00000002.soc | 4 | 0 | 0 | 0 1 2 3 | strict | 0",
      "00025-00000003.soc | 4 | 0 | 0 | 0 1 2 3 | strict | 0",
      "00025-00000004.soc | 4 | 0 | 0 | 0 1 2 3 | strict | 0",
      "00052-00000002.soc | 7 | 3 | 3 | - | no | 1",
      "00052-00000007.soc | 5 | - | 1 3 4 | - | no | 1",
      "00052-00000017.soc | 6 | 1 | 1 | - | no | 3",
  })
  void classifiesEveryPrefLibFile(String file, int k, String winner, String smith, String order, String sst, int cycles)
      throws Exception {
    JsonNode j = classify(resource(file + ".txt"));
    assertEquals(k, j.get("k").asInt());
    assertEquals(winner.equals("-") ? "null" : winner, j.get("condorcetWinner").toString());
    assertEquals("[" + smith.replace(' ', ',') + "]", j.get("smithSet").toString());
    assertEquals(!order.equals("-"), j.get("transitive").asBoolean());
    assertEquals(order.equals("-") ? "null" : "[" + order.replace(' ', ',') + "]", j.get("order").toString());
    assertEquals(sst, j.get("sst").asText());
    assertEquals(cycles > 0, j.get("cyclic").asBoolean());
    assertEquals(cycles, j.get("threeCycles").asInt());
    assertEquals(false, j.get("bradleyTerry").asBoolean());
  }

  @ParameterizedTest
  @CsvSource({"snippets/small.soc"})
  void prefLibFileGivesTheHandTalliedMatrix(String file) throws Exception {
    // raw PrefLib files are under data/preflib (data/README.md): a hand-written snippet and its hand tally
    assertEquals(classify(resource(file + ".txt")), classify(resource(file)));
    assertEquals(PrefLib.read(resource(file)), TextFormat.readMatrix(resource(file + ".txt")));
  }

  @Test
  void jsonKeysAreThoseOfTheContract() throws Exception {
    JsonNode j = classify(resource("00024-00000001.soc.txt"));
    java.util.List<String> names = new java.util.ArrayList<>();
    j.fieldNames().forEachRemaining(names::add);
    String keys = String.join(",", names);
    assertTrue(keys.startsWith("k,condorcetWinner,smithSet,transitive,order,sst,bradleyTerry,cyclic"), keys);
  }

  @Test
  void bradleyTerryMatrixReportsScores(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path f = dir.resolve("bt.txt");
    // strengths 1, 2, 4: P_ij = w_i / (w_i + w_j)
    java.nio.file.Files.writeString(f, "1/2 1/3 1/5\n2/3 1/2 1/3\n4/5 2/3 1/2\n");
    JsonNode j = classify(f);
    assertTrue(j.get("bradleyTerry").asBoolean());
    assertEquals("strict", j.get("sst").asText());
    assertEquals("[2,1,0]", j.get("order").toString());
    // centered log-strengths: s = log w - mean(log w) = (-1, 0, 1)·log 2
    assertTrue(j.get("bradleyTerryScores").get(2).asText().startsWith("0.69314718055994530941"), j.toString());
    assertTrue(j.get("bradleyTerryScores").get(1).asText().matches("-?0(\\.0*)?(E.*)?|0"), j.toString());
  }

  @Test
  void humanTable() {
    CliRunner r = CliRunner.run("classify", "--pref", resource("00052-00000007.soc.txt").toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("Smith set"), r.out());
    assertTrue(r.out().contains("[1, 3, 4]"), r.out());
    assertTrue(r.out().contains("none"), r.out());
  }
}
