package io.rila.bootstrap;

import static io.rila.bootstrap.CheckpointCrashChild.EVERY;
import static io.rila.bootstrap.CheckpointCrashChild.MEMBERS;
import static io.rila.bootstrap.CheckpointCrashChild.W;
import static io.rila.bootstrap.CheckpointCrashChild.X;
import static io.rila.bootstrap.CheckpointCrashChild.Y;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpointed fit whose process is killed ({@link Process#destroyForcibly()}: SIGKILL on
 * Linux) between part writes and in the middle of one, then resumed in this JVM.
 */
class CheckpointCrashTest {

  /** Generous: each child needs about a second on an idle machine. */
  private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(60);

  @TempDir Path root;

  private Path folder() {
    return root.resolve("checkpoint");
  }

  private Process start(String mode, Path log) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        CheckpointCrashChild.class.getName(), folder().toString(), mode)
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** Waits until {@code condition} holds, failing if the child exits or the wait is too long. */
  private static void awaitThenKill(Process child, Path log, BooleanSupplier condition)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    try {
      while (!condition.getAsBoolean()) {
        if (!child.isAlive() || System.nanoTime() - start > WAIT_NANOS) {
          throw new AssertionError("child " + (child.isAlive() ? "too slow" : "exited with "
              + child.exitValue()) + "; its output:\n" + Files.readString(log));
        }
        Thread.sleep(2);
      }
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child ended").isTrue();
    }
  }

  private List<Path> files(String prefix, String suffix) {
    try (Stream<Path> files = Files.list(folder())) {
      return files.filter(f -> {
        String name = f.getFileName().toString();
        return name.startsWith(prefix) && name.endsWith(suffix);
      }).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      return List.of();
    }
  }

  private List<Path> parts() {
    return files("members-", ".ckpt");
  }

  private List<Path> temporaryFiles() {
    return files(".members-", ".tmp");
  }

  /** The members the parts hold, read at the documented offset 52 (0 while a part is new). */
  private int savedMembers() {
    int sum = 0;
    for (Path part : parts()) {
      try {
        sum += ByteBuffer.wrap(Files.readAllBytes(part)).order(ByteOrder.LITTLE_ENDIAN)
            .getInt(52);
      } catch (IOException e) {
        return 0;
      }
    }
    return sum;
  }

  private static boolean printed(Path log, String line) {
    try {
      return Files.readAllLines(log, StandardCharsets.UTF_8).contains(line);
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void checkpoint_processKilledBetweenAndDuringPartWritesResumesBitIdentical()
      throws IOException, InterruptedException {
    assumeTrue(Files.isExecutable(Path.of(System.getProperty("java.home"), "bin", "java")),
        "no java launcher in java.home");
    CoefficientStore uninterrupted =
        CheckpointCrashChild.builder().build().fit(X, Y, W).coefficients();

    Path slowLog = root.resolve("slow.log");
    awaitThenKill(start("slow", slowLog), slowLog, () -> savedMembers() >= EVERY);
    int killedBetween = savedMembers();
    assertThat(killedBetween).isBetween(EVERY, MEMBERS - EVERY);
    assertThat(killedBetween % EVERY).isZero();

    Path stallLog = root.resolve("stall.log");
    awaitThenKill(start("stall", stallLog), stallLog,
        () -> printed(stallLog, CheckpointCrashChild.STALLED));
    assertThat(Files.readAllLines(stallLog)).contains(CheckpointCrashChild.FIRST_CHUNKS);
    // the killed write left its temporary file, partly written; the resumed child had saved
    // one part more before it
    assertThat(temporaryFiles()).hasSize(1);
    assertThat(Files.size(temporaryFiles().get(0))).isEqualTo(1000);
    int saved = savedMembers();
    assertThat(saved).isEqualTo(killedBetween + EVERY);

    AtomicInteger written = new AtomicInteger();
    EnsembleModel resumed = CheckpointCrashChild.builder().checkpoint(folder(), EVERY)
        .checkpointStreams(out -> {
          written.incrementAndGet();
          return out;
        }).build().fit(X, Y, W);
    assertBitIdentical(resumed.coefficients(), uninterrupted);
    // the saved members were restored, not fitted again: only the others were saved anew
    assertThat(written).hasValue((MEMBERS - saved) / EVERY);
    assertThat(temporaryFiles()).isEmpty();
    assertThat(parts()).isEmpty();
  }

  private static void assertBitIdentical(CoefficientStore actual, CoefficientStore expected) {
    assertThat(actual).isEqualTo(expected);
    int width = expected.features() + 1;
    double[] a = new double[expected.members() * width];
    double[] e = new double[a.length];
    actual.copyMembers(0, actual.members(), a, 0);
    expected.copyMembers(0, expected.members(), e, 0);
    for (int i = 0; i < a.length; i++) {
      if (Double.doubleToRawLongBits(a[i]) != Double.doubleToRawLongBits(e[i])) {
        throw new AssertionError("number " + i + ": " + a[i] + " != " + e[i]);
      }
    }
  }
}
