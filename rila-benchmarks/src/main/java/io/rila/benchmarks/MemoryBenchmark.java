package io.rila.benchmarks;

import io.rila.bootstrap.BootstrapRidgeEnsemble;
import io.rila.bootstrap.EnsembleModel;
import io.rila.bootstrap.Precision;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Memory by ensemble size, the guide's table (150 MB / 1.5 GB / 15 GB for 100 / 1,000 / 10,000
 * members): for the guide shape, the store's exact size ({@code storeBytes}) and the peak heap
 * growth of one fit ({@code heapGrowthBytes}: after two full GCs the heap pools' peak counters are
 * reset, and the growth is the sum of their peaks during the fit less the heap in use before it,
 * an upper bound since each pool's peak may come at a different moment). With {@code -prof gc},
 * {@code gc.alloc.rate.norm} adds every byte a fit allocates. The time of this benchmark includes
 * nothing of the GCs (they run in the per-call setup) but is not its point; see {@code
 * TrainingBenchmark}.
 *
 * <pre>{@code
 * java -jar rila-benchmarks/target/benchmarks.jar MemoryBenchmark -prof gc
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Thread)
public class MemoryBenchmark {

  /** Ensemble size. */
  @Param({"100", "1000", "10000"})
  public int members;

  /** Coefficient store precision. */
  @Param({"FLOAT", "DOUBLE"})
  public Precision precision;

  private BenchmarkData data;
  private BootstrapRidgeEnsemble ensemble;
  private final List<MemoryPoolMXBean> heap = new ArrayList<>();
  private long usedBefore;

  /** The recorded sizes, in bytes. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Sizes {
    /** {@code CoefficientStore.sizeInBytes()}. */
    public double storeBytes;
    /** The largest peak heap growth of a fit in the iteration. */
    public double heapGrowthBytes;
  }

  /** Generates the data, configures the ensemble and finds the heap pools. */
  @Setup
  public void setUp() {
    data = BenchmarkData.shape("guide");
    ensemble = BenchmarkEnsembles.newBuilder(members, 1.0)
        .precision(precision)
        .build();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        heap.add(pool);
      }
    }
  }

  /** Collects garbage and resets the pools' peaks before every fit. */
  @Setup(Level.Invocation)
  public void collect() {
    System.gc();
    System.gc();
    usedBefore = 0;
    for (MemoryPoolMXBean pool : heap) {
      pool.resetPeakUsage();
      usedBefore += pool.getUsage().getUsed();
    }
  }

  /** Fits and records the store size and the heap growth. */
  @Benchmark
  public EnsembleModel fit(Sizes sizes) {
    EnsembleModel model = ensemble.fitTransformed(data.x(), data.y());
    long peak = 0;
    for (MemoryPoolMXBean pool : heap) {
      peak += pool.getPeakUsage().getUsed();
    }
    sizes.storeBytes = model.coefficients().sizeInBytes();
    sizes.heapGrowthBytes = Math.max(sizes.heapGrowthBytes, peak - usedBefore);
    return model;
  }
}
