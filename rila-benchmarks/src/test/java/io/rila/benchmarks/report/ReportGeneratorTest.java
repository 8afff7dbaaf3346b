package io.rila.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportGeneratorTest {

  private static final String B = "io.rila.benchmarks.";

  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  @Test
  void run_writesReportAndCharts() throws IOException {
    Path jmh = fullRun().write(dir.resolve("jmh.json"));
    Path sklearn = Files.writeString(dir.resolve("sklearn.json"), SKLEARN);
    Path docs = dir.resolve("docs");

    int code = run("--jmh", jmh.toString(), "--sklearn", sklearn.toString(), "--out",
        docs.toString(), "--date", "2026-11-26");

    assertThat(code).as(err()).isZero();
    String md = Files.readString(docs.resolve("performance.md"));
    // guide shape, 1,000 members: scikit-learn n_jobs=-1 2.2 s, rila 40 ms: 55x
    assertThat(md)
        .contains("| 1,000 | 3.5 min | 3.50 s | 2.20 s | 40.0 ms | 40.0 \u00b5s | 55.0x |");
    // 10,000 members: scikit-learn fitted once (the prediction model), rila 0.5 s: 34x
    assertThat(md).contains(
        "| 10,000 | 32 min | \u2014 | 17.0 s (1 run) | 500 ms | 50.0 \u00b5s | 34.0x |");
    assertThat(md).contains("| fit 10,000 members, 598 x 150 | 32 min | 17.0 s | 500 ms | 34.0x "
        + "| <= 200 ms | **no** |");
    assertThat(md).contains("| fit 10,000 members, 4 x 152, weighted | \u2014 | \u2014 | 30.0 ms "
        + "| \u2014 | <= 20.0 ms | **no** |");
    // one row: scikit-learn 0.51 s, rila 2 ms: 255x
    assertThat(md)
        .contains("| 1 | 3.2 s | 510 ms | 2.00 ms | 2.50 ms | 2.20 ms | 6.00 ms | 255x |");
    assertThat(md).contains("| memory, 10,000 x 598 members | 15 GB | 93.0 MB pickled | "
        + "24.0 MB store | \u2014 | store <= 25 MB | yes |");
    // threads: 1 thread 1 s, 2 threads 0.55 s; scikit-learn's n_jobs=-1 is 2 threads here
    assertThat(md).contains("| 1 | 320 min | \u2014 | 1.00 s | 1.00x |");
    assertThat(md).contains("| 2 | 160 min | 17.0 s (1 run) | 550 ms | 1.82x |");
    assertThat(md).contains("| 4 | 80 min | \u2014 | 560 ms | 1.79x |");
    assertThat(md).contains("On 2 cores (the main machine):");
    assertThat(md).contains("**Only 2 cores were measured.**");
    // alpha: 1,000 members, rila 50 ms per fit = 50 us per estimator; scikit-learn 2 s / 1,000
    assertThat(md).contains("| 0.1 | 0.42 s | 2.00 ms | 50.0 \u00b5s | 40.0x |");
    // gate ratios from the full run: naive 5 ms per member vs 0.05 ms per member at 10,000
    assertThat(md).contains("| engine fit vs naive refit (copy + `RidgeRegression.fit`), "
        + "per member, guide | 100x | >= 10.0x |");
    assertThat(md).contains("| lags + interactions, 13 families x 18 lags, 252 weeks, "
        + "sequential | 45 s | 20.0 ms |");
    assertThat(md).contains("| LassoCV screening (keep 30) then ensemble, 10,000 members | 12 min "
        + "| 900 ms |");
    assertThat(md)
        .contains("| AIC subset search, C(50, <= 4) = 251,175 subsets | \u2014 | 31.0 ms |");
    assertThat(md).contains("| LassoCV, 5 folds, 100 alphas, 598 x 150 | \u2014 | \u2014 |");
    assertThat(md)
        .contains("(`QuantileBenchmark`): 95.0 \u00b5s by selection, 610 \u00b5s by a full");
    assertThat(md).contains("| `load` | 21.0 ms | \u2014 |")
        .contains("| `save` | \u2014 | \u2014 |");
    assertThat(md).contains("![thread scaling](performance-threads.png)")
        .contains("![time vs ensemble size](performance-ensemble-size.png)");
    assertThat(out()).contains("performance.md").contains("performance-threads.png");
    for (String chart : List.of(ReportGenerator.THREADS_CHART, ReportGenerator.SIZE_CHART)) {
      BufferedImage image = ImageIO.read(docs.resolve(chart).toFile());
      assertThat(image.getWidth()).isEqualTo(800);
      assertThat(image.getHeight()).isEqualTo(500);
    }
  }

  @Test
  void run_withoutSklearnOrMostBenchmarks() throws IOException {
    SyntheticRun run = new SyntheticRun();
    fit(run, "guide", 1000, 40);
    Path docs = dir.resolve("docs");

    assertThat(run("--jmh", run.write(dir.resolve("jmh.json")).toString(), "--out",
        docs.toString())).isZero();

    String md = Files.readString(docs.resolve("performance.md"));
    assertThat(md)
        .contains("| 1,000 | 3.5 min | \u2014 | \u2014 | 40.0 ms | 40.0 \u00b5s | \u2014 |")
        .contains("| fit 10,000 members, 598 x 150 | 32 min | \u2014 | \u2014 | \u2014 | "
            + "<= 200 ms | not run |")
        .doesNotContain("scikit-learn side")
        .doesNotContain("performance-threads.png");
    assertThat(docs.resolve(ReportGenerator.SIZE_CHART)).exists();
    assertThat(docs.resolve(ReportGenerator.THREADS_CHART)).doesNotExist();
  }

  @Test
  void run_keepsTheGridSection() throws IOException {
    SyntheticRun run = new SyntheticRun();
    fit(run, "guide", 1000, 40);
    Path docs = dir.resolve("docs");
    Files.createDirectories(docs);
    String grid = GridReport.BEGIN + "\n## Training across shapes\n\ngrid numbers\n"
        + GridReport.END + "\n";
    Files.writeString(docs.resolve("performance.md"), "# old report\n\n" + grid);

    assertThat(run("--jmh", run.write(dir.resolve("jmh.json")).toString(), "--out",
        docs.toString())).isZero();

    String md = Files.readString(docs.resolve("performance.md"));
    assertThat(md).doesNotContain("# old report").contains("| 1,000 | 3.5 min |")
        .endsWith("\n\n" + grid);
  }

  @Test
  void run_multiCoreThreadRunGetsItsOwnTable() throws IOException {
    Path main = fullRun().write(dir.resolve("jmh.json"));
    SyntheticRun big = new SyntheticRun();
    double[] seconds = {2.0, 1.0, 0.5, 0.26, 0.15};
    int[] threads = {1, 2, 4, 8, 16};
    for (int i = 0; i < threads.length; i++) {
      big.add(B + "ThreadScalingBenchmark.fit", "avgt", seconds[i], "s/op", "members", "10000",
          "threads", Integer.toString(threads[i])).secondary("availableProcessors", 16, "#");
    }
    Path docs = dir.resolve("docs");

    assertThat(run("--jmh", main.toString(), "--jmh", big.write(dir.resolve("big.json"))
        .toString(), "--out", docs.toString())).isZero();

    String md = Files.readString(docs.resolve("performance.md"));
    assertThat(md).contains("| cores (`Runtime.availableProcessors()`) | 2 |")
        .contains("also has a run on 16 cores")
        .doesNotContain("Only 2 cores were measured")
        .contains("On 2 cores (the main machine):")
        .contains("On 16 cores:")
        .contains("| 16 | 18 min | \u2014 | 150 ms | 13.3x |")
        .contains("| 2 | 160 min | \u2014 | 550 ms | 1.82x |");
  }

  @Test
  void run_usageErrors() throws IOException {
    Path jmh = fullRun().write(dir.resolve("jmh.json"));

    assertThat(run()).isEqualTo(2);
    assertThat(err()).contains("no --jmh file").contains("usage: ReportGenerator");
    assertThat(run("--jmh")).isEqualTo(2);
    assertThat(err()).contains("--jmh: no value");
    assertThat(run("--jmh", jmh.toString(), "--colour", "red")).isEqualTo(2);
    assertThat(err()).contains("unknown option --colour");
    assertThat(run("--jmh", jmh.toString(), "--date", "26/11/2026")).isEqualTo(2);
    assertThat(err()).contains("date: 26/11/2026 (expected: YYYY-MM-DD)");
  }

  @Test
  void run_unreadableInputs() throws IOException {
    Path jmh = fullRun().write(dir.resolve("jmh.json"));
    Path notSklearn = Files.writeString(dir.resolve("sk.json"), "[]");

    assertThat(run("--jmh", dir.resolve("absent.json").toString())).isEqualTo(2);
    assertThat(err()).contains("cannot write the report").contains("absent.json");
    assertThat(run("--jmh", jmh.toString(), "--sklearn", notSklearn.toString())).isEqualTo(2);
    assertThat(err()).contains("not a scikit-learn reference");
  }

  @Test
  void markdown_manyCoresOmitTheWarning() throws IOException {
    JmhResults jmh = JmhResults.read(fullRun().write(dir.resolve("jmh.json")));
    Machine machine = new Machine(16, "cpu", "jvm", "os", LocalDate.of(2026, 11, 26));

    String md = ReportGenerator.markdown(jmh, SklearnReference.none(), machine, List.of());

    assertThat(md).doesNotContain("cores were measured").contains("| date | 2026-11-26 |");
  }

  @Test
  void param_asJmhPrintsIt() {
    assertThat(ReportGenerator.param(0.1)).isEqualTo("0.1");
    assertThat(ReportGenerator.param(1)).isEqualTo("1");
    assertThat(ReportGenerator.param(10)).isEqualTo("10");
  }

  private static SyntheticRun fullRun() {
    SyntheticRun run = new SyntheticRun();
    fit(run, "guide", 100, 6);
    fit(run, "guide", 1000, 40);
    fit(run, "guide", 10_000, 500);
    fit(run, "production", 100, 0.5);
    fit(run, "production", 1000, 3);
    fit(run, "production", 10_000, 30);
    run.add(B + "NaiveRefitBenchmark.refit", "avgt", 100, "ms/op", "members", "20", "shape",
        "guide");
    run.add(B + "NaiveRefitBenchmark.refit", "avgt", 4, "ms/op", "members", "20", "shape",
        "production");
    double[] threadSeconds = {1.0, 0.55, 0.56, 0.57, 0.6};
    int[] threads = {1, 2, 4, 8, 16};
    for (int i = 0; i < threads.length; i++) {
      run.add(B + "ThreadScalingBenchmark.fit", "avgt", threadSeconds[i], "s/op", "members",
          "10000", "threads", Integer.toString(threads[i]))
          .secondary("availableProcessors", 2, "#");
    }
    for (String alpha : new String[] {"0.1", "1", "10"}) {
      run.add(B + "AlphaBenchmark.fit", "avgt", 50, "ms/op", "alpha", alpha, "members", "1000");
    }
    for (String rows : new String[] {"1", "52"}) {
      double scale = rows.equals("1") ? 1 : 10;
      for (String precision : new String[] {"FLOAT", "DOUBLE"}) {
        double p = precision.equals("FLOAT") ? 1 : 1.25;
        run.add(B + "PredictionBenchmark.batched", "avgt", 2 * scale * p, "ms/op", "members",
            "10000", "precision", precision, "rows", rows)
            .secondary("gc.alloc.rate.norm", 80_000 * scale, "B/op");
        run.add(B + "PredictionBenchmark.perRow", "avgt", 2 * scale * p * 1.1, "ms/op",
            "members", "10000", "precision", precision, "rows", rows)
            .secondary("gc.alloc.rate.norm", 80_000 * scale * 5, "B/op");
        run.add(B + "PredictionBenchmark.naive", "avgt", 6 * scale * p, "ms/op", "members",
            "10000", "precision", precision, "rows", rows);
      }
    }
    for (int members : new int[] {100, 1000, 10_000}) {
      for (String precision : new String[] {"FLOAT", "DOUBLE"}) {
        int bytes = precision.equals("FLOAT") ? 4 : 8;
        run.add(B + "MemoryBenchmark.fit", "avgt", members * 0.05, "ms/op", "members",
            Integer.toString(members), "precision", precision)
            .secondary("storeBytes", members * 599.0 * bytes, "#")
            .secondary("heapGrowthBytes", members * 599.0 * bytes + 2e6, "#")
            .secondary("gc.alloc.rate.norm", members * 599.0 * bytes + 3e6, "B/op");
      }
    }
    run.add(B + "FeatureBenchmark.lagsSequential", "avgt", 20, "ms/op", "data", "weekly");
    run.add(B + "FeatureBenchmark.lagsParallel", "avgt", 12, "ms/op", "data", "weekly");
    run.add(B + "ScreeningBenchmark.fullEnsemble", "avgt", 700, "ms/op", "keep", "30",
        "members", "10000");
    run.add(B + "ScreeningBenchmark.screenThenEnsemble", "avgt", 900, "ms/op", "keep", "30",
        "members", "10000");
    run.add(B + "SelectionBenchmark.aicSearch", "avgt", 31, "ms/op");
    run.add(B + "ModelFilesBenchmark.load", "avgt", 21, "ms/op", "members", "10000",
        "precision", "FLOAT");
    run.add(B + "QuantileBenchmark.selection", "avgt", 95, "us/op", "members", "10000");
    run.add(B + "QuantileBenchmark.sort", "avgt", 610, "us/op", "members", "10000");
    return run;
  }

  private static void fit(SyntheticRun run, String shape, int members, double ms) {
    double store = members * (shape.equals("guide") ? 599 : 5) * 4.0;
    run.add(B + "TrainingBenchmark.fit", "avgt", ms, "ms/op", "members",
            Integer.toString(members), "shape", shape)
        .secondary("gc.alloc.rate.norm", 1e6 + store + 8.0 * members, "B/op")
        .secondary("storeBytes", store, "#")
        .secondary("availableProcessors", 2, "#");
  }

  private int run(String... args) {
    return ReportGenerator.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private static final String SKLEARN = "{\n"
      + "  \"machine\": {\"cpus\": 2, \"cpu\": \"x\", \"python\": \"3.11.2\","
      + " \"date\": \"2026-11-26T10:00:00+0000\"},\n"
      + "  \"versions\": {\"sklearn\": \"1.2.1\", \"numpy\": \"1.24.2\"},\n"
      + "  \"settings\": {\"repeats\": 3},\n"
      + "  \"fit\": [\n"
      + "    {\"shape\": \"guide\", \"members\": 1000, \"n_jobs\": 1, \"alpha\": 1.0,"
      + " \"seconds\": 3.5, \"all\": [3.4, 3.5, 3.6], \"pickled_bytes\": 9.3e6},\n"
      + "    {\"shape\": \"guide\", \"members\": 1000, \"n_jobs\": -1, \"alpha\": 1.0,"
      + " \"seconds\": 2.2, \"all\": [2.1, 2.2, 2.3], \"pickled_bytes\": 9.3e6},\n"
      + "    {\"shape\": \"guide\", \"members\": 10000, \"n_jobs\": -1, \"alpha\": 1.0,"
      + " \"seconds\": 17.0, \"all\": [17.0], \"pickled_bytes\": 93e6,"
      + " \"peak_rss_bytes\": 327e6},\n"
      + "    {\"shape\": \"production\", \"members\": 1000, \"n_jobs\": -1, \"alpha\": 1.0,"
      + " \"seconds\": 1.76, \"all\": [1.7, 1.76, 1.8]}\n"
      + "  ],\n"
      + "  \"alpha\": [\n"
      + "    {\"shape\": \"guide\", \"members\": 1000, \"n_jobs\": -1,"
      + " \"alpha\": 0.1, \"seconds\": 2.0},\n"
      + "    {\"shape\": \"guide\", \"members\": 1000, \"n_jobs\": -1,"
      + " \"alpha\": 1.0, \"seconds\": 2.2},\n"
      + "    {\"shape\": \"guide\", \"members\": 1000, \"n_jobs\": -1,"
      + " \"alpha\": 10.0, \"seconds\": 2.1}\n"
      + "  ],\n"
      + "  \"predict\": [\n"
      + "    {\"shape\": \"guide\", \"members\": 10000, \"rows\": 1, \"seconds\": 0.51},\n"
      + "    {\"shape\": \"guide\", \"members\": 10000, \"rows\": 52, \"seconds\": 1.0}\n"
      + "  ]\n"
      + "}\n";
}
