package prefdyn.num;

/**
 * Moved: the CLI's error is {@link prefdyn.cli.BadInput}; library code throws
 * {@link InvalidParameter} (a field, mathematical words) or {@code prefdyn.io.ParseError}. This
 * subclass only keeps branches written before the move compiling while they are merged; remove it
 * once nothing refers to {@code prefdyn.num.BadInput}.
 *
 * @deprecated use {@link InvalidParameter} in the library, {@link prefdyn.cli.BadInput} in the CLI
 */
@Deprecated(forRemoval = true)
public class BadInput extends prefdyn.cli.BadInput {
  private static final long serialVersionUID = 1L;

  public BadInput(String message) {
    super(message);
  }
}
