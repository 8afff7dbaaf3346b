package io.rila.benchmarks;

import io.rila.core.random.MemberRandom;
import io.rila.core.regression.RidgeFit;
import io.rila.core.regression.RidgeRegression;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The baseline the engine is measured against: what a bootstrap ensemble costs when each member
 * draws its rows, copies the resampled matrix, target and weights, and calls the public {@link
 * RidgeRegression#fit} (the same solver the engine uses, so the gap is the engine's doing: no
 * copies, the row Gram matrix computed once, workspaces reused). One thread, as a per-member loop
 * is usually written. The CI gate ({@code RatioCheck}) divides this time per member by {@code
 * TrainingBenchmark.fit}'s.
 *
 * <pre>{@code
 * java -jar rila-benchmarks/target/benchmarks.jar NaiveRefitBenchmark -prof gc
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class NaiveRefitBenchmark {

  /** {@code guide} (598 x 150) or {@code production} (4 x 152, weighted). */
  @Param({"guide", "production"})
  public String shape;

  /** Members refitted per operation. */
  @Param({"20"})
  public int members;

  private BenchmarkData data;
  private MemberRandom random;

  /** Generates the data. */
  @Setup
  public void setUp() {
    data = BenchmarkData.shape(shape);
    random = new MemberRandom(42L, 0);
  }

  /** Refits {@code members} members from materialised resamples. */
  @Benchmark
  public void refit(Blackhole blackhole) {
    double[][] x = data.x();
    double[] y = data.y();
    double[] w = data.weights();
    int rows = x.length;
    for (int k = 0; k < members; k++) {
      random.reset(42L, k);
      double[][] xs = new double[rows][];
      double[] ys = new double[rows];
      double[] ws = w == null ? null : new double[rows];
      for (int i = 0; i < rows; i++) {
        int row = random.nextInt(rows);
        xs[i] = x[row].clone();
        ys[i] = y[row];
        if (ws != null) {
          ws[i] = w[row];
        }
      }
      RidgeFit fit = RidgeRegression.fit(xs, ys, ws, 1.0);
      blackhole.consume(fit);
    }
  }
}
