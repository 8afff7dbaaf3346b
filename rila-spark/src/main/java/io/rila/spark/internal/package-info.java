/**
 * Kernels of the Spark trainer shared by {@code io.rila.spark} and {@code io.rila.spark.ml}: the
 * per-member weighted moments of the one-pass Poisson fit and the serializable form of a model.
 * Internal API: not covered by compatibility guarantees.
 */
package io.rila.spark.internal;
