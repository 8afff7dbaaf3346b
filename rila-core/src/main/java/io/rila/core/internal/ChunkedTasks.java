package io.rila.core.internal;

import io.rila.core.progress.ProgressListener;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * rila's one parallel runner: runs the tasks {@code 0 .. total - 1} of a job (the members of a fit,
 * the row blocks of a prediction, the cutoffs of a backtest, the subsets of a search, the
 * feature columns of a builder) in chunks of consecutive tasks on a caller's {@link Executor}, so
 * that the result does not depend on the executor, the thread count or the order in which chunks
 * finish. {@link #run} serves jobs with per-thread workers, progress and cancellation; {@link
 * #forEach} serves plain loops and rethrows a task's exception as it is.
 *
 * <p>The calling thread submits up to {@code helpers} tasks and then works too: every participant
 * claims the next unclaimed chunk until none is left, so a fit finishes even on an executor that
 * never runs its tasks (or runs them on the caller, as {@code Runnable::run} does), and nothing
 * waits on a pool it belongs to. Each participant creates its {@link Worker} (its buffers) once,
 * on its first chunk. The executor is never shut down. In particular a caller that is itself the
 * only thread of the executor it passes (a single-thread executor calling back into rila) runs
 * every task itself instead of deadlocking, which blocking on futures would do.
 *
 * <p>Between tasks every participant checks a stop flag, set by a failure, by the cancellation
 * check or by an interrupt of the calling thread; after a stop, claimed chunks end at their next
 * task and {@link #run} waits for them before it throws, so no worker touches the job's output
 * after it returns, whether it returns or throws (an interrupt included). A task that throws stops
 * the run and is reported as a {@link TaskFailure} naming the task (the lowest-numbered failure
 * seen); {@link #forEach} rethrows the failure's own exception.
 *
 * <p>Internal API: not covered by compatibility guarantees.
 */
public final class ChunkedTasks {

  /** Progress is reported about this many times per run. */
  private static final int PROGRESS_STEPS = 100;

  /** Per-thread state of a job: buffers sized once, reused for every task it runs. */
  public interface Worker {
    /**
     * Computes one task.
     *
     * @param task the task
     */
    void run(int task);
  }

  /** Hears about completed work; called one call at a time. */
  public interface Listener {
    /** A listener that ignores everything. */
    Listener NONE = new Listener() {
      @Override
      public void chunkDone(int from, int to) {}

      @Override
      public void progress(int done, int total) {}
    };

    /**
     * The runner's events as a user's progress listener hears them.
     *
     * @param listener the listener, or null for {@link #NONE}
     * @return the events
     */
    static Listener of(ProgressListener listener) {
      if (listener == null) {
        return NONE;
      }
      return new Listener() {
        @Override
        public void chunkDone(int from, int to) {}

        @Override
        public void progress(int done, int total) {
          listener.progress(done, total);
        }
      };
    }

    /**
     * The tasks {@code from .. to - 1} are complete.
     *
     * @param from the first task of the chunk
     * @param to one past its last task
     */
    void chunkDone(int from, int to);

    /**
     * About every percent of the tasks: {@code done} tasks are complete.
     *
     * @param done tasks completed so far
     * @param total tasks of the run
     */
    void progress(int done, int total);
  }

  /** The failure of one task, carrying its number. */
  public static final class TaskFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int task;

    TaskFailure(int task, Throwable cause) {
      super("task " + task + ": " + cause, cause);
      this.task = task;
    }

    /**
     * The task that failed.
     *
     * @return its number
     */
    public int task() {
      return task;
    }
  }

  private final int total;
  private final int chunkSize;
  private final int chunks;
  private final Supplier<? extends Worker> workers;
  private final Listener listener;
  private final BooleanSupplier cancelled;
  private final boolean interruptible;

  private final AtomicInteger nextChunk = new AtomicInteger();
  private final AtomicInteger participants = new AtomicInteger();
  private final Object lock = new Object();
  private volatile boolean stop;
  private int settled;
  private int done;
  private int reportedStep;
  private int failedTask = Integer.MAX_VALUE;
  private Throwable failure;
  private boolean wasCancelled;

  private ChunkedTasks(
      int total, int chunkSize, Supplier<? extends Worker> workers,
      Listener listener, BooleanSupplier cancelled, boolean interruptible) {
    this.total = total;
    this.chunkSize = chunkSize;
    this.chunks = (int) (((long) total + chunkSize - 1) / chunkSize);
    this.workers = workers;
    this.listener = listener;
    this.cancelled = cancelled;
    this.interruptible = interruptible;
  }

  /**
   * The default chunk size: about {@value #PROGRESS_STEPS} chunks per run.
   *
   * @param total the number of tasks
   * @return the chunk size, {@code >= 1}
   */
  public static int defaultChunkSize(int total) {
    return Math.max(1, (total + PROGRESS_STEPS - 1) / PROGRESS_STEPS);
  }

  /**
   * How many tasks to submit to {@code executor} besides the calling thread: the parallelism of a
   * {@link ForkJoinPool}, the maximum size of a {@link ThreadPoolExecutor} (at most the number of
   * processors), otherwise the number of processors less one.
   *
   * @param executor the executor
   * @return the number of helper tasks, {@code >= 0}
   */
  public static int helpers(Executor executor) {
    int processors = Runtime.getRuntime().availableProcessors();
    if (executor instanceof ForkJoinPool) {
      return ((ForkJoinPool) executor).getParallelism();
    }
    if (executor instanceof ThreadPoolExecutor) {
      return Math.min(((ThreadPoolExecutor) executor).getMaximumPoolSize(), processors);
    }
    return Math.max(0, processors - 1);
  }

  /**
   * Runs all tasks and returns the number of threads that took part.
   *
   * @param total the number of tasks, {@code >= 1}
   * @param chunkSize tasks per chunk, {@code >= 1}
   * @param executor where helper tasks run
   * @param helpers how many helper tasks to submit
   * @param workers makes one worker per participating thread
   * @param listener hears about completed chunks and progress
   * @param cancelled polled between tasks; true stops the run
   * @param interruptible whether an interrupt of the calling thread (or of a participating
   *     thread) stops the run; otherwise interrupts are only passed on (the flag is set again)
   * @return the number of threads that ran at least one chunk
   * @throws TaskFailure if a task failed
   * @throws CancellationException if {@code cancelled} turned true, or the run is interruptible
   *     and a participating thread was interrupted (the caller's interrupt flag is then set
   *     again)
   * @throws RuntimeException or {@link Error} thrown by the listener or by creating a worker
   */
  public static int run(
      int total, int chunkSize, Executor executor, int helpers,
      Supplier<? extends Worker> workers, Listener listener,
      BooleanSupplier cancelled, boolean interruptible) {
    Objects.requireNonNull(executor, "executor");
    ChunkedTasks runner =
        new ChunkedTasks(total, chunkSize, workers, listener, cancelled, interruptible);
    return runner.execute(executor, Math.min(helpers, runner.chunks - 1));
  }

  /**
   * Runs {@code task.accept(i)} for every {@code i} in {@code [0, count)}, one task per chunk, on
   * the executor with the calling thread taking part, and returns when all have finished. Each
   * task must write only its own outputs. The first failure stops the tasks not yet started and
   * is rethrown as it is (the lowest-numbered one seen).
   *
   * @param executor where helper tasks run, or null to run every task on the calling thread
   * @param count the number of tasks, {@code >= 0}
   * @param task the work of one task
   * @param interruptible whether an interrupt of the calling thread stops the run with {@link
   *     CancellationException} (after every started task has finished); otherwise all tasks run
   *     and the interrupt flag is set again
   * @throws CancellationException if interruptible and interrupted
   * @throws RuntimeException or {@link Error} thrown by a task
   */
  public static void forEach(
      Executor executor, int count, IntConsumer task, boolean interruptible) {
    forEach(executor, count, task, interruptible, null);
  }

  /**
   * As {@link #forEach(Executor, int, IntConsumer, boolean)}, telling {@code progress} (if not
   * null) about every percent of the tasks done.
   *
   * @param executor where helper tasks run, or null to run every task on the calling thread
   * @param count the number of tasks, {@code >= 0}
   * @param task the work of one task
   * @param interruptible whether an interrupt stops the run (see the other overload)
   * @param progress hears {@code (done, total)} tasks, or null
   * @throws CancellationException if interruptible and interrupted
   * @throws RuntimeException or {@link Error} thrown by a task or the listener
   */
  public static void forEach(Executor executor, int count, IntConsumer task,
      boolean interruptible, ProgressListener progress) {
    Objects.requireNonNull(task, "task");
    if (count <= 0) {
      return;
    }
    Worker worker = task::accept;
    int helpers = executor == null ? 0 : helpers(executor);
    try {
      run(count, 1, executor == null ? Runnable::run : executor, helpers, () -> worker,
          Listener.of(progress), () -> false, interruptible);
    } catch (TaskFailure e) {
      Throwable cause = e.getCause();
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw (RuntimeException) cause;
    }
  }

  /**
   * How many chunks to cut {@code items} into for {@link #forEach}: a few per processor, at most
   * one per item, one without an executor.
   *
   * @param executor the executor, or null
   * @param items the number of items
   * @return the number of chunks, {@code >= 1}
   */
  public static int chunks(Executor executor, int items) {
    if (executor == null) {
      return 1;
    }
    return Math.max(1, Math.min(items, 4 * Runtime.getRuntime().availableProcessors()));
  }

  private int execute(Executor executor, int helpers) {
    for (int h = 0; h < helpers && !stop; h++) {
      try {
        executor.execute(this::participate);
      } catch (RejectedExecutionException e) {
        break;
      }
    }
    participate();
    boolean interrupted = awaitSettled();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    synchronized (lock) {
      if (failure != null) {
        throwFailure();
      }
      if (wasCancelled || (interrupted && interruptible)) {
        throw new CancellationException(
            "cancelled after " + done + " of " + total + " tasks"
                + (interrupted ? " (thread interrupted)" : ""));
      }
    }
    return participants.get();
  }

  private void throwFailure() {
    Throwable t = failure;
    if (failedTask != Integer.MAX_VALUE) {
      throw new TaskFailure(failedTask, t);
    }
    if (t instanceof RuntimeException) {
      throw (RuntimeException) t;
    }
    throw (Error) t;
  }

  /**
   * Waits until every chunk is settled; an interrupt stops an interruptible run, and the wait goes
   * on either way.
   */
  private boolean awaitSettled() {
    boolean interrupted = false;
    synchronized (lock) {
      while (settled < chunks) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          interrupted = true;
          if (interruptible) {
            stop = true;
          }
        }
      }
    }
    return interrupted;
  }

  /** The loop every participant runs: claim a chunk, run it, settle it, until none is left. */
  private void participate() {
    Worker worker = null;
    int chunk;
    while ((chunk = nextChunk.getAndIncrement()) < chunks) {
      int from = chunk * chunkSize;
      int to = Math.min(total, from + chunkSize);
      boolean complete = false;
      int task = from;
      try {
        if (!stop && worker == null) {
          worker = workers.get();
          participants.incrementAndGet();
        }
        while (task < to && !shouldStop()) {
          worker.run(task);
          task++;
        }
        complete = task == to;
      } catch (RuntimeException | Error e) {
        fail(task < to && worker != null ? task : -1, e);
      }
      settle(from, to, complete);
    }
  }

  private boolean shouldStop() {
    if (stop) {
      return true;
    }
    if (cancelled.getAsBoolean() || (interruptible && Thread.currentThread().isInterrupted())) {
      synchronized (lock) {
        wasCancelled = true;
      }
      stop = true;
      return true;
    }
    return false;
  }

  private void fail(int task, Throwable e) {
    synchronized (lock) {
      if (task >= 0 && task < failedTask) {
        failedTask = task;
        failure = e;
      } else if (failure == null) {
        failure = e;
      }
    }
    stop = true;
  }

  private void settle(int from, int to, boolean complete) {
    synchronized (lock) {
      try {
        if (complete && failure == null) {
          done += to - from;
          listener.chunkDone(from, to);
          int step = (int) ((long) done * PROGRESS_STEPS / total);
          if (step > reportedStep || done == total) {
            reportedStep = step;
            listener.progress(done, total);
          }
        }
      } catch (RuntimeException | Error e) {
        if (failure == null) {
          failure = e;
        }
        stop = true;
      } finally {
        settled++;
        lock.notifyAll();
      }
    }
  }
}
