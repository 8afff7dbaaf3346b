package io.rila.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.rila.bootstrap.internal.LinearModelSimulation;
import io.rila.core.random.MemberRandom;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The coverage study of the conformal prediction intervals in {@code docs/calibration.md}: how
 * often each interval holds the actual value of a new row, next to the members' percentile band of
 * the same level, on data drawn from {@code y_t = 1 + x_t . (1, -0.5, 0.25) + u_t} ({@link
 * LinearModelSimulation}: independent rows, or AR(1) noise and features with phi = 0.6).
 *
 * <p>Replication {@code r} draws {@code 100 + 20} rows from stream {@code 2r} of seed 2024, fits
 * the ensemble (alpha 1, its seed {@code new MemberRandom(42, 2r + 1).nextLong()}) on the first
 * 100 and scores:
 *
 * <ul>
 *   <li>the next row (row 100): J+aB, EnbPI, EnbPI with decay 0.97, and the percentile band, at
 *       levels 0.8, 0.9 and 0.95;
 *   <li>the 20 rows after the fit, one by one, without refitting (level 0.9): EnbPI with its
 *       residual window updated by each actual as it arrives, EnbPI and J+aB left as calibrated.
 * </ul>
 *
 * <p>The small test below runs in CI; {@code -Drila.conformalStudy=N} runs the full table with
 * {@code N} replications per cell and writes {@code target/conformal-study.md}.
 */
class ConformalCoverageStudyTest {

  private static final double[] BETA = {1.0, -0.5, 0.25};
  private static final double[] LEVELS = {0.8, 0.9, 0.95};
  private static final int ROWS = 100;
  private static final int STREAM = 20;

  /** Hits and summed widths of one cell, by method then level. */
  private static final class Cell {
    final long[][] hits = new long[4][LEVELS.length];
    final double[][] width = new double[4][LEVELS.length];
    final long[] streamHits = new long[3];
    final double[] streamWidth = new double[3];
    int replications;

    void add(Cell other) {
      for (int m = 0; m < 4; m++) {
        for (int l = 0; l < LEVELS.length; l++) {
          hits[m][l] += other.hits[m][l];
          width[m][l] += other.width[m][l];
        }
      }
      for (int m = 0; m < 3; m++) {
        streamHits[m] += other.streamHits[m];
        streamWidth[m] += other.streamWidth[m];
      }
      replications += other.replications;
    }
  }

  /** One replication of the study, added to {@code cell}. */
  private static void replicate(int r, double phi, BootstrapRidgeEnsemble ensemble, Cell cell) {
    LinearModelSimulation simulation = new LinearModelSimulation(1.0, BETA, 1.0, phi, phi);
    double[][] x = new double[ROWS + STREAM][BETA.length];
    double[] y = new double[ROWS + STREAM];
    simulation.draw(2024, 2L * r, x, y, new double[BETA.length]);
    double[][] train = Arrays.copyOf(x, ROWS);
    double[] target = Arrays.copyOf(y, ROWS);
    long seed = new MemberRandom(42, 2L * r + 1).nextLong();
    EnsembleModel model = ensemble.withSeedAndExecutor(seed, Runnable::run).fit(train, target);
    double[] next = x[ROWS];
    double actual = y[ROWS];
    CalibratedIntervals calibrated =
        PredictionIntervals.enbpi(0.9).calibrate(model, train, target);
    for (int l = 0; l < LEVELS.length; l++) {
      double level = LEVELS[l];
      PredictionIntervals[] methods = {
          PredictionIntervals.jackknifePlusAfterBootstrap(level),
          PredictionIntervals.enbpi(level),
          PredictionIntervals.enbpi(level).withDecay(0.97)};
      for (int m = 0; m < methods.length; m++) {
        PredictionInterval interval = calibrated.with(methods[m]).interval(next);
        score(cell, m, l, interval.lower(), interval.upper(), actual);
      }
      Summary band = model.predict(next, (1 - level) / 2, (1 + level) / 2);
      score(cell, 3, l, band.quantileAt(0), band.quantileAt(1), actual);
    }
    CalibratedIntervals updated = calibrated;
    CalibratedIntervals fixed = calibrated;
    CalibratedIntervals jab =
        calibrated.with(PredictionIntervals.jackknifePlusAfterBootstrap(0.9));
    for (int t = ROWS; t < ROWS + STREAM; t++) {
      CalibratedIntervals[] streams = {updated, fixed, jab};
      for (int m = 0; m < 3; m++) {
        PredictionInterval interval = streams[m].interval(x[t]);
        if (interval.contains(y[t])) {
          cell.streamHits[m]++;
        }
        cell.streamWidth[m] += interval.width();
      }
      updated = updated.update(x[t], y[t]);
    }
    cell.replications++;
  }

  private static void score(Cell cell, int m, int l, double lower, double upper, double actual) {
    if (actual >= lower && actual <= upper) {
      cell.hits[m][l]++;
    }
    cell.width[m][l] += upper - lower;
  }

