package io.rila.spark;

import io.rila.bootstrap.BootstrapRidgeEnsemble;
import io.rila.bootstrap.EnsembleSettings;
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

  private transient volatile BootstrapRidgeEnsemble ensemble;

  TrainingData(EnsembleSettings settings, double[][] x, double[] z, double[] weights) {
    this.settings = settings;
    this.x = x;
    this.z = z;
    this.weights = weights;
  }

  /** The ensemble of these settings on the task's thread; built once per deserialized copy. */
  BootstrapRidgeEnsemble ensemble() {
    BootstrapRidgeEnsemble e = ensemble;
    if (e == null) {
      e = SparkJobs.onTaskThread(settings);
      ensemble = e;
    }
    return e;
  }
}
