package prefdyn.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import prefdyn.cli.CliRunner;

class ExperimentCommandTest {
  @SuppressWarnings("initialization.field.uninitialized") // injected by JUnit before each test
  @TempDir Path dir;

  private static String fixture(String name) {
    return HelpSteerReaderTest.fixture(name).toString();
  }

  @Test
  void runsOnHelpSteerFormatDataAndWritesCsvAndFigures() throws IOException {
    Path out = dir.resolve("out");
    CliRunner r = CliRunner.run("experiment", "--data", fixture("invented-k4.jsonl"), "--alpha", "0,1/2", "--beta", "1,2",
        "--steps", "100", "--digits", "20", "--quiet", "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("matrices: 2"), r.out());
    List<String> runs = Files.readAllLines(out.resolve("runs.csv"));
    assertEquals(String.join(",", ExperimentReport.RUN_COLUMNS), runs.get(0));
    assertEquals(1 + 2 * 4, runs.size());
    for (String line : runs.subList(1, runs.size())) {
      String[] f = line.split(",", -1);
      assertEquals(ExperimentReport.RUN_COLUMNS.size(), f.length, line);
      double cs = Double.parseDouble(f[12]);
      double h = Double.parseDouble(f[16]);
      assertTrue(cs >= 0 && cs < 0.25, line);
      assertTrue(h > 0 && h <= Math.log(4) + 1e-12, line);
    }
    assertTrue(Files.readAllLines(out.resolve("summary.csv")).size() >= 2);
    for (String png : List.of("cycle_strength_vs_alpha.png", "terminal_entropy_vs_beta.png")) {
      byte[] b = Files.readAllBytes(out.resolve(png));
      assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(b, 4));
    }
  }

  @Test
  void reproducibleBySeed() throws IOException {
    String[] args = {"experiment", "--synthetic", "40", "--alpha", "1/2,1", "--beta", "2", "--steps", "150", "--digits",
        "20", "--quiet", "--seed", "11", "--out"};
    CliRunner a = CliRunner.run(concat(args, dir.resolve("a").toString()));
    CliRunner b = CliRunner.run(concat(args, dir.resolve("b").toString()));
    assertEquals(0, a.exitCode(), a.err());
    assertEquals(0, b.exitCode(), b.err());
    assertArrayEquals(Files.readAllBytes(dir.resolve("a/runs.csv")), Files.readAllBytes(dir.resolve("b/runs.csv")));
    assertTrue(a.out().contains("SYNTHETIC"), a.out());
    CliRunner c = CliRunner.run(concat(args, dir.resolve("c").toString()).clone());
    assertEquals(0, c.exitCode());
  }

  @Test
  void writtenSyntheticDataReadsBackToTheSameMatrices() throws IOException {
    Path file = dir.resolve("syn.jsonl");
    CliRunner a = CliRunner.run("experiment", "--synthetic", "30", "--write-synthetic", file.toString(), "--steps", "50",
        "--digits", "20", "--quiet", "--seed", "4", "--out", dir.resolve("a").toString());
    assertEquals(0, a.exitCode(), a.err());
    CliRunner b = CliRunner.run("experiment", "--data", file.toString(), "--steps", "50", "--digits", "20", "--quiet",
        "--seed", "4", "--out", dir.resolve("b").toString());
    assertEquals(0, b.exitCode(), b.err());
    List<String> ra = Files.readAllLines(dir.resolve("a/runs.csv"));
    List<String> rb = Files.readAllLines(dir.resolve("b/runs.csv"));
    assertEquals(ra.size(), rb.size());
    for (int i = 1; i < ra.size(); i++) {
      // same numbers; only the matrix id (source name) differs
      assertEquals(ra.get(i).substring(ra.get(i).indexOf(',')), rb.get(i).substring(rb.get(i).indexOf(',')));
    }
  }

  @Test
  void theHelpSteer2ExcerptHasNoPromptWithFourResponses() {
    Path out = dir.resolve("none");
    CliRunner r = CliRunner.run("experiment", "--data", fixture("helpsteer2-excerpt.jsonl"), "--out", out.toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("no prompt has K = 4") && r.err().contains("--k 2"), r.err());
    assertFalse(Files.exists(out));
    CliRunner two = CliRunner.run("experiment", "--data", fixture("helpsteer2-excerpt.csv"), "--k", "2", "--steps", "50",
        "--digits", "20", "--quiet");
    assertEquals(0, two.exitCode(), two.err());
    assertTrue(two.out().contains("matrices: 4"), two.out());
  }

  @Test
  void badDataExitsTwoNamingTheLineAndWritesNothing() throws IOException {
    Path bad = dir.resolve("bad.jsonl");
    List<String> lines = Files.readAllLines(HelpSteerReaderTest.fixture("invented-k4.jsonl"));
    lines.set(6, lines.get(6).replace("\"coherence\": 4", "\"coherence\": 7"));
    Files.write(bad, lines);
    Path out = dir.resolve("out");
    CliRunner r = CliRunner.run("experiment", "--data", bad.toString(), "--out", out.toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("bad.jsonl line 7") && r.err().contains("coherence = 7"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    assertEquals("", r.out());
    assertFalse(Files.exists(out));
    Path trunc = dir.resolve("trunc.jsonl");
    Files.writeString(trunc, String.join("\n", lines.subList(0, 3)) + "\n" + lines.get(3).substring(0, 40) + "\n");
    CliRunner t = CliRunner.run("experiment", "--data", trunc.toString());
    assertEquals(2, t.exitCode());
    assertTrue(t.err().contains("trunc.jsonl line 4"), t.err());
  }

  @Test
  void badFlagsExitTwo() {
    assertEquals(2, CliRunner.run("experiment", "--synthetic", "5", "--alpha", "3/2").exitCode());
    assertEquals(2, CliRunner.run("experiment", "--synthetic", "5", "--beta", "0").exitCode());
    assertEquals(2, CliRunner.run("experiment", "--synthetic", "5", "--lambda", "1,,0").exitCode());
    assertEquals(2, CliRunner.run("experiment").exitCode());
    CliRunner ref = CliRunner.run("experiment", "--synthetic", "5", "--ref", "1/2,1/2");
    assertEquals(2, ref.exitCode());
    assertTrue(ref.err().contains("--ref"), ref.err());
  }

  private static String[] concat(String[] a, String b) {
    return java.util.stream.Stream.concat(java.util.Arrays.stream(a), java.util.stream.Stream.of(b)).toArray(String[]::new);
  }
}
