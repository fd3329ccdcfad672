package prefdyn.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process and captures exit code, stdout and stderr (for tests). */
public record CliRunner(int exitCode, String out, String err) {
  public static CliRunner run(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = Main.run(args, new PrintWriter(o, true), new PrintWriter(e, true));
    return new CliRunner(code, o.toString(), e.toString());
  }
}
