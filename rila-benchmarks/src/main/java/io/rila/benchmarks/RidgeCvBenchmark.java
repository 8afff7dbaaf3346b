package io.rila.benchmarks;

import io.rila.features.selection.Folds;
import io.rila.features.selection.RidgeCv;
import io.rila.features.selection.RidgeCvResult;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code RidgeCv} with 5 alphas (0.01 .. 100) on the guide shape (598 x 150): efficient
 * leave-one-out, and {@code Folds.timeSeries(5)} (the selection guide's table).
 *
 * <pre>{@code
 * java -jar rila-benchmarks/target/benchmarks.jar RidgeCvBenchmark -rf json -rff ridgecv.json
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class RidgeCvBenchmark {

  private BenchmarkData data;
  private RidgeCv leaveOneOut;
  private RidgeCv timeSeries;

  /** Generates the data and configures both searches. */
  @Setup
  public void setUp() {
    data = BenchmarkData.shape("guide");
    leaveOneOut = RidgeCv.newBuilder().alphas(0.01, 0.1, 1, 10, 100).build();
    timeSeries = RidgeCv.newBuilder().alphas(0.01, 0.1, 1, 10, 100)
        .folds(Folds.timeSeries(5)).build();
  }

  /** Efficient leave-one-out: one eigendecomposition. */
  @Benchmark
  public RidgeCvResult leaveOneOut() {
    return leaveOneOut.fit(data.x(), data.y());
  }

  /** Five expanding windows. */
  @Benchmark
  public RidgeCvResult timeSeries() {
    return timeSeries.fit(data.x(), data.y());
  }
}
