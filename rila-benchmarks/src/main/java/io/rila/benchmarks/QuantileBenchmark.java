package io.rila.benchmarks;

import io.rila.core.stats.Quantiles;
import java.util.Arrays;
import java.util.SplittableRandom;
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
 * The interval part of a prediction: the 2.5%, 50% and 97.5% quantiles of one row's member
 * predictions, by rila's selection ({@link Quantiles#linearInPlace}) and by a full sort (numpy's
 * way), which give identical numbers.
 *
 * <pre>{@code
 * java -jar rila-benchmarks/target/benchmarks.jar QuantileBenchmark -prof gc
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class QuantileBenchmark {

  private static final double[] LEVELS = {0.025, 0.5, 0.975};

  /** Ensemble size: one value per member. */
  @Param({"1000", "10000"})
  public int members;

  private double[] predictions;
  private double[] scratch;
  private final double[] out = new double[LEVELS.length];

  /** Member predictions of a plausible spread. */
  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(7L);
    predictions = new double[members];
    for (int k = 0; k < members; k++) {
      predictions[k] = Math.expm1(9.0 + 0.2 * (random.nextDouble() - 0.5));
    }
    scratch = new double[members];
  }

  /** Selection in place: no allocation. */
  @Benchmark
  public double[] selection() {
    System.arraycopy(predictions, 0, scratch, 0, members);
    Quantiles.linearInPlace(scratch, 0, members, LEVELS, out);
    return out;
  }

  /** A full sort, then numpy's linear interpolation. */
  @Benchmark
  public double[] sort() {
    System.arraycopy(predictions, 0, scratch, 0, members);
    Arrays.sort(scratch);
    for (int j = 0; j < LEVELS.length; j++) {
      double h = (members - 1) * LEVELS[j];
      int k = (int) Math.floor(h);
      double t = h - k;
      double a = scratch[k];
      double b = scratch[Math.min(k + 1, members - 1)];
      out[j] = t < 0.5 ? a + (b - a) * t : b - (b - a) * (1 - t);
    }
    return out;
  }
}
