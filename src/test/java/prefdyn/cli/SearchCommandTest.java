package prefdyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apfloat.Aprational;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import prefdyn.catalogue.Catalogue;
import prefdyn.catalogue.Instance;
import prefdyn.search.ToyStatementsAccess;
import prefdyn.catalogue.Slot;
import prefdyn.catalogue.Statement;
import prefdyn.catalogue.Verdict;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;
import prefdyn.pref.PreferenceMatrix;

class SearchCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void listShowsTheConjectures() {
    CliRunner r = CliRunner.run("search", "--list");
    assertEquals(0, r.exitCode());
    assertTrue(r.out().contains("C6"));
    assertTrue(r.out().contains("C7"));
  }

  @Test
  void aFoundCounterexampleExitsOneAndChecksOutExactly(@TempDir Path tmp) throws IOException {
    Path out = tmp.resolve("results");
    CliRunner r = CliRunner.run("search", "--conjecture", "C6", "--seed", "4", "--json", "--out", out.toString());
    assertEquals(1, r.exitCode(), r.err());
    JsonNode j = JSON.readTree(r.out());
    assertEquals("C6", j.get("conjecture").asText());
    assertTrue(j.get("found").asBoolean());
    assertEquals("4", j.get("seed").asText());
    Instance x = parse(j.get("counterexample"));
    Statement c6 = Catalogue.require("C6");
    assertTrue(c6.admits(x));
    assertEquals(Verdict.VIOLATED, c6.check(x, Precision.ofDigits(20)).verdict());
    assertEquals(j.get("margin").asText(), Rationals.format((Aprational) c6.check(x, Precision.ofDigits(20)).value()));
    // exact margin: the enclosure is [m, m], and certified on the failing side
    assertEquals(j.get("margin").asText(), j.get("enclosure").get(0).asText());
    assertEquals(j.get("margin").asText(), j.get("enclosure").get(1).asText());
    Aprational hi = Rationals.parse(j.get("enclosure").get(1).asText());
    assertTrue(j.get("strict").asBoolean() ? hi.signum() <= 0 : hi.signum() < 0);
    try (Stream<Path> files = Files.list(out)) {
      List<Path> all = files.toList();
      assertEquals(List.of(out.resolve("search-C6-seed-4.json")), all, "one complete file, no temporaries");
    }
    assertEquals(j, JSON.readTree(Files.readString(out.resolve("search-C6-seed-4.json"))));
    CliRunner again = CliRunner.run("search", "--conjecture", "C6", "--seed", "4", "--json");
    assertEquals(j.get("counterexample"), JSON.readTree(again.out()).get("counterexample"));
  }

  @Test
  void anApproximateCounterexampleCarriesItsCertifyingEnclosure() throws IOException {
    ToyStatementsAccess.register();
    CliRunner r = CliRunner.run("search", "--conjecture", "TOY-FUZZY-BOX", "--seed", "2", "--budget", "5000", "--digits", "20", "--json");
    assertEquals(1, r.exitCode(), r.err());
    JsonNode j = JSON.readTree(r.out());
    assertTrue(j.get("found").asBoolean());
    Aprational lo = CheckCommandTest.bound(j.get("enclosure").get(0).asText());
    Aprational hi = CheckCommandTest.bound(j.get("enclosure").get(1).asText());
    assertNotNull(lo);
    assertNotNull(hi);
    assertTrue(lo.compareTo(hi) < 0, "a genuine enclosure");
    assertTrue(j.get("strict").asBoolean() ? hi.signum() <= 0 : hi.signum() < 0, j.toString());
    CliRunner never = CliRunner.run("search", "--conjecture", "TOY-STRADDLE-C", "--budget", "10", "--digits", "10", "--json");
    assertEquals(0, never.exitCode(), "an undecidable margin is never a counterexample: " + never.out());
  }

  @Test
  void nothingFoundExitsZero() {
    CliRunner r = CliRunner.run("search", "--conjecture", "C6", "--budget", "1", "--seed", "1", "--json");
    // one evaluation may or may not hit; either way the JSON says which and the exit code agrees
    JsonNode j = readJson(r.out());
    assertEquals(j.get("found").asBoolean() ? 1 : 0, r.exitCode());
  }

  @Test
  void badInputExitsTwoWithOneLineAndWritesNothing(@TempDir Path tmp) throws IOException {
    assertBad(CliRunner.run("search", "--conjecture", "T99"), "C6");
    assertBad(CliRunner.run("search", "--conjecture", "c6"), "valid IDs");
    assertBad(CliRunner.run("search", "--conjecture", "C6", "--budget", "-1"), "--budget");
    assertBad(CliRunner.run("search", "--conjecture", "C6", "--budget", "0"), "--budget");
    assertBad(CliRunner.run("search"), "--conjecture");
    assertBad(CliRunner.run("search", "--conjecture", "C6", "--digits", "30", "--max-digits", "29"), "--max-digits");
    Path file = tmp.resolve("a-file");
    Files.writeString(file, "x");
    CliRunner r = CliRunner.run("search", "--conjecture", "C6", "--out", file.resolve("sub").toString());
    assertBad(r, "--out");
    assertFalse(Files.exists(file.resolve("sub")));
    assertEquals("x", Files.readString(file));
    CliRunner r2 = CliRunner.run("search", "--conjecture", "C6", "--out", file.toString());
    assertBad(r2, "--out");
  }

  static void assertBad(CliRunner r, String mention) {
    assertEquals(2, r.exitCode(), r.err() + r.out());
    assertEquals("", r.out());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains(mention), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  private static JsonNode readJson(String s) {
    try {
      return JSON.readTree(s);
    } catch (IOException e) {
      throw new AssertionError(s, e);
    }
  }

  /** Reads an instance back from its describe() JSON (pref and sampler suffice for C6/C7). */
  static Instance parse(JsonNode cx) {
    JsonNode rows = cx.get("pref");
    int k = rows.size();
    Aprational[][] p = new Aprational[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        p[i][j] = Rationals.parse(rows.get(i).get(j).asText());
      }
    }
    Instance x = Instance.of(PreferenceMatrix.of(p));
    if (cx.has("sampler")) {
      Aprational[] mu = new Aprational[k];
      for (int i = 0; i < k; i++) {
        mu[i] = Rationals.parse(cx.get("sampler").get(i).asText());
      }
      x = x.with(Slot.SAMPLER, Distribution.of(mu));
    }
    return x;
  }
}
