package io.rila.core.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

/**
 * Reference vectors come from outside this code: xoshiro256++'s published outputs, JDK 17's own
 * {@code Xoshiro256PlusPlus}, SplitMix64's published outputs and {@code java.util.SplittableRandom}
 * (which is SplitMix64). Distribution checks use fixed seeds and 6-sigma bounds, so they are
 * deterministic and would only fail for a broken generator.
 */
class MemberRandomTest {

  private static final double Z = 6.0;

  // ---------------------------------------------------------------- reference vectors

  @Test
  void nextLong_publishedXoshiro256PlusPlusVector() {
    // Blackman and Vigna's xoshiro256plusplus.c from state {1, 2, 3, 4}, as pinned by the
    // rand_xoshiro crate's reference test
    String[] expected = {
      "41943041", "58720359", "3588806011781223", "3591011842654386", "9228616714210784205",
      "9973669472204895162", "14011001112246962877", "12406186145184390807",
      "15849039046786891736", "10450023813501588000"
    };
    MemberRandom random = MemberRandom.ofState(1, 2, 3, 4);
    for (String e : expected) {
      assertThat(random.nextLong()).isEqualTo(Long.parseUnsignedLong(e));
    }
  }

  @Test
  void nextLong_equalsJdkXoshiro256PlusPlus() {
    // JDK 17 turns seed bytes into state words with sign extension of bytes >= 0x80, so every
    // byte of these states is kept below 0x80 to hand the JDK exactly this state
    SplittableRandom states = new SplittableRandom(2024);
    long mask = 0x7f7f7f7f7f7f7f7fL;
    for (int trial = 0; trial < 20; trial++) {
      long[] s = {
        states.nextLong() & mask, states.nextLong() & mask,
        states.nextLong() & mask, states.nextLong() & mask
      };
      ByteBuffer seed = ByteBuffer.allocate(32);
      for (long word : s) {
        seed.putLong(word);
      }
      RandomGenerator jdk =
          RandomGeneratorFactory.of("Xoshiro256PlusPlus").create(seed.array());
      MemberRandom ours = MemberRandom.ofState(s[0], s[1], s[2], s[3]);
      for (int i = 0; i < 1000; i++) {
        assertThat(ours.nextLong()).isEqualTo(jdk.nextLong());
      }
    }
  }

  @Test
  void reset_stateIsSplitMix64Outputs() {
    // SplitMix64's published first outputs for seed 0 pin java.util.SplittableRandom to it
    SplittableRandom splitMix = new SplittableRandom(0);
    assertThat(splitMix.nextLong()).isEqualTo(0xe220a8397b1dcdafL);
    assertThat(splitMix.nextLong()).isEqualTo(0x6e789e6aa1b965f4L);
    assertThat(splitMix.nextLong()).isEqualTo(0x06c45d188009454fL);
    assertThat(splitMix.nextLong()).isEqualTo(0xf88bb8a8724c81ecL);

    long[] seeds = {0, 1, 42, -1, Long.MIN_VALUE, 0x123456789abcdefL};
    long[] streams = {0, 1, 2, 9, 999, 10_000};
    for (long seed : seeds) {
      long base = new SplittableRandom(seed).nextLong();
      for (long stream : streams) {
        SplittableRandom words = new SplittableRandom(base);
        for (long skip = 0; skip < 4 * stream; skip++) {
          words.nextLong();
        }
        MemberRandom expected =
            MemberRandom.ofState(
                words.nextLong(), words.nextLong(), words.nextLong(), words.nextLong());
        MemberRandom actual = new MemberRandom(seed, stream);
        for (int i = 0; i < 50; i++) {
          assertThat(actual.nextLong()).as("seed %d stream %d", seed, stream)
              .isEqualTo(expected.nextLong());
        }
      }
    }
  }

  @Test
  void nextDouble_isTop53Bits() {
    MemberRandom random = MemberRandom.ofState(1, 2, 3, 4);
    assertThat(random.nextDouble()).isEqualTo((41943041L >>> 11) * 0x1.0p-53);
    assertThat(random.nextDouble()).isEqualTo((58720359L >>> 11) * 0x1.0p-53);
    MemberRandom other = new MemberRandom(9, 9);
    for (int i = 0; i < 100_000; i++) {
      assertThat(other.nextDouble()).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
    }
  }

