package io.rila.core.stats;

import io.rila.core.internal.Checks;
import java.util.Objects;

/**
 * Sample quantiles by numpy's {@code linear} rule (Hyndman and Fan type 7), bit for bit.
 *
 * <p>For {@code n} values sorted as {@code x[0] <= ... <= x[n-1]} and a level {@code q} in
 * {@code [0, 1]}, the virtual index is {@code h = (n - 1) * q}, {@code k = floor(h)} and {@code t =
 * h - k}; the quantile is numpy's {@code _lerp(x[k], x[k+1], t)}: {@code a + (b - a) * t} when
 * {@code t < 0.5} and {@code b - (b - a) * (1 - t)} otherwise, with the top level taken from the
 * largest value. Every operation is the one numpy 1.24 performs in the same order, so results equal
 * {@code numpy.quantile(values, q)} exactly, and {@code numpy.percentile(values, percent)} for
 * {@code q = percent / 100.0} (the division numpy does).
 *
 * <p>The order statistics are found by selection (quickselect with a median-of-three pivot and a
 * heapsort fallback that bounds the worst case by {@code O(n log n)}), not by a full sort: the
 * expected cost is linear in {@code n} for each distinct level.
 *
 * <pre>{@code
 * double median = Quantiles.linear(values, 0.5);
 * double[] interval = Quantiles.linear(memberPredictions, 0.025, 0.975);
 *
 * // hot loop: one scratch buffer, no allocation per call
 * double[] levels = {0.025, 0.5, 0.975};
 * double[] out = new double[3];
 * System.arraycopy(predictions, 0, scratch, 0, members);
 * Quantiles.linearInPlace(scratch, 0, members, levels, out);
 * }</pre>
 *
 * <p>NaN values are handled by a {@link NanPolicy}; the methods without one use {@link
 * NanPolicy#REJECT}, which also rejects infinities.
 *
 * <p>Thread safety: stateless; the in-place methods reorder the caller's array, which must not be
 * shared while they run. Allocation: the {@code linear} methods copy the data once and return a new
 * array; the {@code linearInPlace} methods allocate nothing.
 */
public final class Quantiles {

  private Quantiles() {}

  /**
   * The quantile at level {@code q} of {@code values}, which are left untouched.
   *
   * @param values the data, at least one value, all finite
   * @param q the level, {@code 0 <= q <= 1}
   * @return {@code numpy.quantile(values, q, method='linear')}
   * @throws NullPointerException if {@code values} is null
   * @throws IllegalArgumentException if {@code values} is empty or holds NaN or an infinity (the
   *     message names the index), or if {@code q} is NaN or outside {@code [0, 1]}
   */
  public static double linear(double[] values, double q) {
    Checks.probability(q, "q");
    return linear(values, NanPolicy.REJECT, new double[] {q})[0];
  }

  /**
   * The quantiles at levels {@code qs} of {@code values}, which are left untouched.
   *
   * @param values the data, at least one value, all finite
   * @param qs the levels, each {@code 0 <= q <= 1}, in any order, repeats allowed
   * @return a new array, one quantile per level, in the order of {@code qs}
   * @throws NullPointerException if {@code values} or {@code qs} is null
   * @throws IllegalArgumentException if {@code values} is empty or holds NaN or an infinity (the
   *     message names the index), or if a level is NaN or outside {@code [0, 1]}
   */
  public static double[] linear(double[] values, double... qs) {
    return linear(values, NanPolicy.REJECT, qs);
  }

  /**
   * The quantiles at levels {@code qs} of {@code values} under a NaN policy; {@code values} are
   * left untouched.
   *
   * @param values the data, at least one value
   * @param policy what NaN values do
   * @param qs the levels, each {@code 0 <= q <= 1}, in any order, repeats allowed
   * @return a new array, one quantile per level, in the order of {@code qs}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code values} is empty, if {@code policy} is {@link
   *     NanPolicy#REJECT} and a value is NaN or infinite (the message names the index), or if a
   *     level is NaN or outside {@code [0, 1]}
   */
  public static double[] linear(double[] values, NanPolicy policy, double... qs) {
    Objects.requireNonNull(values, "values");
    Objects.requireNonNull(policy, "policy");
    checkLevels(qs);
    checkNotEmpty(values.length, "values");
    double[] out = new double[qs.length];
    double[] scratch = values.clone();
    compute(scratch, 0, scratch.length, policy, qs, out, "values");
    return out;
  }

