package io.rila.spark.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.rila.bootstrap.BootstrapRidgeEnsemble;
import io.rila.bootstrap.EnsembleModel;
import io.rila.bootstrap.ModelFiles;
import io.rila.bootstrap.Precision;
import io.rila.bootstrap.Resampling;
import io.rila.bootstrap.SklearnWeighting;
import io.rila.bootstrap.TargetTransform;
import io.rila.core.frame.Frame;
import io.rila.spark.Data;
import io.rila.spark.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelPayloadTest {

  @TempDir
  Path dir;

  @Test
  void model_isTheSameModelAfterSerialization() throws IOException, ClassNotFoundException {
    Random random = new Random(1);
    double[][] x = Data.matrix(random, 30, 3);
    double[] y = Data.target(random, x);
    EnsembleModel floats = BootstrapRidgeEnsemble.newBuilder().estimators(25).seed(4)
        .targetTransform(TargetTransform.LOG).resampling(Resampling.circularBlock(5)).build()
        .fit(x, y);
    EnsembleModel doubles = BootstrapRidgeEnsemble.newBuilder().estimators(12)
        .precision(Precision.DOUBLE).nonNegative(true)
        .resampling(Resampling.sklearnCompatible(3, SklearnWeighting.LEGACY)).build()
        .fit(frame(x, y), "y", List.of("a", "b", "c"));
    for (EnsembleModel m : List.of(floats, doubles)) {
      EnsembleModel copy = Serialization.roundTrip(ModelPayload.of(m)).model();
      assertThat(copy.coefficients()).isEqualTo(m.coefficients());
      assertThat(copy.featureNames()).isEqualTo(m.featureNames());
      assertThat(copy.hasFeatureNames()).isEqualTo(m.hasFeatureNames());
      assertThat(copy.trainingRows()).isEqualTo(m.trainingRows());
      assertThat(copy.seed()).isEqualTo(m.seed());
      assertThat(copy.resampling()).isEqualTo(m.resampling());
      assertThat(copy.solveForm()).isEqualTo(m.solveForm());
      assertThat(copy.nonNegative()).isEqualTo(m.nonNegative());
      assertThat(copy.toString()).isEqualTo(m.toString());
      assertThat(copy.predict(x[0])).isEqualTo(m.predict(x[0]));
      ModelFiles.save(m, dir.resolve("original.rila"));
      ModelFiles.save(copy, dir.resolve("copy.rila"));
      assertThat(Files.readAllBytes(dir.resolve("copy.rila")))
          .isEqualTo(Files.readAllBytes(dir.resolve("original.rila")));
    }
    ModelPayload payload = ModelPayload.of(floats);
    assertThat(payload.model()).isSameAs(payload.model());
    assertThat(payload.model(ForkJoinPool.commonPool())).isNotSameAs(payload.model());
  }

  private static Frame frame(double[][] x, double[] y) {
    double[][] columns = new double[3][x.length];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < 3; j++) {
        columns[j][i] = x[i][j];
      }
    }
    return Frame.newBuilder().column("a", columns[0]).column("b", columns[1])
        .column("c", columns[2])
        .column("y", y).build();
  }
}
