package io.rila.bootstrap;

import io.rila.bootstrap.internal.CountSampler;
import io.rila.bootstrap.internal.Samplers;
import java.io.Serializable;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How the rows of each bootstrap member are drawn. A draw is a count per row (how often the row
 * appears in the resample); member {@code k} is the Ridge fit with row weights {@code weight x
 * count}, which is the same estimator as refitting on the resampled rows, without ever copying
 * them.
 *
 * <pre>{@code
 * Resampling.iid()                                   // rows drawn with replacement (the default)
 * Resampling.poisson()                               // an independent Poisson(1) count per row
 * Resampling.movingBlock(8)                          // blocks of 8 consecutive weeks
 * Resampling.circularBlock(8)                        // the same, wrapping from the end to the start
 * Resampling.stationary(8.0)                         // blocks of geometric length, mean 8
 * Resampling.sklearnCompatible(42, SklearnWeighting.LEGACY)   // scikit-learn's exact draws
 * }</pre>
 *
 * <p>Which to use: {@code iid} for rows that are exchangeable; {@code poisson} when members must be
 * drawn independently of the row count (streams, distributed data); the block schemes for time
 * series whose errors are autocorrelated, with a block length about the autocorrelation's reach
 * ({@code movingBlock} is the textbook choice, {@code circularBlock} gives every row the same
 * chance, {@code stationary} makes the resampled series stationary); {@code sklearnCompatible} to
 * reproduce a scikit-learn {@code BaggingRegressor(Ridge)} member for member. Details of each
 * draw are in {@code docs/ensemble.md}.
 *
 * <p>Member {@code k}'s draw depends only on the ensemble's seed (or, for {@code
 * sklearnCompatible}, the random state) and {@code k}. Thread safety: immutable. Equality: by
 * value. Serializable, as part of {@link EnsembleSettings}.
 */
