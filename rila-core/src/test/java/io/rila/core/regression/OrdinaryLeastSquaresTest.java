package io.rila.core.regression;

import static io.rila.core.regression.OracleAssert.assertClose;
import static io.rila.core.regression.OracleAssert.assertVectorClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rila.core.testing.SharedData;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OrdinaryLeastSquaresTest {

  private static final double TOL = 1e-9;

  private static final double[][] X = {{1, 2}, {3, 4}, {5, 7}, {2, 2}, {0, 1}, {4, 1}};
  private static final double[] Y = {1, 2, 3, 4, 2, 5};

  @Test
  void fit_matchesStatsmodelsOracle() {
    JsonNode cases = SharedData.oracle("ols.json").get("cases");
    assertThat(cases.size()).isGreaterThan(0);
    for (JsonNode c : cases) {
      double[][] x = SharedData.matrix(c.get("x"));
      OlsFit fit = OrdinaryLeastSquares.fit(x, SharedData.vector(c.get("y")), null);
      assertMatchesOracle(fit.params(), fit.standardErrors(), fit.aic(), fit.bic(),
          fit.logLikelihood(), fit.ssr(), fit.rSquared(), c, "p=" + x[0].length);
      assertThat(fit.nobs()).isEqualTo(x.length);
      assertThat(fit.dfModel()).isEqualTo(x[0].length);
      assertThat(fit.dfResid()).isEqualTo(x.length - x[0].length - 1);
      assertThat(fit.features()).isEqualTo(x[0].length);
    }
  }

  static void assertMatchesOracle(double[] params, double[] bse, double aic, double bic,
      double llf, double ssr, double rSquared, JsonNode c, String what) {
    assertVectorClose(params, SharedData.vector(c.get("params_const_first")), TOL,
        what + " params");
    assertVectorClose(bse, SharedData.vector(c.get("bse")), TOL, what + " bse");
    assertClose(aic, c.get("aic").asDouble(), TOL, 0, what + " aic");
    assertClose(bic, c.get("bic").asDouble(), TOL, 0, what + " bic");
    assertClose(llf, c.get("llf").asDouble(), TOL, 0, what + " llf");
    assertClose(ssr, c.get("ssr").asDouble(), TOL, 0, what + " ssr");
    assertClose(rSquared, c.get("rsquared").asDouble(), TOL, 1, what + " rsquared");
  }

  /**
   * statsmodels' WLS with every weight equal to c has OLS's parameters, standard errors,
   * likelihood (the 1/2 sum log w term cancels the scaled SSR) and R^2, and c times its SSR.
   */
  @Test
  void fit_constantWeightsReproduceOlsOracle() {
    JsonNode cases = SharedData.oracle("ols.json").get("cases");
    for (JsonNode c : cases) {
      double[][] x = SharedData.matrix(c.get("x"));
      double[] w = new double[x.length];
      java.util.Arrays.fill(w, 3.5);
      OlsFit fit = OrdinaryLeastSquares.fit(x, SharedData.vector(c.get("y")), w);
      assertMatchesOracle(fit.params(), fit.standardErrors(), fit.aic(), fit.bic(),
          fit.logLikelihood(), fit.ssr() / 3.5, fit.rSquared(), c, "WLS p=" + x[0].length);
    }
  }

  @Test
  void fit_weightedMatchesUncentredNormalEquations() {
    Random rnd = new Random(9);
    for (int trial = 0; trial < 5; trial++) {
      int n = 30 + 10 * trial;
      int p = 1 + trial;
      double[][] x = new double[n][p];
      double[] y = new double[n];
      double[] w = new double[n];
      for (int i = 0; i < n; i++) {
        y[i] = 2 + rnd.nextGaussian();
        for (int j = 0; j < p; j++) {
          x[i][j] = 5 * j + rnd.nextGaussian();
          y[i] += (j - 1.5) * x[i][j];
        }
        w[i] = 0.2 + 2 * rnd.nextDouble();
      }
      NaiveWls expected = new NaiveWls(x, y, w);
      OlsFit fit = OrdinaryLeastSquares.fit(x, y, w);
      String what = "trial " + trial;
      assertVectorClose(fit.params(), expected.params, TOL, what + " params");
      assertVectorClose(fit.standardErrors(), expected.bse, TOL, what + " bse");
      assertClose(fit.ssr(), expected.ssr, TOL, 0, what + " ssr");
      assertClose(fit.logLikelihood(), expected.llf, TOL, 0, what + " llf");
      assertClose(fit.aic(), expected.aic, TOL, 0, what + " aic");
      assertClose(fit.bic(), expected.bic, TOL, 0, what + " bic");
      assertClose(fit.rSquared(), expected.rSquared, TOL, 1, what + " rsquared");
    }
  }

  @Test
  void fit_integerWeightsGiveParamsAndSsrOfRepeatedRows() {
    int[] counts = {1, 3, 2, 1, 2, 4};
    int total = 13;
    double[][] repeatedX = new double[total][];
    double[] repeatedY = new double[total];
    double[] w = new double[X.length];
    for (int i = 0, r = 0; i < X.length; i++) {
      w[i] = counts[i];
      for (int c = 0; c < counts[i]; c++, r++) {
        repeatedX[r] = X[i];
        repeatedY[r] = Y[i];
      }
    }
    OlsFit weighted = OrdinaryLeastSquares.fit(X, Y, w);
    OlsFit repeated = OrdinaryLeastSquares.fit(repeatedX, repeatedY, null);
    assertVectorClose(weighted.params(), repeated.params(), 1e-12, "params");
    assertClose(weighted.ssr(), repeated.ssr(), 1e-12, 0, "ssr");
    assertClose(weighted.rSquared(), repeated.rSquared(), 1e-12, 1, "rsquared");
  }

  @Test
  void olsFit_accessors() {
    OlsFit fit = OrdinaryLeastSquares.fit(X, Y, null);
    double[] params = fit.params();
    params[0] = 99;
    assertThat(fit.param(0)).isEqualTo(fit.intercept()).isNotEqualTo(99);
    assertThat(fit.coefficients()).containsExactly(fit.param(1), fit.param(2));
    assertThat(fit.standardError(2)).isEqualTo(fit.standardErrors()[2]);
    assertThat(fit.scale()).isEqualTo(fit.ssr() / 3);
    assertThat(fit.predict(new double[] {1, 2}))
        .isEqualTo(fit.intercept() + fit.param(1) + 2 * fit.param(2));
    assertThat(fit.toString()).contains("nobs=6");
    assertThatThrownBy(() -> fit.param(3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("i: 3");
    assertThatThrownBy(() -> fit.standardError(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("i: -1");
    assertThatThrownBy(() -> fit.predict(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("row");
    assertThatThrownBy(() -> fit.predict(new double[3]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row: length 3");
    assertThatThrownBy(() -> fit.predict(new double[] {Double.NaN, 1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row[0]: NaN");
  }

  @Test
  void fit_badInput() {
    assertThatThrownBy(() -> OrdinaryLeastSquares.fit(null, Y, null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("x");
    assertThatThrownBy(() -> OrdinaryLeastSquares.fit(X, null, null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("y");
    assertThatThrownBy(() -> OrdinaryLeastSquares.fit(new double[0][], new double[0], null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x: 0 rows");
    assertThatThrownBy(() -> OrdinaryLeastSquares.fit(new double[][] {{1, 2}, {3}}, new double[2],
        null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x: row 1");
    double[][] x = RidgeRegressionTest.copy(X);
    x[2][1] = Double.NEGATIVE_INFINITY;
    assertThatThrownBy(() -> OrdinaryLeastSquares.fit(x, Y, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x: row 2, column 1");
    assertThatThrownBy(() -> OrdinaryLeastSquares.fit(X, new double[] {1, 2, 3, Double.NaN, 5, 6},
        null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y[3]: NaN");
    assertThatThrownBy(() -> OrdinaryLeastSquares.fit(X, new double[5], null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y: length 5");
    assertThatThrownBy(() -> OrdinaryLeastSquares.fit(X, Y, new double[5]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights: length 5");
    assertThatThrownBy(() -> OrdinaryLeastSquares.fit(X, Y, new double[] {1, 1, 0, 1, 1, 1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights[2]: 0.0");
    assertThatThrownBy(() -> OrdinaryLeastSquares.fit(X, Y, new double[] {1, -1, 1, 1, 1, 1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights[1]: -1.0");
    assertThatThrownBy(() -> OrdinaryLeastSquares.fit(X, Y,
        new double[] {1, 1, 1, 1, Double.NaN, 1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights[4]: NaN");
    assertThatThrownBy(() -> OrdinaryLeastSquares.fit(X, Y,
        new double[] {1, 1, 1, 1, 1, Double.POSITIVE_INFINITY}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights[5]");
  }

  @Test
  void fit_tooFewRows() {
    assertThatThrownBy(() -> OrdinaryLeastSquares.fit(new double[][] {{1, 2}, {3, 4}, {5, 7}},
        new double[] {1, 2, 3}, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x: 3 rows")
        .hasMessageContaining("> 3");
  }

  @Test
  void fit_collinearColumns() {
    double[][] x = {{1, 2}, {2, 4}, {3, 6}, {4, 8}, {5, 10}};
    assertThatThrownBy(() -> OrdinaryLeastSquares.fit(x, new double[] {1, 3, 2, 5, 4}, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x: column 1");
    double[][] constant = {{1, 7}, {2, 7}, {3, 7}, {4, 7}, {5, 7}};
    assertThatThrownBy(() -> OrdinaryLeastSquares.fit(constant, new double[] {1, 3, 2, 5, 4},
        null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x: column 1");
  }

  /**
   * The textbook WLS computation, independent of the code under test: the uncentred normal
   * equations of {@code [1 X]} inverted by Gauss-Jordan elimination with partial pivoting, and
   * statsmodels' formulas applied to the result.
   */
  static final class NaiveWls {
    final double[] params;
    final double[] bse;
    final double ssr;
    final double llf;
    final double aic;
    final double bic;
    final double rSquared;

    NaiveWls(double[][] x, double[] y, double[] w) {
      int n = x.length;
      int k = x[0].length + 1;
      double[][] design = new double[n][k];
      for (int i = 0; i < n; i++) {
        design[i][0] = 1;
        System.arraycopy(x[i], 0, design[i], 1, k - 1);
      }
      double[][] m = new double[k][2 * k];
      double[] xty = new double[k];
      for (int a = 0; a < k; a++) {
        for (int i = 0; i < n; i++) {
          for (int b = 0; b < k; b++) {
            m[a][b] += w[i] * design[i][a] * design[i][b];
          }
          xty[a] += w[i] * design[i][a] * y[i];
        }
        m[a][k + a] = 1;
      }
      for (int col = 0; col < k; col++) {
        int pivot = col;
        for (int r = col + 1; r < k; r++) {
          if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
            pivot = r;
          }
        }
        double[] tmp = m[col];
        m[col] = m[pivot];
        m[pivot] = tmp;
        double d = m[col][col];
        for (int c = 0; c < 2 * k; c++) {
          m[col][c] /= d;
        }
        for (int r = 0; r < k; r++) {
          if (r != col) {
            double f = m[r][col];
            for (int c = 0; c < 2 * k; c++) {
              m[r][c] -= f * m[col][c];
            }
          }
        }
      }
      params = new double[k];
      for (int a = 0; a < k; a++) {
        for (int b = 0; b < k; b++) {
          params[a] += m[a][k + b] * xty[b];
        }
      }
      double s = 0;
      double sw = 0;
      double swy = 0;
      double sumLog = 0;
      for (int i = 0; i < n; i++) {
        double fitted = 0;
        for (int a = 0; a < k; a++) {
          fitted += design[i][a] * params[a];
        }
        s += w[i] * (y[i] - fitted) * (y[i] - fitted);
        sw += w[i];
        swy += w[i] * y[i];
        sumLog += Math.log(w[i]);
      }
      ssr = s;
      double scale = ssr / (n - k);
      bse = new double[k];
      for (int a = 0; a < k; a++) {
        bse[a] = Math.sqrt(scale * m[a][k + a]);
      }
      llf = -n / 2.0 * (Math.log(2 * Math.PI) + Math.log(ssr / n) + 1) + 0.5 * sumLog;
      aic = -2 * llf + 2 * k;
      bic = -2 * llf + k * Math.log(n);
      double tss = 0;
      for (int i = 0; i < n; i++) {
        tss += w[i] * (y[i] - swy / sw) * (y[i] - swy / sw);
      }
      rSquared = 1 - ssr / tss;
    }
  }
}
