package io.rila.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rila.bootstrap.BootstrapRidgeEnsemble;
import io.rila.bootstrap.EnsembleModel;
import io.rila.bootstrap.ModelFiles;
import io.rila.bootstrap.Precision;
import io.rila.bootstrap.Resampling;
import io.rila.bootstrap.SklearnWeighting;
import io.rila.bootstrap.TargetTransform;
import io.rila.core.regression.RidgeFit;
import io.rila.core.regression.RidgeRegression;
import io.rila.core.regression.SolveForm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Tuple2;

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

  // ---------------------------------------------------------------- member ranges

  @Test
  void fit_equalsLocalFitBitForBit() {
    Random random = new Random(1);
    double[][] tall = Data.matrix(random, 60, 4);
    double[] tallY = Data.target(random, tall);
    double[] tallW = Data.weights(random, tall.length);
    BootstrapRidgeEnsemble logged = BootstrapRidgeEnsemble.newBuilder().estimators(300).seed(5)
        .targetTransform(TargetTransform.LOG1P).build();
    assertSame(SparkEnsembleTrainer.newBuilder(logged).membersPerTask(37).build()
        .fit(sc, tall, tallY, tallW), logged.fit(tall, tallY, tallW));

    double[][] wide = Data.matrix(random, 14, 40);
    double[] wideY = Data.target(random, wide);
    BootstrapRidgeEnsemble dual = BootstrapRidgeEnsemble.newBuilder().estimators(90).alpha(2)
        .precision(Precision.DOUBLE).resampling(Resampling.stationary(3)).build();
    EnsembleModel spark = SparkEnsembleTrainer.newBuilder(dual).build().fit(sc, wide, wideY);
    assertThat(spark.solveForm()).isEqualTo(SolveForm.DUAL);
    assertSame(spark, dual.fit(wide, wideY));

    BootstrapRidgeEnsemble sklearn = BootstrapRidgeEnsemble.newBuilder().estimators(50)
        .resampling(Resampling.sklearnCompatible(42, SklearnWeighting.PROBABILITY)).build();
    assertSame(SparkEnsembleTrainer.newBuilder(sklearn).membersPerTask(1).build()
        .fit(sc, tall, tallY, tallW), sklearn.fit(tall, tallY, tallW));
  }

  private static void assertSame(EnsembleModel spark, EnsembleModel local) {
    assertThat(spark.coefficients()).isEqualTo(local.coefficients());
    assertThat(spark.toString()).isEqualTo(local.toString());
    assertThat(spark.solveForm()).isEqualTo(local.solveForm());
    assertThat(spark.trainingRows()).isEqualTo(local.trainingRows());
    assertThat(spark.seed()).isEqualTo(local.seed());
    assertThat(spark.featureNames()).isEqualTo(local.featureNames());
    assertThat(spark.hasFeatureNames()).isEqualTo(local.hasFeatureNames());
  }

  @Test
  void fit_carriesTheFeatureNames() {
    Random random = new Random(2);
    double[][] x = Data.matrix(random, 30, 2);
    double[] y = Data.target(random, x);
    BootstrapRidgeEnsemble e = BootstrapRidgeEnsemble.newBuilder().estimators(20).build();
    EnsembleModel m = SparkEnsembleTrainer.newBuilder(e).featureNames(List.of("rate", "mid"))
        .build().fit(sc, x, y);
    assertThat(m.featureNames()).containsExactly("rate", "mid");
    assertThat(m.hasFeatureNames()).isTrue();
    assertThat(m.coefficients()).isEqualTo(e.fit(x, y).coefficients());
    SparkEnsembleTrainer three = SparkEnsembleTrainer.newBuilder(e)
        .featureNames(List.of("a", "b", "c")).build();
    assertThatThrownBy(() -> three.fit(sc, x, y))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("featureNames: 3 names (expected: 2");
  }

  @Test
  void fit_failingRangeNamesTheRangeAndTheMember() {
    double[][] x = new double[12][];
    double[] y = new double[12];
    for (int i = 0; i < 12; i++) {
      x[i] = new double[] {i, 2.0 * i};
      y[i] = 1 + i + (i % 3);
    }
    BootstrapRidgeEnsemble e = BootstrapRidgeEnsemble.newBuilder().estimators(40).alpha(0)
        .build();
    SparkEnsembleTrainer trainer = SparkEnsembleTrainer.newBuilder(e).membersPerTask(10).build();
    assertThatThrownBy(() -> trainer.fit(sc, x, y))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageMatching("members \\[(\\d+), \\d+\\) of 40: member \\1 \\(of 40\\): .*alpha.*");
  }

  @Test
  void fit_rejectsBadDataOnTheDriver() {
    BootstrapRidgeEnsemble e = BootstrapRidgeEnsemble.newBuilder().estimators(10)
        .targetTransform(TargetTransform.LOG).build();
    SparkEnsembleTrainer t = SparkEnsembleTrainer.newBuilder(e).build();
    double[][] x = {{1, 2}, {2, 1}, {3, 5}};
    double[] y = {1, 2, 3};
    assertThatThrownBy(() -> t.fit(null, x, y)).isInstanceOf(NullPointerException.class)
        .hasMessage("sc");
    assertThatThrownBy(() -> t.fit(sc, null, y)).isInstanceOf(NullPointerException.class)
        .hasMessage("x");
    assertThatThrownBy(() -> t.fit(sc, x, y, null)).isInstanceOf(NullPointerException.class)
        .hasMessage("weights");
    assertThatThrownBy(() -> t.fit(sc, new double[0][], new double[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x: 0 rows");
    assertThatThrownBy(() -> t.fit(sc, new double[][] {{1, 2}, {2, Double.NaN}, {3, 4}}, y))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x: row 1, column 1");
    assertThatThrownBy(() -> t.fit(sc, new double[][] {{1, 2}, {2}, {3, 4}}, y))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x: row 1 has 1");
    assertThatThrownBy(() -> t.fit(sc, x, new double[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y: length 2");
    assertThatThrownBy(() -> t.fit(sc, x, new double[] {1, 0, 3}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y[1]: 0.0");
    assertThatThrownBy(() -> t.fit(sc, x, y, new double[] {1, -1, 1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights[1]: -1.0");
    assertThatThrownBy(() -> t.fit(sc, x, y, new double[] {1, Double.POSITIVE_INFINITY, 1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights[1]: Infinity");
    assertThatThrownBy(() -> t.fit(sc, x, y, new double[] {0, 0, 0}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights: all zero");
  }

  @Test
  void ranges_coverTheMembersInOrder() {
    BootstrapRidgeEnsemble e = BootstrapRidgeEnsemble.newBuilder().estimators(10).build();
    List<int[]> fixed = SparkEnsembleTrainer.newBuilder(e).membersPerTask(4).build()
        .ranges(sc, 10);
    assertThat(fixed).containsExactly(new int[] {0, 4}, new int[] {4, 8}, new int[] {8, 10});
    List<int[]> auto = SparkEnsembleTrainer.newBuilder(e).build().ranges(sc, 10);
    int tasks = 2 * sc.defaultParallelism();
    assertThat(auto).hasSize(Math.min(tasks, 10));
    assertThat(auto.get(auto.size() - 1)[1]).isEqualTo(10);
  }

  @Test
  void fit_modelFileIsTheLocalModelFile(@TempDir Path dir) throws IOException {
    Random random = new Random(9);
    double[][] x = Data.matrix(random, 50, 6);
    double[] y = Data.target(random, x);
    double[] w = Data.weights(random, x.length);
    BootstrapRidgeEnsemble e = BootstrapRidgeEnsemble.newBuilder().estimators(120).seed(1)
        .targetTransform(TargetTransform.LOG).resampling(Resampling.circularBlock(5)).build();
    ModelFiles.save(SparkEnsembleTrainer.newBuilder(e).membersPerTask(25).build()
        .fit(sc, x, y, w), dir.resolve("spark.rila"));
    ModelFiles.save(e.fit(x, y, w), dir.resolve("local.rila"));
    assertThat(Files.readAllBytes(dir.resolve("spark.rila")))
        .isEqualTo(Files.readAllBytes(dir.resolve("local.rila")));
  }

  // ---------------------------------------------------------------- folders

  @Test
  void fitToFolder_equalsLocalFitAndResumes(@TempDir Path dir) throws IOException {
    Random random = new Random(10);
    double[][] x = Data.matrix(random, 40, 3);
    double[] y = Data.target(random, x);
    double[] w = Data.weights(random, x.length);
    BootstrapRidgeEnsemble e = BootstrapRidgeEnsemble.newBuilder().estimators(100).seed(3)
        .build();
    SparkEnsembleTrainer trainer = SparkEnsembleTrainer.newBuilder(e).membersPerTask(30)
        .featureNames(List.of("a", "b", "c")).build();
    Path folder = dir.resolve("refit");
    ModelChunks chunks = trainer.fitToFolder(sc, x, y, w, folder);
    assertThat(chunks.chunkCount()).isEqualTo(4);
    assertThat(chunks.isComplete()).isTrue();
    EnsembleModel local = e.fit(x, y, w);
    EnsembleModel all = chunks.loadAll();
    assertThat(all.coefficients()).isEqualTo(local.coefficients());
    assertThat(all.featureNames()).containsExactly("a", "b", "c");
    assertThat(all.toString()).isEqualTo(local.toString());

    Object keptKey = Files.readAttributes(chunks.file(0), BasicFileAttributes.class).fileKey();
    Files.delete(chunks.file(2));
    Files.writeString(folder.resolve("." + chunks.file(3).getFileName() + ".123.tmp"), "junk");
    SparkEnsembleTrainer other = SparkEnsembleTrainer.newBuilder(e).membersPerTask(7)
        .featureNames(List.of("a", "b", "c")).build();
    sc.setJobGroup("resume", "resume", false);
    ModelChunks resumed = other.fitToFolder(sc, x, y, w, folder);
    int[] jobs = sc.statusTracker().getJobIdsForGroup("resume");
    assertThat(resumed.chunkCount()).isEqualTo(4);
    assertThat(resumed.loadAll().coefficients()).isEqualTo(local.coefficients());
    assertThat(Files.readAttributes(chunks.file(0), BasicFileAttributes.class).fileKey())
        .as("an existing chunk is not written again").isEqualTo(keptKey);
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files.map(f -> f.getFileName().toString()).sorted()).containsExactly(
          "members-000-030.rila", "members-030-060.rila", "members-060-090.rila",
          "members-090-100.rila", "rila-chunks.txt");
    }
    trainer.fitToFolder(sc, x, y, w, folder);
    assertThat(sc.statusTracker().getJobIdsForGroup("resume"))
        .as("a complete folder runs no job").hasSameSizeAs(jobs);
    sc.clearJobGroup();
  }

  @Test
  void fitToFolder_refusesAnotherFitsFolder(@TempDir Path dir) throws IOException {
    Random random = new Random(11);
    double[][] x = Data.matrix(random, 20, 2);
    double[] y = Data.target(random, x);
    BootstrapRidgeEnsemble e = BootstrapRidgeEnsemble.newBuilder().estimators(10).build();
    SparkEnsembleTrainer trainer = SparkEnsembleTrainer.newBuilder(e).build();
    trainer.fitToFolder(sc, x, y, dir);
    double[] other = y.clone();
    other[4] += 1;
    assertThatThrownBy(() -> trainer.fitToFolder(sc, x, other, dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("folder: " + dir + " holds chunks of another fit (expected: the same"
            + " settings, feature names and data, to resume, or a new folder)");
    BootstrapRidgeEnsemble seeded = BootstrapRidgeEnsemble.newBuilder().estimators(10).seed(1)
        .build();
    assertThatThrownBy(() -> SparkEnsembleTrainer.newBuilder(seeded).build()
        .fitToFolder(sc, x, y, dir)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("holds chunks of another fit");
  }

  @Test
  void fitToFolder_refusesAFolderOfOtherFiles(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("notes.txt"), "mine");
    double[][] x = {{1}, {2}, {3}};
    double[] y = {1, 2, 4};
    SparkEnsembleTrainer trainer =
        SparkEnsembleTrainer.newBuilder(BootstrapRidgeEnsemble.newBuilder().build()).build();
    assertThatThrownBy(() -> trainer.fitToFolder(sc, x, y, dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("folder: " + dir + " holds files but no rila-chunks.txt");
    assertThatThrownBy(() -> trainer.fitToFolder(sc, x, y, null))
        .isInstanceOf(NullPointerException.class).hasMessage("folder");
    assertThatThrownBy(() -> trainer.fitToFolder(sc, x, y, null, dir))
        .isInstanceOf(NullPointerException.class).hasMessage("weights");
    assertThatThrownBy(() -> trainer.fitToFolder(null, x, y, dir))
        .isInstanceOf(NullPointerException.class).hasMessage("sc");
    assertThatThrownBy(() -> trainer.fitToFolder(sc, x, new double[] {1, Double.NaN, 2},
        dir.resolve("new"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("y[1]: NaN");
    assertThat(dir.resolve("new")).doesNotExist();
  }

  @Test
  void fitToFolder_writeFailureIsAnIOException(@TempDir Path dir) throws IOException {
    double[][] x = {{1}, {2}, {3}, {5}};
    double[] y = {1, 2, 4, 4};
    SparkEnsembleTrainer trainer = SparkEnsembleTrainer.newBuilder(
        BootstrapRidgeEnsemble.newBuilder().estimators(6).build()).membersPerTask(3).build();
    ModelChunks chunks = trainer.fitToFolder(sc, x, y, dir);
    Files.delete(chunks.file(1));
    Files.createDirectories(chunks.file(1).resolve("in-the-way"));
    assertThatThrownBy(() -> trainer.fitToFolder(sc, x, y, dir)).isInstanceOf(IOException.class)
        .hasMessageContaining(chunks.file(1).getFileName().toString());
  }

  @Test
  void fitGroups_nullKey() {
    List<Tuple2<String, TrainingRow>> rows = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      rows.add(new Tuple2<>(null, TrainingRow.of(i, new double[] {i}, i)));
    }
    SparkEnsembleTrainer trainer = SparkEnsembleTrainer.newBuilder(
        BootstrapRidgeEnsemble.newBuilder().estimators(3).build()).build();
    assertThatThrownBy(() -> trainer.fitGroups(sc.parallelizePairs(rows, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("key: null (expected: a non-null group key)");
  }

  @Test
  void fitGroupsToFolder_writesTheIndividualFits(@TempDir Path dir) throws IOException {
    Random random = new Random(12);
    BootstrapRidgeEnsemble e = BootstrapRidgeEnsemble.newBuilder().estimators(30).build();
    List<Tuple2<Integer, TrainingRow>> rows = new ArrayList<>();
    double[][][] xs = new double[3][][];
    double[][] ys = new double[3][];
    for (int g = 0; g < 3; g++) {
      xs[g] = Data.matrix(random, 20, 2);
      ys[g] = Data.target(random, xs[g]);
      for (int i = 0; i < 20; i++) {
        rows.add(new Tuple2<>(100 + g, TrainingRow.of(i, xs[g][i], ys[g][i])));
      }
    }
    Collections.shuffle(rows, random);
    Path folder = dir.resolve("products");
    Map<Integer, Path> files = SparkEnsembleTrainer.newBuilder(e).build()
        .fitGroupsToFolder(sc.parallelizePairs(rows, 2), folder);
    assertThat(files).containsOnlyKeys(100, 101, 102);
    for (int g = 0; g < 3; g++) {
      assertThat(files.get(100 + g)).isEqualTo(folder.resolve((100 + g) + ".rila"));
      assertThat(ModelFiles.load(files.get(100 + g)).coefficients())
          .isEqualTo(e.fit(xs[g], ys[g]).coefficients());
    }
  }

  @Test
  void fitGroupsToFolder_keyThatIsNoFileName(@TempDir Path dir) {
    List<Tuple2<String, TrainingRow>> rows = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      rows.add(new Tuple2<>("../up", TrainingRow.of(i, new double[] {i}, i * i)));
    }
    SparkEnsembleTrainer trainer = SparkEnsembleTrainer.newBuilder(
        BootstrapRidgeEnsemble.newBuilder().estimators(5).build()).build();
    assertThatThrownBy(() -> trainer.fitGroupsToFolder(sc.parallelizePairs(rows, 1), dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("group ../up: key: '../up' (expected: a file name of letters,");
    assertThatThrownBy(() -> trainer.fitGroupsToFolder(null, dir))
        .isInstanceOf(NullPointerException.class).hasMessage("rows");
    assertThatThrownBy(() -> trainer.fitGroupsToFolder(sc.parallelizePairs(rows, 1), null))
        .isInstanceOf(NullPointerException.class).hasMessage("folder");
  }

  @Test
  void fitGroupsToFolder_keysThatDifferOnlyInCaseAreRefused(@TempDir Path dir) throws IOException {
    // on a case-insensitive file system Key.rila and key.rila are one file: the second group
    // would silently replace the first
    List<Tuple2<String, TrainingRow>> rows = new ArrayList<>();
    for (String key : List.of("Key", "key")) {
      for (int i = 0; i < 6; i++) {
        rows.add(new Tuple2<>(key, TrainingRow.of(i, new double[] {i}, i * i)));
      }
    }
    SparkEnsembleTrainer trainer = SparkEnsembleTrainer.newBuilder(
        BootstrapRidgeEnsemble.newBuilder().estimators(5).build()).build();
    Path folder = Files.createDirectories(dir.resolve("models"));
    // names are checked in sorted order, "Key.rila" < "key.rila"
    assertThatThrownBy(() -> trainer.fitGroupsToFolder(sc.parallelizePairs(rows, 2), folder))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("group key: file key.rila differs only in case from Key.rila,"
            + " the file of group Key (expected: keys that differ in more than case");
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void fitGroupsToFolder_keysThatMakeTheSameFileNameAreRefused(@TempDir Path dir)
      throws IOException {
    List<Tuple2<Object, TrainingRow>> rows = new ArrayList<>();
    for (Object key : List.<Object>of(7, "7")) {
      for (int i = 0; i < 6; i++) {
        rows.add(new Tuple2<>(key, TrainingRow.of(i, new double[] {i}, i * i)));
      }
    }
    SparkEnsembleTrainer trainer = SparkEnsembleTrainer.newBuilder(
        BootstrapRidgeEnsemble.newBuilder().estimators(5).build()).build();
    Path folder = Files.createDirectories(dir.resolve("models"));
    assertThatThrownBy(() -> trainer.fitGroupsToFolder(sc.parallelizePairs(rows, 2), folder))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageMatching("group 7: file 7\\.rila is also the file of group 7 \\(expected:"
            + " keys that differ as strings\\)");
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void featureNames_unpairedSurrogateIsRejected() {
    SparkEnsembleTrainer.Builder builder = SparkEnsembleTrainer.newBuilder(
        BootstrapRidgeEnsemble.newBuilder().estimators(5).build());
    assertThatThrownBy(() -> builder.featureNames(List.of("a", "b\uD800")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("featureNames[1]: 'b\\uD800' has an unpaired surrogate");
  }

  // ---------------------------------------------------------------- builder

  @Test
  void newBuilder_defaults() {
    BootstrapRidgeEnsemble e = BootstrapRidgeEnsemble.newBuilder().build();
    SparkEnsembleTrainer t = SparkEnsembleTrainer.newBuilder(e).build();
    assertThat(t.ensemble()).isSameAs(e);
    assertThat(t.membersPerTask()).isZero();
    assertThat(t.featureNames()).isEmpty();
    assertThat(t.toString()).contains("membersPerTask=auto");
    assertThatThrownBy(() -> SparkEnsembleTrainer.newBuilder(null))
        .isInstanceOf(NullPointerException.class).hasMessage("ensemble");
  }

  @Test
  void membersPerTask_outOfRangeOrTwice() {
    SparkEnsembleTrainer.Builder b =
        SparkEnsembleTrainer.newBuilder(BootstrapRidgeEnsemble.newBuilder().build());
    assertThatThrownBy(() -> b.membersPerTask(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("membersPerTask: 0 (expected: >= 1)");
    b.membersPerTask(5);
    assertThatThrownBy(() -> b.membersPerTask(6)).isInstanceOf(IllegalStateException.class)
        .hasMessage("membersPerTask was already set to 5");
    assertThat(b.build().membersPerTask()).isEqualTo(5);
  }

  @Test
  void featureNames_badOrTwice() {
    SparkEnsembleTrainer.Builder b =
        SparkEnsembleTrainer.newBuilder(BootstrapRidgeEnsemble.newBuilder().build());
    assertThatThrownBy(() -> b.featureNames(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("featureNames");
    assertThatThrownBy(() -> b.featureNames(List.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("featureNames: empty");
    assertThatThrownBy(() -> b.featureNames(List.of("a", "a")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a' appears twice");
    assertThatThrownBy(() -> b.featureNames(java.util.Arrays.asList("a", null)))
        .isInstanceOf(NullPointerException.class).hasMessage("featureNames[1]");
    b.featureNames(List.of("a"));
    assertThatThrownBy(() -> b.featureNames(List.of("b"))).isInstanceOf(IllegalStateException.class)
        .hasMessage("featureNames was already set to [a]");
  }

  // ---------------------------------------------------------------- groups

  @Test
  void fitGroups_equalIndividualFits() {
    Random random = new Random(3);
    BootstrapRidgeEnsemble e = BootstrapRidgeEnsemble.newBuilder().estimators(60).seed(8)
        .resampling(Resampling.movingBlock(4)).targetTransform(TargetTransform.LOG).build();
    List<Tuple2<String, TrainingRow>> rows = new ArrayList<>();
    Map<String, double[][]> xs = new java.util.HashMap<>();
    Map<String, double[]> ys = new java.util.HashMap<>();
    Map<String, double[]> ws = new java.util.HashMap<>();
    String[] keys = {"annuity-a", "annuity-b", "fia-c"};
    for (int g = 0; g < keys.length; g++) {
      int n = 25 + 10 * g;
      double[][] x = Data.matrix(random, n, 3);
      double[] y = Data.target(random, x);
      double[] w = g == 1 ? null : Data.weights(random, n);
      xs.put(keys[g], x);
      ys.put(keys[g], y);
      ws.put(keys[g], w);
      for (int i = 0; i < n; i++) {
        long id = 1000L * g + 7L * i;
        rows.add(new Tuple2<>(keys[g], w == null ? TrainingRow.of(id, x[i], y[i])
            : TrainingRow.of(id, x[i], y[i], w[i])));
      }
    }
    Collections.shuffle(rows, random);
    JavaPairRDD<String, TrainingRow> rdd = sc.parallelizePairs(rows, 3);
    Map<String, EnsembleModel> models = SparkEnsembleTrainer.newBuilder(e)
        .featureNames(List.of("f0", "f1", "f2")).build().fitGroups(rdd);
    assertThat(models).containsOnlyKeys(keys);
    for (String key : keys) {
      double[] w = ws.get(key);
      EnsembleModel local = w == null ? e.fit(xs.get(key), ys.get(key))
          : e.fit(xs.get(key), ys.get(key), w);
      EnsembleModel spark = models.get(key);
      assertThat(spark.coefficients()).as(key).isEqualTo(local.coefficients());
      assertThat(spark.toString()).isEqualTo(local.toString());
      assertThat(spark.featureNames()).containsExactly("f0", "f1", "f2");
      assertThat(spark.trainingRows()).isEqualTo(xs.get(key).length);
    }
  }

  @Test
  void fitGroups_badGroupIsNamed() {
    BootstrapRidgeEnsemble e = BootstrapRidgeEnsemble.newBuilder().estimators(5)
        .targetTransform(TargetTransform.LOG).build();
    SparkEnsembleTrainer t = SparkEnsembleTrainer.newBuilder(e).build();
    List<Tuple2<String, TrainingRow>> good = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      good.add(new Tuple2<>("good", TrainingRow.of(i, new double[] {i, i * i}, 1 + i)));
    }
    assertThatThrownBy(() -> t.fitGroups(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("rows");
    assertThatThrownBy(() -> t.fitGroups(pairs(good,
        TrainingRow.of(3, new double[] {1, 2}, 4), TrainingRow.of(3, new double[] {2, 2}, 5))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("group bad: rows: id 3 appears twice (expected: distinct ids in a group)");
    assertThatThrownBy(() -> t.fitGroups(pairs(good,
        TrainingRow.of(1, new double[] {1, 2}, 4), TrainingRow.of(2, new double[] {2, 2}, 5, 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("group bad: rows: id 1 has no weight but id 2 has one");
    assertThatThrownBy(() -> t.fitGroups(pairs(good,
        TrainingRow.of(1, new double[] {1, 2}, 4), TrainingRow.of(2, new double[] {2}, 5))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("group bad: rows: id 2 has 1 features (expected: 2, as id 1)");
    assertThatThrownBy(() -> t.fitGroups(pairs(good,
        TrainingRow.of(1, new double[] {1, 2}, 4), TrainingRow.of(2, new double[] {2, 3}, -5))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("group bad: y[1]: -5.0");
  }

  private static JavaPairRDD<String, TrainingRow> pairs(
      List<Tuple2<String, TrainingRow>> good, TrainingRow... bad) {
    List<Tuple2<String, TrainingRow>> all = new ArrayList<>(good);
    for (TrainingRow row : bad) {
      all.add(new Tuple2<>("bad", row));
    }
    return sc.parallelizePairs(all, 2);
  }

  // ---------------------------------------------------------------- one pass

  @Test
  void fitOnePass_equalsLocalWeightedRidgeWithTheSameCounts() {
    Random random = new Random(4);
    int n = 400;
    double[][] x = Data.matrix(random, n, 3);
    double[] y = Data.target(random, x);
    double[] w = Data.weights(random, n);
    List<TrainingRow> rows = new ArrayList<>();
    long[] ids = new long[n];
    for (int i = 0; i < n; i++) {
      ids[i] = 5_000_000_000L + 13L * i;
      rows.add(TrainingRow.of(ids[i], x[i], y[i], w[i]));
    }
    int members = 30;
    long seed = 77;
    double alpha = 0.5;
    BootstrapRidgeEnsemble e = BootstrapRidgeEnsemble.newBuilder().estimators(members).seed(seed)
        .alpha(alpha).resampling(Resampling.poisson()).targetTransform(TargetTransform.LOG1P)
        .precision(Precision.DOUBLE).build();
    SparkEnsembleTrainer t = SparkEnsembleTrainer.newBuilder(e).build();
    EnsembleModel three = t.fitOnePass(sc.parallelize(rows, 3));
    EnsembleModel twenty = t.fitOnePass(sc.parallelize(rows, 20));
    assertThat(t.fitOnePass(sc.parallelize(rows, 20)).coefficients())
        .isEqualTo(twenty.coefficients());
    assertThat(three.trainingRows()).isEqualTo(n);
    assertThat(three.resampling()).isEqualTo(Resampling.poisson());
    assertThat(three.solveForm()).isEqualTo(SolveForm.PRIMAL);
    assertThat(three.targetTransform()).isEqualTo(TargetTransform.LOG1P);

    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      z[i] = Math.log1p(y[i]);
    }
    double[] v = new double[n];
    double[] member = new double[4];
    double[] other = new double[4];
    for (int k = 0; k < members; k++) {
      for (int i = 0; i < n; i++) {
        v[i] = w[i] * HashedPoisson.count(seed, k, ids[i]);
      }
      RidgeFit fit = RidgeRegression.fit(x, z, v, alpha);
      three.coefficients().copyMember(k, member);
      twenty.coefficients().copyMember(k, other);
      for (int j = 0; j < 3; j++) {
        assertThat(member[j]).isCloseTo(fit.coefficient(j), within(fit.coefficient(j)));
        assertThat(other[j]).isCloseTo(fit.coefficient(j), within(fit.coefficient(j)));
      }
      assertThat(member[3]).isCloseTo(fit.intercept(), within(fit.intercept()));
      assertThat(other[3]).isCloseTo(fit.intercept(), within(fit.intercept()));
    }
  }

  private static org.assertj.core.data.Offset<Double> within(double value) {
    return org.assertj.core.data.Offset.offset(1e-10 * Math.max(1, Math.abs(value)));
  }

  @Test
  void fitOnePass_rejectsSettingsAndRows() {
    List<TrainingRow> rows = List.of(TrainingRow.of(1, new double[] {1, 2}, 3),
        TrainingRow.of(2, new double[] {2, 1}, 4), TrainingRow.of(3, new double[] {3, 3}, 5));
    JavaRDD<TrainingRow> rdd = sc.parallelize(rows, 2);
    assertThatThrownBy(() -> onePass(BootstrapRidgeEnsemble.newBuilder(), rdd))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("resampling: iid() (expected: poisson()");
    assertThatThrownBy(() -> onePass(poisson().nonNegative(true), rdd))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("nonNegative: true");
    assertThatThrownBy(() -> onePass(poisson().solveForm(SolveForm.DUAL), rdd))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("solveForm: DUAL");
    assertThatThrownBy(() -> onePass(poisson(), sc.parallelize(List.<TrainingRow>of(), 2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(
            "rows: empty (expected: at least one row)");
    assertThatThrownBy(() -> SparkEnsembleTrainer.newBuilder(poisson().build()).build()
        .fitOnePass(null)).isInstanceOf(NullPointerException.class).hasMessage("rows");
    List<TrainingRow> ragged = new ArrayList<>(rows);
    ragged.add(TrainingRow.of(9, new double[] {1}, 3));
    assertThatThrownBy(() -> onePass(poisson(), sc.parallelize(ragged, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rows: id 9 has 1 features (expected: 2, as the first row)");
    List<TrainingRow> negative = new ArrayList<>(rows);
    negative.add(TrainingRow.of(8, new double[] {1, 1}, -3));
    assertThatThrownBy(() -> onePass(poisson().targetTransform(TargetTransform.LOG),
        sc.parallelize(negative, 2))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("rows: id 8: y: -3.0 (expected: finite and > 0 for LOG)");
    SparkEnsembleTrainer named = SparkEnsembleTrainer.newBuilder(poisson().build())
        .featureNames(List.of("only")).build();
    assertThatThrownBy(() -> named.fitOnePass(rdd)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("featureNames: 1 names (expected: 2");
  }

  @Test
  void fitOnePass_memberWithoutRowsIsNamed() {
    List<TrainingRow> rows = List.of(TrainingRow.of(1, new double[] {1}, 3));
    BootstrapRidgeEnsemble e = BootstrapRidgeEnsemble.newBuilder().estimators(20)
        .resampling(Resampling.poisson()).build();
    assertThatThrownBy(() -> SparkEnsembleTrainer.newBuilder(e).build()
        .fitOnePass(sc.parallelize(rows, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageMatching("member \\d+ \\(of 20\\): weights: the member drew no row.*");
  }

  private static BootstrapRidgeEnsemble.Builder poisson() {
    return BootstrapRidgeEnsemble.newBuilder().estimators(4).resampling(Resampling.poisson());
  }

  private static EnsembleModel onePass(BootstrapRidgeEnsemble.Builder b, JavaRDD<TrainingRow> r) {
    return SparkEnsembleTrainer.newBuilder(b.build()).build().fitOnePass(r);
  }
}
