package io.rila.bootstrap;

import io.rila.bootstrap.internal.MemberRanges;
import io.rila.core.regression.SolveForm;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The package-private work behind {@link MemberRanges}, installed by {@link
 * BootstrapRidgeEnsemble}.
 */
final class MemberRangeAccess implements MemberRanges.Engine {

  @Override
  public double[] check(BootstrapRidgeEnsemble ensemble, double[][] x, double[] y,
      double[] weights, boolean transform) {
    return ensemble.check(x, y, weights, transform);
  }

  @Override
  public CoefficientStore fit(BootstrapRidgeEnsemble ensemble, double[][] x, double[] y,
      double[] weights, boolean transform, int from, int to) {
    return ensemble.fitMembers(x, y, weights, transform, from, to);
  }

  @Override
  public EnsembleModel assemble(BootstrapRidgeEnsemble ensemble, CoefficientStore store,
      List<String> featureNames, int rows, double[] weights) {
    return ensemble.assemble(store, featureNames, rows, weights);
  }

  @Override
  public EnsembleModel model(CoefficientStore store, List<String> featureNames, int trainingRows,
      double alpha, long seed, Resampling resampling, TargetTransform targetTransform,
      boolean nonNegative, SolveForm solveForm, Executor executor) {
    return new EnsembleModel(store, featureNames, trainingRows, alpha, seed, resampling,
        targetTransform, nonNegative, solveForm, executor);
  }
}
