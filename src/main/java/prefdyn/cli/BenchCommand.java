package prefdyn.cli;

import java.io.File;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import prefdyn.dynamics.BenchSuite;
import prefdyn.dynamics.CommandBenchmark;
import prefdyn.dynamics.SweepBenchmark;
import prefdyn.dynamics.TrajectoryBenchmark;
import prefdyn.num.Benchmark;
import prefdyn.num.KernelBenchmark;
import prefdyn.num.Precision;

/**
 * {@code prefdyn bench}: prefdyn's arbitrary-precision code timed beside reference
 * implementations in the same run, with the ratio prefdyn / reference. Suites are {@link
 * Benchmark}s made by {@link #suites}; a new suite is one class implementing Benchmark plus one
 * entry there.
 */
@Command(name = "bench",
    header = "Time the arbitrary-precision kernel and an MRS round beside reference implementations.", mixinStandardHelpOptions = true,
    description = {"Time prefdyn beside reference implementations, measured in the same run:",
        "  kernel: exp, log, logSumExp, softmax (K = 4) vs ApfloatMath, median us per call after warm-up;",
        "  mrs: one MRS-IPO round (K = 4), CPU us per round over --rounds rounds, vs mpmath (gmpy2 backend and pure Python,",
        "       bench/mrs_mpmath.py under --python) and MPFR (bench/mrs_mpfr.c, built on demand with --cc into target/);",
        "  sweep: the experiment's double fast path, CPU per matrix-round on one core, vs numpy vectorized over the matrices",
        "       (bench/sweep_numpy.py under --numpy-python) and the same loop in scalar C (bench/sweep_scalar.c);",
        "  command: the whole ./prefdyn iterate from a cold JVM (30,000 rounds up to 300 digits, 3,000 above) vs a Python",
        "       process running bench/mrs_mpmath.py (gmpy2 and pure Python), CPU of each whole process per round",
        "       (not with --quick).",
        "A reference that is not installed is skipped with a note. prefdyn/ref below 1: prefdyn is faster."})
public final class BenchCommand implements Callable<Integer> {
  /** Suite names, in the order run by default. */
  static final List<String> SUITE_NAMES = List.of("kernel", "mrs", "sweep", "command");

  // Injected by picocli before call(); the Nullness Checker cannot see framework injection.
  @SuppressWarnings("initialization.field.uninitialized")
  @Spec CommandSpec spec;

  @Option(names = "--suite", paramLabel = "NAME",
      description = "Run only this suite (default: all). Suites: kernel, mrs, sweep, command.")
  @Nullable String suite;

  @Option(names = {"--digits", "--at"}, paramLabel = "D[,D...]", split = ",", defaultValue = "50,1000",
      description = "Precisions in decimal digits to time at (default: ${DEFAULT-VALUE}).")
  List<Integer> at = new ArrayList<>();

  @Option(names = "--rounds", paramLabel = "N", defaultValue = "1000",
      description = "MRS rounds per trajectory, the same for prefdyn and every reference (default: ${DEFAULT-VALUE}).")
  int rounds = 300;

  @Option(names = "--repeats", paramLabel = "N", defaultValue = "5",
      description = "Timed batches per kernel operation, timed trajectories per MRS and sweep measurement (at least 3; "
          + "references at most 3), interleaved; the median is reported (default: ${DEFAULT-VALUE}).")
  int repeats = 5;

  @Option(names = "--quick", description = "No warm-up, one tiny batch per operation (checks that the suites run; figures are not meaningful).")
  boolean quick;

  @Mixin ReferencePrograms programs = new ReferencePrograms();

  @Option(names = "--json", description = "Print a JSON array of rows {suite, op, digits, prefdynMicros, referenceMicros, reference, ratio} instead of tables.")
  boolean json;

