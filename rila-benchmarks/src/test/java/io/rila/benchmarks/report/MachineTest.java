package io.rila.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineTest {

  private static final LocalDate DAY = LocalDate.of(2026, 11, 26);

  @TempDir
  Path dir;

  @Test
  void of_coresMostResultsRecorded() throws IOException {
    // a 2-core run with one thread-scaling result from a 16-core machine added
    JmhResults jmh = JmhResults.read(new SyntheticRun()
        .add("a.B.c", "avgt", 1, "ms/op").secondary("availableProcessors", 16, "#")
        .add("a.B.d", "avgt", 1, "ms/op").secondary("availableProcessors", 2, "#")
        .add("a.B.e", "avgt", 1, "ms/op").secondary("availableProcessors", 2, "#")
        .add("a.B.f", "avgt", 1, "ms/op")
        .write(dir.resolve("run.json")));

    Machine machine = Machine.of(jmh, DAY);

    assertThat(machine.cores()).isEqualTo(2);
    assertThat(machine.jvm())
        .isEqualTo("17.0.15, OpenJDK 64-Bit Server VM 17.0.15+6-Debian-1deb12u1");
    assertThat(machine.date()).isEqualTo(DAY);
    assertThat(machine.cpu()).isNotBlank();
    assertThat(machine.os()).contains(System.getProperty("os.name"));
  }

  @Test
  void of_withoutCountersThisJvm() throws IOException {
    JmhResults jmh = JmhResults.read(new SyntheticRun().add("a.B.c", "avgt", 1, "ms/op")
        .write(dir.resolve("run.json")));

    assertThat(Machine.of(jmh, DAY).cores())
        .isEqualTo(Runtime.getRuntime().availableProcessors());
  }
}
