package prefdyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DynamicsCommandsTest {
  @SuppressWarnings("initialization.field.uninitialized") // injected by JUnit before each test
  @TempDir Path dir;

  Path write(String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  static JsonNode json(String s) throws Exception {
    return new ObjectMapper().readTree(s);
  }

  @Test
  void iterateJsonShapeAndTrace() throws Exception {
    Path c3 = write("c3.txt", "1/2 3/4 1/4\n1/4 1/2 3/4\n3/4 1/4 1/2\n");
    CliRunner r = CliRunner.run("iterate", "--pref", c3.toString(), "--alpha", "0.9", "--lambda", "1", "--beta", "4",
        "--steps", "40", "--every", "10", "--init", "0.4,0.3,0.3", "--digits", "20", "--json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode j = json(r.out());
    assertEquals(40, j.get("final").get("t").asInt());
    assertEquals(3, j.get("final").get("policy").size());
    assertEquals(3, j.get("final").get("logits").size());
    assertTrue(j.get("final").get("entropy").isTextual());
    assertEquals(5, j.get("trace").size());
    assertEquals(0, j.get("trace").get(0).get("t").asInt());
    assertEquals("0.4", j.get("trace").get(0).get("policy").get(0).asText());
    assertEquals(30, j.get("trace").get(3).get("t").asInt());
    assertTrue(r.err().isEmpty(), "stderr polluted: " + r.err());
  }

  @Test
  void iterateDefaultTraceIsFirstAndLast() throws Exception {
    Path c3 = write("c3.txt", "1/2 3/4 1/4\n1/4 1/2 3/4\n3/4 1/4 1/2\n");
    CliRunner r = CliRunner.run("iterate", "--pref", c3.toString(), "--alpha", "0", "--lambda", "1", "--beta", "1",
        "--steps", "7", "--json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode j = json(r.out());
    assertEquals(2, j.get("trace").size());
    assertEquals(7, j.get("trace").get(1).get("t").asInt());
    // uniform is a fixed point here: centered logits print as exact zeros, not rounding noise
    assertEquals("0", j.get("final").get("logits").get(0).asText());
  }

  @Test
  void badInputIsExitTwoWithoutOutput() throws Exception {
    Path c3 = write("c3.txt", "1/2 3/4 1/4\n1/4 1/2 3/4\n3/4 1/4 1/2\n");
    CliRunner a = CliRunner.run("iterate", "--pref", c3.toString(), "--alpha", "2", "--lambda", "1", "--steps", "5", "--json");
    assertEquals(2, a.exitCode());
    assertTrue(a.out().isEmpty());
    assertTrue(a.err().contains("--alpha"), a.err());
    CliRunner b = CliRunner.run("iterate", "--pref", c3.toString(), "--alpha", "1", "--lambda", "1", "--steps", "5",
        "--init", "1,0,0");
    assertEquals(2, b.exitCode());
    assertTrue(b.err().contains("--init"), b.err());
    CliRunner c = CliRunner.run("iterate", "--pref", c3.toString(), "--alpha", "1", "--lambda", "1", "--steps", "5",
        "--plot", dir.resolve("x.svg").toString());
    assertEquals(2, c.exitCode());
    assertTrue(c.err().contains("SVG"), c.err());
    CliRunner d = CliRunner.run("stability", "--pref", c3.toString(), "--alpha", "1", "--lambda", "-1");
    assertEquals(2, d.exitCode());
  }

  @Test
  void iteratePlotWritesAPng() throws Exception {
    Path c3 = write("c3.txt", "1/2 3/4 1/4\n1/4 1/2 3/4\n3/4 1/4 1/2\n");
    Path png = dir.resolve("orbit.png");
    CliRunner r = CliRunner.run("iterate", "--pref", c3.toString(), "--alpha", "0.9", "--lambda", "1", "--beta", "4",
        "--steps", "30", "--digits", "15", "--plot", png.toString());
    assertEquals(0, r.exitCode(), r.err());
    byte[] b = Files.readAllBytes(png);
    assertTrue(b.length > 1000 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G');
  }

  /** The printed decimal p (only certified digits) is within one unit in its last place of x. */
  private static void assertCertified(BigDecimal x, String printed) {
    BigDecimal p = new BigDecimal(printed);
    assertTrue(p.subtract(x).abs().compareTo(p.ulp()) < 0, printed + " does not contain " + x);
  }

  private static final MathContext MC = new MathContext(60);

  @Test
  void stabilityOfTheThreeCycle() throws Exception {
    // a = 1/4, α = 1/2, β = 2, λ = 1: eigenvalues 1/2 ± i·(1/2)/√3, ρ² = 1/4 + 1/12 = 1/3, L = 1/2 + √3/4
    Path c3 = write("c3.txt", "1/2 3/4 1/4\n1/4 1/2 3/4\n3/4 1/4 1/2\n");
    Path png = dir.resolve("diagram.png");
    CliRunner r = CliRunner.run("stability", "--pref", c3.toString(), "--alpha", "1/2", "--lambda", "1", "--beta", "2",
        "--digits", "30", "--json", "--plot", png.toString());
    assertEquals(0, r.exitCode(), r.err());
    JsonNode j = json(r.out());
    assertTrue(j.get("certified").asBoolean());
    BigDecimal sqrt3 = new BigDecimal(3).sqrt(MC);
    BigDecimal third = BigDecimal.ONE.divide(new BigDecimal(3), MC);
    for (int i = 0; i < 3; i++) {
      assertCertified(third, j.get("fixedPoint").get(i).asText());
      assertEquals(30, j.get("certifiedDigits").get("fixedPoint").get(i).asInt());
    }
    assertEquals(2, j.get("eigenvalues").size());
    BigDecimal im = new BigDecimal("0.5").divide(sqrt3, MC);
    JsonNode e0 = j.get("eigenvalues").get(0);
    JsonNode e1 = j.get("eigenvalues").get(1);
    assertCertified(new BigDecimal("0.5"), e0.get("re").asText());
    assertCertified(new BigDecimal("0.5"), e1.get("re").asText());
    assertCertified(im.abs(), e0.get("im").asText().replace("-", ""));
    assertCertified(im.negate(), e0.get("im").asText().startsWith("-") ? e0.get("im").asText() : e1.get("im").asText());
    assertEquals(30, e0.get("imCertifiedDigits").asInt());
    assertEquals("0.288675134594812882254574390251", e0.get("im").asText().replace("-", ""));
    assertCertified(third.sqrt(MC), j.get("spectralRadius").asText());
    assertCertified(new BigDecimal("0.5").add(sqrt3.divide(new BigDecimal(4), MC)), j.get("contractionConstant").asText());
    assertTrue(j.get("contraction").asBoolean());
    assertTrue(j.get("locallyStable").asBoolean());
    assertTrue(Files.size(png) > 1000);
  }

  /** A stability run on examples/cycle.txt (a = 1/2), as text and as --json, both exit 0. */
  record Stability(Path pref, CliRunner text, JsonNode json) {}

  /** {@code stability} on the 3-cycle P_1/2 with λ = 1, β = 4 at 20 digits, for the given α. */
  Stability stabilityOnTheCycle(String alpha) throws Exception {
    Path c3 = write("cycle.txt", "1/2 1 0\n0 1/2 1\n1 0 1/2\n");
    String[] args = {"stability", "--pref", c3.toString(), "--alpha", alpha, "--lambda", "1", "--beta", "4", "--digits", "20"};
    CliRunner text = CliRunner.run(args);
    assertEquals(0, text.exitCode(), text.err());
    String[] withJson = Arrays.copyOf(args, args.length + 1);
    withJson[args.length] = "--json";
    CliRunner js = CliRunner.run(withJson);
    assertEquals(0, js.exitCode(), js.err());
    return new Stability(c3, text, json(js.out()));
  }

  @Test
  void stabilityPrintsCertifiedDigits() throws Exception {
    // examples/cycle.txt: a = 1/2, α = 1/2, β = 4, λ = 1: eigenvalues α ± i aβλ/√3 = 0.5 ± (2/√3) i
    Stability both = stabilityOnTheCycle("1/2");
    CliRunner r = both.text();
    assertTrue(r.out().contains("certified values"), r.out());
    assertTrue(!r.out().contains("approximate"), r.out());
    assertTrue(r.out().contains("+ 1.1547005383792515290i"), r.out());
    assertTrue(r.out().contains("- 1.1547005383792515290i"), r.out());
    BigDecimal im = new BigDecimal(2).divide(new BigDecimal(3).sqrt(MC), MC);
    assertCertified(im, "1.1547005383792515290");
    JsonNode j = both.json();
    assertTrue(j.get("certified").asBoolean());
    // ρ² = 1/4 + 4/3 = 19/12 > 1, L = 1/2 + 2·(√3/2) > 1
    assertCertified(new BigDecimal(19).divide(new BigDecimal(12), MC).sqrt(MC), j.get("spectralRadius").asText());
    assertTrue(!j.get("locallyStable").asBoolean());
    assertTrue(!j.get("contraction").asBoolean());
  }

  @Test
  void stabilityFallsBackToApproximateWithAReason() throws Exception {
    Stability both = stabilityOnTheCycle("1");
    CliRunner r = both.text();
    assertTrue(r.out().contains("approximate values"), r.out());
    assertTrue(r.out().contains("reason: alpha = 1"), r.out());
    assertTrue(!r.out().contains("certified values"), r.out());
    JsonNode j = both.json();
    assertTrue(!j.get("certified").asBoolean());
    assertTrue(j.get("reason").asText().contains("alpha = 1"));
    CliRunner bad = CliRunner.run("stability", "--pref", both.pref().toString(), "--alpha", "1/2", "--lambda", "1",
        "--max-rounds", "0");
    assertEquals(2, bad.exitCode());
    assertTrue(bad.out().isEmpty());
  }
}
