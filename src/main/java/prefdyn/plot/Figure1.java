package prefdyn.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.apfloat.Aprational;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import prefdyn.dynamics.LogitPolicy;
import prefdyn.dynamics.MrsMap;
import prefdyn.dynamics.MrsParameters;
import prefdyn.dynamics.ThreeCycleFamily;
import prefdyn.dynamics.Trajectory;
import prefdyn.finite.SampledMrs;
import prefdyn.gen.Matrices;
import prefdyn.num.InvalidParameter;
import prefdyn.num.Precision;
import prefdyn.num.Rationals;
import prefdyn.pref.Distribution;

/**
 * The paper's Figure 1 ({@code prefdyn figure1}, {@code docs/figure1.md}): the policy of MRS-IPO on
 * the 3-cycle {@code P_a} (a = 1/2, {@code examples/cycle.txt}), {@code π_ref = π_0 = uniform},
 * over the first rounds, in three panels: a stable baseline (T6 modulus ρ < 1), a larger α and a
 * larger βλ (both ρ > 1: uniform repels, the policy oscillates). Each panel's title carries ρ,
 * with ρ² = α² + (aβλ)²/3 computed exactly ({@link ThreeCycleFamily#rhoSquared}).
 */
public final class Figure1 {
  private Figure1() {}

  /** The cycle strength a of the figure's matrix P_a. */
  public static final Aprational A = Rationals.HALF;

  /** The start policy π_0 of every panel (near uniform, which is a fixed point). */
  public static final Distribution START = Distribution.of(Rationals.of(2, 5), Rationals.of(7, 20), Rationals.of(1, 4));

  /** Working precision of the population map (the plot itself is drawn in double). */
  public static final Precision PRECISION = new Precision(30);

  /** One panel's parameters. */
  public record Setting(String name, Aprational alpha, Aprational beta, Aprational lambda) {
    public MrsParameters parameters() {
      return MrsParameters.ipo(Matrices.threeCycle(A), alpha, lambda, beta);
    }

    /** ρ² = α² + (aβλ)²/3, exact. */
    public Aprational rhoSquared() {
      return ThreeCycleFamily.rhoSquared(A, alpha, lambda, beta);
    }

    /** ρ to four significant digits (rounded half-even from a 30-digit square root). */
    public String rho() {
      Apfloat r = ApfloatMath.sqrt(PRECISION.real(rhoSquared()));
      return ApfloatMath.round(r, 4, RoundingMode.HALF_EVEN).toString(true);
    }
  }

  /** The three panels: baseline ρ² = 7/12; larger α ρ² = 343/300; larger βλ ρ² = 19/12. */
  public static List<Setting> settings() {
    return List.of(
        new Setting("baseline", Rationals.HALF, Rationals.of(4), Rationals.HALF),
        new Setting("larger α", Rationals.of(9, 10), Rationals.of(4), Rationals.HALF),
        new Setting("larger βλ", Rationals.HALF, Rationals.of(4), Rationals.ONE));
  }

  /** How the panels are computed: the population map, or the finite-sample map of prefdyn.finite. */
  public record Mode(int samples, long seed, int replicates) {
    public static final Mode POPULATION = new Mode(0, 0, 0);

    public boolean sampled() {
      return samples > 0;
    }
  }

  /** One computed panel: policies by round of the shown run, and (optional) the replicate mean. */
  public record Panel(Setting setting, double[][] policy, double @Nullable [][] mean) {}

  /** Computes the panels' trajectories for {@code steps} rounds. */
  public static List<Panel> compute(int steps, Mode mode) {
    List<Panel> out = new ArrayList<>();
    for (Setting s : settings()) {
      MrsMap map = new MrsMap(s.parameters(), PRECISION);
      Apfloat[] theta0 = map.logitsOf(START);
      if (!mode.sampled()) {
        out.add(new Panel(s, policies(map, theta0, steps, null), null));
        continue;
      }
      double[][] first = policies(map, theta0, steps, mode);
      double @Nullable [][] mean = null;
      if (mode.replicates() > 1) {
        double[][] sum = new double[steps + 1][3];
        for (int rep = 0; rep < mode.replicates(); rep++) {
          double[][] run = rep == 0 ? first
              : policies(map, theta0, steps, new Mode(mode.samples(), SampledMrs.replicateSeed(mode.seed(), rep), 1));
          for (int t = 0; t <= steps; t++) {
            for (int i = 0; i < 3; i++) {
              sum[t][i] += run[t][i] / mode.replicates();
            }
          }
        }
        mean = sum;
      }
      out.add(new Panel(s, first, mean));
    }
    return out;
  }

