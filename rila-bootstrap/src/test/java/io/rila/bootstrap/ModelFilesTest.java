package io.rila.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rila.core.frame.Frame;
import io.rila.core.regression.SolveForm;
import io.rila.core.testing.SpecialFiles;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ModelFilesTest {

  private static final Random DATA = new Random(77);
  private static final double[][] X = NaiveBootstrap.matrix(DATA, 30, 4);
  private static final double[] Y = NaiveBootstrap.target(DATA, X);
  private static final double[] W = NaiveBootstrap.weights(DATA, 30);
  private static final double[][] ROWS = NaiveBootstrap.matrix(DATA, 9, 4);

  @TempDir Path dir;

  private static BootstrapRidgeEnsemble.Builder builder(int estimators) {
    return BootstrapRidgeEnsemble.newBuilder().estimators(estimators).executor(Runnable::run);
  }

  private static double[] positive(double[] y) {
    double[] out = y.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.exp(0.1 * out[i]);
    }
    return out;
  }

  private static Frame frame() {
    Frame.Builder b = Frame.newBuilder();
    String[] names = {"rate_current", "rate_t1", "competitor_mid", "caf\u00e9 \u00e9t\u00e9"};
    for (int j = 0; j < names.length; j++) {
      double[] column = new double[X.length];
      for (int i = 0; i < X.length; i++) {
        column[i] = X[i][j];
      }
      b.column(names[j], column);
    }
    return b.column("y", Y.clone()).column("w", W.clone()).build();
  }

  static Stream<EnsembleModel> models() {
    List<String> features =
        List.of("rate_current", "rate_t1", "competitor_mid", "caf\u00e9 \u00e9t\u00e9");
    return Stream.of(
        builder(25).seed(3).build().fit(X, Y),
        builder(25).precision(Precision.DOUBLE).alpha(0.25).build().fit(X, Y, W),
        builder(25).resampling(Resampling.poisson()).targetTransform(TargetTransform.LOG)
            .build().fit(X, positive(Y)),
        builder(25).resampling(Resampling.movingBlock(5)).targetTransform(TargetTransform.LOG1P)
            .precision(Precision.DOUBLE).build().fit(frame(), "y", features, "w"),
        builder(25).resampling(Resampling.circularBlock(7)).nonNegative(true).build()
            .fit(frame(), "y", features),
        builder(25).resampling(Resampling.stationary(4.5)).solveForm(SolveForm.DUAL).build()
            .fit(X, Y),
        builder(25).resampling(Resampling.sklearnCompatible(42, SklearnWeighting.LEGACY))
            .precision(Precision.DOUBLE).build().fit(X, Y, W),
        builder(25).resampling(Resampling.sklearnCompatible(4_294_967_295L,
            SklearnWeighting.PROBABILITY)).alpha(0).build().fit(X, Y, W),
        builder(1).seed(Long.MIN_VALUE).build().fit(X, Y));
  }

  // ------------------------------------------------------------------ round trips

  @ParameterizedTest
  @MethodSource("models")
  void saveLoad_roundTripKeepsEverySettingAndBit(EnsembleModel model) throws IOException {
    Path file = dir.resolve("m.rila");
    ModelFiles.save(model, file);
    EnsembleModel loaded = ModelFiles.load(file);

    assertThat(loaded.coefficients()).isEqualTo(model.coefficients());
    assertThat(loaded.precision()).isEqualTo(model.precision());
    assertThat(loaded.featureNames()).isEqualTo(model.featureNames());
    assertThat(loaded.hasFeatureNames()).isEqualTo(model.hasFeatureNames());
    assertThat(loaded.trainingRows()).isEqualTo(model.trainingRows());
    assertThat(loaded.alpha()).isEqualTo(model.alpha());
    assertThat(loaded.seed()).isEqualTo(model.seed());
    assertThat(loaded.resampling()).isEqualTo(model.resampling());
    assertThat(loaded.targetTransform()).isEqualTo(model.targetTransform());
    assertThat(loaded.nonNegative()).isEqualTo(model.nonNegative());
    assertThat(loaded.solveForm()).isEqualTo(model.solveForm());
    assertThat(loaded.toString()).isEqualTo(model.toString());
    for (double[] row : ROWS) {
      assertThat(bits(loaded.memberPredictions(row))).isEqualTo(bits(model.memberPredictions(row)));
    }
    SummaryTable a = model.predict(ROWS, 0.1, 0.9);
    SummaryTable b = loaded.predict(ROWS, 0.1, 0.9);
    for (int r = 0; r < ROWS.length; r++) {
      assertThat(Double.doubleToRawLongBits(b.mean(r)))
          .isEqualTo(Double.doubleToRawLongBits(a.mean(r)));
      assertThat(b.quantile(r, 1)).isEqualTo(a.quantile(r, 1));
    }
  }

  private static long[] bits(double[] values) {
    long[] out = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Double.doubleToRawLongBits(values[i]);
    }
    return out;
  }

  @Test
  void save_layoutFollowsTheSpecification() throws IOException {
    EnsembleModel model = builder(3).resampling(Resampling.movingBlock(6)).seed(-9)
        .alpha(0.75).targetTransform(TargetTransform.LOG1P).build()
        .fit(frame(), "y", List.of("rate_t1", "competitor_mid"), "w");
    Path file = dir.resolve("m.rila");
    ModelFiles.save(model, file);
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);

    assertThat(Arrays.copyOf(bytes, 8)).isEqualTo(new byte[] {'R', 'I', 'L', 'A', 13, 10, 26, 10});
    assertThat(b.getInt(8)).isEqualTo(1);
    int dataOffset = 16 + b.getInt(12);
    assertThat(dataOffset).isEqualTo(128);
    assertThat(b.getInt(16)).isEqualTo(3);
    assertThat(b.getInt(20)).isEqualTo(2);
    assertThat(b.getInt(24)).isEqualTo(30);
    assertThat(model.solveForm()).isEqualTo(SolveForm.PRIMAL);
    assertThat(Arrays.copyOfRange(bytes, 28, 36)).isEqualTo(new byte[] {4, 2, 0, 1, 2, 0, 1, 0});
    assertThat(b.getInt(36)).isEqualTo(6);
    assertThat(b.getDouble(40)).isEqualTo(0.75);
    assertThat(b.getLong(48)).isEqualTo(-9);
    assertThat(b.getDouble(56)).isZero();
    assertThat(b.getLong(64)).isZero();
    assertThat(b.getInt(72)).isEqualTo(7);
    assertThat(new String(bytes, 76, 7, StandardCharsets.UTF_8)).isEqualTo("rate_t1");
    assertThat(b.getInt(83)).isEqualTo(14);
    assertThat(new String(bytes, 87, 14, StandardCharsets.UTF_8)).isEqualTo("competitor_mid");
    for (int i = 101; i < dataOffset; i++) {
      assertThat(bytes[i]).isZero();
    }
    assertThat(bytes.length).isEqualTo(dataOffset + 3 * 3 * 4 + 4);
    double[] member = new double[3];
    for (int k = 0; k < 3; k++) {
      model.coefficients().copyMember(k, member);
      for (int j = 0; j < 3; j++) {
        assertThat((double) b.getFloat(dataOffset + (k * 3 + j) * 4)).isEqualTo(member[j]);
      }
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - 4);
    assertThat(b.getInt(bytes.length - 4)).isEqualTo((int) crc.getValue());
  }

  @Test
  void save_replacesAtomicallyAndLeavesNoTemporaryFile() throws IOException {
    Path file = dir.resolve("m.rila");
    Files.writeString(file, "an older model");
    EnsembleModel model = builder(25).build().fit(X, Y);
    ModelFiles.save(model, file);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
    assertThat(ModelFiles.load(file).coefficients()).isEqualTo(model.coefficients());
  }

  @Test
  void save_missingFolderLeavesNothing() {
    EnsembleModel model = builder(25).build().fit(X, Y);
    assertThatThrownBy(() -> ModelFiles.save(model, dir.resolve("absent").resolve("m.rila")))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void save_null() {
    EnsembleModel model = builder(25).build().fit(X, Y);
    assertThatThrownBy(() -> ModelFiles.save(null, dir.resolve("m")))
        .isInstanceOf(NullPointerException.class).hasMessage("model");
    assertThatThrownBy(() -> ModelFiles.save(model, null))
        .isInstanceOf(NullPointerException.class).hasMessage("path");
  }

  // ------------------------------------------------------------------ damaged files

  private Path saved(EnsembleModel model) throws IOException {
    Path file = dir.resolve("m.rila");
    ModelFiles.save(model, file);
    return file;
  }

  private Path withBytes(byte[] bytes) throws IOException {
    Path file = dir.resolve("damaged.rila");
    Files.write(file, bytes);
    return file;
  }

  /** The bytes with a correct checksum recomputed over everything before it. */
  private static byte[] resealed(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - 4);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN)
        .putInt(bytes.length - 4, (int) crc.getValue());
    return bytes;
  }

  @Test
  void load_truncatedAnywhere() throws IOException {
    byte[] bytes = Files.readAllBytes(saved(builder(25).build().fit(frame(), "y",
        List.of("rate_current", "rate_t1"))));
    for (int length : new int[] {0, 5, 8, 19, 20, 64, 100, bytes.length - 5, bytes.length - 1}) {
      Path file = withBytes(Arrays.copyOf(bytes, length));
      assertThatThrownBy(() -> ModelFiles.load(file))
          .as("length %d", length)
          .isInstanceOf(IOException.class)
          .hasMessageContaining("model file " + file)
          .hasMessageContaining("truncated");
    }
  }

  @Test
  void load_everySingleBitFlipIsRejected() throws IOException {
    byte[] bytes = Files.readAllBytes(saved(builder(2).build().fit(frame(), "y",
        List.of("rate_current", "rate_t1"))));
    assertThat(bytes.length).isEqualTo(128 + 2 * 3 * 4 + 4);
    Path file = withBytes(bytes);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      for (int i = 0; i < bytes.length; i++) {
        for (int bit = 0; bit < 8; bit++) {
          channel.write(ByteBuffer.wrap(new byte[] {(byte) (bytes[i] ^ (1 << bit))}), i);
          assertThatThrownBy(() -> ModelFiles.load(file))
              .as("byte %d, bit %d", i, bit)
              .isInstanceOf(IOException.class)
              .hasMessageContaining("model file " + file);
        }
        channel.write(ByteBuffer.wrap(new byte[] {bytes[i]}), i);
      }
    }
    assertThat(ModelFiles.load(file).coefficients().members()).isEqualTo(2);
  }

  @Test
  void load_bitFlipInTheCoefficientsIsAChecksumMismatch() throws IOException {
    byte[] bytes = Files.readAllBytes(saved(builder(25).build().fit(X, Y)));
    bytes[bytes.length - 40] ^= 0x10;
    Path file = withBytes(bytes);
    assertThatThrownBy(() -> ModelFiles.load(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("checksum mismatch");
  }

  @Test
  void load_wrongMagic() throws IOException {
    Path csv = withBytes("date,sales\n2024-01-07,5\n".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> ModelFiles.load(csv))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(csv.toString())
        .hasMessageContaining("64 61 74 65 2C 73 61 6C")
        .hasMessageContaining("not a rila model file");
    byte[] textMode = Files.readAllBytes(saved(builder(25).build().fit(X, Y)));
    textMode[4] = 10;
    Path mangled = withBytes(textMode);
    assertThatThrownBy(() -> ModelFiles.load(mangled)).hasMessageContaining("not a rila model");
  }

  @Test
  void load_checkpointPartIsNamed() throws IOException {
    Path part = withBytes(new byte[] {'R', 'I', 'L', 'A', 'C', 'K', 26, 10, 1, 0, 0, 0});
    assertThatThrownBy(() -> ModelFiles.load(part))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("a rila checkpoint part, not a model file");
  }

  @Test
  void load_futureVersion() throws IOException {
    byte[] bytes = Files.readAllBytes(saved(builder(25).build().fit(X, Y)));
    bytes[8] = 2;
    Path file = withBytes(resealed(bytes));
    assertThatThrownBy(() -> ModelFiles.load(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("format version 2 (expected: 1; written by a newer rila");
  }

  @Test
  void load_wrongLength() throws IOException {
    byte[] bytes = Files.readAllBytes(saved(builder(25).build().fit(X, Y)));
    Path file = withBytes(Arrays.copyOf(bytes, bytes.length + 4));
    assertThatThrownBy(() -> ModelFiles.load(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("wrong length: " + (bytes.length + 4) + " bytes (expected: "
            + bytes.length + " for 25 members x 4 features, FLOAT)");
  }

  @Test
  void load_inconsistentHeaderBehindAValidChecksum() throws IOException {
    byte[] original = Files.readAllBytes(saved(builder(25).build().fit(X, Y)));
    Map<String, Consumer<ByteBuffer>> cases = new LinkedHashMap<>();
    cases.put("training rows 0 (expected: >= 1)", b -> b.putInt(24, 0));
    cases.put("target transform code 7 (expected: 0 .. 2)", b -> b.put(29, (byte) 7));
    cases.put("non-negative flag 2 (expected: 0 or 1)", b -> b.put(30, (byte) 2));
    cases.put("solve form code 3 (expected: 0 .. 2)", b -> b.put(31, (byte) 3));
    cases.put("resampling kind code 6 (expected: 0 .. 5)", b -> b.put(32, (byte) 6));
    cases.put("scikit-learn weighting code 1 for IID (expected: 0)", b -> b.put(33, (byte) 1));
    cases.put("feature-names flag 2 (expected: 0 or 1)", b -> b.put(34, (byte) 2));
    cases.put("reserved byte 1 (expected: 0)", b -> b.put(35, (byte) 1));
    cases.put("block length 4 for IID (expected: 0)", b -> b.putInt(36, 4));
    cases.put("alpha NaN (expected: finite and >= 0)", b -> b.putDouble(40, Double.NaN));
    cases.put("alpha -1.0 (expected: finite and >= 0)", b -> b.putDouble(40, -1.0));
    cases.put("mean block length 2.0 for IID (expected: 0)", b -> b.putDouble(56, 2.0));
    cases.put("random state 5 with seed 0 for IID (expected: 0)", b -> b.putLong(64, 5));
    cases.put("padding byte at offset 80 is 1 (expected: 0)", b -> b.put(80, (byte) 1));
    cases.put("solve form DUAL with alpha 0.0", b -> {
      b.put(31, (byte) 2);
      b.putDouble(40, 0.0);
    });
    cases.put("block length 31 for MOVING_BLOCK (expected: 1 .. training rows 30)", b -> {
      b.put(32, (byte) 2);
      b.putInt(36, 31);
    });
    cases.put("random state 42 with seed 0 for SKLEARN (expected: 0 .. 4294967295, equal to the"
        + " seed)", b -> {
          b.put(32, (byte) 5);
          b.put(33, (byte) 1);
          b.putLong(64, 42);
        });
    for (Map.Entry<String, Consumer<ByteBuffer>> c : cases.entrySet()) {
      byte[] bytes = original.clone();
      c.getValue().accept(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN));
      Path file = withBytes(resealed(bytes));
      assertThatThrownBy(() -> ModelFiles.load(file))
          .as(c.getKey())
          .isInstanceOf(IOException.class)
          .hasMessageContaining("model file " + file + ": inconsistent header: " + c.getKey());
    }
  }

  @Test
  void load_repeatedOrInvalidNamesBehindAValidChecksum() throws IOException {
    Frame twoNames = Frame.newBuilder().column("a1", Y.clone()).column("a2", W.clone())
        .column("y", Y.clone()).build();
    byte[] bytes = Files.readAllBytes(saved(builder(2).build()
        .fit(twoNames, "y", List.of("a1", "a2"))));
    assertThat(new String(bytes, 76, 2, StandardCharsets.US_ASCII)).isEqualTo("a1");
    assertThat(new String(bytes, 82, 2, StandardCharsets.US_ASCII)).isEqualTo("a2");
    byte[] repeated = bytes.clone();
    repeated[83] = '1';
    Path file = withBytes(resealed(repeated));
    assertThatThrownBy(() -> ModelFiles.load(file))
        .hasMessageContaining("inconsistent header: feature name 1 'a1' repeats an earlier name");
    byte[] invalid = bytes.clone();
    invalid[76] = (byte) 0xC3;
    Path file2 = withBytes(resealed(invalid));
    assertThatThrownBy(() -> ModelFiles.load(file2))
        .hasMessageContaining("inconsistent header: feature name 0 is not valid UTF-8");
    byte[] tooLong = bytes.clone();
    tooLong[78] = 100;
    Path file3 = withBytes(resealed(tooLong));
    assertThatThrownBy(() -> ModelFiles.load(file3))
        .hasMessageContaining("inconsistent header: feature name 1 has length 100");
  }

  @Test
  void load_nonFiniteCoefficientBehindAValidChecksum() throws IOException {
    byte[] bytes = Files.readAllBytes(saved(builder(2).build().fit(X, Y)));
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putFloat(128 + 7 * 4, Float.NaN);
    Path file = withBytes(resealed(bytes));
    assertThatThrownBy(() -> ModelFiles.load(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("inconsistent content: member 1, position 2 is NaN");
  }

  @Test
  void load_missingFile() {
    assertThatThrownBy(() -> ModelFiles.load(dir.resolve("absent.rila")))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void model_unpairedSurrogateNamesAreRejected() {
    // before: two such names saved as '?' each, and the file then failed to load ("repeats")
    CoefficientStore store = builder(2).build().fit(X, Y).coefficients();
    EnsembleSettings settings = EnsembleSettings.newBuilder().estimators(2).build();
    assertThatThrownBy(() -> EnsembleModel.of(store, List.of("a\uD800", "a\uD801", "c", "d"), 30,
        settings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("featureNames[0]: 'a\\uD800' has an unpaired surrogate");
  }

  @Test
  void load_directoryNamesThePath() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("model.rila"));
    assertThatThrownBy(() -> ModelFiles.load(folder))
        .isInstanceOf(IOException.class)
        .hasMessage("model file " + folder + ": a directory (expected: a regular file)");
  }

  @Test
  void load_fifoIsRefusedWithoutBlocking() throws Exception {
    Path fifo = dir.resolve("fifo.rila");
    assumeTrue(SpecialFiles.mkfifo(fifo));
    assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
        assertThatThrownBy(() -> ModelFiles.load(fifo))
            .isInstanceOf(IOException.class)
            .hasMessage("model file " + fifo + ": not a regular file (expected: a regular file)"));
  }

  @Test
  void load_symlinkToADeviceIsRefused() throws IOException {
    Path zero = Path.of("/dev/zero");
    assumeTrue(Files.exists(zero));
    Path link = Files.createSymbolicLink(dir.resolve("zero.rila"), zero);
    assertThatThrownBy(() -> ModelFiles.load(link))
        .isInstanceOf(IOException.class)
        .hasMessage("model file " + link + ": not a regular file (expected: a regular file)");
  }

  /** A sparse file of {@code length} bytes that starts with a saved model's header. */
  private Path sparseModel(int members, long length) throws IOException {
    byte[] bytes = Files.readAllBytes(saved(builder(2).build().fit(X, Y)));
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(16, members);
    Path file = dir.resolve("sparse.rila");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.write(bytes, 0, 128);
      raf.setLength(length);
    }
    return file;
  }

  @Test
  void load_sparseFileClaimingMoreThanTheHeapIsRefusedBeforeAllocating() throws IOException {
    // 400 million members x 5 floats = 8 GB, with a length that matches the header: the store
    // was allocated before anything else was checked, and the load died of OutOfMemoryError
    long length = 128 + 400_000_000L * 5 * 4 + 4;
    Path file = sparseModel(400_000_000, length);
    assertThatThrownBy(() -> ModelFiles.load(file))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("model file " + file + ": 400000000 members x 4 features, FLOAT"
            + " need 8000000000 bytes (expected: at most this JVM's maximum heap, ");
  }

  @Test
  void load_sparseFileBehindAForgedHeaderFailsTheChecksum() throws IOException {
    long length = 128 + 10_000_000L * 5 * 4 + 4;
    Path file = sparseModel(10_000_000, length);
    assertThatThrownBy(() -> ModelFiles.load(file))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("model file " + file + ": checksum mismatch");
  }

  @Test
  void save_overExistingFileKeepsItsPermissions() throws IOException {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Path file = Files.writeString(dir.resolve("private.rila"), "old");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    ModelFiles.save(builder(2).build().fit(X, Y), file);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void load_null() {
    assertThatThrownBy(() -> ModelFiles.load(null))
        .isInstanceOf(NullPointerException.class).hasMessage("path");
  }

  // ------------------------------------------------------------------ NPY export

  @ParameterizedTest
  @MethodSource("models")
  void exportNpy_headerAndDataAsNumpyDefinesThem(EnsembleModel model) throws IOException {
    Path file = dir.resolve("m.npy");
    ModelFiles.exportNpy(model, file);
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(Arrays.copyOf(bytes, 8))
        .isEqualTo(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    int headerLength = Short.toUnsignedInt(b.getShort(8));
    int dataOffset = 10 + headerLength;
    assertThat(dataOffset % 64).isZero();
    String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
    boolean floats = model.precision() == Precision.FLOAT;
    int members = model.estimators();
    int width = model.features() + 1;
    assertThat(header.stripTrailing()).isEqualTo("{'descr': '" + (floats ? "<f4" : "<f8")
        + "', 'fortran_order': False, 'shape': (" + members + ", " + width + "), }");
    assertThat(header).endsWith("\n");
    int size = floats ? 4 : 8;
    assertThat(bytes.length).isEqualTo(dataOffset + members * width * size);
    double[] member = new double[width];
    for (int k = 0; k < members; k++) {
      model.coefficients().copyMember(k, member);
      for (int j = 0; j < width; j++) {
        int at = dataOffset + (k * width + j) * size;
        double value = floats ? b.getFloat(at) : b.getDouble(at);
        assertThat(value).isEqualTo(member[j]);
      }
    }
  }

  @Test
  void exportNpy_numpyReadsIt() throws IOException, InterruptedException {
    Path python = Path.of("/usr/bin/python3");
    assumeTrue(Files.isExecutable(python), "no /usr/bin/python3");
    EnsembleModel model = builder(4).precision(Precision.DOUBLE).build().fit(X, Y);
    Path file = dir.resolve("m.npy");
    ModelFiles.exportNpy(model, file);
    Process process = new ProcessBuilder(python.toString(), "-c",
        "import sys\n"
            + "try:\n"
            + "    import numpy\n"
            + "except ImportError:\n"
            + "    print('no numpy'); sys.exit(0)\n"
            + "a = numpy.load(sys.argv[1])\n"
            + "print(a.dtype.str, a.shape[0], a.shape[1], a.flags['C_CONTIGUOUS'])\n"
            + "for v in a.ravel(): print(repr(float(v)))\n",
        file.toString()).redirectErrorStream(true).start();
    List<String> lines = new ArrayList<>();
    try (var reader = process.inputReader(StandardCharsets.UTF_8)) {
      reader.lines().forEach(lines::add);
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assumeTrue(!lines.equals(List.of("no numpy")), "python3 has no numpy");
    assertThat(process.exitValue()).as("%s", lines).isZero();
    assertThat(lines.get(0)).isEqualTo("<f8 4 5 True");
    double[] member = new double[5];
    for (int k = 0; k < 4; k++) {
      model.coefficients().copyMember(k, member);
      for (int j = 0; j < 5; j++) {
        assertThat(Double.parseDouble(lines.get(1 + k * 5 + j))).isEqualTo(member[j]);
      }
    }
  }

  @Test
  void exportNpy_null() {
    EnsembleModel model = builder(25).build().fit(X, Y);
    assertThatThrownBy(() -> ModelFiles.exportNpy(null, dir.resolve("m.npy")))
        .isInstanceOf(NullPointerException.class).hasMessage("model");
    assertThatThrownBy(() -> ModelFiles.exportNpy(model, null))
        .isInstanceOf(NullPointerException.class).hasMessage("path");
  }
}
