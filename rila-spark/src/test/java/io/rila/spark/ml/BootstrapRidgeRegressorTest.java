package io.rila.spark.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rila.bootstrap.BootstrapRidgeEnsemble;
import io.rila.bootstrap.EnsembleModel;
import io.rila.bootstrap.EnsembleSettings;
import io.rila.bootstrap.Precision;
import io.rila.bootstrap.Resampling;
import io.rila.bootstrap.SklearnWeighting;
import io.rila.bootstrap.Summary;
import io.rila.bootstrap.TargetTransform;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BootstrapRidgeRegressorTest {

  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = Weekly.start(BootstrapRidgeRegressorTest.class);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static BootstrapRidgeRegressor regressor() {
    return new BootstrapRidgeRegressor()
        .setFeaturesCol("features")
        .setLabelCol("sales").setWeightCol("weight")
        .setOrderCol("week")
        .setEstimators(200).setAlpha(1.0).setSeed(42L)
        .setTargetTransform("log1p")
        .setResampling("iid")
        .setPrecision("float").setNonNegative(false)
        .setQuantiles(new double[] {0.025, 0.5, 0.975})
        .setMembersPerTask(37);
  }

  /** The test's regressor without a seed (for the sklearn-compatible schemes). */
  private static BootstrapRidgeRegressor unseeded() {
    BootstrapRidgeRegressor r = regressor();
    r.clear(r.seed());
    return r;
  }

  @Test
  void fit_equalsLocalFitBitForBit() {
    Weekly data = Weekly.of(1, 60, 1);
    BootstrapRidgeRegressionModel model = regressor().fit(data.assembled(spark));
    EnsembleModel local = BootstrapRidgeEnsemble.newBuilder().estimators(200).alpha(1.0)
        .seed(42L).targetTransform(TargetTransform.LOG1P).build().fit(data.x, data.y, data.w);
    Weekly.assertBitIdentical(model.ensembleModel(), local);
    assertThat(model.ensembleModel().featureNames()).containsExactly(Weekly.FEATURES);
  }

  @Test
  void fit_otherSettings_equalLocalFitBitForBit() {
    Weekly data = Weekly.of(2, 45, 1);
    Dataset<Row> rows = data.assembled(spark).coalesce(1);
    EnsembleModel model = unseeded().setWeightCol("").setTargetTransform("log")
        .setResampling("sklearn-probability:7").setPrecision("double").setEstimators(50)
        .setAlpha(0.5).fit(rows).ensembleModel();
    EnsembleModel local = BootstrapRidgeEnsemble.newBuilder().estimators(50).alpha(0.5)
        .targetTransform(TargetTransform.LOG).precision(Precision.DOUBLE)
        .resampling(Resampling.sklearnCompatible(7, SklearnWeighting.PROBABILITY)).build()
        .fit(data.x, data.y);
    Weekly.assertBitIdentical(model, local);

    EnsembleModel blocks = regressor().setResampling("moving-block:4").setNonNegative(true)
        .setTargetTransform("identity").fit(rows).ensembleModel();
    Weekly.assertBitIdentical(blocks, BootstrapRidgeEnsemble.newBuilder().estimators(200)
        .seed(42L).resampling(Resampling.movingBlock(4)).nonNegative(true).build()
        .fit(data.x, data.y, data.w));
  }

  @Test
  void transform_equalsPredictSummaries() {
    Weekly data = Weekly.of(3, 50, 1);
    BootstrapRidgeRegressionModel model = regressor().fit(data.assembled(spark));
    EnsembleModel local = model.ensembleModel();
    List<Row> scored = model.transform(data.assembled(spark))
        .select("features", "prediction", "quantiles").collectAsList();
    assertThat(scored).hasSize(50);
    for (Row row : scored) {
      Summary expected = local.predict(((Vector) row.get(0)).toArray(), 0.025, 0.5, 0.975);
      assertThat(row.getDouble(1)).isEqualTo(expected.mean());
      List<Double> q = row.getList(2);
      assertThat(q).containsExactly(expected.quantileAt(0), expected.quantileAt(1),
          expected.quantileAt(2));
    }
  }

  @Test
  void transformSchema_addsColumns() {
    Weekly data = Weekly.of(4, 30, 1);
    Dataset<Row> rows = data.assembled(spark);
    BootstrapRidgeRegressionModel model = regressor().setEstimators(20).fit(rows)
        .setPredictionCol("mean").setQuantilesCol("band").setQuantiles(new double[] {0.1, 0.9});
    Dataset<Row> scored = model.transform(rows);
    assertThat(scored.columns()).endsWith("mean", "band");
    assertThat(scored.schema()).isEqualTo(model.transformSchema(rows.schema()));
    assertThat(scored.first().getList(scored.schema().fieldIndex("band"))).hasSize(2);
  }

  @Test
  void settings_fromParams() {
    EnsembleSettings settings = regressor().setResampling("stationary:2.5").settings();
    assertThat(settings.resampling()).isEqualTo(Resampling.stationary(2.5));
    assertThat(settings.estimators()).isEqualTo(200);
    assertThat(regressor().setResampling("circular-block:3").settings().resampling())
        .isEqualTo(Resampling.circularBlock(3));
    assertThat(regressor().setResampling("poisson").settings().resampling())
        .isEqualTo(Resampling.poisson());
    assertThat(unseeded().setResampling("sklearn-legacy:9").settings().resampling())
        .isEqualTo(Resampling.sklearnCompatible(9, SklearnWeighting.LEGACY));
    assertThatThrownBy(() -> regressor().setResampling("sklearn-legacy:9").settings())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("seed: set to 42");
  }

  @Test
  void settings_badValues() {
    assertThatThrownBy(() -> regressor().setResampling("bootstrap").settings())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resampling");
    assertThatThrownBy(() -> regressor().setResampling("moving-block:x").settings())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("moving-block:x");
    assertThatThrownBy(() -> regressor().setTargetTransform("sqrt").settings())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("targetTransform");
    assertThatThrownBy(() -> regressor().setPrecision("half").settings())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("precision");
    assertThatThrownBy(() -> regressor().setEstimators(0).settings())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("estimators");
    assertThatThrownBy(() -> regressor().setAlpha(Double.NaN).settings())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha");
  }

  @Test
  void fit_badInput() {
    Dataset<Row> rows = Weekly.of(5, 30, 1).assembled(spark);
    assertThatThrownBy(() -> regressor().setLabelCol("revenue").fit(rows))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("labelCol: column 'revenue' not found");
    assertThatThrownBy(() -> regressor().setLabelCol("product").fit(rows))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("labelCol: column 'product' is string");
    assertThatThrownBy(() -> regressor().setFeaturesCol("own").fit(rows))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("featuresCol: column 'own' is double (expected: a vector");
    assertThatThrownBy(() -> regressor().setOrderCol("").fit(rows))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("orderCol: not set");
    assertThatThrownBy(() -> regressor().setQuantiles(new double[] {1.5}).fit(rows))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quantiles[0]: 1.5");

    Dataset<Row> nullLabel = rows.withColumn("sales", functions.when(
        functions.col("week").equalTo(12), functions.lit(null)).otherwise(functions.col("sales")));
    assertThatThrownBy(() -> regressor().fit(nullLabel))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("column 'sales', row week=12: null");
    Dataset<Row> nanWeight = rows.withColumn("weight", functions.when(
        functions.col("week").equalTo(7), functions.lit(Double.NaN))
        .otherwise(functions.col("weight")));
    assertThatThrownBy(() -> regressor().fit(nanWeight))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("column 'weight', row week=7: NaN");
    Dataset<Row> nanFeature = Weekly.assembler().transform(Weekly.of(5, 30, 1).raw(spark)
        .withColumn("rival", functions.when(functions.col("week").equalTo(3),
            functions.lit(Double.POSITIVE_INFINITY)).otherwise(functions.col("rival"))));
    assertThatThrownBy(() -> regressor().fit(nanFeature))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("column 'features', row week=3, feature 1: Infinity");
    Dataset<Row> zeroSales = rows.withColumn("sales", functions.when(
        functions.col("week").equalTo(20), functions.lit(0.0)).otherwise(functions.col("sales")));
    assertThatThrownBy(() -> regressor().setTargetTransform("log").fit(zeroSales))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("column 'sales', row week=20: 0.0 (expected: inside the domain");
    Dataset<Row> twice = rows.union(rows.filter("week = 9"));
    assertThatThrownBy(() -> regressor().fit(twice))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("column 'week': row week=9 appears twice");
  }

  @Test
  void transform_badInput() {
    Dataset<Row> rows = Weekly.of(6, 30, 1).assembled(spark);
    BootstrapRidgeRegressionModel model = regressor().setEstimators(10).fit(rows);
    assertThatThrownBy(() -> model.transform(rows.drop("features")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("featuresCol: column 'features' not found");
    assertThatThrownBy(() -> model.transform(model.transform(rows)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("output column 'prediction' already exists");
  }

  @Test
  void copy_keepsParamsAndModel() {
    Dataset<Row> rows = Weekly.of(7, 30, 1).assembled(spark);
    BootstrapRidgeRegressor regressor = regressor().setEstimators(10);
    BootstrapRidgeRegressor copy = regressor.copy(new org.apache.spark.ml.param.ParamMap());
    assertThat(copy.uid()).isEqualTo(regressor.uid());
    assertThat(copy.settings()).isEqualTo(regressor.settings());
    BootstrapRidgeRegressionModel model = regressor.fit(rows);
    assertThat(model.uid()).isEqualTo(regressor.uid());
    assertThat(model.parent()).isSameAs(regressor);
    BootstrapRidgeRegressionModel modelCopy =
        model.copy(new org.apache.spark.ml.param.ParamMap());
    assertThat(modelCopy.ensembleModel().coefficients())
        .isEqualTo(model.ensembleModel().coefficients());
  }

  @Test
  void fit_groups_eachEqualsLocalFitOfItsRows() {
    Weekly data = Weekly.of(8, 90, 3);
    BootstrapRidgeRegressionModel model =
        regressor().setGroupCol("product").fit(data.assembled(spark));
    assertThat(model.groups()).containsExactly("P0", "P1", "P2");
    for (String g : model.groups()) {
      Weekly rows = data.group(g);
      EnsembleModel local = BootstrapRidgeEnsemble.newBuilder().estimators(200).alpha(1.0)
          .seed(42L).targetTransform(TargetTransform.LOG1P).build()
          .fit(rows.x, rows.y, rows.w);
      Weekly.assertBitIdentical(model.ensembleModel(g), local);
      assertThat(model.ensembleModel(g).featureNames()).containsExactly(Weekly.FEATURES);
    }
    assertThatThrownBy(model::ensembleModel).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("one ensemble per value of 'product'");
    assertThatThrownBy(() -> model.ensembleModel("P9"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("group 'P9'");
    assertThatThrownBy(() -> regressor().setEstimators(5).fit(data.assembled(spark))
        .ensembleModel("P0")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("has no groups");
  }

  @Test
  void transform_groups_equalsEachGroupsPredictSummaries() {
    Weekly data = Weekly.of(9, 60, 2);
    BootstrapRidgeRegressionModel model =
        regressor().setEstimators(50).setGroupCol("product").fit(data.assembled(spark));
    List<Row> scored = model.transform(data.assembled(spark))
        .select("product", "features", "prediction", "quantiles").collectAsList();
    assertThat(scored).hasSize(60);
    EnsembleModel p0 = model.ensembleModel("P0");
    EnsembleModel p1 = model.ensembleModel("P1");
    for (Row row : scored) {
      EnsembleModel local = row.getString(0).equals("P0") ? p0 : p1;
      Summary expected = local.predict(((Vector) row.get(1)).toArray(), 0.025, 0.5, 0.975);
      assertThat(row.getDouble(2)).isEqualTo(expected.mean());
      assertThat(row.<Double>getList(3)).containsExactly(expected.quantileAt(0),
          expected.quantileAt(1), expected.quantileAt(2));
    }
    Dataset<Row> unknown = data.assembled(spark).withColumn("product", functions.lit("P7"));
    assertThatThrownBy(() -> model.transform(unknown).count())
        .hasStackTraceContaining("column 'product': group 'P7' has no model");
  }

  @Test
  void fit_groups_badInput() {
    Weekly data = Weekly.of(10, 40, 2);
    Dataset<Row> rows = data.assembled(spark);
    assertThatThrownBy(() -> regressor().setGroupCol("region").fit(rows))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("groupCol: column 'region' not found");
    Dataset<Row> small = rows.filter("product = 'P0' OR week < 8");
    assertThatThrownBy(() -> regressor().setGroupCol("product").fit(small))
        .hasStackTraceContaining("group 'P1', rows: 4 (expected: at least features + 2 = 5)");
    Dataset<Row> nullSales = rows.withColumn("sales", functions.when(
        functions.col("week").equalTo(13), functions.lit(null)).otherwise(functions.col("sales")));
    assertThatThrownBy(() -> regressor().setGroupCol("product").fit(nullSales))
        .hasStackTraceContaining("column 'sales', group 'P1', row week=13: null");
    Dataset<Row> nullGroup = rows.withColumn("product", functions.when(
        functions.col("week").equalTo(6), functions.lit(null))
        .otherwise(functions.col("product")));
    assertThatThrownBy(() -> regressor().setGroupCol("product").fit(nullGroup))
        .hasStackTraceContaining("column 'product', row week=6: null");
    Dataset<Row> unweighted = rows.withColumn("weight", functions.when(
        functions.col("product").equalTo("P1"), functions.lit(0.0))
        .otherwise(functions.col("weight")));
    assertThatThrownBy(() -> regressor().setGroupCol("product").fit(unweighted))
        .hasStackTraceContaining("group 'P1', weights");
    Dataset<Row> slash = rows.withColumn("product", functions.lit("a/b"));
    assertThatThrownBy(() -> regressor().setGroupCol("product").fit(slash))
        .hasStackTraceContaining("group 'a/b': not a safe file name");
  }

  @Test
  void fit_groups_refusesValuesThatDifferOnlyInCase() {
    Dataset<Row> rows = Weekly.of(10, 40, 2).assembled(spark)
        .filter("product = 'P0' OR week < 8")
        .withColumn("product", functions.when(functions.col("product").equalTo("P0"),
            functions.lit("Key")).otherwise(functions.lit("key")));
    // group 'key' has too few rows to fit: the case check runs first, so it is what fails
    assertThatThrownBy(() -> regressor().setGroupCol("product").fit(rows))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("group 'key': file key.rila differs only in case from Key.rila, the file of"
            + " group 'Key' (expected: group values that differ in more than case, as"
            + " case-insensitive file systems take both for one file)");
  }
}
