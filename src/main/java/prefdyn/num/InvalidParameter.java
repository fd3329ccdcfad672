package prefdyn.num;

/**
 * A parameter of a mathematical object out of its domain (α outside [0, 1], a non-positive β, a
 * distribution of the wrong dimension, ...). The library speaks mathematics: {@link #field()} names
 * the parameter as the theory does ({@code "alpha"}, {@code "beta"}, {@code "init"}, ...) and the
 * message says what is wrong in mathematical words ("alpha must lie in [0, 1], got 3/2"). It never
 * names a command-line flag: the CLI maps the field to its flag ({@code prefdyn.cli.Fields}) and
 * turns the error into exit code 2.
 */
public class InvalidParameter extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String field;

  /**
   * @param field the parameter's name in the theory (a Java identifier such as {@code "alpha"})
   * @param message one line, in mathematical words, that names the parameter
   */
  public InvalidParameter(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The parameter's name in the theory, e.g. {@code "alpha"}. */
  public String field() {
    return field;
  }
}
