package io.rila.bootstrap.internal;

import io.rila.core.random.MemberRandom;
import io.rila.core.random.NumpyRandomState;

/**
 * The bootstrap schemes as {@link CountSampler}s. Every scheme works on counts: a resampled matrix
 * is never built.
 *
 * <p>Member {@code k} of the schemes seeded by a {@code long} draws from {@code new
 * MemberRandom(seed, k)}:
 *
 * <ul>
 *   <li>{@link #iid}: {@code rows} uniform draws with replacement ({@link
 *       MemberRandom#multinomialCounts}).
 *   <li>{@link #poisson}: an independent Poisson(1) count per row.
 *   <li>{@link #movingBlock}: blocks of {@code length} consecutive rows starting at {@code
 *       nextInt(rows - length + 1)}, concatenated until {@code rows} rows are drawn, the last
 *       block truncated (Kunsch's moving-block bootstrap).
 *   <li>{@link #circularBlock}: blocks starting at {@code nextInt(rows)} that wrap from the last
 *       row to the first (Politis and Romano's circular block bootstrap).
 *   <li>{@link #stationary}: like the circular scheme, but each block has a geometric length with
 *       mean {@code meanLength}: {@code 1 + floor(log1p(-u) / log1p(-1 / meanLength))} for
 *       {@code u = nextDouble()}, start drawn before length (Politis and Romano's stationary
 *       bootstrap).
 * </ul>
 *
 * <p>The scikit-learn schemes use numpy's legacy {@code RandomState}: member seeds from {@link
 * #sklearnMemberSeeds}, rows from {@code RandomState(seed_k).randint(0, n, n)} ({@link
 * #sklearnUniform}) or from {@code RandomState(seed_k).choice(n, n, p)} ({@link
 * #sklearnProbability}, with numpy's cumulative distribution from {@link #numpyCdf}).
 *
 * <p>Internal API: not covered by compatibility guarantees.
 */
public final class Samplers {

  private Samplers() {}

  /**
   * The i.i.d. bootstrap.
   *
   * @param seed the fit's seed
   * @return a new sampler
   */
  public static CountSampler iid(long seed) {
    return new Iid(seed);
  }

  /**
   * The Poisson bootstrap.
   *
   * @param seed the fit's seed
   * @return a new sampler
   */
  public static CountSampler poisson(long seed) {
    return new Poisson(seed);
  }

  /**
   * The moving-block bootstrap.
   *
   * @param seed the fit's seed
   * @param length the block length, {@code 1 <= length <= rows}
   * @return a new sampler
   */
  public static CountSampler movingBlock(long seed, int length) {
    return new MovingBlock(seed, length);
  }

  /**
   * The circular block bootstrap.
   *
   * @param seed the fit's seed
   * @param length the block length, {@code 1 <= length <= rows}
   * @return a new sampler
   */
  public static CountSampler circularBlock(long seed, int length) {
    return new CircularBlock(seed, length);
  }

  /**
   * The stationary bootstrap.
   *
   * @param seed the fit's seed
   * @param meanLength the mean block length, {@code >= 1}
   * @return a new sampler
   */
  public static CountSampler stationary(long seed, double meanLength) {
    return new Stationary(seed, meanLength);
  }

  /**
   * scikit-learn's uniform draws ({@code BaggingRegressor} up to 1.7).
   *
   * @param memberSeeds the seeds from {@link #sklearnMemberSeeds}, shared and never written
   * @param rows the number of rows
   * @return a new sampler
   */
  public static CountSampler sklearnUniform(int[] memberSeeds, int rows) {
    return new SklearnUniform(memberSeeds, rows);
  }

  /**
   * scikit-learn's weighted draws ({@code BaggingRegressor} from 1.8).
   *
   * @param memberSeeds the seeds from {@link #sklearnMemberSeeds}, shared and never written
   * @param cdf numpy's normalised cumulative distribution from {@link #numpyCdf}, shared and never
   *     written
   * @return a new sampler
   */
  public static CountSampler sklearnProbability(int[] memberSeeds, double[] cdf) {
    return new SklearnProbability(memberSeeds, cdf);
  }

  /**
   * scikit-learn's member seeds: {@code RandomState(randomState).randint(2**31 - 1, size=members)}.
   *
   * @param randomState the {@code random_state}, {@code 0 <= randomState <= 2^32 - 1}
   * @param members the number of members
   * @return a new array of {@code members} seeds
   */
  public static int[] sklearnMemberSeeds(long randomState, int members) {
    int[] seeds = new int[members];
    new NumpyRandomState(randomState).randint(0, Integer.MAX_VALUE, seeds);
    return seeds;
  }

  /**
   * The cumulative distribution {@code numpy.random.RandomState.choice} draws from for {@code p =
   * weights / sum(weights)}: {@code p} as scikit-learn computes it (numpy's pairwise sum), then
   * {@code cdf = cumsum(p); cdf /= cdf[-1]}.
   *
   * @param weights non-negative weights with a positive sum
   * @return a new array, non-decreasing, last entry 1
   */
  public static double[] numpyCdf(double[] weights) {
    int n = weights.length;
    double sum = pairwiseSum(weights, 0, n);
    double[] cdf = new double[n];
    double acc = 0;
    for (int i = 0; i < n; i++) {
      acc += weights[i] / sum;
      cdf[i] = acc;
    }
    double last = cdf[n - 1];
    for (int i = 0; i < n; i++) {
      cdf[i] /= last;
    }
    return cdf;
  }

