package io.rila.core.internal;

import static io.rila.core.regression.OracleAssert.assertClose;
import static io.rila.core.regression.OracleAssert.assertVectorClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rila.core.regression.SolveForm;
import io.rila.core.testing.SharedData;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RidgeKernelTest {

  private static final double TOL = 1e-9;

  @Test
  void columnScan_meansAndLargestMagnitudesInOnePass() {
    double[][] x = {{1, -8, 0.5}, {3, 2, -0.25}, {-7, 4, 0.75}, {7, 2, 0}};
    RidgeKernel.ColumnScan scan = RidgeKernel.columnScan(x);
    // by hand: (1 + 3 - 7 + 7) / 4, (-8 + 2 + 4 + 2) / 4, (0.5 - 0.25 + 0.75 + 0) / 4
    assertThat(scan.means()).containsExactly(1.0, 0.0, 0.25);
    assertThat(scan.largest()).containsExactly(7.0, 8.0, 0.75);
    assertThat(scan.finite()).isTrue();
    assertThat(RidgeKernel.of(x, new double[] {1, 2, 3, 4}).center).containsExactly(1.0, 0.0, 0.25);

    x[2][1] = Double.NEGATIVE_INFINITY;
    assertThat(RidgeKernel.columnScan(x).largest()[1]).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(RidgeKernel.columnScan(x).finite()).isFalse();
    x[2][1] = Double.NaN;
    assertThat(RidgeKernel.columnScan(x).finite()).isFalse();
  }

  @Test
  void solve_matchesScikitLearnOracleInEveryForm() {
    JsonNode cases = SharedData.oracle("ridge.json").get("cases");
    assertThat(cases.size()).isGreaterThan(0);
    for (JsonNode c : cases) {
      double[][] x = SharedData.matrix(c.get("x"));
      double[] y = SharedData.vector(c.get("y"));
      double[] v = c.get("sample_weight").isNull() ? ones(y.length)
          : SharedData.vector(c.get("sample_weight"));
      double alpha = c.get("alpha").asDouble();
      double[] coef = SharedData.vector(c.get("coef"));
      double intercept = c.get("intercept").asDouble();
      RidgeWorkspace ws = RidgeKernel.of(x, y).newWorkspace();
      for (SolveForm form : SolveForm.values()) {
        if (alpha < 1e-3 && form != natural(x.length, coef.length, v)) {
          // The other form's system has condition ~ |X~^T V X~| / alpha: 1e-8 loses 1e-7.
          continue;
        }
        String what = "n=" + x.length + " p=" + coef.length + " alpha=" + alpha + " " + form;
        double[] beta = new double[coef.length];
        double b = ws.solve(v, alpha, form, beta);
        assertVectorClose(beta, coef, TOL, what + " coef");
        assertClose(b, intercept, TOL, 1, what + " intercept");
      }
    }
  }

  @Test
  void solveNonNegative_matchesExactOracle() {
    JsonNode cases = SharedData.oracle("ridge_nonnegative.json").get("cases");
    assertThat(cases.size()).isGreaterThan(0);
    for (JsonNode c : cases) {
      double[][] x = SharedData.matrix(c.get("x"));
      double[] y = SharedData.vector(c.get("y"));
      double[] v = SharedData.vector(c.get("sample_weight"));
      double[] coef = SharedData.vector(c.get("coef"));
      double[] beta = new double[coef.length];
      double b = RidgeKernel.of(x, y).newWorkspace()
          .solveNonNegative(v, c.get("alpha").asDouble(), beta);
      assertVectorClose(beta, coef, TOL, "p=" + coef.length + " coef");
      assertClose(b, c.get("intercept").asDouble(), TOL, 1, "p=" + coef.length + " intercept");
    }
  }

  @Test
  void solveNonNegative_equalsUnconstrainedWhenThatIsNonNegative() {
    Random rnd = new Random(4);
    int n = 50;
    double[][] x = gaussian(rnd, n, 6, 2);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = 0.5 * rnd.nextGaussian();
      for (int j = 0; j < 6; j++) {
        y[i] += (1 + j) * x[i][j];
      }
    }
    double[] v = weights(rnd, n, 2);
    RidgeWorkspace ws = RidgeKernel.of(x, y).newWorkspace();
    double[] free = new double[6];
    double[] constrained = new double[6];
    double b1 = ws.solve(v, 2, SolveForm.PRIMAL, free);
    double b2 = ws.solveNonNegative(v, 2, constrained);
    assertThat(Arrays.stream(free).min().getAsDouble()).isPositive();
    assertVectorClose(constrained, free, TOL, "coef");
    assertClose(b2, b1, TOL, 1, "intercept");
  }

  private static SolveForm natural(int n, int p, double[] v) {
    int m = 0;
    for (double w : v) {
      m += w > 0 ? 1 : 0;
    }
    return p > m ? SolveForm.DUAL : SolveForm.PRIMAL;
  }

  @Test
  void solve_autoPicksDualIffFeaturesExceedPositiveRows() {
    Random rnd = new Random(3);
    RidgeWorkspace ws = RidgeKernel.of(gaussian(rnd, 10, 6, 0), gaussian(rnd, 10)).newWorkspace();
    double[] beta = new double[6];
    double[] v = ones(10);
    ws.solve(v, 1, SolveForm.AUTO, beta);
    assertThat(ws.lastForm()).isEqualTo(SolveForm.PRIMAL);
    Arrays.fill(v, 0, 4, 0);
    ws.solve(v, 1, SolveForm.AUTO, beta);
    assertThat(ws.lastForm()).isEqualTo(SolveForm.PRIMAL);
    v[4] = 0;
    ws.solve(v, 1, SolveForm.AUTO, beta);
    assertThat(ws.lastForm()).isEqualTo(SolveForm.DUAL);
  }

  @Test
  void solve_primalEqualsDualOnRandomProblems() {
    Random rnd = new Random(11);
    int[][] shapes = {{40, 5}, {40, 39}, {30, 80}, {150, 598}, {12, 3}, {25, 25}};
    for (int[] shape : shapes) {
      int n = shape[0];
      int p = shape[1];
      double[][] x = gaussian(rnd, n, p, 50);
      double[] y = gaussian(rnd, n);
      RidgeWorkspace ws = RidgeKernel.of(x, y).newWorkspace();
      for (double alpha : new double[] {0.1, 1, 100}) {
        for (int scheme = 0; scheme < 3; scheme++) {
          double[] v = weights(rnd, n, scheme);
          double[] primal = new double[p];
          double[] dual = new double[p];
          double bp = ws.solve(v, alpha, SolveForm.PRIMAL, primal);
          double bd = ws.solve(v, alpha, SolveForm.DUAL, dual);
          String what = n + "x" + p + " alpha=" + alpha + " scheme=" + scheme;
          assertVectorClose(dual, primal, TOL, what + " coef");
          assertClose(bd, bp, TOL, 1, what + " intercept");
        }
      }
    }
  }

  /**
   * One bootstrap member on each shape of the benchmark grid (rows 50..5,000 x features 4..598,
   * and the wide 150 x 2,000), against the textbook solve: the uncentred normal equations with an
   * unpenalised intercept column, by Gaussian elimination with partial pivoting.
   */
  @Test
  void solve_matchesNaiveSolveOnGridShapes() {
    Random rnd = new Random(12);
    int[][] shapes = new int[26][];
    int c = 0;
    for (int n : new int[] {50, 150, 600, 1500, 5000}) {
      for (int p : new int[] {4, 30, 100, 598, 2000}) {
        if (p < 2000) {
          shapes[c++] = new int[] {n, p};
        }
      }
    }
    shapes[c++] = new int[] {150, 2000};
    for (int[] shape : java.util.Arrays.copyOf(shapes, c)) {
      int n = shape[0];
      int p = shape[1];
      double[][] x = gaussian(rnd, n, p, 1);
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        y[i] = 3 + rnd.nextGaussian();
        for (int j = 0; j < Math.min(p, 10); j++) {
          y[i] += (j - 4) * x[i][j];
        }
      }
      double[] v = weights(rnd, n, n % 3 == 0 ? 1 : 2);
      double[] beta = new double[p];
      RidgeWorkspace ws = RidgeKernel.of(x, y).newWorkspace();
      double b = ws.solve(v, 1, SolveForm.AUTO, beta);
      double[] naive = naiveRidge(x, y, v, 1);
      double scale = 0;
      for (int j = 0; j < p; j++) {
        scale = Math.max(scale, Math.abs(naive[j + 1]));
      }
      String what = n + "x" + p + " " + ws.lastForm();
      for (int j = 0; j < p; j++) {
        assertThat(Math.abs(beta[j] - naive[j + 1])).as(what + " coef " + j)
            .isLessThanOrEqualTo(1e-10 * scale);
      }
      assertThat(Math.abs(b - naive[0])).as(what + " intercept")
          .isLessThanOrEqualTo(1e-10 * Math.max(1, Math.abs(naive[0])));
    }
  }

  /**
   * From {@link RidgeWorkspace#MIXED_MIN_FEATURES} features the primal form solves in mixed
   * precision; on tall shapes with many features (a bootstrap member of each, counts and real
   * weights) it agrees with the direct double-precision solve to 1e-12 of the largest
   * coefficient, and on the smallest with the textbook solve to 1e-10, without falling back.
   */
  @Test
  void solve_mixedPrecisionMatchesDirectAndNaiveSolves() {
    Random rnd = new Random(21);
    int[][] shapes = {{1200, RidgeWorkspace.MIXED_MIN_FEATURES}, {2500, 1200}, {5000, 2000}};
    for (int[] shape : shapes) {
      int n = shape[0];
      int p = shape[1];
      double[][] x = gaussian(rnd, n, p, 3);
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        y[i] = 2 + rnd.nextGaussian() + 0.5 * x[i][0] - x[i][1];
      }
      RidgeKernel kernel = RidgeKernel.of(x, y);
      RidgeWorkspace mixed = kernel.newWorkspace();
      RidgeWorkspace direct = kernel.newWorkspace();
      direct.directOnly();
      for (int scheme : new int[] {1, 2}) {
        double[] v = weights(rnd, n, scheme);
        double[] beta = new double[p];
        double[] reference = new double[p];
        double b = mixed.solve(v, 1, SolveForm.AUTO, beta);
        double b0 = direct.solve(v, 1, SolveForm.AUTO, reference);
        String what = n + "x" + p + " scheme " + scheme;
        assertThat(mixed.lastForm()).as(what).isEqualTo(SolveForm.PRIMAL);
        double scale = 0;
        double error = 0;
        for (int j = 0; j < p; j++) {
          scale = Math.max(scale, Math.abs(reference[j]));
          error = Math.max(error, Math.abs(beta[j] - reference[j]));
        }
        assertThat(error).as(what + " coefficients").isLessThanOrEqualTo(1e-12 * scale);
        assertThat(Math.abs(b - b0)).as(what + " intercept")
            .isLessThanOrEqualTo(1e-12 * Math.max(1, Math.abs(b0)));
        if (p == RidgeWorkspace.MIXED_MIN_FEATURES && scheme == 1) {
          double[] naive = naiveRidge(x, y, v, 1);
          for (int j = 0; j < p; j++) {
            assertThat(Math.abs(beta[j] - naive[j + 1])).as(what + " naive coef " + j)
                .isLessThanOrEqualTo(1e-10 * scale);
          }
          assertThat(Math.abs(b - naive[0])).as(what + " naive intercept")
              .isLessThanOrEqualTo(1e-10 * Math.max(1, Math.abs(naive[0])));
        }
      }
      assertThat(mixed.mixedSolves()).as(n + "x" + p).isEqualTo(2);
      assertThat(mixed.mixedFallbacks()).as(n + "x" + p).isZero();
      assertThat(direct.mixedSolves()).isZero();
    }
  }

  /**
   * The refinement's verdicts on synthetic corrections: it goes on after the first step (no rate
   * yet); converges when the error left at the measured rate is below 1e-15 of the largest
   * coefficient; goes on when a slow rate leaves more, however small the step; stops at the
   * rounding floor (a step that does not shrink) only below 1e-11, else fails; and fails on
   * values that are not finite.
   */
  @Test
  void judge_refinementSteps() {
    double inf = Double.POSITIVE_INFINITY;
    assertThat(RidgeWorkspace.judge(1e-3, inf, 1)).isEqualTo(RidgeWorkspace.Refinement.CONTINUE);
    assertThat(RidgeWorkspace.judge(0, inf, 1)).isEqualTo(RidgeWorkspace.Refinement.CONVERGED);
    assertThat(RidgeWorkspace.judge(1e-10, 1e-4, 1))
        .as("rate 1e-6 leaves 1e-16").isEqualTo(RidgeWorkspace.Refinement.CONVERGED);
    assertThat(RidgeWorkspace.judge(1e-10, 1e-4, 0.05))
        .as("relative to the coefficients").isEqualTo(RidgeWorkspace.Refinement.CONTINUE);
    assertThat(RidgeWorkspace.judge(1e-12, 1.1e-12, 1))
        .as("rate 0.9 leaves 9e-12").isEqualTo(RidgeWorkspace.Refinement.CONTINUE);
    assertThat(RidgeWorkspace.judge(5e-12, 4e-12, 1))
        .as("floor below 1e-11").isEqualTo(RidgeWorkspace.Refinement.FLOOR);
    assertThat(RidgeWorkspace.judge(5e-12, 4e-12, 0.1))
        .as("floor above 1e-11 of the coefficients").isEqualTo(RidgeWorkspace.Refinement.FAILED);
    assertThat(RidgeWorkspace.judge(1e-3, 1e-4, 1)).as("diverging")
        .isEqualTo(RidgeWorkspace.Refinement.FAILED);
    assertThat(RidgeWorkspace.judge(Double.NaN, 1e-3, 1)).isEqualTo(RidgeWorkspace.Refinement.FAILED);
    assertThat(RidgeWorkspace.judge(1e-3, 1e-2, inf)).isEqualTo(RidgeWorkspace.Refinement.FAILED);
  }

  /**
   * Nearly collinear features (every column one common factor plus noise of 1e-3) and a tiny
   * alpha give a system whose condition number is far beyond single precision: the float factor
   * cannot precondition it, the mixed-precision solve detects that and falls back to the direct
   * double-precision solve, whose result it then returns bit for bit. Below {@link
   * RidgeWorkspace#MIXED_MIN_FEATURES} features, and with {@code alpha = 0}, it is never tried.
   */
  @Test
  void solve_mixedPrecisionFallsBackToTheDirectSolveOnIllConditionedData() {
    Random rnd = new Random(22);
    int n = 1500;
    int p = RidgeWorkspace.MIXED_MIN_FEATURES + 20;
    double[][] x = new double[n][p];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double common = rnd.nextGaussian();
      for (int j = 0; j < p; j++) {
        x[i][j] = common + 1e-3 * rnd.nextGaussian();
      }
      y[i] = common + 0.1 * rnd.nextGaussian();
    }
    RidgeKernel kernel = RidgeKernel.of(x, y);
    RidgeWorkspace mixed = kernel.newWorkspace();
    RidgeWorkspace direct = kernel.newWorkspace();
    direct.directOnly();
    double[] v = weights(rnd, n, 1);
    double[] beta = new double[p];
    double[] reference = new double[p];
    double b = mixed.solve(v, 1e-6, SolveForm.PRIMAL, beta);
    double b0 = direct.solve(v, 1e-6, SolveForm.PRIMAL, reference);
    assertThat(mixed.mixedSolves()).isEqualTo(1);
    assertThat(mixed.mixedFallbacks()).isEqualTo(1);
    assertThat(beta).isEqualTo(reference);
    assertThat(b).isEqualTo(b0);

    mixed.solve(v, 0, SolveForm.PRIMAL, beta);
    assertThat(mixed.mixedSolves()).as("alpha 0: direct only").isEqualTo(1);

    double[][] narrow = gaussian(rnd, 200, RidgeWorkspace.MIXED_MIN_FEATURES - 1, 0);
    RidgeWorkspace small = RidgeKernel.of(narrow, gaussian(rnd, 200)).newWorkspace();
    small.solve(ones(200), 1, SolveForm.PRIMAL, new double[narrow[0].length]);
    assertThat(small.mixedSolves()).as("below the threshold").isZero();
  }

  /**
   * Intercept and coefficients minimising {@code sum v_i (y_i - b - x_i . beta)^2 + alpha
   * |beta|^2}: the normal equations in {@code (b, beta)}, uncentred, by Gaussian elimination.
   */
  private static double[] naiveRidge(double[][] x, double[] y, double[] v, double alpha) {
    int n = x.length;
    int q = x[0].length + 1;
    double[][] a = new double[q][q + 1];
    double[] row = new double[q];
    for (int i = 0; i < n; i++) {
      if (v[i] == 0) {
        continue;
      }
      row[0] = 1;
      System.arraycopy(x[i], 0, row, 1, q - 1);
      for (int r = 0; r < q; r++) {
        double f = v[i] * row[r];
        double[] ar = a[r];
        for (int k = 0; k < q; k++) {
          ar[k] += f * row[k];
        }
        ar[q] += f * y[i];
      }
    }
    for (int j = 1; j < q; j++) {
      a[j][j] += alpha;
    }
    for (int col = 0; col < q; col++) {
      int pivot = col;
      for (int r = col + 1; r < q; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
          pivot = r;
        }
      }
      double[] swap = a[col];
      a[col] = a[pivot];
      a[pivot] = swap;
      double[] top = a[col];
      for (int r = col + 1; r < q; r++) {
        double f = a[r][col] / top[col];
        if (f != 0) {
          double[] ar = a[r];
          for (int k = col; k <= q; k++) {
            ar[k] -= f * top[k];
          }
        }
      }
    }
    double[] solution = new double[q];
    for (int r = q - 1; r >= 0; r--) {
      double s = a[r][q];
      for (int k = r + 1; k < q; k++) {
        s -= a[r][k] * solution[k];
      }
      solution[r] = s / a[r][r];
    }
    return solution;
  }

  @Test
  void solve_integerCountsEqualRepeatedRows() {
    Random rnd = new Random(5);
    for (int[] shape : new int[][] {{30, 4}, {30, 70}}) {
      int n = shape[0];
      int p = shape[1];
      double[][] x = gaussian(rnd, n, p, 3);
      double[] y = gaussian(rnd, n);
      double[] userWeight = new double[n];
      int[] counts = new int[n];
      int total = 0;
      for (int i = 0; i < n; i++) {
        userWeight[i] = 0.2 + rnd.nextDouble();
        counts[i] = rnd.nextInt(4);
        total += counts[i];
      }
      double[][] repeatedX = new double[total][];
      double[] repeatedY = new double[total];
      double[] repeatedW = new double[total];
      double[] v = new double[n];
      int r = 0;
      for (int i = 0; i < n; i++) {
        v[i] = userWeight[i] * counts[i];
        for (int c = 0; c < counts[i]; c++) {
          repeatedX[r] = x[i].clone();
          repeatedY[r] = y[i];
          repeatedW[r] = userWeight[i];
          r++;
        }
      }
      double[] byCounts = new double[p];
      double[] byRows = new double[p];
      double b1 = RidgeKernel.of(x, y).newWorkspace().solve(v, 0.5, SolveForm.AUTO, byCounts);
      double b2 = RidgeKernel.of(repeatedX, repeatedY).newWorkspace()
          .solve(repeatedW, 0.5, SolveForm.PRIMAL, byRows);
      assertVectorClose(byCounts, byRows, TOL, n + "x" + p + " coef");
      assertClose(b1, b2, TOL, 1, n + "x" + p + " intercept");
    }
  }

  @Test
  void solve_largeFeatureOffsetsKeepAccuracy() {
    Random rnd = new Random(8);
    int n = 40;
    int p = 60;
    double[][] x = gaussian(rnd, n, p, 0);
    double[][] shifted = new double[n][p];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        shifted[i][j] = x[i][j] + 1e4;
      }
    }
    double[] y = gaussian(rnd, n);
    double[] v = weights(rnd, n, 1);
    for (SolveForm form : new SolveForm[] {SolveForm.PRIMAL, SolveForm.DUAL}) {
      double[] plain = new double[p];
      double[] offset = new double[p];
      RidgeKernel.of(x, y).newWorkspace().solve(v, 1, form, plain);
      RidgeKernel.of(shifted, y).newWorkspace().solve(v, 1, form, offset);
      assertVectorClose(offset, plain, TOL, form + " coef");
    }
  }

  @Test
  void solve_zeroAlphaInPrimalIsLeastSquares() {
    double[][] x = {{0}, {1}, {2}, {3}};
    double[] y = {1, 3, 5, 7};
    double[] beta = new double[1];
    double b = RidgeKernel.of(x, y).newWorkspace().solve(ones(4), 0, SolveForm.AUTO, beta);
    assertThat(beta[0]).isCloseTo(2, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(b).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void solve_allocatesNothingOnceWarm() {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no allocation counter");
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
    assumeTrue(threads.isThreadAllocatedMemorySupported(), "no allocation counter");
    threads.setThreadAllocatedMemoryEnabled(true);
    Random rnd = new Random(2);
    for (int[] shape : new int[][] {{60, 150}, {152, 4}, {1500, 100}, {1200, 720}}) {
      int n = shape[0];
      int p = shape[1];
      RidgeWorkspace ws = RidgeKernel.of(gaussian(rnd, n, p, 1), gaussian(rnd, n)).newWorkspace();
      double[][] v = new double[20][];
      for (int k = 0; k < v.length; k++) {
        v[k] = weights(rnd, n, 1);
      }
      double[] beta = new double[p];
      ws.solve(v[0], 1, SolveForm.AUTO, beta);
      long id = Thread.currentThread().getId();
      long before = threads.getThreadAllocatedBytes(id);
      for (double[] member : v) {
        ws.solve(member, 1, SolveForm.AUTO, beta);
      }
      long after = threads.getThreadAllocatedBytes(id);
      assertThat(after - before).as(n + "x" + p + " bytes allocated").isZero();
      assertThat(ws.mixedSolves() > 0).as(n + "x" + p + " mixed precision")
          .isEqualTo(RidgeWorkspace.mixed(p, 1) && ws.lastForm() == SolveForm.PRIMAL);
      assertThat(ws.mixedFallbacks()).isZero();
    }
  }

  @Test
  void of_badInput() {
    double[][] x = {{1, 2}, {3, 4}, {5, 7}};
    double[] y = {1, 2, 3};
    assertThatThrownBy(() -> RidgeKernel.of(null, y))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("x");
    assertThatThrownBy(() -> RidgeKernel.of(x, null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("y");
    assertThatThrownBy(() -> RidgeKernel.of(new double[0][], y))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x");
    assertThatThrownBy(() -> RidgeKernel.of(new double[][] {{1, 2}, {3}, {5, 6}}, y))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x: row 1");
    assertThatThrownBy(() -> RidgeKernel.of(new double[][] {{1, 2}, {3, Double.NaN}, {5, 6}}, y))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x: row 1, column 1");
    assertThatThrownBy(() -> RidgeKernel.of(x, new double[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y: length 2");
    assertThatThrownBy(() -> RidgeKernel.of(x, new double[] {1, Double.POSITIVE_INFINITY, 3}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y[1]");
  }

  @Test
  void solve_badInput() {
    double[][] x = {{1, 2}, {3, 4}, {5, 7}, {2, 2}};
    RidgeWorkspace ws = RidgeKernel.of(x, new double[] {1, 2, 3, 4}).newWorkspace();
    double[] beta = new double[2];
    double[] v = ones(4);
    assertThatThrownBy(() -> ws.solve(null, 1, SolveForm.AUTO, beta))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("v");
    assertThatThrownBy(() -> ws.solve(v, 1, null, beta))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("form");
    assertThatThrownBy(() -> ws.solve(v, 1, SolveForm.AUTO, null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("betaOut");
    assertThatThrownBy(() -> ws.solve(new double[3], 1, SolveForm.AUTO, beta))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("v: length 3");
    assertThatThrownBy(() -> ws.solve(v, 1, SolveForm.AUTO, new double[3]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("betaOut: length 3");
    assertThatThrownBy(() -> ws.solve(new double[] {1, -1, 1, 1}, 1, SolveForm.AUTO, beta))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("v[1]: -1.0");
    assertThatThrownBy(() -> ws.solve(new double[] {1, 1, Double.NaN, 1}, 1, SolveForm.AUTO, beta))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("v[2]: NaN");
    assertThatThrownBy(
        () -> ws.solve(new double[] {1, 1, 1, Double.POSITIVE_INFINITY}, 1, SolveForm.AUTO, beta))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("v[3]: Infinity");
    assertThatThrownBy(() -> ws.solve(new double[4], 1, SolveForm.AUTO, beta))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("v: all zero");
    assertThatThrownBy(() -> ws.solve(v, -1, SolveForm.AUTO, beta))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha: -1.0");
    assertThatThrownBy(() -> ws.solve(v, Double.NaN, SolveForm.AUTO, beta))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha: NaN");
    assertThatThrownBy(() -> ws.solve(v, 0, SolveForm.DUAL, beta))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha: 0.0");
  }

  @Test
  void solve_zeroAlphaWithCollinearFeaturesIsRejected() {
    double[][] x = {{1, 2}, {2, 4}, {3, 6}, {4, 8}};
    RidgeWorkspace ws = RidgeKernel.of(x, new double[] {1, 2, 3, 5}).newWorkspace();
    double[] beta = new double[2];
    assertThatThrownBy(() -> ws.solve(ones(4), 0, SolveForm.PRIMAL, beta))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("alpha: 0.0").hasMessageContaining("singular at feature 1");
  }

  static double[] ones(int n) {
    double[] v = new double[n];
    Arrays.fill(v, 1);
    return v;
  }

  /** Standard normal entries plus a per-column offset drawn from [0, offset). */
  static double[][] gaussian(Random rnd, int n, int p, double offset) {
    double[] shift = new double[p];
    for (int j = 0; j < p; j++) {
      shift[j] = offset * rnd.nextDouble();
    }
    double[][] x = new double[n][p];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        x[i][j] = shift[j] + rnd.nextGaussian();
      }
    }
    return x;
  }

  static double[] gaussian(Random rnd, int n) {
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = rnd.nextGaussian();
    }
    return y;
  }

  /**
   * Scheme 0: positive real weights; 1: bootstrap counts (multinomial, so zeros and repeats);
   * 2: real weights times counts.
   */
  static double[] weights(Random rnd, int n, int scheme) {
    double[] v = new double[n];
    if (scheme == 0) {
      for (int i = 0; i < n; i++) {
        v[i] = 0.1 + rnd.nextDouble();
      }
      return v;
    }
    for (int t = 0; t < n; t++) {
      v[rnd.nextInt(n)] += 1;
    }
    if (scheme == 2) {
      for (int i = 0; i < n; i++) {
        v[i] *= 0.1 + 3 * rnd.nextDouble();
      }
    }
    return v;
  }
}
