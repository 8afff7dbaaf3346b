package io.rila.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CholeskyTest {

  @Test
  void factor_reproducesTheMatrixAcrossPanels() {
    Random rnd = new Random(3);
    for (int n : new int[] {1, 3, 4, 5, 6, 7, 31, 32, 33, 36, 65, 130, 511, 512, 513, 1030}) {
      double[][] a = spd(rnd, n);
      double[][] u = new double[n][];
      for (int i = 0; i < n; i++) {
        u[i] = a[i].clone();
        for (int j = 0; j < i; j++) {
          u[i][j] = -7;
        }
      }
      assertThat(Cholesky.factor(u, n, 0)).as("n=%d", n).isEqualTo(-1);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < i; j++) {
          assertThat(u[i][j]).as("n=%d lower (%d, %d) untouched", n, i, j).isEqualTo(-7);
        }
        for (int j = i; j < n; j++) {
          double s = 0;
          double magnitude = 0;
          for (int k = 0; k <= i; k++) {
            s += u[k][i] * u[k][j];
            magnitude += Math.abs(u[k][i] * u[k][j]);
          }
          assertThat(Math.abs(s - a[i][j])).as("n=%d (U^T U)(%d, %d)", n, i, j)
              .isLessThanOrEqualTo(1e-14 * magnitude);
        }
      }
    }
  }

  @Test
  void factor_reportsTheFirstDependentColumnWithinAndBeyondThePanel() {
    assertThat(dependentColumn(50, 3, 35, 40)).isEqualTo(40);
    assertThat(dependentColumn(50, 3, 35, 42)).isEqualTo(42);
    assertThat(dependentColumn(530, 3, 515, 520)).isEqualTo(520);
  }

  /**
   * Factors with tolerance {@code 1e-12} the Gram matrix of {@code n} random columns in which
   * column {@code dependent} is {@code column a - 2 column b}.
   */
  private static int dependentColumn(int n, int a, int b, int dependent) {
    Random rnd = new Random(4);
    double[][] z = new double[n][n];
    for (double[] row : z) {
      for (int j = 0; j < n; j++) {
        row[j] = rnd.nextGaussian();
      }
      row[dependent] = row[a] - 2 * row[b];
    }
    double[][] gram = new double[n][n];
    for (double[] row : z) {
      for (int j = 0; j < n; j++) {
        double f = row[j];
        double[] target = gram[j];
        for (int k = j; k < n; k++) {
          target[k] += f * row[k];
        }
      }
    }
    return Cholesky.factor(gram, n, 1e-12);
  }

  @Test
  void solve_matchesTheSystemAcrossPanels() {
    Random rnd = new Random(5);
    int n = 70;
    double[][] a = spd(rnd, n);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = rnd.nextGaussian();
    }
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        b[i] += (i <= j ? a[i][j] : a[j][i]) * x[j];
      }
    }
    double[][] u = new double[n][];
    for (int i = 0; i < n; i++) {
      u[i] = a[i].clone();
    }
    assertThat(Cholesky.factor(u, n, 0)).isEqualTo(-1);
    Cholesky.solve(u, n, b);
    for (int i = 0; i < n; i++) {
      assertThat(b[i]).as("x[%d]", i).isCloseTo(x[i], org.assertj.core.data.Offset.offset(1e-10));
    }
  }

  /**
   * The single-precision factor of a well-conditioned matrix, used by its solve (double arithmetic
   * on the float factor), gives the double factor's solution to about {@code n * 2^-24}, and not
   * exactly.
   */
  @Test
  void factorFloat_solvesToSinglePrecisionAcrossPanels() {
    Random rnd = new Random(6);
    for (int n : new int[] {1, 5, 33, 70, 130}) {
      double[][] a = spd(rnd, n);
      float[][] u = new float[n][n];
      double[][] exact = new double[n][];
      for (int i = 0; i < n; i++) {
        exact[i] = a[i].clone();
        for (int j = i; j < n; j++) {
          u[i][j] = (float) a[i][j];
        }
      }
      assertThat(Cholesky.factor(u, n)).as("n=%d", n).isEqualTo(-1);
      assertThat(Cholesky.factor(exact, n, 0)).isEqualTo(-1);
      double[] b = new double[n];
      for (int i = 0; i < n; i++) {
        b[i] = rnd.nextGaussian();
      }
      double[] single = b.clone();
      double[] reference = b.clone();
      Cholesky.solve(u, n, single);
      Cholesky.solve(exact, n, reference);
      double scale = 0;
      double error = 0;
      for (int i = 0; i < n; i++) {
        scale = Math.max(scale, Math.abs(reference[i]));
        error = Math.max(error, Math.abs(single[i] - reference[i]));
      }
      assertThat(error).as("n=%d", n).isLessThanOrEqualTo(n * 1e-6 * scale)
          .isGreaterThan(0);
    }
  }

  @Test
  void factorFloat_reportsTheFirstPivotThatIsNotPositive() {
    float[][] a = {{4, 2, 0}, {0, 1, 0}, {0, 0, 1}};
    assertThat(Cholesky.factor(a, 3)).isEqualTo(1);
    float[][] nan = {{1, 0}, {0, Float.NaN}};
    assertThat(Cholesky.factor(nan, 2)).isEqualTo(1);
    float[][] infinite = {{Float.POSITIVE_INFINITY, 0}, {0, 1}};
    assertThat(Cholesky.factor(infinite, 2)).isEqualTo(0);
  }

  /** {@code Z^T Z / n + I} for a Gaussian {@code 2n x n} matrix {@code Z}: well conditioned. */
  private static double[][] spd(Random rnd, int n) {
    double[][] a = new double[n][n];
    double[] row = new double[n];
    for (int r = 0; r < 2 * n; r++) {
      for (int j = 0; j < n; j++) {
        row[j] = rnd.nextGaussian();
      }
      for (int j = 0; j < n; j++) {
        for (int k = j; k < n; k++) {
          a[j][k] += row[j] * row[k] / n;
        }
      }
    }
    for (int j = 0; j < n; j++) {
      a[j][j] += 1;
    }
    return a;
  }
}
