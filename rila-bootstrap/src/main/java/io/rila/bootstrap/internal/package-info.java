/**
 * Kernels of the bootstrap engine: count samplers, the chunked member runner, the training job,
 * the feature-major prediction kernel, checkpoints and bulk block I/O. Internal API: not covered
 * by compatibility guarantees.
 */
package io.rila.bootstrap.internal;