  @Override
  public Integer call() {
    // validate everything before running anything
    if (suite != null && !SUITE_NAMES.contains(suite)) {
      throw new BadInput("--suite: unknown suite '" + suite + "' (known: " + String.join(", ", SUITE_NAMES) + ")");
    }
    if (at.isEmpty()) {
      throw new BadInput("--digits: give at least one precision");
    }
    for (int d : at) {
      if (d < 5 || d > Precision.MAX_DIGITS) {
        throw new BadInput("--digits: precision " + d + " is outside 5.." + Precision.MAX_DIGITS);
      }
    }
    if (repeats < 1 || repeats > 1000) {
      throw new BadInput("--repeats must be between 1 and 1000, got " + repeats);
    }
    if (rounds < 1 || rounds > 10_000_000) {
      throw new BadInput("--rounds must be between 1 and 10000000, got " + rounds);
    }
    Benchmark.Settings settings = quick ? Benchmark.Settings.QUICK
        : new Benchmark.Settings(repeats, Benchmark.Settings.DEFAULT.minBatchMillis(), Benchmark.Settings.DEFAULT.warmupCalls());

    TrajectoryBenchmark.Config config = new TrajectoryBenchmark.Config(rounds, checkoutRoot(), programs.mpmathPython(), programs.cc());
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Object> jsonRows = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    SweepBenchmark.Config sweepConfig = new SweepBenchmark.Config(rounds, config.root(), programs.numpyPython(), programs.cc());
    CommandBenchmark.Config commandConfig = new CommandBenchmark.Config(config.root(), programs.mpmathPython());
    for (Benchmark b : suites(config, sweepConfig, commandConfig)) {
      if (suite != null && !b.suite().equals(suite)) {
        continue;
      }
      List<Benchmark.Row> rows = b.run(at, settings);
      List<List<String>> table = new ArrayList<>();
      for (Benchmark.Row r : rows) {
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        m.put("suite", b.suite());
        m.put("op", r.op());
        m.put("digits", r.digits());
        m.put("prefdynMicros", number(r.micros()));
        m.put("referenceMicros", r.reference() == null ? null : number(r.referenceMicros()));
        m.put("reference", r.reference());
        m.put("ratio", r.reference() == null ? null : number(r.ratio()));
        jsonRows.add(m);
        table.add(List.of(r.op(), Integer.toString(r.digits()), fmt(r.micros()),
            r.reference() == null ? "-" : r.reference(),
            r.reference() == null ? "-" : fmt(r.referenceMicros()),
            r.reference() == null ? "-" : String.format(Locale.ROOT, "%.2f", r.ratio())));
      }
      text.append("suite ").append(b.suite()).append(": ").append(b.description()).append('\n');
      text.append(Output.table(List.of("op", "digits", "prefdyn us", "reference", "reference us", "prefdyn/ref"), table));
      for (String note : b.notes()) {
        text.append("note: ").append(note).append('\n');
        if (json) {
          err.println("bench: " + note);
        }
      }
      text.append('\n');
    }
    if (json) {
      Output.printJson(out, jsonRows);
    } else {
      out.print(text);
      out.println("timing: " + (quick ? "quick (not meaningful)"
          : "kernel: median of " + repeats + " batches of >= " + settings.minBatchMillis() + " ms after warm-up, "
              + "prefdyn and reference alternating; mrs and sweep: CPU time of " + rounds + " rounds, "
              + BenchSuite.TIMING + "; prefdyn " + Math.max(3, repeats) + " repeats, references " + Math.min(Math.max(3, repeats), 3)
              + "; command: CPU (user + system) of each whole process from bash's times, start-up included, 3 of each, "
              + "alternating, medians"));
    }
    out.flush();
    err.flush();
    return 0;
  }

  /**
   * The programs the references run with. Each is a command name or path; unset, the default
   * below is used (so the defaults live here, once).
   */
  static final class ReferencePrograms {
    @Option(names = "--python", paramLabel = "CMD",
        description = "Python interpreter for the mpmath references (default: /usr/bin/python3 when present, else python3).")
    @Nullable String python;

    @Option(names = "--numpy-python", paramLabel = "CMD", description = "Python interpreter with numpy for the sweep reference (default: python3).")
    @Nullable String numpyPython;

    @Option(names = "--cc", paramLabel = "CMD", description = "C compiler for the MPFR and scalar C references (default: cc).")
    @Nullable String cc;

    String mpmathPython() {
      String p = python;
      return p != null ? p : Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    String numpyPython() {
      String p = numpyPython;
      return p != null ? p : "python3";
    }

    String cc() {
      String c = cc;
      return c != null ? c : "cc";
    }
  }

  /** The suites, in the order run by default (names as in {@link #SUITE_NAMES}). */
  static List<Benchmark> suites(TrajectoryBenchmark.Config config, SweepBenchmark.Config sweep, CommandBenchmark.Config command) {
    return List.of(new KernelBenchmark(), new TrajectoryBenchmark(config), new SweepBenchmark(sweep), new CommandBenchmark(command));
  }

  /**
   * The prefdyn checkout holding {@code bench/} (references live there): the folder above the
   * jar's {@code target/} (or above {@code target/classes}), else the current directory; null when
   * neither has {@code bench/mrs_mpmath.py}.
   */
  static @Nullable Path checkoutRoot() {
    List<Path> candidates = new ArrayList<>();
    try {
      CodeSource cs = BenchCommand.class.getProtectionDomain().getCodeSource();
      if (cs != null) {
        Path here = new File(cs.getLocation().toURI()).toPath().toAbsolutePath();
        for (Path p = here.getParent(); p != null; p = p.getParent()) {
          candidates.add(p);
          if (candidates.size() == 3) {
            break;
          }
        }
      }
    } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
      // fall back to the current directory
    }
    candidates.add(Path.of("").toAbsolutePath());
    for (Path c : candidates) {
      if (Files.isRegularFile(c.resolve("bench").resolve("mrs_mpmath.py"))) {
        return c;
      }
    }
    return null;
  }

  /** A time or ratio to 4 significant digits, as a JSON number. */
  private static double number(double v) {
    return Double.isFinite(v) ? new BigDecimal(v).round(new MathContext(4)).doubleValue() : v;
  }

  private static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "";
    }
    if (v >= 100) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (v >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    if (v >= 1) {
      return String.format(Locale.ROOT, "%.2f", v);
    }
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
