package io.rila.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rila.core.testing.SharedData;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class QuantilesTest {

  private static final double[] LEVELS = {0.0, 0.025, 0.1, 0.25, 1.0 / 3, 0.5, 0.9, 0.975, 1.0};

  // ---------------------------------------------------------------- numpy oracle

  @Test
  void linear_numpyOracle() {
    JsonNode cases = SharedData.oracle("percentile.json").get("cases");
    assertThat(cases.size()).isGreaterThan(0);
    int checked = 0;
    for (JsonNode c : cases) {
      if (c.has("float32_input") && c.get("float32_input").asBoolean()) {
        continue; // numpy's float32 arithmetic: rila quantiles double[] data only
      }
      double[] data = SharedData.vector(c.get("data"));
      double[] percents = SharedData.vector(c.get("q_percent"));
      double[] expected = SharedData.vector(c.get("expected"));
      double[] qs = new double[percents.length];
      for (int j = 0; j < qs.length; j++) {
        qs[j] = percents[j] / 100.0; // numpy.percentile divides by 100 the same way
      }
      assertThat(Quantiles.linear(data, qs)).as("n = %d", data.length).containsExactly(expected);
      for (int j = 0; j < qs.length; j++) {
        assertThat(Quantiles.linear(data, qs[j])).isEqualTo(expected[j]);
      }
      double[] scratch = data.clone();
      double[] out = new double[qs.length];
      Quantiles.linearInPlace(scratch, 0, scratch.length, qs, out);
      assertThat(out).containsExactly(expected);
      checked++;
    }
    assertThat(checked).isGreaterThan(0);
  }

  @Test
  void linear_numpyLiterals() {
    // numpy.percentile(x, [0, 10, 50, 62.5, 90, 100]) for x = [3, 1, 4, 1, 5, 9, 2, 6], printed
    // by numpy 2.4.6 (float64 path unchanged since 1.22): the 90th percentile is 6 + 3 * 0.3
    // rounded as numpy's _lerp rounds it, one ulp below 6.9
    double[] x = {3, 1, 4, 1, 5, 9, 2, 6};
    assertThat(Quantiles.linear(x, 0.0, 0.1, 0.5, 0.625, 0.9, 1.0))
        .containsExactly(1.0, 1.0, 3.5, 4.375, 6.8999999999999995, 9.0);
  }

  // ---------------------------------------------------------------- selection == sort

  @Test
  void linear_selectionEqualsSort() {
    SplittableRandom random = new SplittableRandom(20240611L);
    int[] sizes = {
      1, 2, 3, 4, 5, 7, 8, 10, 16, 31, 64, 100, 151, 152, 500, 999, 1000, 4097, 10_000
    };
    for (int n : sizes) {
      for (int trial = 0; trial < 6; trial++) {
        double[] x = randomData(random, n, trial);
        double[] qs = levels(random);
        double[] before = x.clone();
        double[] actual = Quantiles.linear(x, qs);
        assertThat(x).containsExactly(before);
        assertThat(actual).as("n = %d, trial = %d", n, trial).containsExactly(bySort(x, qs));
      }
    }
  }

  @Test
  void linear_levelsInAnyOrderWithRepeats() {
    SplittableRandom random = new SplittableRandom(5L);
    double[] x = randomData(random, 777, 1);
    double[] qs = {0.9, 0.1, 0.9, 0.5, 0.0, 1.0, 0.1, 0.5000001};
    double[] actual = Quantiles.linear(x, qs);
    for (int j = 0; j < qs.length; j++) {
      assertThat(actual[j]).isEqualTo(Quantiles.linear(x, qs[j]));
    }
    assertThat(Quantiles.linear(x)).isEmpty();
  }

  @Test
  void linearInPlace_rangeOnlyAndReused() {
    SplittableRandom random = new SplittableRandom(11L);
    double[] x = randomData(random, 300, 2);
    double[] scratch = new double[320];
    Arrays.fill(scratch, -7.0);
    double[] out = new double[LEVELS.length + 2];
    Arrays.fill(out, 42.0);
    for (int round = 0; round < 3; round++) {
      System.arraycopy(x, 0, scratch, 10, x.length);
      Quantiles.linearInPlace(scratch, 10, 310, LEVELS, out);
      assertThat(Arrays.copyOf(out, LEVELS.length)).containsExactly(bySort(x, LEVELS));
      assertThat(out[LEVELS.length]).isEqualTo(42.0);
      for (int i = 0; i < 10; i++) {
        assertThat(scratch[i]).isEqualTo(-7.0);
        assertThat(scratch[310 + i]).isEqualTo(-7.0);
      }
      double[] sortedRange = Arrays.copyOfRange(scratch, 10, 310);
      Arrays.sort(sortedRange);
      double[] sortedX = x.clone();
      Arrays.sort(sortedX);
      assertThat(sortedRange).containsExactly(sortedX);
    }
  }

  @Test
  void linearInPlace_allocatesNothing() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assumeTrue(
        threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
    double[] x = randomData(new SplittableRandom(1L), 2000, 1);
    double[] scratch = new double[x.length];
    double[] qs = {0.975, 0.025, 0.5};
    double[] out = new double[3];
    for (int round = 0; round < 2; round++) {
      long before = threads.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < 50; i++) {
        System.arraycopy(x, 0, scratch, 0, x.length);
        Quantiles.linearInPlace(scratch, 0, x.length, qs, out);
        Quantiles.linearInPlace(scratch, 0, x.length, NanPolicy.OMIT, qs, out);
        System.arraycopy(x, 0, scratch, 0, x.length);
        Quantiles.linearInPlace(scratch, 0, x.length, NanPolicy.PROPAGATE, qs, out);
      }
      long allocated = threads.getCurrentThreadAllocatedBytes() - before;
      if (round == 1) {
        assertThat(allocated).isZero();
      }
    }
  }

  @Test
  void select_heapsortFallbackEqualsSort() {
    SplittableRandom random = new SplittableRandom(3L);
    for (int n : new int[] {1, 2, 3, 5, 17, 256, 1001}) {
      double[] x = randomData(random, n, 1);
      double[] sorted = x.clone();
      Arrays.sort(sorted);
      int k = random.nextInt(n);
      double[] a = x.clone();
      Quantiles.select(a, 0, n - 1, k, 0);
      assertThat(a).containsExactly(sorted);
    }
  }

  @Test
  void select_partitionsAroundK() {
    SplittableRandom random = new SplittableRandom(8L);
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + random.nextInt(400);
      double[] a = randomData(random, n, trial);
      double[] sorted = a.clone();
      Arrays.sort(sorted);
      int k = random.nextInt(n);
      Quantiles.select(a, 0, n - 1, k, 1000);
      assertThat(a[k]).isEqualTo(sorted[k]);
      for (int i = 0; i < k; i++) {
        assertThat(a[i]).isLessThanOrEqualTo(a[k]);
      }
      for (int i = k + 1; i < n; i++) {
        assertThat(a[i]).isGreaterThanOrEqualTo(a[k]);
      }
    }
  }

  @Test
  void linear_sortedAndReversedAndConstantInputs() {
    int n = 5000;
    double[] ascending = new double[n];
    double[] descending = new double[n];
    double[] organPipe = new double[n];
    double[] constant = new double[n];
    for (int i = 0; i < n; i++) {
      ascending[i] = i;
      descending[i] = n - i;
      organPipe[i] = Math.min(i, n - i);
      constant[i] = 2.5;
    }
    for (double[] x : new double[][] {ascending, descending, organPipe, constant}) {
      assertThat(Quantiles.linear(x, LEVELS)).containsExactly(bySort(x, LEVELS));
    }
  }

  // ---------------------------------------------------------------- NaN policies

  @Test
  void linear_rejectNamesIndex() {
    double[] x = {1, 2, 3, Double.NaN, 5};
    assertThatThrownBy(() -> Quantiles.linear(x, 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("values[3]")
        .hasMessageContaining("NaN");
    assertThatThrownBy(() -> Quantiles.linear(new double[] {1, Double.POSITIVE_INFINITY}, 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("values[1]")
        .hasMessageContaining("Infinity");
    double[] scratch = {0, 1, 2, Double.NEGATIVE_INFINITY, 9};
    double[] before = scratch.clone();
    assertThatThrownBy(
            () -> Quantiles.linearInPlace(scratch, 1, 5, new double[] {0.5}, new double[1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scratch[3]");
    assertThat(scratch).containsExactly(before);
  }

  @Test
  void linear_propagateGivesNaN() {
    double[] x = {1, 2, Double.NaN, 4};
    assertThat(Quantiles.linear(x, NanPolicy.PROPAGATE, 0.0, 0.5, 1.0))
        .containsExactly(Double.NaN, Double.NaN, Double.NaN);
    assertThat(Quantiles.linear(new double[] {3, 1, 2}, NanPolicy.PROPAGATE, 0.5))
        .containsExactly(2.0);
  }

  @Test
  void linear_propagateInfinitiesLikeNumpy() {
    // numpy.percentile([1, inf], [0, 50, 100]) -> [nan, nan, nan] (inf - inf in _lerp)
    assertThat(Quantiles.linear(new double[] {1, Double.POSITIVE_INFINITY}, NanPolicy.PROPAGATE,
            0.0, 0.5, 1.0))
        .containsExactly(Double.NaN, Double.NaN, Double.NaN);
    // numpy.percentile([-inf, 1], [0, 50, 100]) -> [nan, -inf, 1]
    assertThat(Quantiles.linear(new double[] {1, Double.NEGATIVE_INFINITY}, NanPolicy.PROPAGATE,
            0.0, 0.5, 1.0))
        .containsExactly(Double.NaN, Double.NEGATIVE_INFINITY, 1.0);
    // numpy.percentile([1, 2, 3, inf], 50) -> 2.5
    assertThat(Quantiles.linear(new double[] {Double.POSITIVE_INFINITY, 3, 1, 2},
            NanPolicy.OMIT, 0.5))
        .containsExactly(2.5);
  }

  @Test
  void linear_omitEqualsQuantileOfTheRest() {
    SplittableRandom random = new SplittableRandom(17L);
    for (int trial = 0; trial < 50; trial++) {
      int n = 1 + random.nextInt(200);
      double[] x = randomData(random, n, trial);
      double[] withNaN = new double[n + 1 + random.nextInt(20)];
      Arrays.fill(withNaN, Double.NaN);
      for (int i = 0; i < n; i++) {
        withNaN[i] = x[i];
      }
      shuffle(withNaN, random);
      assertThat(Quantiles.linear(withNaN, NanPolicy.OMIT, LEVELS))
          .containsExactly(Quantiles.linear(x, LEVELS));
    }
  }

  @Test
  void linear_omitAllNaNGivesNaN() {
    assertThat(Quantiles.linear(new double[] {Double.NaN, Double.NaN}, NanPolicy.OMIT, 0.5, 0.9))
        .containsExactly(Double.NaN, Double.NaN);
  }

  @Test
  void linearInPlace_omitMovesNaNToTheEnd() {
    double[] scratch = {Double.NaN, 4, Double.NaN, 1, 3, 2, Double.NaN};
    double[] out = new double[1];
    Quantiles.linearInPlace(scratch, 0, 7, NanPolicy.OMIT, new double[] {0.5}, out);
    assertThat(out[0]).isEqualTo(2.5);
    assertThat(Arrays.copyOfRange(scratch, 4, 7)).containsOnly(Double.NaN);
    double[] propagate = {Double.NaN, 4, 1, 3};
    Quantiles.linearInPlace(propagate, 0, 4, NanPolicy.PROPAGATE, new double[] {0.5}, out);
    assertThat(out[0]).isNaN();
  }

  // ---------------------------------------------------------------- bad input

  @Test
  void linear_nullArguments() {
    assertThatThrownBy(() -> Quantiles.linear((double[]) null, 0.5))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("values");
    assertThatThrownBy(() -> Quantiles.linear((double[]) null, 0.5, 0.6))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("values");
    assertThatThrownBy(() -> Quantiles.linear(new double[] {1}, (double[]) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("qs");
    assertThatThrownBy(() -> Quantiles.linear(new double[] {1}, (NanPolicy) null, 0.5))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("policy");
  }

  @Test
  void linear_empty() {
    assertThatThrownBy(() -> Quantiles.linear(new double[0], 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("values: length 0");
    assertThatThrownBy(() -> Quantiles.linear(new double[0], NanPolicy.OMIT, 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("values: length 0");
  }

  @Test
  void linear_levelOutOfRange() {
    double[] x = {1, 2, 3};
    assertThatThrownBy(() -> Quantiles.linear(x, -0.01))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("q: -0.01");
    assertThatThrownBy(() -> Quantiles.linear(x, 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("q: 1.5");
    assertThatThrownBy(() -> Quantiles.linear(x, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("q: NaN");
    assertThatThrownBy(() -> Quantiles.linear(x, 0.5, Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("qs[1]: Infinity");
    assertThatThrownBy(() -> Quantiles.linear(new double[] {1}, 0.2, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("qs[1]: NaN");
    assertThatThrownBy(() -> Quantiles.linear(new double[] {1}, 50.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("q: 50.0");
  }

  @Test
  void linearInPlace_badArguments() {
    double[] scratch = {1, 2, 3, 4};
    double[] qs = {0.5, 0.9};
    double[] out = new double[2];
    assertThatThrownBy(() -> Quantiles.linearInPlace((double[]) null, 0, 1, qs, out))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("scratch");
    assertThatThrownBy(() -> Quantiles.linearInPlace(scratch, 0, 4, null, out))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("qs");
    assertThatThrownBy(() -> Quantiles.linearInPlace(scratch, 0, 4, qs, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("out");
    assertThatThrownBy(() -> Quantiles.linearInPlace(scratch, 0, 4, null, qs, out))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("policy");
    assertThatThrownBy(() -> Quantiles.linearInPlace(scratch, -1, 4, qs, out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("from: -1");
    assertThatThrownBy(() -> Quantiles.linearInPlace(scratch, 4, 4, qs, out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("from: 4");
    assertThatThrownBy(() -> Quantiles.linearInPlace(scratch, 2, 2, qs, out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("to: 2");
    assertThatThrownBy(() -> Quantiles.linearInPlace(scratch, 2, 1, qs, out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("to: 1");
    assertThatThrownBy(() -> Quantiles.linearInPlace(scratch, 0, 5, qs, out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("to: 5");
    assertThatThrownBy(() -> Quantiles.linearInPlace(new double[0], 0, 0, qs, out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("from: 0");
    assertThatThrownBy(() -> Quantiles.linearInPlace(scratch, 0, 4, qs, new double[1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("out: length 1");
    assertThatThrownBy(
            () -> Quantiles.linearInPlace(scratch, 0, 4, new double[] {0.5, -1}, out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("qs[1]: -1.0");
    assertThat(scratch).containsExactly(1, 2, 3, 4);
  }

  // ---------------------------------------------------------------- helpers

  /** Random data; even trials draw from a handful of values so that ties abound. */
  private static double[] randomData(SplittableRandom random, int n, int trial) {
    double[] x = new double[n];
    int distinct = 1 + random.nextInt(6);
    for (int i = 0; i < n; i++) {
      x[i] = trial % 2 == 0 ? random.nextInt(distinct) - 2.5 : random.nextGaussian() * 1e3;
    }
    return x;
  }

  private static double[] levels(SplittableRandom random) {
    double[] qs = new double[LEVELS.length + 4];
    System.arraycopy(LEVELS, 0, qs, 0, LEVELS.length);
    for (int j = LEVELS.length; j < qs.length; j++) {
      qs[j] = random.nextDouble();
    }
    return qs;
  }

  private static void shuffle(double[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      double t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** The type-7 quantile from a full sort, with numpy's index and interpolation arithmetic. */
  private static double[] bySort(double[] values, double[] qs) {
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    double[] out = new double[qs.length];
    for (int j = 0; j < qs.length; j++) {
      double h = (n - 1) * qs[j];
      int lo = h >= n - 1 ? n - 1 : (int) Math.floor(h);
      int hi = h >= n - 1 ? n - 1 : lo + 1;
      double t = h >= n - 1 ? h + 1 : h - lo;
      double diff = s[hi] - s[lo];
      out[j] = t >= 0.5 ? s[hi] - diff * (1 - t) : s[lo] + diff * t;
    }
    return out;
  }
}
