package io.rila.spark.ml;

import io.rila.bootstrap.BootstrapRidgeEnsemble;
import io.rila.bootstrap.CoefficientStore;
import io.rila.bootstrap.EnsembleModel;
import io.rila.bootstrap.EnsembleSettings;
import io.rila.spark.internal.ModelPayload;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * One ensemble per group value, fitted, kept, saved, loaded and scored on the executors: the
 * models live in a cached pair RDD (group key to model) hash-partitioned by key, never all on
 * the driver.
 */
final class Groups {

  /** A group key's file name: letters, digits, '.', '_' and '-', not starting with '.'. */
  private static final Pattern FILE_NAME =
      Pattern.compile("[A-Za-z0-9_\\-][A-Za-z0-9._\\-]{0,199}");

  static final String SUFFIX = ".rila";

  private Groups() {}

  /**
   * Fits one ensemble per value of {@code group}: the rows of a group are gathered by a shuffle
   * in the task that fits it, sorted by {@code order} and fitted on the task's thread. The fits
   * run before this returns, so bad data fails here.
   */
  static JavaPairRDD<String, ModelPayload> fit(Dataset<?> dataset, String group, String features,
      String label, String weight, String order, EnsembleSettings settings, List<String> names) {
    int gi = weight.isEmpty() ? 3 : 4;
    ArrayList<String> featureNames = names == null ? null : new ArrayList<>(names);
    JavaPairRDD<String, Row> keyed = dataset
        .select(Rows.fitColumns(features, label, weight, order, group)).javaRDD()
        .mapToPair(r -> {
          if (r.isNullAt(gi)) {
            throw new IllegalArgumentException("column '" + group + "', row " + order + "="
                + r.get(0) + ": null (expected: a group value on every row)");
          }
          return new Tuple2<>(String.valueOf(r.get(gi)), r);
        });
    checkCase(keyed.keys().distinct().collect());
    HashPartitioner partitioner = partitioner(dataset.sparkSession());
    JavaPairRDD<String, ModelPayload> models = keyed.groupByKey(partitioner).mapPartitionsToPair(
        (Iterator<Tuple2<String, Iterable<Row>>> it) -> {
          List<Tuple2<String, ModelPayload>> out = new ArrayList<>();
          while (it.hasNext()) {
            Tuple2<String, Iterable<Row>> g = it.next();
            EnsembleModel model = fitGroup(g._1(), g._2(), features, label, weight, order,
                settings, featureNames);
            out.add(new Tuple2<>(g._1(), ModelPayload.of(model)));
          }
          return out.iterator();
        }, true);
    return cache(models);
  }

  /**
   * Refuses group values whose file names differ only in case, before any group is fitted:
   * file systems such as macOS's and Windows' take {@code Key.rila} and {@code key.rila} for one
   * file, so one group's model file would overwrite the other's when saved.
   */
  static void checkCase(List<String> keys) {
    List<String> sorted = new ArrayList<>(keys);
    sorted.sort(null);
    Map<String, String> folded = new HashMap<>();
    for (String key : sorted) {
      String before = folded.putIfAbsent(key.toLowerCase(Locale.ROOT), key);
      if (before != null) {
        throw new IllegalStateException("group '" + key + "': file " + key + SUFFIX
            + " differs only in case from " + before + SUFFIX + ", the file of group '" + before
            + "' (expected: group values that differ in more than case, as case-insensitive file"
            + " systems take both for one file)");
      }
    }
  }

  private static HashPartitioner partitioner(SparkSession spark) {
    return new HashPartitioner(Math.max(1, spark.sparkContext().defaultParallelism()));
  }

  private static JavaPairRDD<String, ModelPayload> cache(JavaPairRDD<String, ModelPayload> models) {
    models.persist(StorageLevel.MEMORY_AND_DISK());
    if (models.count() == 0) {
      models.unpersist(false);
      throw new IllegalArgumentException("dataset: no rows (expected: at least one group)");
    }
    return models;
  }

  /** The ensemble of one group's rows, exactly a local fit of them in order. */
  static EnsembleModel fitGroup(String key, Iterable<Row> rows, String features, String label,
      String weight, String order, EnsembleSettings settings, List<String> names) {
    String prefix = "group '" + key + "', ";
    if (!FILE_NAME.matcher(key).matches()) {
      throw new IllegalArgumentException(prefix.substring(0, prefix.length() - 2)
          + ": not a safe file name (expected: letters, digits, '.', '_' and '-', not starting"
          + " with '.', at most 200 characters)");
    }
    List<Row> list = new ArrayList<>();
    for (Row row : rows) {
      list.add(row);
    }
    Rows.sortByOrder(list);
    Rows data = Rows.of(list, features, label, weight, order, settings.targetTransform(), prefix);
    int n = data.y().length;
    int p = data.features();
    if (n < p + 2) {
      throw new IllegalArgumentException(prefix + "rows: " + n + " (expected: at least features"
          + " + 2 = " + (p + 2) + ")");
    }
    BootstrapRidgeEnsemble ensemble = BootstrapRidgeEnsemble.newBuilder().settings(settings)
        .executor(Runnable::run).build();
    List<String> named = names != null && names.size() == p ? names : null;
    try {
      CoefficientStore store =
          ensemble.fitMembers(data.x(), data.y(), data.weights(), 0, ensemble.estimators());
      return ensemble.assemble(store, named, n, data.weights());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(prefix + e.getMessage(), e);
    }
  }

  /** The model of one group, looked up in its partition only. */
  static EnsembleModel lookup(JavaPairRDD<String, ModelPayload> models, String key) {
    List<ModelPayload> found = models.lookup(key);
    if (found.isEmpty()) {
      throw new IllegalArgumentException("group '" + key + "': not in the model");
    }
    return found.get(0).model();
  }

