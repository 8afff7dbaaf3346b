package io.rila.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.rila.core.frame.Frame;
import io.rila.core.regression.SolveForm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files written by rila before the settings moved into {@link EnsembleSettings} (main at
 * e48afc0, format version 1) still load, equal a fit made today (bit for bit in float precision,
 * to 1e-12 in double, as the primal kernel has changed its order of summation since), and are
 * written again byte for byte.
 */
class ModelFilesV1Test {

  @TempDir Path dir;

  @Test
  void load_floatFileOfFormatVersion1() throws IOException {
    Path file = resource("model-v1-float.rila");
    EnsembleModel loaded = ModelFiles.load(file);
    EnsembleSettings expected = EnsembleSettings.newBuilder().estimators(25).alpha(0.5).seed(7)
        .resampling(Resampling.movingBlock(3)).targetTransform(TargetTransform.LOG1P)
        .solveForm(SolveForm.PRIMAL).build();
    assertThat(loaded.settings()).isEqualTo(expected);
    assertThat(loaded.featureNames()).containsExactly("a", "b", "c");
    assertThat(loaded.trainingRows()).isEqualTo(30);
    BootstrapRidgeEnsemble e = BootstrapRidgeEnsemble.newBuilder().estimators(25).alpha(0.5)
        .seed(7).resampling(Resampling.movingBlock(3)).targetTransform(TargetTransform.LOG1P)
        .executor(Runnable::run).build();
    Frame f = Frame.newBuilder().column("a", column(0)).column("b", column(1))
        .column("c", column(2)).column("y", target()).column("w", weights()).build();
    EnsembleModel today = e.fit(f, "y", List.of("a", "b", "c"), "w");
    assertThat(loaded.coefficients()).isEqualTo(today.coefficients());
    assertThat(loaded.settings()).isEqualTo(today.settings());
    assertResavedIdentically(loaded, file);
  }

  @Test
  void load_doubleSklearnFileOfFormatVersion1() throws IOException {
    Path file = resource("model-v1-double.rila");
    EnsembleModel loaded = ModelFiles.load(file);
    assertThat(loaded.settings().resampling())
        .isEqualTo(Resampling.sklearnCompatible(123, SklearnWeighting.PROBABILITY));
    assertThat(loaded.settings().seed()).isEqualTo(123);
    assertThat(loaded.precision()).isEqualTo(Precision.DOUBLE);
    assertThat(loaded.hasFeatureNames()).isFalse();
    BootstrapRidgeEnsemble e = BootstrapRidgeEnsemble.newBuilder().estimators(12).alpha(2.0)
        .resampling(Resampling.sklearnCompatible(123, SklearnWeighting.PROBABILITY))
        .precision(Precision.DOUBLE).executor(Runnable::run).build();
    EnsembleModel today = e.fit(rows(), target(), weights());
    // the primal kernel sums in another order since the file was written (panelled Gram and
    // Cholesky), so a double model agrees to rounding, not bit for bit
    assertSameMembers(loaded.coefficients(), today.coefficients(), 1e-12);
    assertThat(loaded.settings()).isEqualTo(today.settings());
    assertResavedIdentically(loaded, file);
  }

  private static void assertSameMembers(CoefficientStore a, CoefficientStore b, double tolerance) {
    assertThat(a.members()).isEqualTo(b.members());
    assertThat(a.features()).isEqualTo(b.features());
    double[] x = new double[a.features() + 1];
    double[] y = new double[b.features() + 1];
    for (int k = 0; k < a.members(); k++) {
      a.copyMember(k, x);
      b.copyMember(k, y);
      for (int j = 0; j < x.length; j++) {
        assertThat(Math.abs(x[j] - y[j]))
            .as("member %d, entry %d: %s vs %s", k, j, x[j], y[j])
            .isLessThanOrEqualTo(tolerance * Math.max(Math.abs(y[j]), 1.0));
      }
    }
  }

  private void assertResavedIdentically(EnsembleModel model, Path original) throws IOException {
    Path again = dir.resolve("again.rila");
    ModelFiles.save(model, again);
    assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(original));
  }

  private Path resource(String name) throws IOException {
    Path file = dir.resolve(name);
    try (InputStream in = ModelFilesV1Test.class.getResourceAsStream(name)) {
      Files.copy(in, file);
    }
    return file;
  }

  /** The data the files were fitted on, by a throwaway program built against e48afc0. */
  private static double[][] rows() {
    double[][] x = new double[30][3];
    for (int i = 0; i < 30; i++) {
      x[i][0] = i * 0.5;
      x[i][1] = Math.sin(i);
      x[i][2] = (i % 7) - 3;
    }
    return x;
  }

  private static double[] column(int j) {
    double[][] x = rows();
    double[] c = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      c[i] = x[i][j];
    }
    return c;
  }

  private static double[] target() {
    double[][] x = rows();
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = 2 + 0.3 * x[i][0] - x[i][1] + 0.1 * x[i][2] + 0.05 * Math.cos(3 * i);
    }
    return y;
  }

  private static double[] weights() {
    double[] w = new double[30];
    for (int i = 0; i < 30; i++) {
      w[i] = 1.0 / (1 + i % 4);
    }
    return w;
  }
}
