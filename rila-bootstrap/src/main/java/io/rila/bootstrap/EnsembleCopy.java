package io.rila.bootstrap;

import java.util.concurrent.Executor;

/**
 * Copies of a user's ensemble settings for the fits a backtest or a coverage study makes: the same
 * estimators, alpha, resampling, transform, precision, sign constraint and solve form, with the
 * seed and the executor replaced. A progress listener or cancellation token of the original is not
 * carried over (a backtest's many small fits report and stop as a whole).
 */
final class EnsembleCopy {

  /** The largest random state {@code sklearnCompatible} accepts, {@code 2^32 - 1}. */
  private static final long RANDOM_STATE_MASK = 0xFFFF_FFFFL;

  private EnsembleCopy() {}

  /**
   * The settings of {@code template} with another seed and executor. For {@code sklearnCompatible}
   * resampling the seed is the random state, so its low 32 bits become the new random state.
   */
  static BootstrapRidgeEnsemble of(BootstrapRidgeEnsemble template, long seed, Executor executor) {
    Resampling resampling = template.resampling();
    long effectiveSeed = seed;
    if (resampling.kind() == Resampling.Kind.SKLEARN) {
      effectiveSeed = seed & RANDOM_STATE_MASK;
      resampling = Resampling.sklearnCompatible(effectiveSeed, resampling.sklearnWeighting());
    }
    return BootstrapRidgeEnsemble.newBuilder()
        .estimators(template.estimators())
        .alpha(template.alpha())
        .seed(effectiveSeed)
        .resampling(resampling)
        .targetTransform(template.targetTransform())
        .precision(template.precision())
        .nonNegative(template.nonNegative())
        .solveForm(template.solveForm())
        .executor(executor)
        .build();
  }
}
