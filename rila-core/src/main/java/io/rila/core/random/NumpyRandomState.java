package io.rila.core.random;

import java.util.Objects;

/**
 * numpy's legacy {@code RandomState} (the MT19937 Mersenne Twister), bit-exact: same seed, same
 * calls, same numbers as {@code numpy.random.RandomState(seed)}. It exists to reproduce
 * scikit-learn's bagging draws: member seeds come from {@code
 * RandomState(random_state).randint(2**31 - 1, size=N)} and member rows from {@code
 * RandomState(seed_k).randint(0, n, n)} (or {@code choice(n, n, p=w / w.sum())} from
 * scikit-learn 1.8 on).
 *
 * <pre>{@code
 * NumpyRandomState master = new NumpyRandomState(42);
 * int[] memberSeeds = new int[1000];
 * master.randint(0, Integer.MAX_VALUE, memberSeeds);   // randint(2**31 - 1, size=1000)
 *
 * NumpyRandomState member = new NumpyRandomState(memberSeeds[0]);
 * int[] rows = new int[152];
 * member.randint(0, 152, rows);                         // randint(0, 152, 152)
 * }</pre>
 *
 * <p>What is reproduced: seeding by a 32-bit integer ({@code _legacy_seeding}, Knuth's
 * initialisation of the 624-word state); {@code randint}'s masked rejection (a 32-bit draw, or two
 * for ranges above {@code 2^32}, high word first, masked to the smallest covering all-ones mask and
 * redrawn while above the range; no draw at all for a one-value range); {@code random_sample}'s
 * 53-bit doubles {@code ((a >>> 5) * 2^26 + (b >>> 6)) / 2^53}; and {@code choice} with
 * probabilities (numpy's checks on {@code p}, {@code cdf = cumsum(p) / cdf[-1]}, one {@code
 * random_sample} per draw, {@code searchsorted(side='right')}; {@link #choiceFromCdf(double[])}
 * is one such draw from a distribution built once). Gaussian and other distributions are not
 * provided.
 *
 * <p>Thread safety: not thread-safe; use one instance per thread. Allocation: the 624-word state is
 * allocated once and {@link #seed(long)} reseeds it in place; only {@link #choice(int, double[],
 * int[])} allocates (its cumulative distribution).
 */
public final class NumpyRandomState {

  private static final int N = 624;
  private static final int M = 397;
  private static final int MATRIX_A = 0x9908b0df;
  private static final int UPPER_MASK = 0x80000000;
  private static final int LOWER_MASK = 0x7fffffff;

  /** numpy's tolerance on {@code sum(p)}: {@code sqrt(finfo(float64).eps)} = 2^-26. */
  private static final double SUM_TOLERANCE = Math.sqrt(Math.ulp(1.0));

  private final int[] mt = new int[N];
  /** The index of the next word to regenerate and output. */
  private int pos;

  /**
   * A generator in the state of {@code numpy.random.RandomState(seed)}.
   *
   * @param seed the seed, {@code 0 <= seed <= 2^32 - 1}
   * @throws IllegalArgumentException if {@code seed} is out of range (numpy raises too)
   */
  public NumpyRandomState(long seed) {
    seed(seed);
  }

  /**
   * Reseeds in place, as {@code RandomState.seed(seed)}; allocates nothing.
   *
   * @param seed the seed, {@code 0 <= seed <= 2^32 - 1}
   * @throws IllegalArgumentException if {@code seed} is out of range
   */
  public void seed(long seed) {
    if (seed < 0 || seed > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(
          "seed: " + seed + " (expected: 0 <= seed <= 4294967295, as numpy's RandomState)");
    }
    int s = (int) seed;
    for (int i = 0; i < N; i++) {
      mt[i] = s;
      s = 1812433253 * (s ^ (s >>> 30)) + i + 1;
    }
    pos = 0;
  }

  /**
   * The next raw 32-bit output of MT19937, as an unsigned value.
   *
   * @return a value in {@code [0, 2^32)}
   */
  public long nextUInt32() {
    return next32() & 0xFFFF_FFFFL;
  }

