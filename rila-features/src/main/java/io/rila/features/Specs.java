package io.rila.features;

import java.util.List;

/** Canonical spec text and the once-only rule of the builders. */
final class Specs {

  private Specs() {}

  /** {@code s} in double quotes with {@code \} and {@code "} escaped, so lists stay unambiguous. */
  static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.append('"').toString();
  }

  /** The quoted names in brackets. */
  static String list(List<String> names) {
    StringBuilder out = new StringBuilder("[");
    for (int k = 0; k < names.size(); k++) {
      if (k > 0) {
        out.append(',');
      }
      out.append(quote(names.get(k)));
    }
    return out.append(']').toString();
  }

  /** Fails when a builder property that may be set once already has a value. */
  static void checkUnset(Object current, String property) {
    if (current != null) {
      throw new IllegalStateException(property + " was already set to " + current);
    }
  }
}
