package prefdyn.shard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apfloat.Aprational;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.catalogue.Margin;
import prefdyn.io.ParseError;
import prefdyn.num.InvalidParameter;
import prefdyn.search.Shard;
import prefdyn.search.TryOutcome;

/**
 * The shard file format ({@code check --shard i/n --json}, {@code search --shard i/n --json}) and
 * its validation for {@code prefdyn merge}. A shard file is one JSON object: {@code "shard"} (the
 * header: format, command, every setting that affects results, {@code "shard": "i/n"} and a
 * fingerprint of command, settings and n) and {@code "units"} (the per-unit results). Margins are
 * stored exactly: the enclosure's ends as exact rationals {@code "p/q"}, so that the merge
 * computes the same interval minima as the unsharded run.
 */
public final class ShardFiles {
  /** The format tag of the header. */
  public static final String FORMAT = "prefdyn-shard/1";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ShardFiles() {}

  /** A validated shard file. */
  public record File(Path path, Shard shard, String command, JsonNode settings, JsonNode units) {}

  /**
   * The header of a shard: command, settings (ordered as given), shard and fingerprint.
   */
  public static Map<String, @Nullable Object> header(String command, Map<String, @Nullable Object> settings, Shard shard) {
    Map<String, @Nullable Object> h = new LinkedHashMap<>();
    h.put("format", FORMAT);
    h.put("command", command);
    h.put("settings", settings);
    h.put("shard", shard.toString());
    h.put("fingerprint", fingerprint(command, JSON.valueToTree(settings), shard.count()));
    return h;
  }

  /** SHA-256 (first 16 hex digits) of the command, the canonical settings and the shard count. */
  static String fingerprint(String command, JsonNode settings, int count) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      String canonical = command + "\n" + canonical(settings) + "\nn=" + count;
      byte[] h = md.digest(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String canonical(JsonNode n) {
    if (n.isObject()) {
      TreeMap<String, String> sorted = new TreeMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = n.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        sorted.put(e.getKey(), canonical(e.getValue()));
      }
      return sorted.toString();
    }
    return n.toString();
  }