  /** What scoring adds to a row: one or more lists of values appended to the row's own. */
  interface Scorer extends Serializable {
    List<Object[]> apply(EnsembleModel model, Vector features);
  }

  /** The rows of {@code scorer} for each input row: its values followed by each added list. */
  static Iterator<Row> expand(Row row, EnsembleModel model, Vector features, Scorer scorer) {
    List<Object[]> added = scorer.apply(model, features);
    List<Row> out = new ArrayList<>(added.size());
    for (Object[] more : added) {
      Object[] values = new Object[row.size() + more.length];
      for (int i = 0; i < row.size(); i++) {
        values[i] = row.get(i);
      }
      System.arraycopy(more, 0, values, row.size(), more.length);
      out.add(RowFactory.create(values));
    }
    return out.iterator();
  }

  /**
   * Scores rows by their group on the executors: rows are shuffled to the partition that holds
   * their group's model, and each gets the scorer's values from that model.
   */
  static Dataset<Row> score(Dataset<?> dataset, JavaPairRDD<String, ModelPayload> models,
      String group, String features, Scorer scorer, StructType output) {
    StructType schema = dataset.schema();
    int gi = schema.fieldIndex(group);
    int fi = schema.fieldIndex(features);
    JavaPairRDD<String, Row> keyed = dataset.toDF().javaRDD()
        .mapToPair(r -> new Tuple2<>(r.isNullAt(gi) ? null : String.valueOf(r.get(gi)), r));
    JavaRDD<Row> scored = keyed.leftOuterJoin(models, models.partitioner().get()).flatMap(t -> {
      Row row = t._2()._1();
      if (!t._2()._2().isPresent()) {
        throw new IllegalArgumentException("column '" + group + "': group '" + t._1()
            + "' has no model");
      }
      return expand(row, t._2()._2().get().model(), (Vector) row.get(fi), scorer);
    });
    return dataset.sparkSession().createDataFrame(scored, output);
  }

  /** Scores rows with one broadcast model on the executors. */
  static Dataset<Row> score(Dataset<?> dataset, Broadcast<ModelPayload> model, String features,
      Scorer scorer, StructType output) {
    int fi = dataset.schema().fieldIndex(features);
    JavaRDD<Row> scored = dataset.toDF().javaRDD()
        .flatMap(row -> expand(row, model.value().model(), (Vector) row.get(fi), scorer));
    return dataset.sparkSession().createDataFrame(scored, output);
  }

  /** Writes each group's model file under {@code dir}, from the executors. */
  static void save(JavaPairRDD<String, ModelPayload> models, Path dir, Configuration conf) {
    HashMap<String, String> entries = new HashMap<>();
    for (Map.Entry<String, String> e : conf) {
      entries.put(e.getKey(), e.getValue());
    }
    String target = dir.toString();
    models.foreachPartition(it -> {
      Path d = new Path(target);
      FileSystem fs = d.getFileSystem(configuration(entries));
      while (it.hasNext()) {
        Tuple2<String, ModelPayload> t = it.next();
        BootstrapRidgeRegressionModel.copyTo(fs, t._2().model(), new Path(d, t._1() + SUFFIX));
      }
    });
  }

  /** Loads every group's model file under {@code dir} on the executors, cached by key. */
  static JavaPairRDD<String, ModelPayload> load(SparkSession spark, Path dir) throws IOException {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    FileSystem fs = dir.getFileSystem(conf);
    List<String> names = new ArrayList<>();
    for (FileStatus f : fs.listStatus(dir)) {
      String name = f.getPath().getName();
      if (f.isFile() && name.endsWith(SUFFIX) && !name.startsWith(".")) {
        names.add(name);
      }
    }
    if (names.isEmpty()) {
      throw new IOException("no group model files (*.rila) under " + dir);
    }
    names.sort(null);
    HashMap<String, String> entries = new HashMap<>();
    for (Map.Entry<String, String> e : conf) {
      entries.put(e.getKey(), e.getValue());
    }
    String source = dir.toString();
    HashPartitioner partitioner = partitioner(spark);
    JavaPairRDD<String, ModelPayload> models =
        JavaSparkContext.fromSparkContext(spark.sparkContext())
            .parallelize(names, Math.max(1, Math.min(names.size(), partitioner.numPartitions())))
        .mapToPair(name -> {
          Path d = new Path(source);
          FileSystem remote = d.getFileSystem(configuration(entries));
          String key = name.substring(0, name.length() - SUFFIX.length());
          EnsembleModel model;
          try {
            model = BootstrapRidgeRegressionModel.copyFrom(remote, new Path(d, name));
          } catch (IOException e) {
            throw new UncheckedIOException("group '" + key + "': " + e.getMessage(), e);
          }
          return new Tuple2<>(key, ModelPayload.of(model));
        })
        .partitionBy(partitioner);
    try {
      return cache(models);
    } catch (Exception e) {
      // a group's file that cannot be read fails its task: give the caller the task's error,
      // not Spark's job failure around it
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof UncheckedIOException) {
          UncheckedIOException failed = new UncheckedIOException(t.getMessage(),
              ((UncheckedIOException) t).getCause());
          failed.addSuppressed(e);
          throw failed;
        }
      }
      throw Groups.<RuntimeException>sneaky(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <E extends Exception> E sneaky(Exception e) throws E {
    throw (E) e;
  }

  private static Configuration configuration(Map<String, String> entries) {
    Configuration c = new Configuration(false);
    for (Map.Entry<String, String> e : entries.entrySet()) {
      c.set(e.getKey(), e.getValue());
    }
    return c;
  }
}
