package io.rila.benchmarks;

import io.rila.bootstrap.EnsembleModel;
import io.rila.bootstrap.ModelFiles;
import io.rila.bootstrap.Precision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Saving and loading a model file, and the NPY export, for the guide's shape: {@code members}
 * members of 598 features (fitted once in the setup on 150 rows). A 10,000-member file holds
 * 24.0 MB of coefficients in {@code FLOAT} and 47.9 MB in {@code DOUBLE}. {@code save} and {@code
 * exportNpy} include the fsync of the file and the folder, so they measure the disk as much as
 * rila; {@code load} reads a file that the page cache holds after the first call (the usual case
 * for a model loaded again and again), checks its CRC-32C and every number, and builds the model.
 * Files go to {@code java.io.tmpdir}.
 *
 * <pre>{@code
 * java -jar rila-benchmarks/target/benchmarks.jar ModelFilesBenchmark
 * java -jar rila-benchmarks/target/benchmarks.jar ModelFilesBenchmark.load -p precision=FLOAT
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class ModelFilesBenchmark {

  /** Ensemble size. */
  @Param({"10000"})
  public int members;

  /** Coefficient store precision. */
  @Param({"FLOAT", "DOUBLE"})
  public Precision precision;

  private Path folder;
  private Path saved;
  private Path target;
  private Path npy;
  private EnsembleModel model;

  /** Fits the model and writes the file that {@link #load()} reads. */
  @Setup
  public void setUp() throws IOException {
    BenchmarkData data = BenchmarkData.shape("guide");
    model = BenchmarkEnsembles.newBuilder(members, 1.0)
        .precision(precision)
        .build()
        .fitTransformed(data.x(), data.y());
    folder = Files.createTempDirectory("rila-model-files");
    saved = folder.resolve("saved.rila");
    target = folder.resolve("target.rila");
    npy = folder.resolve("target.npy");
    ModelFiles.save(model, saved);
  }

  /** Deletes the files. */
  @TearDown
  public void tearDown() throws IOException {
    Files.deleteIfExists(saved);
    Files.deleteIfExists(target);
    Files.deleteIfExists(npy);
    Files.deleteIfExists(folder);
  }

  /** Writes the model file atomically (temporary file, fsync, rename, folder fsync). */
  @Benchmark
  public void save() throws IOException {
    ModelFiles.save(model, target);
  }

  /** Reads and checks the model file. */
  @Benchmark
  public EnsembleModel load() throws IOException {
    return ModelFiles.load(saved);
  }

  /** Writes the coefficients as a {@code .npy} array. */
  @Benchmark
  public void exportNpy() throws IOException {
    ModelFiles.exportNpy(model, npy);
  }
}
