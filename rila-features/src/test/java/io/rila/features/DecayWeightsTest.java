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

class DecayWeightsTest {

  @Test
  void apply_buildsInferenceTrainingWeights() throws IOException {
    Frame frame = FrameCsv.defaults().read(SharedData.dataFile("inference_training_frame.csv"))
        .drop("weight");
    Frame matrix = FrameCsv.newBuilder().noIndex().skipColumns("date").build()
        .read(SharedData.dataFile("inference_training_matrix.csv"));
    List<String> matrixDates = FrameCsv.defaults()
        .readStrings(SharedData.dataFile("inference_training_matrix.csv"), "date");
    Frame training = FeaturePipeline.of(
            DecayWeights.newBuilder().decay(0.99).build(),
            RowFilter.newBuilder().excludeFlagged("holiday").build())
        .apply(frame);
    assertThat(frame.rows()).isEqualTo(159);
    assertThat(training.rows()).isEqualTo(152);
    double[] want = matrix.column("weight");
    double[] got = training.column("weight");
    for (int i = 0; i < want.length; i++) {
      assertThat(training.date(i)).isEqualTo(LocalDate.parse(matrixDates.get(i)));
      assertThat(Math.abs(got[i] - want[i])).as("row %d", i).isLessThanOrEqualTo(1e-15);
    }
    double[] fromFeatures = training.column("prudential_rate_t3");
    assertThat(fromFeatures).containsExactly(matrix.column("prudential_rate_t3"));
  }

  @Test
  void anchorRow_reproducesTrainingFrameWeightColumn() throws IOException {
    Frame frame = FrameCsv.defaults().read(SharedData.dataFile("inference_training_frame.csv"));
    double[] got = DecayWeights.newBuilder().decay(0.99).anchorRow(160).build()
        .weights(frame.rows());
    double[] want = frame.column("weight");
    for (int i = 0; i < want.length; i++) {
      assertThat(Math.abs(got[i] - want[i])).as("row %d", i).isLessThanOrEqualTo(1e-15);
    }
  }

  @Test
  void weights_followTheFormula() {
    DecayWeights half = DecayWeights.newBuilder().decay(0.5).column("w").build();
    assertThat(half.weights(3)).containsExactly(0.125, 0.25, 0.5);
    assertThat(half.weights(0)).isEmpty();
    assertThat(DecayWeights.newBuilder().decay(0.5).anchorRow(1).build().weights(3))
        .containsExactly(0.5, 1, 2);
    Frame out = half.apply(Frame.newBuilder().column("x", new double[2]).build());
    assertThat(out.column("w")).containsExactly(0.25, 0.5);
    assertThat(DecayWeights.newBuilder().decay(1).build().weights(2)).containsExactly(1, 1);
  }

  @Test
  void apply_badInput() {
    DecayWeights step = DecayWeights.newBuilder().decay(0.9).build();
    assertThatThrownBy(() -> step.apply(Frame.newBuilder().build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("input: 0 rows");
    Frame duplicate = Frame.newBuilder()
        .index(LocalDate.of(2024, 1, 7), LocalDate.of(2024, 1, 7))
        .build();
    assertThatThrownBy(() -> step.apply(duplicate))
        .hasMessageContaining("a duplicate of row 0");
    assertThatThrownBy(() -> step.weights(-1)).hasMessageContaining("rows: -1");
  }

  @Test
  void builder_badInput() {
    assertThatThrownBy(() -> DecayWeights.newBuilder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no decay");
    for (double bad : new double[] {0, -0.5, 1.01, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> DecayWeights.newBuilder().decay(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("decay: " + bad);
    }
    assertThatThrownBy(() -> DecayWeights.newBuilder().decay(0.9).decay(0.8))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("decay was already set to 0.9");
    assertThatThrownBy(() -> DecayWeights.newBuilder().anchorRow(-1))
        .hasMessageContaining("anchorRow: -1");
    assertThatThrownBy(() -> DecayWeights.newBuilder().column(""))
        .hasMessageContaining("column");
    assertThatThrownBy(() -> DecayWeights.newBuilder().column("a").column("b"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void spec_namesSettings() {
    assertThat(DecayWeights.newBuilder().decay(0.99).build().spec())
        .isEqualTo("DecayWeights/1{decay=0.99,column=\"weight\",anchor=rows}");
  }
}
