package prefdyn.num;

/**
 * Bad user input: a malformed file, entry, distribution or flag. The message is one line that
 * names where the problem is (file, line, entry, flag). The CLI turns it into exit code 2.
 */
public class BadInput extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public BadInput(String message) {
    super(message);
  }

  /** Prefixes the message with a location, e.g. a file name and line number. */
  public BadInput at(String where) {
    return new BadInput(where + ": " + getMessage());
  }
}
