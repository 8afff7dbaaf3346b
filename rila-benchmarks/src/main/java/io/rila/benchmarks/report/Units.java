package io.rila.benchmarks.report;

import java.util.Locale;
import java.util.OptionalDouble;

/** Formats the report's quantities: times, sizes and ratios, with a dash for "not measured". */
final class Units {

  /** Written where a value was not measured. */
  static final String NONE = "\u2014";

  private Units() {}

  /** Seconds with three significant digits in s, ms or µs; {@link #NONE} for NaN. */
  static String seconds(double seconds) {
    if (Double.isNaN(seconds)) {
      return NONE;
    }
    if (seconds >= 60) {
      return significant(seconds / 60) + " min";
    }
    if (seconds >= 1) {
      return significant(seconds) + " s";
    }
    if (seconds >= 1e-3) {
      return significant(seconds * 1e3) + " ms";
    }
    return significant(seconds * 1e6) + " \u00b5s";
  }

  /** As {@link #seconds(double)}, {@link #NONE} when empty. */
  static String seconds(OptionalDouble seconds) {
    return seconds(seconds.orElse(Double.NaN));
  }

  /** Bytes in decimal units (kB, MB, GB), three significant digits; {@link #NONE} for NaN. */
  static String bytes(double bytes) {
    if (Double.isNaN(bytes)) {
      return NONE;
    }
    if (bytes >= 1e9) {
      return significant(bytes / 1e9) + " GB";
    }
    if (bytes >= 1e6) {
      return significant(bytes / 1e6) + " MB";
    }
    if (bytes >= 1e3) {
      return significant(bytes / 1e3) + " kB";
    }
    return String.format(Locale.ROOT, "%.0f B", bytes);
  }

  /** As {@link #bytes(double)}, {@link #NONE} when empty. */
  static String bytes(OptionalDouble bytes) {
    return bytes(bytes.orElse(Double.NaN));
  }

  /** A speed-up such as {@code 42x} or {@code 1.7x}; {@link #NONE} when either side is NaN. */
  static String ratio(double slow, double fast) {
    double ratio = slow / fast;
    if (Double.isNaN(ratio) || Double.isInfinite(ratio)) {
      return NONE;
    }
    return (ratio >= 100 ? String.format(Locale.ROOT, "%,.0f", ratio) : significant(ratio)) + "x";
  }

  /** A count with thousands separators, e.g. {@code 10,000}. */
  static String count(double value) {
    return String.format(Locale.ROOT, "%,.0f", value);
  }

  /** Three significant digits without exponent: 123, 12.3, 1.23, 0.123. */
  static String significant(double value) {
    double magnitude = Math.abs(value);
    if (magnitude >= 100) {
      return String.format(Locale.ROOT, "%.0f", value);
    }
    if (magnitude >= 10) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    if (magnitude >= 1) {
      return String.format(Locale.ROOT, "%.2f", value);
    }
    return String.format(Locale.ROOT, "%.3f", value);
  }
}
