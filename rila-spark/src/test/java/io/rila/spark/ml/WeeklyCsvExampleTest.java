package io.rila.spark.ml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.RDDInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DataFrame way end to end, as a runnable example (docs/spark.md): a weekly CSV of a
 * synthetic multi-product market read with {@code spark.read()}, one ensemble per product,
 * saved, loaded, and an own-rate scenario sweep scored on the executors.
 *
 * <p>Run it alone, larger, with the time and the size of the cached models printed:
 *
 * <pre>
 * mvn -B -pl rila-spark -am -Dtest=WeeklyCsvExampleTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Drila.example.products=1000 -Drila.example.members=1000 verify
 * </pre>
 */
class WeeklyCsvExampleTest {

  @TempDir
  Path dir;

  @Test
  void weeklyCsv_fitSaveLoadScenarios() throws IOException {
    int products = Integer.getInteger("rila.example.products", 6);
    int members = Integer.getInteger("rila.example.members", 200);
    int weeks = 150;
    Path csv = dir.resolve("weekly.csv");
    writeMarket(csv, products, weeks);

    SparkSession spark = Weekly.start(WeeklyCsvExampleTest.class);
    try {
      Dataset<Row> weekly = spark.read().option("header", "true").option("inferSchema", "true")
          .csv(csv.toUri().toString());
      Dataset<Row> rows = new VectorAssembler()
          .setInputCols(new String[] {"own_rate", "competitor_rate", "spread"})
          .setOutputCol("features").transform(weekly);

      long start = System.nanoTime();
      BootstrapRidgeRegressionModel model = new BootstrapRidgeRegressor()
          .setLabelCol("sales").setWeightCol("weight")
          .setGroupCol("product").setOrderCol("week")
          .setEstimators(members).setAlpha(1.0).setSeed(42L)
          .setTargetTransform("log1p")
          .setQuantiles(new double[] {0.05, 0.5, 0.95})
          .fit(rows);
      double fitSeconds = (System.nanoTime() - start) / 1e9;
      Runtime jvm = Runtime.getRuntime();
      long heap = jvm.totalMemory() - jvm.freeMemory();
      long cached = 0;
      for (RDDInfo info : spark.sparkContext().getRDDStorageInfo()) {
        cached += info.memSize();
      }

      String uri = dir.resolve("models/2026w49").toUri().toString();
      model.write().overwrite().save(uri);
      BootstrapRidgeRegressionModel back = BootstrapRidgeRegressionModel.load(uri);
      assertThat(back.groups()).hasSize(products);
      Weekly.assertBitIdentical(back.ensembleModel("P0"), model.ensembleModel("P0"));

      Dataset<Row> latest = rows.filter("week = " + (weeks - 1));
      Dataset<Row> sweep = back.scenarioSweep(latest, "own_rate", 2.0, 3.0, 4.0, 5.0)
          .select("product", "scenario", "prediction", "percentChange",
              "percentChangeQuantiles");
      List<Row> table = sweep.orderBy("product", "scenario").collectAsList();
      assertThat(table).hasSize(products * 4);
      // The market's sales rise with the own rate: the 5% scenario sells more than the 2% one.
      for (int p = 0; p < products; p++) {
        assertThat(table.get(p * 4 + 3).getDouble(2)).isGreaterThan(table.get(p * 4).getDouble(2));
      }
      System.out.printf(Locale.ROOT, "%d products x %d members x %d weeks: fit %.1f s in %s,"
          + " cached models %.3f MB, JVM heap in use %.0f MB (max %.0f MB)%n", products, members,
          weeks, fitSeconds, spark.sparkContext().master(), cached / 1e6, heap / 1e6,
          jvm.maxMemory() / 1e6);
      sweep.filter("product = 'P0'").show(false);
    } finally {
      spark.stop();
    }
  }

  /** Weekly rows of a synthetic market: sales rise with the own rate, fall with the rival's. */
  static void writeMarket(Path csv, int products, int weeks) throws IOException {
    Random random = new Random(2026);
    try (Writer out = Files.newBufferedWriter(csv)) {
      out.write("product,week,own_rate,competitor_rate,spread,sales,weight\n");
      for (int p = 0; p < products; p++) {
        double level = 6 + random.nextDouble();
        for (int t = 0; t < weeks; t++) {
          double own = 3 + 0.8 * Math.sin(t / 9.0 + p) + 0.1 * random.nextGaussian();
          double rival = 3 + 0.7 * Math.cos(t / 11.0 + p) + 0.1 * random.nextGaussian();
          double sales = Math.expm1(level + 0.35 * own - 0.25 * rival
              + 0.05 * random.nextGaussian());
          double weight = Math.pow(0.99, weeks - 1 - t);
          out.write(String.format(Locale.ROOT, "P%d,%d,%.4f,%.4f,%.4f,%.2f,%.6f%n", p, t, own,
              rival, own - rival, sales, weight));
        }
      }
    }
  }
}
