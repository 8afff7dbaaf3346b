package io.rila.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.rila.core.testing.Fuzz;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzz properties of the checkpoint parts a fit resumes from (jqwik; cases per property: {@code
 * jqwik.tries.default}). One part of an interrupted fit is damaged, half the time with its
 * checksum recomputed. A fit then either refuses the folder with an {@link
 * IllegalStateException} that names the part or the folder, or returns a model: bit-identical to
 * the uninterrupted fit when the checksum was left wrong or only header fields were forged; when
 * coefficient bytes were forged (accepted by design: no signature), every member outside the
 * part's declared ranges is still bit-identical. Never another throwable, never a hang.
 */
class CheckpointFuzzTest {

  private static final int MEMBERS = 60;
  private static final Random DATA = new Random(404);
  private static final double[][] X = NaiveBootstrap.matrix(DATA, 20, 3);
  private static final double[] Y = NaiveBootstrap.target(DATA, X);
  private static final double[] W = NaiveBootstrap.weights(DATA, 20);
  /** Magic, version, settings length, data hash, range count, member count. */
  private static final int FIXED = 56;

  private static Path root;
  private static List<String> partNames;
  private static List<byte[]> parts;
  private static CoefficientStore reference;

  private static BootstrapRidgeEnsemble.Builder builder() {
    return BootstrapRidgeEnsemble.newBuilder().estimators(MEMBERS).seed(5).alpha(0.3)
        .executor(Runnable::run);
  }

  @BeforeContainer
  static void interruptedFit() throws IOException {
    root = Files.createTempDirectory("rila-checkpoint-fuzz");
    Path folder = root.resolve("interrupted");
    CancellationToken token = new CancellationToken();
    BootstrapRidgeEnsemble ensemble = builder().checkpoint(folder, 8).cancellation(token)
        .progressListener((done, total) -> {
          if (done >= 40) {
            token.cancel();
          }
        }).build();
    try {
      ensemble.fit(X, Y, W);
      throw new AssertionError("the fit was not cancelled");
    } catch (CancellationException expected) {
      // the parts stay
    }
    partNames = new ArrayList<>();
    parts = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path part : (Iterable<Path>) files.sorted()::iterator) {
        if (part.getFileName().toString().startsWith("members-")) {
          partNames.add(part.getFileName().toString());
          parts.add(Files.readAllBytes(part));
        }
      }
    }
    assertThat(parts).hasSizeGreaterThan(1);
    reference = builder().build().fit(X, Y, W).coefficients();
  }

  @AfterContainer
  static void deleteRoot() throws IOException {
    deleteTree(root);
  }

  private static void deleteTree(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      try (Stream<Path> files = Files.list(path)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          deleteTree(file);
        }
      }
    }
    Files.deleteIfExists(path);
  }

  @Provide
  Arbitrary<Integer> part() {
    return Arbitraries.integers().between(0, 5);
  }

  @Property
  void damagedPart_isRefusedNamingItOrResumesToTheSameModel(
      @ForAll("part") int which, @ForAll Fuzz.Damage damage, @ForAll boolean forged,
      @ForAll long seed) throws IOException {
    int index = which % parts.size();
    byte[] original = parts.get(index);
    byte[] damaged = Fuzz.mutate(original, damage, new Random(seed));
    if (forged) {
      ModelFilesFuzzTest.resealed(damaged);
    }
    check(index, damaged, forged && touchesCoefficients(original, damaged));
  }

  @Property
  void headerFieldSetToAnExtreme_isRefusedOrResumesToTheSameModel(
      @ForAll("part") int which, @ForAll("headerOffsets") int offset,
      @ForAll("extremes") int value) throws IOException {
    int index = which % parts.size();
    byte[] original = parts.get(index);
    int at = offset < FIXED ? offset : FIXED + settingsLength(original) + (offset - FIXED);
    byte[] damaged = ModelFilesFuzzTest.resealed(Fuzz.withInt(original, at, value, true));
    // past the declared ranges the offsets reach the first coefficients: a forgery of numbers
    check(index, damaged, touchesCoefficients(original, damaged));
  }

  /** Version, settings length, range count, member count, then the first ranges' bounds. */
  @Provide
  Arbitrary<Integer> headerOffsets() {
    return Arbitraries.of(8, 12, 48, 52, FIXED, FIXED + 4, FIXED + 8, FIXED + 12);
  }

  @Provide
  Arbitrary<Integer> extremes() {
    return Arbitraries.of(0, 1, -1, 2, 7, 8, 9, MEMBERS - 1, MEMBERS, MEMBERS + 1, 1 << 30,
        Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE - 50);
  }

  private static int settingsLength(byte[] part) {
    return ByteBuffer.wrap(part).order(ByteOrder.LITTLE_ENDIAN).getInt(12);
  }

  /** Whether the damage reached past the ranges of the original part: its coefficients. */
  private static boolean touchesCoefficients(byte[] original, byte[] damaged) {
    ByteBuffer b = ByteBuffer.wrap(original).order(ByteOrder.LITTLE_ENDIAN);
    int start = FIXED + b.getInt(12) + 8 * b.getInt(48);
    return damaged.length != original.length
        || !Arrays.equals(original, start, original.length - 4, damaged, start,
            damaged.length - 4);
  }

  private void check(int index, byte[] damaged, boolean forgedCoefficients) throws IOException {
    Path folder = root.resolve("case");
    deleteTree(folder);
    Files.createDirectories(folder);
    for (int k = 0; k < parts.size(); k++) {
      Files.write(folder.resolve(partNames.get(k)), k == index ? damaged : parts.get(k));
    }
    Path part = folder.resolve(partNames.get(index));
    BootstrapRidgeEnsemble ensemble = builder().checkpoint(folder, 8).build();
    Fuzz.Outcome<EnsembleModel> outcome = Fuzz.run(() -> ensemble.fit(X, Y, W));
    if (outcome.thrown() != null) {
      assertThat(outcome.thrown()).isInstanceOf(IllegalStateException.class);
      assertThat(outcome.thrown().getMessage())
          .containsAnyOf("checkpoint part " + folder, "checkpoint folder " + folder);
      return;
    }
    CoefficientStore store = outcome.value().coefficients();
    if (!forgedCoefficients) {
      assertThat(store).isEqualTo(reference);
      return;
    }
    boolean[] forged = declaredMembers(damaged);
    int width = reference.features() + 1;
    double[] a = new double[width];
    double[] e = new double[width];
    for (int k = 0; k < MEMBERS; k++) {
      store.copyMember(k, a);
      reference.copyMember(k, e);
      for (int j = 0; j < width; j++) {
        assertThat(Double.isFinite(a[j])).isTrue();
        if (!forged[k]) {
          assertThat(Double.doubleToRawLongBits(a[j])).as("member %d of %s", k, part)
              .isEqualTo(Double.doubleToRawLongBits(e[j]));
        }
      }
    }
  }

  /** The members an accepted part declares (its header was consistent, or it was refused). */
  private static boolean[] declaredMembers(byte[] part) {
    ByteBuffer b = ByteBuffer.wrap(part).order(ByteOrder.LITTLE_ENDIAN);
    int body = FIXED + b.getInt(12);
    boolean[] members = new boolean[MEMBERS];
    for (int r = 0; r < b.getInt(48); r++) {
      Arrays.fill(members, b.getInt(body + 8 * r), b.getInt(body + 8 * r + 4), true);
    }
    return members;
  }
}
