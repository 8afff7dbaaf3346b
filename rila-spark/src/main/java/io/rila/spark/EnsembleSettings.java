package io.rila.spark;

import io.rila.bootstrap.BootstrapRidgeEnsemble;
import io.rila.bootstrap.Precision;
import io.rila.bootstrap.Resampling;
import io.rila.bootstrap.TargetTransform;
import io.rila.core.regression.SolveForm;
import java.io.Serializable;

/**
 * The settings of a {@link BootstrapRidgeEnsemble} shipped to executors, where they become an
 * ensemble that fits on the task's own thread. The executor, progress listener and cancellation
 * token stay on the driver.
 */
final class EnsembleSettings implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int estimators;
  private final double alpha;
  private final long seed;
  private final ResamplingSpec resampling;
  private final TargetTransform targetTransform;
  private final Precision precision;
  private final boolean nonNegative;
  private final SolveForm solveForm;
  private transient volatile BootstrapRidgeEnsemble ensemble;

  private EnsembleSettings(BootstrapRidgeEnsemble e) {
    this.estimators = e.estimators();
    this.alpha = e.alpha();
    this.seed = e.seed();
    this.resampling = ResamplingSpec.of(e.resampling());
    this.targetTransform = e.targetTransform();
    this.precision = e.precision();
    this.nonNegative = e.nonNegative();
    this.solveForm = e.solveForm();
  }

  static EnsembleSettings of(BootstrapRidgeEnsemble ensemble) {
    return new EnsembleSettings(ensemble);
  }

  /** The ensemble with these settings, fitting on the calling thread; built once per JVM copy. */
  BootstrapRidgeEnsemble ensemble() {
    BootstrapRidgeEnsemble e = ensemble;
    if (e == null) {
      Resampling r = resampling.resampling();
      BootstrapRidgeEnsemble.Builder b = BootstrapRidgeEnsemble.newBuilder()
          .estimators(estimators).alpha(alpha).resampling(r).targetTransform(targetTransform)
          .precision(precision).nonNegative(nonNegative).solveForm(solveForm)
          .executor(Runnable::run);
      if (r.kind() != Resampling.Kind.SKLEARN) {
        b.seed(seed);
      }
      e = b.build();
      ensemble = e;
    }
    return e;
  }
}