  // ---------------------------------------------------------------- determinism

  @Test
  void reset_equalsNewInstance() {
    MemberRandom reused = new MemberRandom(7, 3);
    for (int i = 0; i < 123; i++) {
      reused.nextLong();
    }
    reused.reset(42, 17);
    MemberRandom fresh = new MemberRandom(42, 17);
    for (int i = 0; i < 1000; i++) {
      assertThat(reused.nextLong()).isEqualTo(fresh.nextLong());
    }
  }

  @Test
  void counts_allocateNothing() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assumeTrue(
        threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
    MemberRandom random = new MemberRandom(42, 0);
    int[] counts = new int[152];
    for (int round = 0; round < 2; round++) {
      long before = threads.getCurrentThreadAllocatedBytes();
      for (int k = 0; k < 200; k++) {
        random.reset(42, k);
        random.multinomialCounts(152, counts);
        random.poissonCounts(counts);
      }
      long allocated = threads.getCurrentThreadAllocatedBytes() - before;
      if (round == 1) {
        assertThat(allocated).isZero();
      }
    }
  }

  @Test
  void reset_distinctStreamsDiffer() {
    MemberRandom a = new MemberRandom(42, 0);
    MemberRandom b = new MemberRandom(42, 1);
    MemberRandom c = new MemberRandom(43, 0);
    long x = a.nextLong();
    assertThat(x).isNotEqualTo(b.nextLong());
    assertThat(x).isNotEqualTo(c.nextLong());
  }

  // ---------------------------------------------------------------- stream independence

  @Test
  void streams_firstDrawsAcrossMembersAreUniformAndIndependent() {
    int members = 10_000;
    int bound = 152;
    long[] single = new long[bound];
    long[][] pairs = new long[16][16];
    double[] first = new double[members];
    MemberRandom random = new MemberRandom(42, 0);
    int previous = -1;
    for (int k = 0; k < members; k++) {
      random.reset(42, k);
      single[random.nextInt(bound)]++;
      int cell = random.nextInt(16);
      if (previous >= 0) {
        pairs[previous][cell]++;
      }
      previous = cell;
      first[k] = random.nextDouble();
    }
    assertChiSquare(single, members / (double) bound);
    long[] flat = new long[256];
    for (int i = 0; i < 16; i++) {
      for (int j = 0; j < 16; j++) {
        flat[16 * i + j] = pairs[i][j];
      }
    }
    assertChiSquare(flat, (members - 1) / 256.0);
    // lag-1 correlation across members of the same seed, and across neighbouring seeds
    assertThat(Math.abs(correlation(first, 1))).isLessThan(Z / Math.sqrt(members));
    double[] otherSeed = new double[members];
    for (int k = 0; k < members; k++) {
      random.reset(43, k);
      random.nextInt(bound);
      random.nextInt(16);
      otherSeed[k] = random.nextDouble();
    }
    assertThat(Math.abs(correlation(first, otherSeed))).isLessThan(Z / Math.sqrt(members));
  }

  // ---------------------------------------------------------------- bootstrap counts

  @Test
  void multinomialCounts_sumsAndUniformity() {
    int members = 10_000;
    int rows = 152;
    int[] counts = new int[rows];
    long[] totals = new long[rows];
    long zeros = 0;
    MemberRandom random = new MemberRandom(7, 0);
    for (int k = 0; k < members; k++) {
      random.reset(7, k);
      random.multinomialCounts(rows, counts);
      int sum = 0;
      for (int i = 0; i < rows; i++) {
        sum += counts[i];
        totals[i] += counts[i];
        if (counts[i] == 0) {
          zeros++;
        }
      }
      assertThat(sum).isEqualTo(rows);
    }
    assertChiSquare(totals, (double) members);
    // P(row left out) = (1 - 1/152)^152; cells of one member are weakly dependent, so the
    // binomial standard deviation is only a guide and the bound is 6 of them
    double cells = (double) members * rows;
    double p0 = Math.pow(1 - 1.0 / rows, rows);
    double sd = Math.sqrt(p0 * (1 - p0) / cells);
    assertThat(Math.abs(zeros / cells - p0)).isLessThan(Z * sd);
  }

