package io.rila.benchmarks.report;

import java.util.ArrayList;
import java.util.List;

/** A GitHub-flavoured Markdown table: a header row, an alignment row, then the rows. */
final class MarkdownTable {

  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  MarkdownTable(String... header) {
    this.header = List.of(header);
  }

  /**
   * Adds a row.
   *
   * @throws IllegalArgumentException if the row's width differs from the header's
   */
  MarkdownTable row(String... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException(
          "cells: " + cells.length + " (expected: " + header.size() + ", the header's width)");
    }
    rows.add(List.of(cells));
    return this;
  }

  /** The table; the first column is left-aligned, the others right-aligned. */
  String render() {
    StringBuilder out = new StringBuilder();
    line(out, header);
    out.append('|');
    for (int j = 0; j < header.size(); j++) {
      out.append(j == 0 ? "---|" : "---:|");
    }
    out.append('\n');
    for (List<String> row : rows) {
      line(out, row);
    }
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> cells) {
    out.append('|');
    for (String cell : cells) {
      out.append(' ').append(cell.replace("|", "\\|")).append(" |");
    }
    out.append('\n');
  }
}
