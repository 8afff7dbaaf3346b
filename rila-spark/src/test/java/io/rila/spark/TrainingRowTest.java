package io.rila.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class TrainingRowTest {

  @Test
  void of_keepsACopy() {
    double[] x = {1, 2};
    TrainingRow row = TrainingRow.of(7, x, 3.5);
    x[0] = 99;
    assertThat(row.id()).isEqualTo(7);
    assertThat(row.features()).containsExactly(1, 2);
    assertThat(row.featureCount()).isEqualTo(2);
    assertThat(row.y()).isEqualTo(3.5);
    assertThat(row.hasWeight()).isFalse();
    assertThat(row.weight()).isEqualTo(1.0);
    row.features()[1] = 5;
    assertThat(row.features()).containsExactly(1, 2);
    assertThat(row).hasToString("TrainingRow[id=7, x=[1.0, 2.0], y=3.5]");
  }

  @Test
  void of_weighted() {
    TrainingRow row = TrainingRow.of(-3, new double[] {0.5}, -1, 0.25);
    assertThat(row.hasWeight()).isTrue();
    assertThat(row.weight()).isEqualTo(0.25);
    assertThat(row).hasToString("TrainingRow[id=-3, x=[0.5], y=-1.0, weight=0.25]");
    assertThat(TrainingRow.of(1, new double[] {1}, 1, 0).weight()).isZero();
  }

  @Test
  void of_badInput() {
    assertThatThrownBy(() -> TrainingRow.of(1, null, 1)).isInstanceOf(NullPointerException.class)
        .hasMessage("x");
    assertThatThrownBy(() -> TrainingRow.of(1, new double[0], 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("x: length 0 (expected: >= 1 feature)");
    assertThatThrownBy(() -> TrainingRow.of(1, new double[] {1, Double.NaN}, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("x[1]: NaN (expected: finite)");
    assertThatThrownBy(() -> TrainingRow.of(1, new double[] {Double.NEGATIVE_INFINITY}, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("x[0]: -Infinity");
    assertThatThrownBy(() -> TrainingRow.of(1, new double[] {1}, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("y: NaN (expected: finite)");
    assertThatThrownBy(() -> TrainingRow.of(1, new double[] {1}, Double.POSITIVE_INFINITY, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("y: Infinity");
    assertThatThrownBy(() -> TrainingRow.of(1, new double[] {1}, 1, -0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("weight: -0.5 (expected: finite and >= 0)");
    assertThatThrownBy(() -> TrainingRow.of(1, new double[] {1}, 1, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("weight: NaN");
    assertThatThrownBy(() -> TrainingRow.of(1, new double[] {1}, 1, Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("weight: Infinity");
  }

  @Test
  void equals_byValue() {
    TrainingRow a = TrainingRow.of(1, new double[] {1, 2}, 3);
    assertThat(a).isEqualTo(TrainingRow.of(1, new double[] {1, 2}, 3))
        .hasSameHashCodeAs(TrainingRow.of(1, new double[] {1, 2}, 3));
    assertThat(a).isNotEqualTo(TrainingRow.of(2, new double[] {1, 2}, 3));
    assertThat(a).isNotEqualTo(TrainingRow.of(1, new double[] {1, 2.5}, 3));
    assertThat(a).isNotEqualTo(TrainingRow.of(1, new double[] {1, 2}, 3.5));
    assertThat(a).isNotEqualTo(TrainingRow.of(1, new double[] {1, 2}, 3, 1));
    assertThat(a).isNotEqualTo("row");
  }

  @Test
  void serialization_roundTrips() throws IOException, ClassNotFoundException {
    TrainingRow row = TrainingRow.of(11, new double[] {1.25, -2}, 4, 0.75);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(row);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(in.readObject()).isEqualTo(row);
    }
  }
}
