package prefdyn.cli;

import java.io.PrintWriter;
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
    Sweep.Result result = Sweep.run(matrices, settings, ds, steps, recheck, seed, precision, progress);

    // outputs: everything computed first, then written (each file atomically)
    List<List<String>> summary = ExperimentReport.summaryRows(matrices, result);
    if (outDir != null) {
      byte[] runs = ExperimentReport.runsCsv(matrices, result, steps);
      byte[] sum = ExperimentReport.summaryCsv(matrices, result);
      Map<String, byte[]> figures = Figures.all(matrices, result);
      Output.writeAtomically(outDir.resolve("runs.csv"), runs);
      Output.writeAtomically(outDir.resolve("summary.csv"), sum);
      for (Map.Entry<String, byte[]> f : figures.entrySet()) {
        Output.writeAtomically(outDir.resolve(f.getKey()), f.getValue());
      }
    }
    if (syntheticFile != null && writeSynthetic != null) {
      Output.writeAtomically(Path.of(writeSynthetic), syntheticFile);
    }
    print(matrices, notes, result, summary);
    return 0;
  }

  private void print(List<ExperimentMatrix> matrices, List<String> notes, Sweep.Result result, List<List<String>> summary) {
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
      Output.printJson(o, j);
      return;
    }
    for (String n : notes) {
      o.println(n);
    }
    o.printf(Locale.ROOT, "matrices: %d  cyclic %d, strongly-transitive %d, other %d"
        + "  (SST allowing ties: %d; no majority 3-cycle: %d)%n", matrices.size(), counts.getOrDefault(MatrixClass.CYCLIC, 0),
        counts.getOrDefault(MatrixClass.STRONGLY_TRANSITIVE, 0), counts.getOrDefault(MatrixClass.OTHER, 0), tieSst, noCycle);
    o.printf(Locale.ROOT, "runs: %d (%d settings x %d matrices, %d rounds each), fast path %.3f s on %d cores%n",
        result.runs().size(), result.settings().size(), matrices.size(), steps, result.fastNanos() / 1e9,
        Runtime.getRuntime().availableProcessors());
    o.printf(Locale.ROOT, "ball-arithmetic re-check (%d digits): %d runs, %d agree, %d undecided, %d disagree"
        + " (by enclosure), %.3f s%n", common.precision().digits(), result.rechecked(), result.agreed(),
        result.undecided(), result.rechecked() - result.agreed() - result.undecided(), result.recheckNanos() / 1e9);
    List<String> header = List.of("class", "alpha", "lambda", "beta", "n", "mean CS", "median CS", "max CS",
        "median CS tail", "median log10 H", "min log10 H", "median 1-pi_top");
    o.print(Output.table(header, summary));
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
