package prefdyn.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import prefdyn.io.HelpSteerReader;
import prefdyn.io.HelpSteerRow;
import prefdyn.io.ParseError;
import prefdyn.num.Precision;
import prefdyn.io.PrefLib;
import prefdyn.io.TextFormat;

/**
 * Loads the experiment's matrices: HelpSteer-format files ({@code .jsonl .ndjson .json .csv},
 * {@link HelpSteerReader}), PrefLib files ({@code .soc .soi .toc .toi}, one pairwise matrix per
 * file) and text matrices (anything else), or SYNTHETIC HelpSteer-like data. Everything is read
 * and validated before anything is returned: a bad file is a {@link ParseError} naming file and
 * line, and a HelpSteer file with no prompt of K responses is one too (say {@code --k}).
 */
public final class Datasets {
  private Datasets() {}

  /** What was loaded, with one note per file for the user. */
  public record Loaded(List<ExperimentMatrix> matrices, List<String> notes) {
    public Loaded {
      matrices = List.copyOf(matrices);
      notes = List.copyOf(notes);
    }
  }

  /**
   * @param k responses per HelpSteer matrix
   * @param seed drives response choice and attribute draws (each file gets its own stream)
   * @param precision precision of the σ-matrices (and of the arbitrary-precision re-check)
   */
  public static Loaded load(List<Path> files, int k, long seed, Precision precision) {
    List<ExperimentMatrix> out = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    ScoreMatrix.Sigmoids sigmoids = ScoreMatrix.sigmoids(precision);
    for (int f = 0; f < files.size(); f++) {
      Path file = files.get(f);
      if (HelpSteerReader.accepts(file)) {
        List<HelpSteerRow> rows = HelpSteerReader.read(file);
        HelpSteerMatrices.Built b = HelpSteerMatrices.build(file.toString(), rows, k, fileSeed(seed, f));
        if (b.matrices().isEmpty()) {
          throw new ParseError(b.noPromptMessage(file.toString()));
        }
        boolean synthetic = rows.stream().allMatch(r -> r.prompt().startsWith(SyntheticHelpSteer.MARK));
        String kind = synthetic ? "synthetic" : "helpsteer";
        out.addAll(classify(b.matrices(), kind, sigmoids));
        notes.add(file + ": " + (synthetic ? "SYNTHETIC " : "") + "HelpSteer format, " + b.rows() + " rows, "
            + b.prompts() + " prompts, " + b.promptsWithK() + " with >= " + k + " responses -> " + b.matrices().size()
            + " matrices");
      } else if (PrefLib.isPrefLib(file)) {
        out.add(ExperimentMatrix.exact(file.toString(), "preflib", PrefLib.read(file)));
        notes.add(file + ": PrefLib, K = " + out.get(out.size() - 1).k());
      } else {
        out.add(ExperimentMatrix.exact(file.toString(), "matrix", TextFormat.readMatrix(file)));
        notes.add(file + ": text matrix, K = " + out.get(out.size() - 1).k());
      }
    }
    return new Loaded(out, notes);
  }

  /** SYNTHETIC HelpSteer-like data (never HelpSteer): {@code prompts} prompts of K responses. */
  public static Loaded synthetic(int prompts, int k, long seed, Precision precision) {
    List<HelpSteerRow> rows = SyntheticHelpSteer.generate(prompts, k, seed);
    HelpSteerMatrices.Built b = HelpSteerMatrices.build("synthetic", rows, k, fileSeed(seed, 0));
    ScoreMatrix.Sigmoids sigmoids = ScoreMatrix.sigmoids(precision);
    return new Loaded(classify(b.matrices(), "synthetic", sigmoids), List.of("SYNTHETIC HelpSteer-like data (prefdyn generator, not HelpSteer): " + prompts
        + " prompts x " + k + " responses, seed " + seed));
  }

  /** Builds and classifies score matrices in parallel (Apfloat work per matrix); order kept. */
  private static List<ExperimentMatrix> classify(List<ScoreMatrix> ms, String kind, ScoreMatrix.Sigmoids sigmoids) {
    return ms.parallelStream().map(m -> ExperimentMatrix.scores(m, kind, sigmoids)).toList();
  }

  /** The seed of the f-th file's construction stream (so adding a file does not change the others). */
  static long fileSeed(long seed, int f) {
    return seed * 0x9E3779B97F4A7C15L + f;
  }
}
