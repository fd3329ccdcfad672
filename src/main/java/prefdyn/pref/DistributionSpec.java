package prefdyn.pref;

import java.nio.file.Path;
import java.util.List;
import org.apfloat.Aprational;
import prefdyn.num.BadInput;

/**
 * Distribution specs of the CLI contract (docs/cli.md, "Inputs"): {@code uniform}, {@code point:I}
 * (0-based), a comma-separated list of K exact entries, or {@code @FILE} holding that list (commas
 * and/or whitespace, {@code #} comments, any number of lines). Entries must be {@code >= 0} and
 * sum to exactly 1. Every error names the flag, e.g.
 * {@code --sampler: entries sum to 9/10, not exactly 1}.
 */
public final class DistributionSpec {
  private DistributionSpec() {}

  /**
   * Parses a spec against K.
   *
   * @param flag the option being parsed, named in errors (e.g. {@code "--sampler"})
   */
  public static Distribution parse(String spec, int k, String flag) {
    String s = spec.strip();
    try {
      if (s.isEmpty()) {
        throw new BadInput("empty distribution (use uniform, point:I, a list of K entries, or @FILE)");
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
          throw new BadInput("'" + s + "': the index of point:I must be an integer 0.." + (k - 1));
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
          throw new BadInput("@" + file + " holds no entries");
        }
      } else {
        entries = TextFormat.parseList(s, "'" + abbreviate(s) + "'");
      }
      if (entries.size() != k) {
        throw new BadInput("has " + entries.size() + " entries" + source + " but the preference matrix has K = " + k);
      }
      try {
        return Distribution.of(entries.toArray(new Aprational[0]));
      } catch (BadInput e) {
        throw new BadInput((source.isEmpty() ? "" : s + ": ") + e.getMessage());
      }
    } catch (BadInput e) {
      String m = String.valueOf(e.getMessage());
      throw new BadInput(flag + (m.startsWith("has ") ? " " : ": ") + m);
    }
  }

  /** Parses a spec against K and requires every entry to be positive (for --ref and --init). */
  public static Distribution parseInterior(String spec, int k, String flag) {
    return parse(spec, k, flag).requireInterior(flag);
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 37) + "..." : s;
  }
}
