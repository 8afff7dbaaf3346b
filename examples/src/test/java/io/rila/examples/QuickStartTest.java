package io.rila.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rila.bootstrap.BootstrapRidgeEnsemble;
import io.rila.bootstrap.EnsembleModel;
import io.rila.bootstrap.Summary;
import io.rila.bootstrap.TargetTransform;
import io.rila.core.frame.Frame;
import io.rila.core.regression.RidgeFit;
import io.rila.core.regression.RidgeRegression;
import io.rila.core.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickStartTest {

  private static final List<String> FEATURES = List.of("Prudential", "C_weighted_mean");

  @TempDir Path dir;

  @Test
  void run_smallEnsemble_intervalHoldsTheFullDataRidgeAndTheFileLoadsBack() throws IOException {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Path file = dir.resolve("quickstart.rila");

    EnsembleModel loaded =
        QuickStart.run(200, file, new PrintStream(printed, true, StandardCharsets.UTF_8));

    Frame weekly = SyntheticRilaMarket.generate(260, 42L).weekly();
    int n = weekly.rows();
    double[][] x = weekly.toRowMatrix(FEATURES);
    double[] sales = weekly.column("sales");
    double[] z = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      z[i] = Math.log1p(sales[i]);
      w[i] = StrictMath.pow(0.99, n - i);
    }
    double[] nextWeek = {2.0, weekly.get(n - 1, "C_weighted_mean")};
    Summary interval = loaded.predict(nextWeek);

    // independent reference: one weighted Ridge fit on all weeks (rila-core), log1p target
    RidgeFit full = RidgeRegression.fit(x, z, w, 1.0);
    double point = Math.expm1(full.predict(nextWeek));
    assertThat(interval.quantile(0.025)).isLessThan(point);
    assertThat(interval.quantile(0.975)).isGreaterThan(point);
    assertThat(Math.abs(interval.quantile(0.5) / point - 1)).isLessThan(0.01);
    // the own-rate effect the market was built with is +0.28 log-sales per point (current and
    // three-week lag together); the full fit recovers its sign and size
    assertThat(full.coefficient(0)).isBetween(0.2, 0.36);

    // the loaded model is the fit, bit for bit: refit here from arrays with the same settings
    EnsembleModel refit = BootstrapRidgeEnsemble.newBuilder().estimators(200).alpha(1.0)
        .seed(42L).targetTransform(TargetTransform.LOG1P).build().fit(x, sales, w);
    assertThat(loaded.coefficients()).isEqualTo(refit.coefficients());
    assertThat(loaded.featureNames()).isEqualTo(FEATURES);
    // docs/model-files.md: 16 + H + members x (features + 1) x 4 + 4 bytes, where 16 + H is the
    // fixed fields (72) and the names (4 + length each) padded to a multiple of 64
    long header = 72 + (4 + "Prudential".length()) + (4 + "C_weighted_mean".length());
    long padded = (header + 63) / 64 * 64;
    assertThat(Files.size(file)).isEqualTo(padded + 200L * 3 * 4 + 4);
    assertThat(new String(printed.toByteArray(), StandardCharsets.UTF_8))
        .contains("200 members x 2 features", "next week's expected sales: ",
            "the loaded model predicts the same");
  }

  @Test
  void run_fileInMissingFolder_failsWithIoException() {
    Path file = dir.resolve("no-such-folder").resolve("quickstart.rila");
    assertThatThrownBy(() -> QuickStart.run(20, file,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
        .isInstanceOf(IOException.class);
  }

  @Test
  void defaultFile_isInTheGitIgnoredOutputFolder() throws IOException {
    assertThat(QuickStart.DEFAULT_FILE.getParent()).isEqualTo(DemoOptions.DEFAULT_OUT);
    Path gitignore = SharedData.sharedDir().getParent().resolve(".gitignore");
    assertThat(Files.readAllLines(gitignore)).contains("/" + DemoOptions.DEFAULT_OUT + "/");
  }
}
