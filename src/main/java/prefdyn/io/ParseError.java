package prefdyn.io;

/**
 * Text that does not parse: a file, line or entry that is not what its format requires (a PrefLib
 * line without a count, a matrix row of the wrong length, a number that is not a number). The
 * message is one line: {@link #location()} (file, line, entry; empty when the text came from
 * a value rather than a file) then the problem. It names no command-line flag; the CLI adds the
 * flag the text came from and turns the error into exit code 2.
 */
public class ParseError extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String location;
  private final String problem;

  /** A problem at a location ({@code "votes.soc line 5, entry 2"}); an empty location for a value. */
  public ParseError(String location, String problem) {
    super(location.isEmpty() ? problem : location + ": " + problem);
    this.location = location;
    this.problem = problem;
  }

  /** A problem without a location yet (a caller adds it with {@link #at}). */
  public ParseError(String problem) {
    this("", problem);
  }

  /** Where: file, line, entry (empty when unknown). */
  public String location() {
    return location;
  }

  /** What is wrong, without the location. */
  public String problem() {
    return problem;
  }

  /** The same problem at an outer location prefixed to this one ({@code "data.txt line 3"}). */
  public ParseError at(String where) {
    return new ParseError(location.isEmpty() ? where : where + ": " + location, problem);
  }
}
