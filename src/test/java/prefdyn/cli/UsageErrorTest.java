package prefdyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Usage errors name the flag at fault and suggest the right one (exit 2, one line, no stdout). */
class UsageErrorTest {
  private static void usage(CliRunner r, String... fragments) {
    assertEquals(2, r.exitCode(), r.err());
    assertEquals("", r.out());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    for (String f : fragments) {
      assertTrue(r.err().contains(f), r.err());
    }
  }

  @Test
  void aMisspelledRequiredFlagIsNamedNotReportedMissing() {
    usage(CliRunner.run("stability", "--pref", "examples/cycle.txt", "--alpa", "1/2", "--lambda", "1"),
        "Unknown option: '--alpa'", "did you mean --alpha?");
  }

  @Test
  void aMissingFlagIsReportedWhenNothingIsMisspelled() {
    usage(CliRunner.run("stability", "--pref", "examples/cycle.txt", "--lambda", "1"), "Missing required option", "--alpha");
  }

  @Test
  void aMisspelledCommandGetsASuggestion() {
    usage(CliRunner.run("clasify", "--pref", "examples/cycle.txt"), "did you mean classify?");
  }
}
