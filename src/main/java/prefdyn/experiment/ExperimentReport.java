package prefdyn.experiment;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import prefdyn.num.Rationals;

/**
 * Text outputs of a sweep: {@code runs.csv} (one row per matrix × setting × replicate),
 * {@code summary.csv} (one row per class × setting), {@code replicates.csv} (the traced cell of a
 * finite-sample sweep) and the rows of the summary table. {@code summary.csv} and the figures are
 * functions of the text of {@code runs.csv} (and {@code replicates.csv}) alone, read back through
 * {@link #parseRuns}: so the unsharded run and {@code prefdyn merge} of its shards, which both
 * start from the same {@code runs.csv} rows, write byte-identical files. The same seed gives
 * byte-identical files.
 */
public final class ExperimentReport {
  private ExperimentReport() {}

  public static final List<String> RUN_COLUMNS = List.of("matrix", "kind", "class", "k", "sst", "ties", "alpha", "lambda",
      "beta", "steps", "samples", "replicate", "cycle_strength", "cycle_strength_tail", "cycle_strength_of_mean",
      "cycle_strength_tail_of_mean", "terminal_entropy", "log10_terminal_entropy", "top", "mass_off_top", "underflow",
      "rechecked", "recheck_agrees");

  public static final List<String> SUMMARY_COLUMNS = List.of("class", "alpha", "lambda", "beta", "matrices", "runs",
      "mean_cycle_strength", "median_cycle_strength", "max_cycle_strength", "median_cycle_strength_tail",
      "mean_cycle_strength_of_mean", "median_cycle_strength_tail_of_mean", "median_log10_terminal_entropy",
      "min_log10_terminal_entropy", "median_mass_off_top");

  /** The header line of {@code runs.csv}. */
  public static String runsHeader() {
    return String.join(",", RUN_COLUMNS);
  }

  /** The lines of {@code runs.csv} (without header), one per run, in the order of the runs. */
  public static List<String> runLines(List<ExperimentMatrix> matrices, Sweep.Result result, long steps, int samples) {
    List<String> lines = new ArrayList<>();
    for (Sweep.Run r : result.runs()) {
      ExperimentMatrix m = matrices.get(r.matrix());
      Sweep.Setting s = result.settings().get(r.setting());
      Sweep.Recheck c = r.recheck();
      List<String> row = List.of(csv(m.id()), m.kind(), m.matrixClass().label(), Integer.toString(m.k()),
          m.sst().name().toLowerCase(Locale.ROOT), Integer.toString(m.ties()), Rationals.format(s.alpha()),
          Rationals.format(s.lambda()), Rationals.format(s.beta()), Long.toString(steps), Integer.toString(samples),
          Integer.toString(r.replicate()), num(r.cycleStrength()), num(r.cycleStrengthTail()),
          num(r.cycleStrengthOfMean()), num(r.cycleStrengthTailOfMean()), entropy(r.entropy()),
          String.format(Locale.ROOT, "%.6f", r.log10Entropy()), Integer.toString(r.top()), num(r.massOffTop()),
          Boolean.toString(r.underflow()), c == null ? "" : c.reason(), c == null ? "" : c.agreement().label());
      lines.add(String.join(",", row));
    }
    return lines;
  }

