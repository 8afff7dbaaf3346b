package io.rila.core.random;

import java.util.Objects;

/**
 * A fast random stream for one bootstrap member that depends only on {@code (seed, stream)}: never
 * on the thread, the executor, the chunking or the order in which members run, so an ensemble is
 * bit-identical however it is computed.
 *
 * <pre>{@code
 * MemberRandom random = new MemberRandom(seed, 0);
 * int[] counts = new int[rows];
 * for (int member = 0; member < members; member++) {
 *   random.reset(seed, member);              // no allocation
 *   random.multinomialCounts(rows, counts);  // i.i.d. bootstrap: rows draws with replacement
 *   // or random.poissonCounts(counts);      // Poisson bootstrap
 * }
 * }</pre>
 *
 * <p><b>Generator.</b> xoshiro256++ (Blackman and Vigna, "Scrambled linear pseudorandom number
 * generators", ACM TOMS 47(4), 2021): 256 bits of state, period {@code 2^256 - 1}, a few
 * nanoseconds per 64-bit output, and clean results in BigCrush and PractRand. It is the algorithm
 * of JDK 17's {@code Xoshiro256PlusPlus}; xoshiro256** would serve equally, ++ was chosen so that a
 * second implementation ships with every JDK to test against.
 *
 * <p><b>Seeding and stream separation.</b> The state of stream {@code k} is four consecutive
 * outputs of SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators",
 * OOPSLA 2014; the generator of {@code java.util.SplittableRandom}): with {@code g =
 * 0x9e3779b97f4a7c15}, {@code base = mix64(seed + g)} (SplitMix64's first output for {@code seed})
 * and word {@code j} of stream {@code k} is {@code mix64(base + (4k + j + 1) * g)}, that is outputs
 * {@code 4k + 1 .. 4k + 4} of SplitMix64 started at {@code base}. This is the seeding the xoshiro
 * authors recommend. Because {@code g} is odd and {@code mix64} is a bijection, the words of
 * different streams of one seed are all distinct, so no two members share a state (and no state is
 * all zero); since SplitMix64's outputs for consecutive counters are statistically independent (it
 * passes BigCrush as a counter-based generator), so are the starting points, and two members'
 * sequences overlap only if one start lies within the other's few thousand steps on a cycle of
 * length {@code 2^256 - 1}, a chance below {@code 2^-200} for 10,000 members.
 *
 * <p><b>Derived draws.</b> {@link #nextDouble()} is {@code (nextLong() >>> 11) * 2^-53}; {@link
 * #nextInt(int)} is Lemire's unbiased multiply-and-reject on the upper 32 bits; {@link
 * #nextPoisson1()} inverts the Poisson(1) distribution function with one {@code nextDouble()}.
 *
 * <p>Thread safety: not thread-safe; use one instance per worker and {@link #reset(long, long)} it
 * per member. Allocation: none after construction.
 */
public final class MemberRandom {

  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
  private static final long MAX_STREAM = 1L << 62;

  /**
   * Poisson(1) distribution function {@code P(K <= k)} for {@code k = 0 .. 19}; the last entry is 1
   * so the search always ends. The folded tail {@code P(K > 19)} is about {@code 2^-63}, far below
   * the {@code 2^-53} resolution of the uniform draw.
   */
  private static final double[] POISSON1_CDF = poisson1Cdf(20);

  /**
   * Where the inversion search starts for {@code u} in {@code [j / 256, (j + 1) / 256)}: the
   * smallest {@code k} with {@code P(K <= k) > j / 256}. It only skips comparisons that would fail,
   * so draws are exactly those of the plain search, with one comparison in most cases.
   */
  private static final byte[] POISSON1_GUIDE = guide(POISSON1_CDF, 256);

  private long s0;
  private long s1;
  private long s2;
  private long s3;

  /**
   * The stream of member {@code stream} for {@code seed}.
   *
   * @param seed any value
   * @param stream the member's number, {@code 0 <= stream < 2^62}
   * @throws IllegalArgumentException if {@code stream} is out of range
   */
  public MemberRandom(long seed, long stream) {
    reset(seed, stream);
  }

  private MemberRandom(long s0, long s1, long s2, long s3) {
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }

  /** A generator in the given raw xoshiro256++ state (not all zero), for reference-vector tests. */
  static MemberRandom ofState(long s0, long s1, long s2, long s3) {
    return new MemberRandom(s0, s1, s2, s3);
  }

  /**
   * Restarts this object as the stream of member {@code stream} for {@code seed}, as if newly
   * constructed; allocates nothing.
   *
   * @param seed any value
   * @param stream the member's number, {@code 0 <= stream < 2^62}
   * @throws IllegalArgumentException if {@code stream} is out of range
   */
  public void reset(long seed, long stream) {
    if (stream < 0 || stream >= MAX_STREAM) {
      throw new IllegalArgumentException(
          "stream: " + stream + " (expected: 0 <= stream < " + MAX_STREAM + ")");
    }
    long x = mix64(seed + GOLDEN_GAMMA) + 4 * stream * GOLDEN_GAMMA;
    s0 = mix64(x += GOLDEN_GAMMA);
    s1 = mix64(x += GOLDEN_GAMMA);
    s2 = mix64(x += GOLDEN_GAMMA);
    s3 = mix64(x + GOLDEN_GAMMA);
  }

