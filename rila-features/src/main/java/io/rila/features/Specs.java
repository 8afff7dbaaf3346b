package io.rila.features;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Canonical spec text and the name-list check of the builders. */
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

  /** The pairs {@code "from"->"to"} of two lists of the same length, quoted, in brackets. */
  static String pairs(List<String> from, List<String> to) {
    StringBuilder out = new StringBuilder("[");
    for (int k = 0; k < from.size(); k++) {
      if (k > 0) {
        out.append(',');
      }
      out.append(quote(from.get(k))).append("->").append(quote(to.get(k)));
    }
    return out.append(']').toString();
  }

  /** A copy of {@code names}: non-null, not repeated, at least one. */
  static List<String> uniqueNames(String[] names, String what) {
    if (names.length == 0) {
      throw new IllegalArgumentException(what + ": no names (expected: at least one)");
    }
    List<String> out = new ArrayList<>(names.length);
    Set<String> seen = new HashSet<>();
    for (int k = 0; k < names.length; k++) {
      String name = Objects.requireNonNull(names[k], what + "[" + k + "]");
      if (!seen.add(name)) {
        throw new IllegalArgumentException(what + ": '" + name + "' is repeated");
      }
      out.add(name);
    }
    return List.copyOf(out);
  }
}
