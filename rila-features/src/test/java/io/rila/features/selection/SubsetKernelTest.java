package io.rila.features.selection;

import static org.assertj.core.api.Assertions.assertThat;

import io.rila.core.regression.OlsSubsetScorer;
import io.rila.core.testing.SharedData;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SubsetKernelTest {

  @Test
  void cursor_matchesTheScorerAlongTheEnumerationAndOnJumps() {
    Random rnd = new Random(12);
    int n = 40;
    int p = 9;
    double[][] x = LassoTest.randomMatrix(rnd, n, p);
    double[] y = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      x[i][8] = x[i][2] - 0.5 * x[i][5];
      y[i] = x[i][0] - x[i][3] + rnd.nextGaussian();
      w[i] = 0.5 + rnd.nextDouble();
    }
    for (double[] weights : new double[][] {null, w}) {
      OlsSubsetScorer scorer = OlsSubsetScorer.of(x, y, weights);
      OlsSubsetScorer.Workspace ws = scorer.newWorkspace(6);
      SubsetKernel kernel = SubsetKernel.of(x, y, weights);
      SubsetKernel.Cursor cursor = kernel.newCursor(6);
      // base column 7, then every 1..5 subset of 0..6 and 8 in lexicographic order
      int[] pool = {0, 1, 2, 3, 4, 5, 6, 8};
      cursor.set(0, 7);
      int deficient = 0;
      for (int size = 1; size <= 5; size++) {
        int[] comb = new int[size];
        Combinations.unrank(0, pool.length, size, Combinations.binomials(pool.length, size), comb);
        int changed = 0;
        do {
          for (int q = changed; q < size; q++) {
            cursor.set(1 + q, pool[comb[q]]);
          }
          int[] cols = new int[size + 1];
          cols[0] = 7;
          for (int q = 0; q < size; q++) {
            cols[q + 1] = pool[comb[q]];
          }
          double expected = scorer.score(cols, ws);
          double actual = kernel.aic(cursor.ssr(size + 1), size + 1);
          if (Double.isNaN(expected)) {
            assertThat(actual).isNaN();
            deficient++;
          } else {
            assertThat(SharedData.relativeError(actual, expected)).isLessThan(1e-12);
            compareFit(cursor, ws, size + 1);
          }
          changed = Combinations.next(comb, size, pool.length);
        } while (changed >= 0);
      }
      // the subsets holding 2, 5 and 8 together
      assertThat(deficient).isEqualTo(1 + 5 + 10);
      // jumps: overwrite an early position after a later one
      cursor.set(1, 3);
      cursor.set(2, 4);
      cursor.ssr(3);
      cursor.set(1, 0);
      assertThat(SharedData.relativeError(kernel.aic(cursor.ssr(3), 3),
              scorer.score(new int[] {7, 0, 4}, ws)))
          .isLessThan(1e-12);
    }
  }

  @Test
  void ssrBound_separatesLargerAics() {
    Random rnd = new Random(3);
    double[][] x = LassoTest.randomMatrix(rnd, 30, 2);
    double[] y = new double[30];
    double[] w = new double[30];
    for (int i = 0; i < 30; i++) {
      y[i] = rnd.nextGaussian();
      w[i] = 1 + i;
    }
    SubsetKernel kernel = SubsetKernel.of(x, y, w);
    for (int k = 0; k <= 3; k++) {
      double aic = kernel.aic(12.5, k);
      double bound = kernel.ssrBound(aic, k);
      assertThat(bound).isGreaterThan(12.5).isLessThan(12.5 * (1 + 1e-8));
      assertThat(kernel.aic(bound * (1 + 1e-8), k)).isGreaterThan(aic);
    }
  }

  private static void compareFit(SubsetKernel.Cursor cursor, OlsSubsetScorer.Workspace ws, int k) {
    double[] beta = new double[k];
    double[] se = new double[k];
    double[] params = new double[k + 1];
    double[] bse = new double[k + 1];
    cursor.coefficients(beta);
    cursor.standardErrors(se);
    ws.copyParamsInto(params);
    ws.copyStandardErrorsInto(bse);
    for (int q = 0; q < k; q++) {
      assertThat(SharedData.relativeError(beta[q], params[q + 1])).isLessThan(1e-10);
      assertThat(SharedData.relativeError(se[q], bse[q + 1])).isLessThan(1e-10);
    }
  }
}
