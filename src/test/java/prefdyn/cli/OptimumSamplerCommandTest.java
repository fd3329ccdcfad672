package prefdyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optimum and sampler commands through the in-process CLI runner. */
class OptimumSamplerCommandTest {
  // set by JUnit (@TempDir) and by files() (@BeforeAll) before any test runs
  @SuppressWarnings("initialization.static.field.uninitialized") @TempDir static Path dir;
  @SuppressWarnings("initialization.static.field.uninitialized") static String sst;
  @SuppressWarnings("initialization.static.field.uninitialized") static String cycle;
  @SuppressWarnings("initialization.static.field.uninitialized") static String t4;
  @SuppressWarnings("initialization.static.field.uninitialized") static String sure;

  @BeforeAll
  static void files() throws IOException {
    sst = write("sst.txt", "0.5 0.6 0.9\n0.4 0.5 0.7\n0.1 0.3 0.5\n");
    cycle = write("cycle.txt", "# 3-cycle, a = 1/4\n1/2 3/4 1/4\n1/4 1/2 3/4\n3/4 1/4 1/2\n");
    // found by OrderSearch (seed 1), see proofs-notes/T4.md
    t4 = write("t4.txt", "1/2 17/20 11/16 9/16\n3/20 1/2 5/9 0\n5/16 4/9 1/2 1/4\n7/16 1 3/4 1/2\n");
    sure = write("sure.txt", "1/2 1 1\n0 1/2 2/3\n0 1/3 1/2\n");
    write("mu.txt", "1/2, 1/3, 1/6\n");
  }

  static String write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p.toString();
  }

  static void badInput(CliRunner r, String fragment) {
    assertEquals(2, r.exitCode(), r.err());
    assertEquals("", r.out());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains(fragment), r.err());
  }

  @Test
  void ipoUniformIsExactScores() {
    CliRunner r = CliRunner.run("optimum", "--pref", sst, "--json");
    assertEquals(0, r.exitCode(), r.err());
    // logits = Π(Pμ) with μ uniform: (2/3, 8/15, 3/10) centered = (1/6, 1/30, -1/5)
    // 50 certified significant digits (Ball.format; the reference's logarithms cancel only within the balls)
    assertTrue(r.out().contains("\"0.16666666666666666666666666666666666666666666666667\""), r.out());
    assertTrue(r.out().contains("\"-0.20000000000000000000000000000000000000000000000000\""), r.out());
    assertTrue(r.out().contains("\"entropy\""));
  }

  /** Values agree with an independent mpmath solve (findroot on the first-order conditions) to 50 digits. */
  @Test
  void dpoMatchesIndependentSolve() {
    CliRunner r = CliRunner.run("optimum", "--pref", sst, "--method", "dpo", "--sampler", "1/2,1/3,1/6",
        "--ref", "0.2,0.3,0.5", "--beta", "2", "--json");
    assertEquals(0, r.exitCode(), r.err());
    // certified digits only (Ball.format, 50 significant); mpmath: -0.0656804836258574912684889961519629646080897017904
    assertTrue(r.out().contains("\"-0.065680483625857491268488996151962964608089701790"), r.out());
    assertTrue(r.out().contains("\"0.36222071858030814937102721886808315952033699952342\""), r.out());
    assertTrue(r.out().contains("\"gradientNorm\"") && r.out().contains("\"certifiedRadius\""), r.out());
  }

  @Test
  void everyDistributionSpec() {
    for (String s : new String[] {"uniform", "point:0", "1/2,1/2,0", "@" + dir.resolve("mu.txt")}) {
      for (String m : new String[] {"ipo", "dpo"}) {
        CliRunner r = CliRunner.run("optimum", "--pref", sst, "--method", m, "--sampler", s, "--digits", "20");
        assertEquals(0, r.exitCode(), s + " " + m + ": " + r.err());
        assertTrue(r.out().contains("entropy H(π)"), r.out());
      }
    }
    // DPO on a point mass: π ∝ P_y0/(1-P_y0) = (1, 2/3, 1/9) -> 9/16, 6/16, 1/16
    CliRunner r = CliRunner.run("optimum", "--pref", sst, "--method", "dpo", "--sampler", "point:0", "--json");
    assertTrue(r.out().contains("\"0.56250000000") && r.out().contains("\"0.062500000000"), r.out());
  }

  @Test
  void optimumBadInput() {
    badInput(CliRunner.run("optimum", "--pref", sure, "--method", "dpo"), "no finite DPO optimum");
    badInput(CliRunner.run("optimum", "--pref", sst, "--method", "newton"), "--method");
    badInput(CliRunner.run("optimum", "--pref", sst, "--beta", "0"), "--beta");
    badInput(CliRunner.run("optimum", "--pref", sst, "--ref", "point:1"), "--ref");
    badInput(CliRunner.run("optimum", "--pref", sst, "--sampler", "1/2,1/2"), "--sampler");
    badInput(CliRunner.run("optimum", "--pref", dir.resolve("missing.txt").toString()), "--pref");
  }

  @Test
  void samplerGoals() {
    CliRunner r = CliRunner.run("sampler", "--pref", sst, "--goal", "condorcet-top", "--json");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("\"feasible\" : true") && r.out().contains("\"margin\" : \"7/36\""), r.out());
    r = CliRunner.run("sampler", "--pref", sst, "--goal", "order", "--json");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("\"feasible\" : true"), r.out());
    r = CliRunner.run("sampler", "--pref", cycle, "--goal", "smith-top", "--json");
    assertTrue(r.out().contains("\"vacuous\" : true") && r.out().contains("\"margin\" : null"), r.out());
    r = CliRunner.run("sampler", "--pref", t4, "--goal", "order", "--json");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("\"feasible\" : false") && r.out().contains("\"contradiction\" : \"0 >= 57/28"), r.out());
    r = CliRunner.run("sampler", "--pref", t4, "--goal", "order");
    assertTrue(r.out().contains("NO sampler exists") && r.out().contains("multiplier"), r.out());
    r = CliRunner.run("sampler", "--pref", t4, "--goal", "smith-top");
    assertTrue(r.out().contains("margin min"), r.out());
  }

  @Test
  void samplerBadInput() {
    badInput(CliRunner.run("sampler", "--pref", cycle, "--goal", "condorcet-top"), "no Condorcet winner");
    badInput(CliRunner.run("sampler", "--pref", cycle, "--goal", "order"), "not transitive");
    badInput(CliRunner.run("sampler", "--pref", sst, "--goal", "best"), "--goal");
    badInput(CliRunner.run("sampler", "--pref", sst), "--goal");
  }

  @Test
  void helpDocumentsCertificate() {
    CliRunner r = CliRunner.run("sampler", "--help");
    assertEquals(0, r.exitCode());
    assertTrue(r.out().contains("combinedCoefficients") && r.out().contains("contradiction"), r.out());
  }
}