  /** {@code runs.csv} from its lines. */
  public static byte[] runsCsv(List<String> lines) {
    StringBuilder sb = new StringBuilder(runsHeader()).append('\n');
    for (String l : lines) {
      sb.append(l).append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** {@code runs.csv} of a whole sweep. */
  public static byte[] runsCsv(List<ExperimentMatrix> matrices, Sweep.Result result, long steps) {
    return runsCsv(runLines(matrices, result, steps, 0));
  }

  /** One parsed line of {@code runs.csv}: what the summary and the figures read. */
  public record Row(String matrix, String matrixClass, String alpha, String lambda, String beta, int samples,
      int replicate, double cycleStrength, double cycleStrengthTail, double cycleStrengthOfMean,
      double cycleStrengthTailOfMean, double log10Entropy, double massOffTop) {
    /** The setting as text {@code alpha,lambda,beta}. */
    public String setting() {
      return alpha + "," + lambda + "," + beta;
    }
  }

  /** Parses lines of {@code runs.csv} (without header). A malformed line: {@link IllegalArgumentException}. */
  public static List<Row> parseRuns(List<String> lines) {
    List<Row> rows = new ArrayList<>();
    for (String line : lines) {
      List<String> f = fields(line);
      if (f.size() != RUN_COLUMNS.size()) {
        throw new IllegalArgumentException("a runs.csv line has " + f.size() + " fields, not " + RUN_COLUMNS.size());
      }
      rows.add(new Row(f.get(0), f.get(2), f.get(6), f.get(7), f.get(8), Integer.parseInt(f.get(10)),
          Integer.parseInt(f.get(11)), Double.parseDouble(f.get(12)), Double.parseDouble(f.get(13)),
          Double.parseDouble(f.get(14)), Double.parseDouble(f.get(15)), parseLog10(f.get(17)),
          Double.parseDouble(f.get(19))));
    }
    return rows;
  }

  private static double parseLog10(String s) {
    return s.equals("-Infinity") ? Double.NEGATIVE_INFINITY : Double.parseDouble(s);
  }

  /** The fields of one CSV line ({@link #csv} quoting). */
  static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }

  /** The settings in order of first appearance. */
  public static List<String> settingsOf(List<Row> rows) {
    List<String> out = new ArrayList<>();
    for (Row r : rows) {
      if (!out.contains(r.setting())) {
        out.add(r.setting());
      }
    }
    return out;
  }

  /** Summary rows (class × setting), as strings in {@link #SUMMARY_COLUMNS} order. */
  public static List<List<String>> summaryRows(List<Row> all) {
    List<List<String>> rows = new ArrayList<>();
    List<String> settings = settingsOf(all);
    for (MatrixClass cls : MatrixClass.values()) {
      for (String s : settings) {
        List<Row> runs = new ArrayList<>();
        List<Row> cells = new ArrayList<>();
        for (Row r : all) {
          if (r.setting().equals(s) && r.matrixClass().equals(cls.label())) {
            runs.add(r);
            if (r.replicate() == 0) {
              cells.add(r);
            }
          }
        }
        if (runs.isEmpty()) {
          continue;
        }
        Row st = runs.get(0);
        rows.add(List.of(cls.label(), st.alpha(), st.lambda(), st.beta(), Integer.toString(cells.size()),
            Integer.toString(runs.size()), short4(mean(runs, Row::cycleStrength)),
            short4(median(runs, Row::cycleStrength)), short4(max(runs, Row::cycleStrength)),
            short4(median(runs, Row::cycleStrengthTail)), short4(mean(cells, Row::cycleStrengthOfMean)),
            short4(median(cells, Row::cycleStrengthTailOfMean)),
            String.format(Locale.ROOT, "%.2f", median(runs, Row::log10Entropy)),
            String.format(Locale.ROOT, "%.2f", min(runs, Row::log10Entropy)),
            short4(median(runs, Row::massOffTop))));
      }
    }
    return rows;
  }

  /** {@code summary.csv}. */
  public static byte[] summaryCsv(List<Row> runs) {
    StringBuilder sb = new StringBuilder(String.join(",", SUMMARY_COLUMNS)).append('\n');
    for (List<String> row : summaryRows(runs)) {
      sb.append(String.join(",", row)).append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The header of {@code replicates.csv} for K responses. */
  static String traceHeader(int k) {
    StringBuilder sb = new StringBuilder("matrix,alpha,lambda,beta,samples,round,replicate");
    for (int i = 1; i <= k; i++) {
      sb.append(",pi_").append(i);
    }
    return sb.toString();
  }

  /**
   * {@code replicates.csv}: the policy of every replicate of the traced cell over rounds
   * 0..min(T, {@value Sweep#TRACE_ROUNDS}), then their average (replicate {@code mean}).
   */
  public static byte[] traceCsv(List<ExperimentMatrix> matrices, Sweep.Result result, int samples) {
    Sweep.Trace tr = result.trace();
    if (tr == null) {
      throw new IllegalStateException("no trace");
    }
    ExperimentMatrix m = matrices.get(tr.matrix());
    Sweep.Setting s = result.settings().get(tr.setting());
    String prefix = String.join(",", csv(m.id()), Rationals.format(s.alpha()), Rationals.format(s.lambda()),
        Rationals.format(s.beta()), Integer.toString(samples));
    StringBuilder sb = new StringBuilder(traceHeader(m.k())).append('\n');
    for (int j = 0; j <= tr.pi().length; j++) {
      double[][] rows = j < tr.pi().length ? tr.pi()[j] : tr.mean();
      for (int t = 0; t < rows.length; t++) {
        sb.append(prefix).append(',').append(t).append(',').append(j < tr.pi().length ? Integer.toString(j) : "mean");
        for (double v : rows[t]) {
          sb.append(',').append(num(v));
        }
        sb.append('\n');
      }
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Matrices per class, plus the tie-tolerant SST count (see {@link MatrixClass}). */
  public static Map<MatrixClass, Integer> classCounts(List<ExperimentMatrix> matrices) {
    Map<MatrixClass, Integer> c = new EnumMap<>(MatrixClass.class);
    for (MatrixClass m : MatrixClass.values()) {
      c.put(m, 0);
    }
    for (ExperimentMatrix m : matrices) {
      c.merge(m.matrixClass(), 1, Integer::sum);
    }
    return c;
  }

  static <T> double mean(List<T> runs, ToDoubleFunction<T> f) {
    return runs.stream().mapToDouble(f).average().orElse(Double.NaN);
  }

  static <T> double median(List<T> runs, ToDoubleFunction<T> f) {
    double[] v = runs.stream().mapToDouble(f).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  static <T> double max(List<T> runs, ToDoubleFunction<T> f) {
    return runs.stream().mapToDouble(f).max().orElse(Double.NaN);
  }

  static <T> double min(List<T> runs, ToDoubleFunction<T> f) {
    return runs.stream().mapToDouble(f).min().orElse(Double.NaN);
  }

  /** Shortest round-trip text of a double. */
  static String num(double x) {
    return Double.toString(x);
  }

  static String short4(double x) {
    return String.format(Locale.ROOT, "%.4g", x);
  }

  /** An entropy: the double's text inside the normal range, else mantissa and decimal exponent. */
  public static String entropy(Apfloat h) {
    if (h.signum() == 0) {
      return "0";
    }
    double d = h.doubleValue();
    if (d >= Double.MIN_NORMAL && Double.isFinite(d)) {
      return Double.toString(d);
    }
    long e = h.scale() - 1;
    double mantissa = ApfloatMath.scale(h, -e).doubleValue();
    return String.format(Locale.ROOT, "%.12fE%d", mantissa, e);
  }

  /** A CSV field, quoted when it holds a comma, a quote or a line break. */
  static String csv(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  /** Distinct values of a parameter over the settings, in order of first appearance. */
  static List<org.apfloat.Aprational> distinct(List<Sweep.Setting> settings, java.util.function.Function<Sweep.Setting, org.apfloat.Aprational> f) {
    List<org.apfloat.Aprational> out = new ArrayList<>();
    for (Sweep.Setting s : settings) {
      if (!out.contains(f.apply(s))) {
        out.add(f.apply(s));
      }
    }
    return out;
  }

  static double[] sorted(double[] v) {
    double[] c = v.clone();
    Arrays.sort(c);
    return c;
  }
}
