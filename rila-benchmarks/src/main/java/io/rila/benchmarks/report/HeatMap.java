package io.rila.benchmarks.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Writes the grid's speed-up heat map as a PNG with Java2D, headless: one cell per rows x
 * features, coloured on a log scale (red below 1x, white at 1x, green above), the speed-up and the
 * solve form printed in it, grey where the cell was not measured.
 */
final class HeatMap {

  private static final int CELL_W = 130;
  private static final int CELL_H = 56;
  private static final int LEFT = 110;
  private static final int TOP = 70;
  /** The speed-up that gets the full colour (and beyond). */
  private static final double FULL = 100;

  private HeatMap() {}

  /**
   * Writes the map.
   *
   * @param file the PNG to write
   * @param title the title
   * @param rows the row labels (top to bottom)
   * @param columns the column labels (left to right)
   * @param speedups {@code speedups[r][c]}, NaN where not measured
   * @param notes a short note per cell printed under the speed-up (may be null or empty)
   */
  static void write(Path file, String title, String[] rows, String[] columns, double[][] speedups,
      String[][] notes) throws IOException {
    int width = LEFT + CELL_W * columns.length + 20;
    int height = TOP + CELL_H * rows.length + 50;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
          RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
      g.drawString(title, LEFT, 24);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
      g.drawString("features", LEFT + CELL_W * columns.length / 2 - 25, 46);
      g.drawString("rows", 12, TOP - 8);
      for (int c = 0; c < columns.length; c++) {
        centred(g, columns[c], LEFT + c * CELL_W + CELL_W / 2, TOP - 8);
      }
      for (int r = 0; r < rows.length; r++) {
        int y = TOP + r * CELL_H;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(rows[r], 12, y + CELL_H / 2 + 5);
        for (int c = 0; c < columns.length; c++) {
          int x = LEFT + c * CELL_W;
          double s = speedups[r][c];
          g.setColor(Double.isNaN(s) ? new Color(0xdddddd) : colour(s));
          g.fillRect(x, y, CELL_W, CELL_H);
          g.setColor(Color.GRAY);
          g.setStroke(new BasicStroke(1));
          g.drawRect(x, y, CELL_W, CELL_H);
          g.setColor(Color.BLACK);
          g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
          centred(g, Double.isNaN(s) ? "not run" : Units.ratio(s, 1), x + CELL_W / 2,
              y + CELL_H / 2 + (notes == null ? 5 : 0));
          if (notes != null && notes[r][c] != null && !notes[r][c].isEmpty()) {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            centred(g, notes[r][c], x + CELL_W / 2, y + CELL_H / 2 + 17);
          }
        }
      }
      g.setColor(Color.DARK_GRAY);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      String legend = String.format(Locale.ROOT,
          "speed-up: red below 1x, white 1x, green above (full at %.0fx)", FULL);
      g.drawString(legend, LEFT, TOP + CELL_H * rows.length + 30);
    } finally {
      g.dispose();
    }
    ImageIO.write(image, "png", file.toFile());
  }

  /** White at 1x, towards red below and towards green above, on a log scale. */
  static Color colour(double speedup) {
    double t = Math.max(-1, Math.min(1, Math.log(speedup) / Math.log(FULL)));
    if (t >= 0) {
      return blend(Color.WHITE, new Color(0x2ca02c), t);
    }
    return blend(Color.WHITE, new Color(0xd62728), Math.min(1, -3 * t));
  }

  private static Color blend(Color from, Color to, double t) {
    return new Color(
        (int) Math.round(from.getRed() + t * (to.getRed() - from.getRed())),
        (int) Math.round(from.getGreen() + t * (to.getGreen() - from.getGreen())),
        (int) Math.round(from.getBlue() + t * (to.getBlue() - from.getBlue())));
  }

  private static void centred(Graphics2D g, String text, int x, int y) {
    FontMetrics metrics = g.getFontMetrics();
    g.drawString(text, x - metrics.stringWidth(text) / 2, y);
  }
}
