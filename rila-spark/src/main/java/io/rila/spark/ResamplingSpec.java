package io.rila.spark;

import io.rila.bootstrap.Resampling;
import io.rila.bootstrap.SklearnWeighting;
import java.io.Serializable;

/**
 * A {@link Resampling} in a form Java serialization can ship to executors ({@link Resampling}
 * itself is not serializable): its kind and parameters, rebuilt with the public factories.
 */
final class ResamplingSpec implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Resampling.Kind kind;
  private final int blockLength;
  private final double meanBlockLength;
  private final long randomState;
  private final SklearnWeighting weighting;

  private ResamplingSpec(Resampling.Kind kind, int blockLength, double meanBlockLength,
      long randomState, SklearnWeighting weighting) {
    this.kind = kind;
    this.blockLength = blockLength;
    this.meanBlockLength = meanBlockLength;
    this.randomState = randomState;
    this.weighting = weighting;
  }

  static ResamplingSpec of(Resampling r) {
    switch (r.kind()) {
      case MOVING_BLOCK:
      case CIRCULAR_BLOCK:
        return new ResamplingSpec(r.kind(), r.blockLength(), 0, 0, null);
      case STATIONARY_BLOCK:
        return new ResamplingSpec(r.kind(), 0, r.meanBlockLength(), 0, null);
      case SKLEARN:
        return new ResamplingSpec(r.kind(), 0, 0, r.randomState(), r.sklearnWeighting());
      default:
        return new ResamplingSpec(r.kind(), 0, 0, 0, null);
    }
  }

  Resampling resampling() {
    switch (kind) {
      case IID:
        return Resampling.iid();
      case POISSON:
        return Resampling.poisson();
      case MOVING_BLOCK:
        return Resampling.movingBlock(blockLength);
      case CIRCULAR_BLOCK:
        return Resampling.circularBlock(blockLength);
      case STATIONARY_BLOCK:
        return Resampling.stationary(meanBlockLength);
      default:
        return Resampling.sklearnCompatible(randomState, weighting);
    }
  }
}
