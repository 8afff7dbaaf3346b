package io.rila.core.regression;

import static io.rila.core.regression.OracleAssert.assertClose;
import static io.rila.core.regression.OracleAssert.assertVectorClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rila.core.testing.SharedData;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RidgeRegressionTest {

  private static final double TOL = 1e-9;

  private static final double[][] X = {{1, 2}, {3, 4}, {5, 7}, {2, 2}, {0, 1}};
  private static final double[] Y = {1, 2, 3, 4, 2};

  @Test
  void fit_matchesScikitLearnOracle() {
    JsonNode cases = SharedData.oracle("ridge.json").get("cases");
    assertThat(cases.size()).isGreaterThan(0);
    for (JsonNode c : cases) {
      double[][] x = SharedData.matrix(c.get("x"));
      double[] y = SharedData.vector(c.get("y"));
      double[] w = c.get("sample_weight").isNull() ? null
          : SharedData.vector(c.get("sample_weight"));
      double alpha = c.get("alpha").asDouble();
      double[] coef = SharedData.vector(c.get("coef"));
      RidgeFit fit = RidgeRegression.fit(x, y, w, alpha);
      String what = "n=" + x.length + " p=" + coef.length + " alpha=" + alpha;
      assertVectorClose(fit.coefficients(), coef, TOL, what + " coef");
      assertClose(fit.intercept(), c.get("intercept").asDouble(), TOL, 1, what + " intercept");
      assertThat(fit.alpha()).isEqualTo(alpha);
      assertThat(fit.features()).isEqualTo(coef.length);
      assertThat(fit.form()).isEqualTo(coef.length > positive(w, x.length)
          ? SolveForm.DUAL : SolveForm.PRIMAL);
    }
  }

  private static int positive(double[] w, int n) {
    if (w == null) {
      return n;
    }
    int m = 0;
    for (double v : w) {
      m += v > 0 ? 1 : 0;
    }
    return m;
  }

  @Test
  void fit_forcedFormsAgree() {
    Random rnd = new Random(21);
    double[][] x = new double[20][45];
    double[] y = new double[20];
    double[] w = new double[20];
    for (int i = 0; i < 20; i++) {
      for (int j = 0; j < 45; j++) {
        x[i][j] = rnd.nextGaussian() + j;
      }
      y[i] = rnd.nextGaussian();
      w[i] = rnd.nextInt(3);
    }
    RidgeFit primal = RidgeRegression.fit(x, y, w, 0.7, SolveForm.PRIMAL);
    RidgeFit dual = RidgeRegression.fit(x, y, w, 0.7, SolveForm.DUAL);
    assertThat(primal.form()).isEqualTo(SolveForm.PRIMAL);
    assertThat(dual.form()).isEqualTo(SolveForm.DUAL);
    assertVectorClose(dual.coefficients(), primal.coefficients(), TOL, "coef");
    assertClose(dual.intercept(), primal.intercept(), TOL, 1, "intercept");
  }

  @Test
  void fit_nullWeightsEqualUnitWeights() {
    RidgeFit plain = RidgeRegression.fit(X, Y, null, 0.3);
    RidgeFit ones = RidgeRegression.fit(X, Y, new double[] {1, 1, 1, 1, 1}, 0.3);
    assertThat(plain.coefficients()).containsExactly(ones.coefficients());
    assertThat(plain.intercept()).isEqualTo(ones.intercept());
  }

  @Test
  void fit_zeroAlphaIsLeastSquaresThroughExactData() {
    double[][] x = {{0, 1}, {1, 0}, {2, 3}, {3, 1}, {4, 4}};
    double[] y = new double[5];
    for (int i = 0; i < 5; i++) {
      y[i] = 1.5 + 2 * x[i][0] - 0.5 * x[i][1];
    }
    RidgeFit fit = RidgeRegression.fit(x, y, new double[] {1, 2, 0.5, 1, 3}, 0);
    assertVectorClose(fit.coefficients(), new double[] {2, -0.5}, 1e-12, "coef");
    assertClose(fit.intercept(), 1.5, 1e-12, 1, "intercept");
  }

  @Test
  void fit_zeroAlphaWhereSingularNamesAlpha() {
    assertThatThrownBy(() -> RidgeRegression.fit(X, Y, new double[] {1, 1, 0, 0, 0}, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha: 0.0");
    assertThatThrownBy(() -> RidgeRegression.fit(X, Y, null, 0, SolveForm.DUAL))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha: 0.0");
  }

  @Test
  void ridgeFit_accessorsCopyAndPredict() {
    RidgeFit fit = RidgeRegression.fit(X, Y, null, 1);
    double[] copy = fit.coefficients();
    copy[0] = 99;
    assertThat(fit.coefficient(0)).isNotEqualTo(99);
    double[] target = new double[2];
    fit.copyCoefficientsInto(target);
    assertThat(target).containsExactly(fit.coefficients());
    double[] row = {0.5, -2};
    assertThat(fit.predict(row))
        .isEqualTo(fit.intercept() + 0.5 * fit.coefficient(0) - 2 * fit.coefficient(1));
    assertThat(fit.toString()).contains("features=2", "alpha=1.0", "PRIMAL");
  }

  @Test
  void ridgeFit_badInput() {
    RidgeFit fit = RidgeRegression.fit(X, Y, null, 1);
    assertThatThrownBy(() -> fit.coefficient(2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("j: 2");
    assertThatThrownBy(() -> fit.copyCoefficientsInto(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("target");
    assertThatThrownBy(() -> fit.copyCoefficientsInto(new double[3]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target: length 3");
    assertThatThrownBy(() -> fit.predict(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("row");
    assertThatThrownBy(() -> fit.predict(new double[1]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row: length 1");
    assertThatThrownBy(() -> fit.predict(new double[] {1, Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row[1]: NaN");
  }

  @Test
  void fit_nullInput() {
    assertThatThrownBy(() -> RidgeRegression.fit(null, Y, null, 1))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("x");
    assertThatThrownBy(
        () -> RidgeRegression.fit(new double[][] {{1}, null}, new double[2], null, 1))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("x[1]");
    assertThatThrownBy(() -> RidgeRegression.fit(X, null, null, 1))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("y");
    assertThatThrownBy(() -> RidgeRegression.fit(X, Y, null, 1, null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("form");
  }

  @Test
  void fit_emptyOrRaggedX() {
    assertThatThrownBy(() -> RidgeRegression.fit(new double[0][], new double[0], null, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x: 0 rows");
    assertThatThrownBy(() -> RidgeRegression.fit(new double[][] {{}, {}}, new double[2], null, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x: 0 columns");
    assertThatThrownBy(() -> RidgeRegression.fit(new double[][] {{1, 2}, {3}}, new double[2],
        null, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x: row 1 has 1");
  }

  @Test
  void fit_nonFiniteValues() {
    double[][] x = copy(X);
    x[3][1] = Double.POSITIVE_INFINITY;
    assertThatThrownBy(() -> RidgeRegression.fit(x, Y, null, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x: row 3, column 1");
    double[] y = Y.clone();
    y[2] = Double.NaN;
    assertThatThrownBy(() -> RidgeRegression.fit(X, y, null, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y[2]: NaN");
    assertThatThrownBy(() -> RidgeRegression.fit(X, Y, new double[] {1, 1, Double.NaN, 1, 1}, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights[2]: NaN");
    assertThatThrownBy(() -> RidgeRegression.fit(X, Y,
        new double[] {1, 1, 1, Double.POSITIVE_INFINITY, 1}, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights[3]");
  }

  @Test
  void fit_badWeights() {
    assertThatThrownBy(() -> RidgeRegression.fit(X, Y, new double[] {1, -0.5, 1, 1, 1}, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights[1]: -0.5");
    assertThatThrownBy(() -> RidgeRegression.fit(X, Y, new double[5], 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights: all zero");
  }

  @Test
  void fit_dimensionMismatch() {
    assertThatThrownBy(() -> RidgeRegression.fit(X, new double[4], null, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y: length 4")
        .hasMessageContaining("5");
    assertThatThrownBy(() -> RidgeRegression.fit(X, Y, new double[6], 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights: length 6");
  }

  @Test
  void fit_badAlpha() {
    assertThatThrownBy(() -> RidgeRegression.fit(X, Y, null, -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha: -1.0");
    assertThatThrownBy(() -> RidgeRegression.fit(X, Y, null, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha: NaN");
    assertThatThrownBy(() -> RidgeRegression.fit(X, Y, null, Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha: Infinity");
  }

  static double[][] copy(double[][] x) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = Arrays.copyOf(x[i], x[i].length);
    }
    return out;
  }
}
