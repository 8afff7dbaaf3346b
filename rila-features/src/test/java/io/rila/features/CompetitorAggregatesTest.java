package io.rila.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rila.core.frame.Frame;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CompetitorAggregatesTest {

  private static final double NAN = Double.NaN;
  private static final LocalDate Q1 = LocalDate.of(2024, 2, 1);
  private static final LocalDate Q2 = LocalDate.of(2024, 5, 1);

  private static Frame rates() {
    return Frame.newBuilder()
        .index(Q1, Q2, Q2.plusDays(1))
        .column("A", new double[] {3, 1, NAN})
        .column("B", new double[] {1, 2, 4})
        .column("C", new double[] {2, 4, 2})
        .build();
  }

  private static QuarterlyWeights weights() {
    Frame table = Frame.newBuilder()
        .column("A_w", new double[] {0.5, 0.2})
        .column("B_w", new double[] {0.25, 0.3})
        .column("C_w", new double[] {0.25, 0.5})
        .build();
    return QuarterlyWeights.fromKeys(List.of("2024_Q1", "2024_Q2"), table, "_w");
  }

  private static CompetitorAggregates.Builder all() {
    return CompetitorAggregates.newBuilder()
        .companies("A", "B", "C")
        .weightedMean("wmean", weights())
        .mean("mean")
        .median("median")
        .kthLargest("first", 1)
        .kthLargest("third", 3)
        .topMean("top2", 2);
  }

  @Test
  void apply_strictComputesEachAggregateAndPropagatesNan() {
    Frame out = all().build().apply(rates());
    assertThat(out.columnNames())
        .containsExactly("A", "B", "C", "wmean", "mean", "median", "first", "third", "top2");
    assertThat(out.get(0, "wmean")).isEqualTo((3 * 0.5 + 1 * 0.25 + 2 * 0.25) / 1.0);
    assertThat(out.get(1, "wmean")).isCloseTo((0.2 + 0.6 + 2.0) / 1.0, within(1e-15));
    assertThat(out.get(0, "mean")).isEqualTo(2.0);
    assertThat(out.get(1, "median")).isEqualTo(2.0);
    assertThat(out.get(1, "first")).isEqualTo(4.0);
    assertThat(out.get(1, "third")).isEqualTo(1.0);
    assertThat(out.get(0, "top2")).isEqualTo(2.5);
    for (String name : List.of("wmean", "mean", "median", "first", "third", "top2")) {
      assertThat(out.get(2, name)).as(name).isNaN();
    }
  }

  @Test
  void apply_pythonCompatibleCountsMissingAsZeroAndAddsEpsilon() {
    Frame out = all().policy(MissingRatePolicy.PYTHON_COMPATIBLE).build().apply(rates());
    assertThat(out.get(2, "mean")).isEqualTo(2.0);
    assertThat(out.get(2, "median")).isEqualTo(2.0);
    assertThat(out.get(2, "third")).isEqualTo(0.0);
    assertThat(out.get(2, "top2")).isEqualTo(3.0);
    assertThat(out.get(0, "wmean")).isEqualTo((1.5 + 0.25 + 0.5) / (1.0 + 1e-8));
    assertThat(out.get(2, "wmean")).isEqualTo((0.0 + 4 * 0.3 + 2 * 0.5) / (1.0 + 1e-8));
  }

  @Test
  void apply_pythonCompatibleTreatsMissingQuarterColumnAndCellAsZeroWeight() {
    Frame table = Frame.newBuilder()
        .column("A_w", new double[] {NAN})
        .column("B_w", new double[] {0.5})
        .build();
    QuarterlyWeights partial = QuarterlyWeights.fromKeys(List.of("2024_Q1"), table, "_w");
    Frame out = CompetitorAggregates.newBuilder()
        .companies("A", "B", "C")
        .policy(MissingRatePolicy.PYTHON_COMPATIBLE)
        .weightedMean("w", partial)
        .build()
        .apply(rates());
    assertThat(out.get(0, "w")).isEqualTo(0.5 / (0.5 + 1e-8));
    assertThat(out.get(1, "w")).isEqualTo(0.0);
  }

  @Test
  void apply_rankAggregatesMatchFullSort() {
    SplittableRandom random = new SplittableRandom(17);
    int m = 8;
    int n = 200;
    Frame.Builder b = Frame.newBuilder();
    double[][] cols = new double[m][n];
    String[] names = new String[m];
    for (int c = 0; c < m; c++) {
      names[c] = "c" + c;
      for (int i = 0; i < n; i++) {
        cols[c][i] = random.nextInt(5) == 0 ? Math.floor(random.nextDouble() * 4) / 4
            : random.nextDouble() * 5;
      }
      b.column(names[c], cols[c]);
    }
    CompetitorAggregates.Builder agg = CompetitorAggregates.newBuilder().companies(names)
        .mean("mean").median("median");
    for (int k = 1; k <= m; k++) {
      agg.kthLargest("k" + k, k).topMean("top" + k, k);
    }
    Frame out = agg.build().apply(b.build());
    for (int i = 0; i < n; i++) {
      double[] row = new double[m];
      for (int c = 0; c < m; c++) {
        row[c] = cols[c][i];
      }
      double[] sorted = row.clone();
      Arrays.sort(sorted);
      assertThat(out.get(i, "median")).isEqualTo((sorted[3] + sorted[4]) / 2);
      assertThat(out.get(i, "mean")).isCloseTo(Arrays.stream(row).sum() / m, within(1e-14));
      double top = 0;
      for (int k = 1; k <= m; k++) {
        assertThat(out.get(i, "k" + k)).isEqualTo(sorted[m - k]);
        top += sorted[m - k];
        assertThat(out.get(i, "top" + k)).isCloseTo(top / k, within(1e-14));
      }
    }
  }

  @Test
  void apply_oddCompanyCountMedianIsMiddle() {
    Frame out = CompetitorAggregates.newBuilder().companies("B", "C").median("m").build()
        .apply(rates());
    assertThat(out.column("m")).containsExactly(1.5, 3, 3);
    Frame three = CompetitorAggregates.newBuilder().companies("A", "B", "C").median("m").build()
        .apply(rates().rowRange(0, 2));
    assertThat(three.column("m")).containsExactly(2, 2);
  }

  @Test
  void apply_strictRejectsMissingQuarter() {
    Frame later = rates().withIndex(List.of(Q1, Q2, LocalDate.of(2024, 8, 1)));
    assertThatThrownBy(() -> all().build().apply(later))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weights: no row for quarter 2024_Q3")
        .hasMessageContaining("input row 2, 2024-08-01")
        .hasMessageContaining("PYTHON_COMPATIBLE");
    Frame compatible = all().policy(MissingRatePolicy.PYTHON_COMPATIBLE).build().apply(later);
    assertThat(compatible.get(2, "wmean")).isEqualTo(0.0);
  }

  @Test
  void apply_strictRejectsMissingWeightColumnCellOrZeroSum() {
    Frame noC = weights().frame().drop("C_w");
    QuarterlyWeights missingColumn = QuarterlyWeights.fromKeys(
        List.of("2024_Q1", "2024_Q2"), noC, "_w");
    assertThatThrownBy(() -> CompetitorAggregates.newBuilder().companies("A", "B", "C")
            .weightedMean("w", missingColumn).build().apply(rates()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weights: no column 'C_w' for company 'C'");
    Frame nanCell = noC.withColumn("C_w", new double[] {0.25, NAN});
    assertThatThrownBy(() -> CompetitorAggregates.newBuilder().companies("A", "B", "C")
            .weightedMean("w", QuarterlyWeights.fromKeys(List.of("2024_Q1", "2024_Q2"), nanCell,
                "_w")).build().apply(rates()))
        .hasMessageContaining("quarter 2024_Q2, company 'C' has no weight");
    Frame zeros = Frame.newBuilder().column("A_w", new double[] {0, 0})
        .column("B_w", new double[] {0, 0}).column("C_w", new double[] {0, 0}).build();
    assertThatThrownBy(() -> CompetitorAggregates.newBuilder().companies("A", "B", "C")
            .weightedMean("w", QuarterlyWeights.fromKeys(List.of("2024_Q1", "2024_Q2"), zeros,
                "_w")).build().apply(rates()))
        .hasMessageContaining("quarter 2024_Q1 has all-zero weights");
  }

  @Test
  void apply_rejectsNegativeWeightsAndInfiniteRatesUnderBothPolicies() {
    Frame negative = weights().frame().withColumn("B_w", new double[] {-0.1, 0.3});
    QuarterlyWeights bad = QuarterlyWeights.fromKeys(List.of("2024_Q1", "2024_Q2"), negative,
        "_w");
    for (MissingRatePolicy policy : MissingRatePolicy.values()) {
      assertThatThrownBy(() -> CompetitorAggregates.newBuilder().companies("A", "B", "C")
              .policy(policy).weightedMean("w", bad).build().apply(rates()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("company 'B' has weight -0.1 (expected: finite and >= 0)");
      Frame infinite = rates().withColumn("B", new double[] {1, Double.POSITIVE_INFINITY, 1});
      assertThatThrownBy(() -> CompetitorAggregates.newBuilder().companies("A", "B", "C")
              .policy(policy).mean("m").build().apply(infinite))
          .hasMessageContaining("input: row 1, column 'B' is Infinity");
    }
  }

  @Test
  void apply_badInput() {
    assertThatThrownBy(() -> all().build().apply(rates().withoutIndex()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("input: has no date index");
    assertThatThrownBy(() -> CompetitorAggregates.newBuilder().companies("A", "Z").mean("m")
            .build().apply(rates()))
        .hasMessageContaining("'Z' not found");
    assertThatThrownBy(() -> all().build().apply(rates().rowRange(0, 0)))
        .hasMessageContaining("input: 0 rows");
    assertThatThrownBy(() -> all().build().apply(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void builder_badInput() {
    assertThatThrownBy(() -> CompetitorAggregates.newBuilder().mean("m").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no companies");
    assertThatThrownBy(() -> CompetitorAggregates.newBuilder().companies("A").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no outputs");
    assertThatThrownBy(() -> CompetitorAggregates.newBuilder().companies("A", "B")
            .kthLargest("k", 3).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("k: 3 for 'k' (expected: <= 2, the company count)");
    assertThatThrownBy(() -> CompetitorAggregates.newBuilder().companies("A").topMean("t", 2)
            .build())
        .hasMessageContaining("n: 2 for 't'");
    assertThatThrownBy(() -> CompetitorAggregates.newBuilder().kthLargest("k", 0))
        .hasMessageContaining("k: 0 (expected: >= 1)");
    assertThatThrownBy(() -> CompetitorAggregates.newBuilder().topMean("t", 0))
        .hasMessageContaining("n: 0 (expected: >= 1)");
    assertThatThrownBy(() -> CompetitorAggregates.newBuilder().mean("m").median("m"))
        .hasMessageContaining("name: 'm' is already an output");
    assertThatThrownBy(() -> CompetitorAggregates.newBuilder().mean(" "))
        .hasMessageContaining("name");
    assertThatThrownBy(() -> CompetitorAggregates.newBuilder().companies("A", "A"))
        .hasMessageContaining("companies: 'A' is repeated");
    assertThatThrownBy(() -> CompetitorAggregates.newBuilder().companies())
        .hasMessageContaining("companies: no names");
    assertThatThrownBy(() -> CompetitorAggregates.newBuilder().companies("A").companies("B"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("companies was already set to [A]");
    assertThatThrownBy(() -> CompetitorAggregates.newBuilder()
            .policy(MissingRatePolicy.STRICT).policy(MissingRatePolicy.STRICT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("policy was already set to STRICT");
    assertThatThrownBy(() -> CompetitorAggregates.newBuilder().weightedMean("w", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("weights");
  }

  @Test
  void spec_includesPolicyAndWeightValues() {
    String strict = all().build().spec();
    String compatible = all().policy(MissingRatePolicy.PYTHON_COMPATIBLE).build().spec();
    assertThat(strict).contains("policy=STRICT").contains("0.25");
    assertThat(compatible).isNotEqualTo(strict);
    Frame changed = weights().frame().withColumn("A_w", new double[] {0.5, 0.2000001});
    String otherWeights = CompetitorAggregates.newBuilder().companies("A", "B", "C")
        .weightedMean("wmean", QuarterlyWeights.fromKeys(List.of("2024_Q1", "2024_Q2"), changed,
            "_w"))
        .mean("mean").median("median").kthLargest("first", 1).kthLargest("third", 3)
        .topMean("top2", 2).build().spec();
    assertThat(otherWeights).isNotEqualTo(strict);
  }
}
