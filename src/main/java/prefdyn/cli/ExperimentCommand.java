package prefdyn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.apfloat.Aprational;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import prefdyn.experiment.Datasets;
import prefdyn.experiment.ExperimentMatrix;
import prefdyn.experiment.ExperimentReport;
import prefdyn.experiment.Figures;
import prefdyn.experiment.MatrixClass;
import prefdyn.experiment.SyntheticHelpSteer;
import prefdyn.experiment.Sweep;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.search.Shard;
import prefdyn.shard.ShardFiles;
import prefdyn.pref.Distribution;

/**
 * {@code prefdyn experiment}: the paper's experiment (docs/theory.md section 6) on HelpSteer-format,
 * PrefLib or text-matrix files, or on SYNTHETIC HelpSteer-like data.
 */
@Command(name = "experiment",
    header = "The paper's experiment (section 6) on PrefLib, HelpSteer-format or synthetic data.", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "The paper's experiment (docs/theory.md section 6): classify each matrix (cyclic: a majority 3-cycle;",
      "strongly-transitive: strict linear majority order and SST, weak or strict; other), run MRS-IPO for",
      "--steps rounds for every alpha x lambda x beta of the grid, and record cycle strength",
      "CS = (1/K) sum_i (1/T) sum_{t=1..T} (pi_t,i - mean_t pi_t,i)^2 and the terminal entropy.",
      "Runs use the double-precision fast path in parallel; a seeded sample (--recheck) and every run",
      "that underflows in double (or ends with entropy < 1e-300) are re-run in arbitrary precision (--digits).",
      "HelpSteer files (.jsonl/.json/.ndjson/.csv): prompts with >= K responses, K of them (seeded), one",
      "random attribute per pair, P_ij = sigma(score_i - score_j). PrefLib files: one pairwise matrix each.",
      "--synthetic N: SYNTHETIC HelpSteer-like data (a prefdyn generator; NOT HelpSteer)."
    })
public final class ExperimentCommand implements Callable<Integer> {
  @Mixin Common common = new Common();

  @Spec @SuppressWarnings("initialization.field.uninitialized") // injected by picocli
  CommandSpec spec;

  @Option(names = "--data", arity = "1..*", paramLabel = "FILE",
      description = "HelpSteer-format (.jsonl .json .ndjson .csv), PrefLib (.soc .soi .toc .toi) or text-matrix files.")
  List<String> data = new ArrayList<>();

  @Option(names = "--synthetic", paramLabel = "N",
      description = "Also run on N prompts of SYNTHETIC HelpSteer-like data (K responses each; not HelpSteer).")
  int synthetic;

  @Option(names = "--write-synthetic", paramLabel = "FILE",
      description = "Write the --synthetic data as a HelpSteer-format JSON Lines file (readable with --data).")
  @org.checkerframework.checker.nullness.qual.Nullable String writeSynthetic;

  @Option(names = "--k", paramLabel = "K", defaultValue = "4",
      description = "Responses per HelpSteer prompt (default: ${DEFAULT-VALUE}); prompts with fewer are skipped.")
  int k = 4;

  @Option(names = "--alpha", paramLabel = "LIST", defaultValue = "1/2",
      description = "Comma list of alpha in [0,1] (exact numbers; default: ${DEFAULT-VALUE}).")
  String alpha = "1/2";

  @Option(names = "--lambda", paramLabel = "LIST", defaultValue = "1",
      description = "Comma list of lambda in [0,1] (default: ${DEFAULT-VALUE}).")
  String lambda = "1";

  @Option(names = "--beta", paramLabel = "LIST", defaultValue = "1",
      description = "Comma list of beta > 0 (default: ${DEFAULT-VALUE}).")
  String beta = "1";

  @Option(names = "--steps", paramLabel = "T", defaultValue = "3000", description = "Rounds per run (default: ${DEFAULT-VALUE}).")
  long steps = 3000;

  @Option(names = "--ref", paramLabel = "S", defaultValue = "uniform", description = "Reference pi_ref (default: uniform).")
  String ref = "uniform";

  @Option(names = "--pi0", paramLabel = "S", defaultValue = "uniform", description = "Offline sampler pi_0 (default: uniform).")
  String pi0 = "uniform";

