package prefdyn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
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
import prefdyn.search.Escalation;
import prefdyn.search.Search;
import prefdyn.search.SearchResult;
import prefdyn.search.Shard;
import prefdyn.shard.ShardFiles;

/** {@code prefdyn search}: targeted counterexample search on a conjecture. */
@Command(name = "search",
    header = "Targeted counterexample search for a conjecture, with exact re-verification and shrinking.", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Hunts for a counterexample to a conjecture of the catalogue (docs/theory.md section 4b): random "
          + "restarts drawn from its hypotheses, then simulated annealing on its margin with exact local "
          + "moves (matrix entries with P_ji = 1 - P_ij, mass between coordinates of distributions, "
          + "scalar nudges), each kept only when the hypotheses still hold.",
      "",
      "A counterexample is certified before it is printed: its margin is exact and violated, or an enclosure "
          + "that provably contains the true margin lies on the failing side (hi < 0; hi <= 0 for a strict "
          + "statement); an undecided candidate is re-checked at doubled digits up to --max-digits. It is then "
          + "shrunk toward small K and simple fractions (each step certified the same way). The same --seed "
          + "finds the same counterexample.",
      ""
    },
    footer = {"", "Exit codes: 0 no counterexample within the budget; 1 a counterexample was found; "
        + "2 bad input (unknown conjecture ID, --budget < 1, unwritable --out)."})
public final class SearchCommand implements Callable<Integer> {
  static final long DEFAULT_BUDGET = 20_000;

  @Mixin Common common = new Common();

  @Option(names = "--list", description = "List the conjecture IDs with their one-line statements.")
  boolean list;

  @Option(names = "--conjecture", paramLabel = "ID", description = "The conjecture to search (see --list).")
  @Nullable String conjecture;

  @Option(names = "--budget", paramLabel = "N", defaultValue = "" + DEFAULT_BUDGET,
      description = "Margin evaluations for the search, not counting re-verification and shrinking (default: ${DEFAULT-VALUE}).")
  long budget = DEFAULT_BUDGET;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed = 1;

  @Mixin SharedOptions.Batch batch = new SharedOptions.Batch();

  @Option(names = "--out", paramLabel = "DIR",
      description = "Also write the result as JSON to DIR/search-ID-seed-S.json (atomically).")
  @Nullable Path out;

  @Override
  public Integer call() {
    PrintWriter stdout = common.out();
    if (list) {
      if (conjecture != null) {
        throw new BadInput("--list and --conjecture exclude each other");
      }
      printList(stdout);
      return 0;
    }
    String id = conjecture;
    if (id == null) {
      throw new BadInput("give --conjecture ID (one of " + String.join(", ", ids()) + ") or --list");
    }
    Statement s = Catalogue.byId(id).filter(x -> x.kind() == Kind.CONJECTURE).orElseThrow(() ->
        new BadInput("--conjecture " + id + " is not a conjecture; valid IDs: " + String.join(", ", ids())));
    if (budget < 1) {
      throw new BadInput("--budget must be at least 1, got " + budget);
    }
    Precision precision = common.precision();
    int maxDigits = batch.maxDigits(precision); // bad --max-digits: exit 2 before any output
    Path outDir = out;
    Shard part = batch.shard();
    if (part != null && outDir != null) {
      throw new BadInput("--out and --shard exclude each other (merge the shards instead)");
    }
    if (outDir != null) {
      OutDirs.probeWritable(outDir, "--out");
    }
    PrintWriter err = common.err();
    Progress progress = new Progress(err, id);
    Search.Options options = new Search.Options(budget, seed, precision, 4000, maxDigits);
    if (part != null) {
      return runShard(s, options, part, progress);
    }
    SearchResult r = Search.run(s, options, progress);
    progress.done();
    Summary summary = Summary.of(r);
    Map<String, @Nullable Object> json = toJson(summary, precision);
    if (outDir != null) {
      Path file = outDir.resolve("search-" + id + "-seed-" + seed + ".json");
      Output.writeAtomically(file, (Output.json(json) + "\n").getBytes(StandardCharsets.UTF_8));
      err.println("prefdyn search: written " + file);
      err.flush();
    }
    print(stdout, s, summary, precision, common.json());
    return r.found() ? Main.VIOLATED : 0;
  }

