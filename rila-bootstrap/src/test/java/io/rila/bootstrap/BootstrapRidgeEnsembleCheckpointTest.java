package io.rila.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.rila.core.regression.SolveForm;
import io.rila.core.testing.SpecialFiles;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The checkpoint option of {@link BootstrapRidgeEnsemble}: save, resume, refuse, survive. */
class BootstrapRidgeEnsembleCheckpointTest {

  private static final int MEMBERS = 1000;
  private static final Random DATA = new Random(2024);
  /** More features than rows: members are solved in the dual form. */
  private static final double[][] X = NaiveBootstrap.matrix(DATA, 40, 60);
  private static final double[] Y = NaiveBootstrap.target(DATA, X);
  private static final double[] W = NaiveBootstrap.weights(DATA, 40);
  private static final ExecutorService POOL = Executors.newFixedThreadPool(3);

  @TempDir Path dir;

  @AfterAll
  static void shutdown() {
    POOL.shutdown();
  }

  private static BootstrapRidgeEnsemble.Builder builder(Precision precision) {
    return builder(precision, POOL);
  }

  private static BootstrapRidgeEnsemble.Builder builder(Precision precision, Executor executor) {
    return BootstrapRidgeEnsemble.newBuilder().estimators(MEMBERS).seed(11).alpha(0.5)
        .resampling(Resampling.movingBlock(4)).precision(precision).executor(executor);
  }

  /** Fits with the checkpoint and cancels once {@code stopAt} members are done. */
  private void cancelledFit(BootstrapRidgeEnsemble.Builder builder, int stopAt) {
    CancellationToken token = new CancellationToken();
    BootstrapRidgeEnsemble ensemble = builder.checkpoint(dir, 100).cancellation(token)
        .progressListener((done, total) -> {
          if (done >= stopAt) {
            token.cancel();
          }
        }).build();
    assertThatThrownBy(() -> ensemble.fit(X, Y, W)).isInstanceOf(CancellationException.class);
  }

