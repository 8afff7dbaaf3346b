package io.rila.core.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rila.core.testing.SharedData;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameCsvTest {

  @TempDir Path dir;

  private static Frame parse(String text) throws IOException {
    return FrameCsv.defaults().read(new StringReader(text), "mem.csv");
  }

  /**
   * Checks every cell of {@code frame} against the raw text of {@code file}, split on commas (the
   * reference files have no quoting): numbers via {@link Double#parseDouble}, empty cells as NaN,
   * the date column as the first ten characters.
   */
  private static void assertMatchesRawText(Frame frame, Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    String[] header = lines.get(0).split(",", -1);
    assertThat(frame.rows()).isEqualTo(lines.size() - 1);
    int nans = 0;
    for (int i = 1; i < lines.size(); i++) {
      String[] cells = lines.get(i).split(",", -1);
      assertThat(cells).hasSize(header.length);
      for (int j = 0; j < header.length; j++) {
        if (header[j].equals("date")) {
          assertThat(frame.date(i - 1)).isEqualTo(LocalDate.parse(cells[j].substring(0, 10)));
        } else if (cells[j].isEmpty()) {
          assertThat(frame.get(i - 1, header[j])).isNaN();
          nans++;
        } else {
          double expected = Double.parseDouble(cells[j]);
          assertThat(Double.doubleToRawLongBits(frame.get(i - 1, header[j])))
              .as("line %d, column %s", i + 1, header[j])
              .isEqualTo(Double.doubleToRawLongBits(expected));
        }
      }
    }
    int frameNans = 0;
    for (int j = 0; j < frame.columnCount(); j++) {
      for (double v : frame.column(j)) {
        frameNans += Double.isNaN(v) ? 1 : 0;
      }
    }
    assertThat(frameNans).isEqualTo(nans);
  }

  @Test
  void read_finalWeeklyDataset() throws IOException {
    Path file = SharedData.dataFile("final_weekly_dataset.csv");
    Frame f = FrameCsv.defaults().read(file);
    assertThat(f.rows()).isEqualTo(252);
    assertThat(f.columnCount() + 1).isEqualTo(562);
    assertThat(f.hasColumn("date")).isFalse();
    assertThat(f.date(0)).isEqualTo(LocalDate.of(2021, 2, 7));
    assertThat(f.date(251)).isEqualTo(LocalDate.of(2025, 11, 30));
    assertThat(f.columnName(0)).isEqualTo("Allianz");
    assertThat(f.get(0, "Prudential")).isEqualTo(3.7857142857142856);
    assertThat(f.get(0, "sales_log")).isEqualTo(18.480854742859513);
    assertThat(f.get(251, "Spread")).isEqualTo(-0.00552524978218405);
    assertThat(f.get(0, "prudential_rate_t18")).isNaN();
    assertMatchesRawText(f, file);
  }

  @Test
  void read_weeklyAggregated() throws IOException {
    Path file = SharedData.dataFile("weekly_aggregated.csv");
    Frame f = FrameCsv.defaults().read(file);
    assertThat(f.rows()).isEqualTo(266);
    assertThat(f.columnCount()).isEqualTo(25);
    assertThat(f.columnNames().subList(0, 3))
        .containsExactly("C_weighted_mean", "C_core", "C_median");
    assertThat(f.get(0, "DGS5")).isNaN();
    assertThat(f.get(0, "VIXCLS")).isNaN();
    assertThat(f.get(1, "DGS5")).isEqualTo(0.4428571428571429);
    assertMatchesRawText(f, file);
  }

  @Test
  void read_marketShareWeightsWithQuarterKey() throws IOException {
    Path file = SharedData.dataFile("market_share_weights.csv");
    FrameCsv csv = FrameCsv.newBuilder().skipColumns("current_quarter").build();
    Frame f = csv.read(file);
    assertThat(f.hasIndex()).isFalse();
    assertThat(f.rows()).isEqualTo(19);
    assertThat(f.columnCount()).isEqualTo(10);
    assertThat(f.get(0, "Allianz_weight")).isEqualTo(0.2863779148863159);
    List<String> quarters = csv.readStrings(file, "current_quarter");
    assertThat(quarters).hasSize(19);
    assertThat(quarters.get(0)).isEqualTo("2021_Q2");
    assertThat(quarters.get(18)).isEqualTo("2025_Q4");
    Frame numericOnly = FrameCsv.newBuilder().skipNonNumeric().build().read(file);
    assertThat(numericOnly).isEqualTo(f);
  }

  @Test
  void write_roundTripsRealDataBitForBit() throws IOException {
    Frame f = FrameCsv.defaults().read(SharedData.dataFile("final_weekly_dataset.csv"));
    Path out = dir.resolve("copy.csv");
    FrameCsv.defaults().write(f, out);
    assertThat(FrameCsv.defaults().read(out)).isEqualTo(f);
  }

  @Test
  void write_roundTripsExtremeDoublesBitForBit() throws IOException {
    SplittableRandom random = new SplittableRandom(7);
    double[] special = {
      0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE,
      -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
      0.1, 1.0 / 3, 1e-310, 123456789012345678.0
    };
    double[] randomBits = new double[1000];
    for (int i = 0; i < randomBits.length; i++) {
      double v;
      do {
        v = Double.longBitsToDouble(random.nextLong());
      } while (Double.isNaN(v));
      randomBits[i] = v;
    }
    double[] gaussian = new double[1000];
    for (int i = 0; i < gaussian.length; i++) {
      gaussian[i] = random.nextDouble() * Math.pow(10, random.nextInt(-20, 20));
    }
    Frame f = Frame.newBuilder()
        .column("special", padded(special, 1000))
        .column("bits", randomBits)
        .column("scaled", gaussian)
        .build();
    Path out = dir.resolve("extreme.csv");
    FrameCsv.defaults().write(f, out);
    assertThat(FrameCsv.defaults().read(out)).isEqualTo(f);
  }

  private static double[] padded(double[] values, int n) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = values[i % values.length];
    }
    return out;
  }

  @Test
  void write_indexFirstNanEmptyAndReplacesAtomically() throws IOException {
    Frame f = Frame.newBuilder()
        .index(LocalDate.of(2024, 1, 7), LocalDate.of(2024, 1, 14))
        .column("a,b", new double[] {1.5, Double.NaN})
        .column("c", new double[] {-2, 3e-20})
        .build();
    Path out = dir.resolve("f.csv");
    Files.writeString(out, "old content");
    FrameCsv.defaults().write(f, out);
    assertThat(Files.readString(out))
        .isEqualTo("date,\"a,b\",c\n2024-01-07,1.5,-2.0\n2024-01-14,,3.0E-20\n");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(out);
    }
    assertThat(FrameCsv.defaults().read(out)).isEqualTo(f);

    FrameCsv weekCsv = FrameCsv.newBuilder().indexColumn("week").build();
    StringWriter text = new StringWriter();
    weekCsv.write(f.select("c"), text);
    assertThat(text.toString()).startsWith("week,c\n2024-01-07,-2.0\n");
    assertThat(weekCsv.read(new StringReader(text.toString()), "s")).isEqualTo(f.select("c"));
  }

  @Test
  void write_missingFolderLeavesNothing() {
    Path out = dir.resolve("absent").resolve("f.csv");
    assertThatThrownBy(() -> FrameCsv.defaults().write(Frame.newBuilder().build(), out))
        .isInstanceOf(IOException.class);
    assertThat(out.getParent()).doesNotExist();
  }

  @Test
  void write_badInput() {
    Frame clash = Frame.newBuilder()
        .index(LocalDate.of(2024, 1, 7))
        .column("date", new double[] {1})
        .build();
    assertThatThrownBy(() -> FrameCsv.defaults().write(clash, dir.resolve("x.csv")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("frame: has a column named 'date'");
    assertThatThrownBy(() -> FrameCsv.defaults().write(null, dir.resolve("x.csv")))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("frame");
    assertThatThrownBy(() -> FrameCsv.defaults().write(clash, (Path) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("path");
    assertThat(dir.resolve("x.csv")).doesNotExist();
  }

  @Test
  void read_datesWithAndWithoutTimeMissingCellsAndTokens() throws IOException {
    Frame f = parse(
        "x,date,y\n"
            + "1,2022-09-04 00:00:00,\n"
            + " 2.5 ,2022-09-11T00:00,NaN\n"
            + "\n"
            + "-1e3,2022-09-18,inf\n"
            + "\"4\",2022-09-25,-Infinity");
    assertThat(f.columnNames()).containsExactly("x", "y");
    assertThat(f.dates())
        .containsExactly(
            LocalDate.of(2022, 9, 4),
            LocalDate.of(2022, 9, 11),
            LocalDate.of(2022, 9, 18),
            LocalDate.of(2022, 9, 25));
    assertThat(f.column("x")).containsExactly(1, 2.5, -1000, 4);
    double[] y = f.column("y");
    assertThat(y[0]).isNaN();
    assertThat(y[1]).isNaN();
    assertThat(y[2]).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(y[3]).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void read_ignoresByteOrderMark() throws IOException {
    Frame f = parse("\uFEFFdate,a\n2024-01-07,1\n");
    assertThat(f.hasIndex()).isTrue();
    assertThat(f.columnNames()).containsExactly("a");
  }

  @Test
  void read_headerOnlyGivesEmptyFrame() throws IOException {
    Frame f = parse("date,a,b\n");
    assertThat(f.rows()).isZero();
    assertThat(f.columnNames()).containsExactly("a", "b");
    assertThat(f.hasIndex()).isTrue();
  }

  @Test
  void read_indexOptions() throws IOException {
    String text = "week,date,v\n2024-01-07,1,2\n";
    Frame byWeek = FrameCsv.newBuilder().indexColumn("week").build()
        .read(new StringReader(text), "s");
    assertThat(byWeek.date(0)).isEqualTo(LocalDate.of(2024, 1, 7));
    assertThat(byWeek.columnNames()).containsExactly("date", "v");
    Frame none = FrameCsv.newBuilder().noIndex().skipColumns("week").build()
        .read(new StringReader(text), "s");
    assertThat(none.hasIndex()).isFalse();
    assertThat(none.columnNames()).containsExactly("date", "v");
    assertThat(parse("a\n1\n").hasIndex()).isFalse();
  }

  @Test
  void read_emptySource() {
    assertThatThrownBy(() -> parse(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mem.csv: empty");
    assertThatThrownBy(() -> parse("\n\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mem.csv: empty");
  }

  @Test
  void read_duplicateHeader() {
    assertThatThrownBy(() -> parse("date,a,b,a\n2024-01-07,1,2,3\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mem.csv: line 1")
        .hasMessageContaining("duplicate column 'a'")
        .hasMessageContaining("header columns 2 and 4");
  }

  @Test
  void read_blankHeaderName() {
    assertThatThrownBy(() -> parse("\n,a\n1,2\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mem.csv: line 2")
        .hasMessageContaining("header column 1 is blank");
  }

  @Test
  void read_missingIndexOrSkippedColumn() {
    assertThatThrownBy(
            () -> FrameCsv.newBuilder().indexColumn("week").build()
                .read(new StringReader("date,a\n2024-01-07,1\n"), "w.csv"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("indexColumn: 'week' not found in the header of w.csv")
        .hasMessageContaining("available: date, a");
    assertThatThrownBy(
            () -> FrameCsv.newBuilder().skipColumns("q").build()
                .read(new StringReader("a\n1\n"), "w.csv"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("skipColumns: 'q' not found");
  }

  @Test
  void read_raggedRowNamesLine() {
    assertThatThrownBy(() -> parse("date,a,b\n2024-01-07,1,2\n\n2024-01-14,3\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mem.csv: line 4 has 2 cells (expected: 3");
    assertThatThrownBy(() -> parse("a,b\n1,2\n3,4,5"))
        .hasMessageContaining("line 3 has 3 cells");
  }

  @Test
  void read_unparsableCellNamesLineAndColumn() {
    assertThatThrownBy(() -> parse("date,a,b\n2024-01-07,1,2\n2024-01-14,3,x4\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mem.csv: line 3, column 'b': 'x4' is not a number");
    assertThatThrownBy(() -> parse("a\n1.5d\n")).hasMessageContaining("'1.5d' is not a number");
    assertThatThrownBy(() -> parse("a\n0x1p3\n")).hasMessageContaining("line 2, column 'a'");
    assertThatThrownBy(() -> parse("a\n1e\n")).hasMessageContaining("'1e' is not a number");
    assertThatThrownBy(() -> parse("a\n1\n--2\n")).hasMessageContaining("line 3, column 'a'");
  }

  @Test
  void read_skipNonNumericDropsLabelColumns() throws IOException {
    Frame f = FrameCsv.newBuilder().skipNonNumeric().build()
        .read(new StringReader("a,q,b\n1,2021_Q2,2\n3,4,5\n"), "s");
    assertThat(f.columnNames()).containsExactly("a", "b");
    assertThat(f.column("b")).containsExactly(2, 5);
  }

  @Test
  void read_badDates() {
    assertThatThrownBy(() -> parse("date,a\n2024-13-01,1\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mem.csv: line 2, column 'date': '2024-13-01' is not an ISO date");
    assertThatThrownBy(() -> parse("date,a\n2024-01-07,1\n,2\n"))
        .hasMessageContaining("line 3, column 'date': '' is not an ISO date");
    assertThatThrownBy(() -> parse("date,a\n2024-01-07 12:30:00,1\n"))
        .hasMessageContaining("line 2")
        .hasMessageContaining("has a time of day");
    assertThatThrownBy(() -> parse("date,a\n2024-01-07 noon,1\n"))
        .hasMessageContaining("is not an ISO date");
  }

  @Test
  void read_malformedQuoting() {
    assertThatThrownBy(() -> parse("a,b\n1,\"2\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mem.csv: malformed CSV");
  }

  @Test
  void read_nullArguments() {
    assertThatThrownBy(() -> FrameCsv.defaults().read((Path) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("path");
    assertThatThrownBy(() -> FrameCsv.defaults().read(null, "s"))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("reader");
    assertThatThrownBy(() -> FrameCsv.defaults().read(new StringReader("a\n"), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("source");
  }

  @Test
  void read_missingFile() {
    assertThatThrownBy(() -> FrameCsv.defaults().read(dir.resolve("none.csv")))
        .isInstanceOf(IOException.class);
  }

  @Test
  void readStrings_returnsRawCells() throws IOException {
    List<String> q = FrameCsv.defaults()
        .readStrings(new StringReader("a,q\n1,2021_Q2\n2,\n"), "s", "q");
    assertThat(q).containsExactly("2021_Q2", "");
    assertThatThrownBy(() -> q.add("x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void readStrings_badInput() {
    assertThatThrownBy(
            () -> FrameCsv.defaults().readStrings(new StringReader("a,q\n1,2\n"), "s", "z"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("column: 'z' not found in the header of s")
        .hasMessageContaining("available: a, q");
    assertThatThrownBy(
            () -> FrameCsv.defaults().readStrings(new StringReader("a,q\n1\n"), "s", "q"))
        .hasMessageContaining("s: line 2 has 1 cells");
    assertThatThrownBy(() -> FrameCsv.defaults().readStrings(new StringReader(""), "s", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("column");
  }

  @Test
  void builder_settingsOnce() {
    assertThatThrownBy(() -> FrameCsv.newBuilder().indexColumn("a").indexColumn("b"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("indexColumn was already set to 'a'");
    assertThatThrownBy(() -> FrameCsv.newBuilder().indexColumn("a").noIndex())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("indexColumn was already set");
    assertThatThrownBy(() -> FrameCsv.newBuilder().noIndex().indexColumn("a"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("noIndex() was already called");
    assertThatThrownBy(() -> FrameCsv.newBuilder().skipColumns("a").skipColumns("b"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("skipColumns was already set to [a]");
    assertThatThrownBy(() -> FrameCsv.newBuilder().skipNonNumeric().skipNonNumeric())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void builder_badValues() {
    assertThatThrownBy(() -> FrameCsv.newBuilder().indexColumn(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("indexColumn");
    assertThatThrownBy(() -> FrameCsv.newBuilder().indexColumn(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> FrameCsv.newBuilder().skipColumns())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("skipColumns: no names");
    assertThatThrownBy(() -> FrameCsv.newBuilder().skipColumns("a", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("names[1]");
    assertThat(FrameCsv.newBuilder().noIndex().build().toString()).contains("index=none");
  }

  @Test
  void read_quotedEmptyCellIsAMissingValueNotABlankLine() throws IOException {
    // pandas reads this as [NaN, 1.0]; a blank line (no quotes) is still skipped
    Frame f = FrameCsv.newBuilder().noIndex().build()
        .read(new StringReader("a\n\"\"\n1\n\n2\n"), "mem.csv");
    assertThat(f.rows()).isEqualTo(3);
    assertThat(f.column("a")[0]).isNaN();
    assertThat(f.column("a")[1]).isEqualTo(1.0);
    assertThat(f.column("a")[2]).isEqualTo(2.0);
  }

  @Test
  void write_oneColumnWithNanRoundTrips() throws IOException {
    double[] values = {Double.NaN, 1.5, Double.NaN, Double.NaN, -2.0, 0.0, Double.NaN, 3.0};
    Frame frame = Frame.newBuilder().column("a", values).build();
    Path file = dir.resolve("one.csv");
    FrameCsv.defaults().write(frame, file);
    assertThat(Files.readString(file)).startsWith("a\n\"\"\n1.5\n");
    assertThat(FrameCsv.defaults().read(file)).isEqualTo(frame);
  }

  @Test
  void write_namesWithSurroundingWhitespaceRoundTrip() throws IOException {
    Frame frame = Frame.newBuilder()
        .index(LocalDate.of(2024, 1, 7))
        .column(" lead", new double[] {1})
        .column("trail ", new double[] {2})
        .column("\ttab", new double[] {3})
        .column("in side", new double[] {4})
        .build();
    Path file = dir.resolve("names.csv");
    FrameCsv.defaults().write(frame, file);
    Frame back = FrameCsv.defaults().read(file);
    assertThat(back.columnNames()).containsExactly(" lead", "trail ", "\ttab", "in side");
    assertThat(back).isEqualTo(frame);
  }

  @Test
  void read_unquotedCellsAreStillTrimmed() throws IOException {
    Frame f = parse(" date , a ,\" b \"\n 2024-01-07 , 1.5 ,\" 2 \"\n");
    assertThat(f.columnNames()).containsExactly("a", " b ");
    assertThat(f.date(0)).isEqualTo(LocalDate.of(2024, 1, 7));
    assertThat(f.get(0, "a")).isEqualTo(1.5);
    assertThat(f.get(0, " b ")).isEqualTo(2.0);
  }

  @Test
  void read_byteOrderMarkBeforeQuotedHeader() throws IOException {
    Frame f = parse("\uFEFF\"date\",\"a\"\n2024-01-07,1\n");
    assertThat(f.hasIndex()).isTrue();
    assertThat(f.columnNames()).containsExactly("a");
    Path file = dir.resolve("bom.csv");
    Files.write(file, "\uFEFF\"date\",\"a\"\n2024-01-07,1\n".getBytes(StandardCharsets.UTF_8));
    assertThat(FrameCsv.defaults().read(file).columnNames()).containsExactly("a");
  }

  @Test
  void read_latin1FileNamesFileLineAndEncoding() throws IOException {
    Path file = dir.resolve("latin1.csv");
    Files.write(file, "date,a\n2024-01-07,1\n2024-01-14,2\n2024-01-21,caf\u00e9\n"
        .getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> FrameCsv.defaults().read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(file + ": line 4, byte offset 47: not valid UTF-8 (bytes E9 0A)")
        .hasMessageContaining("expected: UTF-8");
    assertThatThrownBy(() -> FrameCsv.defaults().readStrings(file, "a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(file + ": line 4, byte offset 47: not valid UTF-8");
  }

  @Test
  void read_utf16FileNamesFileAndEncoding() throws IOException {
    Path withBom = dir.resolve("utf16.csv");
    Files.write(withBom, "date,a\n2024-01-07,1\n".getBytes(StandardCharsets.UTF_16));
    assertThatThrownBy(() -> FrameCsv.defaults().read(withBom))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(withBom + ": line 1, byte offset 0: not valid UTF-8 (bytes FE FF")
        .hasMessageContaining("expected: UTF-8");
    Path noBom = dir.resolve("utf16le.csv");
    Files.write(noBom, "date,a\n2024-01-07,1\n".getBytes(StandardCharsets.UTF_16LE));
    assertThatThrownBy(() -> FrameCsv.defaults().read(noBom))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(noBom + ": line 1 holds NUL characters")
        .hasMessageContaining("expected: UTF-8");
  }

  @Test
  void read_unpairedSurrogateInHeaderNamesSourceAndLine() {
    assertThatThrownBy(() -> parse("date,a\uD800\n2024-01-07,1\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("mem.csv: line 1, header column 2: 'a\\uD800' has an unpaired");
  }

  @Test
  void builder_indexColumnWithUnpairedSurrogate() {
    assertThatThrownBy(() -> FrameCsv.newBuilder().indexColumn("d\uDC00"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("indexColumn: 'd\\uDC00' has an unpaired surrogate");
  }

  @Test
  void write_overExistingFileKeepsItsPermissions() throws IOException {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Path file = Files.writeString(dir.resolve("private.csv"), "old");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    FrameCsv.defaults().write(Frame.newBuilder().column("a", new double[] {1}).build(), file);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void write_nameWithNulIsRejected() {
    // a NUL in a header is how reading tells a UTF-16 file: such a name could not be read back
    Frame frame = Frame.newBuilder().column("a\0b", new double[] {1}).build();
    assertThatThrownBy(() -> FrameCsv.defaults().write(frame, new StringWriter()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("frame: column 'a\\0b' holds a NUL character (expected: none, which reading"
            + " takes for a UTF-16 file)");
  }

  @Test
  void write_firstNameStartingWithByteOrderMarkRoundTrips() throws IOException {
    Frame frame = Frame.newBuilder().column("\uFEFFa", new double[] {1})
        .column("b", new double[] {2})
        .build();
    Path file = dir.resolve("bom-name.csv");
    FrameCsv csv = FrameCsv.newBuilder().noIndex().build();
    csv.write(frame, file);
    assertThat(csv.read(file)).isEqualTo(frame);
  }

  @Test
  void write_unindexedFrameWithTheIndexColumnNameIsRejected() {
    // reading would take the column for the index
    Frame frame = Frame.newBuilder().column("date", new double[] {1}).build();
    assertThatThrownBy(() -> FrameCsv.defaults().write(frame, new StringWriter()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("frame: has no index but a column named 'date', which reading takes for the"
            + " index (write it with noIndex() settings, or rename the column)");
    StringWriter out = new StringWriter();
    assertThatCode(() -> FrameCsv.newBuilder().noIndex().build().write(frame, out))
        .doesNotThrowAnyException();
    assertThat(out.toString()).isEqualTo("date\n1.0\n");
  }

  @Test
  void read_directoryNamesThePath() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("weekly.csv"));
    assertThatThrownBy(() -> FrameCsv.defaults().read(folder))
        .isInstanceOf(IOException.class)
        .hasMessage(folder + ": a directory (expected: a CSV file)");
    assertThatThrownBy(() -> FrameCsv.defaults().readStrings(folder, "a"))
        .isInstanceOf(IOException.class)
        .hasMessage(folder + ": a directory (expected: a CSV file)");
  }
}
