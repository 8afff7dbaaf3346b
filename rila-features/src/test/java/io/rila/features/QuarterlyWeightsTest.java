package io.rila.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rila.core.frame.Frame;
import io.rila.core.frame.FrameCsv;
import io.rila.core.testing.SharedData;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuarterlyWeightsTest {

  private static Frame table() {
    return Frame.newBuilder()
        .column("year", new double[] {2021, 2021})
        .column("quarter", new double[] {2, 3})
        .column("A_weight", new double[] {0.5, 0.6})
        .build();
  }

  @Test
  void fromKeys_realFileMatchesYearQuarterColumns() throws IOException {
    QuarterlyWeights byKeys = FeaturePipelineTest.marketShareWeights();
    QuarterlyWeights byColumns = QuarterlyWeights.fromYearQuarter(
        FrameCsv.newBuilder().skipColumns("current_quarter").build()
            .read(SharedData.dataFile("market_share_weights.csv")),
        "year", "quarter", "_weight");
    assertThat(byKeys.spec()).isEqualTo(byColumns.spec());
    assertThat(byKeys.hasQuarter(LocalDate.of(2021, 4, 1))).isTrue();
    assertThat(byKeys.hasQuarter(LocalDate.of(2021, 3, 31))).isFalse();
    assertThat(byKeys.hasQuarter(LocalDate.of(2025, 12, 31))).isTrue();
    assertThat(byKeys.columnFor("Allianz")).isEqualTo("Allianz_weight");
  }

  @Test
  void rowOf_mapsDatesToQuarters() {
    QuarterlyWeights w = QuarterlyWeights.fromKeys(List.of("2021_Q3", "2021_Q2"), table(),
        "_weight");
    assertThat(w.rowOf(LocalDate.of(2021, 6, 30))).isEqualTo(1);
    assertThat(w.rowOf(LocalDate.of(2021, 7, 1))).isEqualTo(0);
    assertThat(w.rowOf(LocalDate.of(2021, 10, 1))).isEqualTo(-1);
    assertThat(QuarterlyWeights.quarterKey(LocalDate.of(2021, 12, 31))).isEqualTo("2021_Q4");
    assertThat(w.toString()).contains("2 quarters");
  }

  @Test
  void fromKeys_badInput() {
    assertThatThrownBy(() -> QuarterlyWeights.fromKeys(List.of("2021_Q2"), table(), "_weight"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("quarterKeys: 1 keys (expected: 2");
    assertThatThrownBy(() -> QuarterlyWeights.fromKeys(List.of("2021_Q2", "2021Q3"), table(),
            "_weight"))
        .hasMessageContaining("quarterKeys[1]: '2021Q3' (expected: YYYY_Qn");
    assertThatThrownBy(() -> QuarterlyWeights.fromKeys(List.of("2021_Q2", "2021_Q5"), table(),
            "_weight"))
        .hasMessageContaining("quarterKeys[1]");
    assertThatThrownBy(() -> QuarterlyWeights.fromKeys(List.of("2021_Q2", "2021_Q2"), table(),
            "_weight"))
        .hasMessageContaining("quarter 2021_Q2 appears in rows 0 and 1");
    assertThatThrownBy(() -> QuarterlyWeights.fromKeys(null, table(), "_weight"))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("quarterKeys");
    assertThatThrownBy(() -> QuarterlyWeights.fromKeys(List.of("2021_Q2", "2021_Q3"), table(),
            null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("columnSuffix");
  }

  @Test
  void fromYearQuarter_badInput() {
    assertThatThrownBy(() -> QuarterlyWeights.fromYearQuarter(
            table().withColumn("quarter", new double[] {2, 5}), "year", "quarter", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weights: row 1, column 'quarter' is 5.0 (expected: 1, 2, 3 or 4)");
    assertThatThrownBy(() -> QuarterlyWeights.fromYearQuarter(
            table().withColumn("year", new double[] {2021.5, 2021}), "year", "quarter", ""))
        .hasMessageContaining("row 0, column 'year' is 2021.5");
    assertThatThrownBy(() -> QuarterlyWeights.fromYearQuarter(
            table().withColumn("year", new double[] {Double.NaN, 2021}), "year", "quarter", ""))
        .hasMessageContaining("column 'year' is NaN");
    assertThatThrownBy(() -> QuarterlyWeights.fromYearQuarter(table(), "yr", "quarter", ""))
        .hasMessageContaining("'yr' not found");
    assertThatThrownBy(() -> QuarterlyWeights.fromYearQuarter(
            table().withColumn("quarter", new double[] {3, 3}), "year", "quarter", ""))
        .hasMessageContaining("quarter 2021_Q3 appears in rows 0 and 1");
  }
}
