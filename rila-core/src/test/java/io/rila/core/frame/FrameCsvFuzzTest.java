package io.rila.core.frame;

import static org.assertj.core.api.Assertions.assertThat;

import io.rila.core.testing.Fuzz;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzz properties of {@link FrameCsv} (jqwik; cases per property: {@code jqwik.tries.default}).
 * Written frames read back identical, whatever their names and values; damaged or random text
 * reads as a frame or fails with an {@link IllegalArgumentException} that names the source, never
 * with another throwable or a hang.
 */
class FrameCsvFuzzTest {

  private static Path dir;

  @BeforeContainer
  static void createDir() throws IOException {
    dir = Files.createTempDirectory("rila-csv-fuzz");
  }

  @AfterContainer
  static void deleteDir() throws IOException {
    try (var files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.delete(file);
      }
    }
    Files.delete(dir);
  }

  /** Characters that stress quoting, trimming, line breaks, encodings and surrogate pairs. */
  private static final String NAME_CHARS =
      "ab_Z09 \t,\"'\n\r#;.-\\\u00e9\u00df\u4e2d\uFEFF\u00a0\u2028";

  @Provide
  Arbitrary<Frame> frames() {
    Arbitrary<String> name = Arbitraries.oneOf(
            Arbitraries.strings().withChars(NAME_CHARS).ofMinLength(1).ofMaxLength(6),
            Arbitraries.of("x\uD83D\uDCC8", " lead", "trail ", "\"q\"", "NaN", "1.5", "date_t1"))
        .filter(s -> !s.isBlank() && !s.equals(FrameCsv.DEFAULT_INDEX));
    Arbitrary<Double> value = Arbitraries.oneOf(
        Arbitraries.doubles(),
        Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
            Double.MIN_VALUE, -Double.MAX_VALUE, Double.MIN_NORMAL, 1e-320, 4.9e-324),
        Arbitraries.longs().map(Double::longBitsToDouble).filter(d -> !Double.isNaN(d)));
    Arbitrary<List<String>> names = name.list().ofMinSize(0).ofMaxSize(5).uniqueElements();
    return Combinators.combine(names, Arbitraries.integers().between(0, 12),
            Arbitraries.of(true, false), Arbitraries.longs())
        .as((columns, rows, indexed, seed) -> {
          Random random = new Random(seed);
          Frame.Builder b = Frame.newBuilder();
          boolean index = indexed || columns.isEmpty();
          if (index) {
            List<LocalDate> dates = new ArrayList<>();
            for (int i = 0; i < rows; i++) {
              dates.add(LocalDate.of(1900, 1, 1).plusDays(random.nextInt(110_000)));
            }
            b.index(dates);
          }
          for (String column : columns) {
            double[] values = new double[rows];
            for (int i = 0; i < rows; i++) {
              values[i] = value.generator(8).next(random).value();
            }
            b.column(column, values);
          }
          return b.build();
        });
  }

  private static FrameCsv settingsFor(Frame frame) {
    return frame.hasIndex() ? FrameCsv.defaults() : FrameCsv.newBuilder().noIndex().build();
  }

  @Property
  void writeThenRead_givesTheSameFrame(@ForAll("frames") Frame frame) throws IOException {
    FrameCsv csv = settingsFor(frame);
    StringWriter text = new StringWriter();
    csv.write(frame, text);
    Frame back = Fuzz.run(() -> csv.read(new StringReader(text.toString()), "mem.csv")).value();
    assertThat(back).as("text:%n%s", text).isEqualTo(frame);
    Path file = dir.resolve("roundtrip.csv");
    csv.write(frame, file);
    assertThat(csv.read(file)).isEqualTo(frame);
  }

  @Property
  void damagedText_readsOrFailsNamingTheSource(
      @ForAll("frames") Frame frame, @ForAll Fuzz.Damage damage, @ForAll long seed)
      throws IOException {
    StringWriter text = new StringWriter();
    FrameCsv csv = settingsFor(frame);
    csv.write(frame, text);
    Random random = new Random(seed);
    byte[] damaged = Fuzz.mutate(text.toString().getBytes(StandardCharsets.UTF_8), damage, random);
    String asText = new String(damaged, StandardCharsets.UTF_8);
    Fuzz.Outcome<Frame> outcome =
        Fuzz.run(() -> csv.read(new StringReader(asText), "mem.csv"));
    assertReadOrNamed(outcome, "mem.csv");
    Path file = dir.resolve("damaged.csv");
    Files.write(file, damaged);
    Fuzz.Outcome<Frame> fromFile = Fuzz.run(() -> csv.read(file));
    assertReadOrNamed(fromFile, file.toString());
    Fuzz.Outcome<List<String>> strings = Fuzz.run(() -> FrameCsv.newBuilder().noIndex().build()
        .readStrings(file, frame.columnCount() > 0 ? frame.columnName(0) : "date"));
    assertReadOrNamed(strings, "");
  }

  @Property
  void randomBytes_readOrFailNamingTheFile(@ForAll byte[] bytes) throws IOException {
    Path file = dir.resolve("random.csv");
    Files.write(file, bytes);
    assertReadOrNamed(Fuzz.run(() -> FrameCsv.defaults().read(file)), file.toString());
    assertReadOrNamed(Fuzz.run(() -> FrameCsv.newBuilder().noIndex().skipNonNumeric().build()
        .read(file)), file.toString());
  }

  /** Either a result, or an IllegalArgumentException whose message names {@code source}. */
  private static void assertReadOrNamed(Fuzz.Outcome<?> outcome, String source) {
    Throwable thrown = outcome.thrown();
    if (thrown == null) {
      assertThat(outcome.value()).isNotNull();
      return;
    }
    if (thrown instanceof IOException || thrown instanceof UncheckedIOException) {
      throw new AssertionError("an I/O error from a readable file", thrown);
    }
    assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
    if (thrown.getMessage().startsWith("column: '")) {
      assertThat(thrown.getMessage()).contains("not found in the header of " + source);
    } else {
      assertThat(thrown.getMessage()).startsWith(source);
    }
  }
}
