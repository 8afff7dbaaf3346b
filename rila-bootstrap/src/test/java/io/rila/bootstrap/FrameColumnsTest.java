package io.rila.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rila.core.frame.Frame;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameColumnsTest {

  private static final Frame FRAME = Frame.newBuilder()
      .column("a", new double[] {1, 2, 3})
      .column("b", new double[] {4, Double.POSITIVE_INFINITY, 6})
      .column("y", new double[] {7, 8, 9})
      .build();

  @Test
  void finiteRows_rowsInFeatureOrder() {
    double[][] x = FrameColumns.finiteRows(FRAME, List.of("y", "a"));
    assertThat(x).isDeepEqualTo(new double[][] {{7, 1}, {8, 2}, {9, 3}});
  }

  @Test
  void finiteRows_nonFiniteCellNamesColumnAndRow() {
    assertThatThrownBy(() -> FrameColumns.finiteRows(FRAME, List.of("a", "b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("features: column 'b', row 1 is Infinity (expected: finite)");
  }

  @Test
  void checkFeatures_badLists() {
    assertThatThrownBy(() -> FrameColumns.checkFeatures(FRAME, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("features");
    assertThatThrownBy(() -> FrameColumns.checkFeatures(FRAME, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("features: empty");
    assertThatThrownBy(() -> FrameColumns.checkFeatures(FRAME, Arrays.asList("a", null)))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("features[1]");
    assertThatThrownBy(() -> FrameColumns.checkFeatures(FRAME, List.of("a", "y", "a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("features: 'a' appears twice");
    assertThatThrownBy(() -> FrameColumns.checkFeatures(FRAME, List.of("a", "c")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("features: no column 'c' (expected: one of [a, b, y])");
  }

  @Test
  void require_namesWhatIsMissing() {
    FrameColumns.require(FRAME, "y", "target");
    assertThatThrownBy(() -> FrameColumns.require(FRAME, "sales", "target"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("target: no column 'sales'");
  }
}
