package prefdyn.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apfloat.Aprational;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import prefdyn.dynamics.MrsParameters;
import prefdyn.num.Rationals;

/**
 * {@code stability --plot}. For the 3-cycle family P_a (uniform π_ref = π_0) the diagram over
 * (α, c = aβλ): the local-stability boundary ρ = 1, i.e. {@code α² + c²/3 = 1}, and the
 * contraction boundary L = 1, i.e. {@code α + (√3/2)c = 1} (from {@code ||P_a - ½11ᵀ||_2 = a√3}),
 * with the instance's point. Otherwise the Jacobian eigenvalues against the unit circle.
 */
public final class StabilityPlot {
  private StabilityPlot() {}

  /** The picture of {@code stability --plot} as a PNG ({@code a}: the 3-cycle strength, if P is P_a). */
  public static byte[] png(MrsParameters params, Optional<Aprational> a, List<double[]> eigenvalues) {
    return Plots.png(900, 750, a.isPresent() ? diagram(params, a.get()) : eigenvalueChart(params, eigenvalues));
  }

  private static JFreeChart diagram(MrsParameters params, Aprational a) {
    double s3 = Math.sqrt(3);
    XYSeries rho = new XYSeries("ρ = 1: α² + (aβλ)²/3 = 1 (local stability boundary)", false);
    for (int i = 0; i <= 400; i++) {
      double al = i / 400.0;
      rho.add(al, Math.sqrt(3 * (1 - al * al)));
    }
    XYSeries contraction = new XYSeries("L = 1: α + (√3/2)·aβλ = 1 (contraction boundary)", false);
    contraction.add(0, 2 / s3);
    contraction.add(1, 0);
    double alpha = params.alpha().doubleValue();
    double c = a.doubleValue() * params.beta().doubleValue() * params.lambda().doubleValue();
    XYSeries point = new XYSeries("this instance", false);
    point.add(alpha, c);
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(rho);
    data.addSeries(contraction);
    data.addSeries(point);
    XYLineAndShapeRenderer r = Plots.renderer(Plots.Look.line(new Color(200, 40, 40), new BasicStroke(2.2f)),
        Plots.Look.line(new Color(30, 90, 200),
            new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 5f}, 0f)),
        Plots.Look.marker(Color.BLACK, new Ellipse2D.Double(-6, -6, 12, 12)));
    NumberAxis x = new NumberAxis("α (reference weight)");
    x.setRange(-0.03, 1.05);
    NumberAxis y = new NumberAxis("aβλ (3-cycle strength × update strength × on-policy share)");
    y.setRange(0, Math.max(2.2, c * 1.15));
    XYPlot plot = new XYPlot(data, x, y, r);
    TrajectoryPlot.grid(plot);
    plot.addAnnotation(TrajectoryPlot.label("L < 1: global contraction (T7)", 0.03, 0.25, TextAnchor.BOTTOM_LEFT));
    plot.addAnnotation(TrajectoryPlot.label("ρ < 1, L ≥ 1: locally stable, no T7 guarantee", 0.03, 1.3, TextAnchor.BOTTOM_LEFT));
    plot.addAnnotation(TrajectoryPlot.label("ρ > 1: persistent oscillation (T6)", 0.35, 1.95, TextAnchor.BOTTOM_LEFT));
    JFreeChart chart = new JFreeChart("3-cycle family P_a: stability of uniform under MRS-IPO",
        JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.addSubtitle(new TextTitle("a = " + Rationals.format(a) + ", " + TrajectoryPlot.subtitle(params)
        + "  →  point (α, aβλ) = (" + String.format(Locale.ROOT, "%.4g, %.4g", alpha, c) + ")"));
    Plots.style(chart);
    return chart;
  }

  private static JFreeChart eigenvalueChart(MrsParameters params, List<double[]> eigenvalues) {
    XYSeries circle = new XYSeries("unit circle |z| = 1", false);
    for (int i = 0; i <= 360; i++) {
      double t = Math.toRadians(i);
      circle.add(Math.cos(t), Math.sin(t));
    }
    XYSeries eig = new XYSeries("eigenvalues of the Jacobian on 1^⊥", false);
    double m = 1.1;
    for (double[] z : eigenvalues) {
      eig.add(z[0], z[1]);
      m = Math.max(m, 1.1 * Math.hypot(z[0], z[1]));
    }
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(circle);
    data.addSeries(eig);
    XYLineAndShapeRenderer r = Plots.renderer(Plots.Look.line(Color.GRAY, null),
        Plots.Look.marker(new Color(200, 40, 40), new Ellipse2D.Double(-5, -5, 10, 10)));
    NumberAxis x = new NumberAxis("Re");
    x.setRange(-m, m);
    NumberAxis y = new NumberAxis("Im");
    y.setRange(-m, m);
    XYPlot plot = new XYPlot(data, x, y, r);
    TrajectoryPlot.grid(plot);
    JFreeChart chart = new JFreeChart("Jacobian eigenvalues at the fixed point", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.addSubtitle(new TextTitle(TrajectoryPlot.subtitle(params)));
    Plots.style(chart);
    return chart;
  }
}
