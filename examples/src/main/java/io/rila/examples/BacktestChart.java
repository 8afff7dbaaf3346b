package io.rila.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.TimeZone;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Draws a backtest as a PNG (JFreeChart, examples only): the actual weekly sales, the forecasts,
 * the members' percentile band (an interval for the expected sales) and the conformal prediction
 * interval (an interval for the week's actual sales).
 */
final class BacktestChart {

  private BacktestChart() {}

  /**
   * Writes the chart atomically; returns {@code null} on success, or why it was skipped when the
   * JVM cannot render (a headless runtime without fonts). Sales are drawn in millions.
   *
   * @throws IOException if the file cannot be written
   */
  static String write(Path file, String title, LocalDate[] dates, double[] actuals,
      double[] forecasts, double[] bandLow, double[] bandHigh, String bandLabel,
      double[] intervalLow, double[] intervalHigh, String intervalLabel) throws IOException {
    System.setProperty("java.awt.headless", "true");
    YIntervalSeries interval = new YIntervalSeries(intervalLabel);
    YIntervalSeries band = new YIntervalSeries(bandLabel);
    XYSeries actual = new XYSeries("actual sales");
    double m = 1e6;
    for (int i = 0; i < dates.length; i++) {
      double t = dates[i].atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      interval.add(t, forecasts[i] / m, intervalLow[i] / m, intervalHigh[i] / m);
      band.add(t, forecasts[i] / m, bandLow[i] / m, bandHigh[i] / m);
      actual.add(t, actuals[i] / m);
    }
    YIntervalSeriesCollection bands = new YIntervalSeriesCollection();
    bands.addSeries(interval);
    bands.addSeries(band);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      DeviationRenderer fills = new DeviationRenderer(true, false);
      fills.setSeriesPaint(0, new Color(0xff7f0e));
      fills.setSeriesFillPaint(0, new Color(0xff7f0e));
      fills.setSeriesStroke(0, new BasicStroke(1f));
      fills.setSeriesPaint(1, new Color(0x1f77b4));
      fills.setSeriesFillPaint(1, new Color(0x1f77b4));
      fills.setSeriesStroke(1, new BasicStroke(2f));
      fills.setAlpha(0.3f);
      DateAxis time = new DateAxis("forecast week");
      time.setTimeZone(TimeZone.getTimeZone("UTC"));
      NumberAxis sales = new NumberAxis("weekly sales ($ million)");
      sales.setAutoRangeIncludesZero(false);
      XYPlot plot = new XYPlot(bands, time, sales, fills);
      plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
      XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
      dots.setSeriesPaint(0, Color.BLACK);
      dots.setSeriesShape(0, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
      plot.setDataset(1, new XYSeriesCollection(actual));
      plot.setRenderer(1, dots);
      plot.setBackgroundPaint(Color.WHITE);
      plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
      plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
      JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
      chart.setBackgroundPaint(Color.WHITE);
      ChartUtils.saveChartAsPNG(tmp.toFile(), chart, 1000, 540);
    } catch (InternalError | LinkageError | UnsupportedOperationException e) {
      Files.deleteIfExists(tmp);
      return "this Java runtime cannot render charts (" + e + ")";
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return null;
  }
}