  @Option(names = "--init", paramLabel = "S", defaultValue = "uniform", description = "Start policy (default: uniform).")
  String init = "uniform";

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
      description = "Seed of the synthetic data, response choice, attribute draws and re-check sample (default: ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(names = "--recheck", paramLabel = "F", defaultValue = "0.01",
      description = "Share of runs re-checked in arbitrary precision at random, at least one (default: ${DEFAULT-VALUE}).")
  double recheck = 0.01;

  @Option(names = "--samples", paramLabel = "N",
      description = "Finite-sample rounds: each round learns from N sampled comparisons (default: the population map).")
  @org.checkerframework.checker.nullness.qual.Nullable String samples;

  @Option(names = "--replicates", paramLabel = "R",
      description = "With --samples: R seeded replicates per matrix and setting (default: 1).")
  @org.checkerframework.checker.nullness.qual.Nullable String replicates;

  @Option(names = "--shard", paramLabel = "i/n",
      description = "Run only shard i of n: the cells (matrix x setting, numbered matrix-major) whose number u has"
          + " u mod n = i - 1; writes DIR/shard.json (needs --out). 'prefdyn merge --out DIR2 DIR...' combines the n"
          + " folders into exactly the unsharded --out folder. See docs/sharding.md.")
  @org.checkerframework.checker.nullness.qual.Nullable String shard;

  @Option(names = "--out", paramLabel = "DIR", description = "Write runs.csv, summary.csv and PNG figures here.")
  @org.checkerframework.checker.nullness.qual.Nullable String out;

  @Option(names = "--quiet", description = "No progress on stderr.")
  boolean quiet;

  @Override
  public Integer call() {
    // validate every flag and read every file before computing or writing anything
    if (data.isEmpty() && synthetic <= 0) {
      throw new BadInput("give --data FILE... and/or --synthetic N");
    }
    if (synthetic < 0) {
      throw new BadInput("--synthetic must be >= 1, got " + synthetic);
    }
    if (writeSynthetic != null && synthetic <= 0) {
      throw new BadInput("--write-synthetic needs --synthetic N");
    }
    if (k < 2) {
      throw new BadInput("--k must be >= 2, got " + k);
    }
    if (steps < 1) {
      throw new BadInput("--steps must be >= 1, got " + steps);
    }
    if (!(recheck >= 0 && recheck <= 1)) {
      throw new BadInput("--recheck must be in [0,1], got " + recheck);
    }
    int n = samples == null ? 0 : positiveInt(samples, "--samples");
    int reps = replicates == null ? 1 : positiveInt(replicates, "--replicates");
    if (replicates != null && samples == null) {
      throw new BadInput("--replicates needs --samples N (the population map is deterministic: one run per cell)");
    }
    Sweep.Sampling sampling = new Sweep.Sampling(n, reps);
    String shardText = shard;
    Shard part = shardText == null ? Shard.ALL : Shard.parse(shardText);
    if (shardText != null && out == null) {
      throw new BadInput("--shard needs --out DIR (the shard's folder, for 'prefdyn merge')");
    }
    List<Aprational> alphas = list(alpha, "--alpha", true);
    List<Aprational> lambdas = list(lambda, "--lambda", true);
    List<Aprational> betas = list(beta, "--beta", false);
    Path outDir = out == null ? null : Path.of(out);
    if (outDir != null) {
      OutDirs.requireWritable(outDir, "--out");
    }
    Precision precision = common.precision();
    List<ExperimentMatrix> matrices = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    if (!data.isEmpty()) {
      Datasets.Loaded d = Datasets.load(data.stream().map(Path::of).toList(), k, seed, precision);
      matrices.addAll(d.matrices());
      notes.addAll(d.notes());
    }
    byte[] syntheticFile = null;
    if (synthetic > 0) {
      Datasets.Loaded d = Datasets.synthetic(synthetic, k, seed, precision);
      matrices.addAll(d.matrices());
      notes.addAll(d.notes());
      if (writeSynthetic != null) {
        syntheticFile = SyntheticHelpSteer.toJsonLines(SyntheticHelpSteer.generate(synthetic, k, seed));
      }
    }
    Map<Integer, Distribution[]> dists = new LinkedHashMap<>();
    for (int kk : new TreeSet<>(matrices.stream().map(ExperimentMatrix::k).toList())) {
      dists.put(kk, new Distribution[] {
        Inputs.interiorDistribution(ref, kk, "--ref"),
        Inputs.distribution(pi0, kk, "--pi0"),
        Inputs.interiorDistribution(init, kk, "--init")});
    }
    if (outDir != null) {
      // all input is valid: now make sure the folder really takes files, before the long sweep
      OutDirs.probeWritable(outDir, "--out");
    }
    List<Sweep.Setting> settings = new ArrayList<>();
    for (Aprational a : alphas) {
      for (Aprational l : lambdas) {
        for (Aprational b : betas) {
          settings.add(new Sweep.Setting(a, l, b));
        }
      }
    }
    Sweep.Distributions ds = new Sweep.Distributions() {
      @Override
      public Distribution ref(int kk) {
        return forK(dists, kk)[0];
      }

      @Override
      public Distribution pi0(int kk) {
        return forK(dists, kk)[1];
      }

      @Override
      public Distribution init(int kk) {
        return forK(dists, kk)[2];
      }
    };

    PrintWriter err = spec.commandLine().getErr();
    AtomicLong last = new AtomicLong(System.nanoTime());
    Sweep.Progress progress = quiet ? null : (phase, done, total) -> {
      long now = System.nanoTime();
      long prev = last.get();
      if ((now - prev > 1_000_000_000L && last.compareAndSet(prev, now)) || done == total) {
        synchronized (err) {
          err.println("prefdyn experiment: " + phase + " " + done + "/" + total + " runs");
          err.flush();
        }
      }
    };
    Sweep.Result result = Sweep.run(matrices, settings, ds, steps, recheck, seed, precision, sampling, part, progress);

    // outputs: everything computed first, then written (each file atomically)
    List<String> lines = ExperimentReport.runLines(matrices, result, steps, n);
    String trace = result.trace() == null ? "" : new String(ExperimentReport.traceCsv(matrices, result, n),
        StandardCharsets.UTF_8);
    if (shardText != null && outDir != null) {
      Map<String, Object> file = new LinkedHashMap<>();
      file.put("shard", ShardFiles.header("experiment", shardSettings(matrices.size(), settings, precision, n, reps), part));
      List<Map<String, Object>> units = new ArrayList<>();
      int perCell = reps;
      for (int i = 0; i < lines.size(); i += perCell) {
        Sweep.Run r = result.runs().get(i);
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("cell", Sweep.cell(r.matrix(), r.setting(), settings.size()));
        u.put("runs", lines.subList(i, i + perCell));
        Sweep.Trace tr = result.trace();
        if (tr != null && tr.matrix() == r.matrix() && tr.setting() == r.setting()) {
          u.put("trace", trace);
        }
        units.add(u);
      }
      file.put("units", units);
      byte[] json = (Output.json(file) + "\n").getBytes(StandardCharsets.UTF_8);
      Output.writeAtomically(outDir.resolve("shard.json"), json);
      if (syntheticFile != null && writeSynthetic != null) {
        Output.writeAtomically(Path.of(writeSynthetic), syntheticFile);
      }
      PrintWriter o = spec.commandLine().getOut();
      o.printf(Locale.ROOT, "experiment shard %s: %d of %d cells (%d runs), %.3f s; wrote %s%n", part, units.size(),
          matrices.size() * settings.size(), lines.size(), (result.fastNanos() + result.recheckNanos()) / 1e9,
          outDir.resolve("shard.json"));
      o.flush();
      return 0;
    }
    Folder folder = Folder.of(lines, trace);
    if (outDir != null) {
      folder.write(outDir);
    }
    if (syntheticFile != null && writeSynthetic != null) {
      Output.writeAtomically(Path.of(writeSynthetic), syntheticFile);
    }
    print(matrices, notes, result, folder.summary(), n > 0);
    return 0;
  }

  /** The files of an experiment's --out folder, all computed from the lines of runs.csv and the trace. */
  record Folder(Map<String, byte[]> files, List<List<String>> summary) {
    static Folder of(List<String> runLines, String trace) {
      List<ExperimentReport.Row> rows = ExperimentReport.parseRuns(runLines);
      Map<String, byte[]> files = new LinkedHashMap<>();
      files.put("runs.csv", ExperimentReport.runsCsv(runLines));
      files.put("summary.csv", ExperimentReport.summaryCsv(rows));
      List<String> traceLines = new ArrayList<>();
      if (!trace.isEmpty()) {
        files.put("replicates.csv", trace.getBytes(StandardCharsets.UTF_8));
        List<String> all = trace.lines().toList();
        traceLines.addAll(all.subList(1, all.size()));
      }
      files.putAll(Figures.all(rows, traceLines));
      return new Folder(files, ExperimentReport.summaryRows(rows));
    }

    void write(Path dir) {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        Output.writeAtomically(dir.resolve(f.getKey()), f.getValue());
      }
    }
  }

  /** Everything that affects an experiment's results (the shard header's settings). */
  private Map<String, @org.checkerframework.checker.nullness.qual.Nullable Object> shardSettings(int matrices,
      List<Sweep.Setting> settings, Precision precision, int n, int reps) {
    Map<String, @org.checkerframework.checker.nullness.qual.Nullable Object> m = new LinkedHashMap<>();
    m.put("seed", String.valueOf(seed));
    List<String> files = new ArrayList<>();
    for (String d : data) {
      files.add(d + " sha256:" + sha256(Path.of(d)));
    }
    m.put("data", files);
    m.put("synthetic", synthetic);
    m.put("k", k);
    m.put("settings", settings.stream().map(s -> Rationals.format(s.alpha()) + "," + Rationals.format(s.lambda()) + ","
        + Rationals.format(s.beta())).toList());
    m.put("steps", steps);
    m.put("ref", ref);
    m.put("pi0", pi0);
    m.put("init", init);
    m.put("recheck", Double.toString(recheck));
    m.put("digits", precision.digits());
    m.put("samples", n);
    m.put("replicates", reps);
    m.put("matrices", matrices);
    m.put("cells", matrices * settings.size());
    m.put("columns", ExperimentReport.runsHeader());
    return m;
  }

  private static String sha256(Path p) {
    try {
      byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
      return java.util.HexFormat.of().formatHex(h, 0, 16);
    } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
      throw new BadInput("cannot read " + p + ": " + e.getMessage());
    }
  }

  /**
   * Merges validated experiment shards into the unsharded --out folder: every cell exactly once,
   * in cell order; summary and figures re-drawn from the merged rows. Nothing is written unless
   * all of it is valid.
   */
  static int merge(List<ShardFiles.File> shards, Path outDir, PrintWriter out) {
    JsonNode settings = shards.get(0).settings();
    int cells = settings.path("cells").asInt(-1);
    if (cells < 0 || !settings.path("columns").asText().equals(ExperimentReport.runsHeader())) {
      throw new BadInput("the experiment shard header is malformed or from another prefdyn version (runs.csv columns differ)");
    }
    Map<Integer, List<String>> byCell = new java.util.HashMap<>();
    String trace = "";
    for (ShardFiles.File f : shards) {
      for (JsonNode unit : f.units()) {
        int u = unit.path("cell").asInt(-1);
        if (u < 0 || u >= cells || !f.shard().owns(u)) {
          throw new BadInput(f.path() + ": cell " + unit.path("cell") + " does not belong to shard " + f.shard());
        }
        if (byCell.containsKey(u)) {
          throw new BadInput(f.path() + ": cell " + u + " appears twice");
        }
        List<String> lines = new ArrayList<>();
        for (JsonNode l : unit.path("runs")) {
          lines.add(l.asText());
        }
        byCell.put(u, lines);
        String tr = unit.path("trace").asText("");
        if (!tr.isEmpty()) {
          if (!trace.isEmpty()) {
            throw new BadInput(f.path() + ": a second replicate trace (another shard has one)");
          }
          trace = tr;
        }
      }
    }
    List<String> lines = new ArrayList<>();
    for (int u = 0; u < cells; u++) {
      List<String> c = byCell.get(u);
      if (c == null) {
        throw new BadInput("no shard has results for cell " + u + " (shard " + (u % shards.size() + 1) + "/" + shards.size() + ")");
      }
      lines.addAll(c);
    }
    if (settings.path("samples").asInt(0) > 0 && cells > 0 && trace.isEmpty()) {
      throw new BadInput("no shard has the replicate trace");
    }
    Folder folder;
    try {
      folder = Folder.of(lines, trace);
    } catch (RuntimeException e) {
      throw new BadInput("a shard's runs are malformed: " + e.getMessage());
    }
    OutDirs.requireWritable(outDir, "--out");
    OutDirs.probeWritable(outDir, "--out");
    folder.write(outDir);
    out.printf(Locale.ROOT, "merged %d experiment shards: %d cells, %d runs; wrote %s, summary.csv%s and figures%n",
        shards.size(), cells, lines.size(), outDir.resolve("runs.csv"), trace.isEmpty() ? "" : ", replicates.csv");
    out.print(Output.table(tableHeader(), folder.summary()));
    return 0;
  }

  static int positiveInt(String text, String flag) {
    try {
      int v = Integer.parseInt(text.trim());
      if (v > 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new BadInput(flag + " must be a positive integer, got '" + text + "'");
  }

  static List<String> tableHeader() {
    return List.of("class", "alpha", "lambda", "beta", "matrices", "runs", "mean CS", "median CS", "max CS",
        "median CS tail", "mean CS of avg", "median CS tail of avg", "median log10 H", "min log10 H", "median 1-pi_top");
  }

  private void print(List<ExperimentMatrix> matrices, List<String> notes, Sweep.Result result, List<List<String>> summary,
      boolean sampled) {
    PrintWriter o = spec.commandLine().getOut();
    Map<MatrixClass, Integer> counts = ExperimentReport.classCounts(matrices);
    long tieSst = matrices.stream().filter(ExperimentMatrix::sstAllowingTies).count();
    long noCycle = matrices.size() - counts.getOrDefault(MatrixClass.CYCLIC, 0);
    if (common.json()) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("data", notes);
      j.put("matrices", matrices.size());
      Map<String, Object> c = new LinkedHashMap<>();
      for (MatrixClass m : MatrixClass.values()) {
        c.put(m.label(), counts.getOrDefault(m, 0));
      }
      c.put("sstAllowingTies", tieSst);
      j.put("classes", c);
      j.put("settings", result.settings().size());
      j.put("runs", result.runs().size());
      j.put("steps", steps);
      j.put("seed", String.valueOf(seed)); // a string, as in check and search
      j.put("fastPathSeconds", String.format(Locale.ROOT, "%.3f", result.fastNanos() / 1e9));
      j.put("recheckSeconds", String.format(Locale.ROOT, "%.3f", result.recheckNanos() / 1e9));
      j.put("rechecked", result.rechecked());
      j.put("agreed", result.agreed());
      j.put("undecided", result.undecided());
      List<Map<String, String>> rows = new ArrayList<>();
      for (List<String> r : summary) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < r.size(); i++) {
          m.put(ExperimentReport.SUMMARY_COLUMNS.get(i), r.get(i));
        }
        rows.add(m);
      }
      j.put("summary", rows);
      if (sampled) {
        j.put("samples", Integer.parseInt(String.valueOf(samples).trim()));
        j.put("replicates", result.runs().size() / Math.max(1, result.settings().size() * matrices.size()));
      }
      Output.printJson(o, j);
      return;
    }
    for (String n : notes) {
      o.println(n);
    }
    o.printf(Locale.ROOT, "matrices: %d  cyclic %d, strongly-transitive %d, other %d"
        + "  (SST allowing ties: %d; no majority 3-cycle: %d)%n", matrices.size(), counts.getOrDefault(MatrixClass.CYCLIC, 0),
        counts.getOrDefault(MatrixClass.STRONGLY_TRANSITIVE, 0), counts.getOrDefault(MatrixClass.OTHER, 0), tieSst, noCycle);
    if (sampled) {
      o.printf(Locale.ROOT, "runs: %d (%d settings x %d matrices x %d replicates, %d rounds of %s sampled comparisons each,"
          + " at %d digits), %.3f s on %d cores%n", result.runs().size(), result.settings().size(), matrices.size(),
          result.runs().size() / Math.max(1, result.settings().size() * matrices.size()), steps, samples,
          common.precision().digits(), result.fastNanos() / 1e9, Runtime.getRuntime().availableProcessors());
    } else {
      o.printf(Locale.ROOT, "runs: %d (%d settings x %d matrices, %d rounds each), fast path %.3f s on %d cores%n",
          result.runs().size(), result.settings().size(), matrices.size(), steps, result.fastNanos() / 1e9,
          Runtime.getRuntime().availableProcessors());
      o.printf(Locale.ROOT, "ball-arithmetic re-check (%d digits): %d runs, %d agree, %d undecided, %d disagree"
          + " (by enclosure), %.3f s%n", common.precision().digits(), result.rechecked(), result.agreed(),
          result.undecided(), result.rechecked() - result.agreed() - result.undecided(), result.recheckNanos() / 1e9);
    }
    o.print(Output.table(tableHeader(), summary));
    if (out != null) {
      o.println("wrote " + Path.of(out).resolve("runs.csv") + ", summary.csv and figures");
    }
    o.flush();
  }

  private static Distribution[] forK(Map<Integer, Distribution[]> d, int kk) {
    Distribution[] v = d.get(kk);
    if (v == null) {
      throw new IllegalStateException("no distributions for K = " + kk);
    }
    return v;
  }

  private static List<Aprational> list(String text, String flag, boolean unit) {
    List<Aprational> out = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      if (part.isBlank()) {
        throw new BadInput(flag + ": empty entry in '" + text + "'");
      }
      out.add(unit ? Inputs.unitInterval(part, flag) : Inputs.positive(part, flag));
    }
    return out;
  }
}
