package prefdyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import prefdyn.dynamics.MrsParameters;
import prefdyn.gen.Matrices;
import prefdyn.num.InvalidParameter;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;

/**
 * Every kind of bad input exits 2 with exactly one line on stderr naming the place (flag, file,
 * line, entry), and prints nothing on stdout.
 */
class BadInputTest {
  @SuppressWarnings("initialization.field.uninitialized") // injected by JUnit before each test
  @TempDir Path dir;

  private Path file(String name, String content) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, content);
    return f;
  }

  /** Runs classify and asserts exit 2, empty stdout, one stderr line containing every fragment. */
  private String rejects(String[] args, String... fragments) {
    CliRunner r = CliRunner.run(args);
    assertEquals(2, r.exitCode(), "exit code; stderr: " + r.err());
    assertEquals("", r.out(), "stdout must be empty");
    String err = r.err().strip();
    assertEquals(1, err.lines().count(), "one line on stderr: " + err);
    assertTrue(!err.contains("Exception") && !err.contains("\tat "), "no stack trace: " + err);
    for (String f : fragments) {
      assertTrue(err.contains(f), "stderr should contain '" + f + "': " + err);
    }
    return err;
  }

  private String rejectsPref(Path f, String... fragments) {
    return rejects(new String[] {"classify", "--pref", f.toString()}, fragments);
  }

  private String rejectsSampler(String spec, String... fragments) throws IOException {
    Path p = file("ok.txt", "1/2 3/4 1\n1/4 1/2 2/3\n0 1/3 1/2\n");
    return rejects(new String[] {"classify", "--pref", p.toString(), "--sampler", spec}, fragments);
  }

  // ---- --pref files: text matrices and PrefLib ----

  @Test
  void nonexistentFile() {
    rejectsPref(dir.resolve("missing.txt"), "--pref", "missing.txt", "no such file");
  }

  @Test
  void directory() {
    rejectsPref(dir, "--pref", "is a directory");
  }

  /** A --pref file that must be rejected, and what the one line must name. */
  record BadFile(String name, String content, List<String> fragments) {
    @Override
    public String toString() {
      return name + ": " + String.join(" / ", fragments);
    }
  }

  /**
   * Each kind of malformed text matrix and PrefLib file, with the line, the entry where it applies,
   * and the rule broken: the data file {@code bad-pref-files.txt} next to this class (a block
   * {@code == NAME | FRAGMENT | ...}, then the file's lines).
   */
  static List<BadFile> badPrefFiles() throws IOException {
    List<BadFile> files = new ArrayList<>();
    @Nullable String header = null;
    StringBuilder content = new StringBuilder();
    try (InputStream in = Objects.requireNonNull(BadInputTest.class.getResourceAsStream("bad-pref-files.txt"))) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith("== ")) {
          if (header != null) {
            files.add(badFile(header, content.toString()));
          }
          header = line.substring(3);
          content.setLength(0);
        } else if (header != null) {
          content.append(line).append('\n');
        }
      }
    }
    files.add(badFile(Objects.requireNonNull(header), content.toString()));
    return files;
  }

  private static BadFile badFile(String header, String content) {
    List<String> parts = List.of(header.split(" \\| "));
    return new BadFile(parts.get(0), content, parts.subList(1, parts.size()));
  }

  @ParameterizedTest
  @MethodSource("badPrefFiles")
  void malformedPrefFile(BadFile bad) throws IOException {
    rejectsPref(file(bad.name(), bad.content()), bad.fragments().toArray(new String[0]));
  }

  // ---- distributions ----

  @Test
  void distributionOfWrongLength() throws IOException {
    rejectsSampler("1/2,1/2", "--sampler has 2 entries but the preference matrix has K = 3");
  }

  @Test
  void negativeDistributionEntry() throws IOException {
    rejectsSampler("1/2, 3/4, -1/4", "--sampler: entry 2 = -1/4 is negative");
  }

  @Test
  void distributionSumNotOne() throws IOException {
    rejectsSampler("0.3,0.3,0.3", "--sampler: entries sum to 9/10, not exactly 1");
  }

  @Test
  void distributionNonNumber() throws IOException {
    rejectsSampler("1/3,x,1/3", "--sampler", "entry 2", "'x' is not a number");
    rejectsSampler("", "--sampler", "empty distribution");
  }

  @Test
  void pointOutOfRange() throws IOException {
    rejectsSampler("point:9", "--sampler: point:9 is out of range for K = 3");
    rejectsSampler("point:x", "--sampler", "must be an integer 0..2");
  }

  @Test
  void distributionFile() throws IOException {
    Path d = file("mu.txt", "# a sampler\n1/2, 1/4\n0.2\n");
    rejectsSampler("@" + d, "--sampler: @" + d + ": entries sum to 19/20, not exactly 1");
    Path two = file("two.txt", "1/2 1/2\n");
    rejectsSampler("@" + two, "--sampler has 2 entries (from " + two + ") but the preference matrix has K = 3");
    rejectsSampler("@" + dir.resolve("nope.txt"), "--sampler", "nope.txt", "no such file");
    Path bad = file("bad.txt", "1/2\n1/4 q\n");
    rejectsSampler("@" + bad, "--sampler", "bad.txt line 2, entry 2");
  }

  @Test
  void zeroEntryForInteriorFlags() {
    BadInput e = assertThrows(BadInput.class, () -> Inputs.interiorDistribution("0, 1/2, 1/2", 3, "--ref"));
    assertEquals("--ref must be strictly positive, but entry 0 is 0", e.getMessage());
    e = assertThrows(BadInput.class, () -> Inputs.interiorDistribution("point:1", 3, "--init"));
    assertTrue(Objects.requireNonNull(e.getMessage()).startsWith("--init must be strictly positive"), e.getMessage());
  }

  @Test
  void scalars() {
    assertEquals("--alpha: 3/2 is not in [0,1]", assertThrows(BadInput.class, () -> Inputs.unitInterval("1.5", "--alpha")).getMessage());
    assertEquals("--beta: 0 must be > 0", assertThrows(BadInput.class, () -> Inputs.positive("0", "--beta")).getMessage());
    assertTrue(Objects.requireNonNull(assertThrows(BadInput.class, () -> Inputs.rational("one", "--lambda")).getMessage())
        .startsWith("--lambda: 'one' is not a number"));
    assertEquals(Rationals.of(1, 4), Inputs.unitInterval("0.25", "--lambda"));
  }

  @Test
  void libraryErrorsNameFieldsAndTheCliNamesFlags() throws IOException {
    // the library: a field and mathematical words, no flag
    InvalidParameter a = assertThrows(InvalidParameter.class, () -> MrsParameters.ipo(
        Matrices.threeCycle(Rationals.of(1, 4)), Rationals.of(3, 2), Rationals.ONE, Rationals.ONE));
    assertEquals("alpha", a.field());
    assertEquals("alpha must lie in [0, 1], got 3/2", a.getMessage());
    InvalidParameter d = assertThrows(InvalidParameter.class, () -> Precision.ofDigits(3));
    assertEquals("precision", d.field());
    assertTrue(!Objects.requireNonNull(d.getMessage()).contains("--"), d.getMessage());
    InvalidParameter s = assertThrows(InvalidParameter.class, () -> Distribution.uniform(2).requireK(3, "start"));
    String sm = Objects.requireNonNull(s.getMessage());
    assertTrue(!sm.contains("--") && sm.contains("start policy"), sm);
    // the CLI: the flag of the field
    Path p = file("c3.txt", "1/2 3/4 1/4\n1/4 1/2 3/4\n3/4 1/4 1/2\n");
    rejects(new String[] {"iterate", "--pref", p.toString(), "--alpha", "1", "--lambda", "1", "--steps", "1", "--digits", "20000"},
        "prefdyn iterate: --digits: a certified trajectory needs at most 10000 digits");
    rejects(new String[] {"classify", "--pref", p.toString(), "--digits", "3"},
        "prefdyn classify: --digits: the precision must be between 5 and");
    rejects(new String[] {"iterate", "--pref", p.toString(), "--alpha", "1", "--lambda", "1", "--steps", "1", "--plot", "x.svg"},
        "--plot: the picture x.svg must be a .png file");
  }

  @Test
  void goodInputsStillWork() throws IOException {
    Path p = file("ok.txt", "1/2, 3/4, 1   # row 0\n1/4 1/2 2/3\n0 1/3 0.5\n");
    CliRunner r = CliRunner.run("classify", "--pref", p.toString(), "--sampler", "point:2", "--json");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("\"scores\" : [ \"1\", \"2/3\", \"1/2\" ]"), r.out());
    // δ_2 scores (1, 2/3, 1/2) keep 0 > 1 > 2: order preserved
    assertTrue(r.out().contains("\"orderPreserving\" : true"), r.out());
    Path mu = file("mu.txt", "1/3 1/3\n1/3\n");
    r = CliRunner.run("classify", "--pref", p.toString(), "--sampler", "@" + mu, "--json");
    assertEquals(0, r.exitCode(), r.err());
  }
}
