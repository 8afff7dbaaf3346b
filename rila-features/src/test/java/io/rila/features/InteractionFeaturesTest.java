package io.rila.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rila.core.frame.Frame;
import io.rila.core.frame.FrameCsv;
import io.rila.core.testing.SharedData;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class InteractionFeaturesTest {

  static InteractionFeatures rateInteractions() {
    return InteractionFeatures.newBuilder()
        .family("prudential_rate")
        .family("competitor_mid", "competitor_weighted")
        .family("competitor_median")
        .family("competitor_top3")
        .family("competitor_top5")
        .lags(18)
        .build();
  }

  private static Frame lagged() {
    return Frame.newBuilder()
        .index(LocalDate.of(2024, 1, 7), LocalDate.of(2024, 1, 14))
        .column("a_current", new double[] {2, 3})
        .column("a_t1", new double[] {Double.NaN, 2})
        .column("b_current", new double[] {5, 7})
        .column("b_t1", new double[] {Double.NaN, 5})
        .column("c_current", new double[] {-1, 0.5})
        .column("c_t1", new double[] {1, -1})
        .build();
  }

  @Test
  void apply_rebuildsFinalWeeklyDatasetDerivedFamilies() throws IOException {
    Frame weekly = FrameCsv.defaults().read(SharedData.dataFile("weekly_aggregated.csv"));
    Frame expected = FrameCsv.defaults().read(SharedData.dataFile("final_weekly_dataset.csv"));
    Frame actual = rateInteractions().apply(LagFeaturesTest.familyLags(0).apply(weekly));
    List<String> derived = rateInteractions().outputNames();
    assertThat(derived).hasSize(15 * 19);
    long expectedDerived = expected.columnNames().stream().filter(n -> n.startsWith("derived_"))
        .count();
    assertThat(derived).hasSize((int) expectedDerived);
    List<LocalDate> dates = actual.dates();
    double worst = 0;
    for (String name : derived) {
      for (int i = 0; i < expected.rows(); i++) {
        double want = expected.get(i, name);
        double got = actual.get(dates.indexOf(expected.date(i)), name);
        if (Double.isNaN(want)) {
          assertThat(got).as("%s at %s", name, expected.date(i)).isNaN();
        } else {
          worst = Math.max(worst, Math.abs(got - want) / Math.max(Math.abs(want), 1e-300));
        }
      }
    }
    assertThat(worst).isLessThanOrEqualTo(1e-12);
  }

  @Test
  void apply_squaresThenProductsPerFamily() {
    InteractionFeatures step = InteractionFeatures.newBuilder()
        .family("a").family("b", "bee").family("c").lags(1).build();
    Frame out = step.apply(lagged());
    assertThat(step.outputNames())
        .containsExactly(
            "derived_a_squared_current", "derived_a_squared_t1",
            "derived_a_bee_interaction_current", "derived_a_bee_interaction_t1",
            "derived_a_c_interaction_current", "derived_a_c_interaction_t1",
            "derived_bee_squared_current", "derived_bee_squared_t1",
            "derived_bee_c_interaction_current", "derived_bee_c_interaction_t1",
            "derived_c_squared_current", "derived_c_squared_t1");
    assertThat(out.columnCount()).isEqualTo(6 + 12);
    assertThat(out.column("derived_a_squared_current")).containsExactly(4, 9);
    assertThat(out.column("derived_a_bee_interaction_t1")).containsExactly(Double.NaN, 10);
    assertThat(out.column("derived_bee_c_interaction_current")).containsExactly(-5, 3.5);
    assertThat(out.dates()).isEqualTo(lagged().dates());
  }

  @Test
  void apply_onlySquaresOrOnlyProductsOrOnlyCurrent() {
    assertThat(InteractionFeatures.newBuilder().family("a").family("b").products(false).build()
            .outputNames())
        .containsExactly("derived_a_squared_current", "derived_b_squared_current");
    assertThat(InteractionFeatures.newBuilder().family("a").family("b").squares(false).build()
            .apply(lagged()).column("derived_a_b_interaction_current"))
        .containsExactly(10, 21);
  }

  @Test
  void apply_parallelIsBitwiseIdentical() {
    Frame wide = LagFeaturesTest.wideRandomFrame(252, 13, 5);
    Frame lagged = LagFeatures.newBuilder().sources(wide.columnNames()).lags(18).build()
        .apply(wide);
    InteractionFeatures.Builder sequential = InteractionFeatures.newBuilder();
    InteractionFeatures.Builder parallel = InteractionFeatures.newBuilder();
    for (String name : wide.columnNames()) {
      sequential.family(name);
      parallel.family(name);
    }
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      Frame a = sequential.lags(18).build().apply(lagged);
      Frame b = parallel.lags(18).executor(pool).build().apply(lagged);
      assertThat(a.columnCount()).isEqualTo(13 * 20 + 91 * 19);
      assertThat(b).isEqualTo(a);
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void apply_badInput() {
    InteractionFeatures step = InteractionFeatures.newBuilder().family("a").family("z").lags(1)
        .build();
    assertThatThrownBy(() -> step.apply(lagged()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'z_current' not found");
    assertThatThrownBy(() -> InteractionFeatures.newBuilder().family("a").lags(2).build()
            .apply(lagged()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a_t2' not found");
    assertThatThrownBy(() -> step.apply(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> step.apply(lagged().rowRange(0, 0)))
        .hasMessageContaining("input: 0 rows");
  }

  @Test
  void builder_badInput() {
    assertThatThrownBy(() -> InteractionFeatures.newBuilder().lags(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lags: 0 (expected: >= 1)");
    assertThatThrownBy(() -> InteractionFeatures.newBuilder().lags(1).lags(1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("lags was already set to 1");
    assertThatThrownBy(() -> InteractionFeatures.newBuilder().squares(true).squares(false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("squares was already set to true");
    assertThatThrownBy(() -> InteractionFeatures.newBuilder().products(true).products(true))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> InteractionFeatures.newBuilder().family("a").family("b", "a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("alias: 'a' is already used");
    assertThatThrownBy(() -> InteractionFeatures.newBuilder().family(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("prefix");
    assertThatThrownBy(() -> InteractionFeatures.newBuilder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no family");
    assertThatThrownBy(() -> InteractionFeatures.newBuilder().family("a").squares(false).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("nothing to generate");
    assertThatThrownBy(() -> InteractionFeatures.newBuilder().executor(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("executor");
  }

  @Test
  void spec_differsWithSettings() {
    String base = rateInteractions().spec();
    assertThat(rateInteractions().spec()).isEqualTo(base);
    assertThat(InteractionFeatures.newBuilder().family("prudential_rate").lags(18).build().spec())
        .isNotEqualTo(base);
    assertThat(base).startsWith("InteractionFeatures/1{");
  }

  @Test
  void spec_canonicalText() {
    InteractionFeatures step =
        InteractionFeatures.newBuilder().family("p", "q").family("r").squares(false).build();
    assertThat(step.spec()).isEqualTo(
        "InteractionFeatures/1{families=[\"p\"->\"q\",\"r\"->\"r\"],lags=0,squares=false,"
            + "products=true}");
  }
}
