package prefdyn.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import prefdyn.num.InvalidParameter;

/**
 * Shared picture plumbing (JFreeChart, headless). Pictures are PNG: JFreeChart 1.5.6 has no SVG
 * export of its own (that lives in the separate JFreeSVG library, which is not a dependency).
 */
public final class Plots {
  private Plots() {}

  static {
    System.setProperty("java.awt.headless", "true");
  }

  /**
   * Validates a picture path before any work: it must end in .png.
   *
   * @param field the parameter that names the picture, for the error ({@code "plot"})
   */
  public static Path requirePng(String file, String field) {
    String lower = file.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".svg")) {
      throw new InvalidParameter(field, "the picture " + file + " must be a .png file (JFreeChart 1.5.6 has no SVG export)");
    }
    if (!lower.endsWith(".png")) {
      throw new InvalidParameter(field, "the picture " + file + " must be a .png file");
    }
    return Path.of(file);
  }

  /** Draws charts side by side (equal widths) into one PNG. */
  public static byte[] png(int width, int height, JFreeChart... charts) {
    return png(width, height, null, List.of(charts));
  }

  /**
   * Draws charts side by side (equal widths) into one PNG, with a caption line under them when
   * {@code caption} is not null (text antialiased then, for the caption's sake).
   */
  public static byte[] png(int width, int height, @Nullable String caption, List<JFreeChart> charts) {
    System.setProperty("java.awt.headless", "true");
    int captionHeight = caption == null ? 0 : 34;
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    if (caption != null) {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    }
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    double w = (double) width / charts.size();
    for (int i = 0; i < charts.size(); i++) {
      charts.get(i).draw(g, new Rectangle2D.Double(i * w, 0, w, height - captionHeight));
    }
    if (caption != null) {
      g.setColor(Color.DARK_GRAY);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
      g.drawString(caption, 16, height - 12);
    }
    g.dispose();
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      ChartUtils.writeBufferedImageAsPNG(bytes, img);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode PNG: " + e.getMessage(), e);
    }
  }

  /**
   * How one series of an XY chart is drawn: a line (no markers; {@code stroke} null for the
   * default) or markers of {@code shape} (no line).
   */
  record Look(boolean line, Paint paint, @Nullable Stroke stroke, @Nullable Shape shape) {
    static Look line(Paint paint, @Nullable Stroke stroke) {
      return new Look(true, paint, stroke, null);
    }

    static Look marker(Paint paint, Shape shape) {
      return new Look(false, paint, null, shape);
    }
  }

  /** A renderer that draws series i as {@code looks[i]}. */
  static XYLineAndShapeRenderer renderer(Look... looks) {
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
    for (int i = 0; i < looks.length; i++) {
      Look l = looks[i];
      r.setSeriesLinesVisible(i, l.line());
      r.setSeriesShapesVisible(i, !l.line());
      r.setSeriesPaint(i, l.paint());
      Stroke stroke = l.stroke();
      if (stroke != null) {
        r.setSeriesStroke(i, stroke);
      }
      Shape shape = l.shape();
      if (shape != null) {
        r.setSeriesShape(i, shape);
      }
    }
    return r;
  }

  static void style(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
  }
}
