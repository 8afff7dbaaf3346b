package io.rila.benchmarks;

import io.rila.bootstrap.BootstrapRidgeEnsemble;
import io.rila.bootstrap.EnsembleModel;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scaling by threads, the guide's table (320 / 160 / 80 / 32 / 18 min for 1 / 2 / 4 / 8 / 16
 * threads): the guide shape with {@code members} members on a fixed pool of {@code threads}
 * threads. The fit itself is submitted to the pool, so the pool's threads are the only ones that
 * work (the engine lets its calling thread take part and submits at most {@code
 * availableProcessors} helpers, so on a machine with fewer cores than {@code threads} the extra
 * threads stay idle). Records {@code availableProcessors} with every result: run it on a machine
 * with at least 16 cores for the guide's table.
 *
 * <pre>{@code
 * java -jar rila-benchmarks/target/benchmarks.jar ThreadScalingBenchmark -rf json -rff threads.json
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class ThreadScalingBenchmark {

  /** Threads of the fixed pool. */
  @Param({"1", "2", "4", "8", "16"})
  public int threads;

  /** Ensemble size. */
  @Param({"10000"})
  public int members;

  private BenchmarkData data;
  private ExecutorService pool;
  private BootstrapRidgeEnsemble ensemble;

  /** Starts the pool and configures the ensemble to use it. */
  @Setup
  public void setUp() {
    data = BenchmarkData.shape("guide");
    pool = Executors.newFixedThreadPool(threads);
    ensemble = BenchmarkEnsembles.newBuilder(members, 1.0)
        .executor(pool)
        .build();
  }

  /** Stops the pool. */
  @TearDown
  public void tearDown() throws InterruptedException {
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.MINUTES);
  }

  /** Fits on a pool thread and waits for it. */
  @Benchmark
  public EnsembleModel fit(FitCounters counters)
      throws InterruptedException, ExecutionException {
    EnsembleModel model = pool.submit(() -> ensemble.fitTransformed(data.x(), data.y())).get();
    counters.record(model.coefficients().sizeInBytes());
    return model;
  }
}
