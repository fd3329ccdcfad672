package prefdyn.cli;

import java.awt.Color;
import java.awt.Paint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.CategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.DefaultCategoryDataset;
import prefdyn.catalogue.Margin;
import prefdyn.num.Precision;
import prefdyn.search.CheckResult;
import prefdyn.catalogue.Verdict;

/**
 * The {@code check --report DIR} report: report.md with the results table and two PNG figures
 * (JFreeChart), each file written atomically, the figures first, so that report.md never points
 * to a missing figure.
 */
final class CheckReport {
  private static final Color HOLDS = new Color(0x2e7d32);
  private static final Color VIOLATED = new Color(0xc62828);
  private static final Color UNDECIDED = new Color(0xef6c00);
  private static final Color ERROR = new Color(0x6a1b9a);

  private CheckReport() {}

  static void write(Path dir, List<CheckResult> results, Precision precision, long seed, double seconds, String command) {
    System.setProperty("java.awt.headless", "true");
    double threshold = symlogThreshold(results);
    Output.writeAtomically(dir.resolve("margins.png"), png(marginChart(results, threshold), results.size()));
    Output.writeAtomically(dir.resolve("times.png"), png(timeChart(results), results.size()));
    Output.writeAtomically(dir.resolve("report.md"),
        markdown(results, precision, seed, seconds, command, threshold).getBytes(StandardCharsets.UTF_8));
  }

  static String markdown(List<CheckResult> results, Precision precision, long seed, double seconds, String command,
      double threshold) {
    StringBuilder md = new StringBuilder();
    long held = results.stream().filter(CheckResult::holds).count();
    md.append("# prefdyn check report\n\n");
    md.append("Proof companion for Chen, He, Jordan, Yao, *How Sampling Shapes LLM Alignment* (arXiv:2602.12180).\n\n");
    md.append("- Command: `").append(command).append("`\n");
    md.append("- Result: **").append(held).append(" of ").append(results.size()).append(" statements hold**\n");
    md.append(String.format(Locale.ROOT, "- Seed %d, %d digits, %.1f s wall time, %s%n%n", seed, precision.digits(),
        seconds, Instant.now().truncatedTo(ChronoUnit.SECONDS)));
    md.append("Every margin is an enclosure [lo, hi] that provably contains the true margin (lo = hi when exact). ")
        .append("A statement *holds* when every drawn instance has lo > 0 (lo ≥ 0 for non-strict statements), ")
        .append("is *violated* when some instance has hi < 0 (hi ≤ 0 for strict statements), and is *undecided* ")
        .append("when some enclosure still straddles the boundary at the precision cap (digits are doubled up to it) ")
        .append("or no enclosure was obtained. The smallest margin is the interval minimum over the drawn instances.\n\n");
    md.append("| ID | statement | kind | tries | status | smallest margin [enclosure] | digits | time |\n");
    md.append("|---|---|---|---:|---|---:|---:|---:|\n");
    for (CheckResult r : results) {
      md.append("| ").append(r.statement().id()).append(" | ").append(escape(r.statement().title())).append(" | ")
          .append(r.statement().kind().label()).append(" | ").append(CheckCommand.triesText(r)).append(" | ")
          .append(r.holds() ? r.status().label() : "**" + r.status().label() + "**").append(" | ")
          .append(CheckCommand.shortMargin(r.minMargin())).append(" | ")
          .append(CheckCommand.digitsText(r)).append(" | ")
          .append(String.format(Locale.ROOT, "%.1f s", r.seconds())).append(" |\n");
    }
    md.append("\n## Smallest margin per statement\n\n");
    md.append(String.format(Locale.ROOT,
        "Symmetric log scale: a bar of height y means a margin m with y = sign(m)·log10(1 + |m|/t), t = %.0e. "
            + "Green holds, red violated, orange undecided, purple error.%n%n", threshold));
    md.append("![smallest margins](margins.png)\n\n");
    md.append("## Time per statement\n\n![time per statement](times.png)\n");
    boolean header = false;
    for (CheckResult r : results) {
      if (r.holds()) {
        continue;
      }
      if (!header) {
        md.append("\n## Statements that do not hold\n");
        header = true;
      }
      md.append("\n### ").append(r.statement().id()).append(": ").append(r.status().label()).append("\n\n```\n")
          .append(CheckCommand.details(r, precision)).append("```\n");
    }
    return md.toString();
  }

