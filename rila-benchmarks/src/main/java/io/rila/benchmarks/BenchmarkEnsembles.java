package io.rila.benchmarks;

import io.rila.bootstrap.BootstrapRidgeEnsemble;
import io.rila.bootstrap.TargetTransform;

/** The ensemble settings the benchmarks share, so that their timings compare like with like. */
final class BenchmarkEnsembles {

  private BenchmarkEnsembles() {}

  /**
   * A builder set to {@code members} estimators, {@code alpha}, seed 42 and the {@code LOG1P}
   * target (the benchmark data are already {@code log1p(sales)}, fitted with {@code
   * fitTransformed}); a benchmark adds the options it varies and builds.
   */
  static BootstrapRidgeEnsemble.Builder newBuilder(int members, double alpha) {
    return BootstrapRidgeEnsemble.newBuilder()
        .estimators(members)
        .alpha(alpha)
        .seed(42L)
        .targetTransform(TargetTransform.LOG1P);
  }
}