  private static List<String> ids() {
    List<String> out = new ArrayList<>();
    for (Statement s : Catalogue.all()) {
      if (s.kind() == Kind.CONJECTURE) {
        out.add(s.id());
      }
    }
    return out;
  }

  private void printList(PrintWriter stdout) {
    List<Statement> cs = Catalogue.all().stream().filter(s -> s.kind() == Kind.CONJECTURE).toList();
    if (common.json()) {
      List<Map<String, String>> json = new ArrayList<>();
      for (Statement s : cs) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("statement", s.title());
        json.add(m);
      }
      Output.printJson(stdout, json);
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    for (Statement s : cs) {
      rows.add(List.of(s.id(), s.title()));
    }
    stdout.print(Output.table(List.of("ID", "statement"), rows));
    stdout.flush();
  }

  /**
   * What a search printed (one shape for a run and a merge): instances as their descriptions,
   * the margins, the counts and the shrinking.
   */
  record Summary(String id, boolean found, @Nullable Object counterexample, @Nullable Margin margin, @Nullable Object closest,
      @Nullable Margin closestMargin, long seed, long budget, long evaluations, long restarts, @Nullable Object shrunkFrom,
      @Nullable Margin shrunkFromMargin, int shrinkSteps, long shrinkEvaluations, int verifiedAtDigits, double seconds) {
    static Summary of(SearchResult r) {
      return new Summary(r.id(), r.found(), describe(r.counterexample()), r.margin(), describe(r.closest()), r.closestMargin(),
          r.seed(), r.budget(), r.evaluations(), r.restarts(), describe(r.unshrunk()), r.unshrunkMargin(), r.shrinkSteps(),
          r.shrinkEvaluations(), r.verifiedAtDigits(), r.seconds());
    }
  }

  static Map<String, @Nullable Object> toJson(SearchResult r, Precision precision) {
    return toJson(Summary.of(r), precision);
  }

  /** Prints a search's answer: the {@code --json} object, or the human lines followed by that object. */
  static void print(PrintWriter out, Statement s, Summary summary, Precision precision, boolean json) {
    if (json) {
      Output.printJson(out, toJson(summary, precision));
      return;
    }
    out.print(human(s, summary, precision));
    out.println(Output.json(toJson(summary, precision)));
    out.flush();
  }

  private static @Nullable Object describe(@Nullable Instance x) {
    return x == null ? null : x.describe();
  }

  /** The {@code --json} object (one definition for a run and a merge). */
  private static Map<String, @Nullable Object> toJson(Summary r, Precision precision) {
    boolean found = r.found();
    @Nullable Object cx = r.counterexample();
    @Nullable Margin margin = r.margin();
    @Nullable Object near = r.closest();
    @Nullable Margin cm = r.closestMargin();
    @Nullable Object raw = r.shrunkFrom();
    @Nullable Margin rawMargin = r.shrunkFromMargin();
    int verifiedAtDigits = r.verifiedAtDigits();
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("conjecture", r.id());
    m.put("found", found);
    if (found && cx != null && margin != null) {
      m.put("counterexample", cx);
      m.put("margin", margin.format(precision));
      m.put("enclosure", List.of(margin.enclosureText(precision.digits())));
      m.put("strict", margin.strict());
      m.put("marginDetail", margin.detail());
    } else {
      m.put("counterexample", null);
      m.put("margin", cm == null ? null : cm.format(precision));
      m.put("enclosure", cm == null ? null : List.of(cm.enclosureText(precision.digits())));
      if (near != null && cm != null) {
        m.put("closest", near);
        m.put("marginDetail", cm.detail());
      }
    }
    // counts are JSON integers (as "k" and "tries" in docs/cli.md); the seed is a string, as in check,
    // so that 64-bit seeds survive JSON readers that parse numbers as doubles
    m.put("seed", String.valueOf(r.seed()));
    m.put("budget", r.budget());
    m.put("evaluations", r.evaluations());
    m.put("restarts", r.restarts());
    if (found) {
      if (raw != null) {
        m.put("shrunkFrom", raw);
      }
      if (rawMargin != null) {
        m.put("shrunkFromMargin", rawMargin.format(precision));
      }
      m.put("shrinkSteps", r.shrinkSteps());
      m.put("shrinkEvaluations", r.shrinkEvaluations());
      m.put("verifiedAtDigits", verifiedAtDigits == 0 ? "exact" : String.valueOf(verifiedAtDigits));
    }
    m.put("digits", precision.digits());
    m.put("seconds", String.format(Locale.ROOT, "%.3f", r.seconds()));
    return m;
  }

