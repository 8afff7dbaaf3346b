package io.rila.core.progress;

/**
 * Hears how far a long job has come: the members of a fit, the cutoffs of a backtest, the
 * replications of a coverage study, the subsets of a subset search, the folds of a LassoCV.
 *
 * <pre>{@code
 * BootstrapRidgeEnsemble ensemble = BootstrapRidgeEnsemble.newBuilder()
 *     .estimators(10_000)
 *     .progressListener((done, total) -> System.out.printf("%d/%d%n", done, total))
 *     .build();
 * }</pre>
 *
 * <p>A job calls it at most about 100 times (each time another percent of its work is done, and
 * once at the end with {@code done == total}), one call at a time, with {@code done} increasing,
 * from whichever thread finished the work: keep it short and thread-safe. An exception it throws
 * stops the job and is rethrown by the method that ran it.
 */
@FunctionalInterface
public interface ProgressListener {

  /**
   * Reports progress.
   *
   * @param done the units of work done so far, {@code 1 <= done <= total}
   * @param total the units of work of the job
   */
  void progress(int done, int total);
}
