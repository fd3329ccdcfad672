package prefdyn.io;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apfloat.Aprational;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.num.Rationals;
import prefdyn.pref.PreferenceMatrix;

/**
 * PrefLib ordinal data ({@code .soc .soi .toc .toi}, preflib.org; Mattei and Walsh 2013) turned
 * into its pairwise preference matrix.
 *
 * <p>Format: header lines {@code # KEY: value} (the header {@code NUMBER ALTERNATIVES} is
 * required; {@code NUMBER VOTERS}, when present, must equal the sum of the counts), then one line
 * per distinct order, {@code count: a,b,{c,d},e}, best first, alternatives numbered from 1, a
 * brace group being alternatives tied with each other. {@code .soc}: strict complete orders;
 * {@code .soi}: strict incomplete; {@code .toc}: complete with ties; {@code .toi}: incomplete with
 * ties. A line that breaks its file type's rules (a tie in a strict file, a missing alternative
 * in a complete file) is an error.
 *
 * <p>Tally: {@code P[i][j] = (#voters ranking i above j + ½ #voters tying i and j) /
 * (#voters ranking both)}. An alternative a voter leaves unranked is not compared with anything
 * by that voter (not put last). A tie counts as "ranking both" with neither above the other; it
 * is split half and half, so that {@code P[i][j] + P[j][i] = 1} holds and a tie means
 * indifference ({@code P = 1/2}), as in PrefLib's reading of a tie as "indifferent between".
 * A pair that no voter ranks together is an error naming the pair.
 */
public final class PrefLib {
  private PrefLib() {}

  /** The extensions read as PrefLib (lower case, without the dot). */
  public static final List<String> EXTENSIONS = List.of("soc", "soi", "toc", "toi");

  /**
   * The pairwise counts of a PrefLib file.
   *
   * @param k number of alternatives
   * @param above {@code above[i][j]} = voters ranking i strictly above j (0-based)
   * @param tied {@code tied[i][j]} = voters tying i and j (symmetric)
   * @param voters total number of voters (sum of counts)
   * @param names alternative names from the header (null where absent)
   */
  public record Tally(int k, BigInteger[][] above, BigInteger[][] tied, BigInteger voters, @Nullable String[] names) {
    /** Voters ranking both i and j. */
    public BigInteger both(int i, int j) {
      return above[i][j].add(above[j][i]).add(tied[i][j]);
    }

