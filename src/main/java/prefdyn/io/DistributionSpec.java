package prefdyn.io;

import java.nio.file.Path;
import java.util.List;
import org.apfloat.Aprational;
import prefdyn.num.InvalidParameter;
import prefdyn.pref.Distribution;

/**
 * Distribution specs of the CLI contract (docs/cli.md, "Inputs"): {@code uniform}, {@code point:I}
 * (0-based), a comma-separated list of K exact entries, or {@code @FILE} holding that list (commas
 * and/or whitespace, {@code #} comments, any number of lines). Entries must be {@code >= 0} and
 * sum to exactly 1. Errors name the spec's file, line and entry where there is one, never a flag
 * (the CLI adds the flag): a {@link ParseError} for text that does not parse, an
 * {@link InvalidParameter} for entries that are not a distribution on K responses.
 */
public final class DistributionSpec {
  private DistributionSpec() {}

  /** Parses a spec against K. */
  public static Distribution parse(String spec, int k) {
    String s = spec.strip();
    if (s.isEmpty()) {
      throw new ParseError("empty distribution (use uniform, point:I, a list of K entries, or @FILE)");
    }
    if (s.equalsIgnoreCase("uniform")) {
      return Distribution.uniform(k);
    }
    if (s.regionMatches(true, 0, "point:", 0, 6)) {
      String idx = s.substring(6).strip();
      int i;
      try {
        i = Integer.parseInt(idx);
      } catch (NumberFormatException e) {
        throw new ParseError("'" + s + "': the index of point:I must be an integer 0.." + (k - 1));
      }
      if (i < 0 || i >= k) {
        throw new InvalidParameter("distribution", "point:" + i + " is out of range for K = " + k + " (0-based)");
      }
      return Distribution.point(k, i);
    }
    List<Aprational> entries;
    String source = "";
    if (s.startsWith("@")) {
      String file = s.substring(1);
      source = " (from " + file + ")";
      entries = TextFormat.parseList(TextFormat.read(Path.of(file)), "@" + file);
      if (entries.isEmpty()) {
        throw new ParseError("@" + file + " holds no entries");
      }
    } else {
      entries = TextFormat.parseList(s, "'" + abbreviate(s) + "'");
    }
    if (entries.size() != k) {
      throw new InvalidParameter("distribution", "has " + entries.size() + " entries" + source
          + " but the preference matrix has K = " + k);
    }
    try {
      return Distribution.of(entries.toArray(new Aprational[0]));
    } catch (InvalidParameter e) {
      throw new InvalidParameter("distribution", (source.isEmpty() ? "" : s + ": ") + e.getMessage());
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 37) + "..." : s;
  }
}
