package io.rila.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ModelFiles#importNpy}: the export read back, and arrays written by hand. */
class ModelFilesNpyTest {

  @TempDir Path dir;

  @Test
  void importNpy_readsTheExportBack() throws IOException {
    Random random = new Random(8);
    double[][] x = NaiveBootstrap.matrix(random, 30, 3);
    double[] y = NaiveBootstrap.target(random, x);
    for (Precision precision : Precision.values()) {
      EnsembleModel model = BootstrapRidgeEnsemble.newBuilder().estimators(40).seed(4)
          .precision(precision).targetTransform(TargetTransform.IDENTITY).build().fit(x, y);
      Path npy = dir.resolve(precision + ".npy");
      ModelFiles.exportNpy(model, npy);
      EnsembleModel back = ModelFiles.importNpy(npy, model.settings(), null, 30);
      assertThat(back.coefficients()).isEqualTo(model.coefficients());
      assertThat(back.settings()).isEqualTo(model.settings());
      assertThat(back.memberPredictions(x[3])).containsExactly(model.memberPredictions(x[3]));
    }
  }

  @Test
  void importNpy_handWrittenArray() throws IOException {
    // numpy.save of np.array([[0.5, 1.0], [-2.0, 3.0]]): two members of one feature
    Path npy = write("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }",
        doubles(0.5, 1.0, -2.0, 3.0), 1);
    EnsembleSettings settings = EnsembleSettings.newBuilder().estimators(2)
        .precision(Precision.DOUBLE).build();
    EnsembleModel model = ModelFiles.importNpy(npy, settings, List.of("rate"), 10);
    assertThat(model.featureNames()).containsExactly("rate");
    assertThat(model.trainingRows()).isEqualTo(10);
    assertThat(model.memberPredictions(new double[] {2})).containsExactly(2.0, -1.0);
  }

  @Test
  void importNpy_version2HeaderAndFloats() throws IOException {
    Path npy = write("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 3), }",
        floats(1.5f, -0.25f, 4f), 2);
    EnsembleSettings settings = EnsembleSettings.newBuilder().estimators(1).build();
    EnsembleModel model = ModelFiles.importNpy(npy, settings, null, 5);
    assertThat(model.memberPredictions(new double[] {2, 4})).containsExactly(6.0);
  }

