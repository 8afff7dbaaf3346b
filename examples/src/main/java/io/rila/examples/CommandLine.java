package io.rila.examples;

/** Option values of the example programs, with errors that name the option. */
final class CommandLine {

  private CommandLine() {}

  /**
   * An integer {@code >= 1}.
   *
   * @throws IllegalArgumentException naming the option otherwise
   */
  static int positiveInt(String option, String text) {
    int value;
    try {
      value = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      value = 0;
    }
    if (value < 1) {
      throw new IllegalArgumentException(option + ": " + text + " (expected: an integer >= 1)");
    }
    return value;
  }

  /**
   * Any {@code long}.
   *
   * @throws IllegalArgumentException naming the option otherwise
   */
  static long longValue(String option, String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + ": " + text + " (expected: an integer)");
    }
  }
}
