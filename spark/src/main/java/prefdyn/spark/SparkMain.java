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
import prefdyn.cli.MergeCommand;
import prefdyn.io.ParseError;
import prefdyn.num.InvalidParameter;

/**
 * {@code prefdyn-spark COMMAND [--master URL] [--tasks N] [the command's options]}: runs
 * {@code check}, {@code search} or {@code experiment} as one Spark job whose tasks are the
 * command's shards ({@code --shard i/n}, docs/sharding.md) of its work units (check: statement x
 * try; search: a block of {@code Search.UNIT} evaluations; experiment: matrix x setting), by
 * default {@link #TASKS_PER_CORE} per core, at most one per unit. The driver collects the n shard
 * files and merges them with the core's own merge, so the output is the unsharded command's: its
 * table, or with {@code --json} its {@code --json} output, with its exit code (0, 1; 2 bad input,
 * one line, nothing on stdout).
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
    } catch (BadInput | InvalidParameter | ParseError e) {
      // the core's library errors name a parameter or a file; the driver's own checks are BadInput
      err.println(e instanceof BadInput ? e.getMessage() : "prefdyn-spark: " + e.getMessage());
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
    String mergedOut = null;
    if (command.equals("experiment")) {
      mergedOut = sub.matchedOptionValue("--out", (String) null);
      if (mergedOut == null) {
        throw new BadInput("prefdyn-spark experiment: give --out DIR (the merged folder: runs.csv, summary.csv, figures)");
      }
      coreArgs = withoutOption(coreArgs, "--out");
      Path target = Path.of(mergedOut);
      try {
        Files.createDirectories(target);
      } catch (IOException | RuntimeException e) {
        throw new BadInput("prefdyn-spark experiment: --out " + mergedOut + " cannot be created: " + e.getMessage());
      }
      if (!Files.isWritable(target)) {
        throw new BadInput("prefdyn-spark experiment: --out " + mergedOut + " is not writable");
      }
    }
    for (String excluded : List.of("--report", "--out")) {
      if (sub.hasMatchedOption(excluded) && !command.equals("experiment")) {
        throw new BadInput("prefdyn-spark " + command + ": " + excluded + " is not available on Spark yet (write the"
            + " --json output to a file instead)");
      }
    }
    preflight(coreArgs, command.equals("experiment"));
    long units = WorkUnits.count(command, sub);
    Integer wanted = inv.tasks();
    int inject = Integer.getInteger(ShardTask.INJECT_FAILURE, 0);
    String what = "prefdyn " + String.join(" ", coreArgs);
    String unitWord = WorkUnits.describe(command);
    String unitsText = units == Long.MAX_VALUE ? "the" : String.valueOf(units);

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

    List<ShardRun> runs;
    Progress progress;
    int count;
    long start = System.nanoTime();
    try (JavaSparkContext jsc = new JavaSparkContext(conf)) {
      jsc.setLogLevel("WARN");
      count = taskCount(units, wanted, jsc.defaultParallelism());
      err.printf(Locale.ROOT, "prefdyn-spark: %s as %d Spark task%s (shards i/%d of %s work units: %s) on %s%n", what,
          count, count == 1 ? "" : "s", count, unitsText, unitWord, master);
      err.flush();
      progress = new Progress(err, command, count);
      jsc.sc().addSparkListener(progress);
      jsc.setJobGroup("prefdyn-" + command, what + ": " + count + " shards of " + unitsText + " work units (" + unitWord + ")",
          false);
      List<Integer> shards = new ArrayList<>();
      for (int i = 1; i <= count; i++) {
        shards.add(i);
      }
      ShardTask task = new ShardTask(coreArgs.toArray(new String[0]), count, inject);
      JavaRDD<Integer> rdd = jsc.parallelize(shards, count)
          .setName("shards 1.." + count + " of " + what + " (" + unitWord + ")");
      JavaRDD<ShardRun> files = rdd.map(task).setName("shard files of " + what);
      try {
        runs = files.collect();
      } catch (RuntimeException e) {
        // the job failed after Spark's retries (SparkException: checked in Scala's eyes only)
        Throwable t = e;
        if (!(t instanceof SparkException) && !(t.getCause() instanceof SparkException)) {
          throw e;
        }
        err.println("prefdyn-spark " + command + ": the Spark job failed: " + firstLine(String.valueOf(t.getMessage())));
        err.flush();
        return new Outcome(3, count, progress.failed());
      }
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
    int code = merge(runs, mergedOut, inv.json(), seconds, out);
    return new Outcome(code, count, progress.failed());
  }

  /** What the core says of shard 0/1: proof that it accepted every other option before it. */
  static final String PREFLIGHT_SHARD = "0/1";

  /**
   * Validates the command line with the core itself before Spark starts, so that bad input is
   * the core's one-line message and exit 2 at once (not after the cluster has started): the core
   * is run with the impossible {@code --shard 0/1}, which it checks after every other option and
   * before any work. If it complains about anything else, that complaint is the answer.
   *
   * @throws BadInput with the core's message
   */
  static void preflight(List<String> coreArgs, boolean folder) {
    List<String> probe = new ArrayList<>(coreArgs);
    probe.add("--shard");
    probe.add(PREFLIGHT_SHARD);
    probe.add("--json");
    if (folder) {
      probe.add("--out");
      probe.add(System.getProperty("java.io.tmpdir"));
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
      code = Main.run(probe.toArray(new String[0]), o, e);
    }
    String message = err.toString();
    if (code == Main.BAD_INPUT && message.contains("--shard") && message.contains(PREFLIGHT_SHARD)) {
      return; // everything but the probe's own --shard was accepted
    }
    if (code == Main.BAD_INPUT) {
      throw new BadInput(firstLine(message));
    }
    throw new IllegalStateException("the core accepted --shard " + PREFLIGHT_SHARD + " (exit " + code + "): " + firstLine(message));
  }

  /**
   * Merges the shard files with the core's merge ({@link MergeCommand#merge}, the code of
   * {@code prefdyn merge}: it also rejects a missing or duplicated shard) and prints what the
   * one-machine command prints: its table (the job's {@code seconds} as the run's time), or its
   * {@code --json} output when {@code json}; returns its exit code.
   */
  static int merge(List<ShardRun> runs, @Nullable String mergedOut, boolean json, double seconds, PrintWriter out) {
    Path dir;
    try {
      dir = Files.createTempDirectory("prefdyn-spark-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      List<Path> files = new ArrayList<>();
      for (ShardRun r : runs) {
        Path f = dir.resolve(String.format(Locale.ROOT, "shard-%06d.json", r.shard()));
        Files.writeString(f, r.stdout(), StandardCharsets.UTF_8);
        files.add(f);
      }
      return MergeCommand.merge(files, mergedOut == null ? null : Path.of(mergedOut), json, seconds, out);
    } catch (BadInput e) {
      throw e.at("prefdyn-spark merge");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteTree(dir);
    }
  }

  static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temporary folder is harmless
    }
  }

  /** Tasks per cluster core when --tasks is not given: enough to balance uneven units, few enough to keep the per-task cost small. */
  static final int TASKS_PER_CORE = 4;

  /**
   * The number of tasks (shards): --tasks N, else {@value #TASKS_PER_CORE} per core of the
   * cluster (Spark's default parallelism), never more than the work units. Any number gives the
   * same merged result; it only sets the granularity of scheduling and of retries.
   */
  static int taskCount(long units, @Nullable Integer wanted, int parallelism) {
    long n = wanted != null ? wanted : (long) TASKS_PER_CORE * Math.max(1, parallelism);
    n = Math.max(1, Math.min(units, n));
    return (int) Math.min(n, 1_000_000L);
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

  /** The arguments without {@code name VALUE} and {@code name=VALUE}. */
  static List<String> withoutOption(List<String> args, String name) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals(name)) {
        i++;
      } else if (!a.startsWith(name + "=")) {
        out.add(a);
      }
    }
    return out;
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
        "Runs 'prefdyn check', 'prefdyn search' or 'prefdyn experiment' as one Apache Spark job whose tasks",
        "are the shards of the command's --shard split of its work units (check: statement x try; search:",
        "blocks of 1000 margin evaluations; experiment: matrix x setting), merged by the code of 'prefdyn",
        "merge'. Prints what the one-machine command prints with the same seed (its table, or its --json",
        "output with --json; times aside); experiment needs --out DIR and writes the merged folder there.",
        "  --master URL  Spark master (default: spark.master if set, else local[*]); local[N] runs as",
        "                local[N," + LOCAL_MAX_FAILURES + "] so that a failed task is retried as on a cluster.",
        "  --tasks N     the number of Spark tasks, at most one per work unit (default: " + TASKS_PER_CORE
            + " per core); task i",
        "                runs shard i/N, the work units u with u mod N = i - 1.",
        "Exit codes: as the command (0; 1 violated / found; 2 bad input); 3 the Spark job failed.",
        "See docs/spark.md.",
        "");
  }
}
