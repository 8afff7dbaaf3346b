package io.rila.features.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FoldsTest {

  @Test
  void kFold_matchesScikitLearnSizes() {
    // sklearn KFold(3).split(range(10)): tests [0..3], [4..6], [7..9].
    Folds folds = Folds.kFold(3);
    assertThat(folds.testRows(10, 0)).containsExactly(0, 1, 2, 3);
    assertThat(folds.testRows(10, 1)).containsExactly(4, 5, 6);
    assertThat(folds.testRows(10, 2)).containsExactly(7, 8, 9);
    assertThat(folds.trainRows(10, 1)).containsExactly(0, 1, 2, 3, 7, 8, 9);
    assertThat(folds.trainRows(10, 0)).containsExactly(4, 5, 6, 7, 8, 9);
    assertThat(folds.isTimeSeries()).isFalse();
    assertThat(folds.count()).isEqualTo(3);
  }

  @Test
  void timeSeries_matchesScikitLearnSplits() {
    // sklearn TimeSeriesSplit(3).split(range(10)):
    // train [0..3] test [4,5]; [0..5] [6,7]; [0..7] [8,9].
    Folds folds = Folds.timeSeries(3);
    assertThat(folds.trainRows(10, 0)).containsExactly(0, 1, 2, 3);
    assertThat(folds.testRows(10, 0)).containsExactly(4, 5);
    assertThat(folds.trainRows(10, 2)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    assertThat(folds.testRows(10, 2)).containsExactly(8, 9);
    // n = 11: test size 2, the first training window takes the remainder.
    assertThat(folds.trainRows(11, 0)).hasSize(5);
    assertThat(folds.testRows(11, 0)).containsExactly(5, 6);
    assertThat(folds.isTimeSeries()).isTrue();
    assertThat(folds).hasToString("TimeSeriesSplit(3)");
  }

  @Test
  void factories_badInput() {
    assertThatThrownBy(() -> Folds.kFold(1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k: 1 (expected: >= 2)");
    assertThatThrownBy(() -> Folds.timeSeries(1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("splits: 1");
  }

  @Test
  void rows_badInput() {
    assertThatThrownBy(() -> Folds.kFold(5).testRows(4, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rows: 4");
    assertThatThrownBy(() -> Folds.timeSeries(3).trainRows(3, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rows: 3 (expected: >= 4");
    assertThatThrownBy(() -> Folds.kFold(2).testRows(10, 2))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void equals_byKindAndCount() {
    assertThat(Folds.kFold(3)).isEqualTo(Folds.kFold(3)).hasSameHashCodeAs(Folds.kFold(3));
    assertThat(Folds.kFold(3)).isNotEqualTo(Folds.timeSeries(3)).isNotEqualTo(Folds.kFold(4));
  }
}
