package prefdyn.dynamics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The {@code command} suite of {@code prefdyn bench}: whole commands from a cold start. The
 * checkout's {@code ./prefdyn iterate} on the bench instance (certified output, as a user runs it:
 * JVM start, class-data-sharing archive, JIT) beside a Python process running
 * {@code bench/mrs_mpmath.py} on the same trajectory, with mpmath's gmpy2 backend and in pure
 * Python. Every figure is the CPU time (user + system) of a whole fresh process as the operating
 * system accounts it for its finished children (bash's {@code times}), start-up included, divided
 * by the rounds; {@link #steps} rounds at each precision. Processes alternate (prefdyn, gmpy2,
 * pure Python, again ...), each three times, medians. Not run under {@code --quick}: it times
 * processes of seconds.
 */
public final class CommandBenchmark extends BenchSuite {
  /**
   * @param root the prefdyn checkout (its {@code prefdyn} wrapper and {@code bench/}), or null
   * @param python the Python interpreter for mpmath
   */
  public record Config(@Nullable Path root, String python) {}

  static final String OP = "iterate, whole command (cold, CPU per round)";

  private static final long TIMEOUT_SECONDS = 1800;
  private static final int REPEATS = 3;

  private final Config config;

  public CommandBenchmark(Config config) {
    super("command");
    this.config = config;
  }

  /** Rounds of the timed trajectory: 30,000 up to 300 digits, 3,000 above (the README's two commands). */
  public static int steps(int digits) {
    return digits <= 300 ? 30_000 : 3_000;
  }

  @Override
  public String description() {
    return "whole ./prefdyn iterate on the mrs instance from a cold JVM (certified output; 30,000 rounds up to 300 "
        + "digits, 3,000 above) vs a Python process running bench/mrs_mpmath.py on the same trajectory; CPU of the "
        + "whole process (user + system, start-up included) per round";
  }

  @Override
  public List<Row> run(List<Integer> digits, Settings settings) {
    clearNotes();
    List<Row> rows = prefdyn.num.Benchmark.rows();
    if (settings.quick()) {
      note("command: not timed with --quick (it times whole processes of seconds)");
      return rows;
    }
    Path root = config.root();
    if (root == null || !Files.isExecutable(root.resolve("prefdyn"))) {
      note("command: skipped (the ./prefdyn wrapper of the checkout was not found; run ./prefdyn from the checkout)");
      return rows;
    }
    String wrapper = root.resolve("prefdyn").toString();
    String instance = root.resolve("bench").resolve("mrs_instance.txt").toString();
    String script = root.resolve("bench").resolve("mrs_mpmath.py").toString();
    // untimed: builds the jar and the class-data-sharing archive if the wrapper needs them
    Run first = timed(List.of(wrapper, "--version"), Map.of());
    String firstProblem = first.problem();
    if (firstProblem != null) {
      String failure = first.failure;
      note("command: skipped (" + (failure != null && failure.contains("bash")
          ? "bash is needed to read the CPU time of a process" : "./prefdyn --version: " + firstProblem) + ")");
      return rows;
    }
    List<Reference> refs = List.of(new Reference("mpmath (gmpy)", mpmathEnv(true), "gmpy"),
        new Reference("mpmath (python)", mpmathEnv(false), "python"));
    for (int d : digits) {
      int steps = steps(d);
      List<String> prefdyn = List.of(wrapper, "iterate", "--pref", instance, "--alpha", "1/2", "--lambda", "3/4",
          "--beta", "3", "--ref", "0.4,0.3,0.2,0.1", "--steps", Integer.toString(steps), "--digits", Integer.toString(d));
      List<String> python = List.of(config.python(), script, "--steps", Integer.toString(steps), Integer.toString(d));
      List<Timed> measurements = new ArrayList<>();
      measurements.add(new Timed(REPEATS, () -> cpuMicrosPerRound(prefdyn, Map.of(), steps, null)));
      for (Reference ref : refs) {
        measurements.add(new Timed(REPEATS, () -> ref.disabled ? Double.NaN : cpuMicrosPerRound(python, ref.env, steps, ref)));
      }
      double[] t = interleaved(measurements);
      if (Double.isNaN(t[0])) {
        return rows;
      }
      boolean any = false;
      for (int i = 0; i < refs.size(); i++) {
        if (!Double.isNaN(t[1 + i])) {
          rows.add(new Row(OP, d, t[0], refs.get(i).name, t[1 + i]));
          any = true;
        }
      }
      if (!any) {
        rows.add(new Row(OP, d, t[0], null, Double.NaN));
      }
    }
    return rows;
  }

  /** A Python reference: its name, environment, and the mpmath backend it must report. */
  private static final class Reference {
    final String name;
    final Map<String, @Nullable String> env;
    final String backend;
    boolean disabled;

    Reference(String name, Map<String, @Nullable String> env, String backend) {
      this.name = name;
      this.env = env;
      this.backend = backend;
    }
  }

  /**
   * CPU microseconds per round of one whole process, or NaN with a note (and the reference
   * disabled) when it cannot be measured.
   */
  private double cpuMicrosPerRound(List<String> cmd, Map<String, @Nullable String> env, int steps, @Nullable Reference ref) {
    Run r = timed(cmd, env);
    String who = ref == null ? "./prefdyn iterate" : ref.name;
    String problem = r.problem();
    if (problem == null && ref != null) {
      problem = wrongBackend(r, cmd.get(0), ref.backend);
    }
    double seconds = problem == null ? childCpuSeconds(r.output) : Double.NaN;
    if (problem == null && Double.isNaN(seconds)) {
      problem = "no CPU time from bash's times";
    }
    if (problem != null) {
      note("command: " + who + ": skipped (" + problem + ")");
      if (ref != null) {
        ref.disabled = true;
      }
      return Double.NaN;
    }
    return seconds * 1e6 / steps;
  }

  /** Runs {@code cmd} under bash, which prints the CPU times of its finished children after it ({@code times}). */
  private static Run timed(List<String> cmd, Map<String, @Nullable String> env) {
    List<String> full = new ArrayList<>(List.of("bash", "-c", "\"$@\"; s=$?; times; exit $s", "bash"));
    full.addAll(cmd);
    Map<String, @Nullable String> e = new LinkedHashMap<>(env);
    e.put("LC_ALL", "C");
    e.put("PREFDYN_JAVA_OPTS", null); // the wrapper's own options, as a user runs it
    return Run.of(full, e, TIMEOUT_SECONDS);
  }

  private static final Pattern TIMES = Pattern.compile("(?m)^(\\d+)m([0-9.]+)s (\\d+)m([0-9.]+)s\\s*$");

  /** User + system seconds of the children from bash's {@code times} (its second line, the last match), or NaN. */
  static double childCpuSeconds(String output) {
    Matcher m = TIMES.matcher(output);
    double last = Double.NaN;
    while (m.find()) {
      last = minutes(m.group(1), m.group(2)) + minutes(m.group(3), m.group(4));
    }
    return last;
  }

  private static double minutes(@Nullable String m, @Nullable String s) {
    return m == null || s == null ? Double.NaN : Integer.parseInt(m) * 60 + Double.parseDouble(s);
  }
}
