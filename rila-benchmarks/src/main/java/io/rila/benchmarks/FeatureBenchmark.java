package io.rila.benchmarks;

import io.rila.core.frame.Frame;
import io.rila.features.FeaturePipeline;
import io.rila.features.InteractionFeatures;
import io.rila.features.LagFeatures;
import io.rila.features.cache.FeatureCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Feature building, the guide's "45 s sequential, 8 s parallel" and "45 s miss, 2 s cache hit":
 *
 * <ul>
 *   <li>{@code weekly}: the production table, 13 source families x ({@code _current} + 18 lags)
 *       plus the 15 {@code derived_*} square and product families of 5 rate families, on 252
 *       weeks ({@link BenchmarkData#weekly});
 *   <li>{@code guide}: the guide's case, 598 columns x ({@code _current} + 18 lags) on 150 rows
 *       ({@link BenchmarkData#wide}), 11,362 new columns.
 * </ul>
 *
 * <p>{@code lagsParallel} runs the same steps on the common fork-join pool; {@code cacheMiss}
 * computes and stores the result in an empty {@link FeatureCache}, {@code cacheHit} reads it back.
 *
 * <pre>{@code
 * java -jar rila-benchmarks/target/benchmarks.jar FeatureBenchmark -prof gc
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class FeatureBenchmark {

  /** {@code weekly} (the production table) or {@code guide} (598 columns x 18 lags). */
  @Param({"weekly", "guide"})
  public String data;

  private Frame input;
  private FeaturePipeline sequential;
  private FeaturePipeline parallel;
  private Path folder;
  private FeatureCache missCache;
  private FeatureCache hitCache;

  /** Builds the input, the steps and two caches, one of them primed. */
  @Setup
  public void setUp() throws IOException {
    sequential = steps(null);
    parallel = steps(ForkJoinPool.commonPool());
    folder = Files.createTempDirectory("rila-feature-cache");
    missCache = FeatureCache.open(folder.resolve("miss"));
    hitCache = FeatureCache.open(folder.resolve("hit"));
    hitCache.apply(sequential, input);
  }

  private FeaturePipeline steps(Executor executor) {
    boolean weekly = data.equals("weekly");
    input = weekly ? BenchmarkData.weekly(252, 3L) : BenchmarkData.wide(150, 598, 4L);
    LagFeatures.Builder lags = LagFeatures.newBuilder().lags(18);
    if (weekly) {
      for (int i = 0; i < BenchmarkData.WEEKLY_SOURCES.size(); i++) {
        lags.source(BenchmarkData.WEEKLY_SOURCES.get(i), BenchmarkData.WEEKLY_FAMILIES.get(i));
      }
    } else {
      lags.sources(new ArrayList<>(input.columnNames()));
    }
    if (executor != null) {
      lags.executor(executor);
    }
    if (!weekly) {
      return FeaturePipeline.of(lags.build());
    }
    InteractionFeatures.Builder derived = InteractionFeatures.newBuilder()
        .family("prudential_rate")
        .family("competitor_mid", "competitor_weighted")
        .family("competitor_median")
        .family("competitor_top3")
        .family("competitor_top5")
        .lags(18);
    if (executor != null) {
      derived.executor(executor);
    }
    return FeaturePipeline.of(List.of(lags.build(), derived.build()));
  }

  /** Empties the miss cache before each call. */
  @Setup(Level.Invocation)
  public void emptyMissCache() {
    missCache.clear();
  }

  /** Deletes the cache folders. */
  @TearDown
  public void tearDown() throws IOException {
    missCache.clear();
    hitCache.clear();
    Files.deleteIfExists(folder.resolve("miss"));
    Files.deleteIfExists(folder.resolve("hit"));
    Files.deleteIfExists(folder);
  }

  /** Lags (and interactions) on the calling thread. */
  @Benchmark
  public Frame lagsSequential() {
    return sequential.apply(input);
  }

  /** The same on the common fork-join pool. */
  @Benchmark
  public Frame lagsParallel() {
    return parallel.apply(input);
  }

  /** Computes, then writes the cache entry atomically. */
  @Benchmark
  public Frame cacheMiss() {
    return missCache.apply(sequential, input);
  }

  /** Reads and checks the cache entry. */
  @Benchmark
  public Frame cacheHit() {
    return hitCache.apply(sequential, input);
  }
}
