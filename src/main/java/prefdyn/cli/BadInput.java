package prefdyn.cli;

/**
 * Bad command-line input: a malformed flag value or a combination of flags that does not fit. The
 * message is one line that names the flag (and file, line, entry where it applies). {@link Main}
 * turns it into exit code 2. The library does not throw it: its domain errors are
 * {@link prefdyn.num.InvalidParameter} (a field name, mathematical words) and
 * {@link prefdyn.io.ParseError} (a location in a file or a value), which {@link Main} and
 * {@link Inputs} turn into this one-line form with the flag ({@link Fields}).
 */
public class BadInput extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public BadInput(String message) {
    super(message);
  }

  /** Prefixes the message with a location, e.g. a flag or a file name and line number. */
  public BadInput at(String where) {
    return new BadInput(where + ": " + getMessage());
  }
}
