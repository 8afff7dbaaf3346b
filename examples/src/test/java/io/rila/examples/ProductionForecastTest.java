package io.rila.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
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

  @TempDir Path dir;

  @Test
  void run_sharedData_matchesScikitLearnsRun() throws IOException {
    Path folder = SharedData.dataFile("final_weekly_dataset.csv").getParent();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Path out = dir.resolve("out");

    // the recipe run by scikit-learn 1.9.1 (testdata/generators/production_forecast.py)
    JsonNode sklearn = SharedData.oracle("production_forecast.json");
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
    assertThat(r.metrics().r2()).isCloseTo(sklearn.get("r2").asDouble(), within(1e-4));
    assertThat(100 * r.metrics().mape())
        .isCloseTo(sklearn.get("mape_percent").asDouble(), within(2e-3));

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
        .isCloseTo(sklearn.get("benchmark_r2").asDouble(), within(1e-7));
    assertThat(100 * r.naiveMetrics().mape()).isCloseTo(100 * ape / 161, within(1e-10))
        .isCloseTo(sklearn.get("benchmark_mape_percent").asDouble(), within(1e-5));

    Frame csv = FrameCsv.defaults().read(out.resolve("forecasts.csv"));
    assertThat(csv.rows()).isEqualTo(161);
    assertThat(csv.date(0)).isEqualTo(LocalDate.of(2022, 10, 30));
    assertThat(csv.column("forecast")).containsExactly(r.forecasts());
    assertThat(csv.column("p97.5")).containsExactly(r.upper(0.95));
    assertThat(csv.column("p50")).containsExactly(r.medians());
    // production's bands are np.percentile of the members at 2.5, 25, 50, 75 and 97.5; the
    // members differ from scikit-learn's as far as L-BFGS-B stops early (measured 2.7e-3)
    double[][] bands = SharedData.matrix(sklearn.get("bands"));
    String[] columns = {"p2.5", "p25", "p50", "p75", "p97.5"};
    for (int q = 0; q < columns.length; q++) {
      double[] ours = csv.column(columns[q]);
      for (int i = 0; i < ours.length; i++) {
        assertThat(SharedData.relativeError(ours[i], bands[i][q])).as("%s at cutoff %d",
            columns[q], 30 + i).isLessThan(5e-3);
      }
    }
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
