package io.rila.features.selection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TopSubsetsTest {

  @Test
  void offer_keepsTheBestWhateverTheOrder() {
    // 200 subsets with AICs from a coarse grid (many ties), offered in shuffled orders, split
    // over heaps that are then merged: always the same 25, ranked by AIC then number.
    List<Integer> numbers = new ArrayList<>();
    double[] aic = new double[200];
    Random rnd = new Random(1);
    for (int i = 0; i < 200; i++) {
      numbers.add(i);
      aic[i] = rnd.nextInt(40);
    }
    List<Integer> expected = new ArrayList<>(numbers);
    expected.sort(
        (a, b) -> aic[a] != aic[b] ? Double.compare(aic[a], aic[b]) : Integer.compare(a, b));
    expected = expected.subList(0, 25);
    for (int trial = 0; trial < 5; trial++) {
      Collections.shuffle(numbers, rnd);
      TopSubsets merged = new TopSubsets(25, 2);
      TopSubsets part = new TopSubsets(25, 2);
      for (int i = 0; i < numbers.size(); i++) {
        int s = numbers.get(i);
        TopSubsets target = i % 3 == 0 ? merged : part;
        if (target.admits(aic[s], s)) {
          target.offer(aic[s], s, new int[] {s, s + 1}, 2);
        }
      }
      merged.offerAll(part);
      int[] ranked = merged.ranked();
      assertThat(ranked).hasSize(25);
      int[] members = new int[2];
      for (int r = 0; r < 25; r++) {
        int s = expected.get(r);
        assertThat(merged.sequence(ranked[r])).isEqualTo(s);
        assertThat(merged.aic(ranked[r])).isEqualTo(aic[s]);
        merged.copyMembers(ranked[r], members);
        assertThat(members).containsExactly(s, s + 1);
        assertThat(merged.size(ranked[r])).isEqualTo(2);
      }
    }
  }

  @Test
  void admits_untilFullThenOnlyBetter() {
    TopSubsets top = new TopSubsets(2, 1);
    assertThat(top.admits(5, 0)).isTrue();
    top.offer(5, 0, new int[] {0}, 1);
    top.offer(3, 1, new int[] {1}, 1);
    assertThat(top.ranked()).hasSize(2);
    assertThat(top.admits(5, 2)).isFalse();
    assertThat(top.admits(4, 3)).isTrue();
    top.offer(4, 3, new int[] {3}, 1);
    assertThat(top.sequence(top.ranked()[1])).isEqualTo(3);
  }
}
