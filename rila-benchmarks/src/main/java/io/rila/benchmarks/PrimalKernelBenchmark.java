package io.rila.benchmarks;

import io.rila.core.internal.RidgeKernel;
import io.rila.core.internal.RidgeWorkspace;
import io.rila.core.regression.SolveForm;
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
 * The primal form's member solve on a tall shape, one thread: rila's kernel ({@code
 * RidgeWorkspace.solve} in the primal form: the rows with a positive weight only, the panel Gram
 * kernel, the panelled Cholesky) against the kernel it replaced ({@link PreviousPrimalKernel}: dot
 * products over all rows), on the same bootstrap counts. The CI gate ({@code RatioCheck}) checks
 * their ratio in-run. {@code shape} is {@code ROWSxFEATURES} of {@link BenchmarkData#grid}.
 *
 * <pre>{@code
 * java -jar rila-benchmarks/target/benchmarks.jar PrimalKernelBenchmark
 * java -jar rila-benchmarks/target/benchmarks.jar PrimalKernelBenchmark -p shape=5000x598
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class PrimalKernelBenchmark {

  /** {@code ROWSxFEATURES}, rows > features. */
  @Param({"1500x100"})
  public String shape;

  /** Members solved per operation. */
  @Param({"8"})
  public int members;

  private RidgeWorkspace workspace;
  private PreviousPrimalKernel previous;
  private double[][] weights;
  private double[] beta;

  /** Generates the data and the members' bootstrap counts. */
  @Setup
  public void setUp() {
    String[] parts = shape.split("x");
    int rows = Integer.parseInt(parts[0]);
    int features = Integer.parseInt(parts[1]);
    BenchmarkData data = BenchmarkData.grid(rows, features, BenchmarkData.GRID_SEED);
    workspace = RidgeKernel.of(data.x(), data.y()).newWorkspace();
    previous = new PreviousPrimalKernel(data.x(), data.y());
    SplittableRandom random = new SplittableRandom(42);
    weights = new double[members][rows];
    for (double[] v : weights) {
      for (int t = 0; t < rows; t++) {
        v[random.nextInt(rows)] += 1;
      }
    }
    beta = new double[features];
  }

  /** rila's primal solve, {@code members} times. */
  @Benchmark
  public double panel() {
    double s = 0;
    for (double[] v : weights) {
      s += workspace.solve(v, 1.0, SolveForm.PRIMAL, beta);
    }
    return s;
  }

  /** The previous kernel, {@code members} times. */
  @Benchmark
  public double previous() {
    double s = 0;
    for (double[] v : weights) {
      s += previous.solve(v, 1.0, beta);
    }
    return s;
  }
}
