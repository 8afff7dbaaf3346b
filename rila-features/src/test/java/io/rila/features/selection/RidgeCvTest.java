package io.rila.features.selection;

import static io.rila.features.selection.LassoCvTest.rows;
import static io.rila.features.selection.LassoCvTest.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rila.core.regression.RidgeFit;
import io.rila.core.regression.RidgeRegression;
import io.rila.core.testing.SharedData;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class RidgeCvTest {

  @Test
  void fit_matchesScikitLearnRidgeCv() {
    JsonNode o = SharedData.oracle("ridge_cv.json");
    double[] alphas = SharedData.vector(o.get("alphas"));
    RidgeCvResult r = RidgeCv.newBuilder().alphas(alphas).build()
        .fit(SharedData.matrix(o.get("x")), SharedData.vector(o.get("y")));
    double[] loo = SharedData.vector(o.get("loo_mse_per_alpha"));
    for (int a = 0; a < alphas.length; a++) {
      assertThat(SharedData.relativeError(r.meanSquaredError(a), loo[a])).isLessThan(1e-9);
    }
    assertThat(r.alpha()).isEqualTo(o.get("alpha_best").asDouble());
    assertThat(r.isLeaveOneOut()).isTrue();
    double[] coef = SharedData.vector(o.get("coef"));
    for (int j = 0; j < coef.length; j++) {
      assertThat(SharedData.relativeError(r.coefficient(j), coef[j])).isLessThan(1e-9);
    }
    assertThat(SharedData.relativeError(r.intercept(), o.get("intercept").asDouble()))
        .isLessThan(1e-9);
  }

  @Test
  void fit_leaveOneOutEqualsRefittingWithoutEachRow() {
    Random rnd = new Random(7);
    // more rows than features (covariance form) and fewer (Gram form), weighted
    for (int[] shape : new int[][] {{15, 4}, {9, 14}}) {
      int n = shape[0];
      int p = shape[1];
      double[][] x = LassoTest.randomMatrix(rnd, n, p);
      double[] y = new double[n];
      double[] w = new double[n];
      for (int i = 0; i < n; i++) {
        y[i] = x[i][0] - 2 * x[i][1] + rnd.nextGaussian();
        w[i] = 0.5 + rnd.nextDouble();
      }
      double[] alphas = {0.01, 0.3, 4.0};
      RidgeCvResult r = RidgeCv.newBuilder().alphas(alphas).build().fit(x, y, w);
      for (int a = 0; a < alphas.length; a++) {
        double s = 0;
        for (int i = 0; i < n; i++) {
          int[] keep = new int[n - 1];
          for (int k = 0, c = 0; k < n; k++) {
            if (k != i) {
              keep[c++] = k;
            }
          }
          RidgeFit fit =
              RidgeRegression.fit(rows(x, keep), values(y, keep), values(w, keep), alphas[a]);
          double e = y[i] - fit.predict(x[i]);
          s += w[i] * e * e;
        }
        assertThat(SharedData.relativeError(r.meanSquaredError(a), s / n)).isLessThan(1e-9);
      }
      RidgeFit fit = RidgeRegression.fit(x, y, w, r.alpha());
      for (int j = 0; j < p; j++) {
        assertThat(SharedData.relativeError(r.coefficient(j), fit.coefficient(j)))
            .isLessThan(1e-9);
      }
      assertThat(SharedData.relativeError(r.intercept(), fit.intercept())).isLessThan(1e-9);
    }
  }

  @Test
  void fit_timeSeriesFoldsEqualRefitsOnEachWindow() {
    Random rnd = new Random(9);
    int n = 30;
    double[][] x = LassoTest.randomMatrix(rnd, n, 12);
    double[] y = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = x[i][3] + 0.5 * x[i][7] + 0.5 * rnd.nextGaussian();
      w[i] = Math.pow(0.95, n - 1 - i);
    }
    Folds folds = Folds.timeSeries(4);
    double[] alphas = {0.1, 1, 10};
    RidgeCvResult r = RidgeCv.newBuilder().alphas(alphas).folds(folds).build().fit(x, y, w);
    for (int a = 0; a < alphas.length; a++) {
      double mean = 0;
      for (int f = 0; f < 4; f++) {
        int[] train = folds.trainRows(n, f);
        RidgeFit fit =
            RidgeRegression.fit(rows(x, train), values(y, train), values(w, train), alphas[a]);
        double s = 0;
        double tw = 0;
        for (int t : folds.testRows(n, f)) {
          double e = y[t] - fit.predict(x[t]);
          s += w[t] * e * e;
          tw += w[t];
        }
        assertThat(SharedData.relativeError(r.foldMeanSquaredError(f, a), s / tw))
            .isLessThan(1e-9);
        mean += s / tw / 4;
      }
      assertThat(SharedData.relativeError(r.meanSquaredError(a), mean)).isLessThan(1e-12);
    }
    assertThat(r.folds()).isEqualTo(folds);
    RidgeFit fit = RidgeRegression.fit(x, y, w, r.alpha());
    assertThat(SharedData.relativeError(r.predict(x[0]), fit.predict(x[0]))).isLessThan(1e-9);
  }

  @Test
  void fit_sameResultOnEveryExecutor() {
    Random rnd = new Random(2);
    double[][] x = LassoTest.randomMatrix(rnd, 40, 6);
    double[] y = new double[40];
    for (int i = 0; i < 40; i++) {
      y[i] = x[i][0] + rnd.nextGaussian();
    }
    RidgeCvResult caller = RidgeCv.newBuilder().folds(Folds.kFold(5)).executor(Runnable::run)
        .build().fit(x, y);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      RidgeCvResult pooled = RidgeCv.newBuilder().folds(Folds.kFold(5)).executor(pool)
          .build().fit(x, y);
      for (int f = 0; f < 5; f++) {
        for (int a = 0; a < 3; a++) {
          assertThat(pooled.foldMeanSquaredError(f, a))
              .isEqualTo(caller.foldMeanSquaredError(f, a));
        }
      }
      assertThat(pooled.coefficients()).containsExactly(caller.coefficients());
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void fit_badInput() {
    RidgeCv cv = RidgeCv.newBuilder().build();
    assertThat(cv.alphas()).containsExactly(0.1, 1, 10);
    double[][] x = {{1, 2}, {2, 1}, {3, 5}};
    double[] y = {1, 2, 4};
    assertThatThrownBy(() -> cv.fit(null, y))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("x");
    assertThatThrownBy(() -> cv.fit(x, new double[2]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y: length 2");
    assertThatThrownBy(() -> cv.fit(x, y, new double[] {1, Double.NaN, 1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights[1]");
    assertThatThrownBy(() -> cv.fit(new double[][] {{1}}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rows: 1 (expected: >= 2 for leave-one-out)");
    assertThatThrownBy(() -> RidgeCv.newBuilder().folds(Folds.timeSeries(3)).build().fit(x, y))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rows: 3");
    assertThatThrownBy(() -> RidgeCv.newBuilder().folds(Folds.timeSeries(2)).build()
            .fit(x, y, new double[] {1, 0, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weights: all zero on the test rows of fold 0");
  }

  @Test
  void builder_badValuesAndTwice() {
    assertThatThrownBy(() -> RidgeCv.newBuilder().alphas())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alphas: empty");
    assertThatThrownBy(() -> RidgeCv.newBuilder().alphas(1, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alphas[1]: 0.0");
    assertThatThrownBy(() -> RidgeCv.newBuilder().alphas(1, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alphas[1]: NaN");
    assertThatThrownBy(() -> RidgeCv.newBuilder().alphas((double[]) null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("alphas");
    assertThatThrownBy(() -> RidgeCv.newBuilder().alphas(1).alphas(2))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("alphas");
    assertThatThrownBy(() -> RidgeCv.newBuilder().folds(Folds.kFold(2)).folds(Folds.kFold(3)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("KFold(2)");
    assertThatThrownBy(() -> RidgeCv.newBuilder().folds(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("folds");
    assertThatThrownBy(() -> RidgeCv.newBuilder().executor(Runnable::run).executor(Runnable::run))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("executor");
    assertThatThrownBy(() -> RidgeCv.newBuilder().executor(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("executor");
  }

  @Test
  void result_accessorsCheck() {
    RidgeCvResult r = RidgeCv.newBuilder().build()
        .fit(new double[][] {{1, 2}, {2, 1}, {3, 5}, {4, 4}}, new double[] {1, 2, 4, 3});
    assertThatThrownBy(r::folds)
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("leave-one-out");
    assertThatThrownBy(() -> r.foldMeanSquaredError(0, 0))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> r.meanSquaredError(3)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> r.coefficient(2)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> r.predict(new double[3]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row: length 3");
    r.coefficients()[0] = 42;
    assertThat(r.coefficient(0)).isNotEqualTo(42);
  }
}
