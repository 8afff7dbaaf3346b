package io.rila.features.selection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CombinationsTest {

  @Test
  void unrankAndNext_walkEveryCombinationInLexicographicOrder() {
    int n = 9;
    for (int k = 0; k <= 4; k++) {
      long[][] binomials = Combinations.binomials(n, k);
      int[] walk = new int[Math.max(k, 1)];
      Combinations.unrank(0, n, k, binomials, walk);
      long rank = 0;
      int[] previous = null;
      int changed;
      do {
        int[] direct = new int[Math.max(k, 1)];
        Combinations.unrank(rank, n, k, binomials, direct);
        assertThat(Arrays.copyOf(walk, k)).containsExactly(Arrays.copyOf(direct, k));
        for (int i = 1; i < k; i++) {
          assertThat(walk[i]).isGreaterThan(walk[i - 1]);
        }
        if (previous != null) {
          assertThat(Arrays.compare(previous, Arrays.copyOf(walk, k))).isNegative();
        }
        previous = Arrays.copyOf(walk, k);
        rank++;
        changed = Combinations.next(walk, k, n);
        if (changed >= 0) {
          assertThat(Arrays.copyOf(walk, changed))
              .containsExactly(Arrays.copyOf(previous, changed));
          assertThat(walk[changed]).isNotEqualTo(previous[changed]);
        }
      } while (changed >= 0);
      assertThat(rank).isEqualTo(binomials[n][k]);
    }
  }

  @Test
  void binomials_exactAndSaturating() {
    long[][] t = Combinations.binomials(50, 4);
    assertThat(t[50][4]).isEqualTo(230_300);
    assertThat(t[50][1] + t[50][2] + t[50][3] + t[50][4]).isEqualTo(251_175);
    assertThat(Combinations.binomials(200, 100)[200][100]).isEqualTo(Long.MAX_VALUE);
    assertThat(Combinations.binomials(66, 33)[66][33]).isEqualTo(7_219_428_434_016_265_740L);
  }
}