  @Test
  void multinomialCounts_zeroDrawsAndReuse() {
    int[] counts = {5, 5, 5};
    MemberRandom random = new MemberRandom(1, 1);
    random.multinomialCounts(0, counts);
    assertThat(counts).containsExactly(0, 0, 0);
    random.multinomialCounts(1000, counts);
    assertThat(counts[0] + counts[1] + counts[2]).isEqualTo(1000);
    int[] single = new int[1];
    random.multinomialCounts(17, single);
    assertThat(single).containsExactly(17);
  }

  @Test
  void poissonCounts_meanVarianceAndZeroFraction() {
    int members = 10_000;
    int rows = 152;
    int[] counts = new int[rows];
    long n = (long) members * rows;
    double sum = 0;
    double sumSq = 0;
    long[] histogram = new long[7];
    MemberRandom random = new MemberRandom(11, 0);
    for (int k = 0; k < members; k++) {
      random.reset(11, k);
      random.poissonCounts(counts);
      for (int c : counts) {
        assertThat(c).isGreaterThanOrEqualTo(0);
        sum += c;
        sumSq += (double) c * c;
        histogram[Math.min(c, 6)]++;
      }
    }
    double mean = sum / n;
    double variance = sumSq / n - mean * mean;
    // Poisson(1): Var(mean) = 1/n; Var(sample variance) ~ (mu4 - 1)/n with mu4 = 4
    assertThat(Math.abs(mean - 1)).isLessThan(Z * Math.sqrt(1.0 / n));
    assertThat(Math.abs(variance - 1)).isLessThan(Z * Math.sqrt(3.0 / n));
    double p0 = Math.exp(-1);
    assertThat(Math.abs(histogram[0] / (double) n - p0))
        .isLessThan(Z * Math.sqrt(p0 * (1 - p0) / n));
    // full pmf: chi-square over k = 0..5 and k >= 6
    double[] expected = new double[7];
    double p = Math.exp(-1);
    double below = 0;
    for (int k = 0; k < 6; k++) {
      expected[k] = p * n;
      below += p;
      p /= k + 1;
    }
    expected[6] = (1 - below) * n;
    double chi2 = 0;
    for (int k = 0; k < 7; k++) {
      double d = histogram[k] - expected[k];
      chi2 += d * d / expected[k];
    }
    assertThat(chi2).isLessThan(chiSquareUpper(6));
  }

  @Test
  void nextPoisson1_matchesPoissonCounts() {
    MemberRandom a = new MemberRandom(5, 5);
    MemberRandom b = new MemberRandom(5, 5);
    int[] counts = new int[300];
    a.poissonCounts(counts);
    for (int c : counts) {
      assertThat(b.nextPoisson1()).isEqualTo(c);
    }
  }

  @Test
  void nextInt_boundsAndUniformity() {
    MemberRandom random = new MemberRandom(3, 0);
    for (int i = 0; i < 1000; i++) {
      assertThat(random.nextInt(1)).isZero();
      assertThat(random.nextInt(Integer.MAX_VALUE)).isBetween(0, Integer.MAX_VALUE - 1);
    }
    // bound 3 * 2^29 rejects a quarter of the raw draws (2^32 mod bound = 2^30): three equal thirds
    int bound = 3 << 29;
    long[] thirds = new long[3];
    int draws = 300_000;
    for (int i = 0; i < draws; i++) {
      int v = random.nextInt(bound);
      assertThat(v).isBetween(0, bound - 1);
      thirds[v >>> 29]++;
    }
    assertChiSquare(thirds, draws / 3.0);
    long[] sevens = new long[7];
    for (int i = 0; i < 70_000; i++) {
      sevens[random.nextInt(7)]++;
    }
    assertChiSquare(sevens, 10_000);
  }

  // ---------------------------------------------------------------- bad input

