package io.rila.spark.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rila.core.regression.RidgeFit;
import io.rila.core.regression.RidgeRegression;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MemberMomentsTest {

  @Test
  void solve_equalsWeightedRidge() {
    Random random = new Random(1);
    int n = 80;
    int p = 4;
    double[][] x = matrix(random, n, p, 0);
    double[] z = target(random, x);
    double[][] v = new double[2][n];
    MemberMoments m = new MemberMoments(2, p);
    double[] scratch = new double[p];
    for (int i = 0; i < n; i++) {
      v[0][i] = random.nextInt(3) * (0.5 + random.nextDouble());
      v[1][i] = 1 + random.nextInt(2);
      for (int k = 0; k < 2; k++) {
        if (v[k][i] > 0) {
          m.add(k, v[k][i], x[i], z[i], scratch);
        }
      }
    }
    for (int k = 0; k < 2; k++) {
      assertMatches(m, k, RidgeRegression.fit(x, z, v[k], 0.7), 0.7, 1e-11);
      double total = 0;
      for (double w : v[k]) {
        total += w;
      }
      assertThat(m.weight(k)).isCloseTo(total, org.assertj.core.data.Offset.offset(1e-9));
    }
  }

  @Test
  void merge_equalsOnePassOverAllRows() {
    Random random = new Random(2);
    int n = 60;
    int p = 3;
    double[][] x = matrix(random, n, p, 1e5);
    double[] z = target(random, x);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = 0.25 + random.nextDouble();
    }
    MemberMoments[] parts = {new MemberMoments(1, p), new MemberMoments(1, p),
        new MemberMoments(1, p)};
    double[] scratch = new double[p];
    for (int i = 0; i < n; i++) {
      MemberMoments part = parts[i < 10 ? 0 : i < 45 ? 1 : 2];
      part.add(0, v[i], x[i], z[i], scratch);
      part.countRow();
    }
    MemberMoments empty = new MemberMoments(1, p);
    MemberMoments total = empty.merge(parts[0]).merge(new MemberMoments(1, p)).merge(parts[1])
        .merge(parts[2]);
    assertThat(total.rows()).isEqualTo(n);
    assertMatches(total, 0, RidgeRegression.fit(x, z, v, 0.3), 0.3, 1e-9);
  }

  @Test
  void solve_memberWithoutRows() {
    MemberMoments m = new MemberMoments(2, 1);
    m.add(0, 1, new double[] {1}, 1, new double[1]);
    assertThatThrownBy(() -> m.solve(1, 1, new double[1][1], new double[1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("weights: the member drew no row of positive weight");
  }

  @Test
  void solve_singularWithoutPenalty() {
    MemberMoments m = new MemberMoments(1, 2);
    double[] scratch = new double[2];
    for (int i = 0; i < 5; i++) {
      m.add(0, 1, new double[] {i, 2 * i}, i % 2, scratch);
    }
    assertThatThrownBy(() -> m.solve(0, 0, new double[2][2], new double[2]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("alpha: 0.0 (expected: > 0; feature 1 is collinear");
  }

  @Test
  void constructor_andMerge_badShapes() {
    assertThatThrownBy(() -> new MemberMoments(0, 3)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("members x features: 0 x 3");
    assertThatThrownBy(() -> new MemberMoments(1_000_000, 100))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("largest Java array");
    assertThatThrownBy(() -> new MemberMoments(2, 3).merge(new MemberMoments(2, 4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("other: 2 x 4 (expected: 2 members x 3 features)");
    assertThat(MemberMoments.bytes(10_000, 20)).isEqualTo(8L * 10_000 * (2 + 40 + 210));
  }

  private static void assertMatches(
      MemberMoments m, int member, RidgeFit fit, double alpha, double tolerance) {
    int p = m.features();
    double[] beta = new double[p];
    double intercept = m.solve(member, alpha, new double[p][p], beta);
    for (int j = 0; j < p; j++) {
      assertThat(beta[j]).isCloseTo(fit.coefficient(j), org.assertj.core.data.Offset.offset(
          tolerance * Math.max(1, Math.abs(fit.coefficient(j)))));
    }
    assertThat(intercept).isCloseTo(fit.intercept(), org.assertj.core.data.Offset.offset(
        tolerance * Math.max(1, Math.abs(fit.intercept()))));
  }

  private static double[][] matrix(Random random, int rows, int cols, double offset) {
    double[][] x = new double[rows][cols];
    for (double[] row : x) {
      for (int j = 0; j < cols; j++) {
        row[j] = offset + random.nextGaussian();
      }
    }
    return x;
  }

  private static double[] target(Random random, double[][] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double s = 2;
      for (int j = 0; j < x[i].length; j++) {
        s += (j + 1) * 0.4 * (x[i][j] - x[0][j]);
      }
      y[i] = s + 0.3 * random.nextGaussian();
    }
    return y;
  }
}
