package io.rila.features.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.rila.core.frame.Frame;
import io.rila.core.testing.SpecialFiles;
import io.rila.features.FeaturePipeline;
import io.rila.features.FeatureStep;
import io.rila.features.InteractionFeatures;
import io.rila.features.LagFeatures;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureCacheTest {

  @TempDir Path dir;

  private static Frame weekly(int rows) {
    List<LocalDate> dates = new ArrayList<>();
    double[] a = new double[rows];
    double[] b = new double[rows];
    for (int i = 0; i < rows; i++) {
      dates.add(LocalDate.of(2021, 1, 3).plusWeeks(i));
      a[i] = i % 7 == 3 ? Double.NaN : Math.sin(i) * 3;
      b[i] = -0.0 + i / 7.0;
    }
    return Frame.newBuilder().index(dates).column("a", a).column("b", b).build();
  }

  private static LagFeatures lags(int k) {
    return LagFeatures.newBuilder().source("a", "pa").source("b", "pb").lags(k).build();
  }

  /** Counts how often the wrapped step really runs. */
  private static final class Counting implements FeatureStep {
    final FeatureStep step;
    final AtomicInteger runs = new AtomicInteger();

    Counting(FeatureStep step) {
      this.step = step;
    }

    @Override
    public Frame apply(Frame input) {
      runs.incrementAndGet();
      return step.apply(input);
    }

    @Override
    public String spec() {
      return step.spec();
    }
  }

  private Path onlyEntry() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> all = files.toList();
      assertThat(all).hasSize(1);
      assertThat(all.get(0).getFileName().toString()).endsWith(".frame");
      return all.get(0);
    }
  }

  @Test
  void apply_missThenHitReturnsIdenticalFrame() throws IOException {
    FeatureCache cache = FeatureCache.open(dir);
    Counting step = new Counting(FeaturePipeline.of(
        lags(18), InteractionFeatures.newBuilder().family("pa").family("pb").lags(18).build()));
    Frame input = weekly(60);
    Frame first = cache.apply(step, input);
    Frame second = cache.apply(step, input);
    assertThat(step.runs.get()).isEqualTo(1);
    assertThat(first).isEqualTo(step.step.apply(input));
    assertThat(second).isEqualTo(first);
    assertThat(second.columnNames()).isEqualTo(first.columnNames());
    assertThat(second.dates()).isEqualTo(first.dates());
    for (int j = 0; j < first.columnCount(); j++) {
      double[] x = first.column(j);
      double[] y = second.column(j);
      for (int i = 0; i < x.length; i++) {
        assertThat(Double.doubleToRawLongBits(y[i])).isEqualTo(Double.doubleToRawLongBits(x[i]));
      }
    }
    FeatureCache.Stats stats = cache.stats();
    assertThat(stats.hits()).isEqualTo(1);
    assertThat(stats.misses()).isEqualTo(1);
    assertThat(stats.corruptEntries()).isZero();
    assertThat(stats.entries()).isEqualTo(1);
    assertThat(stats.bytes()).isEqualTo(Files.size(onlyEntry()))
        .isGreaterThan(60L * first.columnCount() * 8);
    assertThat(stats.toString()).contains("hits=1");
  }

  @Test
  void apply_reopenedCacheHitsFromDisk() throws IOException {
    Frame input = weekly(30);
    FeatureCache.open(dir).apply(lags(3), input);
    Counting step = new Counting(lags(3));
    FeatureCache reopened = FeatureCache.open(dir);
    assertThat(reopened.apply(step, input)).isEqualTo(lags(3).apply(input));
    assertThat(step.runs.get()).isZero();
    assertThat(reopened.stats().hits()).isEqualTo(1);
  }

  @Test
  void key_differsWithSpecAndContentOnly() {
    Frame input = weekly(20);
    String key = FeatureCache.key(lags(2), input);
    assertThat(key).hasSize(64).matches("[0-9a-f]{64}");
    assertThat(FeatureCache.key(lags(2), weekly(20))).isEqualTo(key);
    assertThat(FeatureCache.key(lags(3), input)).isNotEqualTo(key);
    assertThat(FeatureCache.key(lags(2), input.rowRange(0, 19))).isNotEqualTo(key);
    assertThat(FeatureCache.key(lags(2), input.withColumn("b", weekly(21).rowRange(1, 21)
        .column("b")))).isNotEqualTo(key);
    assertThat(FeatureCache.key(lags(2), input.withoutIndex())).isNotEqualTo(key);
    assertThat(FeatureCache.key(lags(2), input.select("b", "a"))).isNotEqualTo(key);
    double[] otherNan = input.column("a");
    otherNan[3] = Double.longBitsToDouble(0x7ff8000000000123L);
    assertThat(FeatureCache.key(lags(2), input.withColumn("a", otherNan))).isEqualTo(key);
  }

  @Test
  void apply_differentSpecIsAMiss() throws IOException {
    FeatureCache cache = FeatureCache.open(dir);
    Frame input = weekly(20);
    cache.apply(lags(2), input);
    Counting other = new Counting(lags(4));
    assertThat(cache.apply(other, input).columnNames()).contains("pa_t4");
    assertThat(other.runs.get()).isEqualTo(1);
    assertThat(cache.stats().entries()).isEqualTo(2);
    assertThat(cache.stats().misses()).isEqualTo(2);
  }

  @Test
  void apply_corruptEntryIsDetectedDeletedAndRecomputed() throws IOException {
    FeatureCache cache = FeatureCache.open(dir);
    Frame input = weekly(25);
    Frame expected = cache.apply(lags(2), input);
    Path entry = onlyEntry();
    byte[] intact = Files.readAllBytes(entry);
    byte[] flipped = intact.clone();
    flipped[flipped.length / 2] ^= 0x10;
    Files.write(entry, flipped);
    Counting step = new Counting(lags(2));
    assertThat(cache.apply(step, input)).isEqualTo(expected);
    assertThat(step.runs.get()).isEqualTo(1);
    assertThat(cache.stats().corruptEntries()).isEqualTo(1);
    assertThat(Files.readAllBytes(onlyEntry())).isEqualTo(intact);

    Files.write(entry, java.util.Arrays.copyOf(intact, intact.length - 100));
    assertThat(cache.apply(step, input)).isEqualTo(expected);
    Files.write(entry, new byte[0]);
    assertThat(cache.apply(step, input)).isEqualTo(expected);
    assertThat(cache.stats().corruptEntries()).isEqualTo(3);
    assertThat(step.runs.get()).isEqualTo(3);
    assertThat(cache.apply(step, input)).isEqualTo(expected);
    assertThat(step.runs.get()).isEqualTo(3);
  }

  @Test
  void apply_entryOfAnotherKeyIsCorrupt() throws IOException {
    FeatureCache cache = FeatureCache.open(dir);
    Frame input = weekly(25);
    cache.apply(lags(2), input);
    Path entry = onlyEntry();
    Path other = dir.resolve(FeatureCache.key(lags(3), input) + ".frame");
    Files.copy(entry, other);
    Counting step = new Counting(lags(3));
    assertThat(cache.apply(step, input).columnNames()).contains("pa_t3");
    assertThat(step.runs.get()).isEqualTo(1);
    assertThat(cache.stats().corruptEntries()).isEqualTo(1);
  }

  @Test
  void apply_leavesNoTemporaryFilesAndStoresNothingOnFailure() throws IOException {
    FeatureCache cache = FeatureCache.open(dir);
    FeatureStep failing = new Counting(LagFeatures.newBuilder().source("zz").lags(1).build());
    assertThatThrownBy(() -> cache.apply(failing, weekly(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'zz' not found");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
    cache.apply(lags(1), weekly(5));
    onlyEntry();
  }

  @Test
  void cached_standsInForTheStepInPipelines() throws IOException {
    FeatureCache cache = FeatureCache.open(dir);
    Counting step = new Counting(lags(2));
    FeatureStep cachedStep = cache.cached(step);
    assertThat(cachedStep.spec()).isEqualTo(lags(2).spec());
    FeaturePipeline pipeline = FeaturePipeline.of(cachedStep,
        InteractionFeatures.newBuilder().family("pa").lags(2).build());
    Frame a = pipeline.apply(weekly(10));
    Frame b = pipeline.apply(weekly(10));
    assertThat(b).isEqualTo(a);
    assertThat(step.runs.get()).isEqualTo(1);
    assertThat(cachedStep.toString()).startsWith("cached ");
  }

  @Test
  void clear_removesEntriesOnly() throws IOException {
    FeatureCache cache = FeatureCache.open(dir.resolve("nested").resolve("cache"));
    cache.apply(lags(1), weekly(5));
    cache.apply(lags(2), weekly(5));
    Path other = cache.folder().resolve("notes.txt");
    Files.writeString(other, "keep");
    assertThat(cache.stats().entries()).isEqualTo(2);
    cache.clear();
    assertThat(cache.stats().entries()).isZero();
    assertThat(cache.stats().bytes()).isZero();
    assertThat(other).exists();
  }

  @Test
  void apply_unwritableFolderFails() throws IOException {
    Path folder = dir.resolve("gone");
    FeatureCache cache = FeatureCache.open(folder);
    Files.delete(folder);
    assertThatThrownBy(() -> cache.apply(lags(1), weekly(5)))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("cannot write feature-cache entry");
  }

  @Test
  void badInput() throws IOException {
    assertThatThrownBy(() -> FeatureCache.open(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("folder");
    Path file = Files.writeString(dir.resolve("file"), "x");
    assertThatThrownBy(() -> FeatureCache.open(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a directory");
    FeatureCache cache = FeatureCache.open(dir);
    assertThatThrownBy(() -> cache.apply(null, weekly(3)))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("step");
    assertThatThrownBy(() -> cache.apply(lags(1), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("input");
    assertThatThrownBy(() -> cache.cached(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("step");
  }

  /** A step with a fixed spec and result. */
  private static FeatureStep fixed(String spec, Frame result) {
    return new FeatureStep() {
      @Override
      public Frame apply(Frame input) {
        return result;
      }

      @Override
      public String spec() {
        return spec;
      }
    };
  }

  @Test
  void apply_entryThatIsNoRegularFileIsCorruptAndRecomputed() throws Exception {
    FeatureCache cache = FeatureCache.open(dir);
    Frame input = weekly(25);
    Frame expected = lags(2).apply(input);
    Path entry = dir.resolve(FeatureCache.key(lags(2), input) + ".frame");
    Counting step = new Counting(lags(2));
    Path zero = Path.of("/dev/zero");
    int corrupt = 0;
    if (Files.exists(zero)) {
      // before: Files.readAllBytes read /dev/zero until OutOfMemoryError
      Files.createSymbolicLink(entry, zero);
      assertThat(cache.apply(step, input)).isEqualTo(expected);
      assertThat(Files.isSymbolicLink(entry)).isFalse();
      corrupt++;
      Files.delete(entry);
    }
    if (SpecialFiles.mkfifo(entry)) {
      // before: reading the pipe blocked apply forever
      assertTimeoutPreemptively(Duration.ofSeconds(20),
          () -> assertThat(cache.apply(step, input)).isEqualTo(expected));
      assertThat(Files.isRegularFile(entry)).isTrue();
      corrupt++;
      Files.delete(entry);
    }
    Files.createDirectory(entry);
    assertThat(cache.apply(step, input)).isEqualTo(expected);
    assertThat(Files.isRegularFile(entry)).isTrue();
    corrupt++;
    assertThat(cache.stats().corruptEntries()).isEqualTo(corrupt);
    assertThat(step.runs.get()).isEqualTo(corrupt);
    assertThat(cache.apply(step, input)).isEqualTo(expected);
    assertThat(step.runs.get()).isEqualTo(corrupt);
  }

  @Test
  void apply_sparseHugeEntryIsCorruptAndRecomputed() throws IOException {
    FeatureCache cache = FeatureCache.open(dir);
    Frame input = weekly(25);
    Path entry = dir.resolve(FeatureCache.key(lags(2), input) + ".frame");
    try (RandomAccessFile raf = new RandomAccessFile(entry.toFile(), "rw")) {
      raf.setLength(3L << 30);
    }
    Counting step = new Counting(lags(2));
    assertThat(cache.apply(step, input)).isEqualTo(lags(2).apply(input));
    assertThat(step.runs.get()).isEqualTo(1);
    assertThat(cache.stats().corruptEntries()).isEqualTo(1);
    assertThat(Files.size(entry)).isLessThan(1 << 20);
  }

  @Test
  void apply_framesWithRowsButNeitherColumnsNorIndexAreNotStored() throws IOException {
    // such a frame's row count cannot be rebuilt: before, the hit returned 0 rows for 4
    FeatureCache cache = FeatureCache.open(dir);
    Frame input = Frame.newBuilder().column("a", new double[] {1, 2, 3, 4}).build();
    Counting step = new Counting(fixed("drop all", input.drop("a")));
    Frame first = cache.apply(step, input);
    Frame second = cache.apply(step, input);
    assertThat(first.rows()).isEqualTo(4);
    assertThat(second).isEqualTo(first);
    assertThat(step.runs.get()).isEqualTo(2);
  }

  @Test
  void key_specWithUnpairedSurrogateIsRejected() throws IOException {
    // before: both specs hashed as "s?", so the second step got the first one's entry
    FeatureCache cache = FeatureCache.open(dir);
    Frame input = weekly(3);
    Frame one = Frame.newBuilder().column("one", new double[] {1}).build();
    assertThatThrownBy(() -> cache.apply(fixed("s\uD800", one), input))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("step spec: 's\\uD800' has an unpaired surrogate");
    assertThatThrownBy(() -> FeatureCache.key(fixed("s\uDC01", one), input))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unpaired surrogate");
  }
}
