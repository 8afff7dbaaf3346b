package io.rila.features.selection;

import static io.rila.features.selection.LassoTest.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rila.core.testing.SharedData;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class LassoCvTest {

  private static LassoCv.Builder tight() {
    return LassoCv.newBuilder().tolerance(1e-12).maxIterations(100_000);
  }

  @Test
  void fit_matchesScikitLearnLassoCv() {
    JsonNode o = SharedData.oracle("lasso.json");
    JsonNode cv = o.get("lasso_cv");
    LassoCvResult r =
        tight().build().fit(SharedData.matrix(o.get("x")), SharedData.vector(o.get("y")));
    double[] alphas = SharedData.vector(cv.get("alphas"));
    assertThat(r.alphaCount()).isEqualTo(alphas.length);
    assertThat(r.folds()).isEqualTo(Folds.kFold(5));
    for (int a = 0; a < alphas.length; a++) {
      assertThat(SharedData.relativeError(r.alphas()[a], alphas[a])).isLessThan(1e-12);
      double[] perFold = SharedData.vector(cv.get("mse_path").get(a));
      double mean = 0;
      for (int f = 0; f < perFold.length; f++) {
        assertThat(SharedData.relativeError(r.mse(f, a), perFold[f])).isLessThan(1e-5);
        mean += perFold[f] / perFold.length;
      }
      assertThat(SharedData.relativeError(r.meanMse(a), mean)).isLessThan(1e-5);
    }
    assertThat(SharedData.relativeError(r.alpha(), cv.get("alpha_best").asDouble()))
        .isLessThan(1e-12);
    assertClose(r.fit().coefficients(), SharedData.vector(cv.get("coef")), 1e-5);
    assertClose(r.fit().intercept(), cv.get("intercept").asDouble(), 1e-5);
    assertThat(r.fit().alpha()).isEqualTo(r.alpha());
  }

  @Test
  void fit_timeSeriesFoldsEqualColdFitsOnEachWindow() {
    Random rnd = new Random(11);
    double[][] x = LassoTest.randomMatrix(rnd, 43, 7);
    double[] y = new double[43];
    double[] w = new double[43];
    for (int i = 0; i < 43; i++) {
      y[i] = x[i][1] - 0.5 * x[i][4] + 0.3 * rnd.nextGaussian();
      w[i] = Math.pow(0.97, 43 - i);
    }
    Folds folds = Folds.timeSeries(4);
    double[] alphas = {0.2, 0.05, 0.01};
    LassoCvResult r = tight().folds(folds).alphas(alphas).build().fit(x, y, w);
    for (int f = 0; f < 4; f++) {
      int[] train = folds.trainRows(43, f);
      int[] test = folds.testRows(43, f);
      for (int a = 0; a < 3; a++) {
        LassoFit fit = LassoTest.TIGHT.fit(
            rows(x, train), values(y, train), values(w, train), r.alphas()[a]);
        double s = 0;
        double tw = 0;
        for (int t : test) {
          double e = fit.predict(x[t]) - y[t];
          s += w[t] * e * e;
          tw += w[t];
        }
        assertThat(SharedData.relativeError(r.mse(f, a), s / tw)).isLessThan(1e-8);
      }
    }
    LassoFit refit = LassoTest.TIGHT.fit(x, y, w, r.alpha());
    assertClose(r.fit().coefficients(), refit.coefficients(), 1e-10);
  }

  @Test
  void fit_sameResultOnEveryExecutor() {
    JsonNode o = SharedData.oracle("lasso.json");
    double[][] x = SharedData.matrix(o.get("x"));
    double[] y = SharedData.vector(o.get("y"));
    LassoCvResult common = LassoCv.newBuilder().build().fit(x, y);
    LassoCvResult caller = LassoCv.newBuilder().executor(Runnable::run).build().fit(x, y);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      LassoCvResult pooled = LassoCv.newBuilder().executor(pool).build().fit(x, y);
      for (LassoCvResult r : List.of(caller, pooled)) {
        for (int f = 0; f < 5; f++) {
          for (int a = 0; a < common.alphaCount(); a++) {
            assertThat(r.mse(f, a)).isEqualTo(common.mse(f, a));
          }
        }
        assertThat(r.fit().coefficients()).containsExactly(common.fit().coefficients());
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void screen_ranksByAbsoluteCoefficientThenColumn() {
    // Column 2 drives y strongly, column 0 weakly, columns 1 and 3 are noise the Lasso drops.
    Random rnd = new Random(5);
    double[][] x = LassoTest.randomMatrix(rnd, 60, 4);
    double[] y = new double[60];
    for (int i = 0; i < 60; i++) {
      y[i] = -3 * x[i][2] + 0.8 * x[i][0] + 0.01 * rnd.nextGaussian();
    }
    LassoCvResult r = LassoCv.newBuilder().alphas(0.5).build().fit(x, y);
    assertThat(r.fit().nonZeroCount()).isEqualTo(2);
    assertThat(r.screen(1)).containsExactly(2);
    assertThat(r.screen(4)).containsExactly(2, 0, 1, 3);
    assertThat(r.screen(3, List.of("a", "b", "c", "d"))).containsExactly("c", "a", "b");
  }

  @Test
  void fit_badInput() {
    LassoCv cv = LassoCv.newBuilder().build();
    double[][] x = {{1}, {2}, {3}, {4}};
    double[] y = {1, 2, 3, 5};
    assertThatThrownBy(() -> cv.fit(x, y))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rows: 4 (expected: >= 5 for KFold(5))");
    assertThatThrownBy(() -> LassoCv.newBuilder().folds(Folds.timeSeries(4)).build().fit(x, y))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rows: 4 (expected: >= 5 for TimeSeriesSplit(4))");
    assertThatThrownBy(() -> cv.fit(null, y))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("x");
    assertThatThrownBy(() -> cv.fit(x, new double[] {1, 2, Double.NaN, 4}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y[2]");
    double[][] x6 = {{1}, {2}, {3}, {4}, {5}, {7}};
    double[] y6 = {1, 2, 3, 5, 4, 6};
    assertThatThrownBy(() -> LassoCv.newBuilder().folds(Folds.kFold(2)).build()
            .fit(x6, y6, new double[] {1, 1, 1, 0, 0, 0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weights: all zero on the training rows of fold 0");
    assertThatThrownBy(() -> LassoCv.newBuilder().folds(Folds.kFold(3)).build()
            .fit(x6, y6, new double[] {1, 1, 0, 0, 1, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weights: all zero on the test rows of fold 1");
  }

  @Test
  void builder_conflictsAndTwice() {
    assertThatThrownBy(() -> LassoCv.newBuilder().alphas(0.1).alphaCount(10))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("alphaCount");
    assertThatThrownBy(() -> LassoCv.newBuilder().eps(0.01).alphas(0.1))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("alphas");
    assertThatThrownBy(() -> LassoCv.newBuilder().alphas(0.1).eps(0.01))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("eps");
    assertThatThrownBy(() -> LassoCv.newBuilder().folds(Folds.kFold(3)).folds(Folds.kFold(4)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("KFold(3)");
    assertThatThrownBy(() -> LassoCv.newBuilder().alphaCount(5).alphaCount(6))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("5");
    assertThatThrownBy(() -> LassoCv.newBuilder().executor(Runnable::run).executor(Runnable::run))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("executor");
    assertThatThrownBy(() -> LassoCv.newBuilder().alphas(1).alphas(2))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("alphas");
    assertThatThrownBy(() -> LassoCv.newBuilder().tolerance(1).tolerance(2))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("tolerance");
    assertThatThrownBy(() -> LassoCv.newBuilder().maxIterations(1).maxIterations(2))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("maxIterations");
    assertThatThrownBy(() -> LassoCv.newBuilder().eps(0.1).eps(0.2))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("0.1");
    assertThatThrownBy(() -> LassoCv.newBuilder().folds(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("folds");
    assertThatThrownBy(() -> LassoCv.newBuilder().executor(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("executor");
    assertThatThrownBy(() -> LassoCv.newBuilder().alphaCount(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alphaCount: 0");
    assertThatThrownBy(() -> LassoCv.newBuilder().eps(2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eps: 2.0");
    assertThatThrownBy(() -> LassoCv.newBuilder().alphas(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alphas[0]: -1.0");
    assertThatThrownBy(() -> LassoCv.newBuilder().tolerance(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tolerance: -1.0");
    assertThatThrownBy(() -> LassoCv.newBuilder().maxIterations(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxIterations: 0");
  }

  @Test
  void result_accessorsCheckIndicesAndCopy() {
    LassoCvResult r = LassoCv.newBuilder().folds(Folds.kFold(2)).alphas(1, 0.1).build()
        .fit(new double[][] {{1, 0}, {2, 1}, {3, 0}, {4, 1}}, new double[] {1, 2, 3, 5});
    r.alphas()[0] = 7;
    assertThat(r.alphas()).containsExactly(1, 0.1);
    assertThatThrownBy(() -> r.mse(2, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> r.mse(0, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> r.meanMse(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> r.screen(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k: 0");
    assertThatThrownBy(() -> r.screen(3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("k: 3 (expected: 1 <= k <= 2)");
    assertThatThrownBy(() -> r.screen(1, List.of("a")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names: 1 names");
    assertThatThrownBy(() -> r.screen(1, null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("names");
  }

  static double[][] rows(double[][] x, int[] idx) {
    double[][] out = new double[idx.length][];
    for (int i = 0; i < idx.length; i++) {
      out[i] = x[idx[i]];
    }
    return out;
  }

  static double[] values(double[] v, int[] idx) {
    double[] out = new double[idx.length];
    for (int i = 0; i < idx.length; i++) {
      out[i] = v[idx[i]];
    }
    return out;
  }

  @Test
  void progressListener_hearsTheFolds() {
    JsonNode o = SharedData.oracle("lasso.json");
    double[][] x = SharedData.matrix(o.get("x"));
    double[] y = SharedData.vector(o.get("y"));
    List<int[]> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    LassoCv.newBuilder().executor(Runnable::run)
        .progressListener((done, total) -> heard.add(new int[] {done, total})).build().fit(x, y);
    assertThat(heard).extracting(e -> e[0]).containsExactly(1, 2, 3, 4, 5);
    assertThat(heard).extracting(e -> e[1]).containsOnly(5);
    assertThatThrownBy(() -> LassoCv.newBuilder().progressListener(null))
        .isInstanceOf(NullPointerException.class).hasMessage("progressListener");
  }
}