  private static double[][] policies(MrsMap map, Apfloat[] theta0, int steps, @Nullable Mode sampled) {
    double[][] pol = new double[steps + 1][];
    Trajectory.Observer obs = (t, theta) -> {
      Apfloat[] pi = LogitPolicy.policy(theta, map.precision());
      double[] row = new double[pi.length];
      for (int i = 0; i < pi.length; i++) {
        row[i] = pi[i].doubleValue();
      }
      pol[(int) t] = row;
    };
    if (sampled == null) {
      Trajectory.run(map, theta0, steps, 1, obs, null);
    } else {
      SampledMrs.trajectory(map, theta0, steps, 1, obs, sampled.seed(), sampled.samples());
    }
    return pol;
  }

  private static final Color[] COLORS = {new Color(200, 40, 40), new Color(30, 90, 200), new Color(20, 150, 60)};

  /** The panels side by side with a caption line, as a PNG. */
  public static byte[] png(List<Panel> panels, Mode mode) {
    List<JFreeChart> charts = new ArrayList<>();
    for (Panel p : panels) {
      charts.add(chart(p, mode));
    }
    String caption = mode.sampled()
        ? "Finite-sample MRS-IPO (N = " + mode.samples() + " comparisons per round, seed " + mode.seed()
            + (mode.replicates() > 1 ? "; dashed: mean policy of " + mode.replicates() + " seeded replicates" : "")
            + "). P_a, a = 1/2, π_ref = π_0 = uniform, start (0.4, 0.35, 0.25)."
        : "Population MRS-IPO map (computed at " + PRECISION.digits() + " digits, drawn in double). "
            + "P_a, a = 1/2 (examples/cycle.txt), π_ref = π_0 = uniform, start (0.4, 0.35, 0.25). ρ = √(α² + a²β²λ²/3) (T6).";
    return Plots.png(1800, 620, caption, charts);
  }

  private static JFreeChart chart(Panel p, Mode mode) {
    XYSeriesCollection data = new XYSeriesCollection();
    int k = p.policy()[0].length;
    for (int i = 0; i < k; i++) {
      XYSeries s = new XYSeries((mode.sampled() ? "single run π_" : "π_") + i);
      for (int t = 0; t < p.policy().length; t++) {
        s.add(t, p.policy()[t][i]);
      }
      data.addSeries(s);
    }
    double[][] mean = p.mean();
    if (mean != null) {
      for (int i = 0; i < k; i++) {
        XYSeries s = new XYSeries("mean π_" + i);
        for (int t = 0; t < mean.length; t++) {
          s.add(t, mean[t][i]);
        }
        data.addSeries(s);
      }
    }
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
    for (int i = 0; i < k; i++) {
      r.setSeriesPaint(i, COLORS[i % COLORS.length]);
      r.setSeriesStroke(i, new BasicStroke(mean != null ? 1.2f : 2.0f));
      if (mean != null) {
        r.setSeriesPaint(k + i, COLORS[i % COLORS.length].darker());
        r.setSeriesStroke(k + i, new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {7f, 5f}, 0f));
      }
    }
    NumberAxis y = new NumberAxis("policy π_t,i");
    y.setRange(0, 1);
    NumberAxis x = new NumberAxis("iteration t");
    x.setRange(0, p.policy().length - 1);
    XYPlot plot = new XYPlot(data, x, y, r);
    TrajectoryPlot.grid(plot);
    Setting s = p.setting();
    String verdict = s.rhoSquared().compareTo(Rationals.ONE) < 0 ? "stable" : "oscillating";
    JFreeChart chart = new JFreeChart(s.name() + ": ρ = " + s.rho() + " (" + verdict + ")",
        JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.addSubtitle(new TextTitle("α = " + Rationals.format(s.alpha()) + ", β = " + Rationals.format(s.beta()) + ", λ = "
        + Rationals.format(s.lambda()) + ";  ρ² = " + Rationals.format(s.rhoSquared()),
        new Font(Font.SANS_SERIF, Font.PLAIN, 14)));
    Plots.style(chart);
    return chart;
  }

  /** Validates the run length. */
  public static int requireSteps(int steps) {
    if (steps < 1 || steps > 100_000) {
      throw new InvalidParameter("steps", "the number of iterations must be in 1..100000, got " + steps);
    }
    return steps;
  }
}
