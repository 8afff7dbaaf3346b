package io.rila.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rila.bootstrap.BootstrapRidgeEnsemble;
import io.rila.bootstrap.EnsembleModel;
import io.rila.bootstrap.Precision;
import io.rila.bootstrap.Summary;
import io.rila.bootstrap.SummaryTable;
import io.rila.bootstrap.TargetTransform;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

class BroadcastModelTest {

  private static JavaSparkContext sc;
  private static EnsembleModel model;
  private static double[][] rows;

  @BeforeAll
  static void start() {
    sc = LocalSpark.start(BroadcastModelTest.class);
    Random random = new Random(1);
    double[][] x = Data.matrix(random, 80, 5);
    model = BootstrapRidgeEnsemble.newBuilder().estimators(257).seed(3)
        .targetTransform(TargetTransform.LOG1P).build()
        .fit(x, Data.target(random, x), Data.weights(random, x.length));
    rows = Data.matrix(random, 150, 5);
  }

  @AfterAll
  static void stop() {
    sc.stop();
  }

  @Test
  void predict_equalsLocalPrediction() {
    double[] levels = {0.05, 0.5, 0.95, 0.0, 1.0};
    SummaryTable local = model.predict(rows, levels);
    try (BroadcastModel shared = BroadcastModel.of(sc, model)) {
      List<Summary> out = shared.predict(sc.parallelize(Arrays.asList(rows), 3), levels)
          .collect();
      assertThat(out).hasSize(rows.length);
      for (int r = 0; r < rows.length; r++) {
        assertThat(out.get(r)).as("row %d", r).isEqualTo(local.summary(r));
        assertThat(model.predict(rows[r], levels).mean()).isEqualTo(out.get(r).mean());
      }
    }
  }

  @Test
  void predict_defaultLevelsAndDoublePrecision() {
    Random random = new Random(2);
    double[][] x = Data.matrix(random, 40, 2);
    EnsembleModel doubles = BootstrapRidgeEnsemble.newBuilder().estimators(70)
        .precision(Precision.DOUBLE).build().fit(x, Data.target(random, x));
    double[][] some = Arrays.copyOf(x, 9);
    try (BroadcastModel shared = BroadcastModel.of(sc, doubles)) {
      List<Summary> out = shared.predict(sc.parallelize(Arrays.asList(some), 2)).collect();
      for (int r = 0; r < some.length; r++) {
        assertThat(out.get(r).levels()).containsExactly(0.025, 0.5, 0.975);
        assertThat(out.get(r)).isEqualTo(doubles.predict(some[r]));
      }
    }
  }

  @Test
  void predictValues_keepsTheKeys() {
    List<Tuple2<String, double[]>> keyed = new ArrayList<>();
    for (int r = 0; r < 40; r++) {
      keyed.add(new Tuple2<>("week-" + r, rows[r]));
    }
    try (BroadcastModel shared = BroadcastModel.of(sc, model)) {
      List<Tuple2<String, Summary>> out =
          shared.predictValues(sc.parallelizePairs(keyed, 4), 0.1, 0.9).collect();
      assertThat(out).hasSize(40);
      for (int r = 0; r < 40; r++) {
        assertThat(out.get(r)._1()).isEqualTo("week-" + r);
        assertThat(out.get(r)._2()).isEqualTo(model.predict(rows[r], 0.1, 0.9));
      }
    }
  }

  @Test
  void predict_badRowFailsTheActionNamingTheRow() {
    double[][] bad = Arrays.copyOf(rows, 10);
    bad[7] = bad[7].clone();
    bad[7][2] = Double.NaN;
    try (BroadcastModel shared = BroadcastModel.of(sc, model)) {
      JavaRDD<Summary> out = shared.predict(sc.parallelize(Arrays.asList(bad), 2));
      assertThatThrownBy(out::collect).hasRootCauseInstanceOf(IllegalArgumentException.class)
          .rootCause().hasMessage(
              "rows: partition 1, row 2 of the partition: column 2 (x2) is NaN (expected: finite)");
      JavaRDD<Summary> short3 = shared.predict(sc.parallelize(List.of(new double[3]), 1));
      assertThatThrownBy(short3::collect).rootCause().hasMessage("rows: partition 0, row 0 of"
          + " the partition: length 3 (expected: 5, the model's features)");
    }
  }

  @Test
  void predict_badArguments() {
    BroadcastModel shared = BroadcastModel.of(sc, model);
    JavaRDD<double[]> some = sc.parallelize(List.of(rows[0]), 1);
    assertThatThrownBy(() -> shared.predict(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("rows");
    assertThatThrownBy(() -> shared.predictValues(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("rows");
    assertThatThrownBy(() -> shared.predict(some, (double[]) null))
        .isInstanceOf(NullPointerException.class).hasMessage("quantiles");
    assertThatThrownBy(() -> shared.predict(some, 0.5, 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("quantiles[1]: 1.5 (expected: 0 <= quantiles[1] <= 1)");
    assertThatThrownBy(() -> shared.predict(some, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("quantiles[0]: NaN");
    assertThat(shared.model()).isSameAs(model);
    assertThat(shared.toString()).isEqualTo("BroadcastModel[" + model + "]");
    shared.close();
    shared.close();
    assertThat(shared.toString()).endsWith(", closed]");
    assertThatThrownBy(() -> shared.predict(some)).isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("closed: ");
    assertThatThrownBy(() -> BroadcastModel.of(null, model))
        .isInstanceOf(NullPointerException.class).hasMessage("sc");
    assertThatThrownBy(() -> BroadcastModel.of(sc, null))
        .isInstanceOf(NullPointerException.class).hasMessage("model");
  }
}
