package prefdyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DynamicsCommandsTest {
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

  @Test
  void stabilityOfTheThreeCycle() throws Exception {
    // a = 1/4, α = 1/2, β = 2, λ = 1: eigenvalues 1/2 ± i·(1/2)/√3, ρ² = 1/4 + 1/12 = 1/3, L = 1/2 + √3/4
    Path c3 = write("c3.txt", "1/2 3/4 1/4\n1/4 1/2 3/4\n3/4 1/4 1/2\n");
    Path png = dir.resolve("diagram.png");
    CliRunner r = CliRunner.run("stability", "--pref", c3.toString(), "--alpha", "1/2", "--lambda", "1", "--beta", "2",
        "--digits", "30", "--json", "--plot", png.toString());
    assertEquals(0, r.exitCode(), r.err());
    JsonNode j = json(r.out());
    assertEquals("0.333333333333333333333333333333", j.get("fixedPoint").get(0).asText());
    assertEquals(2, j.get("eigenvalues").size());
    assertEquals("0.5", j.get("eigenvalues").get(0).get("re").asText());
    assertEquals("0.288675134594812882254574390251", j.get("eigenvalues").get(0).get("im").asText());
    assertEquals("0.577350269189625764509148780502", j.get("spectralRadius").asText());
    assertEquals("0.933012701892219323381861585376", j.get("contractionConstant").asText());
    assertTrue(j.get("contraction").asBoolean());
    assertTrue(j.get("locallyStable").asBoolean());
    assertTrue(Files.size(png) > 1000);
  }
}