  /**
   * One draw of {@code RandomState.randint(low, high)}.
   *
   * @param low the smallest value
   * @param high one more than the largest value
   * @return a value in {@code [low, high)}
   * @throws IllegalArgumentException if {@code low >= high}
   */
  public int randint(int low, int high) {
    checkBounds(low, high);
    return (int) (low + bounded32(high - (long) low - 1));
  }

  /**
   * Fills {@code out} as {@code RandomState.randint(low, high, size=out.length)}.
   *
   * @param low the smallest value
   * @param high one more than the largest value
   * @param out receives the draws in order
   * @throws NullPointerException if {@code out} is null
   * @throws IllegalArgumentException if {@code low >= high}
   */
  public void randint(int low, int high, int[] out) {
    Objects.requireNonNull(out, "out");
    checkBounds(low, high);
    long range = high - (long) low - 1;
    for (int i = 0; i < out.length; i++) {
      out[i] = (int) (low + bounded32(range));
    }
  }

  /**
   * One draw of {@code RandomState.randint(low, high)} for 64-bit bounds: ranges wider than {@code
   * 2^32} take two 32-bit outputs per attempt, high word first, as numpy does.
   *
   * @param low the smallest value
   * @param high one more than the largest value
   * @return a value in {@code [low, high)}
   * @throws IllegalArgumentException if {@code low >= high}
   */
  public long randintLong(long low, long high) {
    if (low >= high) {
      throw new IllegalArgumentException(
          "high: " + high + " (expected: > low = " + low + ")");
    }
    long range = high - low - 1; // unsigned, in [0, 2^64 - 2]
    if (Long.compareUnsigned(range, 0xFFFF_FFFFL) <= 0) {
      return low + bounded32(range);
    }
    long mask = mask(range);
    long v;
    do {
      v = ((long) next32() << 32 | (next32() & 0xFFFF_FFFFL)) & mask;
    } while (Long.compareUnsigned(v, range) > 0);
    return low + v;
  }

  /**
   * One draw of {@code RandomState.random_sample()}: a multiple of {@code 2^-53} in {@code [0, 1)}
   * built from two 32-bit outputs.
   *
   * @return a value in {@code [0, 1)}
   */
  public double randomSample() {
    int a = next32() >>> 5;
    int b = next32() >>> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }

  /**
   * Fills {@code out} as {@code RandomState.choice(n, size=out.length, replace=True, p=p)}, with
   * numpy's checks on {@code p}: non-negative, no NaN, summing to 1 within {@code 2^-26} (summed
   * with Kahan's compensation, as numpy). Allocates one {@code double[n]}.
   *
   * @param n the number of categories
   * @param p the probability of each category, {@code p.length == n}
   * @param out receives the draws in order, each in {@code [0, n)}
   * @throws NullPointerException if {@code p} or {@code out} is null
   * @throws IllegalArgumentException if {@code n < 1}, if {@code p} has the wrong length, holds NaN
   *     or a negative value (the message names the index), or does not sum to 1
   */
  public void choice(int n, double[] p, int[] out) {
    Objects.requireNonNull(p, "p");
    Objects.requireNonNull(out, "out");
    if (n < 1) {
      throw new IllegalArgumentException("n: " + n + " (expected: >= 1)");
    }
    if (p.length != n) {
      throw new IllegalArgumentException(
          "p: length " + p.length + " (expected: " + n + ", the value of n)");
    }
    for (int i = 0; i < n; i++) {
      if (Double.isNaN(p[i])) {
        throw new IllegalArgumentException("p[" + i + "]: NaN (expected: a probability)");
      }
    }
    for (int i = 0; i < n; i++) {
      if (p[i] < 0) {
        throw new IllegalArgumentException("p[" + i + "]: " + p[i] + " (expected: >= 0)");
      }
    }
    double sum = kahanSum(p);
    if (!(Math.abs(sum - 1.0) <= SUM_TOLERANCE)) {
      throw new IllegalArgumentException(
          "p: sums to " + sum + " (expected: 1 within " + SUM_TOLERANCE + ")");
    }
    double[] cdf = new double[n];
    double acc = 0;
    for (int i = 0; i < n; i++) {
      acc += p[i];
      cdf[i] = acc;
    }
    double last = cdf[n - 1];
    for (int i = 0; i < n; i++) {
      cdf[i] /= last;
    }
    for (int d = 0; d < out.length; d++) {
      out[d] = choiceFromCdf(cdf);
    }
  }

