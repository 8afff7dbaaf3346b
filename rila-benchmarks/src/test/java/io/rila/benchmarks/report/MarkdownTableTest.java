package io.rila.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MarkdownTableTest {

  @Test
  void render_headerAlignmentRows() {
    String table = new MarkdownTable("work", "time").row("fit", "1 s").row("predict", "2 ms")
        .render();

    assertThat(table).isEqualTo(
        "| work | time |\n|---|---:|\n| fit | 1 s |\n| predict | 2 ms |\n");
  }

  @Test
  void render_escapesPipes() {
    assertThat(new MarkdownTable("a").row("x | y").render()).contains("| x \\| y |");
  }

  @Test
  void row_wrongWidth() {
    MarkdownTable table = new MarkdownTable("a", "b");

    assertThatThrownBy(() -> table.row("only one"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cells: 1 (expected: 2");
  }
}
