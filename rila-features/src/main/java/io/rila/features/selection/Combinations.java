package io.rila.features.selection;

/**
 * Lexicographic k-combinations of {@code 0..n-1} without allocation: binomial coefficients with
 * overflow checks, unranking (the combination at a given rank) and in-place successor.
 */
final class Combinations {

  private Combinations() {}

  /**
   * Pascal's triangle up to {@code n} choose {@code k}: {@code t[a][b] = C(a, b)} for {@code b <=
   * k}, with {@link Long#MAX_VALUE} where the exact value does not fit.
   */
  static long[][] binomials(int n, int k) {
    long[][] t = new long[n + 1][k + 1];
    for (int a = 0; a <= n; a++) {
      t[a][0] = 1;
      for (int b = 1; b <= Math.min(a, k); b++) {
        long left = t[a - 1][b - 1];
        long right = b <= a - 1 ? t[a - 1][b] : 0;
        t[a][b] = left == Long.MAX_VALUE || right == Long.MAX_VALUE
            || left > Long.MAX_VALUE - right ? Long.MAX_VALUE : left + right;
      }
    }
    return t;
  }

  /** Writes the combination of rank {@code rank} (lexicographic, 0-based) into {@code c[0..k)}. */
  static void unrank(long rank, int n, int k, long[][] binomials, int[] c) {
    long r = rank;
    int v = 0;
    for (int i = 0; i < k; i++) {
      while (true) {
        long count = binomials[n - v - 1][k - i - 1];
        if (r < count) {
          c[i] = v++;
          break;
        }
        r -= count;
        v++;
      }
    }
  }

  /**
   * Advances {@code c[0..k)} to its lexicographic successor; returns the first position that
   * changed, or -1 after the last combination.
   */
  static int next(int[] c, int k, int n) {
    int i = k - 1;
    while (i >= 0 && c[i] == n - k + i) {
      i--;
    }
    if (i < 0) {
      return -1;
    }
    c[i]++;
    for (int j = i + 1; j < k; j++) {
      c[j] = c[j - 1] + 1;
    }
    return i;
  }
}
