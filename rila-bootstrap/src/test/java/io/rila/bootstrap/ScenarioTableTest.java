package io.rila.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rila.core.frame.Frame;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioTableTest {

  private static ScenarioTable table() {
    double[] levels = {0.5};
    List<String> labels = List.of("r=1");
    return new ScenarioTable(
        new Summary(10, levels, new double[] {9}),
        new SummaryTable(labels, levels, new double[] {12}, new double[] {11}),
        new SummaryTable(labels, levels, new double[] {2}, new double[] {2}),
        new SummaryTable(labels, levels, new double[] {20}, new double[] {22}),
        new double[][] {{1, 2}});
  }

  @Test
  void accessors() {
    ScenarioTable t = table();
    assertThat(t.size()).isEqualTo(1);
    assertThat(t.labels()).containsExactly("r=1");
    assertThat(t.baseline().mean()).isEqualTo(10);
    assertThat(t.levels().mean(0)).isEqualTo(12);
    assertThat(t.differences().quantile(0, 0)).isEqualTo(2);
    assertThat(t.percentChanges().mean(0)).isEqualTo(20);
    t.row(0)[0] = 7;
    assertThat(t.row(0)).containsExactly(1, 2);
    assertThatThrownBy(() -> t.row(1))
        .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("scenario: 1");
  }

  @Test
  void toString_listsBaselineThenScenarios() {
    String[] lines = table().toString().split("\n");
    assertThat(lines).hasSize(3);
    assertThat(lines[0]).contains("scenario").contains("level mean").contains("difference mean")
        .contains("change % mean");
    assertThat(lines[1]).startsWith("baseline").contains("10.0000").contains("9.00000");
    assertThat(lines[2]).startsWith("r=1").contains("12.0000").contains("22.0000");
  }

  @Test
  void toFrame_levelsDifferencesAndPercentChanges() {
    Frame f = table().toFrame();
    assertThat(f.columnNames()).containsExactly("level_mean", "level_q0.5", "difference_mean",
        "difference_q0.5", "percentChange_mean", "percentChange_q0.5");
    assertThat(f.rows()).isEqualTo(1);
    assertThat(f.toRowMatrix()[0]).containsExactly(12, 11, 2, 2, 20, 22);
  }
}
