package io.rila.benchmarks;

import io.rila.bootstrap.EnsembleModel;
import io.rila.core.frame.Frame;
import io.rila.features.FeaturePipeline;
import io.rila.features.InteractionFeatures;
import io.rila.features.LagFeatures;
import io.rila.features.selection.Folds;
import io.rila.features.selection.LassoCv;
import io.rila.features.selection.RidgeCv;
import io.rila.features.selection.SignRule;
import io.rila.features.selection.SubsetSearch;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Single-thread CPU time of the work the guides quote, measured where the wall clock cannot be
 * trusted (a shared machine whose load average is far above its core count): every task runs on
 * the calling thread ({@code Runnable::run} executors), is warmed up, then timed with {@code
 * ThreadMXBean.getCurrentThreadCpuTime()}. Prints a Markdown table of the median and the minimum
 * over the timed runs, with the load average at the start and the end. JMH (the other classes of
 * this package) remains the reference for wall-clock times. The calling thread's CPU time leaves
 * out waiting for a core and the garbage collector's threads, not the cache effects of other
 * processes.
 *
 * <pre>{@code
 * java -cp rila-benchmarks/target/benchmarks.jar io.rila.benchmarks.CpuTimes [WARMUP [RUNS]]
 * }</pre>
 *
 * <p>Run from the repository root ({@code BacktestBenchmark} reads {@code testdata/}). WARMUP
 * (default 10) untimed and RUNS (default 15) timed runs per task.
 */
public final class CpuTimes {

  private static final Executor CALLER = Runnable::run;
  private static final double[] LEVELS = {0.025, 0.5, 0.975};

  private CpuTimes() {}

  private record Task(String name, Supplier<Object> work) {}

  /**
   * Measures every task and prints the table.
   *
   * @param args optionally the warm-up runs and the timed runs per task
   */
  public static void main(String[] args) {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    System.out.printf(Locale.ROOT, "| work | CPU ms, median | CPU ms, min |%n|---|---:|---:|%n");
    for (Task task : tasks()) {
      for (int i = 0; i < warmup; i++) {
        task.work().get();
      }
      double[] ms = new double[runs];
      for (int i = 0; i < runs; i++) {
        long start = threads.getCurrentThreadCpuTime();
        Object result = task.work().get();
        ms[i] = (threads.getCurrentThreadCpuTime() - start) / 1e6;
        if (result == null) {
          throw new IllegalStateException(task.name() + ": no result");
        }
      }
      Arrays.sort(ms);
      System.out.printf(Locale.ROOT, "| %s | %.3g | %.3g |%n", task.name(), ms[runs / 2], ms[0]);
    }
    System.out.printf(Locale.ROOT,
        "%nwarm-up %d, timed %d; %d processors; load average %.1f before, %.1f after; %s %s%n",
        warmup, runs, Runtime.getRuntime().availableProcessors(), loadBefore,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        System.getProperty("java.vm.name"), System.getProperty("java.version"));
  }

