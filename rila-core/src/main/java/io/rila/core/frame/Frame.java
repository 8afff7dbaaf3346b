package io.rila.core.frame;

import io.rila.core.internal.Checks;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * A small immutable column-oriented table: named {@code double} columns in insertion order and an
 * optional {@link LocalDate} index with one date per row.
 *
 * <pre>{@code
 * Frame weekly = Frame.newBuilder()
 *     .index(List.of(LocalDate.of(2024, 1, 7), LocalDate.of(2024, 1, 14)))
 *     .column("Prudential", new double[] {4.50, 4.25})
 *     .column("sales", new double[] {1.2e7, Double.NaN})
 *     .build();
 * double rate = weekly.get(1, "Prudential");              // 4.25
 * double[][] x = weekly.toRowMatrix(List.of("Prudential")); // 2 x 1, new arrays
 * }</pre>
 *
 * <p>Column names are unique, non-blank and well-formed Unicode (no unpaired UTF-16 surrogate,
 * which UTF-8 files could not hold); missing values are {@code NaN}. The index need not be
 * sorted (feature builders that need a sorted index check it themselves). Operations that derive a
 * new frame ({@link #select}, {@link #withColumn}, {@link #drop}, {@link #filterRows}, {@link
 * #rowRange}) never change this one.
 *
 * <p><b>Thread safety and allocation:</b> instances are immutable and safe to share between
 * threads. The builder and every array-taking method copy their input; accessors that return
 * arrays return new copies, and {@link #copyColumnInto} copies into a caller-owned array without
 * allocating. Derived frames share the unchanged column storage of this frame, so {@link #select}
 * and {@link #withColumn} cost O(columns), not O(cells).
 *
 * <p>{@link #equals} and {@link #hashCode} compare content: the index, the column names in order,
 * and every value bit for bit ({@code NaN} equals {@code NaN}, {@code 0.0} differs from {@code
 * -0.0}).
 */
public final class Frame {

  private static final int NAMES_SHOWN = 10;

  private final int rows;
  private final String[] names;
  private final double[][] columns;
  private final LocalDate[] index;
  private final Map<String, Integer> positions;

  private Frame(int rows, String[] names, double[][] columns, LocalDate[] index) {
    this.rows = rows;
    this.names = names;
    this.columns = columns;
    this.index = index;
    Map<String, Integer> map = new HashMap<>(names.length * 2);
    for (int j = 0; j < names.length; j++) {
      map.put(names[j], j);
    }
    this.positions = map;
  }

  /** A new builder for a frame. */
  public static Builder newBuilder() {
    return new Builder();
  }

  /** The number of rows. */
  public int rows() {
    return rows;
  }

  /** The number of columns (the index is not a column). */
  public int columnCount() {
    return names.length;
  }

  /** The column names in order, as an unmodifiable list. */
  public List<String> columnNames() {
    return List.of(names);
  }

  /** The name of column {@code position}. */
  public String columnName(int position) {
    checkColumnPosition(position);
    return names[position];
  }

  /** Whether a column named {@code name} exists. */
  public boolean hasColumn(String name) {
    Objects.requireNonNull(name, "name");
    return positions.containsKey(name);
  }

  /**
   * The position of column {@code name}.
   *
   * @throws IllegalArgumentException if there is no such column
   */
  public int columnIndex(String name) {
    Objects.requireNonNull(name, "name");
    Integer j = positions.get(name);
    if (j == null) {
      throw unknownColumn(name);
    }
    return j;
  }

  /**
   * A copy of column {@code name}.
   *
   * @throws IllegalArgumentException if there is no such column
   */
  public double[] column(String name) {
    return columns[columnIndex(name)].clone();
  }

  /**
   * A copy of the column at {@code position}.
   *
   * @throws IllegalArgumentException if {@code position} is out of range
   */
  public double[] column(int position) {
    checkColumnPosition(position);
    return columns[position].clone();
  }

  /**
   * Copies column {@code name} into {@code dst[0 .. rows())} without allocating.
   *
   * @throws IllegalArgumentException if there is no such column or {@code dst} is shorter than
   *     {@link #rows()}
   */
  public void copyColumnInto(String name, double[] dst) {
    copyColumnInto(columnIndex(name), dst);
  }

  /**
   * Copies the column at {@code position} into {@code dst[0 .. rows())} without allocating.
   *
   * @throws IllegalArgumentException if {@code position} is out of range or {@code dst} is shorter
   *     than {@link #rows()}
   */
  public void copyColumnInto(int position, double[] dst) {
    checkColumnPosition(position);
    Objects.requireNonNull(dst, "dst");
    if (dst.length < rows) {
      throw new IllegalArgumentException(
          "dst: length " + dst.length + " (expected: >= " + rows + ", the row count)");
    }
    System.arraycopy(columns[position], 0, dst, 0, rows);
  }

  /**
   * The value at {@code row} of column {@code name}.
   *
   * @throws IllegalArgumentException if there is no such column or row
   */
  public double get(int row, String name) {
    int j = columnIndex(name);
    checkRow(row);
    return columns[j][row];
  }

  /**
   * The value at {@code row} of the column at {@code position}.
   *
   * @throws IllegalArgumentException if {@code row} or {@code position} is out of range
   */
  public double get(int row, int position) {
    checkColumnPosition(position);
    checkRow(row);
    return columns[position][row];
  }

  /** Whether this frame has a date index. */
  public boolean hasIndex() {
    return index != null;
  }

  /**
   * The date of {@code row}.
   *
   * @throws IllegalStateException if the frame has no index
   * @throws IllegalArgumentException if {@code row} is out of range
   */
  public LocalDate date(int row) {
    requireIndex();
    checkRow(row);
    return index[row];
  }

  /**
   * The index as an unmodifiable list, one date per row.
   *
   * @throws IllegalStateException if the frame has no index
   */
  public List<LocalDate> dates() {
    requireIndex();
    return List.of(index);
  }

  /**
   * A frame with the given columns in the given order (and this frame's index).
   *
   * @throws IllegalArgumentException if a name is unknown or repeated
   */
  public Frame select(List<String> columnNames) {
    Objects.requireNonNull(columnNames, "columnNames");
    String[] outNames = new String[columnNames.size()];
    double[][] outColumns = new double[outNames.length][];
    Map<String, Integer> seen = new HashMap<>(outNames.length * 2);
    for (int j = 0; j < outNames.length; j++) {
      String name = Objects.requireNonNull(columnNames.get(j), "columnNames[" + j + "]");
      if (seen.put(name, j) != null) {
        throw new IllegalArgumentException(
            "columnNames: '" + name + "' is repeated (at " + seen.get(name) + " and " + j + ")");
      }
      outNames[j] = name;
      outColumns[j] = columns[columnIndex(name)];
    }
    return new Frame(rows, outNames, outColumns, index);
  }

  /**
   * A frame with the given columns in the given order (and this frame's index).
   *
   * @throws IllegalArgumentException if a name is unknown or repeated
   */
  public Frame select(String... columnNames) {
    Objects.requireNonNull(columnNames, "columnNames");
    return select(Arrays.asList(columnNames));
  }

  /**
   * A frame with column {@code name} set to a copy of {@code values}: a new column is appended, an
   * existing one is replaced in place (it keeps its position).
   *
   * @throws IllegalArgumentException if {@code name} is blank or has an unpaired surrogate, or
   *     {@code values.length != rows()}
   */
  public Frame withColumn(String name, double[] values) {
    checkName(name, "name");
    Objects.requireNonNull(values, name);
    checkLength(name, values.length, rows);
    Integer j = positions.get(name);
    String[] outNames;
    double[][] outColumns;
    if (j != null) {
      outNames = names;
      outColumns = columns.clone();
      outColumns[j] = values.clone();
    } else {
      outNames = Arrays.copyOf(names, names.length + 1);
      outColumns = Arrays.copyOf(columns, columns.length + 1);
      outNames[names.length] = name;
      outColumns[columns.length] = values.clone();
    }
    return new Frame(rows, outNames, outColumns, index);
  }

  /**
   * A frame with every column of {@code other} set as by {@link #withColumn}, in {@code other}'s
   * order. When both frames have an index they must be equal; the result keeps this frame's index
   * (or takes {@code other}'s when this one has none).
   *
   * @throws IllegalArgumentException if the row counts or the indexes differ
   */
  public Frame withColumns(Frame other) {
    Objects.requireNonNull(other, "other");
    return withColumns(List.of(other));
  }

  /**
   * A frame with the columns of each of {@code others} set in turn as by {@link
   * #withColumns(Frame)}, in one pass: column storage is shared, so joining many frames costs
   * O(columns), not O(frames x columns).
   *
   * @throws IllegalArgumentException if a frame's row count or index differs from this frame's
   *     (or from the first index among them when this frame has none)
   */
  public Frame withColumns(List<Frame> others) {
    Objects.requireNonNull(others, "others");
    List<String> outNames = new ArrayList<>(Arrays.asList(names));
    List<double[]> outColumns = new ArrayList<>(Arrays.asList(columns));
    Map<String, Integer> outPositions = new HashMap<>(positions);
    LocalDate[] outIndex = index;
    for (int f = 0; f < others.size(); f++) {
      Frame other = Objects.requireNonNull(others.get(f), "others[" + f + "]");
      String what = others.size() == 1 ? "other" : "others[" + f + "]";
      if (other.rows != rows) {
        throw new IllegalArgumentException(
            what + ": " + other.rows + " rows (expected: " + rows + ", as this frame)");
      }
      if (outIndex != null && other.index != null && !Arrays.equals(outIndex, other.index)) {
        throw new IllegalArgumentException(
            what + ": its index differs from this frame's (first difference at row "
                + Arrays.mismatch(outIndex, other.index) + ")");
      }
      if (outIndex == null) {
        outIndex = other.index;
      }
      for (int k = 0; k < other.names.length; k++) {
        Integer j = outPositions.get(other.names[k]);
        if (j != null) {
          outColumns.set(j, other.columns[k]);
        } else {
          outPositions.put(other.names[k], outNames.size());
          outNames.add(other.names[k]);
          outColumns.add(other.columns[k]);
        }
      }
    }
    return new Frame(
        rows, outNames.toArray(new String[0]), outColumns.toArray(new double[0][]), outIndex);
  }

  /**
   * A frame without the given columns.
   *
   * @throws IllegalArgumentException if a name is unknown
   */
  public Frame drop(Collection<String> columnNames) {
    Objects.requireNonNull(columnNames, "columnNames");
    boolean[] dropped = new boolean[names.length];
    for (String name : columnNames) {
      dropped[columnIndex(name)] = true;
    }
    List<String> keep = new ArrayList<>(names.length);
    for (int j = 0; j < names.length; j++) {
      if (!dropped[j]) {
        keep.add(names[j]);
      }
    }
    return select(keep);
  }

  /**
   * A frame without the given columns.
   *
   * @throws IllegalArgumentException if a name is unknown
   */
  public Frame drop(String... columnNames) {
    Objects.requireNonNull(columnNames, "columnNames");
    return drop(Arrays.asList(columnNames));
  }

  /** The rows for which {@code keep} is true, in order. */
  public Frame filterRows(IntPredicate keep) {
    Objects.requireNonNull(keep, "keep");
    boolean[] mask = new boolean[rows];
    for (int i = 0; i < rows; i++) {
      mask[i] = keep.test(i);
    }
    return filterRows(mask);
  }

  /**
   * The rows {@code i} with {@code mask[i]} true, in order.
   *
   * @throws IllegalArgumentException if {@code mask.length != rows()}
   */
  public Frame filterRows(boolean[] mask) {
    Objects.requireNonNull(mask, "mask");
    checkLength("mask", mask.length, rows);
    int kept = 0;
    for (boolean m : mask) {
      if (m) {
        kept++;
      }
    }
    int[] take = new int[kept];
    for (int i = 0, k = 0; i < rows; i++) {
      if (mask[i]) {
        take[k++] = i;
      }
    }
    double[][] outColumns = new double[names.length][];
    for (int j = 0; j < names.length; j++) {
      double[] src = columns[j];
      double[] dst = new double[kept];
      for (int k = 0; k < kept; k++) {
        dst[k] = src[take[k]];
      }
      outColumns[j] = dst;
    }
    LocalDate[] outIndex = null;
    if (index != null) {
      outIndex = new LocalDate[kept];
      for (int k = 0; k < kept; k++) {
        outIndex[k] = index[take[k]];
      }
    }
    return new Frame(kept, names, outColumns, outIndex);
  }

  /**
   * Rows {@code from} (inclusive) to {@code to} (exclusive).
   *
   * @throws IllegalArgumentException unless {@code 0 <= from <= to <= rows()}
   */
  public Frame rowRange(int from, int to) {
    if (from < 0 || from > to || to > rows) {
      throw new IllegalArgumentException(
          "rowRange: [" + from + ", " + to + ") (expected: 0 <= from <= to <= " + rows + ")");
    }
    double[][] outColumns = new double[names.length][];
    for (int j = 0; j < names.length; j++) {
      outColumns[j] = Arrays.copyOfRange(columns[j], from, to);
    }
    LocalDate[] outIndex = index == null ? null : Arrays.copyOfRange(index, from, to);
    return new Frame(to - from, names, outColumns, outIndex);
  }

  /**
   * This frame's columns with {@code dates} as the index (replacing any index it had).
   *
   * @throws IllegalArgumentException if {@code dates.size() != rows()}
   */
  public Frame withIndex(List<LocalDate> dates) {
    LocalDate[] copy = copyIndex(dates, "dates");
    checkLength("dates", copy.length, rows);
    return new Frame(rows, names, columns, copy);
  }

  /** This frame's columns without an index. */
  public Frame withoutIndex() {
    return index == null ? this : new Frame(rows, names, columns, null);
  }

  /**
   * The given columns as a new {@code rows() x columnNames.size()} row-major matrix.
   *
   * @throws IllegalArgumentException if a name is unknown
   */
  public double[][] toRowMatrix(List<String> columnNames) {
    Objects.requireNonNull(columnNames, "columnNames");
    double[][] selected = new double[columnNames.size()][];
    for (int j = 0; j < selected.length; j++) {
      selected[j] =
          columns[columnIndex(Objects.requireNonNull(columnNames.get(j), "columnNames[" + j + "]"))];
    }
    double[][] out = new double[rows][selected.length];
    for (int i = 0; i < rows; i++) {
      double[] row = out[i];
      for (int j = 0; j < selected.length; j++) {
        row[j] = selected[j][i];
      }
    }
    return out;
  }

  /** All columns as a new {@code rows() x columnCount()} row-major matrix. */
  public double[][] toRowMatrix() {
    return toRowMatrix(columnNames());
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Frame)) {
      return false;
    }
    Frame other = (Frame) o;
    if (rows != other.rows
        || !Arrays.equals(names, other.names)
        || !Arrays.equals(index, other.index)) {
      return false;
    }
    for (int j = 0; j < columns.length; j++) {
      if (!Arrays.equals(columns[j], other.columns[j])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 31 * rows + Arrays.hashCode(names);
    h = 31 * h + Arrays.hashCode(index);
    for (double[] column : columns) {
      h = 31 * h + Arrays.hashCode(column);
    }
    return h;
  }

  /**
   * A short summary such as {@code Frame[252 rows x 562 columns, index 2021-02-07..2025-11-30,
   * columns: Allianz, Athene, ... (552 more)]}.
   */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("Frame[");
    s.append(rows).append(" rows x ").append(names.length).append(" columns, ");
    if (index == null) {
      s.append("no index");
    } else if (rows == 0) {
      s.append("empty index");
    } else {
      s.append("index ").append(index[0]).append("..").append(index[rows - 1]);
    }
    s.append(", columns: ").append(someNames()).append(']');
    return s.toString();
  }

  private String someNames() {
    if (names.length == 0) {
      return "none";
    }
    int shown = Math.min(NAMES_SHOWN, names.length);
    String list = String.join(", ", Arrays.asList(names).subList(0, shown));
    return names.length > shown ? list + ", ... (" + (names.length - shown) + " more)" : list;
  }

  private IllegalArgumentException unknownColumn(String name) {
    return new IllegalArgumentException(
        "column: '" + name + "' not found (available: " + someNames() + ")");
  }

  private void checkColumnPosition(int position) {
    if (position < 0 || position >= names.length) {
      throw new IllegalArgumentException(
          "position: " + position + " (expected: 0 <= position < " + names.length + ")");
    }
  }

  private void checkRow(int row) {
    if (row < 0 || row >= rows) {
      throw new IllegalArgumentException(
          "row: " + row + " (expected: 0 <= row < " + rows + ")");
    }
  }

  private void requireIndex() {
    if (index == null) {
      throw new IllegalStateException("this frame has no date index");
    }
  }

  private static void checkName(String name, String what) {
    Checks.notBlank(Objects.requireNonNull(name, what), what);
    Checks.wellFormed(name, what);
  }

  private static void checkLength(String name, int length, int rows) {
    if (length != rows) {
      throw new IllegalArgumentException(
          name + ": length " + length + " (expected: " + rows + ", the row count)");
    }
  }

  private static LocalDate[] copyIndex(List<LocalDate> dates, String what) {
    Objects.requireNonNull(dates, what);
    LocalDate[] copy = new LocalDate[dates.size()];
    for (int i = 0; i < copy.length; i++) {
      LocalDate d = dates.get(i);
      if (d == null) {
        throw new NullPointerException(what + "[" + i + "]");
      }
      copy[i] = d;
    }
    return copy;
  }

  /**
   * Builds a {@link Frame}. Columns keep the order in which they are added; every array is copied
   * when added, so the caller may reuse it. The index may be set once.
   *
   * <p>Not thread-safe; {@link #build()} may be called repeatedly and never changes the builder.
   */
  public static final class Builder {

    private final List<String> names = new ArrayList<>();
    private final List<double[]> columns = new ArrayList<>();
    private final Map<String, Integer> positions = new HashMap<>();
    private LocalDate[] index;

    private Builder() {}

    /**
     * Sets the date index, one date per row.
     *
     * @throws IllegalStateException if the index was already set
     * @throws NullPointerException if {@code dates} or one of its entries is null
     */
    public Builder index(List<LocalDate> dates) {
      if (index != null) {
        throw new IllegalStateException(
            "index was already set (" + index.length + " dates)");
      }
      index = copyIndex(dates, "dates");
      return this;
    }

    /**
     * Sets the date index, one date per row.
     *
     * @throws IllegalStateException if the index was already set
     * @throws NullPointerException if {@code dates} or one of its entries is null
     */
    public Builder index(LocalDate... dates) {
      Objects.requireNonNull(dates, "dates");
      return index(Arrays.asList(dates));
    }

    /**
     * Appends a column holding a copy of {@code values}.
     *
     * @throws IllegalArgumentException if the name is blank, has an unpaired surrogate or is
     *     already used, or the length differs from the columns (or index) added before
     */
    public Builder column(String name, double[] values) {
      checkName(name, "name");
      Objects.requireNonNull(values, name);
      if (positions.containsKey(name)) {
        throw new IllegalArgumentException(
            "name: '" + name + "' is already a column (names must be unique)");
      }
      if (!columns.isEmpty() && values.length != columns.get(0).length) {
        throw new IllegalArgumentException(
            name + ": length " + values.length + " (expected: " + columns.get(0).length
                + ", as column '" + names.get(0) + "')");
      }
      positions.put(name, names.size());
      names.add(name);
      columns.add(values.clone());
      return this;
    }

    /**
     * A frame of the columns and index added so far.
     *
     * @throws IllegalArgumentException if the index length differs from the column length
     */
    public Frame build() {
      int rows = columns.isEmpty() ? (index == null ? 0 : index.length) : columns.get(0).length;
      if (index != null && index.length != rows) {
        throw new IllegalArgumentException(
            "dates: " + index.length + " dates (expected: " + rows + ", the length of column '"
                + names.get(0) + "')");
      }
      return new Frame(
          rows, names.toArray(new String[0]), columns.toArray(new double[0][]), index);
    }
  }
}
