package prefdyn.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import prefdyn.dynamics.CheckedTrajectory;
import prefdyn.dynamics.MrsParameters;
import prefdyn.num.Rationals;

/**
 * {@code iterate --plot}: the policy coordinates and the entropy against rounds (any K); for
 * K = 3 also the orbit on the simplex triangle (barycentric coordinates).
 */
public final class TrajectoryPlot {
  private TrajectoryPlot() {}

  private static final double SQRT3_2 = Math.sqrt(3) / 2;

  /** The picture of {@code iterate --plot} as a PNG. */
  public static byte[] png(CheckedTrajectory.Result r, MrsParameters params) {
    return params.k() == 3
        ? Plots.png(1500, 650, simplex(r, params), timeSeries(r, params))
        : Plots.png(900, 650, timeSeries(r, params));
  }

  static String subtitle(MrsParameters p) {
    return "α = " + Rationals.format(p.alpha()) + ", λ = " + Rationals.format(p.lambda()) + ", β = "
        + Rationals.format(p.beta()) + ", " + p.method().name();
  }

  private static JFreeChart timeSeries(CheckedTrajectory.Result r, MrsParameters params) {
    int k = params.k();
    XYSeriesCollection policy = new XYSeriesCollection();
    for (int i = 0; i < k; i++) {
      XYSeries s = new XYSeries("π_" + i);
      for (int n = 0; n < r.plotT().length; n++) {
        s.add(r.plotT()[n], r.plotPolicy()[n][i]);
      }
      policy.addSeries(s);
    }
    XYSeriesCollection entropy = new XYSeriesCollection();
    XYSeries h = new XYSeries("entropy H(π_t) (nats)");
    for (int n = 0; n < r.plotT().length; n++) {
      h.add(r.plotT()[n], r.plotEntropy()[n]);
    }
    entropy.addSeries(h);
    NumberAxis pAxis = new NumberAxis("policy π_t,i");
    pAxis.setRange(0, 1);
    XYLineAndShapeRenderer pr = new XYLineAndShapeRenderer(true, false);
    XYPlot top = new XYPlot(policy, new NumberAxis("round t"), pAxis, pr);
    grid(top);
    NumberAxis hAxis = new NumberAxis("entropy (nats)");
    hAxis.setRange(0, Math.log(k) * 1.05);
    XYLineAndShapeRenderer hr = new XYLineAndShapeRenderer(true, false);
    hr.setSeriesPaint(0, Color.DARK_GRAY);
    XYPlot bottom = new XYPlot(entropy, new NumberAxis("round t"), hAxis, hr);
    grid(bottom);
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("round t"));
    plot.add(top, 2);
    plot.add(bottom, 1);
    JFreeChart chart = new JFreeChart("MRS trajectory: policy and entropy by round", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.addSubtitle(new TextTitle(subtitle(params)));
    Plots.style(chart);
    return chart;
  }

  private static JFreeChart simplex(CheckedTrajectory.Result r, MrsParameters params) {
    XYSeriesCollection data = new XYSeriesCollection();
    XYSeries tri = new XYSeries("simplex", false);
    tri.add(0, 0);
    tri.add(1, 0);
    tri.add(0.5, SQRT3_2);
    tri.add(0, 0);
    XYSeries orbit = new XYSeries("orbit π_t", false);
    for (double[] pi : r.plotPolicy()) {
      orbit.add(pi[1] + pi[2] / 2, pi[2] * SQRT3_2);
    }
    XYSeries start = new XYSeries("start", false);
    XYSeries end = new XYSeries("end", false);
    if (r.plotPolicy().length > 0) {
      double[] a = r.plotPolicy()[0];
      double[] b = r.plotPolicy()[r.plotPolicy().length - 1];
      start.add(a[1] + a[2] / 2, a[2] * SQRT3_2);
      end.add(b[1] + b[2] / 2, b[2] * SQRT3_2);
    }
    data.addSeries(tri);
    data.addSeries(orbit);
    data.addSeries(start);
    data.addSeries(end);
    XYLineAndShapeRenderer rend = Plots.renderer(Plots.Look.line(Color.BLACK, null),
        Plots.Look.line(new Color(30, 90, 200), new BasicStroke(1.0f)),
        Plots.Look.marker(new Color(0, 150, 0), new Ellipse2D.Double(-5, -5, 10, 10)),
        Plots.Look.marker(Color.RED, new Rectangle2D.Double(-5, -5, 10, 10)));
    NumberAxis x = new NumberAxis("barycentric x = π_1 + π_2/2");
    x.setRange(-0.08, 1.08);
    NumberAxis y = new NumberAxis("barycentric y = (√3/2) π_2");
    y.setRange(-0.08, 0.95);
    XYPlot plot = new XYPlot(data, x, y, rend);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    plot.addAnnotation(label("response 0", 0, -0.04, TextAnchor.TOP_CENTER));
    plot.addAnnotation(label("response 1", 1, -0.04, TextAnchor.TOP_CENTER));
    plot.addAnnotation(label("response 2", 0.5, SQRT3_2 + 0.02, TextAnchor.BOTTOM_CENTER));
    JFreeChart chart = new JFreeChart("Orbit on the simplex Δ_3", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.addSubtitle(new TextTitle(subtitle(params)));
    Plots.style(chart);
    return chart;
  }

  static void grid(XYPlot p) {
    p.setBackgroundPaint(Color.WHITE);
    p.setDomainGridlinePaint(Color.LIGHT_GRAY);
    p.setRangeGridlinePaint(Color.LIGHT_GRAY);
  }

  static XYTextAnnotation label(String text, double x, double y, TextAnchor anchor) {
    XYTextAnnotation a = new XYTextAnnotation(text, x, y);
    a.setTextAnchor(anchor);
    a.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    return a;
  }
}
