package prefdyn.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
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

  /** Draws charts side by side (equal widths) into one PNG, written atomically. */
  public static byte[] png(int width, int height, JFreeChart... charts) {
    System.setProperty("java.awt.headless", "true");
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    double w = (double) width / charts.length;
    for (int i = 0; i < charts.length; i++) {
      charts[i].draw(g, new Rectangle2D.Double(i * w, 0, w, height));
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

  static void style(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
  }
}
