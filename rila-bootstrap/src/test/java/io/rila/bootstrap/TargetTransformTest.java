package io.rila.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TargetTransformTest {

  @Test
  void apply_andInvert() {
    assertThat(TargetTransform.IDENTITY.apply(-3.5)).isEqualTo(-3.5);
    assertThat(TargetTransform.LOG.apply(Math.E)).isEqualTo(1.0);
    assertThat(TargetTransform.LOG1P.apply(1e-20)).isEqualTo(1e-20);
    assertThat(TargetTransform.LOG1P.apply(45354555.77071428)).isEqualTo(17.63002120953749);
    assertThat(TargetTransform.LOG.invert(0)).isEqualTo(1.0);
    assertThat(TargetTransform.LOG1P.invert(1e-20)).isEqualTo(1e-20);
    assertThat(TargetTransform.IDENTITY.invert(7)).isEqualTo(7);
    for (TargetTransform t : TargetTransform.values()) {
      for (double y : new double[] {0.3, 2.0, 1e6}) {
        assertThat(t.invert(t.apply(y))).isCloseTo(y, org.assertj.core.api.Assertions.within(
            1e-15 * y));
      }
    }
  }

  @Test
  void apply_outsideDomain() {
    assertThatThrownBy(() -> TargetTransform.LOG.apply(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("y: 0.0 (expected: finite and > 0 for LOG)");
    assertThatThrownBy(() -> TargetTransform.LOG1P.apply(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("> -1 for LOG1P");
    assertThatThrownBy(() -> TargetTransform.IDENTITY.apply(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y: NaN");
    assertThatThrownBy(() -> TargetTransform.LOG.apply(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y: Infinity");
  }
}
