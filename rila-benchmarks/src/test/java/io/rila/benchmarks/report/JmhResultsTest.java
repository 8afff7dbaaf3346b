package io.rila.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhResultsTest {

  private static final String FIT = "io.rila.benchmarks.TrainingBenchmark.fit";

  @TempDir
  Path dir;

  @Test
  void read_fieldsOfEachResult() throws IOException {
    Path file = new SyntheticRun()
        .add(FIT, "avgt", 12.5, "ms/op", "members", "100", "shape", "guide")
        .secondary("gc.alloc.rate.norm", 4096, "B/op")
        .secondary("storeBytes", 239_600, "#")
        .write(dir.resolve("run.json"));

    JmhResults results = JmhResults.read(file);

    assertThat(results.all()).hasSize(1);
    JmhResults.Result fit = results.all().get(0);
    assertThat(fit.benchmark()).isEqualTo(FIT);
    assertThat(fit.simpleName()).isEqualTo("TrainingBenchmark.fit");
    assertThat(fit.mode()).isEqualTo("avgt");
    assertThat(fit.params())
        .containsExactly(Map.entry("members", "100"), Map.entry("shape", "guide"));
    assertThat(fit.param("members")).isEqualTo(100.0);
    assertThat(fit.primary().score()).isEqualTo(12.5);
    assertThat(fit.primary().error()).isEqualTo(0.125);
    assertThat(fit.primary().unit()).isEqualTo("ms/op");
    assertThat(fit.secondary("gc.alloc.rate.norm")).isEqualTo(4096.0);
    assertThat(fit.secondary("storeBytes")).isEqualTo(3 * 239_600.0);
    assertThat(fit.counter("storeBytes")).isEqualTo(239_600.0);
    assertThat(fit.secondary("gc.count")).isNaN();
    assertThat(fit.counter("availableProcessors")).isNaN();
    assertThat(fit.key()).isEqualTo(FIT + " {members=100, shape=guide} [avgt]");
    assertThat(results.jdkVersion()).isEqualTo("17.0.15");
    assertThat(results.vm()).isEqualTo("OpenJDK 64-Bit Server VM 17.0.15+6-Debian-1deb12u1");
  }

  @Test
  void read_jmhWrittenFile() throws IOException {
    // written by JMH 1.37 itself (TrainingBenchmark -p members=200 -prof gc -rf json, 3
    // iterations; the score percentiles trimmed)
    Path file = Path.of("src/test/resources/io/rila/benchmarks/report/jmh-1.37.json");

    JmhResults results = JmhResults.read(file);

    assertThat(results.all()).hasSize(2);
    JmhResults.Result guide = results.find("TrainingBenchmark.fit", Map.of("shape", "guide"))
        .orElseThrow();
    assertThat(guide.benchmark()).isEqualTo(FIT);
    assertThat(guide.mode()).isEqualTo("avgt");
    assertThat(guide.primary().unit()).isEqualTo("ms/op");
    assertThat(guide.secondsPerOp()).isEqualTo(guide.primary().score() / 1000);
    assertThat(guide.param("members")).isEqualTo(200.0);
    assertThat(guide.secondary("gc.alloc.rate.norm")).isPositive();
    assertThat(guide.secondary("availableProcessors"))
        .isEqualTo(3 * guide.counter("availableProcessors"));
    // the store of 200 members of 598 features and an intercept, 4 bytes each
    assertThat(guide.counter("storeBytes")).isEqualTo(200 * 599 * 4.0);
    assertThat(results.jdkVersion()).startsWith("17");
  }

  @Test
  void read_severalFilesKeepFileOrder() throws IOException {
    Path a = new SyntheticRun().add(FIT, "avgt", 1, "ms/op", "members", "100")
        .write(dir.resolve("a.json"));
    Path b = new SyntheticRun().add(FIT, "avgt", 2, "ms/op", "members", "400")
        .add(FIT, "avgt", 3, "ms/op", "members", "100")
        .write(dir.resolve("b.json"));

    JmhResults results = JmhResults.read(a, b);

    assertThat(results.all()).extracting(r -> r.primary().score()).containsExactly(1.0, 2.0, 3.0);
    assertThat(results.find("TrainingBenchmark.fit", Map.of("members", "100")).orElseThrow()
        .primary().score()).isEqualTo(1.0);
    assertThat(results.findAll("TrainingBenchmark.fit", Map.of("members", "100"))).hasSize(2);
  }

  @Test
  void find_matchesWholeNameSegments() throws IOException {
    Path file = new SyntheticRun()
        .add("io.rila.benchmarks.NaiveTrainingBenchmark.fit", "avgt", 1, "ms/op")
        .add(FIT, "avgt", 2, "ms/op", "shape", "guide")
        .write(dir.resolve("run.json"));
    JmhResults results = JmhResults.read(file);

    assertThat(results.find("TrainingBenchmark.fit", Map.of()).orElseThrow().primary().score())
        .isEqualTo(2.0);
    assertThat(results.find(FIT, Map.of("shape", "guide"))).isPresent();
    assertThat(results.find("TrainingBenchmark.fit", Map.of("shape", "production"))).isEmpty();
    assertThat(results.find("Benchmark.fit", Map.of())).isEmpty();
  }

  @Test
  void secondsPerOp_everyTimeUnitAndThroughput() {
    assertThat(seconds(250, "ns/op")).isCloseTo(2.5e-7, within(1e-20));
    assertThat(seconds(250, "us/op")).isCloseTo(2.5e-4, within(1e-18));
    assertThat(seconds(250, "\u00b5s/op")).isCloseTo(2.5e-4, within(1e-18));
    assertThat(seconds(250, "ms/op")).isCloseTo(0.25, within(1e-15));
    assertThat(seconds(2.5, "s/op")).isEqualTo(2.5);
    assertThat(seconds(2, "min/op")).isEqualTo(120.0);
    assertThat(seconds(4, "ops/s")).isEqualTo(0.25);
    assertThat(seconds(4, "ops/ms")).isCloseTo(2.5e-4, within(1e-18));
    assertThat(seconds(0.5, "ops/min")).isEqualTo(120.0);
  }

  @Test
  void secondsPerOp_notATime() {
    assertThatThrownBy(() -> seconds(1, "B/op"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unit: B/op");
    assertThatThrownBy(() -> seconds(1, "#"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unit: #");
    assertThatThrownBy(() -> seconds(1, "ops/fortnight"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unit: ops/fortnight");
    assertThatThrownBy(() -> seconds(1, "bytes/s"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unit: bytes/s");
  }

  @Test
  void param_missingOrNotNumeric() throws IOException {
    JmhResults.Result result = JmhResults.read(new SyntheticRun()
        .add(FIT, "avgt", 1, "ms/op", "shape", "guide").write(dir.resolve("run.json")))
        .all().get(0);

    assertThatThrownBy(() -> result.param("members"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("param: members");
    assertThatThrownBy(() -> result.param("shape"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("param: shape = guide");
  }

  @Test
  void read_noFiles() {
    assertThatThrownBy(JmhResults::read)
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("files");
  }

  @Test
  void read_notAnArray() throws IOException {
    Path file = Files.writeString(dir.resolve("object.json"), "{\"benchmark\": \"x\"}");

    assertThatThrownBy(() -> JmhResults.read(file))
        .isInstanceOf(IOException.class).hasMessageContaining("object.json")
        .hasMessageContaining("JSON array");
  }

  @Test
  void read_emptyFile() throws IOException {
    Path file = Files.writeString(dir.resolve("empty.json"), "");

    assertThatThrownBy(() -> JmhResults.read(file))
        .isInstanceOf(IOException.class).hasMessageContaining("empty.json");
  }

  @Test
  void read_entryWithoutScore() throws IOException {
    Path file = Files.writeString(dir.resolve("bad.json"),
        "[{\"benchmark\": \"a.B.c\", \"mode\": \"avgt\"}]");

    assertThatThrownBy(() -> JmhResults.read(file))
        .isInstanceOf(IOException.class).hasMessageContaining("bad.json")
        .hasMessageContaining("primary score");
  }

  @Test
  void read_missingFile() {
    assertThatThrownBy(() -> JmhResults.read(dir.resolve("absent.json")))
        .isInstanceOf(IOException.class);
  }

  private static double seconds(double score, String unit) {
    return JmhResults.Result.secondsPerOp(new JmhResults.Metric(score, 0, unit, score));
  }
}
