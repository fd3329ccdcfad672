package prefdyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
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

  /** A PrefLib header: soc, K = 3, 3 voters. */
  private static final String HEAD = "# DATA TYPE: soc\n# NUMBER ALTERNATIVES: 3\n# NUMBER VOTERS: 3\n";

  /** A --pref file that must be rejected, and what the one line must name. */
  record BadFile(String name, String content, String... fragments) {
    @Override
    public String toString() {
      return name + ": " + String.join(" / ", fragments);
    }
  }

  /**
   * Each kind of malformed text matrix and PrefLib file: the line, the entry where it applies, and
   * the rule broken.
   */
  static List<BadFile> badPrefFiles() {
    String h = "# NUMBER ALTERNATIVES: 3\n";
    return List.of(
        new BadFile("empty.txt", "", "empty.txt", "no matrix"),
        new BadFile("comments.txt", "# only a comment\n\n", "comments.txt", "no matrix"),
        new BadFile("ragged.txt", "# c\n1/2 1/2 1/2\n1/2 1/2\n1/2 1/2 1/2\n", "ragged.txt line 3", "2 entries, expected 3"),
        new BadFile("few.txt", "1/2 1/2 1/2\n1/2 1/2 1/2\n", "few.txt", "needs K = 3 rows"),
        new BadFile("many.txt", "1/2 1/2\n1/2 1/2\n1/2 1/2\n", "many.txt line 3", "more than K = 2 rows"),
        new BadFile("word.txt", "1/2, 0.3\nabc, 1/2\n", "word.txt line 2, entry 1", "'abc' is not a number"),
        new BadFile("zero.txt", "1/2 1/0\n1 1/2\n", "zero.txt line 1, entry 2", "zero denominator"),
        new BadFile("commas.txt", "1/2,,1/2\n1/2 1/2\n", "commas.txt line 1, entry 2", "empty entry"),
        new BadFile("range.txt", "1/2 -0.25\n1.25 1/2\n", "range.txt line 1, entry 2", "P[0][1] = -1/4 is not in [0,1]"),
        new BadFile("sum.txt", "1/2 0.6\n0.6 1/2 # oops\n", "sum.txt line 1, entry 2",
            "P[0][1] = 3/5 and P[1][0] = 3/5 do not sum to 1"),
        new BadFile("diag.txt", "1/2 1/3 1\n2/3 0.4 1\n0 0 1/2\n", "diag.txt line 2, entry 2", "P[1][1] = 2/5 must be 1/2"),
        new BadFile("one.txt", "1/2\n", "one.txt line 1", "K >= 2", "K = 1"),
        new BadFile("noColon.soc", HEAD + "2: 1,2,3\n1 1,2,3\n", "noColon.soc line 5", "expected 'count: ranking'"),
        new BadFile("junk.soc", HEAD + "2: 1,2,3\n1: 1;2,3\n", "junk.soc line 5, entry 1", "expected ','"),
        new BadFile("trail.soc", HEAD + "2: 1,2,3\n1: 1,2,\n", "trail.soc line 5, entry 3", "missing alternative"),
        new BadFile("count.soc", HEAD + "x: 1,2,3\n1: 1,2,3\n", "count.soc line 4", "count 'x' is not a positive integer"),
        new BadFile("count0.soc", HEAD + "0: 1,2,3\n3: 1,2,3\n", "count0.soc line 4", "count 0"),
        new BadFile("range.soc", HEAD + "2: 1,2,3\n1: 1,4,3\n", "range.soc line 5, entry 2", "alternative 4 is out of range 1..3"),
        new BadFile("zero.soc", HEAD + "3: 0,1,2\n", "zero.soc line 4, entry 1", "alternative 0 is out of range"),
        new BadFile("dup.soc", HEAD + "2: 1,2,3\n1: 1,2,2\n", "dup.soc line 5, entry 3", "alternative 2 appears twice"),
        new BadFile("brace.toc", h + "2: 1,{2,3\n", "brace.toc line 2", "unclosed '{'"),
        new BadFile("close.toc", h + "2: 1,2},3\n", "close.toc line 2", "'}' without a matching '{'"),
        new BadFile("nest.toc", h + "2: {1,{2,3}}\n", "nest.toc line 2", "nested '{'"),
        new BadFile("tie.soc", HEAD + "3: {1,2},3\n", "tie.soc line 4, entry 1", "tie"),
        new BadFile("short.soc", HEAD + "3: 1,2\n", "short.soc line 4", "ranks 2 of K = 3"),
        new BadFile("nok.soi", "1: 1,2\n", "nok.soi line 1", "NUMBER ALTERNATIVES"),
        new BadFile("voters.soc", HEAD + "2: 1,2,3\n", "voters.soc line 3", "NUMBER VOTERS is 3 but the counts sum to 2"),
        new BadFile("k1.soi", "# NUMBER ALTERNATIVES: 1\n1: 1\n", "k1.soi line 1", "K >= 2"),
        new BadFile("nodata.soc", HEAD, "nodata.soc", "no rankings"),
        new BadFile("pair.soi", h + "1: 1,2\n1: 2,1\n1: 3\n", "pair.soi", "no voter ranks both alternatives 1 and 3",
            "P[0][2]"));
  }

  @ParameterizedTest
  @MethodSource("badPrefFiles")
  void malformedPrefFile(BadFile bad) throws IOException {
    rejectsPref(file(bad.name(), bad.content()), bad.fragments());
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
