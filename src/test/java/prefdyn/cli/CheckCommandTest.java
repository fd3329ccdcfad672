package prefdyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import prefdyn.search.ToyStatementsAccess;

class CheckCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void registerToys() {
    ToyStatementsAccess.register();
  }

  @Test
  void aHoldingStatementExitsZeroWithATable() {
    CliRunner r = CliRunner.run("check", "--theorem", "TOY-HOLDS", "--tries", "50", "--digits", "20");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("TOY-HOLDS"));
    assertTrue(r.out().contains("holds"));
    assertTrue(r.out().contains("smallest margin"));
  }

  @Test
  void jsonHasTheContractKeysAndNothingElseGoesToStdout() throws IOException {
    CliRunner r = CliRunner.run("check", "--theorem", "TOY-HOLDS", "--theorem", "C6", "--tries", "300", "--json", "--digits", "20");
    assertEquals(1, r.exitCode(), "C6 is false: " + r.err());
    JsonNode j = JSON.readTree(r.out());
    assertEquals(2, j.size());
    assertEquals("TOY-HOLDS", j.get(0).get("id").asText());
    assertEquals("holds", j.get(0).get("status").asText());
    assertEquals(300, j.get(0).get("tries").asInt());
    assertTrue(j.get(0).get("minMargin").isTextual());
    assertEquals("violated", j.get(1).get("status").asText());
    assertTrue(j.get(1).get("instance").has("pref"));
    assertTrue(j.get(1).has("drawSeed"));
  }

  @Test
  void aViolationPrintsTheInstanceAndHowToReproduceIt() {
    CliRunner r = CliRunner.run("check", "--theorem", "C6", "--tries", "300", "--seed", "5", "--digits", "20");
    assertEquals(1, r.exitCode());
    assertTrue(r.out().contains("instance: {"), r.out());
    assertTrue(r.out().contains("reproduce: prefdyn check --theorem C6 --seed 5"), r.out());
  }

  @Test
  void undecidedCountsAsNotHolding() throws IOException {
    CliRunner r = CliRunner.run("check", "--theorem", "TOY-TINY", "--tries", "2", "--digits", "10", "--json");
    assertEquals(1, r.exitCode());
    assertEquals("undecided", JSON.readTree(r.out()).get(0).get("status").asText());
    CliRunner decided = CliRunner.run("check", "--theorem", "TOY-TINY", "--tries", "2", "--digits", "30", "--json");
    assertEquals(0, decided.exitCode());
  }

  @Test
  void reportIsWrittenWithFiguresAndNoTemporaries(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("report");
    CliRunner r = CliRunner.run("check", "--theorem", "TOY-HOLDS", "--theorem", "C7", "--tries", "40", "--digits", "20",
        "--report", dir.toString());
    assertTrue(r.exitCode() <= 1, r.err());
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
      assertEquals(List.of("margins.png", "report.md", "times.png"), names);
    }
    String md = Files.readString(dir.resolve("report.md"));
    assertTrue(md.contains("| TOY-HOLDS |"));
    assertTrue(md.contains("![smallest margins](margins.png)"));
    byte[] png = Files.readAllBytes(dir.resolve("margins.png"));
    assertEquals((byte) 0x89, png[0]);
    assertEquals('P', png[1]);
  }

  @Test
  void badInputExitsTwoWithOneLineAndWritesNothing(@TempDir Path tmp) throws IOException {
    SearchCommandTest.assertBad(CliRunner.run("check", "--theorem", "T99"), "T99");
    SearchCommandTest.assertBad(CliRunner.run("check", "--tries", "0"), "--tries");
    SearchCommandTest.assertBad(CliRunner.run("check", "--tries", "-3"), "--tries");
    SearchCommandTest.assertBad(CliRunner.run("check", "--digits", "2"), "--digits");
    Path file = tmp.resolve("f");
    Files.writeString(file, "");
    SearchCommandTest.assertBad(CliRunner.run("check", "--theorem", "TOY-HOLDS", "--report", file.toString()), "--report");
    SearchCommandTest.assertBad(CliRunner.run("check", "--theorem", "TOY-HOLDS", "--report", file.resolve("x").toString()), "--report");
    assertFalse(Files.exists(file.resolve("x")));
  }
}