  @Test
  void importNpy_badFiles() throws IOException {
    EnsembleSettings two = EnsembleSettings.newBuilder().estimators(2)
        .precision(Precision.DOUBLE).build();
    byte[] data = doubles(0.5, 1.0, -2.0, 3.0);
    assertThatThrownBy(() -> ModelFiles.importNpy(write(
        "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 2), }", data, 1), two, null, 3))
        .isInstanceOf(IOException.class).hasMessageContaining("fortran_order True");
    assertThatThrownBy(() -> ModelFiles.importNpy(write(
        "{'descr': '>f8', 'fortran_order': False, 'shape': (2, 2), }", data, 1), two, null, 3))
        .isInstanceOf(IOException.class).hasMessageContaining("dtype '>f8'");
    assertThatThrownBy(() -> ModelFiles.importNpy(write(
        "{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }", data, 1), two, null, 3))
        .isInstanceOf(IOException.class).hasMessageContaining("two-dimensional 'shape'");
    assertThatThrownBy(() -> ModelFiles.importNpy(write(
        "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 2), }", data, 1), two, null, 3))
        .isInstanceOf(IOException.class).hasMessageContaining("truncated: ");
    assertThatThrownBy(() -> ModelFiles.importNpy(write(
        "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }",
        doubles(0.5, Double.NaN, -2.0, 3.0), 1), two, null, 3))
        .isInstanceOf(IOException.class).hasMessageContaining("member 0, position 1 is NaN");
    Path model = dir.resolve("m.rila");
    Files.write(model, new byte[] {'R', 'I', 'L', 'A', 0, 0, 0, 0, 0, 0});
    assertThatThrownBy(() -> ModelFiles.importNpy(model, two, null, 3))
        .isInstanceOf(IOException.class).hasMessageContaining("not an .npy file")
        .hasMessageContaining(model.toString());
    Path folder = Files.createDirectory(dir.resolve("folder.npy"));
    assertThatThrownBy(() -> ModelFiles.importNpy(folder, two, null, 3))
        .isInstanceOf(IOException.class).hasMessageContaining("a directory");
    Path ok = write("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }", data, 1);
    EnsembleSettings three = EnsembleSettings.newBuilder().estimators(3)
        .precision(Precision.DOUBLE).build();
    assertThatThrownBy(() -> ModelFiles.importNpy(ok, three, null, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("settings: 3");
    assertThatThrownBy(() -> ModelFiles.importNpy(ok, two, List.of("a", "b"), 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("featureNames: 2");
    assertThatThrownBy(() -> ModelFiles.importNpy(ok, null, null, 3))
        .isInstanceOf(NullPointerException.class).hasMessage("settings");
  }

  /** numpy itself writes the array (np.save), as the Python side in docs/model-files.md does. */
  @Test
  void importNpy_fileWrittenByNumpy() throws IOException, InterruptedException {
    Path python = Path.of("/usr/bin/python3");
    assumeTrue(Files.isExecutable(python), "no /usr/bin/python3");
    Path file = dir.resolve("numpy.npy");
    Process process = new ProcessBuilder(python.toString(), "-c",
        "import sys\n"
            + "try:\n"
            + "    import numpy as np\n"
            + "except ImportError:\n"
            + "    print('no numpy'); sys.exit(0)\n"
            + "coef = np.array([[0.5, -1.0], [2.0, 0.25], [-3.0, 1.5]])\n"
            + "intercept = np.array([1.0, -2.0, 0.0])\n"
            + "members = np.array([np.append(c, b) for c, b in zip(coef, intercept)],"
            + " dtype=np.float64)\n"
            + "np.save(sys.argv[1], members)\n"
            + "print('ok')\n",
        file.toString()).redirectErrorStream(true).start();
    List<String> lines = new java.util.ArrayList<>();
    try (var reader = process.inputReader(StandardCharsets.UTF_8)) {
      reader.lines().forEach(lines::add);
    }
    assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assumeTrue(!lines.equals(List.of("no numpy")), "python3 has no numpy");
    assertThat(lines).as("python output").containsExactly("ok");
    EnsembleSettings settings = EnsembleSettings.newBuilder().estimators(3)
        .precision(Precision.DOUBLE).build();
    EnsembleModel model = ModelFiles.importNpy(file, settings, List.of("a", "b"), 20);
    // member k: b_k + 2 a_k - b'_k at the row (a, b) = (2, -1)
    assertThat(model.memberPredictions(new double[] {2, -1}))
        .containsExactly(1.0 + 1.0 + 1.0, -2.0 + 4.0 - 0.25, 0.0 - 6.0 - 1.5);
  }

  /** An .npy file as numpy writes it: magic, version, header length, padded dict, data. */
  private Path write(String dict, byte[] data, int major) throws IOException {
    int lengthBytes = major == 1 ? 2 : 4;
    int unpadded = 8 + lengthBytes + dict.length() + 1;
    int total = (unpadded + 63) / 64 * 64;
    StringBuilder header = new StringBuilder(dict);
    while (8 + lengthBytes + header.length() + 1 < total) {
      header.append(' ');
    }
    header.append('\n');
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
    ByteBuffer length = ByteBuffer.allocate(lengthBytes).order(ByteOrder.LITTLE_ENDIAN);
    if (major == 1) {
      length.putShort((short) header.length());
    } else {
      length.putInt(header.length());
    }
    out.write(length.array());
    out.write(header.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(data);
    Path file = Files.createTempFile(dir, "array", ".npy");
    Files.write(file, out.toByteArray());
    return file;
  }

  private static byte[] doubles(double... values) {
    ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : values) {
      b.putDouble(v);
    }
    return b.array();
  }

  private static byte[] floats(float... values) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return b.array();
  }
}
