package prefdyn.experiment;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.apfloat.Aprational;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The experiment's figures (PNG, JFreeChart): for each parameter that takes more than one value in
 * the grid, cycle strength and {@code log10} terminal entropy against it, one line per matrix
 * class. A point is the mean over the class's matrices and over the grid values of the other
 * parameters (run one-parameter sweeps to read a figure as a clean section). Cycle strength is on
 * a log axis; values below {@value #CS_FLOOR} are drawn at the floor (they mean "no oscillation").
 */
public final class Figures {
  /** Floor of the cycle-strength log axis. */
  public static final double CS_FLOOR = 1e-30;

  private Figures() {}

  /** File name → PNG bytes. */
  public static Map<String, byte[]> all(List<ExperimentMatrix> matrices, Sweep.Result result) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    Map<String, Function<Sweep.Setting, Aprational>> params = new LinkedHashMap<>();
    params.put("alpha", Sweep.Setting::alpha);
    params.put("lambda", Sweep.Setting::lambda);
    params.put("beta", Sweep.Setting::beta);
    for (Map.Entry<String, Function<Sweep.Setting, Aprational>> p : params.entrySet()) {
      if (ExperimentReport.distinct(result.settings(), p.getValue()).size() < 2) {
        continue;
      }
      out.put("cycle_strength_vs_" + p.getKey() + ".png", chart(matrices, result, p.getKey(), p.getValue(),
          "cycle strength (time variance of π_t,i, mean over i)", r -> Math.max(CS_FLOOR, r.cycleStrength()), true));
      out.put("terminal_entropy_vs_" + p.getKey() + ".png", chart(matrices, result, p.getKey(), p.getValue(),
          "log10 terminal entropy (nats)", Sweep.Run::log10Entropy, false));
    }
    return out;
  }

  private static byte[] chart(List<ExperimentMatrix> matrices, Sweep.Result result, String name,
      Function<Sweep.Setting, Aprational> param, String yLabel, ToDoubleFunction<Sweep.Run> y, boolean logY) {
    List<Aprational> xs = ExperimentReport.distinct(result.settings(), param);
    XYSeriesCollection data = new XYSeriesCollection();
    for (MatrixClass cls : MatrixClass.values()) {
      XYSeries series = new XYSeries(cls.label());
      for (Aprational x : xs) {
        List<Sweep.Run> runs = new ArrayList<>();
        for (Sweep.Run r : result.runs()) {
          if (matrices.get(r.matrix()).matrixClass() == cls && param.apply(result.settings().get(r.setting())).equals(x)) {
            runs.add(r);
          }
        }
        if (!runs.isEmpty()) {
          series.add(x.doubleValue(), ExperimentReport.mean(runs, y));
        }
      }
      if (!series.isEmpty()) {
        data.addSeries(series);
      }
    }
    String symbol = switch (name) {
      case "alpha" -> "α";
      case "lambda" -> "λ";
      default -> "β";
    };
    JFreeChart chart = ChartFactory.createXYLineChart(yLabel.split(" \\(")[0] + " vs " + symbol + " by matrix class",
        symbol + " (" + name + ")", yLabel, data, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    for (int s = 0; s < data.getSeriesCount(); s++) {
      renderer.setSeriesStroke(s, new BasicStroke(2f));
    }
    plot.setRenderer(renderer);
    if (logY) {
      LogAxis axis = new LogAxis(yLabel);
      axis.setSmallestValue(CS_FLOOR);
      plot.setRangeAxis(axis);
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(png, chart, 800, 500);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return png.toByteArray();
  }
}