  /**
   * One draw of {@link #choice(int, double[], int[])} from a cumulative distribution built once:
   * one {@code random_sample} {@code u}, then {@code searchsorted(cdf, u, side='right')}, the
   * number of entries {@code <= u}. With numpy's {@code cdf = cumsum(p); cdf /= cdf[-1]} this is
   * numpy's draw, bit for bit. {@code cdf} is trusted to be non-decreasing with last entry 1 (not
   * checked, so that a loop of draws stays O(log n) each); otherwise the result may be {@code
   * cdf.length}. Allocates nothing.
   *
   * @param cdf the normalised cumulative distribution, never written
   * @return the category drawn, in {@code [0, cdf.length)} for a normalised {@code cdf}
   * @throws NullPointerException if {@code cdf} is null
   * @throws IllegalArgumentException if {@code cdf} is empty
   */
  public int choiceFromCdf(double[] cdf) {
    Objects.requireNonNull(cdf, "cdf");
    if (cdf.length == 0) {
      throw new IllegalArgumentException("cdf: empty (expected: at least one entry)");
    }
    double u = randomSample();
    int lo = 0;
    int hi = cdf.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cdf[mid] <= u) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** numpy's {@code kahan_sum} from {@code mtrand.pyx}, in its order of operations. */
  private static double kahanSum(double[] values) {
    double sum = values[0];
    double c = 0.0;
    for (int i = 1; i < values.length; i++) {
      double y = values[i] - c;
      double t = sum + y;
      c = (t - sum) - y;
      sum = t;
    }
    return sum;
  }

  private static void checkBounds(int low, int high) {
    if (low >= high) {
      throw new IllegalArgumentException(
          "high: " + high + " (expected: > low = " + low + ")");
    }
  }

  /**
   * numpy's {@code buffered_bounded_masked_uint32}: a value in {@code [0, range]} for {@code range
   * <= 2^32 - 1}; no draw when {@code range == 0}.
   */
  private long bounded32(long range) {
    if (range == 0) {
      return 0;
    }
    if (range == 0xFFFF_FFFFL) {
      return next32() & 0xFFFF_FFFFL;
    }
    long mask = mask(range);
    long v;
    do {
      v = next32() & mask;
    } while (v > range);
    return v;
  }

  /** numpy's {@code gen_mask}: the smallest all-ones bit mask covering {@code max} (unsigned). */
  private static long mask(long max) {
    long m = max;
    m |= m >>> 1;
    m |= m >>> 2;
    m |= m >>> 4;
    m |= m >>> 8;
    m |= m >>> 16;
    m |= m >>> 32;
    return m;
  }

  /**
   * The next tempered MT19937 output. The state is regenerated one word at a time, just before the
   * word is used, instead of all 624 at once (numpy's {@code mt19937_gen}): in-order regeneration
   * reads exactly the words the batch form reads, so the stream is identical, and a member that
   * needs a few hundred draws does not pay for 624.
   */
  private int next32() {
    int kk = pos;
    int y = (mt[kk] & UPPER_MASK) | (mt[kk == N - 1 ? 0 : kk + 1] & LOWER_MASK);
    int w = mt[kk < N - M ? kk + M : kk + M - N] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    mt[kk] = w;
    pos = kk == N - 1 ? 0 : kk + 1;
    w ^= w >>> 11;
    w ^= (w << 7) & 0x9d2c5680;
    w ^= (w << 15) & 0xefc60000;
    w ^= w >>> 18;
    return w;
  }
}
