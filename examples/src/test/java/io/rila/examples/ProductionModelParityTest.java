package io.rila.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rila.core.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProductionModelParityTest {

  @TempDir Path dir;

  @Test
  void run_referenceData_reproducesEveryStoredMember() {
    Path folder = SharedData.dataFile("inference_training_matrix.csv").getParent();
    SharedData.dataFile("inference_member_baseline_predictions.csv");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    ProductionModelParity.Result result = ProductionModelParity.run(folder,
        new PrintStream(printed, true, StandardCharsets.UTF_8));

    // the baseline row the data README gives
    assertThat(result.baseline())
        .containsExactly(1.0261748773152193, 1.744999991144453, 0.90, 0.90);
    assertThat(result.maxRelativeDifference()).isLessThanOrEqualTo(1e-7);
    // the stored interval is computed independently of the model (Quantiles on the stored
    // values); the model's own summary must agree with it
    for (int i = 0; i < 4; i++) {
      assertThat(SharedData.relativeError(result.rila()[i], result.stored()[i]))
          .as("statistic %d", i).isLessThanOrEqualTo(1e-7);
    }
    assertThat(result.stored()[1]).isLessThan(result.stored()[2]);
    assertThat(result.stored()[2]).isLessThan(result.stored()[3]);
    assertThat(new String(printed.toByteArray(), StandardCharsets.UTF_8))
        .contains("fitted 1000 members on 152 weeks x 4 features", "rila", "python",
            "max relative difference over 1000 members");
  }

  @Test
  void defaultFolder_isTheRepositoryCopy() {
    Path root = SharedData.sharedDir().getParent();
    assertThat(root.resolve(ProductionModelParity.DEFAULT_FOLDER).normalize())
        .isEqualTo(SharedData.dataFile("inference_training_matrix.csv").getParent().normalize());
  }

  @Test
  void run_missingFolder_namesTheFile() {
    Path folder = dir.resolve("nowhere");
    assertThatThrownBy(() -> ProductionModelParity.run(folder,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
        .isInstanceOf(DemoException.class)
        .hasMessageContaining("inference_training_matrix.csv");
  }
}