  /**
   * numpy's {@code pairwise_sum} for doubles: plain below 8 values, eight interleaved partial sums
   * up to 128, halves (at a multiple of 8) above.
   */
  static double pairwiseSum(double[] a, int from, int n) {
    if (n < 8) {
      double res = 0.0;
      for (int i = 0; i < n; i++) {
        res += a[from + i];
      }
      return res;
    }
    if (n <= 128) {
      double r0 = a[from];
      double r1 = a[from + 1];
      double r2 = a[from + 2];
      double r3 = a[from + 3];
      double r4 = a[from + 4];
      double r5 = a[from + 5];
      double r6 = a[from + 6];
      double r7 = a[from + 7];
      int i = 8;
      for (; i < n - (n % 8); i += 8) {
        r0 += a[from + i];
        r1 += a[from + i + 1];
        r2 += a[from + i + 2];
        r3 += a[from + i + 3];
        r4 += a[from + i + 4];
        r5 += a[from + i + 5];
        r6 += a[from + i + 6];
        r7 += a[from + i + 7];
      }
      double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
      for (; i < n; i++) {
        res += a[from + i];
      }
      return res;
    }
    int n2 = n / 2;
    n2 -= n2 % 8;
    return pairwiseSum(a, from, n2) + pairwiseSum(a, from + n2, n - n2);
  }

  /** A sampler driven by one {@link MemberRandom} per worker. */
  private abstract static class Seeded implements CountSampler {
    final long seed;
    final MemberRandom random;

    Seeded(long seed) {
      this.seed = seed;
      this.random = new MemberRandom(seed, 0);
    }

    @Override
    public final void draw(int member, int[] counts) {
      random.reset(seed, member);
      fill(counts);
    }

    @Override
    public final void redraw(int[] counts) {
      fill(counts);
    }

    abstract void fill(int[] counts);
  }

  private static final class Iid extends Seeded {
    Iid(long seed) {
      super(seed);
    }

    @Override
    void fill(int[] counts) {
      random.multinomialCounts(counts.length, counts);
    }
  }

  private static final class Poisson extends Seeded {
    Poisson(long seed) {
      super(seed);
    }

    @Override
    void fill(int[] counts) {
      random.poissonCounts(counts);
    }
  }

  private static final class MovingBlock extends Seeded {
    private final int length;

    MovingBlock(long seed, int length) {
      super(seed);
      this.length = length;
    }

    @Override
    void fill(int[] counts) {
      int n = counts.length;
      clear(counts);
      int starts = n - length + 1;
      int drawn = 0;
      while (drawn < n) {
        int start = random.nextInt(starts);
        int take = Math.min(length, n - drawn);
        for (int t = 0; t < take; t++) {
          counts[start + t]++;
        }
        drawn += take;
      }
    }
  }

  private static final class CircularBlock extends Seeded {
    private final int length;

    CircularBlock(long seed, int length) {
      super(seed);
      this.length = length;
    }

    @Override
    void fill(int[] counts) {
      int n = counts.length;
      clear(counts);
      int drawn = 0;
      while (drawn < n) {
        int row = random.nextInt(n);
        int take = Math.min(length, n - drawn);
        for (int t = 0; t < take; t++) {
          counts[row]++;
          row = row + 1 == n ? 0 : row + 1;
        }
        drawn += take;
      }
    }
  }

  private static final class Stationary extends Seeded {
    /** {@code log1p(-1 / meanLength)}: negative, or negative infinity when the mean is 1. */
    private final double logStay;

    Stationary(long seed, double meanLength) {
      super(seed);
      this.logStay = Math.log1p(-1.0 / meanLength);
    }

    @Override
    void fill(int[] counts) {
      int n = counts.length;
      clear(counts);
      int drawn = 0;
      while (drawn < n) {
        int row = random.nextInt(n);
        double extra = Math.floor(Math.log1p(-random.nextDouble()) / logStay);
        int remaining = n - drawn;
        int take = extra >= remaining - 1 ? remaining : 1 + (int) extra;
        for (int t = 0; t < take; t++) {
          counts[row]++;
          row = row + 1 == n ? 0 : row + 1;
        }
        drawn += take;
      }
    }
  }

  private static final class SklearnUniform implements CountSampler {
    private final int[] memberSeeds;
    private final NumpyRandomState random;
    private final int[] rows;

    SklearnUniform(int[] memberSeeds, int n) {
      this.memberSeeds = memberSeeds;
      this.random = new NumpyRandomState(0);
      this.rows = new int[n];
    }

    @Override
    public void draw(int member, int[] counts) {
      random.seed(memberSeeds[member]);
      redraw(counts);
    }

    @Override
    public void redraw(int[] counts) {
      random.randint(0, counts.length, rows);
      bincount(rows, counts);
    }
  }

  private static final class SklearnProbability implements CountSampler {
    private final int[] memberSeeds;
    private final double[] cdf;
    private final NumpyRandomState random;

    SklearnProbability(int[] memberSeeds, double[] cdf) {
      this.memberSeeds = memberSeeds;
      this.cdf = cdf;
      this.random = new NumpyRandomState(0);
    }

    @Override
    public void draw(int member, int[] counts) {
      random.seed(memberSeeds[member]);
      redraw(counts);
    }

    @Override
    public void redraw(int[] counts) {
      clear(counts);
      int n = counts.length;
      for (int d = 0; d < n; d++) {
        counts[random.choiceFromCdf(cdf)]++;
      }
    }
  }

  private static void bincount(int[] rows, int[] counts) {
    clear(counts);
    for (int r : rows) {
      counts[r]++;
    }
  }

  private static void clear(int[] counts) {
    for (int i = 0; i < counts.length; i++) {
      counts[i] = 0;
    }
  }
}
