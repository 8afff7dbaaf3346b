package io.rila.spark.ml;

import io.rila.bootstrap.EnsembleModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Local Spark and synthetic weekly data for the spark.ml tests. */
final class Weekly {

  static final String[] FEATURES = {"own", "rival", "spread"};

  final double[][] x;
  final double[] y;
  final double[] w;
  final String[] groups;

  private Weekly(double[][] x, double[] y, double[] w, String[] groups) {
    this.x = x;
    this.y = y;
    this.w = w;
    this.groups = groups;
  }

  /** A session in local mode on two threads, bound to loopback, no UI. */
  static SparkSession start(Class<?> testClass) {
    return SparkSession.builder()
        .master("local[2]")
        .appName(testClass.getSimpleName())
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "3")
        .getOrCreate();
  }

  /** {@code rows} weeks of positive sales (week i is row i), in {@code groupCount} groups. */
  static Weekly of(long seed, int rows, int groupCount) {
    Random random = new Random(seed);
    double[][] x = new double[rows][FEATURES.length];
    double[] y = new double[rows];
    double[] w = new double[rows];
    String[] g = new String[rows];
    for (int i = 0; i < rows; i++) {
      x[i][0] = 3 + random.nextGaussian();
      x[i][1] = 3 + random.nextGaussian();
      x[i][2] = x[i][0] - x[i][1] + 0.3 * random.nextGaussian();
      y[i] = Math.exp(2 + 0.4 * x[i][0] - 0.3 * x[i][1] + 0.1 * random.nextGaussian());
      w[i] = i % 7 == 3 ? 0 : 0.25 + random.nextDouble();
      g[i] = "P" + (i % groupCount);
    }
    return new Weekly(x, y, w, g);
  }

  /** The raw rows: week, product, own, rival, spread, sales, weight. */
  Dataset<Row> raw(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < y.length; i++) {
      rows.add(RowFactory.create(i, groups[i], x[i][0], x[i][1], x[i][2], y[i], w[i]));
    }
    StructType schema = new StructType()
        .add("week", DataTypes.IntegerType)
        .add("product", DataTypes.StringType)
        .add("own", DataTypes.DoubleType)
        .add("rival", DataTypes.DoubleType)
        .add("spread", DataTypes.DoubleType)
        .add("sales", DataTypes.DoubleType)
        .add("weight", DataTypes.DoubleType);
    return spark.createDataFrame(rows, schema);
  }

  /** The rows with a features vector, shuffled across 4 partitions (not in week order). */
  Dataset<Row> assembled(SparkSession spark) {
    return assembler().transform(raw(spark))
        .repartition(4).orderBy(org.apache.spark.sql.functions.rand(7));
  }

  static VectorAssembler assembler() {
    return new VectorAssembler().setInputCols(FEATURES).setOutputCol("features");
  }

  /** The rows of one group, in week order. */
  Weekly group(String name) {
    List<Integer> keep = new ArrayList<>();
    for (int i = 0; i < y.length; i++) {
      if (groups[i].equals(name)) {
        keep.add(i);
      }
    }
    int n = keep.size();
    double[][] gx = new double[n][];
    double[] gy = new double[n];
    double[] gw = new double[n];
    String[] gg = new String[n];
    for (int k = 0; k < n; k++) {
      int i = keep.get(k);
      gx[k] = x[i];
      gy[k] = y[i];
      gw[k] = w[i];
      gg[k] = name;
    }
    return new Weekly(gx, gy, gw, gg);
  }

  /** Asserts both models hold the same members, bit for bit, and the same settings. */
  static void assertBitIdentical(EnsembleModel actual, EnsembleModel expected) {
    org.assertj.core.api.Assertions.assertThat(actual.settings()).isEqualTo(expected.settings());
    org.assertj.core.api.Assertions.assertThat(actual.trainingRows())
        .isEqualTo(expected.trainingRows());
    int members = expected.estimators();
    int stride = expected.features() + 1;
    double[] a = new double[members * stride];
    double[] e = new double[members * stride];
    actual.coefficients().copyMembers(0, members, a, 0);
    expected.coefficients().copyMembers(0, members, e, 0);
    for (int i = 0; i < a.length; i++) {
      if (Double.doubleToRawLongBits(a[i]) != Double.doubleToRawLongBits(e[i])) {
        throw new AssertionError("member " + i / stride + ", coefficient " + i % stride + ": "
            + a[i] + " != " + e[i]);
      }
    }
  }
}
