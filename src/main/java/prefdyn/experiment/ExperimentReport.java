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
 * Text outputs of a sweep: {@code runs.csv} (one row per matrix × setting), {@code summary.csv}
 * (one row per class × setting) and the rows of the summary table. Pure functions of the sweep
 * result: the same seed gives byte-identical files.
 */
public final class ExperimentReport {
  private ExperimentReport() {}

  public static final List<String> RUN_COLUMNS = List.of("matrix", "kind", "class", "k", "sst", "ties", "alpha", "lambda",
      "beta", "steps", "cycle_strength", "cycle_strength_tail", "terminal_entropy", "log10_terminal_entropy", "top",
      "mass_off_top", "underflow", "rechecked", "recheck_agrees");

  public static final List<String> SUMMARY_COLUMNS = List.of("class", "alpha", "lambda", "beta", "matrices",
      "mean_cycle_strength", "median_cycle_strength", "max_cycle_strength", "median_cycle_strength_tail",
      "median_log10_terminal_entropy", "min_log10_terminal_entropy", "median_mass_off_top");

  /** {@code runs.csv}. */
  public static byte[] runsCsv(List<ExperimentMatrix> matrices, Sweep.Result result, long steps) {
    StringBuilder sb = new StringBuilder(String.join(",", RUN_COLUMNS)).append('\n');
    for (Sweep.Run r : result.runs()) {
      ExperimentMatrix m = matrices.get(r.matrix());
      Sweep.Setting s = result.settings().get(r.setting());
      Sweep.Recheck c = r.recheck();
      List<String> row = List.of(csv(m.id()), m.kind(), m.matrixClass().label(), Integer.toString(m.k()),
          m.sst().name().toLowerCase(Locale.ROOT), Integer.toString(m.ties()), Rationals.format(s.alpha()),
          Rationals.format(s.lambda()), Rationals.format(s.beta()), Long.toString(steps), num(r.cycleStrength()),
          num(r.cycleStrengthTail()), entropy(r.entropy()), String.format(Locale.ROOT, "%.6f", r.log10Entropy()),
          Integer.toString(r.top()), num(r.massOffTop()), Boolean.toString(r.underflow()), c == null ? "" : c.reason(),
          c == null ? "" : c.agreement().label());
      sb.append(String.join(",", row)).append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Summary rows (class × setting), as strings in {@link #SUMMARY_COLUMNS} order. */
  public static List<List<String>> summaryRows(List<ExperimentMatrix> matrices, Sweep.Result result) {
    List<List<String>> rows = new ArrayList<>();
    for (MatrixClass cls : MatrixClass.values()) {
      for (int s = 0; s < result.settings().size(); s++) {
        List<Sweep.Run> runs = new ArrayList<>();
        for (Sweep.Run r : result.runs()) {
          if (r.setting() == s && matrices.get(r.matrix()).matrixClass() == cls) {
            runs.add(r);
          }
        }
        if (runs.isEmpty()) {
          continue;
        }
        Sweep.Setting st = result.settings().get(s);
        rows.add(List.of(cls.label(), Rationals.format(st.alpha()), Rationals.format(st.lambda()),
            Rationals.format(st.beta()), Integer.toString(runs.size()), short4(mean(runs, Sweep.Run::cycleStrength)),
            short4(median(runs, Sweep.Run::cycleStrength)), short4(max(runs, Sweep.Run::cycleStrength)),
            short4(median(runs, Sweep.Run::cycleStrengthTail)),
            String.format(Locale.ROOT, "%.2f", median(runs, Sweep.Run::log10Entropy)),
            String.format(Locale.ROOT, "%.2f", min(runs, Sweep.Run::log10Entropy)),
            short4(median(runs, Sweep.Run::massOffTop))));
      }
    }
    return rows;
  }

  /** {@code summary.csv}. */
  public static byte[] summaryCsv(List<ExperimentMatrix> matrices, Sweep.Result result) {
    StringBuilder sb = new StringBuilder(String.join(",", SUMMARY_COLUMNS)).append('\n');
    for (List<String> row : summaryRows(matrices, result)) {
      sb.append(String.join(",", row)).append('\n');
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

  static double mean(List<Sweep.Run> runs, ToDoubleFunction<Sweep.Run> f) {
    return runs.stream().mapToDouble(f).average().orElse(Double.NaN);
  }

  static double median(List<Sweep.Run> runs, ToDoubleFunction<Sweep.Run> f) {
    double[] v = runs.stream().mapToDouble(f).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  static double max(List<Sweep.Run> runs, ToDoubleFunction<Sweep.Run> f) {
    return runs.stream().mapToDouble(f).max().orElse(Double.NaN);
  }

  static double min(List<Sweep.Run> runs, ToDoubleFunction<Sweep.Run> f) {
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
