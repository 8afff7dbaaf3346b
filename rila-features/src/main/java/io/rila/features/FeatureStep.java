package io.rila.features;

import io.rila.core.frame.Frame;

/**
 * One feature-engineering step: a pure function from a frame to a new frame, with a canonical text
 * form of its settings.
 *
 * <pre>{@code
 * FeatureStep lags = LagFeatures.newBuilder().source("Prudential", "prudential_rate").lags(18)
 *     .build();
 * Frame features = lags.apply(weekly);
 * String key = lags.spec(); // part of the feature cache key
 * }</pre>
 *
 * <p>Every builder of this package produces a {@code FeatureStep}; {@link FeaturePipeline} chains
 * them and {@link io.rila.features.cache.FeatureCache} stores their results under a key made from
 * the input frame and {@link #spec()}.
 *
 * <p>Implementations must be immutable and thread-safe, {@link #apply} must never change its
 * input (frames are immutable anyway) and must return the same frame for the same input and
 * spec, whatever executor it uses.
 */
public interface FeatureStep {

  /**
   * Computes the step's output from {@code input}.
   *
   * @throws NullPointerException if {@code input} is null
   * @throws IllegalArgumentException if {@code input} lacks a column the step needs, or its data
   *     break the step's rules (each implementation documents them)
   */
  Frame apply(Frame input);

  /**
   * The canonical text of this step's settings: two steps with equal specs compute the same
   * output from the same input. It names the step and a format version, so cached results of
   * older versions are not reused.
   */
  String spec();
}
