package prefdyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apfloat.ApfloatContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code iterate --samples N --seed S}: exit codes, determinism, JSON keys. */
class IterateSamplesTest {
  @SuppressWarnings("initialization.field.uninitialized") // injected by JUnit before each test
  @TempDir Path dir;

  private String c3() throws Exception {
    Path f = dir.resolve("c3.txt");
    Files.writeString(f, "1/2 3/4 1/4\n1/4 1/2 3/4\n3/4 1/4 1/2\n");
    return f.toString();
  }

  private CliRunner sampled(String pref, String... extra) {
    List<String> a = new ArrayList<>(List.of("iterate", "--pref", pref, "--alpha", "1/2", "--lambda", "1", "--beta", "2",
        "--steps", "12", "--every", "4", "--digits", "30"));
    a.addAll(List.of(extra));
    return CliRunner.run(a.toArray(new String[0]));
  }

  private static void rejected(CliRunner r, String fragment) {
    assertEquals(2, r.exitCode(), r.err());
    assertEquals("", r.out(), "no partial output");
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains(fragment), r.err());
    assertTrue(!r.err().contains("Exception"), r.err());
  }

  @Test
  void badSampleCountsAreExitTwo() throws Exception {
    String p = c3();
    rejected(sampled(p, "--samples", "0"), "--samples must be a positive integer, got 0");
    rejected(sampled(p, "--samples", "-3"), "--samples must be a positive integer, got -3");
    rejected(sampled(p, "--samples", "1.5"), "--samples");
    rejected(sampled(p, "--samples", "ten"), "--samples");
    rejected(sampled(p, "--samples", "99999999999"), "--samples");
    rejected(sampled(p, "--seed", "3"), "--seed needs --samples");
    rejected(sampled(p, "--samples", "10", "--method", "dpo"), "--samples needs --method ipo");
  }

  @Test
  void sameSeedSameBytesOnAnyThreadCount() throws Exception {
    String p = c3();
    String reference = sampled(p, "--samples", "500", "--seed", "11", "--json").out();
    ApfloatContext ctx = ApfloatContext.getGlobalContext();
    int processors = ctx.getNumberOfProcessors();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      ctx.setNumberOfProcessors(1);
      assertEquals(reference, sampled(p, "--samples", "500", "--seed", "11", "--json").out());
      ctx.setNumberOfProcessors(Math.max(4, processors));
      List<Future<String>> runs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        runs.add(pool.submit(() -> sampled(p, "--samples", "500", "--seed", "11", "--json").out()));
      }
      for (Future<String> f : runs) {
        assertEquals(reference, f.get(), "a run on another thread printed other bytes");
      }
    } finally {
      ctx.setNumberOfProcessors(processors);
      pool.shutdownNow();
    }
    assertNotEquals(reference, sampled(p, "--samples", "500", "--seed", "12", "--json").out(), "the seed matters");
    // the human table too
    assertEquals(sampled(p, "--samples", "500", "--seed", "11").out(), sampled(p, "--samples", "500", "--seed", "11").out());
  }

  @Test
  void jsonKeepsThePopulationKeysAndAddsSamplesAndSeed() throws Exception {
    String p = c3();
    CliRunner pop = sampled(p, "--json");
    CliRunner smp = sampled(p, "--samples", "200", "--json");
    assertEquals(0, pop.exitCode(), pop.err());
    assertEquals(0, smp.exitCode(), smp.err());
    ObjectMapper om = new ObjectMapper();
    JsonNode a = om.readTree(pop.out());
    JsonNode b = om.readTree(smp.out());
    List<String> keys = new ArrayList<>();
    for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      keys.add(key);
      assertTrue(b.has(key), "the sampled run lacks " + key);
    }
    assertTrue(!a.has("samples") && !a.has("seed"), "the population run has no sample keys");
    assertEquals(200, b.get("samples").asInt());
    assertEquals(1, b.get("seed").asLong(), "default seed 1");
    assertEquals(30, b.get("certifiedDigits").asInt());
    assertTrue(b.get("complete").asBoolean());
    // round 0 is the start: the same in both; later rounds differ (a finite sample is not the population)
    assertEquals(a.get("trace").get(0), b.get("trace").get(0));
    assertNotEquals(a.get("final").get("policy"), b.get("final").get("policy"));
    assertEquals(b, om.readTree(sampled(p, "--samples", "200", "--seed", "1", "--json").out()), "--seed 1 is the default");
  }

  @Test
  void zeroStepsSampledEqualsPopulation() throws Exception {
    String p = c3();
    CliRunner pop = CliRunner.run("iterate", "--pref", p, "--alpha", "1/2", "--lambda", "1", "--steps", "0");
    CliRunner smp = CliRunner.run("iterate", "--pref", p, "--alpha", "1/2", "--lambda", "1", "--steps", "0", "--samples", "5");
    assertEquals(0, smp.exitCode(), smp.err());
    assertTrue(smp.out().startsWith(pop.out().strip()), "sampled:\n" + smp.out() + "\npopulation:\n" + pop.out());
  }
}