  @Test
  void reset_streamOutOfRange() {
    assertThatThrownBy(() -> new MemberRandom(1, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stream: -1");
    assertThatThrownBy(() -> new MemberRandom(1, 0).reset(1, 1L << 62))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stream: 4611686018427387904");
  }

  @Test
  void nextInt_nonPositiveBound() {
    MemberRandom random = new MemberRandom(1, 0);
    assertThatThrownBy(() -> random.nextInt(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bound: 0");
    assertThatThrownBy(() -> random.nextInt(-5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bound: -5");
  }

  @Test
  void counts_badArguments() {
    MemberRandom random = new MemberRandom(1, 0);
    assertThatThrownBy(() -> random.multinomialCounts(3, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("counts");
    assertThatThrownBy(() -> random.multinomialCounts(3, new int[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("counts: length 0");
    assertThatThrownBy(() -> random.multinomialCounts(-1, new int[2]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("draws: -1");
    assertThatThrownBy(() -> random.poissonCounts(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("counts");
    assertThatThrownBy(() -> random.poissonCounts(new int[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("counts: length 0");
  }

  // ---------------------------------------------------------------- helpers

  /** Pearson's chi-square against equal expected counts, inside 6-sigma Wilson-Hilferty bounds. */
  private static void assertChiSquare(long[] observed, double expectedEach) {
    double chi2 = 0;
    for (long o : observed) {
      double d = o - expectedEach;
      chi2 += d * d / expectedEach;
    }
    int df = observed.length - 1;
    assertThat(chi2).as("chi-square, %d degrees of freedom", df)
        .isLessThan(chiSquareUpper(df))
        .isGreaterThan(chiSquareQuantile(df, -Z));
  }

  private static double chiSquareUpper(int df) {
    return chiSquareQuantile(df, Z);
  }

  /** Wilson and Hilferty's approximation of the chi-square quantile at standard normal z. */
  private static double chiSquareQuantile(int df, double z) {
    double c = 2.0 / (9.0 * df);
    double base = 1 - c + z * Math.sqrt(c);
    return df * base * base * base;
  }

  private static double correlation(double[] x, int lag) {
    double[] a = new double[x.length - lag];
    double[] b = new double[x.length - lag];
    for (int i = 0; i < a.length; i++) {
      a[i] = x[i];
      b[i] = x[i + lag];
    }
    return correlation(a, b);
  }

  private static double correlation(double[] a, double[] b) {
    int n = a.length;
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < n; i++) {
      ma += a[i];
      mb += b[i];
    }
    ma /= n;
    mb /= n;
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < n; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    return sab / Math.sqrt(saa * sbb);
  }

  @Test
  void poisson1_invertsThePoissonDistributionFunction() {
    // the distribution function from the Poisson(1) mass e^-1 / k!, summed independently
    double[] cdf = new double[20];
    double sum = 0;
    double factorial = 1;
    for (int k = 0; k < 20; k++) {
      factorial *= Math.max(1, k);
      sum += Math.exp(-1) / factorial;
      cdf[k] = sum;
    }
    SplittableRandom uniforms = new SplittableRandom(3);
    for (int i = 0; i < 100_000; i++) {
      double u = i < 40 ? cdf[i % 20] * (i < 20 ? 1 : 1 - 1e-15) : uniforms.nextDouble();
      if (u >= 1) {
        continue;
      }
      int expected = 0;
      while (expected < 19 && u >= cdf[expected]) {
        expected++;
      }
      assertThat(MemberRandom.poisson1(u)).as("u = %s", u).isEqualTo(expected);
    }
    assertThat(MemberRandom.poisson1(0)).isZero();
  }

  @Test
  void poisson1_outsideUnitInterval() {
    for (double u : new double[] {-0.1, 1.0, Double.NaN}) {
      assertThatThrownBy(() -> MemberRandom.poisson1(u)).hasMessageContaining("u: ");
    }
  }

  @Test
  void mix64_isSplittableRandomsOutputFunction() {
    // java.util.SplittableRandom(s).nextLong() is mix64(s + 0x9e3779b97f4a7c15)
    for (long seed : new long[] {0, 1, 42, -7}) {
      assertThat(MemberRandom.mix64(seed + 0x9e3779b97f4a7c15L))
          .isEqualTo(new SplittableRandom(seed).nextLong());
    }
  }
}
