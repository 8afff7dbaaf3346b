package io.rila.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rila.core.frame.Frame;
import io.rila.core.frame.FrameCsv;
import io.rila.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeaturePipelineTest {

  static final List<String> COMPANIES = List.of(
      "Allianz", "Athene", "Brighthouse", "Equitable", "Jackson", "Lincoln", "Symetra", "Trans");

  private static final LocalDate FIRST_DAY = LocalDate.of(2021, 1, 1);
  private static final LocalDate RUN_DATE = LocalDate.of(2026, 1, 30);

  private static Frame read(String name) throws IOException {
    return FrameCsv.defaults().read(SharedData.dataFile(name));
  }

  static QuarterlyWeights marketShareWeights() throws IOException {
    Path file = SharedData.dataFile("market_share_weights.csv");
    FrameCsv csv = FrameCsv.newBuilder().skipColumns("current_quarter").build();
    return QuarterlyWeights.fromKeys(
        csv.readStrings(file, "current_quarter"), csv.read(file), "_weight");
  }

  private static CalendarReindex calendar(boolean extendLastRow) {
    CalendarReindex.Builder b = CalendarReindex.newBuilder().from(FIRST_DAY).to(RUN_DATE);
    if (extendLastRow) {
      b.extendLastRow();
    }
    return b.build();
  }

  /** The data README's recipe, composed from the general builders, one pipeline per source. */
  static Frame weeklyFromDailyFiles() throws IOException {
    FeaturePipeline rates = FeaturePipeline.of(
        calendar(true),
        FillMissing.newBuilder().constant(0.0).columns(COMPANIES).build(),
        CompetitorAggregates.newBuilder()
            .companies(COMPANIES)
            .policy(MissingRatePolicy.PYTHON_COMPATIBLE)
            .weightedMean("C_weighted_mean", marketShareWeights())
            .mean("C_core")
            .median("C_median")
            .kthLargest("C_first", 1)
            .kthLargest("C_second", 2)
            .kthLargest("C_third", 3)
            .topMean("C_top_3", 3)
            .topMean("C_top_5", 5)
            .build());
    FeaturePipeline cpi = FeaturePipeline.of(
        calendar(true), FillMissing.newBuilder().forward().build());
    FeaturePipeline market = FeaturePipeline.of(
        calendar(false),
        FillMissing.newBuilder().forward().build(),
        RollingMean.newBuilder().windowDays(7).minPeriods(1).build());
    Frame daily = rates.apply(read("competitor_cap_rates_daily.csv"))
        .withColumns(calendar(false).apply(read("daily_application_sales.csv")))
        .withColumns(calendar(false).apply(read("daily_contract_sales.csv")))
        .withColumns(cpi.apply(read("cpi_daily.csv").select("CPILFESL_inv")))
        .withColumns(market.apply(read("treasury_5y_daily.csv")))
        .withColumns(market.apply(read("vix_daily.csv")));
    FeaturePipeline weekly = FeaturePipeline.of(
        DerivedColumns.newBuilder()
            .product("sales", "sales", "CPILFESL_inv")
            .product("sales_by_contract_date", "sales_by_contract_date", "CPILFESL_inv")
            .presentPositive("counter", "sales")
            .build(),
        WeeklyAggregation.newBuilder()
            .rule(Aggregation.SUM, "sales", "sales_by_contract_date", "counter")
            .rule(Aggregation.LAST, "DGS5", "VIXCLS")
            .build(),
        CalendarFeatures.newBuilder().year("year").quarter("quarter").month("month").build());
    return weekly.apply(daily);
  }

  @Test
  void apply_rebuildsWeeklyAggregatedFromDailyFiles() throws IOException {
    Frame expected = read("weekly_aggregated.csv");
    Frame actual = weeklyFromDailyFiles();
    assertThat(actual.rows()).isEqualTo(266);
    assertThat(actual.dates()).isEqualTo(expected.dates());
    assertThat(expected.columnCount()).isEqualTo(25);
    double worst = 0;
    for (String name : expected.columnNames()) {
      double[] want = expected.column(name);
      double[] got = actual.column(name);
      for (int i = 0; i < want.length; i++) {
        if (Double.isNaN(want[i])) {
          assertThat(got[i]).as("%s at %s", name, expected.date(i)).isNaN();
        } else if (want[i] == 0) {
          assertThat(got[i]).as("%s at %s", name, expected.date(i)).isZero();
        } else {
          worst = Math.max(worst, SharedData.relativeError(got[i], want[i]));
        }
      }
    }
    assertThat(worst).isLessThanOrEqualTo(1e-12);
  }

  @Test
  void apply_weeklyThenLagsRebuildsFinalDatasetFromDailyFiles() throws IOException {
    Frame expected = read("final_weekly_dataset.csv");
    Frame lagged = FeaturePipeline.of(
            LagFeaturesTest.familyLags(0),
            InteractionFeaturesTest.rateInteractions(),
            RowFilter.newBuilder().from(expected.date(0)).to(expected.date(251)).build())
        .apply(weeklyFromDailyFiles());
    assertThat(lagged.dates()).isEqualTo(expected.dates());
    double worst = 0;
    for (String name : expected.columnNames()) {
      if (!name.startsWith("derived_") && !name.matches(".*_(current|t\\d+)")) {
        continue;
      }
      double[] want = expected.column(name);
      double[] got = lagged.column(name);
      for (int i = 0; i < want.length; i++) {
        if (Double.isNaN(want[i])) {
          assertThat(got[i]).as("%s row %d", name, i).isNaN();
        } else if (want[i] != 0) {
          worst = Math.max(worst, SharedData.relativeError(got[i], want[i]));
        } else {
          assertThat(got[i]).isZero();
        }
      }
    }
    assertThat(worst).isLessThanOrEqualTo(1e-12);
  }

  @Test
  void apply_runsStepsInOrder() {
    Frame input = Frame.newBuilder()
        .index(LocalDate.of(2024, 1, 7), LocalDate.of(2024, 1, 14))
        .column("x", new double[] {1, 2})
        .build();
    FeaturePipeline p = FeaturePipeline.of(
        DerivedColumns.newBuilder().product("y", "x", "x").build(),
        LagFeatures.newBuilder().source("y").lags(1).build());
    Frame out = p.apply(input);
    assertThat(out.columnNames()).containsExactly("x", "y", "y_current", "y_t1");
    assertThat(out.column("y_t1")).containsExactly(Double.NaN, 1);
    assertThat(p.steps()).hasSize(2);
    assertThat(p.spec()).startsWith("FeaturePipeline/1[DerivedColumns/1{")
        .contains(";LagFeatures/1{");
  }

  @Test
  void of_badInput() {
    assertThatThrownBy(() -> FeaturePipeline.of())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("steps: empty");
    assertThatThrownBy(() -> FeaturePipeline.of((FeatureStep) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("steps[0]");
    assertThatThrownBy(() -> FeaturePipeline.of((List<FeatureStep>) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("steps");
    FeaturePipeline p = FeaturePipeline.of(DecayWeights.newBuilder().decay(0.5).build());
    assertThatThrownBy(() -> p.apply(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("input");
  }
}
