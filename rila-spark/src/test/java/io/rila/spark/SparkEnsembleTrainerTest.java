package io.rila.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.rila.bootstrap.BootstrapRidgeEnsemble;
import io.rila.bootstrap.EnsembleModel;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SparkEnsembleTrainerTest {

  private static JavaSparkContext sc;

  @BeforeAll
  static void start() {
    sc = LocalSpark.start(SparkEnsembleTrainerTest.class);
  }

  @AfterAll
  static void stop() {
    sc.stop();
  }

  @Test
  void fit_equalsLocalFit() {
    Random random = new Random(1);
    double[][] x = Data.matrix(random, 60, 4);
    double[] y = Data.target(random, x);
    double[] w = Data.weights(random, x.length);
    BootstrapRidgeEnsemble e = BootstrapRidgeEnsemble.newBuilder().estimators(300).seed(5).build();
    EnsembleModel spark = SparkEnsembleTrainer.newBuilder(e).membersPerTask(37).build()
        .fit(sc, x, y, w);
    EnsembleModel local = e.fit(x, y, w);
    assertThat(spark.coefficients()).isEqualTo(local.coefficients());
  }
}