  private List<Path> parts() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().startsWith("members-"))
          .sorted().collect(Collectors.toList());
    }
  }

  /** The members a part holds, read at the documented offset 52. */
  private static int partMembers(Path part) throws IOException {
    return ByteBuffer.wrap(Files.readAllBytes(part)).order(ByteOrder.LITTLE_ENDIAN).getInt(52);
  }

  private int savedMembers() throws IOException {
    int sum = 0;
    for (Path part : parts()) {
      sum += partMembers(part);
    }
    return sum;
  }

  private static byte[] resealed(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - 4);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN)
        .putInt(bytes.length - 4, (int) crc.getValue());
    return bytes;
  }

  private static void assertBitIdentical(CoefficientStore actual, CoefficientStore expected) {
    assertThat(actual).isEqualTo(expected);
    int width = expected.features() + 1;
    double[] a = new double[expected.members() * width];
    double[] e = new double[a.length];
    actual.copyMembers(0, actual.members(), a, 0);
    expected.copyMembers(0, expected.members(), e, 0);
    for (int i = 0; i < a.length; i++) {
      if (Double.doubleToRawLongBits(a[i]) != Double.doubleToRawLongBits(e[i])) {
        throw new AssertionError("number " + i + ": " + a[i] + " != " + e[i]);
      }
    }
  }

  // ------------------------------------------------------------------ resume

  @ParameterizedTest
  @EnumSource(Precision.class)
  void checkpoint_cancelledFitResumesBitIdentical(Precision precision) throws IOException {
    CoefficientStore uninterrupted = builder(precision).build().fit(X, Y, W).coefficients();

    cancelledFit(builder(precision), MEMBERS / 2);
    int saved = savedMembers();
    assertThat(saved).isBetween(MEMBERS / 2, MEMBERS - 1);
    // chunks of MEMBERS / 100 = 10 members; a part is written as soon as 100 unsaved members
    // are complete, so every part holds 100 but the one the cancellation wrote, which holds
    // the remainder
    List<Path> parts = parts();
    assertThat(parts).hasSize((saved + 99) / 100);
    int full = 0;
    for (Path part : parts) {
      int held = partMembers(part);
      assertThat(held).as("part %s", part.getFileName()).isIn(100, saved % 100);
      full += held == 100 ? 1 : 0;
    }
    assertThat(full).isEqualTo(saved / 100);

    List<int[]> progress = new ArrayList<>();
    EnsembleModel resumed = builder(precision).checkpoint(dir, 100)
        .progressListener((done, total) -> progress.add(new int[] {done, total})).build()
        .fit(X, Y, W);
    assertBitIdentical(resumed.coefficients(), uninterrupted);
    // restored members count as done: one call per 10-member chunk, 10 more members each time
    assertThat(progress).hasSize(100);
    for (int i = 0; i < 100; i++) {
      assertThat(progress.get(i)).containsExactly(10 * (i + 1), MEMBERS);
    }
    assertThat(parts()).isEmpty();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("checkpoint.lock");
    }
  }

  /**
   * Tall data wide enough for the primal form's mixed-precision solve (720 features): a fit
   * cancelled half-way and resumed from its checkpoint equals the uninterrupted fit bit for bit.
   */
  @Test
  void checkpoint_mixedPrecisionFitResumesBitIdentical() throws IOException {
    Random random = new Random(77);
    double[][] x = NaiveBootstrap.matrix(random, 1500, 720);
    double[] y = NaiveBootstrap.target(random, x);
    BootstrapRidgeEnsemble.Builder plain = BootstrapRidgeEnsemble.newBuilder().estimators(40)
        .seed(3).precision(Precision.DOUBLE).executor(POOL);
    EnsembleModel uninterrupted = plain.build().fit(x, y);
    assertThat(uninterrupted.solveForm()).isEqualTo(SolveForm.PRIMAL);

    CancellationToken token = new CancellationToken();
    BootstrapRidgeEnsemble cancelled = BootstrapRidgeEnsemble.newBuilder().estimators(40).seed(3)
        .precision(Precision.DOUBLE).executor(POOL).checkpoint(dir, 10).cancellation(token)
        .progressListener((done, total) -> {
          if (done >= 20) {
            token.cancel();
          }
        }).build();
    assertThatThrownBy(() -> cancelled.fit(x, y)).isInstanceOf(CancellationException.class);
    assertThat(savedMembers()).isBetween(10, 39);
    CoefficientStore resumed = BootstrapRidgeEnsemble.newBuilder().estimators(40).seed(3)
        .precision(Precision.DOUBLE).executor(POOL).checkpoint(dir, 10).build().fit(x, y)
        .coefficients();
    assertBitIdentical(resumed, uninterrupted.coefficients());
  }

  @Test
  void checkpoint_resumeTakesTheSavedMembers() throws IOException {
    CoefficientStore uninterrupted =
        builder(Precision.DOUBLE).build().fit(X, Y, W).coefficients();
    cancelledFit(builder(Precision.DOUBLE), 300);
    Path part = parts().get(0);
    byte[] bytes = Files.readAllBytes(part);
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int settingsLength = b.getInt(12);
    int ranges = b.getInt(48);
    int first = b.getInt(56 + settingsLength);
    int values = 56 + settingsLength + 8 * ranges;
    b.putDouble(values + 8 * 5, 123.25);
    Files.write(part, resealed(bytes));

    CoefficientStore resumed = builder(Precision.DOUBLE).checkpoint(dir, 100).build()
        .fit(X, Y, W).coefficients();
    assertThat(resumed.coefficient(first, 5)).isEqualTo(123.25);
    assertThat(uninterrupted.coefficient(first, 5)).isNotEqualTo(123.25);
    double[] a = new double[61];
    double[] e = new double[61];
    for (int k = 0; k < MEMBERS; k++) {
      resumed.copyMember(k, a);
      uninterrupted.copyMember(k, e);
      if (k == first) {
        a[5] = e[5];
      }
      assertThat(a).as("member %d", k).isEqualTo(e);
    }
  }

  @Test
  void checkpoint_interruptedFitSavesWhatItCompletedAndResumes() throws IOException {
    CoefficientStore uninterrupted =
        builder(Precision.FLOAT).build().fit(X, Y, W).coefficients();
    BootstrapRidgeEnsemble interrupting = builder(Precision.FLOAT, Runnable::run)
        .checkpoint(dir, 100)
        .progressListener((done, total) -> {
          if (done == 350) {
            Thread.currentThread().interrupt();
          }
        }).build();
    try {
      assertThatThrownBy(() -> interrupting.fit(X, Y, W))
          .isInstanceOf(CancellationException.class)
          .hasMessageContaining("fit cancelled after 350 of 1000 members");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(savedMembers()).isEqualTo(350);
    CoefficientStore resumed = builder(Precision.FLOAT).checkpoint(dir, 100).build()
        .fit(X, Y, W).coefficients();
    assertBitIdentical(resumed, uninterrupted);
  }

  @Test
  void checkpoint_completeFitLeavesNoPartsAndTheFolderServesTheNextFit() throws IOException {
    BootstrapRidgeEnsemble ensemble = builder(Precision.FLOAT).checkpoint(dir, 50).build();
    CoefficientStore first = ensemble.fit(X, Y, W).coefficients();
    assertThat(parts()).isEmpty();
    double[] y2 = Y.clone();
    y2[0] += 1;
    CoefficientStore other = ensemble.fit(X, y2, W).coefficients();
    assertThat(other).isNotEqualTo(first);
    assertBitIdentical(other, builder(Precision.FLOAT).build().fit(X, y2, W).coefficients());
  }

  @Test
  void checkpoint_everyMemberPartsAlignWithChunks() throws IOException {
    cancelledFit(builder(Precision.FLOAT, Runnable::run), 250);
    assertThat(savedMembers()).isEqualTo(250);
    for (Path part : parts()) {
      assertThat(partMembers(part) % 10).isZero();
    }
    assertThat(parts().get(0).getFileName().toString()).isEqualTo("members-000000000.ckpt");
  }

  // ------------------------------------------------------------------ refusals

  @Test
  void checkpoint_otherDataIsRefused() throws IOException {
    cancelledFit(builder(Precision.FLOAT), 300);
    List<Path> before = parts();
    double[] y2 = Y.clone();
    y2[17] += 1e-9;
    BootstrapRidgeEnsemble ensemble = builder(Precision.FLOAT).checkpoint(dir, 100).build();
    assertThatThrownBy(() -> ensemble.fit(X, y2, W))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("checkpoint folder " + dir + " cannot be resumed")
        .hasMessageContaining("a fit of other data")
        .hasMessageContaining("use another folder, or delete this one");
    double[] w2 = W.clone();
    w2[3] = 0.5;
    assertThatThrownBy(() -> ensemble.fit(X, Y, w2)).hasMessageContaining("other data");
    assertThatThrownBy(() -> ensemble.fit(X, Y)).hasMessageContaining("other data");
    assertThat(parts()).isEqualTo(before);
  }

  @Test
  void checkpoint_otherSettingsAreRefused() throws IOException {
    cancelledFit(builder(Precision.FLOAT), 300);
    BootstrapRidgeEnsemble otherAlpha = BootstrapRidgeEnsemble.newBuilder().estimators(MEMBERS)
        .seed(11).alpha(0.25).resampling(Resampling.movingBlock(4)).checkpoint(dir, 100).build();
    assertThatThrownBy(() -> otherAlpha.fit(X, Y, W))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("a fit with other settings")
        .hasMessageContaining("alpha=0.5 (this fit: alpha=0.25)");
    BootstrapRidgeEnsemble otherPrecision =
        builder(Precision.DOUBLE).checkpoint(dir, 100).build();
    assertThatThrownBy(() -> otherPrecision.fit(X, Y, W))
        .hasMessageContaining("precision=FLOAT (this fit: precision=DOUBLE)");
    BootstrapRidgeEnsemble otherCount = BootstrapRidgeEnsemble.newBuilder().estimators(999)
        .seed(11).alpha(0.5).resampling(Resampling.movingBlock(4)).checkpoint(dir, 100).build();
    assertThatThrownBy(() -> otherCount.fit(X, Y, W))
        .hasMessageContaining("estimators=1000 (this fit: estimators=999)");
    BootstrapRidgeEnsemble otherTransform = builder(Precision.FLOAT)
        .targetTransform(TargetTransform.LOG1P).checkpoint(dir, 100).build();
    assertThatThrownBy(() -> otherTransform.fitTransformed(X, Y, W))
        .hasMessageContaining("targetTransform=IDENTITY (this fit: targetTransform=LOG1P)");
  }

  @Test
  void checkpoint_otherFormatVersionIsRefused() throws IOException {
    cancelledFit(builder(Precision.FLOAT), 300);
    Path part = parts().get(1);
    byte[] bytes = Files.readAllBytes(part);
    bytes[8] = 2;
    Files.write(part, resealed(bytes));
    BootstrapRidgeEnsemble ensemble = builder(Precision.FLOAT).checkpoint(dir, 100).build();
    assertThatThrownBy(() -> ensemble.fit(X, Y, W))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot be resumed: part " + part
            + " has checkpoint format version 2 (expected: 1)");
  }

  @Test
  void checkpoint_corruptPartIsDetected() throws IOException {
    cancelledFit(builder(Precision.FLOAT), 300);
    Path part = parts().get(0);
    byte[] original = Files.readAllBytes(part);
    BootstrapRidgeEnsemble ensemble = builder(Precision.FLOAT).checkpoint(dir, 100).build();

    byte[] flipped = original.clone();
    flipped[original.length - 30] ^= 0x04;
    Files.write(part, flipped);
    assertThatThrownBy(() -> ensemble.fit(X, Y, W))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("checkpoint part " + part + " is corrupt: checksum mismatch")
        .hasMessageContaining("delete it");

    Files.write(part, Arrays.copyOf(original, original.length / 2));
    assertThatThrownBy(() -> ensemble.fit(X, Y, W))
        .hasMessageContaining("checkpoint part " + part + " is corrupt: checksum mismatch");

    Files.write(part, Arrays.copyOf(original, 20));
    assertThatThrownBy(() -> ensemble.fit(X, Y, W))
        .hasMessageContaining("checkpoint part " + part + " is corrupt: truncated: 20 bytes");

    byte[] overlapping = Files.readAllBytes(parts().get(1));
    Path copy = dir.resolve("members-999999999.ckpt");
    Files.write(part, original);
    Files.write(copy, overlapping);
    assertThatThrownBy(() -> ensemble.fit(X, Y, W))
        .hasMessageContaining("is corrupt: member ")
        .hasMessageContaining("is also in another part");
    Files.delete(copy);

    assertBitIdentical(ensemble.fit(X, Y, W).coefficients(),
        builder(Precision.FLOAT).build().fit(X, Y, W).coefficients());
  }

  @Test
  void checkpoint_forgedSettingsLengthIsCorruptNotAnIndexError() throws IOException {
    cancelledFit(builder(Precision.FLOAT), 300);
    Path part = parts().get(0);
    BootstrapRidgeEnsemble ensemble = builder(Precision.FLOAT).checkpoint(dir, 100).build();
    byte[] original = Files.readAllBytes(part);
    for (int forged : new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE - 50, -1, 1 << 30}) {
      byte[] bytes = original.clone();
      ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(12, forged);
      Files.write(part, resealed(bytes));
      assertThatThrownBy(() -> ensemble.fit(X, Y, W))
          .as("settings length %d", forged)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("checkpoint part " + part + " is corrupt: inconsistent header"
              + " (settings length " + forged);
    }
  }

  @Test
  void checkpoint_partThatIsNoRegularFileIsCorrupt() throws Exception {
    BootstrapRidgeEnsemble ensemble = builder(Precision.FLOAT).checkpoint(dir, 100).build();
    Path zero = Path.of("/dev/zero");
    if (Files.exists(zero)) {
      // before: Files.readAllBytes read /dev/zero until OutOfMemoryError
      Path link = Files.createSymbolicLink(dir.resolve("members-000000000.ckpt"), zero);
      assertThatThrownBy(() -> ensemble.fit(X, Y, W))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("checkpoint part " + link + " is corrupt: not a regular file");
      Files.delete(link);
    }
    Path fifo = dir.resolve("members-000000100.ckpt");
    if (SpecialFiles.mkfifo(fifo)) {
      // before: reading the pipe blocked the fit forever
      assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
          assertThatThrownBy(() -> ensemble.fit(X, Y, W))
              .isInstanceOf(IllegalStateException.class)
              .hasMessageContaining("checkpoint part " + fifo + " is corrupt: not a regular file"));
      Files.delete(fifo);
    }
    assertBitIdentical(ensemble.fit(X, Y, W).coefficients(),
        builder(Precision.FLOAT).build().fit(X, Y, W).coefficients());
  }

  @Test
  void checkpoint_sparseHugePartIsCorruptWithoutBeingRead() throws IOException {
    Path part = dir.resolve("members-000000000.ckpt");
    Files.createDirectories(dir);
    try (RandomAccessFile raf = new RandomAccessFile(part.toFile(), "rw")) {
      raf.setLength(3L << 30);
    }
    BootstrapRidgeEnsemble ensemble = builder(Precision.FLOAT).checkpoint(dir, 100).build();
    assertThatThrownBy(() -> ensemble.fit(X, Y, W))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("checkpoint part " + part + " is corrupt: length 3221225472 bytes"
            + " (expected: at most ");
  }

  @Test
  void checkpoint_folderInUseIsRefused() throws IOException {
    Files.createDirectories(dir);
    try (FileChannel channel = FileChannel.open(dir.resolve("checkpoint.lock"),
        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      assertThat(lock.isValid()).isTrue();
      BootstrapRidgeEnsemble ensemble = builder(Precision.FLOAT).checkpoint(dir, 100).build();
      assertThatThrownBy(() -> ensemble.fit(X, Y, W))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("checkpoint folder " + dir + " is in use by another fit");
    }
  }

  @Test
  void checkpoint_folderThatIsAFile() throws IOException {
    Path file = dir.resolve("plain");
    Files.writeString(file, "x");
    BootstrapRidgeEnsemble ensemble = builder(Precision.FLOAT).checkpoint(file, 100).build();
    assertThatThrownBy(() -> ensemble.fit(X, Y, W))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("cannot use checkpoint folder " + file);
  }

  // ------------------------------------------------------------------ crashes

  @Test
  void checkpoint_crashWhileWritingAPartKeepsTheEarlierParts() throws IOException {
    CoefficientStore uninterrupted =
        builder(Precision.FLOAT).build().fit(X, Y, W).coefficients();
    AtomicInteger writes = new AtomicInteger();
    BootstrapRidgeEnsemble crashing = builder(Precision.FLOAT, Runnable::run)
        .checkpoint(dir, 100)
        .checkpointStreams(out -> writes.incrementAndGet() == 3
            ? new CutOffStream(out, 700, () -> {
              throw new IOException("simulated crash");
            })
            : out)
        .build();
    assertThatThrownBy(() -> crashing.fit(X, Y, W))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("cannot write checkpoint part " + dir.resolve(
            "members-000000200.ckpt"))
        .hasMessageContaining("simulated crash");
    assertThat(parts()).extracting(p -> p.getFileName().toString())
        .containsExactly("members-000000000.ckpt", "members-000000100.ckpt");
    assertThat(savedMembers()).isEqualTo(200);

    Path leftover = dir.resolve(".members-000000200.ckpt.8123456.tmp");
    Files.write(leftover, Arrays.copyOf(Files.readAllBytes(parts().get(0)), 700));
    CoefficientStore resumed = builder(Precision.FLOAT).checkpoint(dir, 100).build()
        .fit(X, Y, W).coefficients();
    assertBitIdentical(resumed, uninterrupted);
    assertThat(Files.exists(leftover)).isFalse();
  }

  // ------------------------------------------------------------------ builder

  @Test
  void checkpoint_defaultsAndGetters() {
    BootstrapRidgeEnsemble none = BootstrapRidgeEnsemble.newBuilder().build();
    assertThat(none.checkpointFolder()).isEmpty();
    assertThat(none.checkpointEvery()).isZero();
    BootstrapRidgeEnsemble some = BootstrapRidgeEnsemble.newBuilder().checkpoint(dir, 7).build();
    assertThat(some.checkpointFolder()).contains(dir);
    assertThat(some.checkpointEvery()).isEqualTo(7);
  }

  @Test
  void checkpoint_badArguments() {
    assertThatThrownBy(() -> BootstrapRidgeEnsemble.newBuilder().checkpoint(null, 10))
        .isInstanceOf(NullPointerException.class).hasMessage("folder");
    assertThatThrownBy(() -> BootstrapRidgeEnsemble.newBuilder().checkpoint(dir, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("everyMembers: 0 (expected: >= 1)");
    assertThatThrownBy(() -> BootstrapRidgeEnsemble.newBuilder().checkpoint(dir, 10)
        .checkpoint(dir, 20))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("checkpoint was already set to " + dir);
  }
}