    /**
     * The exact pairwise matrix. @throws ParseError naming the first pair nobody ranked together
     */
    public PreferenceMatrix matrix(String source) {
      Aprational[][] p = new Aprational[k][k];
      BigInteger two = BigInteger.TWO;
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          if (i == j) {
            p[i][j] = Rationals.HALF;
            continue;
          }
          BigInteger n = both(i, j);
          if (n.signum() == 0) {
            throw new ParseError(source + ": no voter ranks both alternatives " + (i + 1) + " and " + (j + 1)
                + ", so P[" + i + "][" + j + "] is undefined");
          }
          p[i][j] = Rationals.of(above[i][j].multiply(two).add(tied[i][j]), n.multiply(two));
        }
      }
      return PreferenceMatrix.of(p);
    }
  }

  /** Whether a file name has a PrefLib extension. */
  public static boolean isPrefLib(Path file) {
    return extension(file.getFileName() == null ? "" : file.getFileName().toString()) != null;
  }

  /** Reads a PrefLib file into its pairwise matrix. */
  public static PreferenceMatrix read(Path file) {
    String name = file.toString();
    return tally(TextFormat.read(file), name).matrix(name);
  }

  /** Parses PrefLib text into its pairwise matrix; the data type comes from {@code source}'s extension. */
  public static PreferenceMatrix parse(String text, String source) {
    return tally(text, source).matrix(source);
  }

  private static @Nullable String extension(String fileName) {
    int dot = fileName.lastIndexOf('.');
    if (dot < 0) {
      return null;
    }
    String ext = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    return EXTENSIONS.contains(ext) ? ext : null;
  }

  /**
   * Counts the pairwise comparisons of PrefLib text. The data type ({@code soc} etc.) is taken
   * from {@code source}'s extension; if it has none, ties and incomplete orders are both allowed.
   */
  public static Tally tally(String text, String source) {
    String type = extension(source);
    boolean ties = type == null || type.startsWith("t");
    boolean complete = type != null && type.endsWith("c");
    String[] lines = text.split("\\R", -1);
    int k = -1;
    int kLine = 0;
    BigInteger declaredVoters = null;
    int votersLine = 0;
    List<String> namesList = new ArrayList<>();
    BigInteger[][] above = null;
    BigInteger[][] tied = null;
    BigInteger voters = BigInteger.ZERO;
    boolean anyData = false;
    for (int n = 0; n < lines.length; n++) {
      int lineNo = n + 1;
      String line = lines[n].strip();
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("#")) {
        if (anyData) {
          continue; // a comment after the data: ignored
        }
        String h = line.substring(1).strip();
        int colon = h.indexOf(':');
        if (colon < 0) {
          continue;
        }
        String key = h.substring(0, colon).strip().toUpperCase(Locale.ROOT);
        String value = h.substring(colon + 1).strip();
        if (key.equals("NUMBER ALTERNATIVES")) {
          k = positiveInt(value, source, lineNo, "NUMBER ALTERNATIVES");
          kLine = lineNo;
        } else if (key.equals("NUMBER VOTERS")) {
          declaredVoters = BigInteger.valueOf(positiveInt(value, source, lineNo, "NUMBER VOTERS"));
          votersLine = lineNo;
        } else if (key.startsWith("ALTERNATIVE NAME ")) {
          namesList.add(key.substring("ALTERNATIVE NAME ".length()).strip() + "\u0000" + value);
        }
        continue;
      }
      if (k < 0) {
        throw new ParseError(source + " line " + lineNo
            + ": data before the '# NUMBER ALTERNATIVES: K' header (a PrefLib file must declare K)");
      }
      if (k < 2) {
        throw new ParseError(source + " line " + kLine + ": NUMBER ALTERNATIVES is " + k
            + "; a preference matrix needs K >= 2 responses");
      }
      if (above == null || tied == null) {
        above = zeros(k);
        tied = zeros(k);
      }
      anyData = true;
      int colon = line.indexOf(':');
      if (colon < 0) {
        throw new ParseError(source + " line " + lineNo + ": expected 'count: ranking' (e.g. '3: 1,2,{3,4}'), got '"
            + abbreviate(line) + "'");
      }
      String countText = line.substring(0, colon).strip();
      BigInteger count;
      try {
        count = new BigInteger(countText);
      } catch (NumberFormatException e) {
        throw new ParseError(source + " line " + lineNo + ": count '" + abbreviate(countText)
            + "' is not a positive integer");
      }
      if (count.signum() <= 0) {
        throw new ParseError(source + " line " + lineNo + ": count " + count + " is not a positive integer");
      }
      List<int[]> groups = order(line.substring(colon + 1), k, source, lineNo, ties);
      int ranked = 0;
      for (int[] g : groups) {
        ranked += g.length;
      }
      if (complete && ranked != k) {
        throw new ParseError(source + " line " + lineNo + ": a ." + type + " file holds complete orders, but this one ranks "
            + ranked + " of K = " + k + " alternatives");
      }
      voters = voters.add(count);
      for (int a = 0; a < groups.size(); a++) {
        int[] ga = groups.get(a);
        for (int x = 0; x < ga.length; x++) {
          for (int y = x + 1; y < ga.length; y++) {
            tied[ga[x]][ga[y]] = tied[ga[x]][ga[y]].add(count);
            tied[ga[y]][ga[x]] = tied[ga[y]][ga[x]].add(count);
          }
          for (int b = a + 1; b < groups.size(); b++) {
            for (int y : groups.get(b)) {
              above[ga[x]][y] = above[ga[x]][y].add(count);
            }
          }
        }
      }
    }
    if (above == null || tied == null) {
      throw new ParseError(source + ": no rankings found (the file is empty or has only header lines)");
    }
    if (declaredVoters != null && !declaredVoters.equals(voters)) {
      throw new ParseError(source + " line " + votersLine + ": NUMBER VOTERS is " + declaredVoters
          + " but the counts sum to " + voters);
    }
    @Nullable String[] names = new @Nullable String[k];
    for (String nv : namesList) {
      int sep = nv.indexOf('\u0000');
      try {
        int idx = Integer.parseInt(nv.substring(0, sep));
        if (idx >= 1 && idx <= k) {
          names[idx - 1] = nv.substring(sep + 1);
        }
      } catch (NumberFormatException e) {
        // a header we do not use
      }
    }
    return new Tally(k, above, tied, voters, names);
  }

  /**
   * Parses one ranking {@code a,b,{c,d},e} into groups of 0-based alternatives, best first. Written
   * by hand: the grammar is four symbols and every error must name its entry, which a regex split
   * cannot do.
   */
  private static List<int[]> order(String text, int k, String source, int lineNo, boolean tiesAllowed) {
    List<int[]> groups = new ArrayList<>();
    boolean[] seen = new boolean[k];
    int pos = 0;
    int entry = 0;
    int len = text.length();
    List<Integer> group = null;
    boolean expectItem = true;
    while (true) {
      while (pos < len && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
      if (pos >= len) {
        break;
      }
      char c = text.charAt(pos);
      String at = source + " line " + lineNo + ", entry " + (entry + 1);
      if (expectItem) {
        if (c == '{') {
          if (group != null) {
            throw new ParseError(at + ": nested '{'");
          }
          if (!tiesAllowed) {
            throw new ParseError(at + ": a tie '{...}' is not allowed in a strict-order file (.soc/.soi)");
          }
          group = new ArrayList<>();
          pos++;
          continue;
        }
        int start = pos;
        while (pos < len && Character.isDigit(text.charAt(pos))) {
          pos++;
        }
        if (start == pos) {
          throw new ParseError(at + ": expected an alternative number, got '" + abbreviate(text.substring(start)) + "'");
        }
        String num = text.substring(start, pos);
        entry++;
        int a;
        try {
          a = Integer.parseInt(num);
        } catch (NumberFormatException e) {
          a = Integer.MAX_VALUE;
        }
        if (a < 1 || a > k) {
          throw new ParseError(at + ": alternative " + num + " is out of range 1.." + k);
        }
        if (seen[a - 1]) {
          throw new ParseError(at + ": alternative " + a + " appears twice in this ranking");
        }
        seen[a - 1] = true;
        if (group != null) {
          group.add(a - 1);
        } else {
          groups.add(new int[] {a - 1});
        }
        expectItem = false;
        continue;
      }
      if (c == ',') {
        expectItem = true;
        pos++;
        continue;
      }
      if (c == '}') {
        if (group == null) {
          throw new ParseError(source + " line " + lineNo + ", entry " + entry + ": '}' without a matching '{'");
        }
        groups.add(group.stream().mapToInt(Integer::intValue).toArray());
        group = null;
        pos++;
        continue;
      }
      throw new ParseError(source + " line " + lineNo + ", entry " + entry + ": expected ',' after alternative, got '"
          + abbreviate(text.substring(pos)) + "'");
    }
    if (group != null) {
      throw new ParseError(source + " line " + lineNo + ", entry " + entry + ": unclosed '{'");
    }
    if (expectItem) {
      throw new ParseError(source + " line " + lineNo + (entry == 0 ? ": empty ranking" : ", entry " + (entry + 1) + ": missing alternative after ','"));
    }
    return groups;
  }

  private static int positiveInt(String value, String source, int lineNo, String key) {
    try {
      int v = Integer.parseInt(value.strip());
      if (v >= 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new ParseError(source + " line " + lineNo + ": " + key + " '" + abbreviate(value) + "' is not a nonnegative integer");
  }

  private static BigInteger[][] zeros(int k) {
    BigInteger[][] m = new BigInteger[k][k];
    for (BigInteger[] row : m) {
      Arrays.fill(row, BigInteger.ZERO);
    }
    return m;
  }

  private static String abbreviate(String s) {
    String t = s.strip();
    return t.length() > 30 ? t.substring(0, 27) + "..." : t;
  }
}
