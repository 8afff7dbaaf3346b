/**
 * rila's foundations: weighted Ridge, OLS and non-negative Ridge solvers ({@code
 * io.rila.core.regression}), exact quantiles ({@code io.rila.core.stats}), numpy-compatible
 * random streams ({@code io.rila.core.random}), frames and CSV ({@code io.rila.core.frame}) and
 * progress reporting ({@code io.rila.core.progress}).
 *
 * <p>{@code io.rila.core.internal} (solver kernels, argument checks, atomic file writes) is
 * exported only to the rila modules built on it; it has no compatibility guarantees.
 */
module io.rila.core {
  exports io.rila.core.frame;
  exports io.rila.core.progress;
  exports io.rila.core.random;
  exports io.rila.core.regression;
  exports io.rila.core.stats;

  // io.rila.features and io.rila.spark are automatic modules (see their poms); a qualified
  // export reaches an automatic module by its Automatic-Module-Name all the same.
  exports io.rila.core.internal to io.rila.features, io.rila.bootstrap, io.rila.spark;

  requires org.apache.commons.csv;
  requires org.slf4j;
}
