package prefdyn.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import prefdyn.num.Rationals;
import prefdyn.plot.SweepCharts;

/**
 * The experiment's figures, computed from the text of {@code runs.csv} and {@code replicates.csv}
 * (so the merge of shards draws the same pictures): for each parameter that takes more than one
 * value in the grid, cycle strength and {@code log10} terminal entropy against it, one line per
 * matrix class (a point is the mean over the class's runs and over the grid values of the other
 * parameters; cycle strength on a log axis, values below {@value #CS_FLOOR} drawn at the floor);
 * and, for a finite-sample sweep, {@code replicates.png}: the traced cell's single replicates
 * against their average. The drawing is {@link SweepCharts}.
 */
public final class Figures {
  /** Floor of the cycle-strength log axis. */
  public static final double CS_FLOOR = 1e-30;

  private Figures() {}

  /** File name → PNG bytes. {@code traceLines}: the lines of {@code replicates.csv} without header (empty: none). */
  public static Map<String, byte[]> all(List<ExperimentReport.Row> rows, List<String> traceLines) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    Map<String, Function<ExperimentReport.Row, String>> params = new LinkedHashMap<>();
    params.put("alpha", ExperimentReport.Row::alpha);
    params.put("lambda", ExperimentReport.Row::lambda);
    params.put("beta", ExperimentReport.Row::beta);
    for (Map.Entry<String, Function<ExperimentReport.Row, String>> p : params.entrySet()) {
      List<String> xs = new ArrayList<>();
      for (ExperimentReport.Row r : rows) {
        if (!xs.contains(p.getValue().apply(r))) {
          xs.add(p.getValue().apply(r));
        }
      }
      if (xs.size() < 2) {
        continue;
      }
      out.put("cycle_strength_vs_" + p.getKey() + ".png", chart(rows, p.getKey(), p.getValue(), xs,
          "cycle strength (time variance of π_t,i, mean over i)", r -> Math.max(CS_FLOOR, r.cycleStrength()), true));
      out.put("terminal_entropy_vs_" + p.getKey() + ".png", chart(rows, p.getKey(), p.getValue(), xs,
          "log10 terminal entropy (nats)", ExperimentReport.Row::log10Entropy, false));
    }
    if (!traceLines.isEmpty()) {
      out.put("replicates.png", replicates(rows, traceLines));
    }
    return out;
  }

  private static byte[] chart(List<ExperimentReport.Row> rows, String name, Function<ExperimentReport.Row, String> param,
      List<String> xs, String yLabel, ToDoubleFunction<ExperimentReport.Row> y, boolean logY) {
    Map<String, SweepCharts.Line> lines = new LinkedHashMap<>();
    for (MatrixClass cls : MatrixClass.values()) {
      List<Double> px = new ArrayList<>();
      List<Double> py = new ArrayList<>();
      for (String x : xs) {
        List<ExperimentReport.Row> runs = new ArrayList<>();
        for (ExperimentReport.Row r : rows) {
          if (r.matrixClass().equals(cls.label()) && param.apply(r).equals(x)) {
            runs.add(r);
          }
        }
        if (!runs.isEmpty()) {
          px.add(Rationals.parse(x).doubleValue());
          py.add(ExperimentReport.mean(runs, y));
        }
      }
      if (!px.isEmpty()) {
        lines.put(cls.label(), new SweepCharts.Line(px.stream().mapToDouble(Double::doubleValue).toArray(),
            py.stream().mapToDouble(Double::doubleValue).toArray()));
      }
    }
    String symbol = switch (name) {
      case "alpha" -> "α";
      case "lambda" -> "λ";
      default -> "β";
    };
    return SweepCharts.lines(yLabel.split(" \\(")[0] + " vs " + symbol + " by matrix class", symbol + " (" + name + ")",
        yLabel, lines, logY, CS_FLOOR);
  }

  /**
   * The traced cell: the coordinate i whose single-replicate time variance (mean over replicates,
   * over the traced rounds) is largest, each replicate thin, their average thick; the title names
   * the cell and compares the mean CS of the single runs with the CS of the averaged trajectory
   * (whole run, from {@code runs.csv}).
   */
  static byte[] replicates(List<ExperimentReport.Row> rows, List<String> traceLines) {
    List<double[]> singles = new ArrayList<>();
    List<List<double[]>> byReplicate = new ArrayList<>();
    List<double[]> mean = new ArrayList<>();
    List<String> first = ExperimentReport.fields(traceLines.get(0));
    String matrix = first.get(0);
    String setting = first.get(1) + "," + first.get(2) + "," + first.get(3);
    String samples = first.get(4);
    String current = "";
    for (String line : traceLines) {
      List<String> f = ExperimentReport.fields(line);
      double[] pi = new double[f.size() - 7];
      for (int i = 0; i < pi.length; i++) {
        pi[i] = Double.parseDouble(f.get(7 + i));
      }
      String rep = f.get(6);
      if (rep.equals("mean")) {
        mean.add(pi);
      } else {
        if (!rep.equals(current)) {
          byReplicate.add(new ArrayList<>());
          current = rep;
        }
        byReplicate.get(byReplicate.size() - 1).add(pi);
      }
    }
    int k = mean.get(0).length;
    int best = 0;
    double bestVar = -1;
    for (int i = 0; i < k; i++) {
      double v = 0;
      for (List<double[]> rep : byReplicate) {
        v += variance(rep, i);
      }
      if (v > bestVar) {
        bestVar = v;
        best = i;
      }
    }
    for (List<double[]> rep : byReplicate) {
      singles.add(coordinate(rep, best));
    }
    List<ExperimentReport.Row> cell = new ArrayList<>();
    for (ExperimentReport.Row r : rows) {
      if (r.matrix().equals(matrix) && r.setting().equals(setting)) {
        cell.add(r);
      }
    }
    String cs = cell.isEmpty() ? "" : String.format(Locale.ROOT, "; CS: single runs (mean) %s, their average %s",
        ExperimentReport.short4(ExperimentReport.mean(cell, ExperimentReport.Row::cycleStrength)),
        ExperimentReport.short4(cell.get(0).cycleStrengthOfMean()));
    String[] abl = setting.split(",");
    String title = String.format(Locale.ROOT, "%s, α=%s λ=%s β=%s, N=%s comparisons a round\n"
        + "π_%d over rounds 0..%d: %d replicates (thin) and their average (thick)%s", matrix, abl[0], abl[1], abl[2],
        samples, best + 1, mean.size() - 1, byReplicate.size(), cs);
    return SweepCharts.replicates(title, "π_" + (best + 1), singles, coordinate(mean, best));
  }

  private static double[] coordinate(List<double[]> rounds, int i) {
    double[] out = new double[rounds.size()];
    for (int t = 0; t < out.length; t++) {
      out[t] = rounds.get(t)[i];
    }
    return out;
  }

  private static double variance(List<double[]> rounds, int i) {
    double m = 0;
    for (double[] r : rounds) {
      m += r[i];
    }
    m /= rounds.size();
    double v = 0;
    for (double[] r : rounds) {
      v += (r[i] - m) * (r[i] - m);
    }
    return v / rounds.size();
  }
}
