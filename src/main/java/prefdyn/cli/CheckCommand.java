package prefdyn.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import prefdyn.catalogue.Catalogue;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Kind;
import prefdyn.catalogue.Margin;
import prefdyn.catalogue.Statement;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.search.CheckResult;
import prefdyn.search.CheckRunner;
import prefdyn.catalogue.Verdict;
import prefdyn.search.Escalation;
import prefdyn.search.Shard;
import prefdyn.search.TryOutcome;
import prefdyn.shard.ShardFiles;

/** {@code prefdyn check}: runs the theorem catalogue on drawn instances. */
@Command(name = "check",
    header = "Check the theorem catalogue on generated instances (the main job: no flags).", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Checks catalogue statements on instances drawn from their hypotheses (the jqwik generators), "
          + "with a reproducible seed per statement. Without --theorem: every statement that is not a "
          + "conjecture (the project's main job). Prints a table (ID, statement, tries, status, smallest "
          + "margin, time); an entry that does not hold prints the instance and how to reproduce it.",
      "",
      "Every margin is an enclosure [lo, hi] that provably contains the true margin (exact margins: lo = hi). "
          + "Status: holds (every margin certified: lo > 0, or lo >= 0 for a non-strict statement), violated "
          + "(some margin certified on the failing side: hi < 0, or hi <= 0 for a strict statement), undecided "
          + "(some enclosure still straddles the boundary at the cap, or no enclosure was obtained: a solver "
          + "failed, the check threw), error (the statement's generator is broken).",
      "",
      "An undecided margin is re-checked automatically at doubled digits (D, 2D, 4D, ...) up to --max-digits "
          + "(default: min(8D, 4000), at least D); the table shows the enclosure of the smallest margin and, "
          + "when digits were raised, where it was decided.",
      ""
    },
    footer = {"", "Exit codes: 0 everything holds; 1 something is violated, undecided or in error "
        + "(undecided counts as not holding); 2 bad input (unknown ID, --tries < 1, --max-digits < --digits, "
        + "unwritable --report)."})
public final class CheckCommand implements Callable<Integer> {
  /** The main job's fixed seed (the paper's arXiv number). */
  static final long DEFAULT_SEED = 2602_12180L;

  @Mixin Common common = new Common();

  @Option(names = "--list", description = "List every catalogue statement (ID, kind: paper / proved / empirical / conjecture, one-line statement) and exit.")
  boolean list;

  @Option(names = "--theorem", paramLabel = "ID",
      description = "Check only this statement (repeatable); conjectures may be named too. Default: every non-conjecture.")
  List<String> theorems = new ArrayList<>();

