package io.rila.benchmarks.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Writes the report's PNG line charts (log-log axes) with JFreeChart, headless. */
final class LineChart {

  private static final int WIDTH = 800;
  private static final int HEIGHT = 500;
  private static final Color[] COLORS = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
    new Color(0x7f7f7f)
  };

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<XYSeries> series = new ArrayList<>();
  private final List<Boolean> dashed = new ArrayList<>();

  LineChart(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  /**
   * Adds a line through the points whose {@code y} is a positive number; a series without such a
   * point is left out.
   */
  LineChart line(String name, double[] x, double[] y, boolean isDashed) {
    XYSeries s = new XYSeries(name);
    for (int i = 0; i < x.length; i++) {
      if (y[i] > 0 && Double.isFinite(y[i])) {
        s.add(x[i], y[i]);
      }
    }
    if (s.getItemCount() > 0) {
      series.add(s);
      dashed.add(isDashed);
    }
    return this;
  }

  /** Whether any line has a point. */
  boolean hasData() {
    return !series.isEmpty();
  }

  /** Writes the chart as a PNG. */
  void write(Path file, int xBase) throws IOException {
    XYSeriesCollection data = new XYSeriesCollection();
    for (XYSeries s : series) {
      data.addSeries(s);
    }
    LogAxis x = new LogAxis(xLabel);
    x.setBase(xBase);
    x.setTickUnit(new NumberTickUnit(1));
    x.setMinorTickMarksVisible(false);
    x.setSmallestValue(0.5);
    DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
    x.setNumberFormatOverride(new DecimalFormat("#,##0", symbols));
    LogAxis y = new LogAxis(yLabel);
    y.setBase(10);
    y.setTickUnit(new NumberTickUnit(1));
    y.setMinorTickMarksVisible(false);
    y.setNumberFormatOverride(new DecimalFormat("0.######", symbols));
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    for (int i = 0; i < series.size(); i++) {
      renderer.setSeriesPaint(i, COLORS[i % COLORS.length]);
      renderer.setSeriesStroke(i, dashed.get(i)
          ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
              new float[] {6, 4}, 0)
          : new BasicStroke(2f));
    }
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
  }
}
