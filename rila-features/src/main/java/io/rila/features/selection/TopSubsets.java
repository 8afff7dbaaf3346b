package io.rila.features.selection;

import java.util.Arrays;

/**
 * The best {@code capacity} subsets seen so far, by AIC and then enumeration number: a bounded
 * max-heap (worst on top) over slots of flat primitive arrays. Offering a subset allocates
 * nothing; the kept set depends only on the subsets offered, not on their order, which makes
 * merged per-task heaps deterministic.
 */
final class TopSubsets {

  private final int capacity;
  private final int width;
  private final double[] aic;
  private final long[] sequence;
  private final int[] sizes;
  private final int[] members;
  /** heap[0] is the slot of the worst kept subset. */
  private final int[] heap;
  private int count;

  TopSubsets(int capacity, int width) {
    this.capacity = capacity;
    this.width = width;
    this.aic = new double[capacity];
    this.sequence = new long[capacity];
    this.sizes = new int[capacity];
    this.members = new int[capacity * width];
    this.heap = new int[capacity];
  }

  /** Whether the heap holds {@code capacity} subsets. */
  boolean full() {
    return count == capacity;
  }

  /** The AIC of the worst kept subset (the heap must not be empty). */
  double worstAic() {
    return aic[heap[0]];
  }

  /** Whether a subset with this AIC and number would be kept. */
  boolean admits(double a, long seq) {
    return count < capacity || better(a, seq, heap[0]);
  }

  /** Offers subset {@code c[0..size)} with its AIC and enumeration number. */
  void offer(double a, long seq, int[] c, int size) {
    insert(a, seq, c, 0, size);
  }

  /** Offers every subset kept by {@code other}. */
  void offerAll(TopSubsets other) {
    for (int i = 0; i < other.count; i++) {
      int s = other.heap[i];
      insert(other.aic[s], other.sequence[s], other.members, s * other.width, other.sizes[s]);
    }
  }

  private void insert(double a, long seq, int[] src, int offset, int size) {
    if (count < capacity) {
      int slot = count;
      heap[count++] = slot;
      store(slot, a, seq, src, offset, size);
      siftUp(count - 1);
    } else if (better(a, seq, heap[0])) {
      store(heap[0], a, seq, src, offset, size);
      siftDown(0);
    }
  }

  private void store(int slot, double a, long seq, int[] src, int offset, int size) {
    aic[slot] = a;
    sequence[slot] = seq;
    sizes[slot] = size;
    System.arraycopy(src, offset, members, slot * width, size);
  }

  /** Whether (a, seq) ranks before the subset in {@code slot}. */
  private boolean better(double a, long seq, int slot) {
    return a < aic[slot] || (a == aic[slot] && seq < sequence[slot]);
  }

  private boolean worse(int slotA, int slotB) {
    return better(aic[slotB], sequence[slotB], slotA);
  }

  private void siftUp(int i) {
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!worse(heap[i], heap[parent])) {
        return;
      }
      swap(i, parent);
      i = parent;
    }
  }

  private void siftDown(int i) {
    while (true) {
      int left = 2 * i + 1;
      if (left >= count) {
        return;
      }
      int worst = left;
      int right = left + 1;
      if (right < count && worse(heap[right], heap[left])) {
        worst = right;
      }
      if (!worse(heap[worst], heap[i])) {
        return;
      }
      swap(i, worst);
      i = worst;
    }
  }

  private void swap(int i, int j) {
    int t = heap[i];
    heap[i] = heap[j];
    heap[j] = t;
  }

  /** The kept slots, best first. */
  int[] ranked() {
    Integer[] order = new Integer[count];
    for (int i = 0; i < count; i++) {
      order[i] = heap[i];
    }
    Arrays.sort(order, (x, y) -> better(aic[x], sequence[x], y) ? -1
        : better(aic[y], sequence[y], x) ? 1 : 0);
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      out[i] = order[i];
    }
    return out;
  }

  double aic(int slot) {
    return aic[slot];
  }

  long sequence(int slot) {
    return sequence[slot];
  }

  int size(int slot) {
    return sizes[slot];
  }

  /** Copies the members of {@code slot} into {@code target[0..size(slot))}. */
  void copyMembers(int slot, int[] target) {
    System.arraycopy(members, slot * width, target, 0, sizes[slot]);
  }
}
