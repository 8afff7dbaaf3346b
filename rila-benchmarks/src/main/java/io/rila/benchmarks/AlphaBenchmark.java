package io.rila.benchmarks;

import io.rila.bootstrap.BootstrapRidgeEnsemble;
import io.rila.bootstrap.EnsembleModel;
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
 * Training time by alpha, the guide's table (0.42 / 0.19 / 0.16 s per estimator for alpha 0.1 /
 * 1 / 10): the guide shape, {@code members} members, defaults otherwise. The report divides by
 * {@code members} to get the guide's unit.
 *
 * <pre>{@code
 * java -jar rila-benchmarks/target/benchmarks.jar AlphaBenchmark
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class AlphaBenchmark {

  /** The Ridge penalty. */
  @Param({"0.1", "1", "10"})
  public double alpha;

  /** Ensemble size. */
  @Param({"1000"})
  public int members;

  private BenchmarkData data;
  private BootstrapRidgeEnsemble ensemble;

  /** Generates the data and configures the ensemble. */
  @Setup
  public void setUp() {
    data = BenchmarkData.shape("guide");
    ensemble = BenchmarkEnsembles.newBuilder(members, alpha)
        .build();
  }

  /** Fits the ensemble. */
  @Benchmark
  public EnsembleModel fit() {
    return ensemble.fitTransformed(data.x(), data.y());
  }
}
