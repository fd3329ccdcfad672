package prefdyn.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import prefdyn.io.HelpSteerReader;
import prefdyn.io.HelpSteerRow;
import prefdyn.io.ParseError;

class HelpSteerReaderTest {
  @SuppressWarnings("initialization.field.uninitialized") // injected by JUnit before each test
  @TempDir Path dir;

  static Path fixture(String name) {
    try {
      return Path.of(Objects.requireNonNull(HelpSteerReaderTest.class.getResource("/helpsteer/" + name), name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void readsTheHelpSteer2ExcerptInBothEncodings() {
    List<HelpSteerRow> json = HelpSteerReader.read(fixture("helpsteer2-excerpt.jsonl"));
    List<HelpSteerRow> csv = HelpSteerReader.read(fixture("helpsteer2-excerpt.csv"));
    assertEquals(8, json.size());
    assertEquals("c#", json.get(0).prompt());
    assertArrayEquals(new int[] {3, 4, 4, 2, 1}, json.get(0).scores());
    assertArrayEquals(new int[] {4, 4, 4, 2, 3}, json.get(1).scores());
    assertEquals(json.size(), csv.size());
    for (int i = 0; i < json.size(); i++) {
      assertEquals(json.get(i).prompt(), csv.get(i).prompt());
      assertEquals(json.get(i).response(), csv.get(i).response());
      assertArrayEquals(json.get(i).scores(), csv.get(i).scores());
    }
  }

  @Test
  void reportsThatNoPromptHasFourResponsesAndBuildsTwoByTwoWithK2() {
    List<HelpSteerRow> rows = HelpSteerReader.read(fixture("helpsteer2-excerpt.jsonl"));
    HelpSteerMatrices.Built four = HelpSteerMatrices.build("x.jsonl", rows, 4, 1);
    assertTrue(four.matrices().isEmpty());
    assertEquals(4, four.prompts());
    assertEquals(2, four.maxResponses());
    String msg = four.noPromptMessage("x.jsonl");
    assertTrue(msg.contains("no prompt has K = 4") && msg.contains("--k 2"), msg);
    HelpSteerMatrices.Built two = HelpSteerMatrices.build("x.jsonl", rows, 2, 1);
    assertEquals(4, two.matrices().size());
    for (ScoreMatrix m : two.matrices()) {
      assertEquals(2, m.k());
    }
  }

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private static final String GOOD =
      "{\"prompt\": \"p\", \"response\": \"r\", \"helpfulness\": 1, \"correctness\": 2, \"coherence\": 3, \"complexity\": 4, \"verbosity\": 0}\n";

  private void assertBad(Path file, String... parts) {
    ParseError e = assertThrows(ParseError.class, () -> HelpSteerReader.read(file));
    for (String part : parts) {
      assertTrue(String.valueOf(e.getMessage()).contains(part), e.getMessage() + " should contain " + part);
    }
  }

  @Test
  void badJsonLinesNameFileAndLine() throws IOException {
    assertBad(write("trunc.jsonl", GOOD + GOOD + GOOD.substring(0, 50) + "\n"), "trunc.jsonl line 3", "not valid JSON");
    assertBad(write("missing.jsonl", GOOD + GOOD.replace("\"verbosity\": 0", "\"other\": 0")), "line 2",
        "missing score 'verbosity'");
    assertBad(write("range.jsonl", GOOD.replace("\"complexity\": 4", "\"complexity\": 5")), "line 1", "complexity = 5",
        "outside 0-4");
    assertBad(write("neg.jsonl", GOOD.replace("\"complexity\": 4", "\"complexity\": -1")), "outside 0-4");
    assertBad(write("frac.jsonl", GOOD.replace("\"coherence\": 3", "\"coherence\": 2.5")), "coherence = 2.5",
        "not an integer");
    assertBad(write("text.jsonl", GOOD.replace("\"coherence\": 3", "\"coherence\": \"high\"")), "coherence = high",
        "not an integer");
    assertBad(write("noprompt.jsonl", GOOD.replace("\"prompt\": \"p\", ", "")), "missing field 'prompt'");
    assertBad(write("array.jsonl", "[1, 2]\n"), "line 1", "one JSON object");
    assertBad(write("empty.jsonl", "\n\n"), "empty.jsonl", "no data rows");
    assertBad(dir.resolve("absent.jsonl"), "absent.jsonl", "no such file");
  }

  @Test
  void integralFloatsAreIntegers() throws IOException {
    List<HelpSteerRow> rows = HelpSteerReader.read(write("ok.jsonl", GOOD.replace("\"coherence\": 3", "\"coherence\": 3.0")));
    assertArrayEquals(new int[] {1, 2, 3, 4, 0}, rows.get(0).scores());
  }

  @Test
  void badCsvNamesFileAndLineAlsoAfterMultiLineFields() throws IOException {
    String header = "prompt,response,helpfulness,correctness,coherence,complexity,verbosity\n";
    String twoLines = "p,\"first line\nsecond, line\",1,2,3,4,0\n";
    List<HelpSteerRow> ok = HelpSteerReader.read(write("ok.csv", header + twoLines + "p,r,0,0,0,0,0\n"));
    assertEquals(2, ok.size());
    assertEquals("first line\nsecond, line", ok.get(0).response());
    assertEquals(4, ok.get(1).line());
    assertBad(write("bad.csv", header + twoLines + "p,r,0,0,9,0,0\n"), "bad.csv line 4", "coherence = 9");
    assertBad(write("missing.csv", header + "p,r,0,0,,0,0\n"), "line 2", "missing score 'coherence'");
    assertBad(write("short.csv", header + "p,r,0,0\n"), "line 2", "missing score");
  }
}
