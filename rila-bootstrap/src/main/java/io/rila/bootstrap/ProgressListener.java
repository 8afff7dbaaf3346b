package io.rila.bootstrap;

/**
 * Hears how far a fit has come.
 *
 * <pre>{@code
 * BootstrapRidgeEnsemble ensemble = BootstrapRidgeEnsemble.newBuilder()
 *     .estimators(10_000)
 *     .progressListener((done, total) -> System.out.printf("%d/%d%n", done, total))
 *     .build();
 * }</pre>
 *
 * <p>A fit calls it at most about 100 times (each time another percent of the members is done,
 * and once at the end with {@code done == total}), one call at a time, with {@code done}
 * increasing, from whichever thread finished the work: keep it short and thread-safe. An
 * exception it throws stops the fit and is rethrown by {@code fit}.
 */
@FunctionalInterface
public interface ProgressListener {

  /**
   * Reports progress.
   *
   * @param done the number of members fitted so far, {@code 1 <= done <= total}
   * @param total the number of members of the fit
   */
  void progress(int done, int total);
}
