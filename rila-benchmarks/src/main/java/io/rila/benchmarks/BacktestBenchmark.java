package io.rila.benchmarks;

import io.rila.bootstrap.Backtest;
import io.rila.bootstrap.BacktestResult;
import io.rila.bootstrap.BootstrapRidgeEnsemble;
import io.rila.bootstrap.CutoffWeights;
import io.rila.bootstrap.TargetTransform;
import io.rila.core.frame.Frame;
import io.rila.core.frame.FrameCsv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The weekly backtest of docs/backtest.md on the real data ({@code BacktestTest
 * .run_productionWeeklyData}): {@code final_weekly_dataset.csv} from 2022-04-01 without holiday
 * weeks (185 rows), three features, 200 non-negative members with a LOG1P target refitted at each
 * of 155 cutoffs with decay weights 0.98^age, bands 0.95 and 0.80, on the default executor.
 * {@code file} is the data file, relative to the working folder (run from the repository root).
 *
 * <pre>{@code
 * java -jar rila-benchmarks/target/benchmarks.jar BacktestBenchmark -rf json -rff backtest.json
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class BacktestBenchmark {

  /** The production feature table. */
  @Param({"testdata/rila-6y20b/final_weekly_dataset.csv"})
  public String file;

  private Backtest backtest;
  private Frame data;
  private List<String> features;

  /** Reads and prepares the data as the test does. */
  @Setup
  public void setUp() {
    setUp(null);
  }

  /** As {@link #setUp()}, with every fit on {@code executor} ({@code null}: the default). */
  void setUp(Executor executor) {
    Frame weekly;
    try {
      weekly = FrameCsv.defaults().read(Path.of(file));
    } catch (IOException e) {
      throw new UncheckedIOException("file: " + file + " (expected: run from the repository root)",
          e);
    }
    LocalDate first = LocalDate.of(2022, 4, 1);
    Frame kept = weekly.filterRows(
        i -> !weekly.date(i).isBefore(first) && weekly.get(i, "holiday") == 0);
    data = kept
        .withColumn("competitor_mid_t2_negated", negated(kept.column("competitor_mid_t2")))
        .withColumn("competitor_top5_t3_negated", negated(kept.column("competitor_top5_t3")));
    features = List.of(
        "prudential_rate_current", "competitor_mid_t2_negated", "competitor_top5_t3_negated");
    int[] weeks = new int[data.rows()];
    for (int i = 0; i < weeks.length; i++) {
      weeks[i] = (int) (ChronoUnit.DAYS.between(data.date(0), data.date(i)) / 7);
    }
    BootstrapRidgeEnsemble.Builder members = BootstrapRidgeEnsemble.newBuilder()
        .estimators(200).alpha(1.0).seed(42).nonNegative(true)
        .targetTransform(TargetTransform.LOG1P);
    if (executor != null) {
      members.executor(executor);
    }
    Backtest.Builder settings = Backtest.newBuilder().ensemble(members.build()).start(30)
        .weights(CutoffWeights.decay(0.98, weeks)).bands(0.95, 0.80).naiveLag(1)
        .windowLength(26);
    if (executor != null) {
      settings.executor(executor);
    }
    backtest = settings.build();
  }

  /** The whole backtest: 155 fits and forecasts. */
  @Benchmark
  public BacktestResult run() {
    return backtest.run(data, "sales_target_current", features);
  }

  private static double[] negated(double[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = -values[i];
    }
    return out;
  }
}
