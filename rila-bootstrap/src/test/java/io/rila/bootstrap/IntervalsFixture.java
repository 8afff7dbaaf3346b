package io.rila.bootstrap;

import java.util.Random;

/**
 * The data and ensembles that {@link PredictionIntervalsTest} and {@link CalibratedIntervalsTest}
 * share: 36 training rows of 3 features with a positive target and sample weights, and 6 new
 * rows.
 */
final class IntervalsFixture {

  private static final Random DATA = new Random(17);
  static final double[][] X = NaiveBootstrap.matrix(DATA, 36, 3);
  static final double[] Y = positive(NaiveBootstrap.target(DATA, X));
  static final double[] W = NaiveBootstrap.weights(DATA, 36);
  static final double[][] NEW = NaiveBootstrap.matrix(new Random(5), 6, 3);

  private IntervalsFixture() {}

  private static double[] positive(double[] z) {
    double[] y = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      y[i] = Math.exp(0.4 * z[i]);
    }
    return y;
  }

  /** alpha 0.7, LOG1P, seed 23. */
  static BootstrapRidgeEnsemble.Builder ensemble(int members) {
    return ensemble(members, TargetTransform.LOG1P).seed(23);
  }

  /** alpha 0.7, the given transform, the default seed. */
  static BootstrapRidgeEnsemble.Builder ensemble(int members, TargetTransform t) {
    return BootstrapRidgeEnsemble.newBuilder().estimators(members).alpha(0.7).targetTransform(t);
  }
}
