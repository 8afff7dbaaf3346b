package io.rila.spark;

import java.io.Serializable;

/**
 * The data and settings of a member-range fit, broadcast once to every executor. The target is
 * on the model's scale, transformed on the driver exactly as a local fit transforms it, so that
 * no executor evaluates the transform (whose {@code Math.log} may differ in the last bit from
 * JVM to JVM).
 */
final class TrainingData implements Serializable {
  private static final long serialVersionUID = 1L;

  final EnsembleSettings settings;
  final double[][] x;
  final double[] z;
  final double[] weights;

  TrainingData(EnsembleSettings settings, double[][] x, double[] z, double[] weights) {
    this.settings = settings;
    this.x = x;
    this.z = z;
    this.weights = weights;
  }
}
