package io.rila.core.regression;

import static io.rila.core.regression.OracleAssert.assertClose;
import static io.rila.core.regression.OracleAssert.assertVectorClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rila.core.testing.SharedData;
import java.lang.management.ManagementFactory;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OlsSubsetScorerTest {

  private static final double TOL = 1e-9;

  private static final double[][] X = {{1, 2, 0}, {3, 4, 1}, {5, 7, 0}, {2, 2, 1}, {0, 1, 1},
      {4, 1, 0}};
  private static final double[] Y = {1, 2, 3, 4, 2, 5};

  @Test
  void score_allColumnsMatchStatsmodelsOracle() {
    JsonNode cases = SharedData.oracle("ols.json").get("cases");
    assertThat(cases.size()).isGreaterThan(0);
    for (JsonNode c : cases) {
      double[][] x = SharedData.matrix(c.get("x"));
      int p = x[0].length;
      OlsSubsetScorer scorer = OlsSubsetScorer.of(x, SharedData.vector(c.get("y")), null);
      OlsSubsetScorer.Workspace ws = scorer.newWorkspace(p);
      int[] all = new int[p];
      for (int j = 0; j < p; j++) {
        all[j] = j;
      }
      double aic = scorer.score(all, ws);
      double[] params = new double[p + 1];
      double[] bse = new double[p + 1];
      ws.copyParamsInto(params);
      ws.copyStandardErrorsInto(bse);
      assertThat(aic).isEqualTo(ws.aic());
      OrdinaryLeastSquaresTest.assertMatchesOracle(params, bse, ws.aic(), ws.bic(),
          ws.logLikelihood(), ws.ssr(), ws.rSquared(), c, "p=" + p);
      assertThat(ws.size()).isEqualTo(p);
      assertThat(ws.dfResid()).isEqualTo(x.length - p - 1);
      assertThat(ws.rankDeficient()).isFalse();
      assertThat(params[0]).isEqualTo(ws.intercept());
    }
  }

  @Test
  void score_randomSubsetsMatchFullFitOnSubMatrix() {
    Random rnd = new Random(31);
    int n = 60;
    int pool = 40;
    double[][] x = new double[n][pool];
    double[] y = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < pool; j++) {
        x[i][j] = (j % 7) * 3 + rnd.nextGaussian() + (j % 3 == 0 ? 0.3 * x[i][0] : 0);
      }
      y[i] = 1 + 0.8 * x[i][1] - 0.5 * x[i][5] + 0.3 * x[i][12] + rnd.nextGaussian();
      w[i] = Math.pow(0.97, n - i);
    }
    for (double[] weights : new double[][] {null, w}) {
      OlsSubsetScorer scorer = OlsSubsetScorer.of(x, y, weights);
      OlsSubsetScorer.Workspace ws = scorer.newWorkspace(6);
      int[] subset = new int[6];
      double[] params = new double[7];
      double[] bse = new double[7];
      for (int trial = 0; trial < 200; trial++) {
        int k = 1 + trial % 6;
        for (int q = 0; q < k; q++) {
          int j;
          boolean repeat;
          do {
            j = rnd.nextInt(pool);
            repeat = false;
            for (int t = 0; t < q; t++) {
              repeat |= subset[t] == j;
            }
          } while (repeat);
          subset[q] = j;
        }
        double[][] sub = new double[n][k];
        for (int i = 0; i < n; i++) {
          for (int q = 0; q < k; q++) {
            sub[i][q] = x[i][subset[q]];
          }
        }
        OlsFit expected = OrdinaryLeastSquares.fit(sub, y, weights);
        double aic = scorer.score(subset, k, ws);
        ws.copyParamsInto(params);
        ws.copyStandardErrorsInto(bse);
        String what = (weights == null ? "OLS" : "WLS") + " trial " + trial;
        assertVectorClose(java.util.Arrays.copyOf(params, k + 1), expected.params(), TOL,
            what + " params");
        assertVectorClose(java.util.Arrays.copyOf(bse, k + 1), expected.standardErrors(), TOL,
            what + " bse");
        assertClose(aic, expected.aic(), TOL, 0, what + " aic");
        assertClose(ws.bic(), expected.bic(), TOL, 0, what + " bic");
        assertClose(ws.logLikelihood(), expected.logLikelihood(), TOL, 0, what + " llf");
        assertClose(ws.ssr(), expected.ssr(), TOL, 0, what + " ssr");
        assertClose(ws.rSquared(), expected.rSquared(), TOL, 1, what + " rsquared");
        assertThat(ws.dfResid()).isEqualTo(expected.dfResid());
      }
    }
  }

  @Test
  void score_collinearSubsetIsNaNAndRecovers() {
    double[][] x = {{1, 2, 5}, {2, 4, 5}, {3, 6, 5}, {4, 8, 5}, {5, 9, 5}, {6, 13, 5}};
    double[] y = {1, 3, 2, 5, 4, 6};
    double[][] exact = {{1, 2}, {2, 4}, {3, 6}, {4, 8}, {5, 10}, {6, 12}};
    OlsSubsetScorer scorer = OlsSubsetScorer.of(x, y, null);
    OlsSubsetScorer.Workspace ws = scorer.newWorkspace(3);
    assertThat(scorer.score(new int[] {2}, ws)).isNaN();
    assertThat(ws.rankDeficient()).isTrue();
    double[] out = new double[2];
    ws.copyParamsInto(out);
    assertThat(out).containsOnly(Double.NaN);
    ws.copyStandardErrorsInto(out);
    assertThat(out).containsOnly(Double.NaN);
    assertThat(ws.bic()).isNaN();
    assertThat(ws.rSquared()).isNaN();
    assertThat(OlsSubsetScorer.of(exact, y, null).score(new int[] {0, 1}, ws)).isNaN();
    assertThat(scorer.score(new int[] {1, 0}, ws)).isFinite();
    assertThat(ws.rankDeficient()).isFalse();
  }

  @Test
  void score_interceptOnly() {
    OlsSubsetScorer scorer = OlsSubsetScorer.of(X, Y, null);
    OlsSubsetScorer.Workspace ws = scorer.newWorkspace(0);
    scorer.score(new int[0], ws);
    double mean = 17 / 6.0;
    double ssr = 0;
    for (double v : Y) {
      ssr += (v - mean) * (v - mean);
    }
    double[] params = new double[1];
    double[] bse = new double[1];
    ws.copyParamsInto(params);
    ws.copyStandardErrorsInto(bse);
    assertClose(params[0], mean, 1e-14, 1, "intercept");
    assertClose(ws.ssr(), ssr, 1e-14, 0, "ssr");
    assertClose(bse[0], Math.sqrt(ssr / 5 / 6), 1e-14, 0, "bse");
    assertThat(ws.rSquared()).isZero();
  }

  @Test
  void score_allocatesNothing() {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no allocation counter");
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
    assumeTrue(threads.isThreadAllocatedMemorySupported(), "no allocation counter");
    threads.setThreadAllocatedMemoryEnabled(true);
    Random rnd = new Random(1);
    double[][] x = new double[50][20];
    double[] y = new double[50];
    for (int i = 0; i < 50; i++) {
      for (int j = 0; j < 20; j++) {
        x[i][j] = rnd.nextGaussian();
      }
      y[i] = rnd.nextGaussian();
    }
    OlsSubsetScorer scorer = OlsSubsetScorer.of(x, y, null);
    OlsSubsetScorer.Workspace ws = scorer.newWorkspace(4);
    int[][] subsets = {{0, 1, 2, 3}, {4, 9, 2}, {19, 7}, {5}, {8, 6, 3, 11}};
    double[] bse = new double[5];
    scorer.score(subsets[0], ws);
    ws.copyStandardErrorsInto(bse);
    long id = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(id);
    double sum = 0;
    for (int rep = 0; rep < 100; rep++) {
      for (int[] subset : subsets) {
        sum += scorer.score(subset, ws) + ws.bic();
        ws.copyStandardErrorsInto(bse);
      }
    }
    long after = threads.getThreadAllocatedBytes(id);
    assertThat(sum).isFinite();
    assertThat(after - before).as("bytes allocated").isZero();
  }

  @Test
  void of_badInput() {
    assertThatThrownBy(() -> OlsSubsetScorer.of(null, Y, null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("x");
    assertThatThrownBy(() -> OlsSubsetScorer.of(X, null, null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("y");
    assertThatThrownBy(() -> OlsSubsetScorer.of(new double[0][], new double[0], null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x: 0 rows");
    assertThatThrownBy(() -> OlsSubsetScorer.of(new double[][] {{1}}, new double[1], null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x: 1 rows");
    assertThatThrownBy(() -> OlsSubsetScorer.of(new double[][] {{1, 2}, {3}}, new double[2],
        null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x: row 1");
    double[][] x = RidgeRegressionTest.copy(X);
    x[1][2] = Double.NaN;
    assertThatThrownBy(() -> OlsSubsetScorer.of(x, Y, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x: row 1, column 2");
    assertThatThrownBy(() -> OlsSubsetScorer.of(X, new double[] {1, 2, 3, 4, 5,
        Double.POSITIVE_INFINITY}, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y[5]");
    assertThatThrownBy(() -> OlsSubsetScorer.of(X, new double[7], null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y: length 7");
    assertThatThrownBy(() -> OlsSubsetScorer.of(X, Y, new double[2]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights: length 2");
    assertThatThrownBy(() -> OlsSubsetScorer.of(X, Y, new double[] {1, 1, 1, 0, 1, 1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights[3]: 0.0");
    assertThatThrownBy(() -> OlsSubsetScorer.of(X, Y, new double[] {1, 1, 1, 1, Double.NaN, 1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights[4]: NaN");
  }

  @Test
  void score_badInput() {
    OlsSubsetScorer scorer = OlsSubsetScorer.of(X, Y, null);
    OlsSubsetScorer.Workspace ws = scorer.newWorkspace(3);
    assertThatThrownBy(() -> scorer.newWorkspace(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxSubsetSize: -1");
    assertThatThrownBy(() -> scorer.score(null, ws))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("subset");
    assertThatThrownBy(() -> scorer.score(new int[] {0}, null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("workspace");
    assertThatThrownBy(() -> scorer.score(new int[] {0, 1}, 3, ws))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size: 3");
    assertThatThrownBy(() -> scorer.score(new int[] {0, 1}, -1, ws))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size: -1");
    assertThatThrownBy(() -> scorer.score(new int[] {0, 1, 2, 0}, ws))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size: 4");
    assertThatThrownBy(() -> scorer.score(new int[] {0, 3}, ws))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subset[1]: 3");
    assertThatThrownBy(() -> scorer.score(new int[] {-1}, ws))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subset[0]: -1");
    assertThatThrownBy(() -> scorer.score(new int[] {2, 1, 2}, ws))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subset[2]: 2")
        .hasMessageContaining("distinct");
    double[][] small = {{1, 2, 3}, {2, 1, 0}, {3, 5, 1}, {4, 4, 4}};
    OlsSubsetScorer tight = OlsSubsetScorer.of(small, new double[] {1, 2, 3, 5}, null);
    assertThatThrownBy(() -> tight.score(new int[] {0, 1, 2}, ws))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size: 3")
        .hasMessageContaining("residual degree of freedom");
  }

  @Test
  void workspace_beforeFirstScoreAndShortTargets() {
    OlsSubsetScorer scorer = OlsSubsetScorer.of(X, Y, null);
    OlsSubsetScorer.Workspace ws = scorer.newWorkspace(2);
    assertThat(ws.capacity()).isEqualTo(2);
    assertThatThrownBy(ws::aic).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no subset scored");
    assertThatThrownBy(() -> ws.copyParamsInto(new double[3]))
        .isInstanceOf(IllegalStateException.class);
    scorer.score(new int[] {0, 2}, ws);
    assertThatThrownBy(() -> ws.copyParamsInto(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("target");
    assertThatThrownBy(() -> ws.copyParamsInto(new double[2]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target: length 2");
    assertThatThrownBy(() -> ws.copyStandardErrorsInto(new double[1]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target: length 1");
    assertThat(scorer.rows()).isEqualTo(6);
    assertThat(scorer.features()).isEqualTo(3);
  }
}
