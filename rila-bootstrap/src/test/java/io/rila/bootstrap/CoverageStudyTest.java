package io.rila.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rila.bootstrap.internal.LinearModelSimulation;
import io.rila.core.random.MemberRandom;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

class CoverageStudyTest {

  /** numpy's linear quantile from a sorted copy. */
  private static double sortedQuantile(double[] values, double q) {
    double[] s = values.clone();
    Arrays.sort(s);
    double h = (s.length - 1) * q;
    int k = (int) Math.floor(h);
    if (k + 1 >= s.length) {
      return s[s.length - 1];
    }
    return s[k] + (s[k + 1] - s[k]) * (h - k);
  }

  /**
   * Three replications redone by hand: data from stream 2r of the study's seed, an ensemble seeded
   * with MemberRandom(ensemble seed, 2r + 1).nextLong(), intervals from sorted member values; the
   * study's coverages and mean widths are those of these intervals.
   */
  @Test
  void run_intervalsAreThoseOfDirectFits() {
    double[] beta = {1.0, -0.5};
    CoverageResult result = CoverageStudy.newBuilder().rows(40).coefficients(beta)
        .replications(3).level(0.9).seed(7).noiseAutocorrelation(0.3).executor(Runnable::run)
        .build().run(BootstrapRidgeEnsemble.newBuilder().estimators(150).seed(3).build());
    LinearModelSimulation simulation = new LinearModelSimulation(1.0, beta, 1.0, 0.3, 0.0);
    int[] covered = new int[3];
    double[] widths = new double[3];
    for (int r = 0; r < 3; r++) {
      double[][] x = new double[40][2];
      double[] y = new double[40];
      double[] next = new double[2];
      double truth = simulation.draw(7, 2 * r, x, y, next);
      long seed = new MemberRandom(3, 2 * r + 1).nextLong();
      EnsembleModel model = BootstrapRidgeEnsemble.newBuilder().estimators(150).seed(seed)
          .build().fit(x, y);
      double[][] targets = new double[3][];
      targets[0] = model.memberPredictions(next);
      double[] truths = {truth, beta[0], beta[1]};
      for (int j = 0; j < 2; j++) {
        targets[j + 1] = new double[150];
        model.coefficients().copyFeature(j, targets[j + 1]);
      }
      for (int t = 0; t < 3; t++) {
        double lo = sortedQuantile(targets[t], 0.05);
        double hi = sortedQuantile(targets[t], 0.95);
        covered[t] += lo <= truths[t] && truths[t] <= hi ? 1 : 0;
        widths[t] += hi - lo;
      }
    }
    assertThat(result.coverage()).isEqualTo(covered[0] / 3.0);
    assertThat(result.coefficientCoverage(0)).isEqualTo(covered[1] / 3.0);
    assertThat(result.coefficientCoverage(1)).isEqualTo(covered[2] / 3.0);
    assertThat(result.meanWidth()).isCloseTo(widths[0] / 3, within(1e-12));
    assertThat(result.coefficientMeanWidth(0)).isCloseTo(widths[1] / 3, within(1e-12));
    assertThat(result.coefficientMeanWidth(1)).isCloseTo(widths[2] / 3, within(1e-12));
    assertThat(result.replications()).isEqualTo(3);
    assertThat(result.estimators()).isEqualTo(150);
  }

  /**
   * Independent rows, where the bootstrap works: the 95% interval covers near 95%, a deliberately
   * narrow 50% interval near half the time and a 10% interval rarely. Bounds are about three
   * binomial standard errors (200 replications), less the few points a percentile interval loses
   * at 100 rows.
   */
  @Test
  void run_narrowerIntervalsCoverLess() {
    BootstrapRidgeEnsemble ensemble = BootstrapRidgeEnsemble.newBuilder().estimators(200)
        .seed(1).build();
    CoverageResult wide = CoverageStudy.newBuilder().seed(5).build().run(ensemble);
    CoverageResult half = CoverageStudy.newBuilder().seed(5).level(0.5).build().run(ensemble);
    CoverageResult narrow = CoverageStudy.newBuilder().seed(5).level(0.1).build().run(ensemble);
    assertThat(wide.coverage()).isBetween(0.85, 1.0);
    assertThat(half.coverage()).isBetween(0.35, 0.65);
    assertThat(narrow.coverage()).isBetween(0.0, 0.2);
    for (int j = 0; j < 3; j++) {
      assertThat(wide.coefficientCoverage(j)).isBetween(0.85, 1.0);
      assertThat(half.coefficientCoverage(j)).isBetween(0.35, 0.65);
      assertThat(narrow.coefficientCoverage(j)).isBetween(0.0, 0.2);
    }
    assertThat(half.meanWidth()).isLessThan(wide.meanWidth());
    assertThat(wide.standardError())
        .isCloseTo(Math.sqrt(wide.coverage() * (1 - wide.coverage()) / 200), within(1e-15));
  }

