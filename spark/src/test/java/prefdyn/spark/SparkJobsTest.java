package prefdyn.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import prefdyn.cli.Main;

/**
 * The Spark jobs against the one-machine commands, in a real Spark engine inside this JVM
 * ({@code local[2]}): same seed, same certified result (timing keys aside); a task that fails
 * once is retried and the result has neither holes nor duplicates; bad input is the core's
 * one-line message with exit 2 before Spark starts. The statements are a quick subset of the
 * default check (the full {@code check --tries 12 --seed 7} is compared in docs/spark.md).
 */
class SparkJobsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final List<String> CHECK = List.of("check", "--theorem", "T1", "--theorem", "T2", "--theorem",
      "T3-lemma", "--theorem", "T4b", "--theorem", "T5", "--tries", "12", "--seed", "7");

  record Run(int code, String out, String err, int tasks, int failedAttempts) {}

  private static Run core(List<String> args, String... extra) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> a = new ArrayList<>(args);
    a.addAll(List.of(extra));
    int code = Main.run(a.toArray(new String[0]), new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString(), 0, 0);
  }

  private static Run spark(List<String> args, String... extra) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> a = new ArrayList<>(args);
    a.addAll(List.of(extra));
    SparkMain.Outcome o = SparkMain.execute(a.toArray(new String[0]), new PrintWriter(out, true),
        new PrintWriter(err, true));
    return new Run(o.exitCode(), out.toString(), err.toString(), o.tasks(), o.failedAttempts());
  }

  /** The JSON without its timing keys ("seconds"), which the contract lets differ. */
  private static JsonNode withoutTiming(String json) throws Exception {
    JsonNode n = JSON.readTree(json);
    strip(n);
    return n;
  }

  private static void strip(JsonNode n) {
    if (n instanceof ObjectNode o) {
      o.remove("seconds");
      Iterator<JsonNode> it = o.elements();
      while (it.hasNext()) {
        strip(it.next());
      }
    } else if (n instanceof ArrayNode a) {
      for (JsonNode e : a) {
        strip(e);
      }
    }
  }

  /**
   * A human output without its times ("12.3 s", "seconds" keys) and with single spaces, since a
   * time's width moves the table's columns.
   */
  private static String withoutTimes(String text) {
    return text.replaceAll("\"seconds\" : \"[0-9.]+\"", "\"seconds\"").replaceAll("[0-9]+\\.[0-9]+ s\\b", "T s")
        .replaceAll("[ \\-]+", " ");
  }

  @Test
  void checkOnSparkEqualsTheOneMachineRun() throws Exception {
    Run one = core(CHECK, "--json");
    Run spark = spark(CHECK, "--master", "local[2]", "--tasks", "7", "--json");
    assertEquals(0, one.code(), one.err());
    assertEquals(0, spark.code(), spark.err());
    assertEquals(7, spark.tasks());
    assertEquals(withoutTiming(one.out()), withoutTiming(spark.out()));
    assertEquals(5, JSON.readTree(spark.out()).size());
  }

  @Test
  void aTaskThatFailsOnceIsRetriedWithoutHolesOrDuplicates() throws Exception {
    Run one = core(CHECK);
    System.setProperty(ShardTask.INJECT_FAILURE, "3");
    Run spark;
    try {
      // plain local[2] would never retry: prefdyn-spark runs it as local[2,4]
      spark = spark(CHECK, "--master", "local[2]", "--tasks", "5");
    } finally {
      System.getProperties().remove(ShardTask.INJECT_FAILURE); // clearProperty: the checker cannot see the key is ours
    }
    assertEquals(0, spark.code(), spark.err());
    assertEquals(1, spark.failedAttempts(), spark.err());
    assertTrue(spark.err().contains("injected failure of shard 3/5"), spark.err());
    // without --json: the one-machine table, summary line and details, times aside
    assertTrue(spark.out().contains("5 of 5 statements hold (seed 7, 50 digits, "), spark.out());
    assertEquals(withoutTimes(one.out()), withoutTimes(spark.out()));
  }

  @Test
  void searchOnSparkFindsTheSameCertifiedCounterexample() throws Exception {
    List<String> args = List.of("search", "--conjecture", "C3", "--seed", "3", "--budget", "2000");
    Run one = core(args, "--json");
    Run spark = spark(args, "--master", "local[2]", "--json");
    assertEquals(1, one.code(), one.err());
    assertEquals(1, spark.code(), spark.err());
    JsonNode r = JSON.readTree(spark.out());
    assertTrue(r.path("found").asBoolean());
    assertTrue(r.path("margin").asText().startsWith("-"), r.toString());
    assertEquals(withoutTiming(one.out()), withoutTiming(spark.out()));
    // without --json: the one-machine human lines (then the same JSON), times aside
    Run text = spark(args, "--master", "local[2]");
    assertEquals(1, text.code(), text.err());
    assertTrue(text.out().startsWith("C3: "), text.out());
    assertEquals(withoutTimes(core(args).out()), withoutTimes(text.out()));
  }

  @Test
  void experimentOnSparkWritesTheOneMachineFolder(@TempDir Path tmp) throws Exception {
    List<String> args = List.of("experiment", "--synthetic", "3", "--k", "3", "--steps", "50", "--seed", "5");
    Path one = tmp.resolve("one");
    Path spark = tmp.resolve("spark");
    List<String> a = new ArrayList<>(args);
    a.addAll(List.of("--out", one.toString()));
    StringWriter sink = new StringWriter();
    assertEquals(0, Main.run(a.toArray(new String[0]), new PrintWriter(sink, true), new PrintWriter(sink, true)), sink.toString());
    // 5 shards of 3 cells: two shards are empty and still merge
    Run r = spark(args, "--out", spark.toString(), "--master", "local[2]", "--tasks", "5");
    assertEquals(0, r.code(), r.err());
    assertEquals(5, r.tasks());
    for (String f : List.of("runs.csv", "summary.csv")) {
      assertEquals(Files.readString(one.resolve(f)), Files.readString(spark.resolve(f)), f);
    }
  }

  @Test
  void badInputIsTheCoresOneLineAndExit2BeforeSparkStarts() {
    for (List<String> args : List.of(
        List.of("check", "--tries", "0", "--json"),
        List.of("check", "--theorem", "NOPE"),
        List.of("search", "--conjecture", "T1"),
        List.of("check", "--shard", "1/2"),
        List.of("check", "--tasks", "0"),
        List.of("check", "--no-such-option"),
        List.of("experiment", "--synthetic", "2"),
        List.of("frobnicate"))) {
      Run r = spark(args);
      assertEquals(2, r.code(), args + ": " + r.err());
      assertEquals("", r.out(), args.toString());
      assertEquals(1, r.err().strip().lines().count(), args + ": " + r.err());
      assertTrue(!r.err().contains("prefdyn-spark: prefdyn"), "Spark did not start: " + r.err());
    }
  }

  @Test
  void taskCountAndLocalRetries() {
    assertEquals(8, SparkMain.taskCount(216, null, 2));
    assertEquals(3, SparkMain.taskCount(3, null, 2));
    assertEquals(216, SparkMain.taskCount(216, 1000, 2));
    assertEquals(1, SparkMain.taskCount(0, null, 2));
    assertEquals("local[2,4]", SparkMain.withLocalRetries("local[2]"));
    assertEquals("local[*,4]", SparkMain.withLocalRetries("local[*]"));
    assertEquals("local[1,4]", SparkMain.withLocalRetries("local"));
    assertEquals("local[2,2]", SparkMain.withLocalRetries("local[2,2]"));
    assertEquals("yarn", SparkMain.withLocalRetries("yarn"));
  }
}
