/**
 * An on-disk cache of feature-step results ({@link io.rila.features.cache.FeatureCache}), keyed by
 * the SHA-256 of the input frame and the step's spec, with atomic writes and checksummed entries.
 */
package io.rila.features.cache;
