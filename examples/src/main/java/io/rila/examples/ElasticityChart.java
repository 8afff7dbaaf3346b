package io.rila.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/** Draws the elasticity curve with its 95% band as a PNG (JFreeChart, examples only). */
final class ElasticityChart {

  private ElasticityChart() {}

  /**
   * Writes the chart atomically; returns {@code null} on success, or why it was skipped when the
   * JVM cannot render (a headless runtime without fonts).
   *
   * @throws IOException if the file cannot be written
   */
  static String write(Path file, double[] rates, double[] low, double[] median, double[] high,
      double[] truth, double currentRate) throws IOException {
    System.setProperty("java.awt.headless", "true");
    YIntervalSeries estimate = new YIntervalSeries("rila estimate, median and 95% interval");
    YIntervalSeries trueCurve = new YIntervalSeries("true effect (synthetic market)");
    for (int i = 0; i < rates.length; i++) {
      estimate.add(rates[i], median[i], low[i], high[i]);
      if (truth != null) {
        trueCurve.add(rates[i], truth[i], truth[i], truth[i]);
      }
    }
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    data.addSeries(estimate);
    if (truth != null) {
      data.addSeries(trueCurve);
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      DeviationRenderer renderer = new DeviationRenderer(true, false);
      renderer.setSeriesPaint(0, new Color(0x1f77b4));
      renderer.setSeriesFillPaint(0, new Color(0x1f77b4));
      renderer.setSeriesStroke(0, new BasicStroke(2.5f));
      renderer.setSeriesPaint(1, new Color(0xd62728));
      renderer.setSeriesFillPaint(1, new Color(0xd62728));
      renderer.setSeriesStroke(1, new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
          BasicStroke.JOIN_MITER, 1f, new float[] {6f, 4f}, 0f));
      renderer.setAlpha(0.25f);
      XYPlot plot = new XYPlot(data, new NumberAxis("own cap rate (%)"),
          new NumberAxis("change in weekly sales vs current rate (%)"), renderer);
      plot.setBackgroundPaint(Color.WHITE);
      plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
      plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
      plot.addDomainMarker(new ValueMarker(currentRate, Color.GRAY, new BasicStroke(1f)));
      JFreeChart chart = new JFreeChart("Own-rate elasticity, paired bootstrap scenarios",
          JFreeChart.DEFAULT_TITLE_FONT, plot, true);
      chart.setBackgroundPaint(Color.WHITE);
      ChartUtils.saveChartAsPNG(tmp.toFile(), chart, 900, 560);
    } catch (InternalError | LinkageError | UnsupportedOperationException e) {
      Files.deleteIfExists(tmp);
      return "this Java runtime cannot render charts (" + e + ")";
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return null;
  }
}
