package io.rila.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rila.core.frame.Frame;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTableTest {

  private static final SummaryTable T = new SummaryTable(List.of("a", "intercept"),
      new double[] {0.1, 0.9}, new double[] {1.5, -2}, new double[] {1, 2, -3, -1});

  @Test
  void accessors() {
    assertThat(T.size()).isEqualTo(2);
    assertThat(T.labels()).containsExactly("a", "intercept");
    assertThat(T.label(1)).isEqualTo("intercept");
    assertThat(T.indexOf("intercept")).isEqualTo(1);
    assertThat(T.mean(1)).isEqualTo(-2);
    assertThat(T.quantile(1, 0)).isEqualTo(-3);
    assertThat(T.summary(0)).isEqualTo(
        new Summary(1.5, new double[] {0.1, 0.9}, new double[] {1, 2}));
    T.levels()[0] = 5;
    assertThat(T.levels()).containsExactly(0.1, 0.9);
  }

  @Test
  void toString_isAnAlignedTable() {
    assertThat(T.toString()).isEqualTo(
        "               mean      q0.1      q0.9\n"
            + "a           1.50000   1.00000   2.00000\n"
            + "intercept  -2.00000  -3.00000  -1.00000\n");
  }

  @Test
  void accessors_badInput() {
    assertThatThrownBy(() -> T.indexOf("b"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label: 'b'");
    assertThatThrownBy(() -> T.mean(2))
        .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("row: 2");
    assertThatThrownBy(() -> T.quantile(0, 2))
        .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("levelIndex: 2");
    assertThatThrownBy(() -> T.summary(-1))
        .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("row: -1");
  }

  @Test
  void toFrame_oneRowPerLabel() {
    Frame f = T.toFrame();
    assertThat(f.columnNames()).containsExactly("mean", "q0.1", "q0.9");
    assertThat(f.column("mean")).containsExactly(1.5, -2);
    assertThat(f.column("q0.1")).containsExactly(1, -3);
    assertThat(f.column("q0.9")).containsExactly(2, -1);
  }
}