public final class Resampling implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The family of a {@link Resampling}. */
  public enum Kind {
    /** {@link Resampling#iid()}. */
    IID,
    /** {@link Resampling#poisson()}. */
    POISSON,
    /** {@link Resampling#movingBlock(int)}. */
    MOVING_BLOCK,
    /** {@link Resampling#circularBlock(int)}. */
    CIRCULAR_BLOCK,
    /** {@link Resampling#stationary(double)}. */
    STATIONARY_BLOCK,
    /** {@link Resampling#sklearnCompatible(long, SklearnWeighting)}. */
    SKLEARN
  }

  private static final Resampling IID = new Resampling(Kind.IID, 0, 0, 0, null);
  private static final Resampling POISSON = new Resampling(Kind.POISSON, 0, 0, 0, null);
  private static final long MAX_RANDOM_STATE = 0xFFFF_FFFFL;

  private final Kind kind;
  private final int blockLength;
  private final double meanBlockLength;
  private final long randomState;
  private final SklearnWeighting weighting;

  private Resampling(
      Kind kind, int blockLength, double meanBlockLength, long randomState,
      SklearnWeighting weighting) {
    this.kind = kind;
    this.blockLength = blockLength;
    this.meanBlockLength = meanBlockLength;
    this.randomState = randomState;
    this.weighting = weighting;
  }

  /**
   * The classic bootstrap: {@code rows} draws with replacement, each row equally likely.
   *
   * @return the i.i.d. scheme
   */
  public static Resampling iid() {
    return IID;
  }

  /**
   * The Poisson bootstrap: each row's count is an independent Poisson(1) draw, so members have
   * {@code rows} rows on average rather than exactly.
   *
   * @return the Poisson scheme
   */
  public static Resampling poisson() {
    return POISSON;
  }

  /**
   * The moving-block bootstrap: blocks of {@code length} consecutive rows, each starting at a
   * uniform row in {@code 0 .. rows - length}, concatenated until {@code rows} rows are drawn (the
   * last block truncated). Keeps the time order inside blocks; never wraps.
   *
   * @param length the block length, {@code >= 1} (and at most the number of rows of a fit)
   * @return the moving-block scheme
   * @throws IllegalArgumentException if {@code length < 1}
   */
  public static Resampling movingBlock(int length) {
    checkLength(length);
    return new Resampling(Kind.MOVING_BLOCK, length, 0, 0, null);
  }

  /**
   * The circular block bootstrap: blocks of {@code length} consecutive rows starting at a uniform
   * row in {@code 0 .. rows - 1} and wrapping from the last row to the first, concatenated until
   * {@code rows} rows are drawn (the last block truncated). Every row is equally likely to be
   * drawn.
   *
   * @param length the block length, {@code >= 1} (and at most the number of rows of a fit)
   * @return the circular block scheme
   * @throws IllegalArgumentException if {@code length < 1}
   */
  public static Resampling circularBlock(int length) {
    checkLength(length);
    return new Resampling(Kind.CIRCULAR_BLOCK, length, 0, 0, null);
  }

  /**
   * The stationary bootstrap of Politis and Romano: like {@link #circularBlock(int)}, but each
   * block's length is drawn from a geometric distribution with mean {@code meanLength} (support
   * {@code 1, 2, ...}).
   *
   * @param meanLength the mean block length, finite and {@code >= 1} (and at most the number of
   *     rows of a fit)
   * @return the stationary scheme
   * @throws IllegalArgumentException if {@code meanLength} is NaN, infinite or {@code < 1}
   */
  public static Resampling stationary(double meanLength) {
    if (!(meanLength >= 1) || Double.isInfinite(meanLength)) {
      throw new IllegalArgumentException(
          "meanLength: " + meanLength + " (expected: finite and >= 1)");
    }
    return new Resampling(Kind.STATIONARY_BLOCK, 0, meanLength, 0, null);
  }

  /**
   * scikit-learn's {@code BaggingRegressor(Ridge(alpha), n_estimators, random_state=randomState,
   * bootstrap=True)} draws, number for number: member seeds from numpy's {@code
   * RandomState(randomState).randint(2**31 - 1, size=n_estimators)}, member rows from {@code
   * RandomState(seed_k)}. The random state replaces the ensemble's seed.
   *
   * @param randomState scikit-learn's {@code random_state}, {@code 0 <= randomState <= 2^32 - 1}
   * @param weighting how sample weights enter: {@link SklearnWeighting#LEGACY} (up to 1.7) or
   *     {@link SklearnWeighting#PROBABILITY} (1.8 and later)
   * @return the scikit-learn scheme
   * @throws NullPointerException if {@code weighting} is null
   * @throws IllegalArgumentException if {@code randomState} is out of range
   */
  public static Resampling sklearnCompatible(long randomState, SklearnWeighting weighting) {
    Objects.requireNonNull(weighting, "weighting");
    if (randomState < 0 || randomState > MAX_RANDOM_STATE) {
      throw new IllegalArgumentException(
          "randomState: " + randomState + " (expected: 0 <= randomState <= 4294967295)");
    }
    return new Resampling(Kind.SKLEARN, 0, 0, randomState, weighting);
  }

  private static void checkLength(int length) {
    if (length < 1) {
      throw new IllegalArgumentException("length: " + length + " (expected: >= 1)");
    }
  }

  /**
   * The family of this scheme.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * The block length of a {@code movingBlock} or {@code circularBlock} scheme.
   *
   * @return the length
   * @throws IllegalStateException for other kinds
   */
  public int blockLength() {
    if (kind != Kind.MOVING_BLOCK && kind != Kind.CIRCULAR_BLOCK) {
      throw new IllegalStateException("blockLength: " + this + " has no fixed block length");
    }
    return blockLength;
  }

  /**
   * The mean block length of a {@code stationary} scheme.
   *
   * @return the mean length
   * @throws IllegalStateException for other kinds
   */
  public double meanBlockLength() {
    if (kind != Kind.STATIONARY_BLOCK) {
      throw new IllegalStateException("meanBlockLength: " + this + " is not stationary");
    }
    return meanBlockLength;
  }

  /**
   * The random state of a {@code sklearnCompatible} scheme.
   *
   * @return the random state
   * @throws IllegalStateException for other kinds
   */
  public long randomState() {
    checkSklearn("randomState");
    return randomState;
  }

  /**
   * The weighting rule of a {@code sklearnCompatible} scheme.
   *
   * @return the weighting
   * @throws IllegalStateException for other kinds
   */
  public SklearnWeighting sklearnWeighting() {
    checkSklearn("sklearnWeighting");
    return weighting;
  }

  private void checkSklearn(String what) {
    if (kind != Kind.SKLEARN) {
      throw new IllegalStateException(what + ": " + this + " is not sklearnCompatible");
    }
  }

  /** Whether the sample weights act as draw probabilities and not as row weights. */
  boolean weightsAsProbabilities() {
    return kind == Kind.SKLEARN && weighting == SklearnWeighting.PROBABILITY;
  }

  /**
   * Fails unless the scheme can draw from {@code rows} rows.
   *
   * @throws IllegalArgumentException if a block is longer than the data
   */
  void checkRows(int rows) {
    if ((kind == Kind.MOVING_BLOCK || kind == Kind.CIRCULAR_BLOCK) && blockLength > rows) {
      throw new IllegalArgumentException(
          "resampling: " + this + " (expected: block length <= rows = " + rows + ")");
    }
    if (kind == Kind.STATIONARY_BLOCK && meanBlockLength > rows) {
      throw new IllegalArgumentException(
          "resampling: " + this + " (expected: mean block length <= rows = " + rows + ")");
    }
  }

  /**
   * A source of samplers (one per worker thread) for one fit.
   *
   * @param seed the ensemble's seed (not used by {@code sklearnCompatible})
   * @param members the number of members
   * @param rows the number of rows
   * @param weights the sample weights, or null
   */
  Supplier<CountSampler> samplers(long seed, int members, int rows, double[] weights) {
    switch (kind) {
      case IID:
        return () -> Samplers.iid(seed);
      case POISSON:
        return () -> Samplers.poisson(seed);
      case MOVING_BLOCK:
        return () -> Samplers.movingBlock(seed, blockLength);
      case CIRCULAR_BLOCK:
        return () -> Samplers.circularBlock(seed, blockLength);
      case STATIONARY_BLOCK:
        return () -> Samplers.stationary(seed, meanBlockLength);
      default:
        int[] memberSeeds = Samplers.sklearnMemberSeeds(randomState, members);
        if (weightsAsProbabilities() && weights != null) {
          double[] cdf = Samplers.numpyCdf(weights);
          return () -> Samplers.sklearnProbability(memberSeeds, cdf);
        }
        return () -> Samplers.sklearnUniform(memberSeeds, rows);
    }
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Resampling)) {
      return false;
    }
    Resampling that = (Resampling) o;
    return kind == that.kind
        && blockLength == that.blockLength
        && Double.compare(meanBlockLength, that.meanBlockLength) == 0
        && randomState == that.randomState
        && weighting == that.weighting;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, blockLength, meanBlockLength, randomState, weighting);
  }

  /**
   * The factory call that makes this scheme, such as {@code movingBlock(8)} or {@code
   * sklearnCompatible(42, LEGACY)}.
   */
  @Override
  public String toString() {
    switch (kind) {
      case IID:
        return "iid()";
      case POISSON:
        return "poisson()";
      case MOVING_BLOCK:
        return "movingBlock(" + blockLength + ")";
      case CIRCULAR_BLOCK:
        return "circularBlock(" + blockLength + ")";
      case STATIONARY_BLOCK:
        return "stationary(" + meanBlockLength + ")";
      default:
        return "sklearnCompatible(" + randomState + ", " + weighting + ")";
    }
  }
}
