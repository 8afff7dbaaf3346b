package io.rila.core.regression;

import static io.rila.core.regression.OracleAssert.assertClose;
import static io.rila.core.regression.OracleAssert.assertVectorClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rila.core.testing.SharedData;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NonNegativeRidgeTest {

  private static final double TOL = 1e-9;

  private static final double[][] X = {{1, 2}, {3, 4}, {5, 7}, {2, 2}, {0, 1}};
  private static final double[] Y = {1, 2, 3, 4, 2};

  @Test
  void fit_matchesExactOracle() {
    JsonNode cases = SharedData.oracle("ridge_nonnegative.json").get("cases");
    assertThat(cases.size()).isGreaterThan(0);
    for (JsonNode c : cases) {
      double[][] x = SharedData.matrix(c.get("x"));
      double[] y = SharedData.vector(c.get("y"));
      double[] w = SharedData.vector(c.get("sample_weight"));
      double[] coef = SharedData.vector(c.get("coef"));
      RidgeFit fit = NonNegativeRidge.fit(x, y, w, c.get("alpha").asDouble());
      assertVectorClose(fit.coefficients(), coef, TOL, "p=" + coef.length + " coef");
      assertClose(fit.intercept(), c.get("intercept").asDouble(), TOL, 1,
          "p=" + coef.length + " intercept");
      assertThat(fit.form()).isEqualTo(SolveForm.PRIMAL);
    }
  }

  /**
   * Second method: the constrained optimum is the unconstrained Ridge fit on some subset of the
   * features with the rest at zero (the intercept alone when the subset is empty); try every
   * subset, keep the feasible fits, take the one with the smallest objective.
   */
  @Test
  void fit_equalsBestFeasibleSubsetFit() {
    Random rnd = new Random(17);
    for (int trial = 0; trial < 12; trial++) {
      int n = 30;
      int p = 2 + trial % 5;
      double[][] x = new double[n][p];
      double[] y = new double[n];
      double[] w = new double[n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < p; j++) {
          x[i][j] = rnd.nextGaussian() + (j % 2 == 0 ? 0 : 0.5 * x[i][0]);
          y[i] += (j % 2 == 0 ? 1 : -1) * (0.5 + j) * x[i][j];
        }
        y[i] += rnd.nextGaussian();
        w[i] = rnd.nextInt(3) * (0.5 + rnd.nextDouble());
      }
      double alpha = trial < 6 ? 0.5 : 0;
      RidgeFit fit = NonNegativeRidge.fit(x, y, w, alpha);
      double mean = 0;
      double total = 0;
      for (int i = 0; i < n; i++) {
        mean += w[i] * y[i];
        total += w[i];
      }
      double[] best = new double[p];
      double bestIntercept = mean / total;
      double bestObjective = objective(x, y, w, alpha, best, bestIntercept);
      for (int mask = 1; mask < 1 << p; mask++) {
        int k = Integer.bitCount(mask);
        double[][] sub = new double[n][k];
        for (int i = 0; i < n; i++) {
          for (int j = 0, q = 0; j < p; j++) {
            if ((mask & 1 << j) != 0) {
              sub[i][q++] = x[i][j];
            }
          }
        }
        RidgeFit candidate = RidgeRegression.fit(sub, y, w, alpha);
        double[] full = new double[p];
        boolean feasible = true;
        for (int j = 0, q = 0; j < p; j++) {
          if ((mask & 1 << j) != 0) {
            full[j] = candidate.coefficient(q++);
            feasible &= full[j] >= 0;
          }
        }
        double objective = objective(x, y, w, alpha, full, candidate.intercept());
        if (feasible && objective < bestObjective) {
          bestObjective = objective;
          best = full;
          bestIntercept = candidate.intercept();
        }
      }
      assertVectorClose(fit.coefficients(), best, TOL, "trial " + trial + " coef");
      assertClose(fit.intercept(), bestIntercept, TOL, 1, "trial " + trial + " intercept");
    }
  }

  /** Independent check for many features: the optimality (KKT) conditions at the result. */
  @Test
  void fit_satisfiesOptimalityConditionsWithMoreFeaturesThanRows() {
    Random rnd = new Random(23);
    int n = 20;
    int p = 40;
    double[][] x = new double[n][p];
    double[] y = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        x[i][j] = rnd.nextGaussian() + 0.1 * j;
      }
      y[i] = x[i][0] - x[i][1] + 0.5 * x[i][2] + rnd.nextGaussian();
      w[i] = rnd.nextInt(3);
    }
    double alpha = 0.3;
    RidgeFit fit = NonNegativeRidge.fit(x, y, w, alpha);
    double[] beta = fit.coefficients();
    double[] residual = new double[n];
    double interceptGradient = 0;
    double interceptScale = 0;
    for (int i = 0; i < n; i++) {
      residual[i] = y[i] - fit.predict(x[i]);
      interceptGradient += w[i] * residual[i];
      interceptScale += Math.abs(w[i] * y[i]);
    }
    assertThat(Math.abs(interceptGradient)).isLessThanOrEqualTo(1e-9 * interceptScale);
    int positive = 0;
    for (int j = 0; j < p; j++) {
      double gradient = alpha * beta[j];
      double scale = Math.abs(gradient);
      for (int i = 0; i < n; i++) {
        gradient -= w[i] * residual[i] * x[i][j];
        scale += Math.abs(w[i] * y[i] * x[i][j]);
      }
      assertThat(beta[j]).as("beta[%d]", j).isGreaterThanOrEqualTo(0);
      if (beta[j] > 0) {
        positive++;
        assertThat(Math.abs(gradient)).as("gradient[%d]", j).isLessThanOrEqualTo(1e-9 * scale);
      } else {
        assertThat(gradient).as("gradient[%d]", j).isGreaterThanOrEqualTo(-1e-9 * scale);
      }
    }
    assertThat(positive).isBetween(1, p - 1);
  }

  private static double objective(double[][] x, double[] y, double[] w, double alpha,
      double[] beta, double intercept) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      double r = y[i] - intercept;
      for (int j = 0; j < beta.length; j++) {
        r -= x[i][j] * beta[j];
      }
      s += w[i] * r * r;
    }
    for (double b : beta) {
      s += alpha * b * b;
    }
    return s;
  }

  @Test
  void fit_allCoefficientsPushedToZeroGivesWeightedMean() {
    double[][] x = {{1}, {2}, {3}, {4}};
    double[] y = {4, 3, 2, 1};
    double[] w = {1, 2, 3, 4};
    RidgeFit fit = NonNegativeRidge.fit(x, y, w, 1);
    assertThat(fit.coefficient(0)).isZero();
    assertClose(fit.intercept(), (4 + 6 + 6 + 4) / 10.0, 1e-15, 1, "intercept");
  }

  @Test
  void fit_badInput() {
    assertThatThrownBy(() -> NonNegativeRidge.fit(null, Y, null, 1))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("x");
    assertThatThrownBy(() -> NonNegativeRidge.fit(X, null, null, 1))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("y");
    assertThatThrownBy(() -> NonNegativeRidge.fit(new double[0][], new double[0], null, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x: 0 rows");
    assertThatThrownBy(() -> NonNegativeRidge.fit(new double[][] {{1, 2}, {3}}, new double[2],
        null, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x: row 1");
    double[][] x = RidgeRegressionTest.copy(X);
    x[0][0] = Double.NaN;
    assertThatThrownBy(() -> NonNegativeRidge.fit(x, Y, null, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x: row 0, column 0");
    assertThatThrownBy(() -> NonNegativeRidge.fit(X, new double[] {1, 2, 3, 4,
        Double.NEGATIVE_INFINITY}, null, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y[4]");
    assertThatThrownBy(() -> NonNegativeRidge.fit(X, new double[3], null, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y: length 3");
    assertThatThrownBy(() -> NonNegativeRidge.fit(X, Y, new double[4], 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights: length 4");
    assertThatThrownBy(() -> NonNegativeRidge.fit(X, Y, new double[] {1, 1, -1, 1, 1}, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights[2]: -1.0");
    assertThatThrownBy(() -> NonNegativeRidge.fit(X, Y, new double[] {1, Double.NaN, 1, 1, 1}, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights[1]: NaN");
    assertThatThrownBy(() -> NonNegativeRidge.fit(X, Y, new double[5], 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights: all zero");
    assertThatThrownBy(() -> NonNegativeRidge.fit(X, Y, null, -2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha: -2.0");
    assertThatThrownBy(() -> NonNegativeRidge.fit(X, Y, null, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha: NaN");
  }
}
