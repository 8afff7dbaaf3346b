package io.rila.benchmarks;

import io.rila.bootstrap.BootstrapRidgeEnsemble;
import io.rila.bootstrap.EnsembleModel;
import io.rila.features.selection.LassoCv;
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
 * The guide's "Lasso screening first" advice (32 min for the full ensemble, 12 min after
 * screening, 8 vCPUs): on the guide shape, {@code fullEnsemble} fits {@code members} members on
 * all 598 features; {@code screenThenEnsemble} runs {@code LassoCV} (scikit-learn's defaults),
 * keeps the {@code keep} features with the largest coefficients and fits the same ensemble on
 * them. Both include everything from the full matrix to the model.
 *
 * <pre>{@code
 * java -jar rila-benchmarks/target/benchmarks.jar ScreeningBenchmark
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class ScreeningBenchmark {

  /** Ensemble size. */
  @Param({"10000"})
  public int members;

  /** Features kept by the screen. */
  @Param({"30"})
  public int keep;

  private BenchmarkData data;
  private LassoCv lasso;
  private BootstrapRidgeEnsemble ensemble;

  /** Generates the data and configures the tools. */
  @Setup
  public void setUp() {
    data = BenchmarkData.shape("guide");
    lasso = LassoCv.newBuilder().build();
    ensemble = BenchmarkEnsembles.newBuilder(members, 1.0)
        .build();
  }

  /** The ensemble on all 598 features. */
  @Benchmark
  public EnsembleModel fullEnsemble() {
    return ensemble.fitTransformed(data.x(), data.y());
  }

  /** LassoCV, the {@code keep} strongest features, then the ensemble on them. */
  @Benchmark
  public EnsembleModel screenThenEnsemble() {
    int[] columns = lasso.fit(data.x(), data.y()).screen(keep);
    double[][] x = data.x();
    double[][] screened = new double[x.length][columns.length];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < columns.length; j++) {
        screened[i][j] = x[i][columns[j]];
      }
    }
    return ensemble.fitTransformed(screened, data.y());
  }
}