  /**
   * Reads and validates shard files: each a shard file of the same command, settings and n (same
   * fingerprint), every shard 1..n exactly once. Returns them ordered by shard index.
   *
   * @throws ParseError with the reason (unreadable, not a shard, foreign, duplicated, missing)
   */
  public static List<File> read(List<Path> paths) {
    if (paths.isEmpty()) {
      throw new ParseError("give the shard files to merge (FILE...)");
    }
    List<File> files = new ArrayList<>();
    for (Path p : paths) {
      files.add(readOne(p));
    }
    File first = files.get(0);
    int n = first.shard().count();
    File[] byIndex = new File[n + 1];
    for (File f : files) {
      if (!f.command().equals(first.command())) {
        throw new ParseError("foreign shard: " + f.path() + " is from '" + f.command() + "', " + first.path()
            + " from '" + first.command() + "'");
      }
      if (f.shard().count() != n) {
        throw new ParseError("foreign shard: " + f.path() + " is shard " + f.shard() + ", " + first.path()
            + " is shard " + first.shard() + " (other n)");
      }
      if (!f.settings().equals(first.settings())) {
        throw new ParseError("foreign shard: " + f.path() + " has other settings than " + first.path() + " ("
            + difference(f.settings(), first.settings()) + ")");
      }
      File dup = byIndex[f.shard().index()];
      if (dup != null) {
        throw new ParseError("duplicated shard " + f.shard() + ": " + dup.path() + " and " + f.path());
      }
      byIndex[f.shard().index()] = f;
    }
    List<String> missing = new ArrayList<>();
    List<File> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      File f = byIndex[i];
      if (f == null) {
        missing.add(i + "/" + n);
      } else {
        out.add(f);
      }
    }
    if (!missing.isEmpty()) {
      throw new ParseError("missing shard" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing));
    }
    return out;
  }

  private static String difference(JsonNode a, JsonNode b) {
    Iterator<String> it = b.fieldNames();
    while (it.hasNext()) {
      String k = it.next();
      if (!b.get(k).equals(a.get(k))) {
        return k + " " + a.get(k) + " vs " + b.get(k);
      }
    }
    return "other keys";
  }

  private static File readOne(Path p) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(p, StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      throw new ParseError("cannot read shard file " + p + ": " + e.getMessage());
    }
    JsonNode h = root == null ? null : root.get("shard");
    JsonNode units = root == null ? null : root.get("units");
    if (h == null || !h.isObject() || !FORMAT.equals(h.path("format").asText()) || units == null || !units.isArray()) {
      throw new ParseError(p + " is not a shard file (run check or search with --shard i/n --json, or experiment with --shard i/n --out DIR)");
    }
    Shard shard;
    try {
      shard = Shard.parse(h.path("shard").asText());
    } catch (InvalidParameter e) {
      throw new ParseError(p.toString(), "bad shard header: " + e.getMessage());
    }
    String command = h.path("command").asText();
    JsonNode settings = h.path("settings");
    if (!fingerprint(command, settings, shard.count()).equals(h.path("fingerprint").asText())) {
      throw new ParseError("foreign shard: " + p + " has a fingerprint that does not match its header (edited or corrupt)");
    }
    return new File(p, shard, command, settings, units);
  }

  /** A margin, exactly: its ends as exact rationals (null: unbounded), strictness, detail, reason. */
  public static Map<String, @Nullable Object> margin(Margin m) {
    Map<String, @Nullable Object> j = new LinkedHashMap<>();
    Aprational lo = m.lo();
    Aprational hi = m.hi();
    j.put("lo", lo == null ? null : lo.toString());
    j.put("hi", hi == null ? null : hi.toString());
    j.put("strict", m.strict());
    j.put("detail", m.detail());
    j.put("reason", m.reason());
    return j;
  }

  /** Reads back {@link #margin(Margin)}. */
  public static Margin margin(JsonNode j) {
    try {
      return new Margin(rational(j.get("lo")), rational(j.get("hi")), j.path("strict").asBoolean(),
          j.path("detail").asText(), j.path("reason").asText());
    } catch (RuntimeException e) {
      throw new ParseError("a margin in a shard file is malformed: " + e.getMessage());
    }
  }

  private static @Nullable Aprational rational(@Nullable JsonNode n) {
    return n == null || n.isNull() ? null : new Aprational(n.asText());
  }

  /** One try's outcome (the instance is not stored: the merge redraws it from its seed). */
  public static Map<String, @Nullable Object> outcome(TryOutcome o) {
    Map<String, @Nullable Object> j = new LinkedHashMap<>();
    j.put("try", o.index());
    j.put("kind", o.kind().name());
    Margin m = o.margin();
    if (m != null) {
      j.put("margin", margin(m));
      j.put("raised", o.raised());
      j.put("digits", o.digits());
    }
    if (!o.message().isEmpty()) {
      j.put("message", o.message());
    }
    return j;
  }

  /** Reads back {@link #outcome(TryOutcome)}. */
  public static TryOutcome outcome(JsonNode j) {
    int index = j.path("try").asInt(-1);
    String message = j.path("message").asText("");
    TryOutcome.Kind kind;
    try {
      kind = TryOutcome.Kind.valueOf(j.path("kind").asText());
    } catch (IllegalArgumentException e) {
      throw new ParseError("a try in a shard file has an unknown kind: " + j.path("kind"));
    }
    return switch (kind) {
      case DRAW_FAILED -> TryOutcome.drawFailed(index, message);
      case NOT_ADMITTED -> new TryOutcome(index, kind, null, null, false, 0, message);
      case DECIDED -> TryOutcome.decided(index, null, margin(j.path("margin")), j.path("raised").asBoolean(),
          j.path("digits").asInt(), message);
    };
  }
}
