package io.rila.features.selection;

import static io.rila.features.selection.LassoTest.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.rila.core.testing.SharedData;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CoordinateDescentTest {

  @Test
  void solve_gramAndResidualFormsMatchScikitLearn() {
    JsonNode o = SharedData.oracle("lasso.json");
    double[][] x = SharedData.matrix(o.get("x"));
    double[] y = SharedData.vector(o.get("y"));
    for (boolean gram : new boolean[] {true, false}) {
      LassoProblem problem = LassoProblem.of(x, y, null, null, gram);
      assertThat(problem.gram != null).isEqualTo(gram);
      for (JsonNode c : o.get("fits")) {
        CoordinateDescent cd = new CoordinateDescent(problem);
        cd.solve(c.get("alpha").asDouble(), 1e-12, 100_000);
        assertThat(cd.converged()).isTrue();
        double[] w = new double[problem.p];
        cd.copyCoefficients(w);
        assertClose(w, SharedData.vector(c.get("coef")), 1e-5);
        assertClose(problem.intercept(w), c.get("intercept").asDouble(), 1e-5);
      }
    }
  }

  @Test
  void solve_bothFormsMeetTheGapCertificateAtTheDefaultTolerance() {
    JsonNode o = SharedData.oracle("lasso.json");
    double[][] x = SharedData.matrix(o.get("x"));
    double[] y = SharedData.vector(o.get("y"));
    LassoProblem gramProblem = LassoProblem.of(x, y, null, null, true);
    CoordinateDescent gram = new CoordinateDescent(gramProblem);
    CoordinateDescent residual = new CoordinateDescent(LassoProblem.of(x, y, null, null, false));
    LassoFit exact = LassoTest.TIGHT.fit(x, y, 0.01);
    for (double alpha : new double[] {0.5, 0.1, 0.01}) {
      gram.solve(alpha, 1e-4, 1000);
      residual.solve(alpha, 1e-4, 1000);
      assertThat(gram.converged()).isTrue();
      assertThat(residual.converged()).isTrue();
      assertThat(gram.gap()).isLessThan(1e-4 * gramProblem.yNorm2);
      // Each objective is within its gap of the optimum, so they differ by at most the gaps.
      double pg = objective(x, y, gram.coefficients(), alpha);
      double pr = objective(x, y, residual.coefficients(), alpha);
      assertThat(Math.abs(pg - pr)).isLessThanOrEqualTo(gram.gap() + residual.gap());
    }
    assertThat(objective(x, y, exact.coefficients(), 0.01))
        .isLessThanOrEqualTo(objective(x, y, gram.coefficients(), 0.01));
  }

  @Test
  void solve_correlatedLagsReachTheOptimum() {
    // Lags of random walks (the engineered features' structure): columns correlate above 0.9,
    // where plain coordinate descent crawls; the active-set Newton steps must still land on the
    // optimum, checked by the optimality conditions on the raw data.
    Random rnd = new Random(17);
    int n = 60;
    int series = 5;
    int lags = 8;
    double[][] walks = new double[series][n + lags];
    for (int s = 0; s < series; s++) {
      double level = 0;
      for (int t = 0; t < n + lags; t++) {
        level += rnd.nextGaussian();
        walks[s][t] = level;
      }
    }
    double[][] x = new double[n][series * lags];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < series * lags; j++) {
        x[i][j] = walks[j / lags][i + lags - j % lags];
      }
      y[i] = x[i][0] - 0.5 * x[i][lags + 2] + 0.3 * rnd.nextGaussian();
    }
    LassoProblem problem = LassoProblem.of(x, y, null, null, true);
    CoordinateDescent cd = new CoordinateDescent(problem);
    double[] grid = Lasso.grid(problem.alphaMax(), 30, 1e-3);
    for (double alpha : grid) {
      cd.solve(alpha, 1e-12, 10_000);
      assertThat(cd.converged()).isTrue();
      double[] w = cd.coefficients().clone();
      double b = problem.intercept(w);
      for (int j = 0; j < w.length; j++) {
        double g = 0;
        for (int i = 0; i < n; i++) {
          double r = y[i] - b;
          for (int k = 0; k < w.length; k++) {
            r -= x[i][k] * w[k];
          }
          g += r * x[i][j] / n;
        }
        if (w[j] != 0) {
          assertThat(g).isCloseTo(Math.signum(w[j]) * alpha, within(1e-6 * alpha + 1e-9));
        } else {
          assertThat(Math.abs(g)).isLessThanOrEqualTo(alpha * (1 + 1e-6) + 1e-9);
        }
      }
    }
  }

  /** (1/2n) |y - b - X w|^2 + alpha |w|_1 with the optimal intercept for w. */
  private static double objective(double[][] x, double[] y, double[] w, double alpha) {
    int n = y.length;
    double[] r = new double[n];
    double mean = 0;
    for (int i = 0; i < n; i++) {
      r[i] = y[i];
      for (int j = 0; j < w.length; j++) {
        r[i] -= x[i][j] * w[j];
      }
      mean += r[i] / n;
    }
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += (r[i] - mean) * (r[i] - mean);
    }
    double l1 = 0;
    for (double v : w) {
      l1 += Math.abs(v);
    }
    return s / (2 * n) + alpha * l1;
  }
}
