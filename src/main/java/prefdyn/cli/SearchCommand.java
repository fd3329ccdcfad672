package prefdyn.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
import prefdyn.catalogue.Catalogue;
import prefdyn.catalogue.Instance;
import prefdyn.catalogue.Kind;
import prefdyn.catalogue.Margin;
import prefdyn.catalogue.Statement;
import prefdyn.num.BadInput;
import prefdyn.num.Precision;
import prefdyn.search.Search;
import prefdyn.search.SearchResult;

/** {@code prefdyn search}: targeted counterexample search on a conjecture. */
@Command(name = "search",
    header = "Targeted counterexample search for a conjecture, with exact re-verification and shrinking.", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Hunts for a counterexample to a conjecture of the catalogue (theory.md section 4b): random "
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

  @Spec @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  CommandSpec spec;

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

  @Option(names = "--max-digits", paramLabel = "M",
      description = "Cap for re-checking an undecided candidate at doubled digits. Default: min(8 x --digits, 4000),"
          + " at least --digits.")
  @Nullable Integer maxDigits;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Also write the result as JSON to DIR/search-ID-seed-S.json (atomically).")
  @Nullable Path out;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
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
    prefdyn.search.Escalation.of(precision, maxDigits == null ? 0 : maxDigits); // bad --max-digits: exit 2 before any output
    Path outDir = out;
    if (outDir != null) {
      OutDirs.probeWritable(outDir, "--out");
    }
    PrintWriter err = spec.commandLine().getErr();
    Progress progress = new Progress(err, id);
    Search.Options options = new Search.Options(budget, seed, precision, 4000, maxDigits == null ? 0 : maxDigits);
    SearchResult r = Search.run(s, options, progress);
    progress.done();
    Map<String, @Nullable Object> json = toJson(r, precision);
    if (outDir != null) {
      Path file = outDir.resolve("search-" + id + "-seed-" + seed + ".json");
      Output.writeAtomically(file, (Output.json(json) + "\n").getBytes(StandardCharsets.UTF_8));
      err.println("prefdyn search: written " + file);
      err.flush();
    }
    if (common.json()) {
      Output.printJson(stdout, json);
    } else {
      stdout.print(human(s, r, precision));
      stdout.println(Output.json(json));
      stdout.flush();
    }
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

  static Map<String, @Nullable Object> toJson(SearchResult r, Precision precision) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("conjecture", r.id());
    m.put("found", r.found());
    Instance cx = r.counterexample();
    Margin margin = r.margin();
    if (r.found() && cx != null && margin != null) {
      m.put("counterexample", cx.describe());
      m.put("margin", margin.format(precision));
      m.put("enclosure", List.of(margin.enclosureText(precision.digits())));
      m.put("strict", margin.strict());
      m.put("marginDetail", margin.detail());
    } else {
      m.put("counterexample", null);
      Margin cm = r.closestMargin();
      m.put("margin", cm == null ? null : cm.format(precision));
      m.put("enclosure", cm == null ? null : List.of(cm.enclosureText(precision.digits())));
      Instance near = r.closest();
      if (near != null && cm != null) {
        m.put("closest", near.describe());
        m.put("marginDetail", cm.detail());
      }
    }
    // counts are JSON integers (as "k" and "tries" in cli.md); the seed is a string, as in check,
    // so that 64-bit seeds survive JSON readers that parse numbers as doubles
    m.put("seed", String.valueOf(r.seed()));
    m.put("budget", r.budget());
    m.put("evaluations", r.evaluations());
    m.put("restarts", r.restarts());
    if (r.found()) {
      Instance raw = r.unshrunk();
      Margin rawMargin = r.unshrunkMargin();
      if (raw != null) {
        m.put("shrunkFrom", raw.describe());
      }
      if (rawMargin != null) {
        m.put("shrunkFromMargin", rawMargin.format(precision));
      }
      m.put("shrinkSteps", r.shrinkSteps());
      m.put("shrinkEvaluations", r.shrinkEvaluations());
      m.put("verifiedAtDigits", r.verifiedAtDigits() == 0 ? "exact" : String.valueOf(r.verifiedAtDigits()));
    }
    m.put("digits", precision.digits());
    m.put("seconds", String.format(Locale.ROOT, "%.3f", r.seconds()));
    return m;
  }

  private static String human(Statement s, SearchResult r, Precision precision) {
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

  /** Progress on stderr: an updating line on a terminal, a plain line every few seconds otherwise. */
  static final class Progress implements Search.Progress {
    private final PrintWriter err;
    private final String id;
    private final boolean terminal = System.console() != null;
    private final long start = System.nanoTime();
    private long last = System.nanoTime();
    private boolean painted;

    Progress(PrintWriter err, String id) {
      this.err = err;
      this.id = id;
    }

    @Override
    public void update(long evaluations, long budget, double best) {
      long now = System.nanoTime();
      long interval = terminal ? 100_000_000L : 5_000_000_000L;
      if (now - last < interval) {
        return;
      }
      last = now;
      String line = String.format(Locale.ROOT, "search %s: %d/%d evaluations, smallest margin %.3g, %.0f s",
          id, evaluations, budget, best, (now - start) / 1e9);
      if (terminal) {
        err.print("\r\033[K" + line);
        painted = true;
      } else {
        err.println(line);
      }
      err.flush();
    }

    void done() {
      if (painted) {
        err.print("\r\033[K");
        err.flush();
      }
    }
  }
}
