package io.rila.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rila.bootstrap.BacktestResult;
import io.rila.core.frame.Frame;
import io.rila.core.frame.FrameCsv;
import io.rila.core.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProductionForecastTest {

  /**
   * The recipe run by scikit-learn 1.9.1 ({@code rila-benchmarks/python/
   * make_production_forecast_oracle.py}, {@code production_forecast.json}): R^2 and 100 x MAPE of
   * the 161 forecasts, and of the benchmark.
   */
  private static final double SKLEARN_R2 = 0.63712544;
  private static final double SKLEARN_MAPE_PERCENT = 13.5930988;
  private static final double SKLEARN_BENCHMARK_R2 = 0.54764972;
  private static final double SKLEARN_BENCHMARK_MAPE_PERCENT = 15.9127086;

  @TempDir Path dir;

  @Test
  void run_sharedData_matchesScikitLearnsRun() throws IOException {
    Path folder = SharedData.dataFile("final_weekly_dataset.csv").getParent();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Path out = dir.resolve("out");

    ProductionForecast.Result run = ProductionForecast.run(folder, out,
        new PrintStream(printed, true, StandardCharsets.UTF_8));

    Frame rows = run.rows();
    BacktestResult r = run.result();
    assertThat(rows.rows()).isEqualTo(191);
    assertThat(rows.date(0)).isEqualTo(LocalDate.of(2022, 4, 3));
    assertThat(rows.date(190)).isEqualTo(LocalDate.of(2025, 11, 23));
    assertThat(r.start()).isEqualTo(30);
    assertThat(r.size()).isEqualTo(161);
    // rila solves each member exactly, scikit-learn's L-BFGS-B stops early: measured 4.5e-5
    // (R^2) and 1.1e-3 percentage points (MAPE) apart
    assertThat(r.metrics().r2()).isCloseTo(SKLEARN_R2, within(1e-4));
    assertThat(100 * r.metrics().mape()).isCloseTo(SKLEARN_MAPE_PERCENT, within(2e-3));

    // the benchmark by hand: sales_target_contract_t5 of row c - 1 against
    // sales_by_contract_date of row c
    double[] actual = rows.column("sales_by_contract_date");
    double[] bench = rows.column("sales_target_contract_t5");
    double mean = 0;
    for (int c = 30; c < 191; c++) {
      mean += actual[c] / 161;
    }
    double sse = 0;
    double sst = 0;
    double ape = 0;
    for (int c = 30; c < 191; c++) {
      sse += (actual[c] - bench[c - 1]) * (actual[c] - bench[c - 1]);
      sst += (actual[c] - mean) * (actual[c] - mean);
      ape += Math.abs(actual[c] - bench[c - 1]) / Math.abs(actual[c]);
    }
    assertThat(r.naiveMetrics().r2()).isCloseTo(1 - sse / sst, within(1e-12))
        .isCloseTo(SKLEARN_BENCHMARK_R2, within(1e-7));
    assertThat(100 * r.naiveMetrics().mape()).isCloseTo(100 * ape / 161, within(1e-10))
        .isCloseTo(SKLEARN_BENCHMARK_MAPE_PERCENT, within(1e-5));

    Frame csv = FrameCsv.defaults().read(out.resolve("forecasts.csv"));
    assertThat(csv.rows()).isEqualTo(161);
    assertThat(csv.date(0)).isEqualTo(LocalDate.of(2022, 10, 30));
    assertThat(csv.column("forecast")).containsExactly(r.forecasts());
    assertThat(csv.column("p97.5")).containsExactly(r.upper(0.95));
    assertThat(new String(printed.toByteArray(), StandardCharsets.UTF_8))
        .contains("191 weeks 2022-04-03 .. 2025-11-23; 161 forecasts 2022-10-30 .. 2025-11-23",
            "sales_target_contract_t5(lag 1)", "all 30..190", "wrote ");
  }

  @Test
  void run_missingFolder_namesTheFile() {
    Path folder = dir.resolve("nowhere");
    assertThatThrownBy(() -> ProductionForecast.run(folder, dir.resolve("out"),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
        .isInstanceOf(DemoException.class)
        .hasMessageContaining("final_weekly_dataset.csv");
  }
}