  private Integer runShard(Statement s, Search.Options options, Shard part, Progress progress) {
    List<Search.UnitResult> units = Search.runShard(s, options, part, progress);
    progress.done();
    List<Map<String, @Nullable Object>> json = new ArrayList<>();
    for (Search.UnitResult u : units) {
      Map<String, @Nullable Object> m = new LinkedHashMap<>();
      m.put("unit", u.index());
      m.put("evaluations", u.evaluations());
      m.put("restarts", u.restarts());
      m.put("found", u.found());
      Margin cm = u.closestMargin();
      m.put("closestMargin", cm == null ? null : ShardFiles.margin(cm));
      m.put("closest", describe(u.closest()));
      if (u.found()) {
        Margin margin = u.margin();
        Margin rawMargin = u.unshrunkMargin();
        m.put("counterexample", describe(u.counterexample()));
        m.put("margin", margin == null ? null : ShardFiles.margin(margin));
        m.put("shrunkFrom", describe(u.unshrunk()));
        m.put("shrunkFromMargin", rawMargin == null ? null : ShardFiles.margin(rawMargin));
        m.put("shrinkSteps", u.shrinkSteps());
        m.put("shrinkEvaluations", u.shrinkEvaluations());
        m.put("verifiedAtDigits", u.verifiedAtDigits());
      }
      json.add(m);
    }
    Map<String, @Nullable Object> file = new LinkedHashMap<>();
    file.put("shard", ShardFiles.header("search", shardSettings(s, options), part));
    file.put("units", json);
    Output.printJson(common.out(), file);
    return 0;
  }

