package io.rila.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WeightedGramTest {

  @Test
  void addUpper_matchesNaiveSumsOnEveryTileRemainder() {
    Random rnd = new Random(7);
    for (int p : new int[] {1, 2, 3, 4, 5, 7, 8, 9, 13, 33}) {
      for (int rows : new int[] {0, 1, 2, 3, 4, 5, 16, 17}) {
        double[][] panel = new double[rows][p + 2];
        for (double[] row : panel) {
          for (int j = 0; j < row.length; j++) {
            row[j] = rnd.nextGaussian();
          }
        }
        double[][] a = new double[p + 1][p + 1];
        for (double[] row : a) {
          for (int k = 0; k < row.length; k++) {
            row[k] = rnd.nextGaussian();
          }
        }
        double[][] start = new double[a.length][];
        for (int j = 0; j < a.length; j++) {
          start[j] = a[j].clone();
        }
        WeightedGram.addUpper(a, panel, rows, p);
        for (int j = 0; j < p; j++) {
          for (int k = j; k < p; k++) {
            double sum = start[j][k];
            double magnitude = Math.abs(sum);
            for (int i = 0; i < rows; i++) {
              sum += panel[i][j] * panel[i][k];
              magnitude += Math.abs(panel[i][j] * panel[i][k]);
            }
            assertThat(Math.abs(a[j][k] - sum))
                .as("p=%d rows=%d (%d, %d)", p, rows, j, k)
                .isLessThanOrEqualTo(4e-16 * (rows + 1) * magnitude);
          }
        }
        for (int j = 0; j < a.length; j++) {
          assertThat(a[j][p]).as("column %d beyond p", j).isEqualTo(start[j][p]);
          for (int k = 0; k < Math.min(j, p); k++) {
            assertThat(a[j][k]).as("lower (%d, %d)", j, k)
                .isEqualTo(start[j][k]);
          }
        }
        assertThat(a[p]).as("row p").isEqualTo(start[p]);
      }
    }
  }

  /**
   * The single-precision kernel adds the same sums as the double one, to float rounding, and
   * leaves the strict lower triangle and everything beyond {@code p} untouched; its trailing
   * update subtracts.
   */
  @Test
  void addUpperFloat_isTheGramMatrixToSinglePrecision() {
    Random rnd = new Random(10);
    for (int p : new int[] {1, 4, 7, 37, 300}) {
      for (int rows : new int[] {1, 2, 5, 40}) {
        float[][] z = new float[rows][p + 1];
        float[][] f = new float[rows][p + 1];
        for (int i = 0; i < rows; i++) {
          for (int j = 0; j <= p; j++) {
            z[i][j] = (float) rnd.nextGaussian();
            f[i][j] = (float) (rnd.nextDouble() * z[i][j]);
          }
        }
        float[][] a = new float[p + 1][p + 1];
        for (float[] row : a) {
          Arrays.fill(row, 5f);
        }
        WeightedGram.addUpper(a, f, z, rows, p);
        for (int j = 0; j <= p; j++) {
          for (int k = 0; k <= p; k++) {
            if (j > k || k == p || j == p) {
              assertThat(a[j][k]).as("p=%d rows=%d untouched (%d, %d)", p, rows, j, k)
                  .isEqualTo(5f);
              continue;
            }
            double sum = 5;
            double magnitude = 5;
            for (int i = 0; i < rows; i++) {
              sum += (double) f[i][j] * z[i][k];
              magnitude += Math.abs((double) f[i][j] * z[i][k]);
            }
            assertThat(Math.abs(a[j][k] - sum)).as("p=%d rows=%d (%d, %d)", p, rows, j, k)
                .isLessThanOrEqualTo(1.2e-7 * (rows + 1) * magnitude);
          }
        }
        WeightedGram.subtractUpper(a, 0, p, z, 0, rows);
        double sum = 5;
        double magnitude = 5;
        for (int i = 0; i < rows; i++) {
          sum += (double) f[i][0] * z[i][p - 1] - (double) z[i][0] * z[i][p - 1];
          magnitude += Math.abs((double) f[i][0] * z[i][p - 1])
              + Math.abs((double) z[i][0] * z[i][p - 1]);
        }
        assertThat(Math.abs(a[0][p - 1] - sum)).as("p=%d rows=%d subtracted", p, rows)
            .isLessThanOrEqualTo(1.2e-7 * (2 * rows + 2) * magnitude);
      }
    }
  }

  @Test
  void addUpper_twoPanelsIsTheWeightedGramMatrix() {
    Random rnd = new Random(9);
    for (int p : new int[] {1, 4, 6, 13}) {
      int rows = 7;
      double[] w = new double[rows];
      double[][] z = new double[rows][p];
      double[][] f = new double[rows][p];
      for (int i = 0; i < rows; i++) {
        w[i] = 0.5 + 2 * rnd.nextDouble();
        for (int j = 0; j < p; j++) {
          z[i][j] = rnd.nextGaussian();
          f[i][j] = w[i] * z[i][j];
        }
      }
      double[][] a = new double[p][p];
      WeightedGram.addUpper(a, f, z, rows, p);
      for (int j = 0; j < p; j++) {
        for (int k = 0; k < p; k++) {
          if (k < j) {
            assertThat(a[j][k]).as("p=%d lower (%d, %d)", p, j, k).isZero();
            continue;
          }
          double sum = 0;
          double magnitude = 0;
          for (int i = 0; i < rows; i++) {
            sum += w[i] * z[i][j] * z[i][k];
            magnitude += Math.abs(w[i] * z[i][j] * z[i][k]);
          }
          assertThat(Math.abs(a[j][k] - sum)).as("p=%d (%d, %d)", p, j, k)
              .isLessThanOrEqualTo(1e-15 * (rows + 1) * magnitude);
        }
      }
    }
  }

  @Test
  void addUpper_isTheSameWhetherAddedAtOnceOrByPanelsOfEvenRows() {
    // blocking splits the rows only into panels of an even size: the sums keep their order
    Random rnd = new Random(8);
    int p = 11;
    double[][] panel = new double[24][p];
    for (double[] row : panel) {
      for (int j = 0; j < p; j++) {
        row[j] = rnd.nextGaussian();
      }
    }
    double[][] whole = new double[p][p];
    WeightedGram.addUpper(whole, panel, 24, p);
    double[][] split = new double[p][p];
    for (int i0 = 0; i0 < 24; i0 += 8) {
      double[][] part = new double[8][];
      System.arraycopy(panel, i0, part, 0, 8);
      WeightedGram.addUpper(split, part, 8, p);
    }
    for (int j = 0; j < p; j++) {
      for (int k = j; k < p; k++) {
        assertThat(split[j][k]).as("(%d, %d)", j, k).isEqualTo(whole[j][k]);
      }
    }
  }

  @Test
  void panelRows_dependsOnFeaturesOnlyAndIsBounded() {
    assertThat(WeightedGram.panelRows(1)).isEqualTo(512);
    assertThat(WeightedGram.panelRows(100)).isEqualTo(326);
    assertThat(WeightedGram.panelRows(598)).isEqualTo(54);
    assertThat(WeightedGram.panelRows(100_000)).isEqualTo(16);
    assertThat(WeightedGram.singlePanelRows(2000)).isEqualTo(64);
    assertThat(WeightedGram.singlePanelRows(700)).isEqualTo(186);
    assertThat(WeightedGram.singlePanelRows(1)).isEqualTo(512);
    for (int p = 1; p < 5000; p += 7) {
      assertThat(WeightedGram.panelRows(p) % 2).as("p=%d: panels of even size", p).isZero();
    }
  }
}
