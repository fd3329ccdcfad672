package prefdyn.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The command's output streams (and its parsed command line) for the commands that mix in
 * {@link Common}, which extends this class, instead of injecting their own {@code @Spec}.
 */
public class Streams {
  @Spec(Spec.Target.MIXEE) @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  CommandSpec mixee;

  /** The command's stdout (the result). */
  public PrintWriter out() {
    return mixee.commandLine().getOut();
  }

  /** The command's stderr (progress, notes). */
  public PrintWriter err() {
    return mixee.commandLine().getErr();
  }

  /** Whether {@code option} was given on the command line. */
  public boolean given(String option) {
    return mixee.commandLine().getParseResult().hasMatchedOption(option);
  }
}
