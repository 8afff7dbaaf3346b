package io.rila.bootstrap.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.rila.core.frame.Frame;
import io.rila.core.frame.FrameCsv;
import io.rila.core.random.MemberRandom;
import io.rila.core.random.NumpyRandomState;
import io.rila.core.testing.SharedData;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class SamplersTest {

  private static int sum(int[] counts) {
    int s = 0;
    for (int c : counts) {
      s += c;
    }
    return s;
  }

  @Test
  void draw_dependsOnlyOnSeedAndMember() {
    CountSampler[] samplers = {
        Samplers.iid(3), Samplers.poisson(3), Samplers.movingBlock(3, 4),
        Samplers.circularBlock(3, 4), Samplers.stationary(3, 2.5),
        Samplers.sklearnUniform(Samplers.sklearnMemberSeeds(3, 10), 30)};
    CountSampler[] fresh = {
        Samplers.iid(3), Samplers.poisson(3), Samplers.movingBlock(3, 4),
        Samplers.circularBlock(3, 4), Samplers.stationary(3, 2.5),
        Samplers.sklearnUniform(Samplers.sklearnMemberSeeds(3, 10), 30)};
    int[] a = new int[30];
    int[] b = new int[30];
    for (int s = 0; s < samplers.length; s++) {
      for (int k = 0; k < 10; k++) {
        samplers[s].draw(k, a);
      }
      fresh[s].draw(9, b);
      assertThat(a).as("sampler %d", s).isEqualTo(b);
      samplers[s].draw(2, a);
      fresh[s].draw(3, b);
      assertThat(a).as("sampler %d, members 2 and 3", s).isNotEqualTo(b);
    }
  }

  @Test
  void iid_drawsRowsUniformlyWithReplacement() {
    int n = 50;
    int[] counts = new int[n];
    CountSampler sampler = Samplers.iid(11);
    for (int k = 0; k < 20; k++) {
      sampler.draw(k, counts);
      MemberRandom random = new MemberRandom(11, k);
      int[] expected = new int[n];
      for (int d = 0; d < n; d++) {
        expected[random.nextInt(n)]++;
      }
      assertThat(counts).isEqualTo(expected);
    }
  }

  @Test
  void redraw_continuesTheMemberStream() {
    int n = 12;
    CountSampler sampler = Samplers.iid(5);
    int[] first = new int[n];
    int[] second = new int[n];
    sampler.draw(7, first);
    sampler.redraw(second);
    MemberRandom random = new MemberRandom(5, 7);
    int[] a = new int[n];
    int[] b = new int[n];
    for (int d = 0; d < n; d++) {
      a[random.nextInt(n)]++;
    }
    for (int d = 0; d < n; d++) {
      b[random.nextInt(n)]++;
    }
    assertThat(first).isEqualTo(a);
    assertThat(second).isEqualTo(b);
    assertThat(second).isNotEqualTo(first);
  }

  @Test
  void poisson_countsAreIndependentPoissonOne() {
    int n = 2000;
    int[] counts = new int[n];
    Samplers.poisson(1).draw(0, counts);
    double mean = sum(counts) / (double) n;
    double var = 0;
    for (int c : counts) {
      var += (c - mean) * (c - mean);
    }
    var /= n - 1;
    // mean and variance of Poisson(1) are 1; standard errors about 0.022 and 0.04
    assertThat(mean).isBetween(0.9, 1.1);
    assertThat(var).isBetween(0.8, 1.2);
  }

  @Test
  void movingBlock_concatenatesBlocksThatNeverWrap() {
    int n = 23;
    int len = 5;
    int[] counts = new int[n];
    CountSampler sampler = Samplers.movingBlock(8, len);
    for (int k = 0; k < 30; k++) {
      sampler.draw(k, counts);
      MemberRandom random = new MemberRandom(8, k);
      int[] expected = new int[n];
      int drawn = 0;
      while (drawn < n) {
        int start = random.nextInt(n - len + 1);
        for (int t = 0; t < len && drawn < n; t++, drawn++) {
          expected[start + t]++;
        }
      }
      assertThat(counts).isEqualTo(expected);
      assertThat(sum(counts)).isEqualTo(n);
    }
  }

  @Test
  void circularBlock_wrapsFromLastRowToFirst() {
    int n = 10;
    int len = 4;
    int[] counts = new int[n];
    CountSampler sampler = Samplers.circularBlock(2, len);
    boolean wrapped = false;
    for (int k = 0; k < 40; k++) {
      sampler.draw(k, counts);
      MemberRandom random = new MemberRandom(2, k);
      int[] expected = new int[n];
      int drawn = 0;
      while (drawn < n) {
        int start = random.nextInt(n);
        wrapped |= start + len > n;
        for (int t = 0; t < len && drawn < n; t++, drawn++) {
          expected[(start + t) % n]++;
        }
      }
      assertThat(counts).isEqualTo(expected);
    }
    assertThat(wrapped).isTrue();
  }

  @Test
  void stationary_blockLengthsAreGeometricWithTheMean() {
    int n = 400;
    double meanLength = 6;
    long blocks = 0;
    long rows = 0;
    int[] counts = new int[n];
    CountSampler sampler = Samplers.stationary(4, meanLength);
    for (int k = 0; k < 300; k++) {
      sampler.draw(k, counts);
      MemberRandom random = new MemberRandom(4, k);
      int[] expected = new int[n];
      int drawn = 0;
      while (drawn < n) {
        int start = random.nextInt(n);
        // inverse of the geometric distribution function on 1, 2, ...
        double u = random.nextDouble();
        int length = 1;
        double stay = 1 - 1 / meanLength;
        double tail = stay;
        while (1 - u <= tail) {
          length++;
          tail *= stay;
        }
        blocks++;
        rows += Math.min(length, n - drawn);
        for (int t = 0; t < length && drawn < n; t++, drawn++) {
          expected[(start + t) % n]++;
        }
      }
      assertThat(counts).as("member %d", k).isEqualTo(expected);
    }
    // truncation of the last block of each member shortens the mean a little
    assertThat(rows / (double) blocks).isBetween(5.6, 6.2);
  }

  @Test
  void stationary_meanOneIsSingleRows() {
    int n = 15;
    int[] counts = new int[n];
    Samplers.stationary(6, 1.0).draw(3, counts);
    MemberRandom random = new MemberRandom(6, 3);
    int[] expected = new int[n];
    for (int d = 0; d < n; d++) {
      expected[random.nextInt(n)]++;
      random.nextDouble();
    }
    assertThat(counts).isEqualTo(expected);
  }

  @Test
  void sklearnUniform_reproducesProductionDraws() throws IOException {
    Frame draws = FrameCsv.newBuilder().noIndex().build()
        .read(SharedData.dataFile("inference_bootstrap_indices_first10.csv"));
    int n = 152;
    int[] seeds = Samplers.sklearnMemberSeeds(42, 1000);
    CountSampler sampler = Samplers.sklearnUniform(seeds, n);
    int[] counts = new int[n];
    for (int k = 0; k < 10; k++) {
      assertThat(draws.get(k, "estimator")).isEqualTo(k);
      assertThat((double) seeds[k]).isEqualTo(draws.get(k, "seed"));
      int[] expected = new int[n];
      for (int d = 0; d < n; d++) {
        expected[(int) draws.get(k, "draw_" + d)]++;
      }
      sampler.draw(k, counts);
      assertThat(counts).as("member %d", k).isEqualTo(expected);
    }
  }

  @Test
  void sklearnProbability_matchesNumpyChoice() {
    double[] w = {0.5, 0, 2, 1, 0.25, 3, 0, 1.5, 0.75, 1};
    double sum = 0;
    for (double v : w) {
      sum += v;
    }
    double[] p = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      p[i] = w[i] / sum;
    }
    int[] seeds = Samplers.sklearnMemberSeeds(9, 20);
    CountSampler sampler = Samplers.sklearnProbability(seeds, Samplers.numpyCdf(w));
    int[] counts = new int[w.length];
    for (int k = 0; k < 20; k++) {
      int[] rows = new int[w.length];
      new NumpyRandomState(seeds[k]).choice(w.length, p, rows);
      int[] expected = new int[w.length];
      for (int r : rows) {
        expected[r]++;
      }
      sampler.draw(k, counts);
      assertThat(counts).isEqualTo(expected);
      assertThat(counts[1]).isZero();
      assertThat(counts[6]).isZero();
    }
  }

  @Test
  void sklearnMemberSeeds_areRandintOfTheRandomState() {
    int[] expected = new int[50];
    new NumpyRandomState(2024).randint(0, Integer.MAX_VALUE, expected);
    assertThat(Samplers.sklearnMemberSeeds(2024, 50)).isEqualTo(expected);
  }

  @Test
  void numpyCdf_isNormalisedCumulativeSum() {
    double[] cdf = Samplers.numpyCdf(new double[] {1, 0, 3, 4});
    assertThat(cdf).containsExactly(0.125, 0.125, 0.5, 1.0);
  }

  /** {@code 1 / (i + 1) + 0.001 i} for {@code i < n}. */
  private static double[] harmonicRamp(int n) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = 1.0 / (i + 1) + 1e-3 * i;
    }
    return a;
  }

  @Test
  void pairwiseSum_followsNumpyOrder() {
    double big = 0x1p53;
    // below 8 values: left to right, so each 1 is lost against 2^53
    double[] small = {big, 1, 1, 1, 1, 1, 1};
    assertThat(Samplers.pairwiseSum(small, 0, 7)).isEqualTo(big);
    // 8 to 128 values: eight interleaved partial sums combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7))
    double[] sixteen = new double[16];
    sixteen[0] = big;
    for (int i = 1; i < 16; i++) {
      sixteen[i] = 1;
    }
    // r0 = 2^53 + 1 -> 2^53 (ties to even); r1..r7 = 2; r0 + r1 = 2^53 + 2; + (r2 + r3) = 4 ...
    // (numpy 1.24.2's np.add.reduce of these sixteen values is 2^53 + 14 too)
    double expected = ((big + 2) + 4) + (4 + 4);
    assertThat(Samplers.pairwiseSum(sixteen, 0, 16)).isEqualTo(expected);
    double sequential = 0;
    for (double v : sixteen) {
      sequential += v;
    }
    assertThat(sequential).isEqualTo(big);
    // above 128: halves at a multiple of 8. The literals are numpy 1.24.2's np.add.reduce of
    // np.array([1.0 / (i + 1) + 1e-3 * i for i in range(1000)]) (or its first n values, or
    // values 5 to 304), printed with '%.17g'; a left-to-right sum differs from each but n = 300
    assertThat(Samplers.pairwiseSum(harmonicRamp(129), 0, 129)).isEqualTo(13.69689903057367);
    assertThat(Samplers.pairwiseSum(harmonicRamp(300), 0, 300)).isEqualTo(51.132663880299503);
    assertThat(Samplers.pairwiseSum(harmonicRamp(1000), 0, 1000))
        .isEqualTo(506.98547086055032);
    assertThat(Samplers.pairwiseSum(harmonicRamp(1000), 5, 300)).isEqualTo(50.36583255662233);
  }
}
