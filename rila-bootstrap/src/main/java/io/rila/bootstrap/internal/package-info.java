/**
 * Kernels of the bootstrap engine: count samplers, the chunked member runner, the training job
 * and the feature-major prediction kernel. Internal API: not covered by compatibility guarantees.
 */
package io.rila.bootstrap.internal;
