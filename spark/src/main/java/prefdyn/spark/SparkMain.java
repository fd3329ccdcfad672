package prefdyn.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine;
import prefdyn.cli.Main;
import prefdyn.cli.BadInput;

/**
 * {@code prefdyn-spark COMMAND [--master URL] [--tasks N] [the command's options]}: runs
 * {@code check}, {@code search} or {@code experiment} as one Spark job whose tasks are the
 * command's shards ({@code --shard i/n}, docs/sharding.md): by default one task per work unit
 * (check: statement x try; search: a block of {@code Search.UNIT} evaluations; experiment:
 * matrix x setting). The driver collects the n shard files and merges them with the core's own
 * {@code prefdyn merge}, so the output is the unsharded command's {@code --json} output, with its
 * exit code (0, 1; 2 bad input, one line, nothing on stdout).
 */
public final class SparkMain {
  private SparkMain() {}

  /** The commands that run on Spark. */
  static final List<String> COMMANDS = List.of("check", "search", "experiment");

  /** Attempts per task in local mode (as spark.task.maxFailures on a cluster). */
  static final int LOCAL_MAX_FAILURES = 4;

  private static final Pattern LOCAL = Pattern.compile("local(?:\\[([0-9]+|\\*)\\])?");

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(args, out, err));
  }

  /** Runs and returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return execute(args, out, err).exitCode();
  }

  /**
   * What a run gave: the exit code, the number of Spark tasks (shards), and the task attempts
   * that failed (and were retried, when the job still succeeded).
   */
  public record Outcome(int exitCode, int tasks, int failedAttempts) {
    static Outcome of(int exitCode) {
      return new Outcome(exitCode, 0, 0);
    }
  }

  /** The wrapper's own options, taken out of the command line. */
  record Invocation(String command, List<String> coreArgs, @Nullable String master, @Nullable Integer tasks, boolean json) {}

  /** Runs a command line; the test entry point. */
  public static Outcome execute(String[] args, PrintWriter out, PrintWriter err) {
    try {
      return executeChecked(args, out, err);
    } catch (BadInput e) {
      err.println(e.getMessage());
      err.flush();
      return Outcome.of(Main.BAD_INPUT);
    }
  }

  private static Outcome executeChecked(String[] args, PrintWriter out, PrintWriter err) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
      (args.length == 0 ? err : out).print(usage());
      (args.length == 0 ? err : out).flush();
      return Outcome.of(args.length == 0 ? Main.BAD_INPUT : 0);
    }
    Invocation inv = parse(args);
    String command = inv.command();
    List<String> coreArgs = new ArrayList<>(inv.coreArgs());
    // the core's own parser: usage errors, --help, --list and --version are the core's, printed by it
    CommandLine.ParseResult parsed;
    List<String> withJson = new ArrayList<>(coreArgs);
    withJson.add("--json");
    try {
      parsed = Main.commandLine().parseArgs(withJson.toArray(new String[0]));
    } catch (CommandLine.ParameterException e) {
      return Outcome.of(Main.run(coreArgs.toArray(new String[0]), out, err));
    }
    CommandLine.ParseResult sub = parsed.subcommand();
    if (sub == null) {
      throw new BadInput("prefdyn-spark: give a command: check, search or experiment");
    }
    if (sub.isUsageHelpRequested() || sub.isVersionHelpRequested() || sub.hasMatchedOption("--list")) {
      int code = Main.run(inv.json() ? withJson.toArray(new String[0]) : coreArgs.toArray(new String[0]), out, err);
      if (sub.isUsageHelpRequested()) {
        out.println();
        out.print(usage());
        out.flush();
      }
      return Outcome.of(code);
    }
    if (sub.commandSpec().findOption("--shard") == null) {
      throw new BadInput("prefdyn-spark " + command + ": this build's '" + command + "' has no --shard work units yet,"
          + " so it cannot run on Spark");
    }
    if (sub.hasMatchedOption("--shard")) {
      throw new BadInput("prefdyn-spark " + command + ": --shard is what prefdyn-spark does itself (one shard per Spark"
          + " task); give --tasks N to choose the number of tasks");
    }
    for (String excluded : List.of("--report", "--out")) {
      if (sub.hasMatchedOption(excluded) && !command.equals("experiment")) {
        throw new BadInput("prefdyn-spark " + command + ": " + excluded + " is not available on Spark yet (write the"
            + " --json output to a file instead)");
      }
    }
    long units = WorkUnits.count(command, sub);
    Integer wanted = inv.tasks();
    long n = Math.max(1, Math.min(units, wanted != null ? wanted : units));
    if (n > Integer.MAX_VALUE / 2) {
      throw new BadInput("prefdyn-spark " + command + ": " + units + " work units are too many tasks; give --tasks N");
    }
    int count = (int) n;
    int inject = Integer.getInteger(ShardTask.INJECT_FAILURE, 0);
    ShardTask task = new ShardTask(coreArgs.toArray(new String[0]), count, inject);
    String what = "prefdyn " + String.join(" ", coreArgs);
    String unitWord = WorkUnits.describe(command);

    SparkConf conf = new SparkConf().setAppName("prefdyn " + command);
    String master = inv.master();
    if (master == null) {
      master = conf.get("spark.master", "local[*]");
    }
    master = withLocalRetries(master);
    conf.setMaster(master);
    if (master.startsWith("local")) {
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    }
    err.printf(Locale.ROOT, "prefdyn-spark: %s as %d Spark task%s (%d work units: %s) on %s%n", what, count,
        count == 1 ? "" : "s", units, unitWord, master);
    err.flush();

    List<ShardRun> runs;
    Progress progress = new Progress(err, command, count);
    long start = System.nanoTime();
    try (JavaSparkContext jsc = new JavaSparkContext(conf)) {
      jsc.setLogLevel("WARN");
      jsc.sc().addSparkListener(progress);
      jsc.setJobGroup("prefdyn-" + command, what + ": " + count + " shards of " + units + " work units (" + unitWord + ")",
          false);
      List<Integer> shards = new ArrayList<>();
      for (int i = 1; i <= count; i++) {
        shards.add(i);
      }
      JavaRDD<Integer> rdd = jsc.parallelize(shards, count)
          .setName("shards 1.." + count + " of " + what + " (" + unitWord + ")");
      JavaRDD<ShardRun> files = rdd.map(task).setName("shard files of " + what);
      runs = files.collect();
    } catch (RuntimeException e) {
      // SparkException is checked in Scala's eyes only; the job failed after Spark's retries
      Throwable t = e;
      if (!(t instanceof SparkException) && !(t.getCause() instanceof SparkException)) {
        throw e;
      }
      err.println("prefdyn-spark " + command + ": the Spark job failed: " + firstLine(String.valueOf(t.getMessage())));
      err.flush();
      return new Outcome(3, count, progress.failed());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    progress.done();
    for (ShardRun r : runs) {
      if (r.exitCode() != 0) {
        err.println(firstLine(r.stderr()));
        err.flush();
        return new Outcome(r.exitCode(), count, progress.failed());
      }
    }
    err.printf(Locale.ROOT, "prefdyn-spark: %d shards done in %.1f s (%d failed attempts retried); merging%n", count,
        seconds, progress.failed());
    err.flush();
    int code = merge(runs, out, err);
    return new Outcome(code, count, progress.failed());
  }

  /**
   * Merges the shard files with the core's {@code prefdyn merge} (the same code as on one machine:
   * it also rejects a missing or duplicated shard); prints its output, returns its exit code.
   */
  static int merge(List<ShardRun> runs, PrintWriter out, PrintWriter err) {
    Path dir;
    try {
      dir = Files.createTempDirectory("prefdyn-spark-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      List<String> args = new ArrayList<>();
      args.add("merge");
      for (ShardRun r : runs) {
        Path f = dir.resolve(String.format(Locale.ROOT, "shard-%06d.json", r.shard()));
        Files.writeString(f, r.stdout(), StandardCharsets.UTF_8);
        args.add(f.toString());
      }
      StringWriter buffer = new StringWriter();
      int code;
      try (PrintWriter b = new PrintWriter(buffer)) {
        code = Main.run(args.toArray(new String[0]), b, err);
      }
      out.print(buffer);
      out.flush();
      return code;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteTree(dir);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temporary folder is harmless
    }
  }

  /** {@code local} and {@code local[N]} never retry a task in Spark; run them as {@code local[N,4]}. */
  static String withLocalRetries(String master) {
    Matcher m = LOCAL.matcher(master.trim());
    if (!m.matches()) {
      return master;
    }
    String threads = m.group(1);
    return "local[" + (threads == null ? "1" : threads) + "," + LOCAL_MAX_FAILURES + "]";
  }

  /** Takes the wrapper's options (--master, --tasks) and --json out of the command line. */
  static Invocation parse(String[] args) {
    String command = args[0];
    if (!COMMANDS.contains(command)) {
      throw new BadInput("prefdyn-spark: unknown command '" + command + "' (check, search or experiment; see"
          + " prefdyn-spark --help)");
    }
    List<String> core = new ArrayList<>();
    core.add(command);
    String master = null;
    Integer tasks = null;
    boolean json = false;
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      String value = null;
      String name = a;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        name = a.substring(0, eq);
        value = a.substring(eq + 1);
      }
      if (name.equals("--master") || name.equals("--tasks")) {
        if (value == null) {
          if (i + 1 >= args.length) {
            throw new BadInput("prefdyn-spark " + command + ": " + name + " needs a value");
          }
          value = args[++i];
        }
        if (name.equals("--master")) {
          master = value;
        } else {
          try {
            tasks = Integer.parseInt(value.trim());
          } catch (NumberFormatException e) {
            throw new BadInput("prefdyn-spark " + command + ": --tasks must be a whole number, got '" + value + "'");
          }
          if (tasks < 1) {
            throw new BadInput("prefdyn-spark " + command + ": --tasks must be at least 1, got " + tasks);
          }
        }
      } else if (a.equals("--json")) {
        json = true;
      } else {
        core.add(a);
      }
    }
    return new Invocation(command, core, master, tasks, json);
  }

  static String firstLine(String s) {
    for (String line : s.split("\\R")) {
      if (!line.isBlank()) {
        return line.strip();
      }
    }
    return s.strip();
  }

  static String usage() {
    return String.join("\n",
        "Usage: prefdyn-spark COMMAND [--master URL] [--tasks N] [OPTIONS of prefdyn COMMAND]",
        "Runs 'prefdyn check', 'prefdyn search' or 'prefdyn experiment' as one Apache Spark job: one task per",
        "work unit of the command's --shard split (check: statement x try; search: a block of 1000 margin",
        "evaluations; experiment: matrix x setting), merged by the code of 'prefdyn merge'. Prints the",
        "command's --json output (the same as the one-machine run with the same seed; timing keys aside).",
        "  --master URL  Spark master (default: spark.master if set, else local[*]); local[N] runs as",
        "                local[N," + LOCAL_MAX_FAILURES + "] so that a failed task is retried as on a cluster.",
        "  --tasks N     at most N Spark tasks (default: one per work unit); task i runs shard i/N.",
        "Exit codes: as the command (0; 1 violated / found; 2 bad input); 3 the Spark job failed.",
        "See docs/spark.md.",
        "");
  }
}
