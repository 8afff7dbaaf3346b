package io.rila.core.frame;

import io.rila.core.internal.AtomicFiles;
import io.rila.core.internal.Checks;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;

/**
 * Reads and writes {@link Frame}s as CSV with a header row (Apache Commons CSV underneath).
 *
 * <pre>{@code
 * Frame weekly = FrameCsv.defaults().read(Path.of("weekly_aggregated.csv"));
 *
 * FrameCsv weightsCsv = FrameCsv.newBuilder().noIndex().skipColumns("current_quarter").build();
 * Frame weights = weightsCsv.read(Path.of("market_share_weights.csv"));
 * List<String> quarters = weightsCsv.readStrings(Path.of("market_share_weights.csv"),
 *     "current_quarter");                                   // "2021_Q2", ...
 *
 * FrameCsv.defaults().write(weekly, Path.of("out/weekly.csv")); // atomic
 * }</pre>
 *
 * <p><b>Reading.</b> The first record is the header: names must be non-blank and unique. Every
 * later record must have as many cells as the header (blank lines are skipped, but a line {@code
 * ""} is a row of one empty cell, as pandas reads it; a leading UTF-8 byte-order mark is ignored,
 * also before a quoted name). The index column
 * is the one named by {@link Builder#indexColumn(String)}; by default a column named {@code date}
 * if the header has one, else no index; {@link Builder#noIndex()} reads every column as a value
 * column. Index cells are ISO dates, with or without a midnight time part ({@code 2022-09-04},
 * {@code 2022-09-04 00:00:00}, {@code 2022-09-04T00:00}); any other time of day is an error, since
 * a frame's index holds dates. Value cells are decimal numbers ({@code 4.5}, {@code -1e-3}); an
 * empty cell and the tokens {@code NaN}, {@code nan} are {@code NaN}; {@code inf}, {@code
 * Infinity} (with an optional sign) are infinities. Spaces around unquoted cells are ignored;
 * quoted text is kept as written, so a name such as {@code " lead"} keeps its spaces (numbers and
 * dates are read without surrounding white space, quoted or not).
 *
 * <p>Columns that hold labels rather than numbers (a quarter key like {@code 2021_Q2}) are either
 * named in {@link Builder#skipColumns(String...)}, or dropped wholesale by {@link
 * Builder#skipNonNumeric()} (a column is dropped when any of its cells is not a number); without
 * either, a label cell is an error. Read such columns with {@link #readStrings(Path, String)}, one
 * string per data row, aligned with the frame's rows.
 *
 * <p>Errors are {@link IllegalArgumentException}s that name the source (file path or the name
 * given with a {@link Reader}), the line number (the header is line 1) and the column: a missing
 * or blank header, a duplicate name, a name with an unpaired UTF-16 surrogate (from a {@link
 * Reader}), a ragged row, an unparsable number or date, malformed quoting. Files must be UTF-8: a
 * file that is not (Latin-1, Windows-1252, UTF-16 with a byte-order mark) fails with the line and
 * byte offset of the first invalid byte, and a header holding NUL characters (UTF-16 without one)
 * fails too.
 *
 * <p><b>Writing.</b> {@link #write(Frame, Path)} writes the index first (named as configured,
 * {@code date} by default) as {@code yyyy-MM-dd}, then every column; {@code NaN} is an empty cell
 * and other numbers use {@link Double#toString(double)}, so reading the file back gives the same
 * frame bit for bit (a one-column frame's missing value is written {@code ""}, which reads back
 * as {@code NaN}; names are quoted where they have surrounding spaces). The file is written to a
 * temporary file in the same folder, forced to disk and renamed over the target, so readers never
 * see a partial file; a file replaced keeps its POSIX permissions.
 *
 * <p><b>Thread safety:</b> instances are immutable and may be shared; each call works on its own
 * state. Reading allocates the frame plus one growable buffer per column.
 */
public final class FrameCsv {

  /** The name of the default index column. */
  public static final String DEFAULT_INDEX = "date";

  private static final FrameCsv DEFAULTS = new FrameCsv(null, false, Set.of(), false);

