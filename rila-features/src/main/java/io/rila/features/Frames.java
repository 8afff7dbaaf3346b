package io.rila.features;

import io.rila.core.frame.Frame;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** Input checks shared by the feature steps. */
final class Frames {

  private Frames() {}

  /** Fails unless {@code frame} is non-null and has at least one row. */
  static Frame requireRows(Frame frame, String what) {
    Objects.requireNonNull(frame, what);
    if (frame.rows() == 0) {
      throw new IllegalArgumentException(what + ": 0 rows (expected: >= 1)");
    }
    return frame;
  }

  /** Fails unless {@code frame} has a date index. */
  static void requireIndex(Frame frame, String what, String step) {
    if (!frame.hasIndex()) {
      throw new IllegalArgumentException(
          what + ": has no date index (expected: one, " + step + " works on dates)");
    }
  }

  /** Fails unless the index, when present, is strictly increasing (sorted, no duplicates). */
  static void requireIncreasingIndex(Frame frame, String what) {
    if (!frame.hasIndex()) {
      return;
    }
    List<LocalDate> dates = frame.dates();
    for (int i = 1; i < dates.size(); i++) {
      LocalDate before = dates.get(i - 1);
      LocalDate at = dates.get(i);
      if (!at.isAfter(before)) {
        throw new IllegalArgumentException(
            what + ": row " + i + " has date " + at
                + (at.equals(before) ? ", a duplicate of row " : ", earlier than row ") + (i - 1)
                + " (" + before + ") (expected: strictly increasing dates)");
      }
    }
  }

  /** The positions of {@code names} in {@code frame}; unknown names fail with the frame's list. */
  static int[] positions(Frame frame, List<String> names) {
    int[] out = new int[names.size()];
    for (int k = 0; k < out.length; k++) {
      out[k] = frame.columnIndex(names.get(k));
    }
    return out;
  }
}
