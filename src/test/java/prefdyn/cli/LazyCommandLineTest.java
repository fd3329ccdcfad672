package prefdyn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A run that names a subcommand builds only that subcommand's model ({@code Main.commandLine(first)},
 * a start-up saving); its help and parsing must be those of the whole command line.
 */
class LazyCommandLineTest {
  @Test
  void aNamedSubcommandIsBuiltAloneWithTheSameHelp() {
    Map<String, CommandLine> all = Main.commandLine().getSubcommands();
    assertEquals(Main.SUBCOMMANDS.size(), all.size());
    for (String name : all.keySet()) {
      CommandLine lone = Main.commandLine(name);
      Map<String, CommandLine> one = lone.getSubcommands();
      if (name.equals("help")) {
        assertEquals(all.keySet(), one.keySet(), "help needs every subcommand");
        continue;
      }
      assertEquals(java.util.Set.of(name), one.keySet(), name);
      // the settings Main makes hold for a subcommand built alone: "@FILE" is a distribution spec
      // (argument files are expanded, or not, by the top-level parser), and the subcommand has
      // Main's handlers (picocli passes them only to subcommands that exist when they are set)
      assertFalse(lone.isExpandAtFiles(), name);
      CommandLine sub = Objects.requireNonNull(one.get(name));
      assertSame(lone.getParameterExceptionHandler(), sub.getParameterExceptionHandler(), name);
      assertSame(lone.getExecutionExceptionHandler(), sub.getExecutionExceptionHandler(), name);
      assertEquals(Objects.requireNonNull(all.get(name)).getUsageMessage(CommandLine.Help.Ansi.OFF),
          Objects.requireNonNull(one.get(name)).getUsageMessage(CommandLine.Help.Ansi.OFF), name);
    }
    assertEquals(all.keySet(), Main.commandLine("--help").getSubcommands().keySet());
    assertEquals(all.keySet(), Main.commandLine("iteratee").getSubcommands().keySet());
  }

  @Test
  void helpNameStillFindsTheCommand() {
    CliRunner r = CliRunner.run("help", "iterate");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("--steps"), r.out());
    CliRunner top = CliRunner.run("--help");
    assertEquals(0, top.exitCode(), top.err());
    for (String name : Main.commandLine().getSubcommands().keySet()) {
      assertTrue(top.out().contains(name), name + " in the top-level help");
    }
  }
}
