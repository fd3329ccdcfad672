package prefdyn.io;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apfloat.Aprational;
import prefdyn.num.Rationals;
import prefdyn.pref.PreferenceMatrix;

/**
 * The text formats of the CLI contract (docs/cli.md, "Inputs"): a preference matrix as K lines of K
 * entries, and a list of numbers (a distribution spec or an {@code @FILE} list). Entries are
 * exact rationals in the syntax of {@link Rationals#parse} (integer, exact decimal, fraction),
 * separated by commas and/or whitespace; {@code #} starts a comment that runs to the end of the
 * line; blank lines are ignored.
 *
 * <p>Every error is a {@link ParseError} with one line naming the file, the 1-based line and the
 * 1-based entry within the line (and, for matrix rules, the 0-based {@code P[i][j]}).
 */
public final class TextFormat {
  private TextFormat() {}

  /** One entry as written: its text, 1-based line and 1-based position in the line. */
  public record Token(String text, int line, int column) {}

  /** Reads a whole file as UTF-8. @throws ParseError naming the file when it cannot be read */
  public static String read(Path file) {
    try {
      if (Files.isDirectory(file)) {
        throw new ParseError("cannot read '" + file + "': it is a directory");
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ParseError("cannot read '" + file + "': no such file");
    } catch (MalformedInputException e) {
      throw new ParseError("cannot read '" + file + "': not UTF-8 text");
    } catch (IOException e) {
      throw new ParseError("cannot read '" + file + "': " + e.getMessage());
    }
  }

  /** Reads a text matrix file. */
  public static PreferenceMatrix readMatrix(Path file) {
    return parseMatrix(read(file), file.toString());
  }

  /**
   * Parses a text matrix: K data lines of K entries each (K from the first data line).
   *
   * @param source names the input in error messages (usually the file name)
   */
  public static PreferenceMatrix parseMatrix(String text, String source) {
    List<List<Token>> rows = new ArrayList<>();
    String[] lines = text.split("\\R", -1);
    for (int n = 0; n < lines.length; n++) {
      List<Token> row = tokens(lines[n], n + 1, source);
      if (row.isEmpty()) {
        continue;
      }
      if (!rows.isEmpty() && row.size() != rows.get(0).size()) {
        throw new ParseError(source + " line " + (n + 1) + ": row has " + row.size() + " entries, expected "
            + rows.get(0).size() + " (as on line " + rows.get(0).get(0).line() + ")");
      }
      if (!rows.isEmpty() && rows.size() == rows.get(0).size()) {
        throw new ParseError(source + " line " + (n + 1) + ": more than K = " + rows.size()
            + " rows (a K x K matrix has K lines of K entries)");
      }
      rows.add(row);
    }
    if (rows.isEmpty()) {
      throw new ParseError(source + ": no matrix found (the file is empty or has only comments)");
    }
    int k = rows.get(0).size();
    if (rows.size() != k) {
      throw new ParseError(source + ": " + rows.size() + " rows of " + k + " entries; a K x K matrix needs K = "
          + k + " rows (last row on line " + rows.get(rows.size() - 1).get(0).line() + ")");
    }
    if (k < 2) {
      throw new ParseError(source + " line " + rows.get(0).get(0).line()
          + ": a preference matrix needs K >= 2 responses, got K = 1");
    }
    Aprational[][] p = new Aprational[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        p[i][j] = number(rows.get(i).get(j), source);
      }
    }
    PreferenceMatrix.Invalid bad = PreferenceMatrix.firstInvalid(p);
    if (bad != null) {
      Token t = rows.get(bad.row()).get(bad.column());
      throw new ParseError(where(source, t) + ": " + bad.message());
    }
    return PreferenceMatrix.of(p);
  }

  /** Parses a list of numbers (possibly over several lines, with comments), in order. */
  public static List<Aprational> parseList(String text, String source) {
    List<Aprational> out = new ArrayList<>();
    String[] lines = text.split("\\R", -1);
    for (int n = 0; n < lines.length; n++) {
      for (Token t : tokens(lines[n], n + 1, source)) {
        out.add(number(t, source));
      }
    }
    return out;
  }

  /** The entries of one line (comment removed); empty for blank and comment lines. */
  public static List<Token> tokens(String line, int lineNumber, String source) {
    int hash = line.indexOf('#');
    String body = (hash >= 0 ? line.substring(0, hash) : line).strip();
    List<Token> out = new ArrayList<>();
    if (body.isEmpty()) {
      return out;
    }
    String[] parts = body.split("\\s*,\\s*|\\s+", -1);
    for (int c = 0; c < parts.length; c++) {
      if (parts[c].isEmpty()) {
        throw new ParseError(source + " line " + lineNumber + ", entry " + (c + 1)
            + ": empty entry (separate entries by one comma and/or spaces)");
      }
      out.add(new Token(parts[c], lineNumber, c + 1));
    }
    return out;
  }

  private static Aprational number(Token t, String source) {
    try {
      return Rationals.parse(t.text());
    } catch (NumberFormatException e) {
      throw new ParseError(where(source, t), String.valueOf(e.getMessage()));
    }
  }

  private static String where(String source, Token t) {
    return source + " line " + t.line() + ", entry " + t.column();
  }
}
