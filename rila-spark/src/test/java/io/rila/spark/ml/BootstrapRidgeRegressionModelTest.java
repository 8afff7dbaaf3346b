package io.rila.spark.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootstrapRidgeRegressionModelTest {

  private static SparkSession spark;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    spark = Weekly.start(BootstrapRidgeRegressionModelTest.class);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static BootstrapRidgeRegressor regressor() {
    return new BootstrapRidgeRegressor().setLabelCol("sales").setWeightCol("weight")
        .setOrderCol("week").setEstimators(120).setSeed(3L).setTargetTransform("log1p")
        .setQuantiles(new double[] {0.05, 0.95});
  }

  private static List<Row> scores(Dataset<Row> scored) {
    return scored.orderBy("week").select("week", "prediction", "quantiles").collectAsList();
  }

  @Test
  void save_load_roundTrip() throws IOException {
    Dataset<Row> rows = Weekly.of(11, 40, 1).assembled(spark);
    BootstrapRidgeRegressionModel model = regressor().fit(rows).setPredictionCol("mean");
    String uri = dir.resolve("models/2026w49").toUri().toString();
    model.write().save(uri);
    BootstrapRidgeRegressionModel back = BootstrapRidgeRegressionModel.load(uri);
    assertThat(back.uid()).isEqualTo(model.uid());
    Weekly.assertBitIdentical(back.ensembleModel(), model.ensembleModel());
    assertThat(back.ensembleModel().featureNames()).containsExactly(Weekly.FEATURES);
    assertThat(back.getOrDefault(back.predictionCol())).isEqualTo("mean");
    assertThat((double[]) back.getOrDefault(back.quantiles())).containsExactly(0.05, 0.95);
    assertThat(scores(back.transform(rows).withColumnRenamed("mean", "prediction")))
        .isEqualTo(scores(model.transform(rows).withColumnRenamed("mean", "prediction")));
    assertThat(Files.isRegularFile(dir.resolve("models/2026w49/data/model.rila"))).isTrue();
  }

  @Test
  void save_overwrite() throws IOException {
    Dataset<Row> rows = Weekly.of(12, 40, 1).assembled(spark);
    String uri = dir.resolve("m").toUri().toString();
    BootstrapRidgeRegressionModel first = regressor().setEstimators(10).fit(rows);
    first.write().save(uri);
    BootstrapRidgeRegressionModel second = regressor().setEstimators(20).fit(rows);
    assertThatThrownBy(() -> second.write().save(uri)).hasMessageContaining("already exists");
    assertThat(BootstrapRidgeRegressionModel.load(uri).ensembleModel().estimators()).isEqualTo(10);
    second.write().overwrite().save(uri);
    assertThat(BootstrapRidgeRegressionModel.load(uri).ensembleModel().estimators()).isEqualTo(20);
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly("m");
    }
  }

  @Test
  void load_corruptModelFile() throws IOException {
    Dataset<Row> rows = Weekly.of(13, 40, 1).assembled(spark);
    String uri = dir.resolve("m").toUri().toString();
    regressor().setEstimators(10).fit(rows).write().save(uri);
    Path file = dir.resolve("m/data/model.rila");
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 5] ^= 1; // the last coefficient byte, before the 4-byte CRC-32C
    Files.delete(file);
    Files.deleteIfExists(dir.resolve("m/data/.model.rila.crc"));
    Files.write(file, bytes);
    assertThatThrownBy(() -> BootstrapRidgeRegressionModel.load(uri))
        .isInstanceOf(java.io.UncheckedIOException.class)
        .hasMessageContaining("model file file:" + file
            + ": checksum mismatch: CRC-32C of the content is ")
        .hasMessageEndingWith(": corrupt")
        .hasMessageNotContaining("rila-spark-");
  }

  @Test
  void pipeline_savesLoadsAndTransformsIdentically() throws IOException {
    Weekly data = Weekly.of(14, 50, 1);
    Dataset<Row> raw = data.raw(spark).repartition(3);
    Pipeline pipeline = new Pipeline()
        .setStages(new PipelineStage[] {Weekly.assembler(), regressor()});
    String pipelineUri = dir.resolve("pipeline").toUri().toString();
    pipeline.write().save(pipelineUri);
    PipelineModel fitted = Pipeline.load(pipelineUri).fit(raw);
    String uri = dir.resolve("fitted").toUri().toString();
    fitted.write().overwrite().save(uri);
    PipelineModel back = PipelineModel.load(uri);
    assertThat(scores(back.transform(raw))).isEqualTo(scores(fitted.transform(raw)));
    BootstrapRidgeRegressionModel model = (BootstrapRidgeRegressionModel) back.stages()[1];
    Weekly.assertBitIdentical(model.ensembleModel(),
        ((BootstrapRidgeRegressionModel) fitted.stages()[1]).ensembleModel());
    Weekly.assertBitIdentical(model.ensembleModel(),
        regressor().fit(data.assembled(spark)).ensembleModel());
  }

  @Test
  void save_load_groups() throws IOException {
    Weekly data = Weekly.of(15, 60, 3);
    Dataset<Row> rows = data.assembled(spark);
    BootstrapRidgeRegressionModel model = regressor().setGroupCol("product").fit(rows);
    String uri = dir.resolve("by-product").toUri().toString();
    model.write().save(uri);
    try (Stream<Path> files = Files.list(dir.resolve("by-product/groups"))) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")))
          .containsExactlyInAnyOrder("P0.rila", "P1.rila", "P2.rila");
    }
    BootstrapRidgeRegressionModel back = BootstrapRidgeRegressionModel.load(uri);
    assertThat(back.groups()).containsExactly("P0", "P1", "P2");
    for (String g : back.groups()) {
      Weekly.assertBitIdentical(back.ensembleModel(g), model.ensembleModel(g));
    }
    assertThat(scores(back.transform(rows))).isEqualTo(scores(model.transform(rows)));
  }

  @Test
  void load_groups_corruptModelFile_namesTheFile() throws IOException {
    Dataset<Row> rows = Weekly.of(18, 40, 2).assembled(spark);
    String uri = dir.resolve("g").toUri().toString();
    regressor().setEstimators(10).setGroupCol("product").fit(rows).write().save(uri);
    Path file = dir.resolve("g/groups/P1.rila");
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 5] ^= 1; // the last coefficient byte, before the 4-byte CRC-32C
    Files.delete(file);
    Files.deleteIfExists(dir.resolve("g/groups/.P1.rila.crc"));
    Files.write(file, bytes);
    assertThatThrownBy(() -> BootstrapRidgeRegressionModel.load(uri))
        .isInstanceOf(java.io.UncheckedIOException.class)
        .hasMessageStartingWith("group 'P1': model file ")
        .hasMessageContaining(file + ": checksum mismatch: CRC-32C of the content is ")
        .hasMessageEndingWith(": corrupt")
        .hasMessageNotContaining("rila-spark-");
  }

  private static void assertScenarios(List<Row> rows, java.util.function.Function<Row,
      io.rila.bootstrap.EnsembleModel> modelOf, double[] grid) {
    for (Row row : rows) {
      io.rila.bootstrap.ScenarioTable local = modelOf.apply(row).scenarios(
          ((org.apache.spark.ml.linalg.Vector) row.getAs("features")).toArray(),
          io.rila.bootstrap.Scenario.sweep("own", grid), 0.05, 0.95);
      int s = local.labels().indexOf(row.<String>getAs("scenario"));
      assertThat(s).isNotNegative();
      assertThat(row.<Double>getAs("value")).isEqualTo(grid[s]);
      assertThat(row.<Double>getAs("prediction")).isEqualTo(local.levels().mean(s));
      assertThat(row.<Double>getAs("change")).isEqualTo(local.differences().mean(s));
      assertThat(row.<Double>getAs("percentChange")).isEqualTo(local.percentChanges().mean(s));
      assertThat(row.getList(row.fieldIndex("quantiles"))).containsExactly(
          local.levels().quantile(s, 0), local.levels().quantile(s, 1));
      assertThat(row.getList(row.fieldIndex("changeQuantiles"))).containsExactly(
          local.differences().quantile(s, 0), local.differences().quantile(s, 1));
      assertThat(row.getList(row.fieldIndex("percentChangeQuantiles"))).containsExactly(
          local.percentChanges().quantile(s, 0), local.percentChanges().quantile(s, 1));
    }
  }

  @Test
  void scenarioSweep_equalsLocalScenarios() {
    Weekly data = Weekly.of(16, 40, 1);
    Dataset<Row> rows = data.assembled(spark);
    BootstrapRidgeRegressionModel model = regressor().fit(rows);
    double[] grid = {2.0, 3.0, 4.5};
    List<Row> table = model.scenarioSweep(rows.filter("week >= 30"), "own", grid)
        .collectAsList();
    assertThat(table).hasSize(30);
    assertScenarios(table, row -> model.ensembleModel(), grid);
    assertThatThrownBy(() -> model.scenarioSweep(rows, "own"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("values: empty");
    assertThatThrownBy(() -> model.scenarioSweep(rows, "price", 1.0).count())
        .hasStackTraceContaining("scenario 'price*=1.0': price*=1.0 matches no feature"
            + " (expected: one of [own, rival, spread])");
  }

  @Test
  void scenarioSweep_groups_equalsEachGroupsLocalScenarios() {
    Weekly data = Weekly.of(17, 60, 2);
    Dataset<Row> rows = data.assembled(spark);
    BootstrapRidgeRegressionModel model = regressor().setGroupCol("product").fit(rows);
    double[] grid = {2.5, 3.5};
    List<Row> table = model.scenarioSweep(rows.filter("week >= 50"), "own", grid)
        .collectAsList();
    assertThat(table).hasSize(20);
    io.rila.bootstrap.EnsembleModel p0 = model.ensembleModel("P0");
    io.rila.bootstrap.EnsembleModel p1 = model.ensembleModel("P1");
    assertScenarios(table, row -> row.<String>getAs("product").equals("P0") ? p0 : p1, grid);
  }
}