  private static List<Task> tasks() {
    List<Task> tasks = new ArrayList<>();
    BenchmarkData production = BenchmarkData.shape("production");
    BenchmarkData guide = BenchmarkData.shape("guide");
    for (int members : new int[] {1_000, 10_000}) {
      var ensemble = BenchmarkEnsembles.newBuilder(members, 1.0).executor(CALLER).build();
      tasks.add(new Task(String.format(Locale.ROOT,
          "fit %,d members, 4 features x 152 rows, weighted (`TrainingBenchmark` production)",
          members),
          () -> ensemble.fitTransformed(production.x(), production.y(), production.weights())));
    }
    var guideEnsemble = BenchmarkEnsembles.newBuilder(10_000, 1.0).executor(CALLER).build();
    tasks.add(new Task("fit 10,000 members, 598 features x 150 rows (`TrainingBenchmark` guide)",
        () -> guideEnsemble.fitTransformed(guide.x(), guide.y())));
    EnsembleModel model = guideEnsemble.fitTransformed(guide.x(), guide.y());
    double[][] x = guide.x();
    for (int rows : new int[] {1, 52}) {
      double[][] block = Arrays.copyOfRange(x, x.length - rows, x.length);
      tasks.add(new Task(String.format(Locale.ROOT,
          "mean + 95%% interval, %d row%s, 10,000 x 598 members (`PredictionBenchmark` batched)",
          rows, rows == 1 ? "" : "s"), () -> model.predict(block, LEVELS)));
    }
    BacktestBenchmark backtest = new BacktestBenchmark();
    backtest.file = "testdata/rila-6y20b/final_weekly_dataset.csv";
    backtest.setUp(CALLER);
    tasks.add(new Task("weekly backtest, 155 cutoffs x 200 members (`BacktestBenchmark`)",
        backtest::run));
    LassoCv lasso = LassoCv.newBuilder().executor(CALLER).build();
    tasks.add(new Task("`LassoCv` 5 folds x 100 alphas, 598 x 150 (`SelectionBenchmark`)",
        () -> lasso.fit(guide.x(), guide.y())));
    List<String> names = new ArrayList<>();
    for (int j = 0; j < 50; j++) {
      int lag = j % BenchmarkData.GUIDE_LAGS;
      names.add((j < BenchmarkData.GUIDE_LAGS ? "prudential_rate_t" : "competitor_mid_t") + lag);
    }
    double[][] pool = new double[guide.rows()][];
    for (int i = 0; i < pool.length; i++) {
      pool[i] = Arrays.copyOf(guide.x()[i], names.size());
    }
    SubsetSearch search = SubsetSearch.newBuilder().candidates(names).maxSize(4)
        .rules(SignRule.negative("competitor_*"), SignRule.positive("prudential_rate_*"))
        .keep(20).executor(CALLER).build();
    tasks.add(new Task("`SubsetSearch` C(50, <= 4) = 251,175 subsets, 150 rows"
        + " (`SelectionBenchmark`)", () -> search.run(names, pool, guide.y())));
    RidgeCv loo = RidgeCv.newBuilder().alphas(0.01, 0.1, 1, 10, 100).executor(CALLER).build();
    RidgeCv windows = RidgeCv.newBuilder().alphas(0.01, 0.1, 1, 10, 100)
        .folds(Folds.timeSeries(5)).executor(CALLER).build();
    tasks.add(new Task("`RidgeCv` 5 alphas, 598 x 150, leave-one-out (`RidgeCvBenchmark`)",
        () -> loo.fit(guide.x(), guide.y())));
    tasks.add(new Task("`RidgeCv` 5 alphas, 598 x 150, `Folds.timeSeries(5)`"
        + " (`RidgeCvBenchmark`)", () -> windows.fit(guide.x(), guide.y())));
    Frame weekly = BenchmarkData.weekly(252, 3L);
    LagFeatures.Builder weeklyLags = LagFeatures.newBuilder().lags(18);
    for (int i = 0; i < BenchmarkData.WEEKLY_SOURCES.size(); i++) {
      weeklyLags.source(BenchmarkData.WEEKLY_SOURCES.get(i), BenchmarkData.WEEKLY_FAMILIES.get(i));
    }
    FeaturePipeline weeklySteps = FeaturePipeline.of(List.of(weeklyLags.build(),
        InteractionFeatures.newBuilder().family("prudential_rate")
            .family("competitor_mid", "competitor_weighted").family("competitor_median")
            .family("competitor_top3").family("competitor_top5").lags(18).build()));
    tasks.add(new Task("lags and interactions, 252 weeks (`FeatureBenchmark` lagsSequential,"
        + " weekly)", () -> weeklySteps.apply(weekly)));
    Frame wide = BenchmarkData.wide(150, 598, 4L);
    FeaturePipeline wideSteps = FeaturePipeline.of(LagFeatures.newBuilder().lags(18)
        .sources(new ArrayList<>(wide.columnNames())).build());
    tasks.add(new Task("lags of 598 columns, 150 rows (`FeatureBenchmark` lagsSequential, guide)",
        () -> wideSteps.apply(wide)));
    return tasks;
  }
}
