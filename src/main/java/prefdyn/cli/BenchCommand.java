package prefdyn.cli;

import java.io.PrintWriter;
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
import prefdyn.num.BadInput;
import prefdyn.num.Benchmark;
import prefdyn.num.KernelBenchmark;
import prefdyn.num.Precision;

/**
 * {@code prefdyn bench}: per-operation timings of prefdyn's arbitrary-precision code beside a
 * reference implementation, with the speedup. Suites are {@link Benchmark}s listed in {@link
 * #SUITES}; a new suite (an MRS trajectory, an experiment sweep) is one class implementing
 * Benchmark plus one entry there.
 */
@Command(name = "bench",
    header = "Time the arbitrary-precision kernel and an MRS round beside reference implementations.", mixinStandardHelpOptions = true,
    description = "Time the arbitrary-precision kernel (and other suites) beside reference implementations: median microseconds per call after warm-up.")
public final class BenchCommand implements Callable<Integer> {
  /** Every suite, in the order run by default. */
  static final List<Benchmark> SUITES = List.of(new KernelBenchmark(), new prefdyn.dynamics.TrajectoryBenchmark());

  @Mixin Common common = new Common();

  // Injected by picocli before call(); the Nullness Checker cannot see framework injection.
  @SuppressWarnings("initialization.field.uninitialized")
  @Spec CommandSpec spec;

  @Option(names = "--suite", paramLabel = "NAME",
      description = "Run only this suite (default: all). Suites: kernel, mrs.")
  @Nullable String suite;

  @Option(names = "--at", paramLabel = "D[,D...]", split = ",", defaultValue = "50,1000",
      description = "Precisions in decimal digits to time at (default: ${DEFAULT-VALUE}); --digits is not used by bench.")
  List<Integer> at = new ArrayList<>();

  @Option(names = "--repeats", paramLabel = "N", defaultValue = "7",
      description = "Timed batches per operation; the median is reported (default: ${DEFAULT-VALUE}).")
  int repeats = 7;

  @Option(names = "--quick", description = "One tiny batch per operation (checks that the suites run; figures are not meaningful).")
  boolean quick;

  @Override
  public Integer call() {
    // validate everything before running anything
    List<Benchmark> chosen = new ArrayList<>();
    for (Benchmark b : SUITES) {
      if (suite == null || b.suite().equals(suite)) {
        chosen.add(b);
      }
    }
    if (chosen.isEmpty()) {
      List<String> names = new ArrayList<>();
      SUITES.forEach(b -> names.add(b.suite()));
      throw new BadInput("--suite: unknown suite '" + suite + "' (known: " + String.join(", ", names) + ")");
    }
    if (at.isEmpty()) {
      throw new BadInput("--at: give at least one precision");
    }
    for (int d : at) {
      if (d < 5 || d > Precision.MAX_DIGITS) {
        throw new BadInput("--at: precision " + d + " is outside 5.." + Precision.MAX_DIGITS);
      }
    }
    if (repeats < 1 || repeats > 1000) {
      throw new BadInput("--repeats must be between 1 and 1000, got " + repeats);
    }
    Benchmark.Settings settings = quick ? Benchmark.Settings.QUICK
        : new Benchmark.Settings(repeats, Benchmark.Settings.DEFAULT.minBatchMillis(), Benchmark.Settings.DEFAULT.warmupCalls());

    PrintWriter out = spec.commandLine().getOut();
    List<Object> suitesJson = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (Benchmark b : chosen) {
      List<Benchmark.Row> rows = b.run(at, settings);
      List<Object> rowsJson = new ArrayList<>();
      List<List<String>> table = new ArrayList<>();
      for (Benchmark.Row r : rows) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("op", r.op());
        m.put("digits", Integer.toString(r.digits()));
        m.put("prefdyn_us", fmt(r.micros()));
        m.put("reference", r.reference() == null ? "" : r.reference());
        m.put("reference_us", r.reference() == null ? "" : fmt(r.referenceMicros()));
        m.put("speedup", r.reference() == null ? "" : fmt(r.speedup()));
        rowsJson.add(m);
        table.add(List.of(r.op(), Integer.toString(r.digits()), fmt(r.micros()),
            r.reference() == null ? "-" : fmt(r.referenceMicros()),
            r.reference() == null ? "-" : fmt(r.speedup()) + "x"));
      }
      Map<String, Object> sj = new LinkedHashMap<>();
      sj.put("suite", b.suite());
      sj.put("description", b.description());
      sj.put("rows", rowsJson);
      suitesJson.add(sj);
      text.append("suite ").append(b.suite()).append(": ").append(b.description()).append('\n');
      text.append(Output.table(List.of("op", "digits", "prefdyn us", "reference us", "speedup"), table));
      text.append('\n');
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("timing", quick ? "quick (not meaningful)" : "median of " + repeats + " batches of >= "
        + settings.minBatchMillis() + " ms after " + settings.warmupCalls() + " warm-up calls");
    doc.put("suites", suitesJson);
    if (common.json()) {
      Output.printJson(out, doc);
    } else {
      out.print(text);
      out.println("timing: " + doc.get("timing"));
      out.flush();
    }
    return 0;
  }

  private static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "";
    }
    if (v >= 100) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (v >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
