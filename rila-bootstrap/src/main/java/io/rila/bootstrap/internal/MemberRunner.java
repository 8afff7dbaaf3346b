package io.rila.bootstrap.internal;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Runs the members {@code 0 .. total - 1} of a job in chunks of consecutive members on a caller's
 * {@link Executor}, so that the result does not depend on the executor, the thread count or the
 * order in which chunks finish.
 *
 * <p>The calling thread submits up to {@code helpers} tasks and then works too: every participant
 * claims the next unclaimed chunk until none is left, so a fit finishes even on an executor that
 * never runs its tasks (or runs them on the caller, as {@code Runnable::run} does), and nothing
 * waits on a pool it belongs to. Each participant creates its {@link Worker} (its buffers) once,
 * on its first chunk. The executor is never shut down.
 *
 * <p>Between members every participant checks a stop flag, set by a failure, by the cancellation
 * check or by an interrupt of the calling thread; after a stop, claimed chunks end at their next
 * member and {@link #run} waits for them before it throws, so no worker touches the job's output
 * after it returns. A member that throws stops the run and is reported as a {@link MemberFailure}
 * naming the member (the lowest-numbered failure seen).
 *
 * <p>Internal API: not covered by compatibility guarantees.
 */
public final class MemberRunner {

  /** Progress is reported about this many times per run. */
  private static final int PROGRESS_STEPS = 100;

  /** Per-thread state of a job: buffers sized once, reused for every member it runs. */
  public interface Worker {
    /**
     * Computes one member.
     *
     * @param member the member
     */
    void run(int member);
  }

  /** Hears about completed work; called one call at a time. */
  public interface Listener {
    /**
     * The members {@code from .. to - 1} are complete.
     *
     * @param from the first member of the chunk
     * @param to one past its last member
     */
    void chunkDone(int from, int to);

    /**
     * About every percent of the members: {@code done} members are complete.
     *
     * @param done members completed so far
     * @param total members of the run
     */
    void progress(int done, int total);
  }

  /** The failure of one member, carrying its number. */
  public static final class MemberFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int member;

    MemberFailure(int member, Throwable cause) {
      super("member " + member + ": " + cause, cause);
      this.member = member;
    }

    /**
     * The member that failed.
     *
     * @return its number
     */
    public int member() {
      return member;
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
  private int failedMember = Integer.MAX_VALUE;
  private Throwable failure;
  private boolean wasCancelled;

  private MemberRunner(
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
   * @param total the number of members
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
   * Runs all members and returns the number of threads that took part.
   *
   * @param total the number of members, {@code >= 1}
   * @param chunkSize members per chunk, {@code >= 1}
   * @param executor where helper tasks run
   * @param helpers how many helper tasks to submit
   * @param workers makes one worker per participating thread
   * @param listener hears about completed chunks and progress
   * @param cancelled polled between members; true stops the run
   * @param interruptible whether an interrupt of the calling thread (or of a participating
   *     thread) stops the run; otherwise interrupts are only passed on (the flag is set again)
   * @return the number of threads that ran at least one chunk
   * @throws MemberFailure if a member failed
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
    MemberRunner runner =
        new MemberRunner(total, chunkSize, workers, listener, cancelled, interruptible);
    return runner.execute(executor, Math.min(helpers, runner.chunks - 1));
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
            "fit cancelled after " + done + " of " + total + " members"
                + (interrupted ? " (thread interrupted)" : ""));
      }
    }
    return participants.get();
  }

  private void throwFailure() {
    Throwable t = failure;
    if (failedMember != Integer.MAX_VALUE) {
      throw new MemberFailure(failedMember, t);
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
      int member = from;
      try {
        if (!stop && worker == null) {
          worker = workers.get();
          participants.incrementAndGet();
        }
        while (member < to && !shouldStop()) {
          worker.run(member);
          member++;
        }
        complete = member == to;
      } catch (RuntimeException | Error e) {
        fail(member < to && worker != null ? member : -1, e);
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

  private void fail(int member, Throwable e) {
    synchronized (lock) {
      if (member >= 0 && member < failedMember) {
        failedMember = member;
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
