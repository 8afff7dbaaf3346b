package io.rila.bootstrap.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.rila.core.random.MemberRandom;
import org.junit.jupiter.api.Test;

class LinearModelSimulationTest {

  private static final int LONG = 200_000;

  private static double[][] draw(LinearModelSimulation s, long seed, long stream, int rows,
      int p, double[] y, double[] next, double[] mean) {
    double[][] x = new double[rows][p];
    mean[0] = s.draw(seed, stream, x, y, next);
    return x;
  }

  private static double lag1Correlation(double[] v) {
    double m = 0;
    for (double d : v) {
      m += d;
    }
    m /= v.length;
    double num = 0;
    double den = 0;
    for (int t = 0; t < v.length; t++) {
      den += (v[t] - m) * (v[t] - m);
      if (t > 0) {
        num += (v[t] - m) * (v[t - 1] - m);
      }
    }
    return num / den;
  }

  private static double variance(double[] v) {
    double m = 0;
    for (double d : v) {
      m += d;
    }
    m /= v.length;
    double s = 0;
    for (double d : v) {
      s += (d - m) * (d - m);
    }
    return s / (v.length - 1);
  }

  /** Without noise, y is exactly the linear model and the return value its mean at next. */
  @Test
  void draw_noiselessIsTheLinearModel() {
    double[] beta = {1.5, -2.0};
    LinearModelSimulation s = new LinearModelSimulation(0.75, beta, 0.0, 0.3, 0.4);
    double[] y = new double[30];
    double[] next = new double[2];
    double[] mean = new double[1];
    double[][] x = draw(s, 5, 3, 30, 2, y, next, mean);
    for (int t = 0; t < 30; t++) {
      assertThat(y[t]).isEqualTo(0.75 + x[t][0] * 1.5 + x[t][1] * -2.0);
    }
    assertThat(mean[0]).isEqualTo(0.75 + next[0] * 1.5 + next[1] * -2.0);
  }

  /** Stationary AR(1): unit variance and lag-1 correlation phi; noise variance sd^2. */
  @Test
  void draw_ar1Moments() {
    LinearModelSimulation s = new LinearModelSimulation(2.0, new double[] {0.0, 0.0}, 1.5, -0.4,
        0.7);
    double[] y = new double[LONG];
    double[][] x = draw(s, 11, 0, LONG, 2, y, new double[2], new double[1]);
    double[] f0 = new double[LONG];
    double[] f1 = new double[LONG];
    double cross = 0;
    for (int t = 0; t < LONG; t++) {
      f0[t] = x[t][0];
      f1[t] = x[t][1];
      cross += x[t][0] * x[t][1];
    }
    // standard errors: variance about 0.01 at phi 0.7, correlations about 0.003
    assertThat(variance(f0)).isCloseTo(1.0, within(0.03));
    assertThat(variance(f1)).isCloseTo(1.0, within(0.03));
    assertThat(lag1Correlation(f0)).isCloseTo(0.7, within(0.01));
    assertThat(lag1Correlation(f1)).isCloseTo(0.7, within(0.01));
    assertThat(cross / LONG).isCloseTo(0.0, within(0.02));
    assertThat(variance(y)).isCloseTo(2.25, within(0.05));
    assertThat(lag1Correlation(y)).isCloseTo(-0.4, within(0.01));
  }

  /** The innovations are standard normal: 95% within 1.96, 68.3% within 1. */
  @Test
  void draw_normalInnovations() {
    LinearModelSimulation s = new LinearModelSimulation(0.0, new double[] {0.0}, 1.0, 0.0, 0.0);
    double[] y = new double[LONG];
    draw(s, 2, 7, LONG, 1, y, new double[1], new double[1]);
    int within196 = 0;
    int within1 = 0;
    for (double v : y) {
      within196 += Math.abs(v) < 1.959963984540054 ? 1 : 0;
      within1 += Math.abs(v) < 1 ? 1 : 0;
    }
    assertThat(within196 / (double) LONG).isCloseTo(0.95, within(0.003));
    assertThat(within1 / (double) LONG).isCloseTo(0.682689492137, within(0.004));
  }

  /**
   * The documented recipe, written out: Box-Muller pairs from MemberRandom(seed, stream), features
   * then noise per row, the next row last.
   */
  @Test
  void draw_followsTheDocumentedRecipe() {
    double phiX = 0.5;
    double phiU = 0.25;
    double sd = 2.0;
    LinearModelSimulation s = new LinearModelSimulation(1.0, new double[] {3.0}, sd, phiU, phiX);
    double[] y = new double[3];
    double[] next = new double[1];
    double[][] x = draw(s, 42, 9, 3, 1, y, next, new double[1]);
    MemberRandom random = new MemberRandom(42, 9);
    double[] z = new double[8];
    for (int k = 0; k < 8; k += 2) {
      double radius = Math.sqrt(-2 * Math.log(1 - random.nextDouble()));
      double angle = 2 * Math.PI * random.nextDouble();
      z[k] = radius * Math.cos(angle);
      z[k + 1] = radius * Math.sin(angle);
    }
    double x0 = z[0];
    double u0 = sd * z[1];
    double x1 = phiX * x0 + Math.sqrt(1 - phiX * phiX) * z[2];
    double u1 = phiU * u0 + sd * Math.sqrt(1 - phiU * phiU) * z[3];
    double x2 = phiX * x1 + Math.sqrt(1 - phiX * phiX) * z[4];
    double u2 = phiU * u1 + sd * Math.sqrt(1 - phiU * phiU) * z[5];
    double x3 = phiX * x2 + Math.sqrt(1 - phiX * phiX) * z[6];
    assertThat(new double[] {x[0][0], x[1][0], x[2][0], next[0]})
        .containsExactly(x0, x1, x2, x3);
    assertThat(y).containsExactly(1 + 3 * x0 + u0, 1 + 3 * x1 + u1, 1 + 3 * x2 + u2);
  }

  /** Same seed and stream, same data; another stream, other data. */
  @Test
  void draw_dependsOnlyOnSeedAndStream() {
    LinearModelSimulation s = new LinearModelSimulation(0, new double[] {1, 1}, 1, 0.2, 0.2);
    double[] a = new double[20];
    double[] b = new double[20];
    double[] c = new double[20];
    draw(s, 1, 4, 20, 2, a, new double[2], new double[1]);
    draw(s, 1, 5, 20, 2, c, new double[2], new double[1]);
    draw(new LinearModelSimulation(0, new double[] {1, 1}, 1, 0.2, 0.2), 1, 4, 20, 2, b,
        new double[2], new double[1]);
    assertThat(b).isEqualTo(a);
    assertThat(c).isNotEqualTo(a);
  }
}
