package io.rila.spark;

import java.io.Serializable;

/** The data and settings of a member-range fit, broadcast once to every executor. */
final class TrainingData implements Serializable {
  private static final long serialVersionUID = 1L;

  final EnsembleSettings settings;
  final double[][] x;
  final double[] y;
  final double[] weights;

  TrainingData(EnsembleSettings settings, double[][] x, double[] y, double[] weights) {
    this.settings = settings;
    this.x = x;
    this.y = y;
    this.weights = weights;
  }
}
