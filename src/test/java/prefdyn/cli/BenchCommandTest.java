package prefdyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Shape of `prefdyn bench` output (no timing is asserted: speed is shown by running bench). */
class BenchCommandTest {
  @Test
  void quickKernelSuitePrintsEveryOperation() {
    CliRunner r = CliRunner.run("bench", "--suite", "kernel", "--digits", "20", "--quick");
    assertEquals(0, r.exitCode(), r.err());
    for (String op : new String[] {"exp", "log", "logSumExp K=4", "softmax K=4"}) {
      assertTrue(r.out().contains(op), "missing " + op + " in\n" + r.out());
    }
    assertTrue(r.out().contains("prefdyn/ref"));
    assertTrue(r.out().contains("ApfloatMath"));
  }

  @Test
  void jsonIsAnArrayOfRowsAndMissingReferencesAreSkippedWithANote() throws Exception {
    CliRunner r = CliRunner.run("bench", "--at", "20", "--quick", "--rounds", "3", "--json",
        "--python", "/nonexistent/python3", "--cc", "/nonexistent/cc");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode rows = new ObjectMapper().readTree(r.out());
    assertTrue(rows.isArray(), r.out());
    Set<String> keys = Set.of("suite", "op", "digits", "prefdynMicros", "referenceMicros", "reference", "ratio");
    int kernel = 0;
    int ipo = 0;
    for (JsonNode row : rows) {
      Set<String> names = new TreeSet<>();
      row.fieldNames().forEachRemaining(names::add);
      assertEquals(new TreeSet<>(keys), names, row.toString());
      assertTrue(row.get("prefdynMicros").isNumber() && row.get("prefdynMicros").asDouble() > 0, row.toString());
      String suite = row.get("suite").asText();
      assertEquals(suite.equals("sweep") ? 16 : 20, row.get("digits").asInt(), row.toString()); // sweep: double
      if (suite.equals("sweep")) {
        continue;
      }
      if (suite.equals("kernel")) {
        kernel++;
        assertEquals("ApfloatMath", row.get("reference").asText());
        assertTrue(row.get("referenceMicros").isNumber() && row.get("ratio").isNumber(), row.toString());
      } else {
        assertEquals("mrs", row.get("suite").asText());
        assertTrue(row.get("op").asText().contains("ipo"), row.toString());
        ipo++;
        // no Python here: mpmath rows cannot appear (MPFR may, when it is built on this machine)
        assertTrue(row.get("reference").isNull() || row.get("reference").asText().equals("MPFR"), row.toString());
      }
    }
    assertEquals(4, kernel);
    assertTrue(ipo >= 1);
    assertTrue(r.err().contains("mpmath (gmpy): skipped"), r.err());
    assertTrue(r.err().contains("mpmath (python): skipped"), r.err());
    assertTrue(r.err().contains("/nonexistent/python3"), r.err());
  }

  @Test
  void textOutputNamesSkippedReferences() {
    CliRunner r = CliRunner.run("bench", "--suite", "mrs", "--digits", "20", "--quick", "--rounds", "2",
        "--python", "/nonexistent/python3");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("mrs-ipo round"), r.out());
    assertTrue(r.out().contains("note: mpmath (gmpy): skipped"), r.out());
    assertEquals("", r.err());
  }

  @Test
  void badOptionsExitTwo() {
    assertEquals(2, CliRunner.run("bench", "--suite", "nope").exitCode());
    assertEquals(2, CliRunner.run("bench", "--at", "3").exitCode());
    assertEquals(2, CliRunner.run("bench", "--repeats", "0").exitCode());
    assertEquals(2, CliRunner.run("bench", "--rounds", "0").exitCode());
    CliRunner r = CliRunner.run("bench", "--suite", "nope");
    assertTrue(r.err().contains("--suite"), r.err());
    assertEquals("", r.out());
  }
}
