package io.rila.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
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

  @Test
  void notBlank_textPasses() {
    assertThat(Checks.notBlank(" a ", "name")).isEqualTo(" a ");
  }

  @Test
  void notBlank_blankNamesParameter() {
    assertThatThrownBy(() -> Checks.notBlank(" \t", "prefix"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("prefix: ' \t' (expected: not blank)");
    assertThatThrownBy(() -> Checks.notBlank("", "prefix"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("prefix: '' (expected: not blank)");
  }

  @Test
  void onePerRow_namesTheRowsOfX() {
    double[] three = {1, 2, 3};
    assertThat(Checks.onePerRow(three, 3, "y")).isSameAs(three);
    assertThatThrownBy(() -> Checks.onePerRow(three, 4, "y"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("y: length 3 (expected: 4, one per row of x)");
    assertThatThrownBy(() -> Checks.onePerRow(null, 4, "weights"))
        .isInstanceOf(NullPointerException.class).hasMessage("weights");
  }

  @Test
  void wellFormed_pairedSurrogatesAndPlainTextPass() {
    assertThat(Checks.wellFormed("rate \uD83D\uDCC8 week", "name")).isEqualTo("rate \uD83D\uDCC8 week");
  }

  @Test
  void wellFormed_unpairedSurrogateNamesParameterAndPosition() {
    assertThatThrownBy(() -> Checks.wellFormed("ab\uD800", "name"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("name: 'ab\\uD800' has an unpaired surrogate \\uD800 at index 2"
            + " (expected: well-formed Unicode text, which UTF-8 can hold)");
    assertThatThrownBy(() -> Checks.wellFormed("\uDC00x", "column"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("column: '\\uDC00x' has an unpaired surrogate \\uDC00 at index 0");
    assertThatThrownBy(() -> Checks.wellFormed("\uDBFF\uDBFF\uDC00", "n"))
        .hasMessageStartingWith("n: '\\uDBFF\uDBFF\uDC00' has an unpaired surrogate \\uDBFF at index 0");
  }
}