  /**
   * The next 64 uniformly random bits.
   *
   * @return any {@code long}
   */
  public long nextLong() {
    long result = Long.rotateLeft(s0 + s3, 23) + s0;
    long t = s1 << 17;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = Long.rotateLeft(s3, 45);
    return result;
  }

  /**
   * A uniform double, a multiple of {@code 2^-53}.
   *
   * @return a value in {@code [0, 1)}
   */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /**
   * A uniform integer in {@code [0, bound)}, without bias (Lemire, "Fast random integer generation
   * in an interval", ACM TOMACS 29(1), 2019).
   *
   * @param bound the number of possible values, {@code > 0}
   * @return a value in {@code [0, bound)}
   * @throws IllegalArgumentException if {@code bound <= 0}
   */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound: " + bound + " (expected: > 0)");
    }
    return boundedInt(bound);
  }

  private int boundedInt(int bound) {
    long m = (nextLong() >>> 32) * bound;
    long low = m & 0xFFFF_FFFFL;
    if (low < bound) {
      long threshold = (0x1_0000_0000L - bound) % bound;
      while (low < threshold) {
        m = (nextLong() >>> 32) * bound;
        low = m & 0xFFFF_FFFFL;
      }
    }
    return (int) (m >>> 32);
  }

  /**
   * A Poisson draw with mean 1: {@code P(k) = e^-1 / k!}.
   *
   * @return a value {@code >= 0}
   */
  public int nextPoisson1() {
    return poisson1(nextDouble());
  }

  /**
   * The Poisson(1) count whose distribution function first exceeds {@code u}: the inversion that
   * {@link #nextPoisson1()} applies to its uniform draw, for callers with uniforms of their own
   * (such as counter-based hashes). Allocates nothing.
   *
   * @param u a uniform value in {@code [0, 1)}
   * @return the count, {@code 0 .. 19}
   * @throws IllegalArgumentException if {@code u} is outside {@code [0, 1)}
   */
  public static int poisson1(double u) {
    if (!(u >= 0 && u < 1)) {
      throw new IllegalArgumentException("u: " + u + " (expected: 0 <= u < 1)");
    }
    int k = POISSON1_GUIDE[(int) (u * POISSON1_GUIDE.length)];
    while (u >= POISSON1_CDF[k]) {
      k++;
    }
    return k;
  }

  /**
   * SplitMix64's output function (Stafford's Mix13, as in {@code java.util.SplittableRandom}): a
   * bijection of 64-bit values whose outputs for consecutive inputs are statistically independent,
   * the building block of counter-based streams.
   *
   * @param z any value
   * @return the mixed value
   */
  public static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /**
   * The counts of an i.i.d. bootstrap: zeroes {@code counts}, then adds {@code draws} uniform draws
   * over its {@code counts.length} categories (a multinomial sample with equal probabilities).
   * Allocates nothing.
   *
   * @param draws the number of draws, {@code >= 0}
   * @param counts receives the count of each category
   * @throws NullPointerException if {@code counts} is null
   * @throws IllegalArgumentException if {@code draws < 0} or {@code counts} is empty
   */
  public void multinomialCounts(int draws, int[] counts) {
    checkCounts(counts);
    if (draws < 0) {
      throw new IllegalArgumentException("draws: " + draws + " (expected: >= 0)");
    }
    int n = counts.length;
    for (int i = 0; i < n; i++) {
      counts[i] = 0;
    }
    for (int d = 0; d < draws; d++) {
      counts[boundedInt(n)]++;
    }
  }

  /**
   * The counts of a Poisson bootstrap: an independent Poisson(1) draw per entry. Allocates nothing.
   *
   * @param counts receives one draw per entry
   * @throws NullPointerException if {@code counts} is null
   * @throws IllegalArgumentException if {@code counts} is empty
   */
  public void poissonCounts(int[] counts) {
    checkCounts(counts);
    for (int i = 0; i < counts.length; i++) {
      counts[i] = nextPoisson1();
    }
  }

  private static void checkCounts(int[] counts) {
    Objects.requireNonNull(counts, "counts");
    if (counts.length == 0) {
      throw new IllegalArgumentException("counts: length 0 (expected: >= 1)");
    }
  }

  private static double[] poisson1Cdf(int size) {
    double[] cdf = new double[size];
    double p = Math.exp(-1);
    double sum = 0;
    for (int k = 0; k < size - 1; k++) {
      sum += p;
      cdf[k] = sum;
      p /= k + 1;
    }
    cdf[size - 1] = 1.0;
    return cdf;
  }

  private static byte[] guide(double[] cdf, int size) {
    byte[] guide = new byte[size];
    int k = 0;
    for (int j = 0; j < size; j++) {
      while (cdf[k] <= (double) j / size) {
        k++;
      }
      guide[j] = (byte) k;
    }
    return guide;
  }
}