  /**
   * Writes the quantiles of {@code scratch[from, to)} at levels {@code qs} into {@code out[0,
   * qs.length)}, reordering that range in place (selection, not a full sort). Allocates nothing.
   * Values must be finite ({@link NanPolicy#REJECT}).
   *
   * @param scratch the data; the range {@code [from, to)} is reordered, the rest is untouched
   * @param from the first index of the range
   * @param to one past the last index of the range, {@code from < to <= scratch.length}
   * @param qs the levels, each {@code 0 <= q <= 1}, in any order, repeats allowed
   * @param out receives one quantile per level; {@code out.length >= qs.length}
   * @throws NullPointerException if an array is null
   * @throws IllegalArgumentException if the range is empty or out of bounds, if a level is NaN or
   *     outside {@code [0, 1]}, if {@code out} is shorter than {@code qs}, or if a value in the
   *     range is NaN or infinite (the message names its index in {@code scratch}); the data are
   *     untouched when this is thrown
   */
  public static void linearInPlace(double[] scratch, int from, int to, double[] qs, double[] out) {
    linearInPlace(scratch, from, to, NanPolicy.REJECT, qs, out);
  }

  /**
   * Writes the quantiles of {@code scratch[from, to)} at levels {@code qs} into {@code out[0,
   * qs.length)} under a NaN policy, reordering that range in place. Allocates nothing. Under {@link
   * NanPolicy#OMIT} the NaN values end up at the end of the range.
   *
   * @param scratch the data; the range {@code [from, to)} is reordered, the rest is untouched
   * @param from the first index of the range
   * @param to one past the last index of the range, {@code from < to <= scratch.length}
   * @param policy what NaN values do
   * @param qs the levels, each {@code 0 <= q <= 1}, in any order, repeats allowed
   * @param out receives one quantile per level; {@code out.length >= qs.length}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the range is empty or out of bounds, if a level is NaN or
   *     outside {@code [0, 1]}, if {@code out} is shorter than {@code qs}, or if {@code policy} is
   *     {@link NanPolicy#REJECT} and a value in the range is NaN or infinite (the message names its
   *     index in {@code scratch}); the data are untouched when this is thrown
   */
  public static void linearInPlace(
      double[] scratch, int from, int to, NanPolicy policy, double[] qs, double[] out) {
    Objects.requireNonNull(scratch, "scratch");
    checkInPlace(scratch.length, from, to, policy, qs, out);
    compute(scratch, from, to, policy, qs, out, "scratch");
  }

  // ---------------------------------------------------------------- checks

  private static void checkLevels(double[] qs) {
    Objects.requireNonNull(qs, "qs");
    for (int j = 0; j < qs.length; j++) {
      if (!(qs[j] >= 0 && qs[j] <= 1)) {
        Checks.probability(qs[j], "qs[" + j + "]");
      }
    }
  }

  private static void checkNotEmpty(int length, String name) {
    if (length == 0) {
      throw new IllegalArgumentException(name + ": length 0 (expected: >= 1)");
    }
  }

