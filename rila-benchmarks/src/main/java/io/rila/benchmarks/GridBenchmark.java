package io.rila.benchmarks;

import io.rila.bootstrap.BootstrapRidgeEnsemble;
import io.rila.bootstrap.EnsembleModel;
import io.rila.core.regression.SolveForm;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Training time and memory across shapes, the benchmark grid of {@code docs/performance.md}: one
 * {@code cell} is {@code ROWSxFEATURESxMEMBERS} on the data of {@link BenchmarkData#grid}, fitted
 * with alpha 1, seed 42, the float store and the common fork-join pool, exactly as {@code
 * python/grid_reference.py} fits scikit-learn's {@code BaggingRegressor(Ridge(alpha=1),
 * n_jobs=-1)} on the same cells. {@code run-grid.sh} runs both sides with the grid's cells and
 * writes the report.
 *
 * <p>Memory: run with {@code -prof gc}; {@code gc.alloc.rate.norm} is every byte one fit allocates
 * on any thread (its per-thread workspaces, the dual form's centred copies of the data and row
 * Gram matrix, the coefficient store; the primal form reads the data in place), an upper bound on
 * the heap it needs, since its hot loop allocates nothing. {@code storeBytes} and {@code primal}
 * (1 when the fit used the primal form) are recorded with every result.
 *
 * <pre>{@code
 * java -jar rila-benchmarks/target/benchmarks.jar GridBenchmark -prof gc -p cell=1500x598x100
 * java -jar rila-benchmarks/target/benchmarks.jar GridBenchmark -p cell=1500x598x100 -p form=DUAL
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx6g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Thread)
public class GridBenchmark {

  /** {@code ROWSxFEATURESxMEMBERS}; {@code run-grid.sh} passes the grid. */
  @Param({"1500x598x100"})
  public String cell;

  /** The solve form; {@code AUTO} is what users get. */
  @Param({"AUTO"})
  public SolveForm form;

  private BenchmarkData data;
  private BootstrapRidgeEnsemble ensemble;
  private double primal;

  /** The recorded facts. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Facts {
    /** {@code CoefficientStore.sizeInBytes()}. */
    public double storeBytes;
    /** 1 when the fit used the primal form, 0 for the dual form. */
    public double primal;
  }

  /** Generates the cell's data, configures the ensemble and fits once to learn the form. */
  @Setup
  public void setUp() {
    String[] parts = cell.split("x");
    if (parts.length != 3) {
      throw new IllegalArgumentException(
          "cell: " + cell + " (expected: ROWSxFEATURESxMEMBERS, e.g. 1500x598x100)");
    }
    data = BenchmarkData.grid(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
        BenchmarkData.GRID_SEED);
    ensemble = BenchmarkEnsembles.newBuilder(Integer.parseInt(parts[2]), 1.0)
        .solveForm(form)
        .build();
    EnsembleModel model = ensemble.fitTransformed(data.x(), data.y());
    primal = model.solveForm() == SolveForm.PRIMAL ? 1 : 0;
  }

  /** Fits the ensemble. */
  @Benchmark
  public EnsembleModel fit(Facts facts) {
    EnsembleModel model = ensemble.fitTransformed(data.x(), data.y());
    facts.storeBytes = model.coefficients().sizeInBytes();
    facts.primal = primal;
    return model;
  }
}
