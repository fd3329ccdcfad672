package prefdyn.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Reads HelpSteer-format data: one row per response with a prompt (field {@code prompt}, or
 * {@code prompt_id}), a response ({@code response}, or {@code response_id}) and integer scores
 * 0-4 for helpfulness, correctness, coherence, complexity and verbosity (NVIDIA HelpSteer /
 * HelpSteer2 layout). Two encodings, chosen by the file name:
 *
 * <ul>
 *   <li>JSON Lines ({@code .jsonl}, {@code .ndjson}, {@code .json}): one JSON object a line, blank
 *       lines ignored;
 *   <li>CSV ({@code .csv}): a header row naming the columns, RFC 4180 quoting (responses may hold
 *       commas and newlines).
 * </ul>
 *
 * Any bad or partial row (invalid or truncated JSON, a missing field, a score that is not an
 * integer or lies outside 0-4) is a {@link ParseError} naming the file and the line; nothing is
 * returned for a file with an error.
 */
public final class HelpSteerReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HelpSteerReader() {}

  /** Whether the file name says HelpSteer format (JSON Lines or CSV). */
  public static boolean accepts(Path file) {
    String n = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".json") || n.endsWith(".csv");
  }

  /** All rows of the file, in file order. @throws ParseError naming file and line */
  public static List<HelpSteerRow> read(Path file) {
    String n = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    List<HelpSteerRow> rows;
    try {
      if (n.endsWith(".csv")) {
        rows = readCsv(file);
      } else if (accepts(file)) {
        rows = readJsonLines(file);
      } else {
        throw new ParseError(file.toString(), "not a HelpSteer-format file name (expected .jsonl, .ndjson, .json or .csv)");
      }
    } catch (NoSuchFileException e) {
      throw new ParseError(file.toString(), "no such file");
    } catch (IOException e) {
      throw new ParseError(file.toString(), "cannot read (" + e.getMessage() + ")");
    }
    if (rows.isEmpty()) {
      throw new ParseError(file.toString(), "no data rows");
    }
    return rows;
  }

  private static List<HelpSteerRow> readJsonLines(Path file) throws IOException {
    List<HelpSteerRow> rows = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      long lineNo = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
          throw new ParseError(where(file, lineNo), "not valid JSON (" + firstLine(e.getOriginalMessage())
              + (line.strip().startsWith("{") && !line.strip().endsWith("}") ? "; truncated line?" : "") + ")");
        }
        if (node == null || !node.isObject()) {
          throw new ParseError(where(file, lineNo), "expected one JSON object per line");
        }
        rows.add(row(file, lineNo, name -> text(node.get(name)), name -> node.get(name)));
      }
    }
    return rows;
  }

  private static List<HelpSteerRow> readCsv(Path file) throws IOException {
    List<HelpSteerRow> rows = new ArrayList<>();
    CsvMapper mapper = new CsvMapper();
    CsvSchema schema = CsvSchema.emptySchema().withHeader();
    // The CSV parser counts records, not physical lines (a quoted field may span lines): map its
    // character offsets to physical line numbers ourselves.
    String text = Files.readString(file, StandardCharsets.UTF_8);
    Lines lines = new Lines(text);
    try (Reader in = new StringReader(text);
        MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class).with(schema).readValues(in)) {
      while (true) {
        long lineNo = lines.at(it.getParser().currentLocation().getCharOffset());
        Map<String, String> record;
        try {
          if (!it.hasNextValue()) {
            break;
          }
          // the record token is located at the end of the line before the record
          lineNo = lines.at(it.getParser().currentTokenLocation().getCharOffset()) + 1;
          record = it.nextValue();
        } catch (JsonProcessingException e) {
          long at = e.getLocation() == null ? lineNo : lines.at(e.getLocation().getCharOffset());
          throw new ParseError(where(file, at), "malformed CSV (" + firstLine(e.getOriginalMessage()) + ")");
        } catch (RuntimeException e) {
          throw new ParseError(where(file, lineNo), "malformed CSV (" + firstLine(e.getMessage()) + ")");
        }
        Map<String, String> r = record;
        rows.add(row(file, lineNo, r::get, name -> {
          String v = r.get(name);
          return v == null ? null : csvNumber(v);
        }));
      }
    }
    return rows;
  }

  /** Physical line numbers (1-based) of character offsets in a text. */
  private static final class Lines {
    private final int[] starts;

    Lines(String text) {
      List<Integer> s = new ArrayList<>();
      s.add(0);
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          s.add(i + 1);
        }
      }
      starts = s.stream().mapToInt(Integer::intValue).toArray();
    }

    long at(long offset) {
      int idx = Arrays.binarySearch(starts, (int) Math.max(0, offset));
      return (idx >= 0 ? idx : -idx - 2) + 1;
    }
  }

  /** A CSV cell as a JSON number node when it spells a number, else as text. */
  private static JsonNode csvNumber(String cell) {
    String t = cell.strip();
    try {
      JsonNode n = JSON.readTree(t);
      if (n != null && n.isNumber()) {
        return n;
      }
    } catch (JsonProcessingException e) {
      // not a number: reported as such by score()
    }
    return JSON.getNodeFactory().textNode(cell);
  }

  private interface Field<T> {
    @Nullable T get(String name);
  }

  private static HelpSteerRow row(Path file, long line, Field<String> text, Field<JsonNode> number) {
    String prompt = firstPresent(text, "prompt", "prompt_id");
    if (prompt == null) {
      throw new ParseError(where(file, line), "missing field 'prompt' (or 'prompt_id')");
    }
    String response = firstPresent(text, "response", "response_id");
    if (response == null) {
      throw new ParseError(where(file, line), "missing field 'response' (or 'response_id')");
    }
    int[] scores = new int[HelpSteerRow.ATTRIBUTES.size()];
    for (int a = 0; a < scores.length; a++) {
      scores[a] = score(file, line, HelpSteerRow.ATTRIBUTES.get(a), number.get(HelpSteerRow.ATTRIBUTES.get(a)));
    }
    return new HelpSteerRow(prompt, response, scores, line);
  }

  private static @Nullable String firstPresent(Field<String> text, String... names) {
    for (String n : names) {
      String v = text.get(n);
      if (v != null && !v.isEmpty()) {
        return v;
      }
    }
    return null;
  }

  private static int score(Path file, long line, String name, @Nullable JsonNode v) {
    if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
      throw new ParseError(where(file, line), "missing score '" + name + "'");
    }
    if (!v.isNumber()) {
      throw new ParseError(where(file, line), name + " = " + shorten(v.isTextual() ? v.asText() : v.toString())
          + " is not an integer score 0-4");
    }
    // 3 and 3.0 are the integer 3; 3.5 is not an integer.
    BigDecimal d = v.decimalValue();
    if (d.stripTrailingZeros().scale() > 0) {
      throw new ParseError(where(file, line), name + " = " + v + " is not an integer score 0-4");
    }
    if (d.compareTo(BigDecimal.valueOf(HelpSteerRow.MIN_SCORE)) < 0
        || d.compareTo(BigDecimal.valueOf(HelpSteerRow.MAX_SCORE)) > 0) {
      throw new ParseError(where(file, line), name + " = " + v + " is outside 0-4");
    }
    return d.intValueExact();
  }

  private static @Nullable String text(@Nullable JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    return n.isValueNode() ? n.asText() : n.toString();
  }

  private static String where(Path file, long line) {
    return file + " line " + line;
  }

  private static String firstLine(@Nullable String s) {
    if (s == null) {
      return "unreadable";
    }
    String t = s.strip();
    int nl = t.indexOf('\n');
    return shorten(nl < 0 ? t : t.substring(0, nl));
  }

  private static String shorten(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
