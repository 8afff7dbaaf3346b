package io.rila.spark;

import java.util.Random;

/** Synthetic regression data for the tests. */
public final class Data {

  private Data() {}

  public static double[][] matrix(Random random, int rows, int cols) {
    double[][] x = new double[rows][cols];
    for (double[] row : x) {
      for (int j = 0; j < cols; j++) {
        row[j] = 3 + random.nextGaussian();
      }
    }
    return x;
  }

  /** A positive target, linear in the features plus noise. */
  public static double[] target(Random random, double[][] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double s = 20;
      for (int j = 0; j < x[i].length; j++) {
        s += (j % 3 - 1) * 0.7 * x[i][j];
      }
      y[i] = s + random.nextGaussian();
    }
    return y;
  }

  public static double[] weights(Random random, int rows) {
    double[] w = new double[rows];
    for (int i = 0; i < rows; i++) {
      w[i] = i % 7 == 3 ? 0 : 0.25 + random.nextDouble();
    }
    return w;
  }
}
