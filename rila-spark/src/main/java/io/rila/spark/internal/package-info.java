/**
 * Kernels of the Spark trainer: the per-member weighted moments of the one-pass Poisson fit.
 * Internal API: not covered by compatibility guarantees.
 */
package io.rila.spark.internal;
