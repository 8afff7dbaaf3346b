package io.rila.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ChunkedTasksTest {

  /** Records chunk and progress events. */
  private static class Recorder implements ChunkedTasks.Listener {
    final List<int[]> chunks = new ArrayList<>();
    final List<int[]> progress = new ArrayList<>();

    @Override
    public void chunkDone(int from, int to) {
      chunks.add(new int[] {from, to});
    }

    @Override
    public void progress(int done, int total) {
      progress.add(new int[] {done, total});
    }
  }

  @Test
  void run_runsEveryMemberOnceOnAnyExecutor() {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      for (Executor executor : new Executor[] {Runnable::run, ForkJoinPool.commonPool(), pool}) {
        AtomicIntegerArray hits = new AtomicIntegerArray(1003);
        AtomicInteger workers = new AtomicInteger();
        Recorder recorder = new Recorder();
        int threads = ChunkedTasks.run(1003, 7, executor, 3, () -> {
          workers.incrementAndGet();
          return hits::incrementAndGet;
        }, recorder, () -> false, true);
        for (int k = 0; k < 1003; k++) {
          assertThat(hits.get(k)).as("member %d", k).isEqualTo(1);
        }
        assertThat(threads).isEqualTo(workers.get()).isBetween(1, 4);
        assertThat(recorder.chunks).hasSize(144);
        int covered = 0;
        for (int[] c : recorder.chunks) {
          assertThat(c[0] % 7).isZero();
          covered += c[1] - c[0];
        }
        assertThat(covered).isEqualTo(1003);
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void run_executorThatNeverRunsItsTasks() {
    List<Runnable> parked = new ArrayList<>();
    AtomicIntegerArray hits = new AtomicIntegerArray(50);
    int threads = ChunkedTasks.run(50, 5, parked::add, 4, () -> hits::incrementAndGet,
        new Recorder(), () -> false, true);
    assertThat(threads).isEqualTo(1);
    assertThat(parked).hasSize(4);
    parked.forEach(Runnable::run);
    for (int k = 0; k < 50; k++) {
      assertThat(hits.get(k)).isEqualTo(1);
    }
  }

  @Test
  void run_failureNamesTheMemberAndStopsTheRest() {
    AtomicIntegerArray hits = new AtomicIntegerArray(100);
    IllegalArgumentException cause = new IllegalArgumentException("singular");
    Recorder recorder = new Recorder();
    assertThatThrownBy(() -> ChunkedTasks.run(100, 10, Runnable::run, 2, () -> k -> {
      if (k == 37) {
        throw cause;
      }
      hits.incrementAndGet(k);
    }, recorder, () -> false, true))
        .isInstanceOfSatisfying(ChunkedTasks.TaskFailure.class,
            f -> assertThat(f.task()).isEqualTo(37))
        .hasCause(cause)
        .hasMessageContaining("task 37");
    assertThat(hits.get(36)).isEqualTo(1);
    for (int k = 38; k < 100; k++) {
      assertThat(hits.get(k)).as("member %d", k).isZero();
    }
    assertThat(recorder.chunks).hasSize(3);
  }

  @Test
  void run_callerThreadStopsAtTheFirstFailingMember() {
    AtomicIntegerArray hits = new AtomicIntegerArray(40);
    // Runnable::run runs the helper on the caller, which claims the chunks in member order
    assertThatThrownBy(() -> ChunkedTasks.run(40, 1, Runnable::run, 2, () -> k -> {
      hits.incrementAndGet(k);
      if (k == 9 || k == 19) {
        throw new IllegalStateException("bad " + k);
      }
    }, new Recorder(), () -> false, true))
        .isInstanceOfSatisfying(ChunkedTasks.TaskFailure.class,
            f -> assertThat(f.task()).isEqualTo(9))
        .hasMessageContaining("task 9: java.lang.IllegalStateException: bad 9");
    for (int k = 0; k < 40; k++) {
      assertThat(hits.get(k)).as("member %d", k).isEqualTo(k <= 9 ? 1 : 0);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new AssertionError("latch not released in 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  @Test
  void run_reportsTheLowestFailingMember() throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(1);
    CountDownLatch nineStarted = new CountDownLatch(1);
    CountDownLatch nineteenFailed = new CountDownLatch(1);
    try {
      // the two participants hold chunks [0, 10) and [10, 20); member 19 fails only once member 9
      // has started (so the stop flag cannot keep 9 from running), and member 9 fails only after
      // 19 has: both failures reach the runner, 19 first, and the lower one must win
      assertThatThrownBy(() -> ChunkedTasks.run(40, 10, pool, 1, () -> k -> {
        if (k == 19) {
          await(nineStarted);
          nineteenFailed.countDown();
          throw new IllegalStateException("bad 19");
        }
        if (k == 9) {
          nineStarted.countDown();
          await(nineteenFailed);
          throw new IllegalStateException("bad 9");
        }
      }, new Recorder(), () -> false, true))
          .isInstanceOfSatisfying(ChunkedTasks.TaskFailure.class,
              f -> assertThat(f.task()).isEqualTo(9))
          .hasMessageContaining("bad 9");
    } finally {
      pool.shutdown();
    }
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void run_cancelledBetweenMembers() {
    AtomicInteger ran = new AtomicInteger();
    assertThatThrownBy(() -> ChunkedTasks.run(100, 10, Runnable::run, 0,
        () -> k -> ran.incrementAndGet(), new Recorder(), () -> ran.get() >= 25, true))
        .isInstanceOf(CancellationException.class)
        .hasMessageContaining("cancelled after 20 of 100 tasks");
    assertThat(ran.get()).isEqualTo(25);
  }

  @Test
  void run_interruptedCaller() {
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> ChunkedTasks.run(10, 1, Runnable::run, 0, () -> k -> { },
          new Recorder(), () -> false, true))
          .isInstanceOf(CancellationException.class).hasMessageContaining("after 0 of 10");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void run_notInterruptibleFinishesAndKeepsTheFlag() {
    AtomicIntegerArray hits = new AtomicIntegerArray(30);
    Thread.currentThread().interrupt();
    try {
      ChunkedTasks.run(30, 4, Runnable::run, 0, () -> hits::incrementAndGet, new Recorder(),
          () -> false, false);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    for (int k = 0; k < 30; k++) {
      assertThat(hits.get(k)).isEqualTo(1);
    }
  }

  @Test
  void run_progressAboutEveryPercent() {
    Recorder recorder = new Recorder();
    ChunkedTasks.run(10_000, 1, Runnable::run, 0, () -> k -> { }, recorder, () -> false, true);
    assertThat(recorder.progress).hasSize(100);
    for (int i = 0; i < 100; i++) {
      assertThat(recorder.progress.get(i)).containsExactly(100 * (i + 1), 10_000);
    }
    Recorder few = new Recorder();
    ChunkedTasks.run(3, 1, Runnable::run, 0, () -> k -> { }, few, () -> false, true);
    assertThat(few.progress).hasSize(3);
    assertThat(few.progress.get(2)).containsExactly(3, 3);
  }

  @Test
  void run_listenerFailureIsRethrown() {
    UnsupportedOperationException boom = new UnsupportedOperationException("listener");
    ChunkedTasks.Listener failing = new Recorder() {
      @Override
      public void progress(int done, int total) {
        throw boom;
      }
    };
    assertThatThrownBy(() -> ChunkedTasks.run(20, 2, Runnable::run, 0, () -> k -> { }, failing,
        () -> false, true)).isSameAs(boom);
  }

  @Test
  void run_workerCreationFailureIsRethrown() {
    OutOfMemoryError oom = new OutOfMemoryError("workspace");
    assertThatThrownBy(() -> ChunkedTasks.run(20, 2, Runnable::run, 0, () -> {
      throw oom;
    }, new Recorder(), () -> false, true)).isSameAs(oom);
  }

  @Test
  void helpers_followTheExecutor() {
    int processors = Runtime.getRuntime().availableProcessors();
    ForkJoinPool fj = new ForkJoinPool(3);
    ThreadPoolExecutor fixed = (ThreadPoolExecutor) Executors.newFixedThreadPool(1);
    try {
      assertThat(ChunkedTasks.helpers(fj)).isEqualTo(3);
      assertThat(ChunkedTasks.helpers(fixed)).isEqualTo(1);
      assertThat(ChunkedTasks.helpers(Runnable::run)).isEqualTo(Math.max(0, processors - 1));
    } finally {
      fj.shutdown();
      fixed.shutdown();
    }
  }

  @Test
  void defaultChunkSize_aboutOneHundredChunks() {
    assertThat(ChunkedTasks.defaultChunkSize(10_000)).isEqualTo(100);
    assertThat(ChunkedTasks.defaultChunkSize(150)).isEqualTo(2);
    assertThat(ChunkedTasks.defaultChunkSize(1)).isEqualTo(1);
  }
  @Test
  void forEach_everyTaskExactlyOnce() {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      AtomicIntegerArray hits = new AtomicIntegerArray(1000);
      ChunkedTasks.forEach(pool, 1000, hits::incrementAndGet, true);
      for (int i = 0; i < 1000; i++) {
        assertThat(hits.get(i)).as("task %d", i).isEqualTo(1);
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void forEach_nullExecutorRunsOnTheCaller() {
    Thread caller = Thread.currentThread();
    List<Thread> threads = new ArrayList<>();
    ChunkedTasks.forEach(null, 5, i -> threads.add(Thread.currentThread()), false);
    assertThat(threads).hasSize(5).containsOnly(caller);
  }

  @Test
  void forEach_rejectingExecutorLeavesTheWorkToTheCaller() {
    AtomicIntegerArray hits = new AtomicIntegerArray(10);
    ChunkedTasks.forEach(r -> {
      throw new java.util.concurrent.RejectedExecutionException("full");
    }, 10, hits::incrementAndGet, true);
    for (int i = 0; i < 10; i++) {
      assertThat(hits.get(i)).isEqualTo(1);
    }
  }

  @Test
  void forEach_failureIsRethrownUnwrappedAndStopsTheRest() {
    AtomicIntegerArray hits = new AtomicIntegerArray(100);
    IllegalStateException bad = new IllegalStateException("task 3 failed");
    assertThatThrownBy(() -> ChunkedTasks.forEach(Runnable::run, 100, i -> {
      hits.incrementAndGet(i);
      if (i == 3) {
        throw bad;
      }
    }, true)).isSameAs(bad);
    assertThat(hits.get(99)).isZero();
  }

  /**
   * The old features.Parallel blocked on {@code CompletableFuture.allOf(...).join()}: called from
   * the only thread of the executor it was given, it waited for tasks queued behind itself and
   * never returned. The runner's caller works too, so the call completes.
   */
  @Test
  void forEach_calledFromTheOnlyThreadOfItsExecutorDoesNotDeadlock() throws Exception {
    ExecutorService single = Executors.newSingleThreadExecutor();
    try {
      AtomicIntegerArray hits = new AtomicIntegerArray(50);
      java.util.concurrent.Future<?> outer = single.submit(
          () -> ChunkedTasks.forEach(single, 50, hits::incrementAndGet, true));
      outer.get(30, TimeUnit.SECONDS);
      for (int i = 0; i < 50; i++) {
        assertThat(hits.get(i)).as("task %d", i).isEqualTo(1);
      }
    } finally {
      single.shutdownNow();
    }
  }

  /**
   * An interrupted caller gets its CancellationException only after every task a helper had
   * started has finished: no helper writes after the call returns.
   */
  @Test
  void forEach_interruptedCallerWaitsForRunningHelpers() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch helperStarted = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      AtomicInteger finishedWrites = new AtomicInteger();
      AtomicInteger writesWhenCallerLeft = new AtomicInteger(-1);
      Thread caller = Thread.currentThread();
      Thread interrupter = new Thread(() -> {
        await(helperStarted);
        caller.interrupt();
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        release.countDown();
      });
      interrupter.start();
      assertThatThrownBy(() -> ChunkedTasks.forEach(pool, 2, i -> {
        if (Thread.currentThread() != caller) {
          helperStarted.countDown();
          await(release);
          finishedWrites.incrementAndGet();
        } else {
          // the caller spins here until interrupted (after the helper started), then stops
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
          while (!Thread.currentThread().isInterrupted()) {
            if (System.nanoTime() > deadline) {
              throw new AssertionError("not interrupted in 30 s");
            }
            Thread.onSpinWait();
          }
        }
      }, true)).isInstanceOf(CancellationException.class);
      writesWhenCallerLeft.set(finishedWrites.get());
      assertThat(Thread.interrupted()).as("the interrupt flag is set again").isTrue();
      interrupter.join();
      assertThat(writesWhenCallerLeft.get()).as("the helper finished before the call returned")
          .isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
