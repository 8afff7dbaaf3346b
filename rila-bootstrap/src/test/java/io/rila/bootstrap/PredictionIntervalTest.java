package io.rila.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PredictionIntervalTest {

  @Test
  void accessors_widthContainsEquality() {
    PredictionInterval i = new PredictionInterval(1.0, 3.5, 0.9);
    assertThat(i.lower()).isEqualTo(1.0);
    assertThat(i.upper()).isEqualTo(3.5);
    assertThat(i.level()).isEqualTo(0.9);
    assertThat(i.width()).isEqualTo(2.5);
    assertThat(i.contains(1.0)).isTrue();
    assertThat(i.contains(3.5)).isTrue();
    assertThat(i.contains(0.999)).isFalse();
    assertThat(i.contains(3.6)).isFalse();
    assertThat(i).isEqualTo(new PredictionInterval(1.0, 3.5, 0.9))
        .hasSameHashCodeAs(new PredictionInterval(1.0, 3.5, 0.9))
        .isNotEqualTo(new PredictionInterval(1.0, 3.5, 0.8))
        .hasToString("PredictionInterval[0.9: 1.0, 3.5]");
  }

  @Test
  void contains_infiniteEnds() {
    PredictionInterval open = new PredictionInterval(-1.0, Double.POSITIVE_INFINITY, 0.95);
    assertThat(open.contains(1e300)).isTrue();
    assertThat(open.contains(-1.0)).isTrue();
    assertThat(open.contains(Double.NaN)).isFalse();
    assertThat(open.width()).isEqualTo(Double.POSITIVE_INFINITY);
  }
}
