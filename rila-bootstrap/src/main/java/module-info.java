/**
 * Bootstrap Ridge-regression ensembles: fit ({@code BootstrapRidgeEnsemble}), predict with
 * intervals and scenarios ({@code EnsembleModel}), store ({@code CoefficientStore}), save and load
 * ({@code ModelFiles}), checkpoints and backtests, all in {@code io.rila.bootstrap}.
 *
 * <p>{@code io.rila.bootstrap.internal} (samplers, training jobs, checkpoint files) is not
 * exported. The API takes and returns rila-core types ({@code Frame}, {@code ProgressListener},
 * {@code SolveForm}, {@code NanPolicy}), so reading this module reads {@code io.rila.core} too.
 */
module io.rila.bootstrap {
  exports io.rila.bootstrap;

  requires transitive io.rila.core;
  requires org.slf4j;
}
