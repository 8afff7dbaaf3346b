package io.rila.features.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.rila.core.frame.Frame;
import io.rila.core.testing.Fuzz;
import io.rila.features.LagFeatures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzz properties of {@link FeatureCache} entries (jqwik; cases per property: {@code
 * jqwik.tries.default}). An entry is damaged, half the time with its checksum recomputed; {@code
 * apply} never throws and never hangs, and returns the computed result, except for a forgery
 * whose checksum was recomputed and that still decodes (accepted by design: no signature), which
 * returns exactly what the forged entry holds.
 */
class FeatureCacheFuzzTest {

  private static final LagFeatures STEP =
      LagFeatures.newBuilder().source("a", "pa").source("b \u00e9", "pb").lags(2).build();

  private static Path root;
  private static Frame input;
  private static Frame expected;
  private static String entryName;
  private static byte[] key;
  private static byte[] original;

  @BeforeContainer
  static void storeEntry() throws IOException {
    root = Files.createTempDirectory("rila-cache-fuzz");
    List<LocalDate> dates = new ArrayList<>();
    double[] a = new double[12];
    double[] b = new double[12];
    for (int i = 0; i < 12; i++) {
      dates.add(LocalDate.of(2022, 1, 2).plusWeeks(i));
      a[i] = i % 5 == 2 ? Double.NaN : Math.cos(i);
      b[i] = -0.0 + i * 0.25;
    }
    input = Frame.newBuilder().index(dates).column("a", a).column("b \u00e9", b).build();
    expected = STEP.apply(input);
    entryName = FeatureCache.key(STEP, input) + ".frame";
    key = HexFormat.of().parseHex(FeatureCache.key(STEP, input));
    FeatureCache.open(root).apply(STEP, input);
    original = Files.readAllBytes(root.resolve(entryName));
  }

  @AfterContainer
  static void deleteRoot() throws IOException {
    try (Stream<Path> files = Files.list(root)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.delete(file);
      }
    }
    Files.delete(root);
  }

  /** The bytes with a correct (big-endian) checksum recomputed over everything before it. */
  private static byte[] resealed(byte[] bytes) {
    if (bytes.length >= 4) {
      CRC32C crc = new CRC32C();
      crc.update(bytes, 0, bytes.length - 4);
      ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
    }
    return bytes;
  }

  @Property
  void damagedEntry_isRecomputedOrReadExactlyAsForged(
      @ForAll Fuzz.Damage damage, @ForAll boolean forged, @ForAll long seed) throws IOException {
    byte[] damaged = Fuzz.mutate(original, damage, new Random(seed));
    if (forged) {
      resealed(damaged);
    }
    check(damaged, forged);
  }

  @Property
  void headerFieldSetToAnExtreme_isRecomputedOrReadExactlyAsForged(
      @ForAll("offsets") int offset, @ForAll("extremes") int value, @ForAll boolean forged)
      throws IOException {
    byte[] damaged = Fuzz.withInt(original, offset, value, false);
    if (forged) {
      resealed(damaged);
    }
    check(damaged, forged);
  }

  /** Version, rows, columns, and the index and first name lengths after them. */
  @Provide
  Arbitrary<Integer> offsets() {
    return Arbitraries.of(8, 44, 48, 52, 53, 61, 53 + 12 * 8, 53 + 12 * 8 + 4);
  }

  @Provide
  Arbitrary<Integer> extremes() {
    return Arbitraries.of(0, 1, -1, 2, 11, 12, 13, 255, 1 << 30, Integer.MAX_VALUE,
        Integer.MIN_VALUE, Integer.MAX_VALUE - 8);
  }

  private static void check(byte[] damaged, boolean forged) throws IOException {
    Path folder = root.resolve("case");
    Files.createDirectories(folder);
    Path entry = folder.resolve(entryName);
    Files.write(entry, damaged);
    FeatureCache cache = FeatureCache.open(folder);
    Fuzz.Outcome<Frame> outcome = Fuzz.run(() -> cache.apply(STEP, input));
    if (outcome.thrown() != null) {
      throw new AssertionError("apply threw", outcome.thrown());
    }
    Frame result = outcome.value();
    if (!forged || cache.stats().hits() == 0) {
      assertThat(result).isEqualTo(expected);
    } else {
      ByteArrayOutputStream again = new ByteArrayOutputStream();
      FrameCodec.write(again, key, result);
      assertThat(again.toByteArray()).as("the frame is what the entry holds").isEqualTo(damaged);
    }
    // whatever happened, the entry now gives the same frame as this call
    assertThat(cache.apply(STEP, input)).isEqualTo(result);
    Files.delete(entry);
  }
}
