package io.rila.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegressionCheckTest {

  private static final String FIT = "io.rila.benchmarks.TrainingBenchmark.fit";
  private static final String PREDICT = "io.rila.benchmarks.PredictionBenchmark.batched";

  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void run_sameTimesPass() {
    Path baseline = baseline("baseline.json");

    assertThat(run(baseline.toString(), baseline.toString())).isZero();
    assertThat(out()).contains("0 of 3 benchmarks more than 15% slower");
  }

  @Test
  void run_twentyPercentSlowerFails() {
    Path current = new SyntheticRun()
        .add(FIT, "avgt", 12.0, "ms/op", "members", "100")
        .add(FIT, "avgt", 90.0, "ms/op", "members", "1000")
        .add(PREDICT, "avgt", 2.0, "ms/op", "rows", "52")
        .write(dir.resolve("current.json"));

    assertThat(run(baseline("baseline.json").toString(), current.toString())).isEqualTo(1);
    assertThat(out())
        .contains("REGRESSION  " + FIT + " {members=100} [avgt]: 10.000 ms -> 12.000 ms (+20.0%)")
        .contains("ok          " + FIT + " {members=1000} [avgt]: 100.000 ms -> 90.000 ms (-10.0%)")
        .contains("1 of 3 benchmarks more than 15% slower");
  }

  @Test
  void run_fourteenPercentSlowerPasses() {
    Path current = new SyntheticRun()
        .add(FIT, "avgt", 11.4, "ms/op", "members", "100")
        .add(FIT, "avgt", 114.0, "ms/op", "members", "1000")
        .add(PREDICT, "avgt", 2.28, "ms/op", "rows", "52")
        .write(dir.resolve("current.json"));

    assertThat(run(baseline("baseline.json").toString(), current.toString())).isZero();
  }

  @Test
  void run_thresholdOption() {
    Path current = new SyntheticRun()
        .add(FIT, "avgt", 12.0, "ms/op", "members", "100")
        .write(dir.resolve("current.json"));
    String baseline = baseline("baseline.json").toString();

    assertThat(run(baseline, current.toString(), "--threshold", "0.25")).isZero();
    assertThat(run("--threshold", "0.05", baseline, current.toString())).isEqualTo(1);
  }

  @Test
  void run_unitsAndModesAreNormalised() {
    // 10 ms/op == 10,000 us/op == 100 ops/s; 80 ops/s is 12.5 ms/op, 25% slower
    Path baseline = new SyntheticRun()
        .add(FIT, "avgt", 10.0, "ms/op", "members", "100")
        .add(PREDICT, "thrpt", 100.0, "ops/s", "rows", "52")
        .write(dir.resolve("baseline.json"));
    Path current = new SyntheticRun()
        .add(FIT, "avgt", 10_000.0, "us/op", "members", "100")
        .add(PREDICT, "thrpt", 80.0, "ops/s", "rows", "52")
        .write(dir.resolve("current.json"));

    assertThat(run(baseline.toString(), current.toString())).isEqualTo(1);
    assertThat(out())
        .contains("ok          " + FIT + " {members=100} [avgt]: 10.000 ms -> 10.000 ms (+0.0%)")
        .contains("REGRESSION  " + PREDICT + " {rows=52} [thrpt]: 10.000 ms -> 12.500 ms (+25.0%)");
  }

  @Test
  void run_newAndMissingBenchmarksDoNotFail() {
    Path current = new SyntheticRun()
        .add(FIT, "avgt", 10.0, "ms/op", "members", "100")
        .add(FIT, "avgt", 500.0, "ms/op", "members", "10000")
        .write(dir.resolve("current.json"));

    assertThat(run(baseline("baseline.json").toString(), current.toString())).isZero();
    assertThat(out())
        .contains("NEW         " + FIT + " {members=10000} [avgt]")
        .contains("MISSING     " + FIT + " {members=1000} [avgt]")
        .contains("MISSING     " + PREDICT + " {rows=52} [avgt]")
        .contains("0 of 1 benchmarks");
  }

  @Test
  void run_paramsDistinguishBenchmarks() {
    Path baseline = new SyntheticRun()
        .add(FIT, "avgt", 10.0, "ms/op", "members", "100", "shape", "guide")
        .add(FIT, "avgt", 1.0, "ms/op", "members", "100", "shape", "production")
        .write(dir.resolve("baseline.json"));
    Path current = new SyntheticRun()
        .add(FIT, "avgt", 1.0, "ms/op", "members", "100", "shape", "production")
        .add(FIT, "avgt", 10.0, "ms/op", "members", "100", "shape", "guide")
        .write(dir.resolve("current.json"));

    assertThat(run(baseline.toString(), current.toString())).isZero();
  }

  @Test
  void run_usageErrors() {
    Path baseline = baseline("baseline.json");

    assertThat(run()).isEqualTo(2);
    assertThat(run(baseline.toString())).isEqualTo(2);
    assertThat(run(baseline.toString(), baseline.toString(), baseline.toString())).isEqualTo(2);
    assertThat(run(baseline.toString(), baseline.toString(), "--verbose")).isEqualTo(2);
    assertThat(err()).contains("usage: RegressionCheck baseline.json current.json");
  }

  @Test
  void run_badThreshold() {
    String baseline = baseline("baseline.json").toString();

    assertThat(run(baseline, baseline, "--threshold", "abc")).isEqualTo(2);
    assertThat(err()).contains("threshold: abc (expected: a fraction > 0");
    assertThat(run(baseline, baseline, "--threshold", "-0.1")).isEqualTo(2);
    assertThat(run(baseline, baseline, "--threshold", "0")).isEqualTo(2);
    assertThat(run(baseline, baseline, "--threshold", "NaN")).isEqualTo(2);
    assertThat(run(baseline, baseline, "--threshold", "Infinity")).isEqualTo(2);
    assertThat(run(baseline, baseline, "--threshold")).isEqualTo(2);
  }

  @Test
  void run_unreadableInput() throws IOException {
    Path garbage = Files.writeString(dir.resolve("garbage.json"), "not json");
    String baseline = baseline("baseline.json").toString();

    assertThat(run(baseline, dir.resolve("absent.json").toString())).isEqualTo(2);
    assertThat(err()).contains("cannot read results").contains("absent.json");
    assertThat(run(garbage.toString(), baseline)).isEqualTo(2);
  }

  @Test
  void format_readableUnits() {
    assertThat(RegressionCheck.format(2.5)).isEqualTo("2.500 s");
    assertThat(RegressionCheck.format(0.0125)).isEqualTo("12.500 ms");
    assertThat(RegressionCheck.format(4.2e-5)).isEqualTo("42.000 us");
    assertThat(RegressionCheck.format(3.5e-8)).isEqualTo("35.0 ns");
  }

  private Path baseline(String name) {
    return new SyntheticRun()
        .add(FIT, "avgt", 10.0, "ms/op", "members", "100")
        .add(FIT, "avgt", 100.0, "ms/op", "members", "1000")
        .add(PREDICT, "avgt", 2.0, "ms/op", "rows", "52")
        .write(dir.resolve(name));
  }

  private int run(String... args) {
    return RegressionCheck.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
