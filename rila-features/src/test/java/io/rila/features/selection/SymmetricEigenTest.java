package io.rila.features.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {

  @Test
  void of_reconstructsTheMatrixWithOrthonormalVectors() {
    Random rnd = new Random(4);
    for (int n : new int[] {1, 2, 7, 40}) {
      double[] a = new double[n * n];
      for (int i = 0; i < n; i++) {
        for (int j = i; j < n; j++) {
          a[i * n + j] = rnd.nextGaussian();
          a[j * n + i] = a[i * n + j];
        }
      }
      SymmetricEigen eig = SymmetricEigen.of(a, n);
      double[] v = eig.vectors;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          double rec = 0;
          double dot = 0;
          for (int k = 0; k < n; k++) {
            rec += v[i * n + k] * eig.values[k] * v[j * n + k];
            dot += v[k * n + i] * v[k * n + j];
          }
          assertThat(rec).isCloseTo(a[i * n + j], within(1e-12));
          assertThat(dot).isCloseTo(i == j ? 1.0 : 0.0, within(1e-12));
        }
      }
    }
  }

  @Test
  void of_knownSpectrum() {
    // [[2, 1], [1, 2]] has eigenvalues 1 and 3; a rank-one 3 x 3 matrix u u^T has |u|^2, 0, 0.
    double[] values = SymmetricEigen.of(new double[] {2, 1, 1, 2}, 2).values.clone();
    Arrays.sort(values);
    assertThat(values[0]).isCloseTo(1, within(1e-15));
    assertThat(values[1]).isCloseTo(3, within(1e-15));
    double[] u = {1, 2, 3};
    double[] uu = new double[9];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        uu[i * 3 + j] = u[i] * u[j];
      }
    }
    double[] rank1 = SymmetricEigen.of(uu, 3).values.clone();
    Arrays.sort(rank1);
    assertThat(rank1[2]).isCloseTo(14, within(1e-13));
    assertThat(rank1[0]).isCloseTo(0, within(1e-13));
    assertThat(rank1[1]).isCloseTo(0, within(1e-13));
  }
}