  private static void checkInPlace(
      int length, int from, int to, NanPolicy policy, double[] qs, double[] out) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(out, "out");
    checkLevels(qs);
    if (from < 0 || from >= length) {
      throw new IllegalArgumentException(
          "from: " + from + " (expected: 0 <= from < " + length + ", the length of scratch)");
    }
    if (to <= from || to > length) {
      throw new IllegalArgumentException(
          "to: " + to + " (expected: from = " + from + " < to <= " + length
              + ", the length of scratch)");
    }
    if (out.length < qs.length) {
      throw new IllegalArgumentException(
          "out: length " + out.length + " (expected: >= " + qs.length + ", the length of qs)");
    }
  }

  // ---------------------------------------------------------------- double kernel

  /** Applies the NaN policy to {@code a[from, to)} and selects the quantiles. */
  private static void compute(
      double[] a, int from, int to, NanPolicy policy, double[] qs, double[] out, String name) {
    int end = to;
    if (policy == NanPolicy.REJECT) {
      for (int i = from; i < to; i++) {
        if (!Double.isFinite(a[i])) {
          throw new IllegalArgumentException(
              name + "[" + i + "]: " + a[i] + " (expected: finite; NanPolicy.REJECT)");
        }
      }
    } else if (policy == NanPolicy.PROPAGATE) {
      for (int i = from; i < to; i++) {
        if (Double.isNaN(a[i])) {
          fillNaN(out, qs.length);
          return;
        }
      }
    } else {
      // OMIT: swap NaN values behind the end of the range and select among the rest
      for (int i = from; i < end; ) {
        if (Double.isNaN(a[i])) {
          end--;
          double tmp = a[i];
          a[i] = a[end];
          a[end] = tmp;
        } else {
          i++;
        }
      }
      if (end == from) {
        fillNaN(out, qs.length);
        return;
      }
    }
    select(a, from, end, qs, out);
  }

  /**
   * Fills {@code out} with the quantiles of the NaN-free range {@code a[from, to)}. Levels are
   * served in increasing order of their lower index, so each selection only searches the part of
   * the range not yet placed; repeated levels share one selection.
   */
  private static void select(double[] a, int from, int to, double[] qs, double[] out) {
    int n = to - from;
    int lo = from;
    int done = -1;
    while (true) {
      int k = Integer.MAX_VALUE;
      for (int j = 0; j < qs.length; j++) {
        int kj = lowerIndex(n, qs[j]);
        if (kj > done && kj < k) {
          k = kj;
        }
      }
      if (k == Integer.MAX_VALUE) {
        return;
      }
      select(a, lo, to - 1, from + k, budget(to - lo));
      double lower = a[from + k];
      double upper = k + 1 < n ? moveMinToFront(a, from + k + 1, to) : lower;
      for (int j = 0; j < qs.length; j++) {
        if (lowerIndex(n, qs[j]) == k) {
          out[j] = lerp(lower, upper, weight(n, qs[j]));
        }
      }
      done = k;
      lo = from + k + 1;
    }
  }

  /**
   * Places the {@code k}-th smallest value of {@code a[lo, hi]} (inclusive) at index {@code k},
   * smaller or equal values before it and larger or equal after it. After {@code budget}
   * partitioning rounds the rest of the range is heapsorted, which bounds the worst case.
   */
  static void select(double[] a, int lo, int hi, int k, int budget) {
    int l = lo;
    int r = hi;
    while (r > l + 1) {
      if (budget-- <= 0) {
        heapSort(a, l, r);
        return;
      }
      int mid = (l + r) >>> 1;
      swap(a, mid, l + 1);
      if (a[l] > a[r]) {
        swap(a, l, r);
      }
      if (a[l + 1] > a[r]) {
        swap(a, l + 1, r);
      }
      if (a[l] > a[l + 1]) {
        swap(a, l, l + 1);
      }
      // a[l] <= pivot = a[l + 1] <= a[r]: both ends act as sentinels for the scans
      double pivot = a[l + 1];
      int i = l + 1;
      int j = r;
      while (true) {
        do {
          i++;
        } while (a[i] < pivot);
        do {
          j--;
        } while (a[j] > pivot);
        if (j < i) {
          break;
        }
        swap(a, i, j);
      }
      a[l + 1] = a[j];
      a[j] = pivot;
      if (j >= k) {
        r = j - 1;
      }
      if (j <= k) {
        l = i;
      }
    }
    if (r == l + 1 && a[r] < a[l]) {
      swap(a, l, r);
    }
  }

  /** Sorts {@code a[lo, hi]} (inclusive) in place. */
  static void heapSort(double[] a, int lo, int hi) {
    int n = hi - lo + 1;
    for (int root = n / 2 - 1; root >= 0; root--) {
      siftDown(a, lo, root, n);
    }
    for (int end = n - 1; end > 0; end--) {
      swap(a, lo, lo + end);
      siftDown(a, lo, 0, end);
    }
  }

  private static void siftDown(double[] a, int base, int root, int size) {
    double v = a[base + root];
    int parent = root;
    int child = 2 * parent + 1;
    while (child < size) {
      if (child + 1 < size && a[base + child + 1] > a[base + child]) {
        child++;
      }
      if (!(a[base + child] > v)) {
        break;
      }
      a[base + parent] = a[base + child];
      parent = child;
      child = 2 * parent + 1;
    }
    a[base + parent] = v;
  }

  /** Swaps the smallest value of {@code a[from, to)} to {@code from} and returns it. */
  private static double moveMinToFront(double[] a, int from, int to) {
    int best = from;
    for (int i = from + 1; i < to; i++) {
      if (a[i] < a[best]) {
        best = i;
      }
    }
    swap(a, from, best);
    return a[from];
  }

  private static void swap(double[] a, int i, int j) {
    double tmp = a[i];
    a[i] = a[j];
    a[j] = tmp;
  }

  // ---------------------------------------------------------------- numpy's index arithmetic

  /**
   * numpy's lower neighbour of the virtual index {@code (n - 1) * q}; levels at or above the last
   * index use the largest value for both neighbours.
   */
  private static int lowerIndex(int n, double q) {
    double h = (n - 1) * q;
    return h >= n - 1 ? n - 1 : (int) h;
  }

  /**
   * numpy's interpolation weight: the virtual index minus its lower neighbour, where the neighbour
   * of an index at or above the last one is numpy's {@code -1} (the weight is then irrelevant
   * except for the sign of a zero or a NaN from an infinite end point, which numpy's arithmetic
   * decides and this reproduces).
   */
  private static double weight(int n, double q) {
    double h = (n - 1) * q;
    return h >= n - 1 ? h + 1 : h - Math.floor(h);
  }

  /** numpy's {@code _lerp}: forward from {@code a} below one half, back from {@code b} above. */
  private static double lerp(double a, double b, double t) {
    double diff = b - a;
    return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
  }

  /** Partition rounds before the heapsort fallback: generous for any non-adversarial input. */
  private static int budget(int length) {
    return 4 * (32 - Integer.numberOfLeadingZeros(length)) + 16;
  }

  private static void fillNaN(double[] out, int count) {
    for (int j = 0; j < count; j++) {
      out[j] = Double.NaN;
    }
  }
}
