package prefdyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Shape of `prefdyn bench` output (no timing is asserted: speed is shown by running bench). */
class BenchCommandTest {
  @Test
  void quickKernelSuitePrintsEveryOperation() {
    CliRunner r = CliRunner.run("bench", "--suite", "kernel", "--at", "20", "--quick");
    assertEquals(0, r.exitCode(), r.err());
    for (String op : new String[] {"exp", "log", "logSumExp K=4", "softmax K=4"}) {
      assertTrue(r.out().contains(op), "missing " + op + " in\n" + r.out());
    }
    assertTrue(r.out().contains("speedup"));
  }

  @Test
  void jsonHasRowsWithStringNumbers() throws Exception {
    CliRunner r = CliRunner.run("bench", "--at", "20", "--quick", "--json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode doc = new ObjectMapper().readTree(r.out());
    JsonNode rows = doc.get("suites").get(0).get("rows");
    assertEquals(4, rows.size());
    JsonNode row = rows.get(0);
    assertEquals("exp", row.get("op").asText());
    assertEquals("20", row.get("digits").asText());
    assertTrue(row.get("prefdyn_us").isTextual());
    assertTrue(row.get("speedup").isTextual());
  }

  @Test
  void badOptionsExitTwo() {
    assertEquals(2, CliRunner.run("bench", "--suite", "nope").exitCode());
    assertEquals(2, CliRunner.run("bench", "--at", "3").exitCode());
    assertEquals(2, CliRunner.run("bench", "--repeats", "0").exitCode());
    CliRunner r = CliRunner.run("bench", "--suite", "nope");
    assertTrue(r.err().contains("--suite"), r.err());
    assertEquals("", r.out());
  }
}
