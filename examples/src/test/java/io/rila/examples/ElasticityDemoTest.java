package io.rila.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rila.bootstrap.EnsembleModel;
import io.rila.bootstrap.ModelFiles;
import io.rila.bootstrap.ScenarioTable;
import io.rila.bootstrap.SummaryTable;
import io.rila.core.frame.Frame;
import io.rila.core.frame.FrameCsv;
import io.rila.core.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElasticityDemoTest {

  @TempDir Path dir;

  @Test
  void run_syntheticMarket_recoversTheKnownElasticity() throws IOException {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    DemoOptions options = DemoOptions.parse("--estimators", "300", "--threads", "2", "--out",
        dir.toString());
    ScenarioTable table =
        new ElasticityDemo(options, new PrintStream(printed, true, StandardCharsets.UTF_8)).run();

    SyntheticRilaMarket market = SyntheticRilaMarket.generate(260, DemoOptions.DEFAULT_SEED);
    Frame features = ElasticityDemo.buildFeatures(market.weekly(), Runnable::run);
    double current = features.get(features.rows() - 1, "prudential_rate_current");
    SummaryTable pct = table.percentChanges();
    assertThat(table.size()).isEqualTo(19);
    for (int s = 0; s < table.size(); s++) {
      double rate = ElasticityDemo.RATE_GRID[s];
      double truth = market.truePercentChange(current, rate);
      double median = pct.quantile(s, 1);
      // the estimate has the true sign and lies within 40% of the true effect (model choice
      // and finite data keep it from being exact; the synthetic market makes this checkable)
      if (Math.abs(rate - current) >= 0.5) {
        assertThat(Math.signum(median)).isEqualTo(Math.signum(truth));
        assertThat(Math.abs(median - truth)).isLessThan(0.4 * Math.abs(truth));
      }
      if (s > 0) {
        assertThat(median).isGreaterThan(pct.quantile(s - 1, 1));
      }
      assertThat(pct.quantile(s, 0)).isLessThanOrEqualTo(median);
      assertThat(median).isLessThanOrEqualTo(pct.quantile(s, 2));
    }

    Frame csv = FrameCsv.newBuilder().noIndex().build().read(dir.resolve("rate_scenarios.csv"));
    assertThat(csv.rows()).isEqualTo(19);
    assertThat(csv.column("rate")).containsExactly(ElasticityDemo.RATE_GRID);
    assertThat(csv.column("pct_change_p50")[4]).isEqualTo(pct.quantile(4, 1));
    assertThat(csv.column("true_pct_change")[4])
        .isEqualTo(market.truePercentChange(current, ElasticityDemo.RATE_GRID[4]));
    EnsembleModel saved = ModelFiles.load(dir.resolve("elasticity.rila"));
    assertThat(saved.estimators()).isEqualTo(300);
    assertThat(saved.featureNames()).contains("prudential_rate_current");
    assertThat(new String(printed.toByteArray(), StandardCharsets.UTF_8))
        .contains("AIC search", "fitted 300 members", "true %");
  }

  @Test
  void run_realWeeklyData_producesTheScenarioTable() throws IOException {
    Path weekly = SharedData.dataFile("weekly_aggregated.csv");
    DemoOptions options = DemoOptions.parse("--estimators", "200", "--data", weekly.toString(),
        "--out", dir.toString());
    ScenarioTable table = new ElasticityDemo(options, new PrintStream(
        new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run();
    assertThat(table.size()).isEqualTo(19);
    assertThat(Files.size(dir.resolve("rate_scenarios.csv"))).isPositive();
  }

  @Test
  void parse_badOptions_nameTheOption() {
    assertThatThrownBy(() -> DemoOptions.parse("--estimators", "0"))
        .hasMessageContaining("--estimators").hasMessageContaining(">= 1");
    assertThatThrownBy(() -> DemoOptions.parse("--threads", "two"))
        .hasMessageContaining("--threads");
    assertThatThrownBy(() -> DemoOptions.parse("--seed"))
        .hasMessageContaining("--seed needs a value");
    assertThatThrownBy(() -> DemoOptions.parse("--frobnicate"))
        .hasMessageContaining("unknown option --frobnicate");
  }

  @Test
  void run_unreadableData_isOneClearError() {
    DemoOptions options = DemoOptions.parse("--data", dir.resolve("missing.csv").toString(),
        "--out", dir.toString());
    assertThatThrownBy(() -> new ElasticityDemo(options, new PrintStream(
        new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run())
        .isInstanceOf(DemoException.class)
        .hasMessageContaining("missing.csv");
  }

  @Test
  void run_dataWithoutRateColumns_namesTheMissingColumn() throws IOException {
    Path file = dir.resolve("weekly.csv");
    Files.writeString(file, "date,sales\n2024-01-07,1.0\n2024-01-14,2.0\n");
    DemoOptions options = DemoOptions.parse("--data", file.toString(), "--out", dir.toString());
    assertThatThrownBy(() -> new ElasticityDemo(options, new PrintStream(
        new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run())
        .isInstanceOf(DemoException.class)
        .hasMessageContaining("no column Prudential");
  }
}
