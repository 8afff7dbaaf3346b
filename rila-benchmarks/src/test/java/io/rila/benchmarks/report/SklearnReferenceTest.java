package io.rila.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SklearnReferenceTest {

  // the layout python/sklearn_reference.py writes
  private static final String JSON = "{\n"
      + "  \"machine\": {\"cpus\": 2, \"cpu\": \"Xeon\", \"python\": \"3.11.2\","
      + " \"platform\": \"Linux\", \"date\": \"2026-11-26T16:14:42+0000\"},\n"
      + "  \"versions\": {\"sklearn\": \"1.2.1\", \"numpy\": \"1.24.2\"},\n"
      + "  \"settings\": {\"repeats\": 3, \"with_10000\": false, \"predict_members\": 10000},\n"
      + "  \"fit\": [\n"
      + "    {\"shape\": \"guide\", \"members\": 100, \"n_jobs\": 1, \"alpha\": 1.0,"
      + " \"seconds\": 0.31, \"all\": [0.3, 0.31, 0.32], \"pickled_bytes\": 930000,"
      + " \"peak_rss_bytes\": 120000000},\n"
      + "    {\"shape\": \"guide\", \"members\": 100, \"n_jobs\": -1, \"alpha\": 1.0,"
      + " \"seconds\": 0.25, \"all\": [0.2, 0.25, 0.3], \"pickled_bytes\": 931000,"
      + " \"peak_rss_bytes\": 121000000},\n"
      + "    {\"shape\": \"production\", \"members\": 100, \"n_jobs\": 1, \"alpha\": 1.0,"
      + " \"seconds\": 0.18, \"all\": [0.18], \"pickled_bytes\": 30000,"
      + " \"peak_rss_bytes\": 121000000}\n"
      + "  ],\n"
      + "  \"alpha\": [{\"shape\": \"guide\", \"members\": 1000, \"n_jobs\": -1, \"alpha\": 0.1,"
      + " \"seconds\": 2.4, \"all\": [2.4]}],\n"
      + "  \"predict\": [{\"shape\": \"guide\", \"members\": 10000, \"rows\": 52,"
      + " \"seconds\": 1.02, \"all\": [1.02]}]\n"
      + "}\n";

  @TempDir
  Path dir;

  @Test
  void read_everyLookup() throws IOException {
    SklearnReference sk = SklearnReference.read(Files.writeString(dir.resolve("s.json"), JSON));

    assertThat(sk.present()).isTrue();
    assertThat(sk.describe()).isEqualTo("scikit-learn 1.2.1, numpy 1.24.2, Python 3.11.2, 2 CPUs,"
        + " measured 2026-11-26T16:14:42+0000");
    assertThat(sk.repeats()).isEqualTo(3);
    assertThat(sk.fitSeconds("guide", 100, 1)).isEqualTo(OptionalDouble.of(0.31));
    assertThat(sk.fitSeconds("guide", 100, -1)).isEqualTo(OptionalDouble.of(0.25));
    assertThat(sk.fitSeconds("guide", 1000, -1)).isEmpty();
    assertThat(sk.fitRuns("guide", 100, -1)).isEqualTo(3);
    assertThat(sk.fitRuns("production", 100, 1)).isEqualTo(1);
    assertThat(sk.fitRuns("production", 100, -1)).isZero();
    // n_jobs=-1 preferred, n_jobs=1 otherwise
    assertThat(sk.pickledBytes("guide", 100)).isEqualTo(OptionalDouble.of(931_000));
    assertThat(sk.pickledBytes("production", 100)).isEqualTo(OptionalDouble.of(30_000));
    assertThat(sk.peakRssBytes("guide", 100)).isEqualTo(OptionalDouble.of(121_000_000));
    assertThat(sk.pickledBytes("guide", 10_000)).isEmpty();
    assertThat(sk.alphaSeconds(0.1)).isEqualTo(OptionalDouble.of(2.4));
    assertThat(sk.alphaSeconds(10)).isEmpty();
    assertThat(sk.alphaMembers()).isEqualTo(1000);
    assertThat(sk.predictSeconds(10_000, 52)).isEqualTo(OptionalDouble.of(1.02));
    assertThat(sk.predictSeconds(10_000, 1)).isEmpty();
  }

  @Test
  void none_answersEmpty() {
    SklearnReference none = SklearnReference.none();

    assertThat(none.present()).isFalse();
    assertThat(none.describe()).isEmpty();
    assertThat(none.repeats()).isZero();
    assertThat(none.fitSeconds("guide", 100, -1)).isEmpty();
    assertThat(none.alphaMembers()).isZero();
    assertThat(none.predictSeconds(10_000, 1)).isEmpty();
  }

  @Test
  void read_notAReference() throws IOException {
    Path array = Files.writeString(dir.resolve("array.json"), "[]");
    Path noFit = Files.writeString(dir.resolve("nofit.json"), "{\"predict\": []}");

    assertThatThrownBy(() -> SklearnReference.read(array))
        .isInstanceOf(IOException.class).hasMessageContaining("array.json")
        .hasMessageContaining("not a scikit-learn reference");
    assertThatThrownBy(() -> SklearnReference.read(noFit))
        .isInstanceOf(IOException.class).hasMessageContaining("nofit.json");
    assertThatThrownBy(() -> SklearnReference.read(dir.resolve("absent.json")))
        .isInstanceOf(IOException.class);
  }
}
