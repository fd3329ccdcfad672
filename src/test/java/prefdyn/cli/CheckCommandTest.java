package prefdyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apfloat.Aprational;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import prefdyn.num.Rationals;
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
    assertTrue(j.get(0).get("enclosure").isArray());
    assertTrue(j.get(0).get("kind").isTextual());
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
  void undecidedCountsAsNotHoldingAndTheCapIsReported() throws IOException {
    // 10^-60 ± 10^-D: decided at 80 digits (10 doubled up to the default cap 8 x 10)
    CliRunner decided = CliRunner.run("check", "--theorem", "TOY-TINY", "--tries", "2", "--digits", "10", "--json");
    assertEquals(0, decided.exitCode(), decided.err());
    JsonNode d = JSON.readTree(decided.out()).get(0);
    assertEquals("holds", d.get("status").asText());
    assertEquals(80, d.get("decidedDigits").asInt());
    assertEquals(80, d.get("maxDigits").asInt());
    assertFalse(d.get("capReached").asBoolean());
    CliRunner capped = CliRunner.run("check", "--theorem", "TOY-TINY", "--tries", "2", "--digits", "10", "--max-digits", "40", "--json");
    assertEquals(1, capped.exitCode());
    JsonNode c = JSON.readTree(capped.out()).get(0);
    assertEquals("undecided", c.get("status").asText());
    assertTrue(c.get("capReached").asBoolean());
    assertEquals(40, c.get("maxDigits").asInt());
    CliRunner table = CliRunner.run("check", "--theorem", "TOY-TINY", "--tries", "2", "--digits", "10");
    assertTrue(table.out().contains("10 → 80"), table.out());
    SearchCommandTest.assertBad(CliRunner.run("check", "--theorem", "TOY-TINY", "--digits", "30", "--max-digits", "20"), "--max-digits");
  }

  @Test
  void everyRowHasAnEnclosureThatAgreesWithItsStatus() throws IOException {
    CliRunner r = CliRunner.run("check", "--theorem", "TOY-HOLDS", "--theorem", "C6", "--theorem", "C7", "--theorem", "TOY-BOX",
        "--theorem", "TOY-TINY", "--theorem", "TOY-STRADDLE", "--theorem", "TOY-THROWS", "--theorem", "TOY-UNKNOWN",
        "--tries", "60", "--digits", "12", "--json");
    assertEquals(1, r.exitCode(), r.err());
    JsonNode rows = JSON.readTree(r.out());
    assertEquals(8, rows.size());
    for (JsonNode row : rows) {
      assertEnclosureAgrees(row);
    }
    assertEquals("undecided", rows.get(5).get("status").asText(), "a straddling enclosure is never a verdict");
    assertEquals(List.of("-inf", "inf"), List.of(rows.get(6).get("enclosure").get(0).asText(), rows.get(6).get("enclosure").get(1).asText()));
    assertTrue(rows.get(6).get("reason").asText().contains("solver diverged"), rows.get(6).toString());
    assertTrue(rows.get(7).get("message").asText().contains("iteration cap hit"), rows.get(7).toString());
  }

  /** The contract: holds only when lo > 0 (>= 0 non-strict), violated only when hi <= 0 (< 0 non-strict). */
  static void assertEnclosureAgrees(JsonNode row) {
    JsonNode e = row.get("enclosure");
    assertEquals(2, e.size(), row.toString());
    boolean strict = row.get("strict").asBoolean();
    String status = row.get("status").asText();
    Aprational lo = bound(e.get(0).asText());
    Aprational hi = bound(e.get(1).asText());
    boolean holds = lo != null && (strict ? lo.signum() > 0 : lo.signum() >= 0);
    boolean violated = hi != null && (strict ? hi.signum() <= 0 : hi.signum() < 0);
    switch (status) {
      case "holds" -> assertTrue(holds, row.toString());
      case "violated" -> assertTrue(violated, row.toString());
      case "undecided" -> assertTrue(!holds && !violated, row.toString());
      default -> throw new AssertionError("status " + status + " in " + row);
    }
    if (lo != null && hi != null) {
      assertTrue(lo.compareTo(hi) <= 0, row.toString());
    }
  }

  /** An end of a printed enclosure: p/q, a decimal, or ±inf (null). */
  static @Nullable Aprational bound(String s) {
    if (s.equals("-inf") || s.equals("inf")) {
      return null;
    }
    if (s.contains("/") || !s.matches(".*[.eE].*")) {
      return Rationals.parse(s);
    }
    BigDecimal d = new BigDecimal(s);
    return d.scale() <= 0 ? Rationals.of(d.toBigIntegerExact(), BigInteger.ONE)
        : Rationals.of(d.unscaledValue(), BigInteger.TEN.pow(d.scale()));
  }

  @Test
  void reportIsWrittenWithFiguresAndNoTemporaries(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("report");
    CliRunner r = CliRunner.run("check", "--theorem", "TOY-HOLDS", "--theorem", "C7", "--tries", "40", "--digits", "20",
        "--report", dir.toString());
    assertTrue(r.exitCode() <= 1, r.err());
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names = files.map(p -> String.valueOf(p.getFileName())).sorted().toList();
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
