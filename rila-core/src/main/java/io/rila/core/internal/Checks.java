package io.rila.core.internal;

import java.util.Locale;
import java.util.Objects;

/**
 * Argument checks shared by every rila module. Messages follow one form:
 * {@code name: value (expected: rule)}, and data errors name the row and column.
 *
 * <p>Internal API: not covered by compatibility guarantees.
 */
public final class Checks {

  private Checks() {}

  /**
   * Fails with an {@link IllegalStateException} ({@code name was already set to current}) unless
   * {@code unset}: the once-only rule of the builders.
   */
  public static void unset(boolean unset, String name, Object current) {
    if (!unset) {
      throw new IllegalStateException(name + " was already set to " + current);
    }
  }

  /** Fails if {@code s} (not null) is empty or only white space. */
  public static String notBlank(String s, String name) {
    if (s.isBlank()) {
      throw new IllegalArgumentException(name + ": '" + s + "' (expected: not blank)");
    }
    return s;
  }

  /**
   * Fails if {@code s} (not null) holds an unpaired UTF-16 surrogate: such text has no UTF-8 form,
   * so files, CSV and cache keys would silently turn it into {@code '?'}. The message shows the
   * text with each unpaired surrogate escaped as {@code \\uXXXX}.
   */
  public static String wellFormed(String s, String name) {
    int bad = unpairedSurrogate(s);
    if (bad >= 0) {
      throw new IllegalArgumentException(name + ": '" + escapeUnpaired(s) + "' has an unpaired"
          + " surrogate " + escape(s.charAt(bad)) + " at index " + bad
          + " (expected: well-formed Unicode text, which UTF-8 can hold)");
    }
    return s;
  }

  /** The index of the first unpaired surrogate in {@code s}, or -1. */
  public static int unpairedSurrogate(String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      } else if (Character.isLowSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  private static String escapeUnpaired(String s) {
    StringBuilder out = new StringBuilder(s.length() + 12);
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        out.append(c).append(s.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        out.append(escape(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String escape(char c) {
    return String.format(Locale.ROOT, "\\u%04X", (int) c);
  }

  /** Fails unless {@code value >= min}. */
  public static int atLeast(int value, int min, String name) {
    if (value < min) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: >= " + min + ")");
    }
    return value;
  }

  /** Fails unless {@code min <= value <= max}. */
  public static int inRange(int value, int min, int max, String name) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + ": " + value + " (expected: " + min + " <= " + name + " <= " + max + ")");
    }
    return value;
  }

  /** Fails unless {@code value} is finite and {@code >= 0}. */
  public static double nonNegativeFinite(double value, String name) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: finite and >= 0)");
    }
    return value;
  }

  /** Fails unless {@code value} is finite and {@code > 0}. */
  public static double positiveFinite(double value, String name) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: finite and > 0)");
    }
    return value;
  }

  /** Fails unless {@code value} is finite. */
  public static double finite(double value, String name) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: finite)");
    }
    return value;
  }

  /** Fails unless {@code 0 <= q <= 1}. */
  public static double probability(double q, String name) {
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException(name + ": " + q + " (expected: 0 <= " + name + " <= 1)");
    }
    return q;
  }

  /** Fails unless every entry is finite; the message names the index. */
  public static double[] finite(double[] values, String name) {
    Objects.requireNonNull(values, name);
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(
            name + "[" + i + "]: " + values[i] + " (expected: finite)");
      }
    }
    return values;
  }

  /** Fails unless {@code values.length == expected}. */
  public static double[] length(double[] values, int expected, String name) {
    Objects.requireNonNull(values, name);
    if (values.length != expected) {
      throw new IllegalArgumentException(
          name + ": length " + values.length + " (expected: " + expected + ")");
    }
    return values;
  }

  /**
   * Fails unless {@code values} holds one value per row of the matrix {@code x}: the message says
   * so ({@code y: length 3 (expected: 4, one per row of x)}).
   */
  public static double[] onePerRow(double[] values, int rows, String name) {
    Objects.requireNonNull(values, name);
    if (values.length != rows) {
      throw new IllegalArgumentException(
          name + ": length " + values.length + " (expected: " + rows + ", one per row of x)");
    }
    return values;
  }

  /**
   * Fails unless {@code x} is a non-empty rectangular matrix of finite values with at least one
   * column; the message names the row (and column) at fault. Returns the column count.
   */
  public static int finiteMatrix(double[][] x, String name) {
    int p = rectangular(x, name);
    for (int i = 0; i < x.length; i++) {
      double[] row = x[i];
      for (int j = 0; j < p; j++) {
        if (!Double.isFinite(row[j])) {
          throw new IllegalArgumentException(
              name + ": row " + i + ", column " + j + " is " + row[j] + " (expected: finite)");
        }
      }
    }
    return p;
  }

  /**
   * Checks the shape of a matrix as {@link #finiteMatrix} does, without reading its values: not
   * null, at least one row and one column, no null row, every row as long as row 0.
   *
   * @param x the matrix
   * @param name the parameter's name, for messages
   * @return the number of columns
   * @throws NullPointerException if {@code x} or a row is null (the message names it)
   * @throws IllegalArgumentException if {@code x} is empty or ragged (the message names the row)
   */
  public static int rectangular(double[][] x, String name) {
    Objects.requireNonNull(x, name);
    if (x.length == 0) {
      throw new IllegalArgumentException(name + ": 0 rows (expected: >= 1)");
    }
    Objects.requireNonNull(x[0], name + "[0]");
    int p = x[0].length;
    if (p == 0) {
      throw new IllegalArgumentException(name + ": 0 columns (expected: >= 1)");
    }
    for (int i = 0; i < x.length; i++) {
      double[] row = x[i];
      if (row == null) {
        throw new NullPointerException(name + "[" + i + "]");
      }
      if (row.length != p) {
        throw new IllegalArgumentException(
            name + ": row " + i + " has " + row.length + " columns (expected: " + p
                + ", as row 0; ragged rows)");
      }
    }
    return p;
  }

  /**
   * Fails unless {@code weights} (when not null) has {@code rows} finite, non-negative entries
   * with a positive sum.
   */
  public static double[] weights(double[] weights, int rows, String name) {
    if (weights == null) {
      return null;
    }
    length(weights, rows, name);
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      double w = weights[i];
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException(
            name + "[" + i + "]: " + w + " (expected: finite and >= 0)");
      }
      sum += w;
    }
    if (!(sum > 0)) {
      throw new IllegalArgumentException(name + ": all zero (expected: at least one > 0)");
    }
    return weights;
  }
}
