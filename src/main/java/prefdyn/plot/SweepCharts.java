package prefdyn.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The charts of {@code prefdyn experiment} (PNG, JFreeChart): a statistic against a grid parameter,
 * one line per group, and single finite-sample replicates against their average. The data (which
 * runs, which means) is the experiment's; this class only draws.
 */
public final class SweepCharts {
  private SweepCharts() {}

  /** One line of a chart: its points (x ascending as given). */
  public record Line(double[] x, double[] y) {}

  /**
   * Lines with markers; on a log y axis with the given floor when {@code logY}.
   *
   * @param lines name → points, in legend order
   */
  public static byte[] lines(String title, String xLabel, String yLabel, Map<String, Line> lines, boolean logY,
      double floor) {
    XYSeriesCollection data = new XYSeriesCollection();
    for (Map.Entry<String, Line> e : lines.entrySet()) {
      XYSeries series = new XYSeries(e.getKey(), false, true);
      Line l = e.getValue();
      for (int i = 0; i < l.x().length; i++) {
        series.add(l.x()[i], l.y()[i]);
      }
      if (!series.isEmpty()) {
        data.addSeries(series);
      }
    }
    JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true, false,
        false);
    XYPlot plot = chart.getXYPlot();
    grid(plot);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    for (int s = 0; s < data.getSeriesCount(); s++) {
      renderer.setSeriesStroke(s, new BasicStroke(2f));
    }
    plot.setRenderer(renderer);
    if (logY) {
      LogAxis axis = new LogAxis(yLabel);
      axis.setSmallestValue(floor);
      plot.setRangeAxis(axis);
    }
    Plots.style(chart);
    return Plots.png(800, 500, chart);
  }

  /**
   * Single replicates (thin, light) against their average (thick, black) over rounds 0, 1, ....
   *
   * @param singles {@code singles[j][t]}
   * @param mean {@code mean[t]}
   */
  public static byte[] replicates(String title, String yLabel, List<double[]> singles, double[] mean) {
    XYSeriesCollection data = new XYSeriesCollection();
    for (int j = 0; j < singles.size(); j++) {
      data.addSeries(series("replicate " + (j + 1), singles.get(j)));
    }
    data.addSeries(series("average of " + singles.size() + " replicates", mean));
    JFreeChart chart = ChartFactory.createXYLineChart(title, "round t", yLabel, data, PlotOrientation.VERTICAL, false,
        false, false);
    XYPlot plot = chart.getXYPlot();
    grid(plot);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    Color[] light = {new Color(120, 160, 230), new Color(230, 150, 110), new Color(120, 200, 140), new Color(200, 130, 210),
      new Color(200, 190, 90)};
    for (int j = 0; j < singles.size(); j++) {
      renderer.setSeriesPaint(j, light[j % light.length]);
      renderer.setSeriesStroke(j, new BasicStroke(1f));
    }
    renderer.setSeriesPaint(singles.size(), Color.BLACK);
    renderer.setSeriesStroke(singles.size(), new BasicStroke(3f));
    plot.setRenderer(renderer);
    Plots.style(chart);
    chart.getTitle().setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 13));
    return Plots.png(900, 500, chart);
  }

  private static XYSeries series(String name, double[] y) {
    XYSeries s = new XYSeries(name, false, true);
    for (int t = 0; t < y.length; t++) {
      s.add(t, y[t]);
    }
    return s;
  }

  private static void grid(XYPlot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
  }
}