  /** Everything that affects a search's result (the shard header's settings). */
  private static Map<String, @Nullable Object> shardSettings(Statement s, Search.Options o) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("conjecture", s.id());
    m.put("seed", String.valueOf(o.seed()));
    m.put("budget", o.budget());
    m.put("digits", o.precision().digits());
    m.put("maxDigits", o.escalation().capDigits());
    m.put("shrinkBudget", o.shrinkBudget());
    m.put("unit", Search.UNIT);
    return m;
  }

  /** A unit read back from a shard file. */
  private record FileUnit(long index, long evaluations, long restarts, boolean found, @Nullable Margin closestMargin,
      JsonNode node) implements Search.UnitView {}

  private static @Nullable Margin marginOrNull(JsonNode n) {
    return n.isMissingNode() || n.isNull() ? null : ShardFiles.margin(n);
  }

  private static @Nullable JsonNode nodeOrNull(JsonNode n) {
    return n.isMissingNode() || n.isNull() ? null : n;
  }

  /**
   * Merges validated search shards into the unsharded search's answer and prints it as that run
   * does ({@link #print}; {@code seconds} as its time); returns the exit code.
   */
  static int merge(List<ShardFiles.File> files, boolean json, double seconds, PrintWriter out) {
    JsonNode settings = files.get(0).settings();
    String id = settings.path("conjecture").asText();
    long budget = settings.path("budget").asLong();
    if (settings.path("unit").asLong() != Search.UNIT) {
      throw new BadInput("the shards were made with work units of " + settings.path("unit") + " evaluations, this"
          + " version uses " + Search.UNIT);
    }
    Precision precision = Precision.ofDigits(settings.path("digits").asInt());
    TreeMap<Long, FileUnit> byIndex = new TreeMap<>();
    for (ShardFiles.File f : files) {
      for (JsonNode u : f.units()) {
        long index = u.path("unit").asLong(-1);
        if (!f.shard().owns(index)) {
          throw new BadInput(f.path() + " holds unit " + index + ", which is not shard " + f.shard() + "'s");
        }
        byIndex.put(index, new FileUnit(index, u.path("evaluations").asLong(), u.path("restarts").asLong(),
            u.path("found").asBoolean(), marginOrNull(u.path("closestMargin")), u));
      }
    }
    List<FileUnit> units = new ArrayList<>(byIndex.values());
    Search.Combined c = Search.combine(units, budget);
    FileUnit f = c.found() >= 0 ? units.get(c.found()) : null;
    FileUnit near = c.closest() >= 0 ? units.get(c.closest()) : null;
    Summary summary;
    if (f != null) {
      JsonNode n = f.node();
      summary = new Summary(id, true, nodeOrNull(n.path("counterexample")), marginOrNull(n.path("margin")),
          nodeOrNull(n.path("counterexample")), marginOrNull(n.path("margin")), Long.parseLong(settings.path("seed").asText()),
          budget, c.evaluations(), c.restarts(), nodeOrNull(n.path("shrunkFrom")), marginOrNull(n.path("shrunkFromMargin")),
          n.path("shrinkSteps").asInt(), n.path("shrinkEvaluations").asLong(), n.path("verifiedAtDigits").asInt(), seconds);
    } else {
      summary = new Summary(id, false, null, null, near == null ? null : nodeOrNull(near.node().path("closest")),
          near == null ? null : near.closestMargin(), Long.parseLong(settings.path("seed").asText()), budget,
          c.evaluations(), c.restarts(), null, null, 0, 0, -1, seconds);
    }
    print(out, Catalogue.require(id), summary, precision, json);
    return f != null ? Main.VIOLATED : 0;
  }

  private static String human(Statement s, Summary r, Precision precision) {
    StringBuilder sb = new StringBuilder();
    sb.append(s.id()).append(": ").append(s.title()).append('\n');
    Margin margin = r.margin();
    if (r.found() && margin != null) {
      sb.append(String.format(Locale.ROOT, "counterexample found after %d evaluations (%d restarts, %.1f s), shrunk in %d steps;%n",
          r.evaluations(), r.restarts(), r.seconds(), r.shrinkSteps()));
      sb.append("margin ").append(margin.format(precision)).append(" (").append(margin.detail()).append("), ")
          .append(r.verifiedAtDigits() == 0 ? "exact" : "certified by the enclosure " + margin.formatEnclosure(precision.digits())
              + " at " + r.verifiedAtDigits() + " digits").append('\n');
    } else {
      Margin cm = r.closestMargin();
      sb.append(String.format(Locale.ROOT, "no counterexample within %d evaluations (%d restarts, %.1f s); smallest margin seen: %s%n",
          r.evaluations(), r.restarts(), r.seconds(), cm == null ? "-" : cm.format(precision)));
    }
    return sb.toString();
  }

  /** Progress on stderr ({@link StatusLine}): evaluations done, the smallest margin so far, the time. */
  static final class Progress implements Search.Progress {
    private final StatusLine line;
    private final String id;

    Progress(PrintWriter err, String id) {
      this.line = new StatusLine(err);
      this.id = id;
    }

    @Override
    public void update(long evaluations, long budget, double best) {
      if (line.due(false)) {
        line.show("search %s: %d/%d evaluations, smallest margin %.3g, %.0f s", id, evaluations, budget, best, line.seconds());
      }
    }

    void done() {
      line.clear();
    }
  }
}
