package prefdyn.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON and table output, and atomic file writes. */
public final class Output {
  /** Jackson's mapper, built on first use: a command that prints text never loads it. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  }

  private Output() {}

  public static String json(Object value) {
    try {
      return Json.MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON: " + e.getMessage(), e);
    }
  }

  /**
   * A record's components as JSON keys and values, in declaration order (to put into a larger
   * object); the components must not be null. Read by reflection rather than through Jackson, so
   * that a command printing text never starts Jackson's object mapper.
   */
  public static Map<String, Object> fields(Record value) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (RecordComponent c : value.getClass().getRecordComponents()) {
      try {
        c.getAccessor().setAccessible(true);
        Object v = c.getAccessor().invoke(value);
        if (v == null) {
          throw new IllegalStateException(c.getName() + " of " + value.getClass().getSimpleName() + " is null");
        }
        m.put(c.getName(), v);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + c.getName() + " of " + value.getClass().getSimpleName(), e);
      }
    }
    return m;
  }

  public static void printJson(PrintWriter out, Object value) {
    out.println(json(value));
    out.flush();
  }

  /** A plain aligned table: header row then rows. */
  public static String table(List<String> header, List<List<String>> rows) {
    int n = header.size();
    int[] w = new int[n];
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    for (List<String> r : all) {
      for (int c = 0; c < n && c < r.size(); c++) {
        w[c] = Math.max(w[c], r.get(c).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int ri = 0; ri < all.size(); ri++) {
      List<String> r = all.get(ri);
      for (int c = 0; c < n; c++) {
        String cell = c < r.size() ? r.get(c) : "";
        sb.append(c == 0 ? "" : "  ").append(c == n - 1 ? cell : pad(cell, w[c]));
      }
      sb.append('\n');
      if (ri == 0) {
        for (int c = 0; c < n; c++) {
          sb.append(c == 0 ? "" : "  ").append("-".repeat(w[c]));
        }
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  private static String pad(String s, int w) {
    return s + " ".repeat(Math.max(0, w - s.length()));
  }

  /** Writes a file atomically: to a temporary name in the same folder, then renamed. */
  public static void writeAtomically(Path target, byte[] content) {
    try {
      Path parent = target.toAbsolutePath().getParent();
      Path dir = parent == null ? Path.of(".") : parent;
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
      try {
        Files.write(tmp, content);
        try { // createTempFile makes the file private (0600); results are for reading
          Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException notPosix) {
          // keep the platform's default
        }
        try {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new BadInput("cannot write " + target + ": " + e.getMessage());
    }
  }
}