  /**
   * Spaces around unquoted cells and around quotes are ignored, quoted text is kept as it is, and
   * an unquoted empty cell reads as {@code null} (the strict quote mode): so a line {@code ""}
   * (a quoted empty cell) is told apart from a blank line.
   */
  private static final CSVFormat READ_FORMAT = CSVFormat.DEFAULT.builder()
      .setIgnoreSurroundingSpaces(true)
      .setIgnoreEmptyLines(false)
      .setQuoteMode(QuoteMode.ALL_NON_NULL)
      .get();

  private static final int ENCODING_CHUNK = 1 << 16;

  private static final CSVFormat WRITE_FORMAT =
      CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

  private final String indexColumn;
  private final boolean noIndex;
  private final Set<String> skipColumns;
  private final boolean skipNonNumeric;

  private FrameCsv(
      String indexColumn, boolean noIndex, Set<String> skipColumns, boolean skipNonNumeric) {
    this.indexColumn = indexColumn;
    this.noIndex = noIndex;
    this.skipColumns = skipColumns;
    this.skipNonNumeric = skipNonNumeric;
  }

  /** The default settings: index column {@code date} when present, every other column numeric. */
  public static FrameCsv defaults() {
    return DEFAULTS;
  }

  /** A builder for non-default settings. */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Reads a frame from a UTF-8 file.
   *
   * @throws IOException if the file cannot be read or is a directory (the message names it)
   * @throws IllegalArgumentException if the content is malformed or not UTF-8 (the message names
   *     the file, line and column, or the byte offset)
   */
  public Frame read(Path path) throws IOException {
    Objects.requireNonNull(path, "path");
    checkNotDirectory(path);
    try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      return read(in, path.toString());
    } catch (CharacterCodingException e) {
      throw notUtf8(path, e);
    }
  }

  /**
   * Reads a frame from {@code reader}, which is not closed; {@code source} names it in messages.
   *
   * @throws IOException if reading fails
   * @throws IllegalArgumentException if the content is malformed (the message names the source,
   *     line and column)
   */
  public Frame read(Reader reader, String source) throws IOException {
    Objects.requireNonNull(reader, "reader");
    Objects.requireNonNull(source, "source");
    Table table = new Table(source);
    CSVParser parser = CSVParser.parse(skipByteOrderMark(reader), READ_FORMAT);
    List<String> header = table.header(parser);
    int indexAt = resolveIndex(header, source);
    checkSkipped(header, source);
    int width = header.size();
    String[] names = header.toArray(new String[0]);
    boolean[] numeric = new boolean[width];
    ColumnBuffer[] buffers = new ColumnBuffer[width];
    for (int j = 0; j < width; j++) {
      numeric[j] = j != indexAt && !skipColumns.contains(names[j]);
      buffers[j] = numeric[j] ? new ColumnBuffer() : null;
    }
    List<LocalDate> dates = indexAt >= 0 ? new ArrayList<>() : null;
    table.forEachRow(
        parser,
        (record, line) -> {
          if (indexAt >= 0) {
            dates.add(parseDate(cell(record, indexAt), source, line, names[indexAt]));
          }
          for (int j = 0; j < width; j++) {
            ColumnBuffer buffer = buffers[j];
            if (buffer == null) {
              continue;
            }
            String cell = cell(record, j);
            double value = parseNumber(cell);
            if (value != value && !isNanToken(cell)) {
              if (!skipNonNumeric) {
                throw new IllegalArgumentException(
                    source + ": line " + line + ", column '" + names[j] + "': '" + cell
                        + "' is not a number");
              }
              buffers[j] = null;
              continue;
            }
            buffer.add(value);
          }
        });
    Frame.Builder builder = Frame.newBuilder();
    if (dates != null) {
      builder.index(dates);
    }
    for (int j = 0; j < width; j++) {
      if (buffers[j] != null) {
        builder.column(names[j], buffers[j].toArray(table.rows));
      }
    }
    return builder.build();
  }

  /**
   * Reads one column of a UTF-8 file as strings, one per data row (empty cells are {@code ""};
   * quoted cells keep their spaces),
   * with the same header and row checks as {@link #read(Path)}.
   *
   * @throws IOException if the file cannot be read or is a directory (the message names it)
   * @throws IllegalArgumentException if the file is malformed or not UTF-8, or has no column
   *     {@code column}
   */
  public List<String> readStrings(Path path, String column) throws IOException {
    Objects.requireNonNull(path, "path");
    checkNotDirectory(path);
    try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      return readStrings(in, path.toString(), column);
    } catch (CharacterCodingException e) {
      throw notUtf8(path, e);
    }
  }

  /**
   * Reads one column from {@code reader} (not closed) as strings, one per data row.
   *
   * @throws IOException if reading fails
   * @throws IllegalArgumentException if the content is malformed or has no column {@code column}
   */
  public List<String> readStrings(Reader reader, String source, String column)
      throws IOException {
    Objects.requireNonNull(reader, "reader");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(column, "column");
    Table table = new Table(source);
    CSVParser parser = CSVParser.parse(skipByteOrderMark(reader), READ_FORMAT);
    List<String> header = table.header(parser);
    int at = header.indexOf(column);
    if (at < 0) {
      throw new IllegalArgumentException(
          "column: '" + column + "' not found in the header of " + source + " (available: "
              + someNames(header) + ")");
    }
    List<String> out = new ArrayList<>();
    table.forEachRow(parser, (record, line) -> out.add(cell(record, at)));
    return List.copyOf(out);
  }

  /**
   * Writes {@code frame} to {@code path} atomically (temporary file in the same folder, forced to
   * disk, then renamed), replacing any existing file.
   *
   * @throws IOException if writing fails (the target is then left as it was)
   * @throws IllegalArgumentException if a column has the index column's name (also when the
   *     frame has no index, unless these settings read no index), or a name holds a NUL character
   */
  public void write(Frame frame, Path path) throws IOException {
    Objects.requireNonNull(frame, "frame");
    Objects.requireNonNull(path, "path");
    checkWritable(frame);
    AtomicFiles.write(
        path, out -> write(frame, new OutputStreamWriter(out, StandardCharsets.UTF_8)));
  }

  /**
   * Writes {@code frame} as CSV to {@code writer}, which is flushed but not closed.
   *
   * @throws IOException if writing fails
   * @throws IllegalArgumentException if a column has the index column's name (also when the
   *     frame has no index, unless these settings read no index), or a name holds a NUL character
   */
  public void write(Frame frame, Writer writer) throws IOException {
    Objects.requireNonNull(frame, "frame");
    Objects.requireNonNull(writer, "writer");
    checkWritable(frame);
    Writer buffered = writer instanceof BufferedWriter ? writer : new BufferedWriter(writer);
    int rows = frame.rows();
    int width = frame.columnCount();
    boolean indexed = frame.hasIndex();
    if (!indexed && width > 0 && frame.columnName(0).startsWith("\uFEFF")) {
      // reading drops one leading byte-order mark: write one so that the name keeps its own
      buffered.write('\uFEFF');
    }
    if (indexed) {
      buffered.write(headerCell(writtenIndexName()));
    }
    for (int j = 0; j < width; j++) {
      if (indexed || j > 0) {
        buffered.write(',');
      }
      buffered.write(headerCell(frame.columnName(j)));
    }
    buffered.write('\n');
    CSVPrinter printer = new CSVPrinter(buffered, WRITE_FORMAT);
    double[][] columns = new double[width][];
    for (int j = 0; j < width; j++) {
      columns[j] = frame.column(j);
    }
    for (int i = 0; i < rows; i++) {
      if (indexed) {
        printer.print(frame.date(i).toString());
      }
      for (int j = 0; j < width; j++) {
        double v = columns[j][i];
        printer.print(v != v ? "" : Double.toString(v));
      }
      printer.println();
    }
    printer.flush();
  }

  @Override
  public String toString() {
    return "FrameCsv[index="
        + (noIndex ? "none" : indexColumn == null ? "'date' if present" : "'" + indexColumn + "'")
        + ", skipColumns=" + skipColumns + ", skipNonNumeric=" + skipNonNumeric + "]";
  }

  /**
   * A name as a header cell: quoted when it holds a delimiter, quote or line break, or starts or
   * ends with white space that reading would otherwise ignore.
   */
  private static String headerCell(String name) {
    boolean quote = Character.isWhitespace(name.charAt(0))
        || Character.isWhitespace(name.charAt(name.length() - 1));
    for (int k = 0; k < name.length() && !quote; k++) {
      char c = name.charAt(k);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    return quote ? '"' + name.replace("\"", "\"\"") + '"' : name;
  }

  private String writtenIndexName() {
    return indexColumn != null ? indexColumn : DEFAULT_INDEX;
  }

  private void checkWritable(Frame frame) {
    if (frame.hasIndex() && frame.hasColumn(writtenIndexName())) {
      throw new IllegalArgumentException(
          "frame: has a column named '" + writtenIndexName()
              + "', the name of the index column (rename it or set another indexColumn)");
    }
    if (!frame.hasIndex() && !noIndex && frame.hasColumn(writtenIndexName())) {
      throw new IllegalArgumentException("frame: has no index but a column named '"
          + writtenIndexName() + "', which reading takes for the index (write it with noIndex()"
          + " settings, or rename the column)");
    }
    for (int j = 0; j < frame.columnCount(); j++) {
      String name = frame.columnName(j);
      if (name.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("frame: column '" + name.replace("\0", "\\0")
            + "' holds a NUL character (expected: none, which reading takes for a UTF-16 file)");
      }
    }
  }

  private int resolveIndex(List<String> header, String source) {
    if (noIndex) {
      return -1;
    }
    if (indexColumn == null) {
      return header.indexOf(DEFAULT_INDEX);
    }
    int at = header.indexOf(indexColumn);
    if (at < 0) {
      throw new IllegalArgumentException(
          "indexColumn: '" + indexColumn + "' not found in the header of " + source
              + " (available: " + someNames(header) + ")");
    }
    return at;
  }

  private void checkSkipped(List<String> header, String source) {
    for (String name : skipColumns) {
      if (!header.contains(name)) {
        throw new IllegalArgumentException(
            "skipColumns: '" + name + "' not found in the header of " + source + " (available: "
                + someNames(header) + ")");
      }
    }
  }

  private static String someNames(List<String> header) {
    int shown = Math.min(10, header.size());
    String list = String.join(", ", header.subList(0, shown));
    return header.size() > shown ? list + ", ... (" + (header.size() - shown) + " more)" : list;
  }

  /** Names the path: the platform's own error ("Is a directory") does not. */
  private static void checkNotDirectory(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      throw new IOException(path + ": a directory (expected: a CSV file)");
    }
  }

  /** The cell's text: {@code ""} for an unquoted empty cell (which the parser gives as null). */
  private static String cell(CSVRecord record, int j) {
    String cell = record.get(j);
    return cell == null ? "" : cell;
  }

  /** {@code reader} past a leading UTF-8 byte-order mark, if it starts with one. */
  private static Reader skipByteOrderMark(Reader reader) throws IOException {
    PushbackReader in = new PushbackReader(reader, 1);
    int first = in.read();
    if (first >= 0 && first != '\uFEFF') {
      in.unread(first);
    }
    return in;
  }

  /**
   * The error for a file that is not UTF-8: found again by decoding the file from the start, to
   * name the line and byte offset of the first invalid byte.
   */
  private static IllegalArgumentException notUtf8(Path path, CharacterCodingException cause)
      throws IOException {
    String expected = " (expected: UTF-8 text; convert a Latin-1, Windows-1252 or UTF-16 file to"
        + " UTF-8 first)";
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.allocate(ENCODING_CHUNK);
    CharBuffer out = CharBuffer.allocate(ENCODING_CHUNK);
    long line = 1;
    long consumed = 0;
    try (SeekableByteChannel channel = Files.newByteChannel(path)) {
      boolean end = false;
      while (!end) {
        end = channel.read(in) < 0;
        in.flip();
        CoderResult result;
        do {
          int before = in.position();
          result = decoder.decode(in, out, end);
          for (int i = before; i < in.position(); i++) {
            line += in.get(i) == '\n' ? 1 : 0;
          }
          out.clear();
        } while (result.isOverflow());
        if (result.isError()) {
          StringBuilder bytes = new StringBuilder();
          for (int i = in.position(); i < Math.min(in.limit(), in.position() + 4); i++) {
            bytes.append(bytes.length() == 0 ? "" : " ")
                .append(String.format(Locale.ROOT, "%02X", in.get(i)));
          }
          return new IllegalArgumentException(path + ": line " + line + ", byte offset "
              + (consumed + in.position()) + ": not valid UTF-8 (bytes " + bytes + ")" + expected,
              cause);
        }
        consumed += in.position();
        in.compact();
      }
    }
    return new IllegalArgumentException(path + ": not valid UTF-8 (" + cause + ")" + expected,
        cause);
  }

  /**
   * Parses a decimal number, returning {@code NaN} for an empty cell and for anything that is not
   * a plain decimal literal or an infinity token (the caller tells the two apart). Surrounding
   * white space (inside quotes too) is ignored.
   */
  private static double parseNumber(String text) {
    String cell = text.trim();
    int n = cell.length();
    if (n == 0) {
      return Double.NaN;
    }
    for (int k = 0; k < n; k++) {
      char c = cell.charAt(k);
      boolean plain = (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '-'
          || c == '+';
      if (!plain) {
        return infinity(cell);
      }
    }
    try {
      return Double.parseDouble(cell);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static double infinity(String cell) {
    switch (cell) {
      case "inf":
      case "+inf":
      case "Infinity":
      case "+Infinity":
        return Double.POSITIVE_INFINITY;
      case "-inf":
      case "-Infinity":
        return Double.NEGATIVE_INFINITY;
      default:
        return Double.NaN;
    }
  }

  private static boolean isNanToken(String text) {
    String cell = text.trim();
    return cell.isEmpty() || cell.equals("NaN") || cell.equals("nan");
  }

  private static LocalDate parseDate(String text, String source, long line, String column) {
    String cell = text.trim();
    try {
      if (cell.length() > 10 && (cell.charAt(10) == ' ' || cell.charAt(10) == 'T')) {
        LocalTime time = LocalTime.parse(cell.substring(11));
        if (!time.equals(LocalTime.MIDNIGHT)) {
          throw new IllegalArgumentException(
              source + ": line " + line + ", column '" + column + "': '" + cell
                  + "' has a time of day (expected: a date, optionally at 00:00:00)");
        }
        return LocalDate.parse(cell.substring(0, 10));
      }
      return LocalDate.parse(cell);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          source + ": line " + line + ", column '" + column + "': '" + cell
              + "' is not an ISO date (expected: yyyy-MM-dd, optionally with 00:00:00)",
          e);
    }
  }

  /** Per-row callback of {@link Table#forEachRow}. */
  private interface RowAction {
    void accept(CSVRecord record, long line);
  }

  /** Header and row-shape checks shared by the readers. */
  private static final class Table {
    private final String source;
    private int width;
    private int rows;
    private long headerLine;

    Table(String source) {
      this.source = source;
    }

    List<String> header(CSVParser parser) throws IOException {
      CSVRecord first;
      try {
        first = nextNonBlank(parser);
      } catch (UncheckedIOException e) {
        throw malformed(e);
      }
      if (first == null) {
        throw new IllegalArgumentException(source + ": empty (expected: a header row)");
      }
      List<String> names = new ArrayList<>(first.size());
      for (String name : first) {
        names.add(name == null ? "" : name);
      }
      Map<String, Integer> seen = new HashMap<>();
      for (int j = 0; j < names.size(); j++) {
        String name = names.get(j);
        if (name.indexOf('\0') >= 0) {
          throw new IllegalArgumentException(source + ": line " + headerLine + " holds NUL"
              + " characters (expected: UTF-8 text; convert a UTF-16 file to UTF-8 first)");
        }
        if (name.isBlank()) {
          throw new IllegalArgumentException(
              source + ": line " + headerLine + ", header column " + (j + 1)
                  + " is blank (expected: a name)");
        }
        Checks.wellFormed(name, source + ": line " + headerLine + ", header column " + (j + 1));
        Integer before = seen.put(name, j);
        if (before != null) {
          throw new IllegalArgumentException(
              source + ": line " + headerLine + ", duplicate column '" + name
                  + "' (header columns " + (before + 1) + " and " + (j + 1) + ")");
        }
      }
      width = names.size();
      return names;
    }

    void forEachRow(CSVParser parser, RowAction action) throws IOException {
      long line = parser.getCurrentLineNumber() + 1;
      try {
        for (CSVRecord record : parser) {
          if (!isBlank(record)) {
            if (record.size() != width) {
              throw new IllegalArgumentException(
                  source + ": line " + line + " has " + record.size() + " cells (expected: "
                      + width + ", as the header)");
            }
            action.accept(record, line);
            rows++;
          }
          line = parser.getCurrentLineNumber() + 1;
        }
      } catch (UncheckedIOException e) {
        throw malformed(e);
      }
    }

    private CSVRecord nextNonBlank(CSVParser parser) {
      headerLine = parser.getCurrentLineNumber() + 1;
      for (CSVRecord record : parser) {
        if (!isBlank(record)) {
          return record;
        }
        headerLine = parser.getCurrentLineNumber() + 1;
      }
      return null;
    }

    /** A line with no cell; a line {@code ""} holds one empty cell and is not blank. */
    private static boolean isBlank(CSVRecord record) {
      return record.size() == 1 && record.get(0) == null;
    }

    /** The error to throw for a failure inside the CSV parser: content or I/O. */
    private IllegalArgumentException malformed(UncheckedIOException e) throws IOException {
      if (e.getCause() instanceof CSVException) {
        return new IllegalArgumentException(
            source + ": malformed CSV: " + e.getCause().getMessage(), e);
      }
      throw e.getCause();
    }
  }

  /** A growable column of doubles. */
  private static final class ColumnBuffer {
    private double[] values = new double[256];
    private int size;

    void add(double v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    double[] toArray(int rows) {
      return size == rows && values.length == rows ? values : Arrays.copyOf(values, size);
    }
  }

  /**
   * Settings for a {@link FrameCsv}. Each setting may be made once; {@link #build()} is repeatable.
   * Not thread-safe.
   */
  public static final class Builder {
    private String indexColumn;
    private boolean noIndex;
    private Set<String> skipColumns;
    private boolean skipNonNumeric;

    private Builder() {}

    /**
     * Reads column {@code name} as the date index (it must be present when reading) and writes
     * the index under that name.
     *
     * @throws IllegalStateException if the index column was already set or {@link #noIndex()} was
     *     called
     * @throws IllegalArgumentException if {@code name} is blank or has an unpaired surrogate
     */
    public Builder indexColumn(String name) {
      Objects.requireNonNull(name, "name");
      Checks.notBlank(name, "indexColumn");
      Checks.wellFormed(name, "indexColumn");
      checkIndexUnset();
      indexColumn = name;
      return this;
    }

    /**
     * Reads no index: every column (the {@code date} column too) is a value column.
     *
     * @throws IllegalStateException if the index column was already set or this was already
     *     called
     */
    public Builder noIndex() {
      checkIndexUnset();
      noIndex = true;
      return this;
    }

    /**
     * Leaves these columns out when reading a frame (they must be present in the header).
     *
     * @throws IllegalStateException if called twice
     * @throws IllegalArgumentException if no name is given
     */
    public Builder skipColumns(String... names) {
      Objects.requireNonNull(names, "names");
      Checks.unset(skipColumns == null, "skipColumns", skipColumns);
      if (names.length == 0) {
        throw new IllegalArgumentException("skipColumns: no names (expected: at least one)");
      }
      Set<String> set = new LinkedHashSet<>();
      for (int k = 0; k < names.length; k++) {
        set.add(Objects.requireNonNull(names[k], "names[" + k + "]"));
      }
      skipColumns = set;
      return this;
    }

    /**
     * Drops, instead of rejecting, every value column that has a cell that is not a number.
     *
     * @throws IllegalStateException if called twice
     */
    public Builder skipNonNumeric() {
      if (skipNonNumeric) {
        throw new IllegalStateException("skipNonNumeric was already set");
      }
      skipNonNumeric = true;
      return this;
    }

    /** The configured reader/writer. */
    public FrameCsv build() {
      return new FrameCsv(
          indexColumn,
          noIndex,
          skipColumns == null
              ? Set.of()
              : Collections.unmodifiableSet(new LinkedHashSet<>(skipColumns)),
          skipNonNumeric);
    }

    private void checkIndexUnset() {
      Checks.unset(indexColumn == null, "indexColumn", "'" + indexColumn + "'");
      if (noIndex) {
        throw new IllegalStateException("noIndex() was already called");
      }
    }
  }
}
