package io.rila.bootstrap;

/** Renders cells as an aligned text table: first column left-aligned, the others right. */
final class TextTable {

  private TextTable() {}

  static String render(String[][] cells) {
    int columns = cells[0].length;
    int[] width = new int[columns];
    for (String[] row : cells) {
      for (int c = 0; c < columns; c++) {
        width[c] = Math.max(width[c], row[c].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String[] row : cells) {
      for (int c = 0; c < columns; c++) {
        String cell = row[c];
        if (c == 0) {
          sb.append(cell).append(" ".repeat(width[c] - cell.length()));
        } else {
          sb.append("  ").append(" ".repeat(width[c] - cell.length())).append(cell);
        }
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