  private static String escape(String s) {
    return s.replace("|", "\\|");
  }

  /** The linear threshold of the symmetric log scale: a decade below the smallest nonzero |margin|. */
  static double symlogThreshold(List<CheckResult> results) {
    double smallest = 1e-3;
    for (CheckResult r : results) {
      Margin m = r.minMargin();
      if (m != null) {
        double a = Math.abs(m.value().doubleValue());
        if (a > 0 && a < smallest) {
          smallest = a;
        }
      }
    }
    return Math.max(1e-40, smallest / 10);
  }

  static double symlog(double m, double t) {
    return Math.signum(m) * Math.log10(1 + Math.abs(m) / t);
  }

  private static JFreeChart marginChart(List<CheckResult> results, double t) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    Paint[] paints = new Paint[results.size()];
    for (int i = 0; i < results.size(); i++) {
      CheckResult r = results.get(i);
      Margin m = r.minMargin();
      data.addValue(m == null ? 0 : symlog(m.value().doubleValue(), t), "margin", r.statement().id());
      paints[i] = color(r.status());
    }
    String[] labels = new String[results.size()];
    for (int i = 0; i < results.size(); i++) {
      CheckResult r = results.get(i);
      labels[i] = CheckCommand.shortMargin(r.minMargin()).replace(" (exact)", "")
          + (r.holds() ? "" : " " + r.status().label());
    }
    return chart("Smallest margin per statement (symmetric log)", "sign(m)·log10(1+|m|/t)", data, paints, labels);
  }

  private static JFreeChart timeChart(List<CheckResult> results) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    Paint[] paints = new Paint[results.size()];
    for (int i = 0; i < results.size(); i++) {
      CheckResult r = results.get(i);
      data.addValue(r.seconds(), "time", r.statement().id());
      paints[i] = color(r.status());
    }
    String[] labels = new String[results.size()];
    for (int i = 0; i < results.size(); i++) {
      labels[i] = String.format(Locale.ROOT, "%.1f", results.get(i).seconds());
    }
    return chart("Time per statement", "seconds", data, paints, labels);
  }

  private static Color color(Verdict s) {
    return switch (s) {
      case HOLDS -> HOLDS;
      case VIOLATED -> VIOLATED;
      case UNDECIDED -> UNDECIDED;
      case ERROR -> ERROR;
    };
  }

  private static JFreeChart chart(String title, String yLabel, DefaultCategoryDataset data, Paint[] paints, String[] labels) {
    BarRenderer renderer = new BarRenderer() {
      private static final long serialVersionUID = 1L;

      @Override
      public Paint getItemPaint(int row, int column) {
        return column < paints.length ? paints[column] : HOLDS;
      }
    };
    renderer.setBarPainter(new StandardBarPainter());
    // each bar carries its value as text, so zero margins (no bar) still show
    renderer.setDefaultItemLabelGenerator(new CategoryItemLabelGenerator() {
      @Override
      public String generateRowLabel(CategoryDataset dataset, int row) {
        return "";
      }

      @Override
      public String generateColumnLabel(CategoryDataset dataset, int column) {
        return "";
      }

      @Override
      public String generateLabel(CategoryDataset dataset, int row, int column) {
        return column < labels.length ? labels[column] : "";
      }
    });
    renderer.setDefaultItemLabelsVisible(true);
    renderer.setDefaultItemLabelFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 10));
    renderer.setShadowVisible(false);
    CategoryAxis x = new CategoryAxis("statement");
    x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    NumberAxis y = new NumberAxis(yLabel);
    y.setUpperMargin(0.12); // room for the labels
    CategoryPlot plot = new CategoryPlot(data, x, y, renderer);
    plot.setOrientation(PlotOrientation.VERTICAL);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  private static byte[] png(JFreeChart chart, int bars) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(bytes, chart, Math.max(640, 40 * bars + 160), 420);
    } catch (IOException e) {
      throw new IllegalStateException("cannot render a chart: " + e.getMessage(), e);
    }
    return bytes.toByteArray();
  }
}
