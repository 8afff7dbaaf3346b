package io.rila.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTableTest {

  @Test
  void render_alignsFirstColumnLeftOthersRight() {
    String text = TextTable.render(new String[][] {{"", "x"}, {"long label", "1"}, {"b", "123"}});
    assertThat(text).isEqualTo(
        "              x\n"
            + "long label    1\n"
            + "b           123\n");
  }
}
