package io.rila.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rila.core.frame.Frame;
import io.rila.core.frame.FrameCsv;
import io.rila.core.testing.SharedData;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class LagFeaturesTest {

  /** The mapping: final_weekly_dataset family prefix to weekly_aggregated column. */
  static final Map<String, String> FAMILIES = new LinkedHashMap<>();

  static {
    FAMILIES.put("prudential_rate", "Prudential");
    FAMILIES.put("competitor_mid", "C_weighted_mean");
    FAMILIES.put("competitor_core", "C_core");
    FAMILIES.put("competitor_median", "C_median");
    FAMILIES.put("competitor_1st", "C_first");
    FAMILIES.put("competitor_2nd", "C_second");
    FAMILIES.put("competitor_3rd", "C_third");
    FAMILIES.put("competitor_top3", "C_top_3");
    FAMILIES.put("competitor_top5", "C_top_5");
    FAMILIES.put("sales_target", "sales");
    FAMILIES.put("sales_target_contract", "sales_by_contract_date");
    FAMILIES.put("econ_treasury_5y", "DGS5");
    FAMILIES.put("market_volatility", "VIXCLS");
  }

  static LagFeatures familyLags(int leads) {
    LagFeatures.Builder b = LagFeatures.newBuilder();
    FAMILIES.forEach((prefix, column) -> b.source(column, prefix));
    b.lags(18);
    if (leads > 0) {
      b.leads(leads);
    }
    return b.build();
  }

  /** Asserts that column {@code name} of both frames is bitwise equal on the rows of the dates. */
  static void assertColumnMatchesByDate(Frame actual, Frame expected, String name) {
    List<LocalDate> dates = actual.dates();
    for (int i = 0; i < expected.rows(); i++) {
      int row = dates.indexOf(expected.date(i));
      assertThat(row).as("date %s", expected.date(i)).isNotNegative();
      assertThat(Double.doubleToLongBits(actual.get(row, name)))
          .as("%s at %s", name, expected.date(i))
          .isEqualTo(Double.doubleToLongBits(expected.get(i, name)));
    }
  }

  private static Frame tiny() {
    return Frame.newBuilder()
        .index(LocalDate.of(2024, 1, 7), LocalDate.of(2024, 1, 14), LocalDate.of(2024, 1, 21))
        .column("x", new double[] {1, 2, 3})
        .column("y", new double[] {10, Double.NaN, 30})
        .build();
  }

  @Test
  void apply_rebuildsFinalWeeklyDatasetLagsExactly() throws IOException {
    Frame weekly = FrameCsv.defaults().read(SharedData.dataFile("weekly_aggregated.csv"));
    Frame expected = FrameCsv.defaults().read(SharedData.dataFile("final_weekly_dataset.csv"));
    Frame actual = familyLags(0).apply(weekly);
    int checked = 0;
    int missing = 0;
    for (String prefix : FAMILIES.keySet()) {
      for (int k = 0; k <= 18; k++) {
        String name = prefix + (k == 0 ? "_current" : "_t" + k);
        assertColumnMatchesByDate(actual, expected, name);
        for (double v : expected.column(name)) {
          missing += Double.isNaN(v) ? 1 : 0;
        }
        checked++;
      }
    }
    assertThat(checked).isEqualTo(13 * 19);
    assertThat(missing).isPositive();
  }

  @Test
  void apply_leadsMatchLegacyLayout() throws IOException {
    Frame weekly = FrameCsv.defaults().read(SharedData.dataFile("weekly_aggregated.csv"));
    Frame legacy = FrameCsv.defaults().read(SharedData.dataFile("legacy_lag_features.csv"));
    Frame truncated = weekly.rowRange(0, legacy.rows());
    assertThat(truncated.dates()).isEqualTo(legacy.dates());
    Frame actual = familyLags(18).apply(truncated);
    for (String prefix : List.of("sales_target", "sales_target_contract")) {
      for (int k = 1; k <= 18; k++) {
        assertColumnMatchesByDate(actual, legacy, prefix + "_lead" + k);
        assertColumnMatchesByDate(actual, legacy, prefix + "_t" + k);
      }
    }
  }

  @Test
  void apply_shiftsByRowsWithNanOutside() {
    Frame out = LagFeatures.newBuilder().source("x", "p").lags(2).leads(4).build().apply(tiny());
    assertThat(out.columnNames())
        .containsExactly(
            "x", "y", "p_current", "p_t1", "p_t2", "p_lead1", "p_lead2", "p_lead3", "p_lead4");
    assertThat(out.column("p_current")).containsExactly(1, 2, 3);
    assertThat(out.column("p_t1")).containsExactly(Double.NaN, 1, 2);
    assertThat(out.column("p_t2")).containsExactly(Double.NaN, Double.NaN, 1);
    assertThat(out.column("p_lead1")).containsExactly(2, 3, Double.NaN);
    assertThat(out.column("p_lead4")).containsExactly(Double.NaN, Double.NaN, Double.NaN);
    assertThat(out.dates()).isEqualTo(tiny().dates());
  }

  @Test
  void apply_optionsCurrentKeepInputAndNoIndex() {
    LagFeatures lags = LagFeatures.newBuilder()
        .sources(List.of("x", "y"))
        .lags(1)
        .includeCurrent(false)
        .keepInput(false)
        .build();
    Frame out = lags.apply(tiny().withoutIndex());
    assertThat(out.columnNames()).containsExactly("x_t1", "y_t1");
    assertThat(out.hasIndex()).isFalse();
    assertThat(out.column("y_t1")).containsExactly(Double.NaN, 10, Double.NaN);
    assertThat(lags.outputNames()).containsExactly("x_t1", "y_t1");
  }

  @Test
  void apply_generatedNameReplacesExistingColumn() {
    Frame out = LagFeatures.newBuilder().source("x", "y").lags(1).build()
        .apply(tiny().withColumn("y_t1", new double[] {7, 7, 7}));
    assertThat(out.columnNames()).containsExactly("x", "y", "y_t1", "y_current");
    assertThat(out.column("y_t1")).containsExactly(Double.NaN, 1, 2);
  }

  @Test
  void apply_parallelIsBitwiseIdentical() throws IOException {
    Frame frame = wideRandomFrame(150, 598, 11);
    LagFeatures sequential = LagFeatures.newBuilder().sources(frame.columnNames()).lags(18).build();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      LagFeatures parallel = LagFeatures.newBuilder()
          .sources(frame.columnNames())
          .lags(18)
          .executor(pool)
          .build();
      Frame a = sequential.apply(frame);
      Frame b = parallel.apply(frame);
      assertThat(a.columnCount()).isEqualTo(598 * 20);
      assertThat(b).isEqualTo(a);
      assertThat(b.columnNames()).isEqualTo(a.columnNames());
      Frame c = LagFeatures.newBuilder()
          .sources(frame.columnNames())
          .lags(18)
          .executor(Runnable::run)
          .build()
          .apply(frame);
      assertThat(c).isEqualTo(a);
      assertThat(parallel.spec()).isEqualTo(sequential.spec());
    } finally {
      pool.shutdown();
    }
  }

  static Frame wideRandomFrame(int rows, int columns, long seed) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    List<LocalDate> dates = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      dates.add(LocalDate.of(2022, 1, 2).plusWeeks(i));
    }
    Frame.Builder b = Frame.newBuilder().index(dates);
    for (int j = 0; j < columns; j++) {
      double[] v = new double[rows];
      for (int i = 0; i < rows; i++) {
        v[i] = random.nextInt(20) == 0 ? Double.NaN : random.nextGaussian();
      }
      b.column("f" + j, v);
    }
    return b.build();
  }

  @Test
  void apply_badInput() {
    LagFeatures lags = LagFeatures.newBuilder().source("x").lags(1).build();
    assertThatThrownBy(() -> lags.apply(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("input");
    assertThatThrownBy(() -> lags.apply(tiny().rowRange(0, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("input: 0 rows");
    assertThatThrownBy(() -> LagFeatures.newBuilder().source("zz").lags(1).build().apply(tiny()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'zz' not found")
        .hasMessageContaining("available: x, y");
    Frame duplicate = tiny().withIndex(
        List.of(LocalDate.of(2024, 1, 7), LocalDate.of(2024, 1, 7), LocalDate.of(2024, 1, 21)));
    assertThatThrownBy(() -> lags.apply(duplicate))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("input: row 1 has date 2024-01-07, a duplicate of row 0");
    Frame unsorted = tiny().withIndex(
        List.of(LocalDate.of(2024, 1, 7), LocalDate.of(2024, 1, 21), LocalDate.of(2024, 1, 14)));
    assertThatThrownBy(() -> lags.apply(unsorted))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 2 has date 2024-01-14, earlier than row 1")
        .hasMessageContaining("strictly increasing");
  }

  @Test
  void builder_badInput() {
    assertThatThrownBy(() -> LagFeatures.newBuilder().lags(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lags: 0 (expected: >= 1)");
    assertThatThrownBy(() -> LagFeatures.newBuilder().lags(-3))
        .hasMessageContaining("lags: -3");
    assertThatThrownBy(() -> LagFeatures.newBuilder().leads(0))
        .hasMessageContaining("leads: 0 (expected: >= 1)");
    assertThatThrownBy(() -> LagFeatures.newBuilder().lags(2).lags(3))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("lags was already set to 2");
    assertThatThrownBy(() -> LagFeatures.newBuilder().executor(Runnable::run)
            .executor(Runnable::run))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("executor was already set");
    assertThatThrownBy(() -> LagFeatures.newBuilder().executor(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("executor");
    assertThatThrownBy(() -> LagFeatures.newBuilder().source("x").source("x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("prefix: 'x' is already used");
    assertThatThrownBy(() -> LagFeatures.newBuilder().source(" ", "p"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("column");
    assertThatThrownBy(() -> LagFeatures.newBuilder().source("x", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("prefix");
    assertThatThrownBy(() -> LagFeatures.newBuilder().lags(1).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no source column");
    assertThatThrownBy(() -> LagFeatures.newBuilder().source("x").includeCurrent(false).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("nothing to generate");
    assertThatThrownBy(() -> LagFeatures.newBuilder().sources(java.util.Arrays.asList("a", null)))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("columns[1]");
  }

  @Test
  void spec_differsWithSettings() {
    String base = LagFeatures.newBuilder().source("x").lags(2).build().spec();
    assertThat(LagFeatures.newBuilder().source("x").lags(2).build().spec()).isEqualTo(base);
    assertThat(LagFeatures.newBuilder().source("x").lags(3).build().spec()).isNotEqualTo(base);
    assertThat(LagFeatures.newBuilder().source("x", "y").lags(2).build().spec())
        .isNotEqualTo(base);
    assertThat(LagFeatures.newBuilder().source("x").lags(2).leads(1).build().spec())
        .isNotEqualTo(base);
    assertThat(base).startsWith("LagFeatures/1{");
  }

  @Test
  void spec_canonicalText() {
    LagFeatures lags =
        LagFeatures.newBuilder().source("x", "y").source("a\"b").lags(2).leads(1).build();
    assertThat(lags.spec()).isEqualTo(
        "LagFeatures/1{sources=[\"x\"->\"y\",\"a\\\"b\"->\"a\\\"b\"],lags=2,leads=1,"
            + "current=true,keepInput=true}");
  }
}
