package io.rila.core.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChecksTest {

  @Test
  void unset_unsetPasses() {
    assertThatCode(() -> Checks.unset(true, "alpha", 1.0)).doesNotThrowAnyException();
  }

  @Test
  void unset_setNamesPropertyAndValue() {
    assertThatThrownBy(() -> Checks.unset(false, "alpha", 2.5))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("alpha was already set to 2.5");
  }
}
