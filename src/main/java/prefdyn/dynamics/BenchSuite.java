package prefdyn.dynamics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.checkerframework.checker.nullness.qual.Nullable;
import prefdyn.num.Benchmark;

/**
 * The frame shared by the suites of {@code prefdyn bench} that time prefdyn beside reference
 * programs ({@link TrajectoryBenchmark}, {@link SweepBenchmark}): the notes a suite leaves, one
 * timing runner, and running (and building) the reference programs.
 *
 * <p>The timing runner ({@link #interleaved}) makes the figures robust on a shared machine: every
 * measurement (prefdyn's, each reference's) is repeated, the repeats are interleaved (A B C A B C
 * ...) so that a change of load during the run hits all of them alike, and each figure is the
 * median of its repeats. {@link #TIMING} says this in one line for the bench's footer.
 */
public abstract class BenchSuite implements Benchmark {
  /** How the suites time, for the footer of {@code prefdyn bench}. */
  public static final String TIMING = "repeats interleaved (prefdyn, each reference, again ...), median of each; "
      + "prefdyn: thread CPU time after a warm-up; references: CPU time of their own rounds in their own process (start-up excluded)";

  private final String suite;
  private final List<String> notes = new ArrayList<>();

  BenchSuite(String suite) {
    this.suite = suite;
  }

  @Override
  public final String suite() {
    return suite;
  }

  @Override
  public final List<String> notes() {
    return List.copyOf(notes);
  }

  /** Forgets the notes of a previous run. */
  final void clearNotes() {
    notes.clear();
  }

  /** Adds a note unless the same note is already there. */
  final void note(String note) {
    if (!notes.contains(note)) {
      notes.add(note);
    }
  }

  /** One measurement of {@link #interleaved}: how often to repeat it, and one run giving its figure (NaN: not measurable). */
  record Timed(int repeats, DoubleSupplier run) {}

  /**
   * Runs the measurements in turn (A B C A B C ..., each up to its own number of repeats) and
   * returns the median of each one's figures (microseconds per unit). A measurement that returns
   * NaN is not run again and its median is NaN.
   */
  static double[] interleaved(List<Timed> measurements) {
    int n = measurements.size();
    int most = 1;
    for (Timed m : measurements) {
      most = Math.max(most, m.repeats());
    }
    double[][] figures = new double[n][most];
    int[] count = new int[n];
    boolean[] dead = new boolean[n];
    for (int r = 0; r < most; r++) {
      for (int i = 0; i < n; i++) {
        if (dead[i] || r >= Math.max(1, measurements.get(i).repeats())) {
          continue;
        }
        double v = measurements.get(i).run().getAsDouble();
        if (Double.isNaN(v)) {
          dead[i] = true;
        } else {
          figures[i][count[i]++] = v;
        }
      }
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = dead[i] || count[i] == 0 ? Double.NaN : Benchmark.median(Arrays.copyOf(figures[i], count[i]));
    }
    return out;
  }