  @Test
  void run_sameResultOnEveryExecutor() {
    CoverageStudy.Builder study = CoverageStudy.newBuilder().rows(30).replications(12)
        .featureAutocorrelation(0.5);
    BootstrapRidgeEnsemble ensemble = BootstrapRidgeEnsemble.newBuilder().estimators(60)
        .resampling(Resampling.sklearnCompatible(5, SklearnWeighting.LEGACY)).build();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      CoverageResult inline = study.executor(Runnable::run).build().run(ensemble);
      CoverageResult pooled = CoverageStudy.newBuilder().rows(30).replications(12)
          .featureAutocorrelation(0.5).executor(pool).build().run(ensemble);
      assertThat(pooled.toString()).isEqualTo(inline.toString());
      assertThat(pooled.meanWidth()).isEqualTo(inline.meanWidth());
      assertThat(pooled.coefficientMeanWidth(2)).isEqualTo(inline.coefficientMeanWidth(2));
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void run_interruptedCallerCancels() {
    CoverageStudy study = CoverageStudy.newBuilder().rows(20).replications(4)
        .executor(Runnable::run).build();
    BootstrapRidgeEnsemble ensemble = BootstrapRidgeEnsemble.newBuilder().estimators(20).build();
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> study.run(ensemble)).isInstanceOf(CancellationException.class);
    } finally {
      Thread.interrupted();
    }
    assertThat(study.run(ensemble).replications()).isEqualTo(4);
  }

  @Test
  void run_badEnsemble() {
    CoverageStudy study = CoverageStudy.newBuilder().rows(20).build();
    assertThatThrownBy(() -> study.run(null))
        .isInstanceOf(NullPointerException.class).hasMessage("ensemble");
    assertThatThrownBy(() -> study.run(BootstrapRidgeEnsemble.newBuilder()
        .targetTransform(TargetTransform.LOG1P).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ensemble: targetTransform LOG1P (expected: IDENTITY");
    assertThatThrownBy(() -> study.run(BootstrapRidgeEnsemble.newBuilder()
        .resampling(Resampling.movingBlock(21)).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("movingBlock(21) (expected: block length <= rows = 20)");
  }

  @Test
  void builder_badValues() {
    CoverageStudy.Builder b = CoverageStudy.newBuilder();
    assertThatThrownBy(() -> b.rows(2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rows: 2 (expected: >= 3)");
    assertThatThrownBy(() -> b.coefficients((double[]) null))
        .isInstanceOf(NullPointerException.class).hasMessage("coefficients");
    assertThatThrownBy(() -> b.coefficients())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("coefficients: empty");
    assertThatThrownBy(() -> b.coefficients(1, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("coefficients[1]: NaN");
    assertThatThrownBy(() -> b.intercept(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("intercept: Infinity");
    for (double sd : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> b.noiseSd(sd))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("noiseSd: " + sd);
    }
    for (double phi : new double[] {1, -1, Double.NaN, 2}) {
      assertThatThrownBy(() -> b.noiseAutocorrelation(phi))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("noiseAutocorrelation: " + phi + " (expected: -1 < phi < 1)");
      assertThatThrownBy(() -> b.featureAutocorrelation(phi))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("featureAutocorrelation: " + phi);
    }
    assertThatThrownBy(() -> b.replications(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replications: 0");
    for (double level : new double[] {0, 1, Double.NaN}) {
      assertThatThrownBy(() -> b.level(level))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("level: " + level + " (expected: 0 < level < 1)");
    }
    assertThatThrownBy(() -> b.executor(null))
        .isInstanceOf(NullPointerException.class).hasMessage("executor");
  }

  @Test
  void build_fewerRowsThanCoefficients() {
    assertThatThrownBy(() -> CoverageStudy.newBuilder().rows(4).coefficients(1, 2, 3).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("rows: 4 for 3 coefficients (expected: >= 5");
    assertThatThrownBy(() -> CoverageStudy.newBuilder().coefficients(new double[99]).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("rows: 100 for 99");
    CoverageStudy.newBuilder().rows(5).coefficients(1, 2, 3).build();
  }

  @Test
  void builder_setTwice() {
    assertThatThrownBy(() -> CoverageStudy.newBuilder().rows(10).rows(10))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("rows was already set to 10");
    assertThatThrownBy(() -> CoverageStudy.newBuilder().coefficients(1).coefficients(2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("coefficients was already set to [1.0]");
    assertThatThrownBy(() -> CoverageStudy.newBuilder().intercept(0).intercept(0))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("intercept was already set");
    assertThatThrownBy(() -> CoverageStudy.newBuilder().noiseSd(2).noiseSd(2))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("noiseSd was already set");
    assertThatThrownBy(() -> CoverageStudy.newBuilder().noiseAutocorrelation(0)
        .noiseAutocorrelation(0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("noiseAutocorrelation was already set");
    assertThatThrownBy(() -> CoverageStudy.newBuilder().featureAutocorrelation(0)
        .featureAutocorrelation(0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("featureAutocorrelation was already set");
    assertThatThrownBy(() -> CoverageStudy.newBuilder().replications(5).replications(5))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("replications was already set to 5");
    assertThatThrownBy(() -> CoverageStudy.newBuilder().level(0.9).level(0.9))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("level was already set");
    assertThatThrownBy(() -> CoverageStudy.newBuilder().seed(1).seed(1))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("seed was already set to 1");
    assertThatThrownBy(() -> CoverageStudy.newBuilder().executor(Runnable::run)
        .executor(Runnable::run))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("executor was already set");
  }

  @Test
  void build_defaults() {
    assertThat(CoverageStudy.newBuilder().build().toString()).isEqualTo(
        "CoverageStudy[rows=100, coefficients=[1.0, -0.5, 0.25], intercept=1.0, noiseSd=1.0, "
            + "noiseAutocorrelation=0.0, featureAutocorrelation=0.0, replications=200, "
            + "level=0.95, seed=0]");
  }

  /**
   * The full calibration study of docs/calibration.md, off by default (minutes of CPU):
   * {@code mvn -B -q -pl rila-bootstrap -am test -Dtest=CoverageStudyTest#study_fullTable
   * -Dsurefire.failIfNoSpecifiedTests=false -Drila.coverageStudy=200} runs 200 replications per
   * cell and writes target/coverage-study.md. Two data designs (independent rows; AR(1) noise and
   * features with phi = 0.6), 100 rows, 3 features, alpha 1; six resampling schemes; 100, 1,000
   * and 10,000 members. The normal-theory OLS t-interval on the same data sets is the yardstick.
   */
  @Test
  @Tag("study")
  @EnabledIfSystemProperty(named = "rila.coverageStudy", matches = "\\d+")
  void study_fullTable() throws IOException {
    int replications = Integer.parseInt(System.getProperty("rila.coverageStudy"));
    List<Resampling> schemes = List.of(Resampling.iid(), Resampling.poisson(),
        Resampling.movingBlock(8), Resampling.circularBlock(8), Resampling.stationary(8),
        Resampling.sklearnCompatible(42, SklearnWeighting.LEGACY));
    int[] members = {100, 1000, 10_000};
    StringBuilder out = new StringBuilder();
    for (double phi : new double[] {0.0, 0.6}) {
      CoverageStudy study = CoverageStudy.newBuilder().replications(replications)
          .noiseAutocorrelation(phi).featureAutocorrelation(phi).seed(2024).build();
      double[] ols = olsCoverage(replications, phi);
      out.append(String.format(Locale.ROOT, "%n%s, %d replications. OLS t-interval: mean "
              + "response %.3f, b0 %.3f, b1 %.3f, b2 %.3f%n%n", study, replications, ols[0],
          ols[1], ols[2], ols[3]));
      out.append("| resampling | members | mean response | b0 = 1 | b1 = -0.5 | b2 = 0.25 |"
          + " width (mean response) | seconds |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
      for (Resampling scheme : schemes) {
        for (int m : members) {
          BootstrapRidgeEnsemble.Builder b = BootstrapRidgeEnsemble.newBuilder().estimators(m)
              .resampling(scheme);
          if (scheme.kind() != Resampling.Kind.SKLEARN) {
            b.seed(42);
          }
          long start = System.nanoTime();
          CoverageResult r = study.run(b.build());
          double seconds = (System.nanoTime() - start) / 1e9;
          out.append(String.format(Locale.ROOT,
              "| %s | %d | %.3f +- %.3f | %.3f +- %.3f | %.3f +- %.3f | %.3f +- %.3f | %.3f | %.1f |%n",
              scheme, m, r.coverage(), r.standardError(), r.coefficientCoverage(0),
              r.coefficientStandardError(0), r.coefficientCoverage(1),
              r.coefficientStandardError(1), r.coefficientCoverage(2),
              r.coefficientStandardError(2), r.meanWidth(), seconds));
          System.out.println(r + " " + seconds + " s");
        }
      }
    }
    Path file = Path.of("target", "coverage-study.md");
    Files.writeString(file, out.toString());
    System.out.println(out);
  }

  /**
   * The share of the study's data sets (same seed and streams) on which the OLS t-interval, with
   * the 0.975 quantile of Student's t with 96 degrees of freedom, covers the mean response and
   * each coefficient.
   */
  private static double[] olsCoverage(int replications, double phi) {
    double t96 = 1.984984311431769;
    double[] beta = {1.0, -0.5, 0.25};
    LinearModelSimulation simulation = new LinearModelSimulation(1.0, beta, 1.0, phi, phi);
    double[] hits = new double[4];
    for (int r = 0; r < replications; r++) {
      double[][] x = new double[100][3];
      double[] y = new double[100];
      double[] next = new double[3];
      double truth = simulation.draw(2024, 2L * r, x, y, next);
      double[][] a = new double[4][8];
      double[] xty = new double[4];
      for (int i = 0; i < 100; i++) {
        double[] row = {1, x[i][0], x[i][1], x[i][2]};
        for (int j = 0; j < 4; j++) {
          xty[j] += row[j] * y[i];
          for (int k = 0; k < 4; k++) {
            a[j][k] += row[j] * row[k];
          }
        }
      }
      double[][] inverse = invert(a);
      double[] b = new double[4];
      for (int j = 0; j < 4; j++) {
        for (int k = 0; k < 4; k++) {
          b[j] += inverse[j][k] * xty[k];
        }
      }
      double ssr = 0;
      for (int i = 0; i < 100; i++) {
        double e = y[i] - b[0] - b[1] * x[i][0] - b[2] * x[i][1] - b[3] * x[i][2];
        ssr += e * e;
      }
      double s2 = ssr / 96;
      double[] x0 = {1, next[0], next[1], next[2]};
      double fit = 0;
      double var = 0;
      for (int j = 0; j < 4; j++) {
        fit += x0[j] * b[j];
        for (int k = 0; k < 4; k++) {
          var += x0[j] * inverse[j][k] * x0[k];
        }
      }
      hits[0] += Math.abs(fit - truth) <= t96 * Math.sqrt(s2 * var) ? 1 : 0;
      for (int j = 1; j < 4; j++) {
        hits[j] += Math.abs(b[j] - beta[j - 1]) <= t96 * Math.sqrt(s2 * inverse[j][j]) ? 1 : 0;
      }
    }
    for (int j = 0; j < 4; j++) {
      hits[j] /= replications;
    }
    return hits;
  }

  /** Gauss-Jordan inverse of the 4 x 4 left half of {@code a} (a is overwritten). */
  private static double[][] invert(double[][] a) {
    int n = 4;
    for (int i = 0; i < n; i++) {
      a[i][n + i] = 1;
    }
    for (int c = 0; c < n; c++) {
      int pivot = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
          pivot = r;
        }
      }
      double[] swap = a[c];
      a[c] = a[pivot];
      a[pivot] = swap;
      double d = a[c][c];
      for (int k = 0; k < 2 * n; k++) {
        a[c][k] /= d;
      }
      for (int r = 0; r < n; r++) {
        if (r != c) {
          double f = a[r][c];
          for (int k = 0; k < 2 * n; k++) {
            a[r][k] -= f * a[c][k];
          }
        }
      }
    }
    double[][] inverse = new double[n][n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], n, inverse[i], 0, n);
    }
    return inverse;
  }
}
