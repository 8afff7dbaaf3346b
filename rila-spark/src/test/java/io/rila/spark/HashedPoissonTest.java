package io.rila.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HashedPoissonTest {

  private static final long GAMMA = 0x9e3779b97f4a7c15L;

  /**
   * The documented definition, rebuilt from the JDK's SplittableRandom (whose nextLong() is
   * mix64 of its seed plus the increment) and a Poisson(1) distribution function summed here.
   */
  private static int reference(long seed, int member, long rowId) {
    long base = new SplittableRandom(seed).nextLong();
    SplittableRandom members = new SplittableRandom(base);
    long memberKey = 0;
    for (int k = 0; k <= member; k++) {
      memberKey = members.nextLong();
    }
    long rowKey = new SplittableRandom((rowId ^ 0xd1b54a32d192ed03L) - GAMMA).nextLong();
    double u = (new SplittableRandom(memberKey + rowKey - GAMMA).nextLong() >>> 11) * 0x1.0p-53;
    double p = Math.exp(-1);
    double cdf = p;
    int k = 0;
    while (u >= cdf && k < 19) {
      k++;
      p /= k;
      cdf += p;
    }
    return k;
  }

  @Test
  void count_followsTheDocumentedDefinition() {
    long[] seeds = {0, 1, -7, 42, Long.MAX_VALUE};
    long[] rows = {0, 1, 2, -1, 123_456_789_012L, Long.MIN_VALUE};
    for (long seed : seeds) {
      for (int member = 0; member < 40; member++) {
        for (long row : rows) {
          assertThat(HashedPoisson.count(seed, member, row))
              .as("seed %d member %d row %d", seed, member, row)
              .isEqualTo(reference(seed, member, row));
        }
      }
    }
  }

  @Test
  void count_isPoissonOne() {
    int members = 200;
    int rows = 1000;
    long n = (long) members * rows;
    long[] histogram = new long[20];
    double sum = 0;
    double squares = 0;
    for (int k = 0; k < members; k++) {
      for (int i = 0; i < rows; i++) {
        int c = HashedPoisson.count(9, k, i);
        histogram[c]++;
        sum += c;
        squares += (double) c * c;
      }
    }
    double mean = sum / n;
    double variance = squares / n - mean * mean;
    assertThat(Math.abs(mean - 1)).isLessThan(5 / Math.sqrt(n));
    assertThat(Math.abs(variance - 1)).isLessThan(5 * Math.sqrt(3.0 / n));
    double p = Math.exp(-1);
    for (int c = 0; c < 6; c++) {
      double expected = n * p;
      assertThat(Math.abs(histogram[c] - expected)).as("count %d", c)
          .isLessThan(5 * Math.sqrt(expected));
      p /= c + 1;
    }
  }

  @Test
  void count_membersAndSeedsAreUncorrelated() {
    int rows = 20_000;
    assertThat(Math.abs(correlation(rows, (i) -> HashedPoisson.count(1, 0, i),
        (i) -> HashedPoisson.count(1, 1, i)))).isLessThan(5 / Math.sqrt(rows));
    assertThat(Math.abs(correlation(rows, (i) -> HashedPoisson.count(1, 3, i),
        (i) -> HashedPoisson.count(2, 3, i)))).isLessThan(5 / Math.sqrt(rows));
    assertThat(Math.abs(correlation(rows, (i) -> HashedPoisson.count(1, 3, i),
        (i) -> HashedPoisson.count(1, 3, i + 1)))).isLessThan(5 / Math.sqrt(rows));
  }

  private static double correlation(int n, java.util.function.IntUnaryOperator a,
      java.util.function.IntUnaryOperator b) {
    double sa = 0;
    double sb = 0;
    double saa = 0;
    double sbb = 0;
    double sab = 0;
    for (int i = 0; i < n; i++) {
      double x = a.applyAsInt(i);
      double y = b.applyAsInt(i);
      sa += x;
      sb += y;
      saa += x * x;
      sbb += y * y;
      sab += x * y;
    }
    double cov = sab / n - (sa / n) * (sb / n);
    return cov / Math.sqrt((saa / n - (sa / n) * (sa / n)) * (sbb / n - (sb / n) * (sb / n)));
  }

  @Test
  void count_negativeMember() {
    assertThatThrownBy(() -> HashedPoisson.count(1, -1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("member: -1 (expected: >= 0)");
  }
}