  /** Replications 0 .. n - 1 on {@code threads} threads (each its own cell, then summed). */
  private static Cell run(int n, double phi, BootstrapRidgeEnsemble ensemble, int threads)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      Future<?>[] parts = new Future<?>[threads];
      Cell[] cells = new Cell[threads];
      for (int t = 0; t < threads; t++) {
        int part = t;
        cells[t] = new Cell();
        parts[t] = pool.submit(() -> {
          for (int r = part; r < n; r += threads) {
            replicate(r, phi, ensemble, cells[part]);
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
   * 200 replications, 100 members, independent rows: the 90% J+aB interval covers within 3.3
   * standard errors (2.1 points each) of 90%, the 90% percentile band far less; EnbPI updated
   * along a stream of 20 rows also stays near 90%.
   */
  @Test
  void study_smallIndependentDesign() throws Exception {
    Cell cell = run(200, 0.0, BootstrapRidgeEnsemble.newBuilder().estimators(100).alpha(1.0)
        .seed(42).build(), 2);
    double jab = cell.hits[0][1] / 200.0;
    double band = cell.hits[3][1] / 200.0;
    double stream = cell.streamHits[0] / (200.0 * STREAM);
    assertThat(jab).isBetween(0.83, 0.97);
    assertThat(band).isLessThan(0.5);
    assertThat(stream).isBetween(0.86, 0.94);
  }

  /**
   * {@code mvn -B -q -pl rila-bootstrap -am test -Dtest=ConformalCoverageStudyTest#study_fullTable
   * -Dsurefire.failIfNoSpecifiedTests=false -Drila.conformalStudy=10000} writes
   * target/conformal-study.md.
   */
  @Test
  @Tag("study")
  @EnabledIfSystemProperty(named = "rila.conformalStudy", matches = "\\d+")
  void study_fullTable() throws Exception {
    int n = Integer.parseInt(System.getProperty("rila.conformalStudy"));
    int threads = Runtime.getRuntime().availableProcessors();
    StringBuilder single = new StringBuilder();
    StringBuilder stream = new StringBuilder();
    single.append("| design | resampling | members | level | J+aB | EnbPI | EnbPI decay 0.97 |"
        + " percentile band | width J+aB | width EnbPI | width decay | width band | seconds |\n"
        + "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    stream.append("| design | resampling | members | EnbPI, window updated | EnbPI, as calibrated |"
        + " J+aB, as calibrated | width updated | width as calibrated | width J+aB |\n"
        + "|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (double phi : new double[] {0.0, 0.6}) {
      String design = phi == 0 ? "independent" : "AR(1) 0.6";
      List<Resampling> schemes = phi == 0 ? List.of(Resampling.iid())
          : List.of(Resampling.iid(), Resampling.movingBlock(8));
      for (Resampling scheme : schemes) {
        for (int members : new int[] {100, 1000}) {
          BootstrapRidgeEnsemble ensemble = BootstrapRidgeEnsemble.newBuilder()
              .estimators(members).alpha(1.0).seed(42).resampling(scheme).build();
          long start = System.nanoTime();
          Cell cell = run(n, phi, ensemble, threads);
          double seconds = (System.nanoTime() - start) / 1e9;
          for (int l = 0; l < LEVELS.length; l++) {
            single.append(String.format(Locale.ROOT,
                "| %s | %s | %d | %.2f | %s | %s | %s | %s | %.3f | %.3f | %.3f | %.3f | %s |%n",
                design, scheme, members, LEVELS[l], share(cell.hits[0][l], n),
                share(cell.hits[1][l], n), share(cell.hits[2][l], n), share(cell.hits[3][l], n),
                cell.width[0][l] / n, cell.width[1][l] / n, cell.width[2][l] / n,
                cell.width[3][l] / n, l == 0 ? String.format(Locale.ROOT, "%.1f", seconds) : ""));
          }
          long total = (long) n * STREAM;
          stream.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %.3f | %.3f |"
                  + " %.3f |%n", design, scheme, members, share(cell.streamHits[0], total),
              share(cell.streamHits[1], total), share(cell.streamHits[2], total),
              cell.streamWidth[0] / total, cell.streamWidth[1] / total,
              cell.streamWidth[2] / total));
          System.out.println(design + " " + scheme + " " + members + " done in " + seconds + " s");
        }
      }
    }
    String out = String.format(Locale.ROOT, "%d replications per cell, %d rows, next row%n%n%s"
        + "%nlevel 0.9, the %d rows after the fit, no refit%n%n%s", n, ROWS, single, STREAM,
        stream);
    Files.writeString(Path.of("target", "conformal-study.md"), out);
    System.out.println(out);
  }

  /** {@code 0.903 +- 0.007}: the share and its binomial standard error. */
  private static String share(long hits, long n) {
    double c = hits / (double) n;
    return String.format(Locale.ROOT, "%.3f +- %.3f", c, Math.sqrt(c * (1 - c) / n));
  }
}
