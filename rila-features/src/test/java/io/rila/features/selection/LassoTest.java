package io.rila.features.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.rila.core.testing.SharedData;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LassoTest {

  /** The oracle holds converged solutions: solve far below scikit-learn's default tolerance. */
  static final Lasso TIGHT = Lasso.newBuilder().tolerance(1e-12).maxIterations(100_000).build();

  private static final double[][] X = {{1, 2}, {2, 1}, {3, 5}, {4, 3}, {5, 4}};
  private static final double[] Y = {1, 2, 4, 3, 6};

  @Test
  void fit_matchesScikitLearnAtFixedAlphas() {
    JsonNode o = SharedData.oracle("lasso.json");
    double[][] x = SharedData.matrix(o.get("x"));
    double[] y = SharedData.vector(o.get("y"));
    for (JsonNode c : o.get("fits")) {
      LassoFit fit = TIGHT.fit(x, y, c.get("alpha").asDouble());
      assertThat(fit.converged()).isTrue();
      assertThat(fit.alpha()).isEqualTo(c.get("alpha").asDouble());
      assertClose(fit.intercept(), c.get("intercept").asDouble(), 1e-5);
      assertClose(fit.coefficients(), SharedData.vector(c.get("coef")), 1e-5);
    }
  }

  @Test
  void fit_satisfiesOptimalityConditionsWithWeights() {
    Random rnd = new Random(3);
    double[][] x = randomMatrix(rnd, 40, 6);
    double[] y = new double[40];
    double[] w = new double[40];
    for (int i = 0; i < 40; i++) {
      y[i] = 2 * x[i][0] - x[i][3] + rnd.nextGaussian();
      w[i] = 0.2 + rnd.nextDouble();
    }
    double alpha = 0.05;
    LassoFit fit = TIGHT.fit(x, y, w, alpha);
    // KKT of (1/2n) sum s_i r_i^2 + alpha |beta|_1 with s = w n / sum(w):
    // (1/n) sum s_i r_i x_ij = alpha sign(beta_j) where beta_j != 0, |.| <= alpha where 0,
    // and sum s_i r_i = 0 (free intercept).
    double wsum = 0;
    for (double v : w) {
      wsum += v;
    }
    double[] grad = new double[6];
    double rsum = 0;
    for (int i = 0; i < 40; i++) {
      double s = w[i] * 40 / wsum;
      double r = y[i] - fit.predict(x[i]);
      rsum += s * r;
      for (int j = 0; j < 6; j++) {
        grad[j] += s * r * x[i][j] / 40;
      }
    }
    assertThat(Math.abs(rsum)).isLessThan(1e-9);
    assertThat(fit.nonZeroCount()).isBetween(1, 5);
    for (int j = 0; j < 6; j++) {
      double b = fit.coefficient(j);
      if (b != 0) {
        assertThat(grad[j]).isCloseTo(Math.signum(b) * alpha, within(1e-7));
      } else {
        assertThat(Math.abs(grad[j])).isLessThanOrEqualTo(alpha + 1e-9);
      }
    }
  }

  @Test
  void fit_integerWeightsEqualRepeatedRows() {
    double[] w = {2, 1, 0, 3, 1};
    double[][] xs = new double[7][];
    double[] ys = new double[7];
    int k = 0;
    for (int i = 0; i < X.length; i++) {
      for (int c = 0; c < w[i]; c++) {
        xs[k] = X[i];
        ys[k++] = Y[i];
      }
    }
    LassoFit weighted = TIGHT.fit(X, Y, w, 0.1);
    LassoFit repeated = TIGHT.fit(xs, ys, 0.1);
    assertClose(weighted.intercept(), repeated.intercept(), 1e-10);
    assertClose(weighted.coefficients(), repeated.coefficients(), 1e-10);
  }

  @Test
  void fit_atAlphaMaxEveryCoefficientIsZero() {
    double alphaMax = Lasso.alphaGrid(X, Y, null, 1, 0.5)[0] / 0.5;
    LassoFit zero = TIGHT.fit(X, Y, alphaMax);
    assertThat(zero.nonZeroCount()).isZero();
    assertThat(zero.intercept()).isCloseTo(3.2, within(1e-15));
    assertThat(TIGHT.fit(X, Y, alphaMax * 0.99).nonZeroCount()).isEqualTo(1);
  }

  @Test
  void fit_defaultToleranceStopsOnTheDualityGap() {
    JsonNode o = SharedData.oracle("lasso.json");
    double[][] x = SharedData.matrix(o.get("x"));
    double[] y = SharedData.vector(o.get("y"));
    LassoFit loose = Lasso.newBuilder().build().fit(x, y, 0.1);
    LassoFit tight = TIGHT.fit(x, y, 0.1);
    assertThat(loose.converged()).isTrue();
    assertThat(loose.iterations()).isLessThan(tight.iterations());
    assertThat(loose.dualGap()).isGreaterThan(tight.dualGap());
  }

  @Test
  void fit_stopsAtMaxIterationsUnconverged() {
    JsonNode o = SharedData.oracle("lasso.json");
    LassoFit fit = Lasso.newBuilder().tolerance(1e-14).maxIterations(3).build()
        .fit(SharedData.matrix(o.get("x")), SharedData.vector(o.get("y")), 0.01);
    assertThat(fit.iterations()).isEqualTo(3);
    assertThat(fit.converged()).isFalse();
  }

  @Test
  void path_matchesColdFitsLargestAlphaFirst() {
    JsonNode o = SharedData.oracle("lasso.json");
    double[][] x = SharedData.matrix(o.get("x"));
    double[] y = SharedData.vector(o.get("y"));
    LassoPath path = TIGHT.path(x, y, null, 0.01, 0.5, 0.1);
    assertThat(path.alphas()).containsExactly(0.5, 0.1, 0.01);
    for (JsonNode c : o.get("fits")) {
      int i = path.alphas()[0] == c.get("alpha").asDouble() ? 0
          : path.alphas()[1] == c.get("alpha").asDouble() ? 1 : 2;
      assertThat(path.alpha(i)).isEqualTo(c.get("alpha").asDouble());
      assertClose(path.fit(i).coefficients(), SharedData.vector(c.get("coef")), 1e-5);
      assertClose(path.fit(i).intercept(), c.get("intercept").asDouble(), 1e-5);
    }
  }

  @Test
  void alphaGrid_matchesLassoCv() {
    JsonNode o = SharedData.oracle("lasso.json");
    JsonNode cv = o.get("lasso_cv");
    double[] grid = Lasso.alphaGrid(
        SharedData.matrix(o.get("x")), SharedData.vector(o.get("y")), null,
        cv.get("n_alphas").asInt(), cv.get("eps").asDouble());
    double[] expected = SharedData.vector(cv.get("alphas"));
    assertThat(grid).hasSize(expected.length);
    for (int i = 0; i < grid.length; i++) {
      assertThat(SharedData.relativeError(grid[i], expected[i])).isLessThan(1e-12);
    }
  }

  @Test
  void alphaGrid_constantTargetGivesResolution() {
    assertThat(Lasso.alphaGrid(X, new double[] {2, 2, 2, 2, 2}, null, 3, 1e-3))
        .containsExactly(1e-15, 1e-15, 1e-15);
  }

  @Test
  void fit_badInput() {
    Lasso lasso = Lasso.newBuilder().build();
    assertThatThrownBy(() -> lasso.fit(null, Y, 0.1))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("x");
    assertThatThrownBy(() -> lasso.fit(X, null, 0.1))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("y");
    assertThatThrownBy(() -> lasso.fit(new double[0][], new double[0], 0.1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x: 0 rows");
    assertThatThrownBy(() -> lasso.fit(new double[][] {{1, 2}, {3}}, new double[2], 0.1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1");
    assertThatThrownBy(() -> lasso.fit(new double[][] {{1, Double.NaN}}, new double[1], 0.1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column 1");
    assertThatThrownBy(() -> lasso.fit(X, new double[4], 0.1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y: length 4");
    assertThatThrownBy(() -> lasso.fit(X, new double[] {1, 2, Double.POSITIVE_INFINITY, 4, 5}, 0.1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y[2]");
    assertThatThrownBy(() -> lasso.fit(X, Y, new double[] {1, 1, -1, 1, 1}, 0.1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights[2]");
    assertThatThrownBy(() -> lasso.fit(X, Y, new double[] {1, 1}, 0.1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights: length 2");
    assertThatThrownBy(() -> lasso.fit(X, Y, new double[5], 0.1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights: all zero");
    assertThatThrownBy(() -> lasso.fit(X, Y, -0.1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha: -0.1");
    assertThatThrownBy(() -> lasso.fit(X, Y, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha: NaN");
  }

  @Test
  void path_badAlphas() {
    Lasso lasso = Lasso.newBuilder().build();
    assertThatThrownBy(() -> lasso.path(X, Y, null, (double[]) null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("alphas");
    assertThatThrownBy(() -> lasso.path(X, Y, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alphas: empty");
    assertThatThrownBy(() -> lasso.path(X, Y, null, 0.1, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alphas[1]: 0.0");
    assertThatThrownBy(() -> lasso.path(X, Y, null, Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alphas[0]");
  }

  @Test
  void alphaGrid_badInput() {
    assertThatThrownBy(() -> Lasso.alphaGrid(X, Y, null, 0, 1e-3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("count: 0");
    assertThatThrownBy(() -> Lasso.alphaGrid(X, Y, null, 10, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eps: 0.0");
    assertThatThrownBy(() -> Lasso.alphaGrid(X, Y, null, 10, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eps: 1.0");
    assertThatThrownBy(() -> Lasso.alphaGrid(X, null, null, 10, 0.1))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("y");
  }

  @Test
  void builder_badValuesAndTwice() {
    assertThatThrownBy(() -> Lasso.newBuilder().tolerance(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tolerance: 0.0");
    assertThatThrownBy(() -> Lasso.newBuilder().tolerance(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tolerance: NaN");
    assertThatThrownBy(() -> Lasso.newBuilder().maxIterations(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxIterations: 0");
    assertThatThrownBy(() -> Lasso.newBuilder().tolerance(1e-3).tolerance(1e-4))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("0.001");
    assertThatThrownBy(() -> Lasso.newBuilder().maxIterations(5).maxIterations(6))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("5");
    Lasso lasso = Lasso.newBuilder().build();
    assertThat(lasso.tolerance()).isEqualTo(1e-4);
    assertThat(lasso.maxIterations()).isEqualTo(1000);
  }

  @Test
  void fitAccessors_copyAndCheck() {
    LassoFit fit = TIGHT.fit(X, Y, 0.01);
    double[] c = fit.coefficients();
    c[0] = 99;
    assertThat(fit.coefficient(0)).isNotEqualTo(99);
    assertThat(fit.copyCoefficientsInto(new double[3])).startsWith(fit.coefficients());
    assertThatThrownBy(() -> fit.copyCoefficientsInto(new double[1]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target: length 1");
    assertThatThrownBy(() -> fit.coefficient(2)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> fit.predict(new double[1]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row: length 1");
  }

  static double[][] randomMatrix(Random rnd, int n, int p) {
    double[][] x = new double[n][p];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        x[i][j] = rnd.nextGaussian();
      }
    }
    return x;
  }

  static void assertClose(double actual, double expected, double tol) {
    assertThat(Math.abs(actual - expected))
        .as("actual %s, expected %s", actual, expected)
        .isLessThanOrEqualTo(tol * Math.max(1.0, Math.abs(expected)));
  }

  static void assertClose(double[] actual, double[] expected, double tol) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int j = 0; j < expected.length; j++) {
      assertClose(actual[j], expected[j], tol);
    }
  }
}
