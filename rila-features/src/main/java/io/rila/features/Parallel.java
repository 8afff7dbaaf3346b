package io.rila.features;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.IntConsumer;

/** Runs independent tasks on the caller's executor, or inline when there is none. */
final class Parallel {

  private Parallel() {}

  /**
   * Runs {@code task.accept(t)} for {@code t} in {@code [0, tasks)} and waits for all of them.
   * Each task writes only its own outputs, so the result does not depend on the scheduling. The
   * first failure is rethrown once every task has finished.
   */
  static void run(Executor executor, int tasks, IntConsumer task) {
    if (executor == null || tasks <= 1) {
      for (int t = 0; t < tasks; t++) {
        task.accept(t);
      }
      return;
    }
    CompletableFuture<?>[] futures = new CompletableFuture<?>[tasks];
    for (int t = 0; t < tasks; t++) {
      int chunk = t;
      futures[t] = CompletableFuture.runAsync(() -> task.accept(chunk), executor);
    }
    try {
      CompletableFuture.allOf(futures).join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw e;
    }
  }

  /** How many chunks to cut {@code items} into: a few per processor, at most one per item. */
  static int chunks(Executor executor, int items) {
    if (executor == null) {
      return 1;
    }
    return Math.max(1, Math.min(items, 4 * Runtime.getRuntime().availableProcessors()));
  }
}
