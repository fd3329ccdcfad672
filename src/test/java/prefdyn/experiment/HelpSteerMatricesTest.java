package prefdyn.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import prefdyn.io.HelpSteerReader;
import prefdyn.io.HelpSteerRow;
import prefdyn.num.Precision;
import prefdyn.pref.PreferenceMatrix;

class HelpSteerMatricesTest {
  private static final List<HelpSteerRow> ROWS = HelpSteerReader.read(HelpSteerReaderTest.fixture("invented-k4.jsonl"));

  @Test
  void keepsPromptsWithKResponsesAndDrawsOneAttributePerPair() {
    HelpSteerMatrices.Built b = HelpSteerMatrices.build("f", ROWS, 4, 7);
    assertEquals(3, b.prompts());
    assertEquals(2, b.promptsWithK());
    assertEquals(2, b.matrices().size());
    ScoreMatrix a = b.matrices().get(0);
    assertEquals("invented prompt A", a.prompt());
    assertEquals(List.of("a1", "a2", "a3", "a4"), a.responses());
    for (ScoreMatrix m : b.matrices()) {
      for (int i = 0; i < 4; i++) {
        for (int j = 0; j < 4; j++) {
          if (i == j) {
            continue;
          }
          int attr = m.attribute()[i][j];
          HelpSteerRow ri = row(m.prompt(), m.responses().get(i));
          HelpSteerRow rj = row(m.prompt(), m.responses().get(j));
          assertEquals(ri.score(attr) - rj.score(attr), m.difference(i, j));
        }
      }
    }
  }

  private static HelpSteerRow row(String prompt, String response) {
    return ROWS.stream().filter(r -> r.prompt().equals(prompt) && r.response().equals(response)).findFirst().orElseThrow();
  }

  @Test
  void reproducibleBySeed() {
    for (long seed = 0; seed < 5; seed++) {
      List<ScoreMatrix> x = HelpSteerMatrices.build("f", ROWS, 4, seed).matrices();
      List<ScoreMatrix> y = HelpSteerMatrices.build("f", ROWS, 4, seed).matrices();
      for (int m = 0; m < x.size(); m++) {
        assertTrue(Arrays.deepEquals(x.get(m).difference(), y.get(m).difference()));
        assertEquals(x.get(m).responses(), y.get(m).responses());
      }
    }
    boolean differs = false;
    for (long seed = 1; seed < 20 && !differs; seed++) {
      differs = !Arrays.deepEquals(HelpSteerMatrices.build("f", ROWS, 4, 0).matrices().get(1).attribute(),
          HelpSteerMatrices.build("f", ROWS, 4, seed).matrices().get(1).attribute());
    }
    assertTrue(differs, "the seed must drive the attribute draws");
  }

  @Test
  void sigmaMatrixHasTheSurrogatesStructure() {
    Precision p = Precision.ofDigits(30);
    for (ScoreMatrix m : HelpSteerMatrices.build("f", ROWS, 4, 3).matrices()) {
      PreferenceMatrix sigma = m.preference(p);
      PreferenceMatrix surrogate = m.surrogate();
      assertEquals(MatrixClass.of(surrogate), MatrixClass.of(sigma));
      assertEquals(0.5 + m.difference(0, 1) / 10.0, surrogate.toDoubles()[0][1], 1e-15);
      assertEquals(1 / (1 + Math.exp(-m.difference(0, 1))), sigma.toDoubles()[0][1], 1e-15);
    }
  }

  @Test
  void syntheticDataIsSeededMarkedAndReadsBack() {
    List<HelpSteerRow> a = SyntheticHelpSteer.generate(30, 4, 5);
    List<HelpSteerRow> b = SyntheticHelpSteer.generate(30, 4, 5);
    assertEquals(120, a.size());
    for (int i = 0; i < a.size(); i++) {
      assertTrue(Arrays.equals(a.get(i).scores(), b.get(i).scores()));
      assertTrue(a.get(i).prompt().startsWith(SyntheticHelpSteer.MARK));
    }
    String text = new String(SyntheticHelpSteer.toJsonLines(a), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(text.lines().allMatch(l -> l.contains("\"synthetic\":true")));
    assertNotEquals(Arrays.toString(a.get(0).scores()) + a.get(1).scores()[0],
        Arrays.toString(SyntheticHelpSteer.generate(30, 4, 6).get(0).scores()) + "x");
  }
}
