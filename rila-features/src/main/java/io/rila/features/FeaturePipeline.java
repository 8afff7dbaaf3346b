package io.rila.features;

import io.rila.core.frame.Frame;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Steps applied one after the other, each to the previous one's output; itself a {@link
 * FeatureStep}, so a pipeline can be cached as a whole or nested in another.
 *
 * <pre>{@code
 * FeaturePipeline features = FeaturePipeline.of(
 *     LagFeatures.newBuilder().source("Prudential", "prudential_rate").lags(18).build(),
 *     InteractionFeatures.newBuilder().family("prudential_rate").lags(18).build(),
 *     RowFilter.newBuilder().from(LocalDate.of(2021, 2, 7)).build());
 * Frame table = features.apply(weekly);
 * }</pre>
 *
 * <p>Immutable and thread-safe when its steps are (the steps of this package are).
 */
public final class FeaturePipeline implements FeatureStep {

  private final List<FeatureStep> steps;

  private FeaturePipeline(List<FeatureStep> steps) {
    this.steps = steps;
  }

  /**
   * A pipeline of {@code steps}, in order.
   *
   * @param steps the steps, at least one
   * @return a new immutable pipeline
   * @throws IllegalArgumentException if no step is given
   * @throws NullPointerException if a step is null
   */
  public static FeaturePipeline of(FeatureStep... steps) {
    Objects.requireNonNull(steps, "steps");
    return of(Arrays.asList(steps));
  }

  /**
   * A pipeline of {@code steps}, in order.
   *
   * @param steps the steps, at least one
   * @return a new immutable pipeline
   * @throws IllegalArgumentException if the list is empty
   * @throws NullPointerException if a step is null
   */
  public static FeaturePipeline of(List<? extends FeatureStep> steps) {
    Objects.requireNonNull(steps, "steps");
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("steps: empty (expected: at least one step)");
    }
    for (int k = 0; k < steps.size(); k++) {
      Objects.requireNonNull(steps.get(k), "steps[" + k + "]");
    }
    return new FeaturePipeline(List.copyOf(steps));
  }

  /**
   * The steps, in order (unmodifiable).
   *
   * @return the steps, in order (unmodifiable)
   */
  public List<FeatureStep> steps() {
    return steps;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException as the failing step does
   */
  @Override
  public Frame apply(Frame input) {
    Objects.requireNonNull(input, "input");
    Frame frame = input;
    for (FeatureStep step : steps) {
      frame = step.apply(frame);
    }
    return frame;
  }

  @Override
  public String spec() {
    StringBuilder s = new StringBuilder("FeaturePipeline/1[");
    for (int k = 0; k < steps.size(); k++) {
      if (k > 0) {
        s.append(';');
      }
      s.append(steps.get(k).spec());
    }
    return s.append(']').toString();
  }

  @Override
  public String toString() {
    return spec();
  }
}
