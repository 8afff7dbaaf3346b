package io.rila.features.selection;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs tasks {@code 0 .. count-1} on a caller's executor, with the calling thread taking tasks as
 * well. Tasks are claimed from a shared counter, so a saturated or single-threaded executor never
 * deadlocks the caller: it simply ends up running most tasks itself. Each task must write only its
 * own slot of the output, which keeps results independent of scheduling.
 */
final class ParallelTasks {

  private final IntConsumer task;
  private final int count;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger remaining;
  private final CountDownLatch done = new CountDownLatch(1);
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile boolean stopped;

  private ParallelTasks(int count, IntConsumer task) {
    this.task = task;
    this.count = count;
    this.remaining = new AtomicInteger(count);
  }

  /**
   * Runs every task and returns when all have finished. The first failure stops the tasks not yet
   * started and is rethrown (unchecked exceptions and errors as they are).
   *
   * @throws CancellationException when the calling thread is interrupted while waiting
   */
  static void run(Executor executor, int count, IntConsumer task) {
    if (count == 0) {
      return;
    }
    ParallelTasks run = new ParallelTasks(count, task);
    int helpers = Math.min(count - 1, Runtime.getRuntime().availableProcessors());
    try {
      for (int i = 0; i < helpers && !run.stopped; i++) {
        executor.execute(run::drain);
      }
    } catch (RejectedExecutionException e) {
      // A saturated or shut-down executor: the calling thread runs what no helper claims.
    }
    run.drain();
    try {
      run.done.await();
    } catch (InterruptedException e) {
      run.stopped = true;
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting for parallel tasks");
    }
    Throwable t = run.failure.get();
    if (t instanceof RuntimeException) {
      throw (RuntimeException) t;
    }
    if (t instanceof Error) {
      throw (Error) t;
    }
    if (t != null) {
      throw new IllegalStateException(t);
    }
  }

  private void drain() {
    int i;
    while ((i = next.getAndIncrement()) < count) {
      if (!stopped) {
        try {
          task.accept(i);
        } catch (Throwable t) {
          failure.compareAndSet(null, t);
          stopped = true;
        }
      }
      if (remaining.decrementAndGet() == 0) {
        done.countDown();
      }
    }
  }
}