  /**
   * A prefdyn measurement: thread-CPU microseconds per unit of {@code work}, which returns how
   * many units it did (rounds, matrix-rounds).
   */
  static double cpuMicrosPerUnit(LongSupplier work) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long c0 = mx.getCurrentThreadCpuTime();
    long units = work.getAsLong();
    return (mx.getCurrentThreadCpuTime() - c0) / 1e3 / Math.max(1, units);
  }

  /**
   * Builds {@code target/BINARY} from {@code bench/SOURCE} with the C compiler {@code cc} and the
   * libraries {@code libs} when it is missing or older than the source; null when ready, else why
   * not (one line).
   */
  static @Nullable String buildC(Path root, String source, String binary, String cc, List<String> libs, String hint) {
    Path src = root.resolve("bench").resolve(source);
    Path bin = root.resolve("target").resolve(binary);
    try {
      if (!Files.isRegularFile(src)) {
        return "bench/" + source + " not found";
      }
      if (Files.isExecutable(bin) && Files.getLastModifiedTime(bin).compareTo(Files.getLastModifiedTime(src)) >= 0) {
        return null;
      }
      Path binDir = bin.toAbsolutePath().getParent();
      if (binDir != null) {
        Files.createDirectories(binDir);
      }
      List<String> cmd = new ArrayList<>(List.of(cc, "-O2", src.toString(), "-o", bin.toString()));
      cmd.addAll(libs);
      Run r = Run.of(cmd, Map.of(), 300);
      if (r.failure != null) {
        return "could not run the C compiler '" + cc + "' (" + r.failure + ")";
      }
      if (r.exit != 0) {
        return "'" + cc + "' could not build bench/" + source + hint + ": " + r.lastLine();
      }
      return null;
    } catch (IOException e) {
      return "could not build target/" + binary + ": " + e.getMessage();
    }
  }

  /**
   * The environment of an mpmath reference: {@code MPMATH_NOGMPY} unset (gmpy2 backend when it is
   * installed) or set (pure Python).
   */
  static Map<String, @Nullable String> mpmathEnv(boolean gmpy) {
    Map<String, @Nullable String> env = new LinkedHashMap<>();
    env.put("MPMATH_NOGMPY", gmpy ? null : "1");
    return env;
  }

  private static final Pattern BACKEND = Pattern.compile("backend=(\\w+)");

  /**
   * Why an mpmath run under {@code python} does not stand for {@code backend} (its output names
   * another backend, or none), or null when it does.
   */
  static @Nullable String wrongBackend(Run r, String python, String backend) {
    Matcher b = BACKEND.matcher(r.output);
    @Nullable String g = b.find() ? b.group(1) : null;
    String got = g == null ? "?" : g;
    return got.equals(backend) ? null : "mpmath under " + python + " runs on its " + got + " backend, not " + backend
        + (backend.equals("gmpy") ? " (is python3-gmpy2 installed?)" : "");
  }

  /** A finished external process: exit code and output, or why it could not be run. */
  static final class Run {
    int exit = -1;
    String output = "";
    @Nullable String failure;

    static Run of(List<String> cmd, Map<String, @Nullable String> env, long timeoutSeconds) {
      Run r = new Run();
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      for (Map.Entry<String, @Nullable String> e : env.entrySet()) {
        String v = e.getValue();
        if (v == null) {
          pb.environment().remove(e.getKey());
        } else {
          pb.environment().put(e.getKey(), v);
        }
      }
      try {
        Process p = pb.start();
        p.getOutputStream().close();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> copy(p.getInputStream(), buf));
        reader.setDaemon(true);
        reader.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          r.failure = "no result within " + timeoutSeconds + " s";
          return r;
        }
        reader.join(10_000);
        r.exit = p.exitValue();
        synchronized (buf) {
          r.output = buf.toString(StandardCharsets.UTF_8);
        }
      } catch (IOException e) {
        r.failure = e.getMessage() == null ? e.toString() : e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        r.failure = "interrupted";
      }
      return r;
    }

    private static void copy(InputStream in, ByteArrayOutputStream buf) {
      byte[] b = new byte[8192];
      try {
        for (int n; (n = in.read(b)) > 0; ) {
          synchronized (buf) {
            buf.write(b, 0, n);
          }
        }
      } catch (IOException e) {
        // the process ended; what was read is kept
      }
    }

    /** {@code key=NUMBER} from the output, or NaN. */
    double number(String key) {
      Matcher m = Pattern.compile(Pattern.quote(key) + "=([0-9.eE+-]+)").matcher(output);
      if (!m.find()) {
        return Double.NaN;
      }
      String g = m.group(1);
      return g == null ? Double.NaN : Double.parseDouble(g);
    }

    /** Why this run gave no figure (one line), or null when it ran and exited 0. */
    @Nullable String problem() {
      return failure != null ? failure : exit != 0 ? "exited with " + exit + ": " + lastLine() : null;
    }

    String lastLine() {
      String[] lines = output.strip().split("\n");
      String last = lines.length == 0 ? "" : lines[lines.length - 1].strip();
      return last.isEmpty() ? "no output" : last;
    }
  }
}
