package io.rila.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RatioCheckTest {

  private static final String FIT = "io.rila.benchmarks.TrainingBenchmark.fit";
  private static final String NAIVE = "io.rila.benchmarks.NaiveRefitBenchmark.refit";
  private static final String BATCHED = "io.rila.benchmarks.PredictionBenchmark.batched";
  private static final String NAIVE_PREDICT = "io.rila.benchmarks.PredictionBenchmark.naive";
  private static final String PANEL = "io.rila.benchmarks.PrimalKernelBenchmark.panel";
  private static final String PREVIOUS = "io.rila.benchmarks.PrimalKernelBenchmark.previous";

  /** Coefficient store bytes per member, FLOAT: (features + 1) * 4. */
  private static final double GUIDE_STORE = 599 * 4;
  private static final double PRODUCTION_STORE = 5 * 4;

  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void run_healthyRunPasses() {
    Path run = healthy().write(dir.resolve("run.json"));

    assertThat(run(run.toString())).isZero();
    // naive 5 ms vs engine 40 ms / 400 per member: 50; production 50 us vs 4 us: 12.5;
    // prediction 20 ms vs 2 ms: 10; allocation 8 bytes per member beyond the store
    assertThat(out())
        .contains("ok   fit speed-up vs naive refit, guide shape: 50.00 (expected: >= 10.00)")
        .contains("ok   fit speed-up vs naive refit, production shape: 12.50 (expected: >= 2.00)")
        .contains("ok   batched prediction speed-up vs naive per-row: 10.00 (expected: >= 2.00)")
        .contains("ok   primal kernel speed-up vs previous kernel, tall shape: 5.00"
            + " (expected: >= 2.50)")
        .contains("ok   hot-loop bytes per member, guide shape: 8.00 (expected: <= 64.00)")
        .contains("ok   hot-loop bytes per member, production shape: 8.00 (expected: <= 64.00)")
        .contains("ratio gate passed");
  }

  @Test
  void run_resultsSplitOverFiles() {
    SyntheticRun fits = new SyntheticRun();
    SyntheticRun predictions = new SyntheticRun();
    engine(fits, "guide", 100, 0.1, GUIDE_STORE, 8);
    engine(fits, "guide", 400, 0.1, GUIDE_STORE, 8);
    engine(fits, "production", 100, 0.004, PRODUCTION_STORE, 8);
    engine(fits, "production", 400, 0.004, PRODUCTION_STORE, 8);
    fits.add(NAIVE, "avgt", 50, "ms/op", "members", "10", "shape", "guide");
    fits.add(NAIVE, "avgt", 5, "ms/op", "members", "100", "shape", "production");
    kernels(fits, 40, 8);
    prediction(predictions, 20, 2);

    assertThat(run(fits.write(dir.resolve("fit.json")).toString(),
        predictions.write(dir.resolve("predict.json")).toString())).isZero();
  }

  @Test
  void run_slowerEngineFitFails() {
    // the engine's guide fit grows to 1 ms per member: only 5x faster than the naive refit
    SyntheticRun run = new SyntheticRun();
    engine(run, "guide", 100, 1.0, GUIDE_STORE, 8);
    engine(run, "guide", 400, 1.0, GUIDE_STORE, 8);
    engine(run, "production", 100, 0.004, PRODUCTION_STORE, 8);
    engine(run, "production", 400, 0.004, PRODUCTION_STORE, 8);
    run.add(NAIVE, "avgt", 50, "ms/op", "members", "10", "shape", "guide");
    run.add(NAIVE, "avgt", 5, "ms/op", "members", "100", "shape", "production");
    kernels(run, 40, 8);
    prediction(run, 20, 2);

    assertThat(run(run.write(dir.resolve("run.json")).toString())).isEqualTo(1);
    assertThat(out())
        .contains("FAIL fit speed-up vs naive refit, guide shape: 5.00 (expected: >= 10.00)")
        .contains("ok   fit speed-up vs naive refit, production shape")
        .contains("ratio gate FAILED: 1 of 6 rules");
  }

  @Test
  void run_slowerBatchedPredictionFails() {
    SyntheticRun run = new SyntheticRun();
    engines(run, 8);
    naiveRefits(run);
    prediction(run, 20, 15);

    assertThat(run(run.write(dir.resolve("run.json")).toString())).isEqualTo(1);
    assertThat(out())
        .contains("FAIL batched prediction speed-up vs naive per-row: 1.33 (expected: >= 2.00)");
  }

  @Test
  void run_worstPredictionPairCounts() {
    SyntheticRun run = new SyntheticRun();
    engines(run, 8);
    naiveRefits(run);
    prediction(run, 20, 2);
    run.add(NAIVE_PREDICT, "avgt", 20, "ms/op", "members", "1000", "precision", "DOUBLE",
        "rows", "52");
    run.add(BATCHED, "avgt", 15, "ms/op", "members", "1000", "precision", "DOUBLE",
        "rows", "52");

    assertThat(run(run.write(dir.resolve("run.json")).toString())).isEqualTo(1);
    assertThat(out()).contains("FAIL batched prediction speed-up vs naive per-row: 1.33");
  }

  @Test
  void run_oneRowPredictionIsNotGated() {
    // one row has nothing to batch: only the pairs with the most rows count
    SyntheticRun run = new SyntheticRun();
    engines(run, 8);
    naiveRefits(run);
    prediction(run, 20, 2);
    run.add(NAIVE_PREDICT, "avgt", 0.4, "ms/op", "members", "1000", "precision", "FLOAT",
        "rows", "1");
    run.add(BATCHED, "avgt", 0.3, "ms/op", "members", "1000", "precision", "FLOAT", "rows", "1");

    assertThat(run(run.write(dir.resolve("run.json")).toString())).isZero();
    assertThat(out()).contains("ok   batched prediction speed-up vs naive per-row: 10.00");
  }

  @Test
  void run_slowerPrimalKernelFails() {
    // the panel kernel falls to 2x the previous one at 1,500 x 100; 600 x 30 stays at 5x
    SyntheticRun run = new SyntheticRun();
    engines(run, 8);
    run.add(NAIVE, "avgt", 50, "ms/op", "members", "10", "shape", "guide");
    run.add(NAIVE, "avgt", 5, "ms/op", "members", "100", "shape", "production");
    kernels(run, 40, 20);
    run.add(PREVIOUS, "avgt", 5, "ms/op", "members", "8", "shape", "600x30");
    run.add(PANEL, "avgt", 1, "ms/op", "members", "8", "shape", "600x30");
    prediction(run, 20, 2);

    assertThat(run(run.write(dir.resolve("run.json")).toString())).isEqualTo(1);
    assertThat(out())
        .contains("FAIL primal kernel speed-up vs previous kernel, tall shape: 2.00"
            + " (expected: >= 2.50)")
        .contains("ratio gate FAILED: 1 of 6 rules");
  }

  @Test
  void run_missingPrimalKernelPairFails() {
    SyntheticRun run = new SyntheticRun();
    engines(run, 8);
    run.add(NAIVE, "avgt", 50, "ms/op", "members", "10", "shape", "guide");
    run.add(NAIVE, "avgt", 5, "ms/op", "members", "100", "shape", "production");
    run.add(PREVIOUS, "avgt", 40, "ms/op", "members", "8", "shape", "1500x100");
    prediction(run, 20, 2);

    assertThat(run(run.write(dir.resolve("run.json")).toString())).isEqualTo(1);
    assertThat(out()).contains("FAIL primal kernel speed-up vs previous kernel, tall shape: no"
        + " PrimalKernelBenchmark.previous and .panel pair");
  }

  @Test
  void run_allocatingHotLoopFails() {
    // 200 bytes per member beyond the store, e.g. a boxed or copied array per member
    SyntheticRun run = new SyntheticRun();
    engines(run, 200);
    naiveRefits(run);
    prediction(run, 20, 2);

    assertThat(run(run.write(dir.resolve("run.json")).toString())).isEqualTo(1);
    assertThat(out())
        .contains("FAIL hot-loop bytes per member, guide shape: 200.00 (expected: <= 64.00)")
        .contains("FAIL hot-loop bytes per member, production shape: 200.00")
        .contains("ratio gate FAILED: 2 of 6 rules");
  }

  @Test
  void run_missingBenchmarkFails() {
    SyntheticRun run = new SyntheticRun();
    engines(run, 8);
    run.add(NAIVE, "avgt", 5, "ms/op", "members", "100", "shape", "production");
    prediction(run, 20, 2);

    assertThat(run(run.write(dir.resolve("run.json")).toString())).isEqualTo(1);
    assertThat(out()).contains("FAIL fit speed-up vs naive refit, guide shape: "
        + "no NaiveRefitBenchmark.refit {shape=guide}");
  }

  @Test
  void run_missingPredictionPairFails() {
    SyntheticRun run = new SyntheticRun();
    engines(run, 8);
    naiveRefits(run);
    run.add(NAIVE_PREDICT, "avgt", 20, "ms/op", "members", "1000", "rows", "52");
    run.add(BATCHED, "avgt", 2, "ms/op", "members", "10000", "rows", "52");

    assertThat(run(run.write(dir.resolve("run.json")).toString())).isEqualTo(1);
    assertThat(out()).contains("FAIL batched prediction speed-up vs naive per-row: no "
        + "PredictionBenchmark.naive and .batched pair");
  }

  @Test
  void run_oneEnsembleSizeCannotMeasureAllocation() {
    SyntheticRun run = new SyntheticRun();
    engine(run, "guide", 400, 0.1, GUIDE_STORE, 8);
    engine(run, "production", 400, 0.004, PRODUCTION_STORE, 8);
    naiveRefits(run);
    prediction(run, 20, 2);

    assertThat(run(run.write(dir.resolve("run.json")).toString())).isEqualTo(1);
    assertThat(out()).contains("FAIL hot-loop bytes per member, guide shape: "
        + "TrainingBenchmark.fit {shape=guide} needs two member counts (found 1)");
  }

  @Test
  void run_withoutGcProfilerFails() {
    SyntheticRun run = new SyntheticRun();
    for (String shape : new String[] {"guide", "production"}) {
      for (int members : new int[] {100, 400}) {
        run.add(FIT, "avgt", members * 0.1, "ms/op", "members", Integer.toString(members),
            "shape", shape);
      }
    }
    naiveRefits(run);
    prediction(run, 20, 2);

    assertThat(run(run.write(dir.resolve("run.json")).toString())).isEqualTo(1);
    assertThat(out()).contains("lacks gc.alloc.rate.norm or storeBytes (run with -prof gc)");
  }

  @Test
  void fitSpeedup_usesTheLargestEnsemble() throws IOException {
    // 100 members cost 20 ms (fixed costs dominate), 400 members 40 ms: 0.1 ms per member
    SyntheticRun run = new SyntheticRun();
    run.add(FIT, "avgt", 40, "ms/op", "members", "400", "shape", "guide");
    run.add(FIT, "avgt", 20, "ms/op", "members", "100", "shape", "guide");
    run.add(NAIVE, "avgt", 50, "ms/op", "members", "10", "shape", "guide");

    JmhResults results = JmhResults.read(run.write(dir.resolve("run.json")));

    assertThat(RatioCheck.fitSpeedup(results, "guide")).isCloseTo(50.0, within(1e-9));
  }

  @Test
  void run_usageErrors() throws IOException {
    Path garbage = Files.writeString(dir.resolve("garbage.json"), "[1, 2]");

    assertThat(run()).isEqualTo(2);
    assertThat(err()).contains("usage: RatioCheck result.json");
    assertThat(run(dir.resolve("absent.json").toString())).isEqualTo(2);
    assertThat(err()).contains("cannot read results").contains("absent.json");
    assertThat(run(garbage.toString())).isEqualTo(2);
  }

  private static SyntheticRun healthy() {
    SyntheticRun run = new SyntheticRun();
    engines(run, 8);
    naiveRefits(run);
    prediction(run, 20, 2);
    return run;
  }

  /** Both shapes at 100 and 400 members: 0.1 ms and 4 us per member. */
  private static void engines(SyntheticRun run, double extraBytesPerMember) {
    engine(run, "guide", 100, 0.1, GUIDE_STORE, extraBytesPerMember);
    engine(run, "guide", 400, 0.1, GUIDE_STORE, extraBytesPerMember);
    engine(run, "production", 100, 0.004, PRODUCTION_STORE, extraBytesPerMember);
    engine(run, "production", 400, 0.004, PRODUCTION_STORE, extraBytesPerMember);
  }

  /** Guide: 5 ms per member; production: 50 us per member; the kernels 5x apart. */
  private static void naiveRefits(SyntheticRun run) {
    run.add(NAIVE, "avgt", 50, "ms/op", "members", "10", "shape", "guide");
    run.add(NAIVE, "avgt", 5, "ms/op", "members", "100", "shape", "production");
    kernels(run, 40, 8);
  }

  private static void kernels(SyntheticRun run, double previousMs, double panelMs) {
    run.add(PREVIOUS, "avgt", previousMs, "ms/op", "members", "8", "shape", "1500x100");
    run.add(PANEL, "avgt", panelMs, "ms/op", "members", "8", "shape", "1500x100");
  }

  private static void engine(SyntheticRun run, String shape, int members, double msPerMember,
      double storePerMember, double extraBytesPerMember) {
    double fixed = 750_000; // data copy, Gram matrix, workspaces: independent of members
    run.add(FIT, "avgt", members * msPerMember, "ms/op", "members", Integer.toString(members),
            "shape", shape)
        .secondary("gc.alloc.rate.norm",
            fixed + members * (storePerMember + extraBytesPerMember), "B/op")
        .secondary("storeBytes", members * storePerMember, "#")
        .secondary("availableProcessors", 2, "#");
  }

  private static void prediction(SyntheticRun run, double naiveMs, double batchedMs) {
    run.add(NAIVE_PREDICT, "avgt", naiveMs, "ms/op", "members", "1000", "precision", "FLOAT",
        "rows", "52");
    run.add(BATCHED, "avgt", batchedMs, "ms/op", "members", "1000", "precision", "FLOAT",
        "rows", "52");
  }

  private int run(String... args) {
    return RatioCheck.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
