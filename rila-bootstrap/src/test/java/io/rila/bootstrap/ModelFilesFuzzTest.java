package io.rila.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.rila.core.frame.Frame;
import io.rila.core.regression.SolveForm;
import io.rila.core.testing.Fuzz;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzz properties of {@link ModelFiles#load} (jqwik; cases per property: {@code
 * jqwik.tries.default}): saved models of several settings are damaged (bit flips, truncations,
 * extensions, shifted bytes, header fields set to extremes), half of them with the checksum
 * recomputed (a forgery). Every load either fails with an {@link IOException} that names the
 * file, or returns a model that saves back to exactly the loaded bytes: the original model when
 * the damage kept the checksum wrong, the forged content when it was recomputed (accepted by
 * design: there is no signature). Never another throwable, never a hang.
 */
class ModelFilesFuzzTest {

  private static final Random DATA = new Random(31);
  private static final double[][] X = NaiveBootstrap.matrix(DATA, 24, 3);
  private static final double[] Y = NaiveBootstrap.target(DATA, X);
  private static final double[] W = NaiveBootstrap.weights(DATA, 24);

  private static Path dir;
  private static byte[][] originals;

  private static BootstrapRidgeEnsemble.Builder builder(int estimators) {
    return BootstrapRidgeEnsemble.newBuilder().estimators(estimators).executor(Runnable::run);
  }

  @BeforeContainer
  static void saveModels() throws IOException {
    dir = Files.createTempDirectory("rila-model-fuzz");
    Frame.Builder frame = Frame.newBuilder();
    List<String> names = List.of("rate", "caf\u00e9", "x\uD83D\uDCC8");
    for (int j = 0; j < 3; j++) {
      double[] column = new double[X.length];
      for (int i = 0; i < X.length; i++) {
        column[i] = X[i][j];
      }
      frame.column(names.get(j), column);
    }
    Frame data = frame.column("y", Y).column("w", W).build();
    List<EnsembleModel> models = List.of(
        builder(4).build().fit(X, Y),
        builder(3).precision(Precision.DOUBLE).resampling(Resampling.movingBlock(3))
            .build().fit(data, "y", names, "w"),
        builder(2).resampling(Resampling.stationary(2.5)).solveForm(SolveForm.DUAL)
            .targetTransform(TargetTransform.LOG1P).build().fit(data, "y", names),
        builder(3).resampling(Resampling.sklearnCompatible(7, SklearnWeighting.PROBABILITY))
            .nonNegative(true).build().fit(X, Y, W));
    originals = new byte[models.size()][];
    for (int k = 0; k < models.size(); k++) {
      Path file = dir.resolve("original-" + k + ".rila");
      ModelFiles.save(models.get(k), file);
      originals[k] = Files.readAllBytes(file);
    }
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

  @Provide
  Arbitrary<Integer> model() {
    return Arbitraries.integers().between(0, 3);
  }

  /** The bytes with a correct checksum recomputed over everything before it. */
  static byte[] resealed(byte[] bytes) {
    if (bytes.length >= 4) {
      CRC32C crc = new CRC32C();
      crc.update(bytes, 0, bytes.length - 4);
      ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN)
          .putInt(bytes.length - 4, (int) crc.getValue());
    }
    return bytes;
  }

  @Property
  void damagedFile_isRefusedNamingTheFileOrLoadsExactlyWhatItHolds(
      @ForAll("model") int which, @ForAll Fuzz.Damage damage, @ForAll boolean forged,
      @ForAll long seed) throws IOException {
    byte[] original = originals[which];
    byte[] damaged = Fuzz.mutate(original, damage, new Random(seed));
    if (forged) {
      resealed(damaged);
    }
    Path file = dir.resolve("damaged.rila");
    Files.write(file, damaged);
    Fuzz.Outcome<EnsembleModel> outcome = Fuzz.run(() -> ModelFiles.load(file));
    if (outcome.thrown() != null) {
      assertThat(outcome.thrown())
          .isInstanceOf(IOException.class)
          .isNotInstanceOf(NoSuchFileException.class)
          .hasMessageStartingWith("model file " + file + ": ");
      return;
    }
    if (!forged) {
      assertThat(damaged).as("accepted without a recomputed checksum").isEqualTo(original);
    }
    Path again = dir.resolve("again.rila");
    ModelFiles.save(outcome.value(), again);
    assertThat(Files.readAllBytes(again)).as("the model is what the file holds")
        .isEqualTo(damaged);
  }

  @Property
  void headerFieldSetToAnExtreme_isRefusedOrLoadsExactlyWhatItHolds(
      @ForAll("model") int which, @ForAll("headerOffsets") int offset,
      @ForAll("extremes") int value, @ForAll boolean forged) throws IOException {
    byte[] damaged = Fuzz.withInt(originals[which], offset, value, true);
    if (forged) {
      resealed(damaged);
    }
    Path file = dir.resolve("extreme.rila");
    Files.write(file, damaged);
    Fuzz.Outcome<EnsembleModel> outcome = Fuzz.run(() -> ModelFiles.load(file));
    if (outcome.thrown() != null) {
      assertThat(outcome.thrown()).isInstanceOf(IOException.class)
          .hasMessageStartingWith("model file " + file + ": ");
      return;
    }
    if (!forged) {
      assertThat(damaged).isEqualTo(originals[which]);
    }
    Path again = dir.resolve("again.rila");
    ModelFiles.save(outcome.value(), again);
    assertThat(Files.readAllBytes(again)).isEqualTo(damaged);
  }

  /** The 4-byte fields of the prefix and header, and the first name lengths, as documented. */
  @Provide
  Arbitrary<Integer> headerOffsets() {
    return Arbitraries.of(8, 12, 16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56, 60, 64, 68, 72, 76,
        80, 84);
  }

  @Provide
  Arbitrary<Integer> extremes() {
    return Arbitraries.of(0, 1, -1, 2, 3, 4, 8, 255, 1 << 16, 1 << 30, Integer.MAX_VALUE,
        Integer.MIN_VALUE, Integer.MAX_VALUE - 8, 0x0101_0101);
  }

  @Property(tries = 20)
  void intactFile_loadsBitForBit(@ForAll("model") int which) throws IOException {
    Path file = dir.resolve("intact.rila");
    Files.write(file, originals[which]);
    Path again = dir.resolve("again.rila");
    ModelFiles.save(ModelFiles.load(file), again);
    assertThat(Arrays.equals(Files.readAllBytes(again), originals[which])).isTrue();
  }
}
