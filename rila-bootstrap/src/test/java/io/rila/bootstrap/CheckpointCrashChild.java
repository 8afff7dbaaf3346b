package io.rila.bootstrap;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The process that {@link CheckpointCrashTest} kills: a slowed-down checkpointed fit.
 *
 * <p>Arguments: the checkpoint folder, then {@code slow} (the progress listener sleeps a few
 * milliseconds per chunk, so the parts are written at a steady pace) or {@code stall} (as slow,
 * and the second part this process writes stops half-way, its temporary file flushed, until the
 * process is killed). It prints {@link #FIRST_CHUNKS} once {@link #EVERY} members are
 * done and {@link #STALLED} once the stalled write has stopped.
 */
final class CheckpointCrashChild {

  static final int MEMBERS = 1000;
  /** A part every 50 members: 5 chunks of 10. */
  static final int EVERY = 50;
  static final String FIRST_CHUNKS = "first chunks done";
  static final String STALLED = "stalled mid-write";

  private static final Random DATA = new Random(4711);
  /** More features than rows: members are solved in the dual form. */
  static final double[][] X = NaiveBootstrap.matrix(DATA, 30, 45);
  static final double[] Y = NaiveBootstrap.target(DATA, X);
  static final double[] W = NaiveBootstrap.weights(DATA, 30);

  private CheckpointCrashChild() {}

  /** The fit's settings, shared by the child and the test. */
  static BootstrapRidgeEnsemble.Builder builder() {
    return BootstrapRidgeEnsemble.newBuilder().estimators(MEMBERS).seed(23).alpha(0.75)
        .resampling(Resampling.circularBlock(3)).precision(Precision.DOUBLE);
  }

  public static void main(String[] args) {
    Path folder = Path.of(args[0]);
    boolean stall = "stall".equals(args[1]);
    AtomicInteger writes = new AtomicInteger();
    BootstrapRidgeEnsemble.Builder builder = builder().executor(Runnable::run)
        .checkpoint(folder, EVERY)
        .progressListener((done, total) -> {
          pause(10);
          if (done == EVERY) {
            System.out.println(FIRST_CHUNKS);
          }
        })
        .checkpointStreams(out -> {
          int write = writes.incrementAndGet();
          return stall && write == 2 ? new CutOffStream(out, 1000, CheckpointCrashChild::stallUntilKilled) : out;
        });
    builder.build().fit(X, Y, W);
    System.out.println("fit complete");
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Prints that the write stalled, then waits to be killed. */
  private static void stallUntilKilled() throws IOException {
    System.out.println(STALLED);
    try {
      Thread.sleep(120_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new InterruptedIOException("the stall ended before the kill");
  }
}
