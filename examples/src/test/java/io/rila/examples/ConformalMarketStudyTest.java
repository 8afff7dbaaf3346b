package io.rila.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.rila.bootstrap.BootstrapRidgeEnsemble;
import io.rila.bootstrap.CalibratedIntervals;
import io.rila.bootstrap.EnsembleModel;
import io.rila.bootstrap.PredictionInterval;
import io.rila.bootstrap.PredictionIntervals;
import io.rila.bootstrap.Summary;
import io.rila.bootstrap.TargetTransform;
import io.rila.core.frame.Frame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The synthetic-market cells of the conformal coverage study in {@code docs/calibration.md}.
 * Replication {@code r} generates {@link SyntheticRilaMarket#generate(int, long)} with 260 weeks
 * and seed {@code 1000 + r}, builds the {@link BacktestExample} model's training table (log1p
 * sales on the own rate now and three weeks ago and the weighted competitor rate two weeks ago,
 * holiday weeks dropped), fits the ensemble (alpha 1, seed 42) on the rows before row {@code c =
 * rows - 1 - r mod 104} (so that the forecast week moves through two years of seasons) with
 * weights {@code 0.99^(weeks before row c)}, and asks whether week {@code c}'s actual sales lie
 * inside each interval: J+aB, EnbPI, EnbPI with decay 0.97, and the members' percentile band of
 * the same level.
 */
class ConformalMarketStudyTest {

  private static final double[] LEVELS = {0.8, 0.9, 0.95};

  private static final class Cell {
    final long[][] hits = new long[4][LEVELS.length];
    final double[][] width = new double[4][LEVELS.length];

    void add(Cell other) {
      for (int m = 0; m < 4; m++) {
        for (int l = 0; l < LEVELS.length; l++) {
          hits[m][l] += other.hits[m][l];
          width[m][l] += other.width[m][l];
        }
      }
    }
  }

  private static void replicate(int r, BootstrapRidgeEnsemble ensemble, Cell cell) {
    Frame frame = BacktestExample.features(SyntheticRilaMarket.generate(260, 1000L + r).weekly());
    double[][] x = frame.toRowMatrix(BacktestExample.FEATURES);
    double[] sales = frame.column("sales");
    int[] weeks = BacktestExample.weekNumbers(frame);
    int c = frame.rows() - 1 - r % 104;
    double[] w = new double[c];
    for (int i = 0; i < c; i++) {
      w[i] = StrictMath.pow(BacktestExample.DECAY, weeks[c] - weeks[i]);
    }
    double[][] train = Arrays.copyOf(x, c);
    double[] target = Arrays.copyOf(sales, c);
    EnsembleModel model = ensemble.fit(train, target, w);
    CalibratedIntervals calibrated =
        PredictionIntervals.enbpi(0.9).calibrate(model, train, target, w);
    for (int l = 0; l < LEVELS.length; l++) {
      double level = LEVELS[l];
      PredictionIntervals[] methods = {
          PredictionIntervals.jackknifePlusAfterBootstrap(level),
          PredictionIntervals.enbpi(level),
          PredictionIntervals.enbpi(level).withDecay(0.97)};
      for (int m = 0; m < 3; m++) {
        PredictionInterval interval = calibrated.with(methods[m]).interval(x[c]);
        score(cell, m, l, interval.lower(), interval.upper(), sales[c]);
      }
      Summary band = model.predict(x[c], (1 - level) / 2, (1 + level) / 2);
      score(cell, 3, l, band.quantileAt(0), band.quantileAt(1), sales[c]);
    }
  }

  private static void score(Cell cell, int m, int l, double lower, double upper, double actual) {
    if (actual >= lower && actual <= upper) {
      cell.hits[m][l]++;
    }
    cell.width[m][l] += (upper - lower) / actual;
  }

  private static Cell run(int n, int members, int threads) throws Exception {
    BootstrapRidgeEnsemble ensemble = BootstrapRidgeEnsemble.newBuilder().estimators(members)
        .alpha(1.0).seed(42L).targetTransform(TargetTransform.LOG1P).executor(Runnable::run)
        .build();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      Cell[] cells = new Cell[threads];
      Future<?>[] parts = new Future<?>[threads];
      for (int t = 0; t < threads; t++) {
        int part = t;
        cells[t] = new Cell();
        parts[t] = pool.submit(() -> {
          for (int r = part; r < n; r += threads) {
            replicate(r, ensemble, cells[part]);
          }
        });
      }
      Cell total = new Cell();
      for (int t = 0; t < threads; t++) {
        parts[t].get();
        total.add(cells[t]);
      }
      return total;
    } finally {
      pool.shutdown();
    }
  }

  /**
   * 60 markets, 100 members: the 90% J+aB interval holds the forecast week's sales in most of them
   * (standard error about 4 points), the 90% band of the members far less often.
   */
  @Test
  void study_smallMarketDesign() throws Exception {
    Cell cell = run(60, 100, 2);
    assertThat(cell.hits[0][1] / 60.0).isBetween(0.75, 1.0);
    assertThat(cell.hits[3][1]).isLessThan(cell.hits[0][1] / 2);
  }

  /**
   * {@code mvn -B -q -pl examples -am test -Dtest=ConformalMarketStudyTest#study_fullTable
   * -Dsurefire.failIfNoSpecifiedTests=false -Drila.conformalMarketStudy=1000} writes
   * target/conformal-market-study.md (widths relative to the actual sales).
   */
  @Test
  @Tag("study")
  @EnabledIfSystemProperty(named = "rila.conformalMarketStudy", matches = "\\d+")
  void study_fullTable() throws Exception {
    int n = Integer.parseInt(System.getProperty("rila.conformalMarketStudy"));
    int threads = Runtime.getRuntime().availableProcessors();
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
        "%d synthetic markets per cell, forecast week rows - 1 - r mod 104%n%n| members | level | J+aB | EnbPI |"
            + " EnbPI decay 0.97 | percentile band | width J+aB | width EnbPI | width decay |"
            + " width band | seconds |%n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|%n",
        n));
    for (int members : new int[] {100, 1000}) {
      long start = System.nanoTime();
      Cell cell = run(n, members, threads);
      double seconds = (System.nanoTime() - start) / 1e9;
      for (int l = 0; l < LEVELS.length; l++) {
        out.append(String.format(Locale.ROOT,
            "| %d | %.2f | %s | %s | %s | %s | %.3f | %.3f | %.3f | %.3f | %s |%n", members,
            LEVELS[l], share(cell.hits[0][l], n), share(cell.hits[1][l], n),
            share(cell.hits[2][l], n), share(cell.hits[3][l], n), cell.width[0][l] / n,
            cell.width[1][l] / n, cell.width[2][l] / n, cell.width[3][l] / n,
            l == 0 ? String.format(Locale.ROOT, "%.1f", seconds) : ""));
      }
    }
    Files.writeString(Path.of("target", "conformal-market-study.md"), out.toString());
    System.out.println(out);
  }

  private static String share(long hits, long n) {
    double c = hits / (double) n;
    return String.format(Locale.ROOT, "%.3f +- %.3f", c, Math.sqrt(c * (1 - c) / n));
  }
}
