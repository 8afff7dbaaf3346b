package io.rila.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import io.rila.bootstrap.BootstrapRidgeEnsemble;
import io.rila.bootstrap.CoefficientStore;
import io.rila.core.regression.OlsFit;
import io.rila.core.regression.OrdinaryLeastSquares;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScalingTest {

  @Test
  void run_tinySize_everyPoolReproducesTheSequentialFit() {
    Scaling.Options options = Scaling.Options.parse("--estimators", "40", "--features", "12",
        "--rows", "8", "--repeats", "2", "--max-threads", "3");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    List<Scaling.Row> rows =
        Scaling.run(options, new PrintStream(printed, true, StandardCharsets.UTF_8));

    assertThat(rows).extracting(Scaling.Row::threads).containsExactly(1, 2, 3);
    assertThat(rows).allSatisfy(row -> {
      assertThat(row.identical()).isTrue();
      assertThat(row.bestSeconds()).isPositive().isFinite();
    });
    // an independent fit of the same data on the calling thread alone
    Scaling.Data data = Scaling.Data.generate(8, 12, 7L);
    CoefficientStore sequential = BootstrapRidgeEnsemble.newBuilder()
        .estimators(40).alpha(1.0).seed(42L).executor(Runnable::run).build()
        .fit(data.x(), data.y()).coefficients();
    assertThat(Scaling.fit(options, data, 3).coefficients()).isEqualTo(sequential);
    String text = new String(printed.toByteArray(), StandardCharsets.UTF_8);
    assertThat(text).contains("fit of 40 members, 8 rows x 12 features, best of 2");
    assertThat(text.lines().filter(line -> line.endsWith("yes"))).hasSize(3);
  }

  @Test
  void data_targetIsLinearInTheFeaturesPlusSmallNoise() {
    Scaling.Data data = Scaling.Data.generate(200, 3, 11L);
    // ordinary least squares on the generated data recovers the intercept 3 and leaves only the
    // uniform noise of half-width 0.1
    OlsFit fit = OrdinaryLeastSquares.fit(data.x(), data.y(), null);
    assertThat(fit.intercept()).isCloseTo(3.0, offset(0.02));
    for (int i = 0; i < data.y().length; i++) {
      assertThat(data.y()[i] - fit.predict(data.x()[i])).isBetween(-0.11, 0.11);
    }
  }

  @Test
  void threadCounts_doubleUpToTheMaximum() {
    assertThat(Scaling.threadCounts(1)).containsExactly(1);
    assertThat(Scaling.threadCounts(2)).containsExactly(1, 2);
    assertThat(Scaling.threadCounts(6)).containsExactly(1, 2, 4, 6);
    assertThat(Scaling.threadCounts(8)).containsExactly(1, 2, 4, 8);
  }

  @Test
  void parse_defaultsAndBadOptions() {
    Scaling.Options defaults = Scaling.Options.parse();
    assertThat(defaults.estimators()).isEqualTo(10_000);
    assertThat(defaults.features()).isEqualTo(598);
    assertThat(defaults.rows()).isEqualTo(150);
    assertThat(defaults.maxThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThatThrownBy(() -> Scaling.Options.parse("--estimators", "0"))
        .hasMessageContaining("--estimators: 0 (expected: an integer >= 1)");
    assertThatThrownBy(() -> Scaling.Options.parse("--rows", "many"))
        .hasMessageContaining("--rows: many");
    assertThatThrownBy(() -> Scaling.Options.parse("--rows", "1"))
        .hasMessageContaining("--rows: 1 (expected: >= 2)");
    assertThatThrownBy(() -> Scaling.Options.parse("--repeats"))
        .hasMessageContaining("--repeats needs a value");
    assertThatThrownBy(() -> Scaling.Options.parse("--frobnicate", "1"))
        .hasMessageContaining("unknown option --frobnicate");
  }
}
