package prefdyn.cli;

import picocli.CommandLine.Option;
import prefdyn.num.Precision;

/** Options shared by every command: precision and output format (and the streams, {@link Streams}). */
public final class Common extends Streams {
  @Option(names = "--digits", paramLabel = "D", defaultValue = "50",
      description = "Working precision in significant decimal digits (default: ${DEFAULT-VALUE}). Every printed non-exact number is correct to the digits it prints.")
  int digits = 50;

  @Option(names = "--json", description = "Print one JSON document on stdout instead of the human table.")
  boolean json;

  public Precision precision() {
    return Precision.ofDigits(digits);
  }

  public boolean json() {
    return json;
  }
}
