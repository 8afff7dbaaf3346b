package io.rila.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SummaryTest {

  private static final Summary S =
      new Summary(2.5, new double[] {0.025, 0.975}, new double[] {1.0, 4.0});

  @Test
  void accessors_returnCopies() {
    assertThat(S.mean()).isEqualTo(2.5);
    assertThat(S.size()).isEqualTo(2);
    assertThat(S.quantile(0.975)).isEqualTo(4.0);
    assertThat(S.quantileAt(0)).isEqualTo(1.0);
    S.levels()[0] = 9;
    S.quantiles()[0] = 9;
    assertThat(S.levels()).containsExactly(0.025, 0.975);
    assertThat(S.quantiles()).containsExactly(1.0, 4.0);
  }

  @Test
  void quantile_levelNotAskedFor() {
    assertThatThrownBy(() -> S.quantile(0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("level: 0.5 (expected: one of [0.025, 0.975])");
  }

  @Test
  void equalsAndToString() {
    assertThat(S).isEqualTo(new Summary(2.5, new double[] {0.025, 0.975}, new double[] {1, 4}))
        .hasSameHashCodeAs(new Summary(2.5, new double[] {0.025, 0.975}, new double[] {1, 4}))
        .isNotEqualTo(new Summary(2.5, new double[] {0.025, 0.975}, new double[] {1, 5}));
    assertThat(S.toString()).isEqualTo("Summary[mean=2.5, q0.025=1.0, q0.975=4.0]");
  }

  @Test
  void serialization_roundTripKeepsEveryBit() throws Exception {
    Summary s = new Summary(Math.PI, new double[] {0.025, 0.5, 0.975},
        new double[] {Double.MIN_VALUE, -0.0, 1e300});
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(s);
    }
    Object back;
    try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
        new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      back = in.readObject();
    }
    assertThat(back).isEqualTo(s).isNotSameAs(s);
    assertThat(((Summary) back).quantiles()).containsExactly(Double.MIN_VALUE, -0.0, 1e300);
  }
}
