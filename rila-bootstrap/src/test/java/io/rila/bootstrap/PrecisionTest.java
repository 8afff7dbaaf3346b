package io.rila.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrecisionTest {

  @Test
  void bytes_perStoredNumber() {
    assertThat(Precision.FLOAT.bytes()).isEqualTo(4);
    assertThat(Precision.DOUBLE.bytes()).isEqualTo(8);
  }
}