  @Option(names = "--tries", paramLabel = "N",
      description = "Instances per statement. Default: each statement's own fixed default (the run does not"
          + " depend on the machine's speed).")
  @Nullable Integer tries;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "" + DEFAULT_SEED,
      description = "Seed of the run; each statement's draws depend only on it and the ID (default: ${DEFAULT-VALUE}).")
  long seed = DEFAULT_SEED;

  @Option(names = "--threads", paramLabel = "T", defaultValue = "2",
      description = "Statements checked in parallel (default: ${DEFAULT-VALUE}); results do not depend on it.")
  int threads = 2;

  @Mixin SharedOptions.Batch batch = new SharedOptions.Batch();

  @Option(names = "--report", paramLabel = "DIR",
      description = "Also write DIR/report.md with the table and PNG figures (smallest margins, times).")
  @Nullable Path report;

  @Override
  public Integer call() {
    if (list) {
      printList(common.out());
      return 0;
    }
    Precision precision = common.precision();
    int maxDigits = batch.maxDigits(precision); // bad --max-digits: exit 2 before any output
    if (tries != null && tries < 1) {
      throw new BadInput("--tries must be at least 1, got " + tries);
    }
    if (threads < 1 || threads > 64) {
      throw new BadInput("--threads must be between 1 and 64, got " + threads);
    }
    List<Statement> statements = selected();
    Shard part = batch.shard();
    if (part != null) {
      if (report != null) {
        throw new BadInput("--report and --shard exclude each other (merge the shards, then report)");
      }
      return runShard(statements, new CheckRunner.Options(tries, seed, precision, threads, maxDigits), part);
    }
    Path reportDir = report;
    if (reportDir != null) {
      OutDirs.probeWritable(reportDir, "--report");
    }
    CheckRunner.Options options = new CheckRunner.Options(tries, seed, precision, threads, maxDigits);
    PrintWriter err = common.err();
    ProgressLine progress = new ProgressLine(err, statements.size());
    long start = System.nanoTime();
    List<CheckResult> results = CheckRunner.run(statements, options, progress);
    progress.done();
    double total = (System.nanoTime() - start) / 1e9;
    print(common.out(), results, precision, seed, total, common.json());
    if (reportDir != null) {
      CheckReport.write(reportDir, results, precision, seed, total, commandLine());
      err.println("prefdyn check: report written to " + reportDir.resolve("report.md"));
      err.flush();
    }
    return results.stream().allMatch(CheckResult::holds) ? 0 : Main.VIOLATED;
  }

  private Integer runShard(List<Statement> statements, CheckRunner.Options options, Shard part) {
    PrintWriter err = common.err();
    ProgressLine progress = new ProgressLine(err, statements.size());
    List<CheckRunner.StatementShard> parts = CheckRunner.runShard(statements, options, part, progress);
    progress.done();
    List<Map<String, @Nullable Object>> units = new ArrayList<>();
    for (CheckRunner.StatementShard p : parts) {
      Map<String, @Nullable Object> u = new LinkedHashMap<>();
      u.put("id", p.statement().id());
      u.put("plannedTries", p.plannedTries());
      u.put("firstUnit", p.firstUnit());
      List<Map<String, @Nullable Object>> outcomes = new ArrayList<>();
      for (TryOutcome o : p.outcomes()) {
        outcomes.add(ShardFiles.outcome(o));
      }
      u.put("tries", outcomes);
      units.add(u);
    }
    Map<String, @Nullable Object> file = new LinkedHashMap<>();
    file.put("shard", ShardFiles.header("check", shardSettings(statements, options), part));
    file.put("units", units);
    Output.printJson(common.out(), file);
    return 0;
  }

  /** Everything that affects a check's results (the shard header's settings). */
  private static Map<String, @Nullable Object> shardSettings(List<Statement> statements, CheckRunner.Options options) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("seed", String.valueOf(options.seed()));
    m.put("tries", options.tries());
    m.put("digits", options.precision().digits());
    m.put("maxDigits", options.escalation().capDigits());
    m.put("statements", statements.stream().map(Statement::id).toList());
    return m;
  }

  /**
   * Prints the results as the run does: the {@code --json} rows, or the table, the summary line
   * ({@code total} seconds) and the details of each statement that does not hold.
   */
  static void print(PrintWriter out, List<CheckResult> results, Precision precision, long seed, double total, boolean json) {
    if (json) {
      List<Map<String, @Nullable Object>> rows = new ArrayList<>();
      for (CheckResult r : results) {
        rows.add(toJson(r, precision));
      }
      Output.printJson(out, rows);
      return;
    }
    out.print(table(results, precision));
    long held = results.stream().filter(CheckResult::holds).count();
    out.printf(Locale.ROOT, "%d of %d statements hold (seed %d, %d digits, %.1f s)%n",
        held, results.size(), seed, precision.digits(), total);
    for (CheckResult r : results) {
      if (!r.holds()) {
        out.println();
        out.print(details(r, precision));
      }
    }
    out.flush();
  }

  /**
   * Merges validated check shards into the unsharded run's results and prints them as that run
   * does ({@link #print}: {@code json}, or the table with {@code seconds} as the run's time);
   * returns the exit code the unsharded run would give.
   */
  static int merge(List<ShardFiles.File> files, boolean json, double seconds, PrintWriter out) {
    com.fasterxml.jackson.databind.JsonNode settings = files.get(0).settings();
    Precision precision;
    CheckRunner.Options options;
    List<Statement> statements = new ArrayList<>();
    try {
      precision = Precision.ofDigits(settings.path("digits").asInt());
      Integer t = settings.path("tries").isNull() ? null : settings.path("tries").asInt();
      options = new CheckRunner.Options(t, Long.parseLong(settings.path("seed").asText()), precision, 1,
          settings.path("maxDigits").asInt());
      for (com.fasterxml.jackson.databind.JsonNode id : settings.path("statements")) {
        statements.add(Catalogue.require(id.asText()));
      }
    } catch (NumberFormatException e) {
      throw new BadInput("the shard header is malformed: " + e.getMessage());
    }
    Map<String, List<TryOutcome>> outcomes = new LinkedHashMap<>();
    Map<String, Integer> planned = new LinkedHashMap<>();
    for (Statement s : statements) {
      outcomes.put(s.id(), new ArrayList<>());
    }
    for (ShardFiles.File f : files) {
      for (com.fasterxml.jackson.databind.JsonNode u : f.units()) {
        String id = u.path("id").asText();
        List<TryOutcome> list = outcomes.get(id);
        if (list == null) {
          throw new BadInput(f.path() + " has results for " + id + ", which its header does not select");
        }
        planned.put(id, u.path("plannedTries").asInt());
        for (com.fasterxml.jackson.databind.JsonNode o : u.path("tries")) {
          list.add(ShardFiles.outcome(o));
        }
      }
    }
    List<CheckResult> results = new ArrayList<>();
    for (Statement s : statements) {
      Integer n = planned.get(s.id());
      if (n == null) {
        throw new BadInput("no shard has results for " + s.id());
      }
      results.add(CheckRunner.merge(s, options, n, outcomes.getOrDefault(s.id(), List.of())));
    }
    print(out, results, precision, options.seed(), seconds, json);
    return results.stream().allMatch(CheckResult::holds) ? 0 : Main.VIOLATED;
  }

  private void printList(PrintWriter out) {
    List<List<String>> rows = new ArrayList<>();
    List<Map<String, @Nullable Object>> json = new ArrayList<>();
    for (Statement s : Catalogue.all()) {
      rows.add(List.of(s.id(), s.kind().label(), s.title()));
      Map<String, @Nullable Object> m = new LinkedHashMap<>();
      m.put("id", s.id());
      m.put("kind", s.kind().label());
      m.put("statement", s.title());
      m.put("proofNote", s.proofNote());
      m.put("tries", s.defaultTries());
      m.put("builtIn", Catalogue.builtInStatements().contains(s));
      json.add(m);
    }
    if (common.json()) {
      Output.printJson(out, json);
    } else {
      out.print(Output.table(List.of("ID", "kind", "statement"), rows));
      out.flush();
    }
  }

  private List<Statement> selected() {
    if (theorems.isEmpty()) {
      return Catalogue.all().stream().filter(s -> s.kind() != Kind.CONJECTURE).toList();
    }
    List<Statement> out = new ArrayList<>();
    for (String id : new LinkedHashSet<>(theorems)) {
      out.add(Catalogue.require(id));
    }
    return out;
  }

  private String commandLine() {
    StringBuilder sb = new StringBuilder("prefdyn check");
    for (String t : theorems) {
      sb.append(" --theorem ").append(t);
    }
    if (tries != null) {
      sb.append(" --tries ").append(tries);
    }
    sb.append(" --seed ").append(seed).append(" --digits ").append(common.digits);
    Integer maxDigits = batch.maxDigitsGiven();
    if (maxDigits != null) {
      sb.append(" --max-digits ").append(maxDigits);
    }
    return sb.toString();
  }

  static String table(List<CheckResult> results, Precision precision) {
    List<List<String>> rows = new ArrayList<>();
    for (CheckResult r : results) {
      rows.add(List.of(r.statement().id(), shorten(r.statement().title(), 56), triesText(r),
          r.status().label(), shortMargin(r.minMargin()), digitsText(r), String.format(Locale.ROOT, "%.1f s", r.seconds())));
    }
    return Output.table(List.of("ID", "statement", "tries", "status", "smallest margin [enclosure]", "digits", "time"), rows);
  }

  static String triesText(CheckResult r) {
    return r.tries() == r.plannedTries() ? String.valueOf(r.tries())
        : r.tries() + " (of " + r.plannedTries() + ")";
  }

  /** The digits column: the requested digits, "→ D" when some margin needed raising, "cap D" when undecided there. */
  static String digitsText(CheckResult r) {
    if (r.capReached()) {
      return r.requestedDigits() + ", cap " + r.capDigits();
    }
    if (r.decidedDigits() > r.requestedDigits()) {
      return r.requestedDigits() + " → " + r.decidedDigits();
    }
    return String.valueOf(r.requestedDigits());
  }

  /** Significant digits of the ends in the table. */
  static final int TABLE_DIGITS = 4;

  /**
   * A margin short enough for a table cell: an exact value as it is when short (else 6 digits and
   * "(exact)"); an enclosure as [lo, hi] outward rounded to {@value #TABLE_DIGITS} digits.
   */
  static String shortMargin(@Nullable Margin m) {
    if (m == null) {
      return "-";
    }
    if (m.isExact()) {
      String full = Rationals.format(m.value());
      return (full.length() <= 16 ? full : m.formatCertified(6)) + " (exact)";
    }
    return m.formatEnclosure(TABLE_DIGITS);
  }

  static String shorten(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }

  static String details(CheckResult r, Precision precision) {
    StringBuilder sb = new StringBuilder();
    String id = r.statement().id();
    sb.append(id).append(' ').append(r.status().label()).append(": ").append(r.message()).append('\n');
    Instance x = r.offending();
    if (x != null) {
      sb.append("  instance: ").append(oneLineJson(x.describe())).append('\n');
    }
    Margin om = r.offendingMargin();
    if (om != null) {
      sb.append("  margin:   ").append(om.format(precision)).append("  enclosure ")
          .append(om.formatEnclosure(precision.digits())).append('\n');
    }
    if (r.offendingTry() >= 0) {
      sb.append("  reproduce: prefdyn check --theorem ").append(id).append(" --seed ").append(r.runSeed())
          .append(" --tries ").append(r.offendingTry() + 1).append(" --digits ").append(precision.digits())
          .append(r.capDigits() == Escalation.defaultCap(precision.digits()) ? "" : " --max-digits " + r.capDigits())
          .append("   (try ").append(r.offendingTry()).append(", draw seed ").append(r.offendingSeed()).append(")\n");
    }
    return sb.toString();
  }

  static String oneLineJson(Object value) {
    return Output.json(value).replaceAll("\\s*\\R\\s*", " ");
  }

  static Map<String, @Nullable Object> toJson(CheckResult r, Precision precision) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    Margin min = r.minMargin();
    m.put("id", r.statement().id());
    m.put("status", r.status().label());
    m.put("tries", r.tries());
    m.put("minMargin", min == null ? null : min.format(precision));
    m.put("enclosure", min == null ? null : List.of(min.enclosureText(precision.digits())));
    m.put("strict", min == null ? null : min.strict());
    m.put("statement", r.statement().title());
    m.put("kind", r.statement().kind().label());
    m.put("plannedTries", r.plannedTries());
    m.put("digits", r.requestedDigits());
    m.put("decidedDigits", r.decidedDigits());
    m.put("maxDigits", r.capDigits());
    m.put("capReached", r.capReached());
    m.put("raisedTries", r.raisedTries());
    m.put("undecidedTries", r.undecidedTries());
    m.put("seconds", String.format(Locale.ROOT, "%.3f", r.seconds()));
    m.put("seed", String.valueOf(r.runSeed()));
    if (min != null && !min.reason().isEmpty()) {
      m.put("reason", min.reason());
    }
    if (!r.holds()) {
      m.put("message", r.message());
      Instance x = r.offending();
      if (x != null) {
        m.put("instance", x.describe());
      }
      Margin om = r.offendingMargin();
      if (om != null) {
        m.put("margin", om.format(precision));
        m.put("marginEnclosure", List.of(om.enclosureText(precision.digits())));
      }
      m.put("try", r.offendingTry());
      m.put("drawSeed", String.valueOf(r.offendingSeed()));
    }
    return m;
  }

  /**
   * Progress on stderr ({@link StatusLine}): on a terminal the statement and try being checked,
   * and a line per finished statement (in place on a terminal). Called from the checking threads.
   */
  static final class ProgressLine implements CheckRunner.Progress {
    private final StatusLine line;
    private final int total;
    private int finished;

    ProgressLine(PrintWriter err, int total) {
      this.line = new StatusLine(err);
      this.total = total;
    }

    @Override
    public synchronized void tried(Statement statement, int done, int planned) {
      if (line.terminal() && line.due(false)) {
        line.show("check [%d/%d] %s %d/%d", finished, total, statement.id(), done, planned);
      }
    }

    @Override
    public synchronized void finished(CheckResult r) {
      finished++;
      line.show("check [%d/%d] %s %s (%d tries, %.1f s)", finished, total, r.statement().id(), r.status().label(), r.tries(),
          r.seconds());
    }

    synchronized void done() {
      line.clear();
    }
  }
}
