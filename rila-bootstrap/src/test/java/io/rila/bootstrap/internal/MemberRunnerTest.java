package io.rila.bootstrap.internal;

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

class MemberRunnerTest {

  /** Records chunk and progress events. */
  private static class Recorder implements MemberRunner.Listener {
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
        int threads = MemberRunner.run(1003, 7, executor, 3, () -> {
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
    int threads = MemberRunner.run(50, 5, parked::add, 4, () -> hits::incrementAndGet,
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
    assertThatThrownBy(() -> MemberRunner.run(100, 10, Runnable::run, 2, () -> k -> {
      if (k == 37) {
        throw cause;
      }
      hits.incrementAndGet(k);
    }, recorder, () -> false, true))
        .isInstanceOfSatisfying(MemberRunner.MemberFailure.class,
            f -> assertThat(f.member()).isEqualTo(37))
        .hasCause(cause)
        .hasMessageContaining("member 37");
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
    assertThatThrownBy(() -> MemberRunner.run(40, 1, Runnable::run, 2, () -> k -> {
      hits.incrementAndGet(k);
      if (k == 9 || k == 19) {
        throw new IllegalStateException("bad " + k);
      }
    }, new Recorder(), () -> false, true))
        .isInstanceOfSatisfying(MemberRunner.MemberFailure.class,
            f -> assertThat(f.member()).isEqualTo(9))
        .hasMessageContaining("member 9: java.lang.IllegalStateException: bad 9");
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
      assertThatThrownBy(() -> MemberRunner.run(40, 10, pool, 1, () -> k -> {
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
          .isInstanceOfSatisfying(MemberRunner.MemberFailure.class,
              f -> assertThat(f.member()).isEqualTo(9))
          .hasMessageContaining("bad 9");
    } finally {
      pool.shutdown();
    }
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void run_cancelledBetweenMembers() {
    AtomicInteger ran = new AtomicInteger();
    assertThatThrownBy(() -> MemberRunner.run(100, 10, Runnable::run, 0,
        () -> k -> ran.incrementAndGet(), new Recorder(), () -> ran.get() >= 25, true))
        .isInstanceOf(CancellationException.class)
        .hasMessageContaining("cancelled after 20 of 100 members");
    assertThat(ran.get()).isEqualTo(25);
  }

  @Test
  void run_interruptedCaller() {
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> MemberRunner.run(10, 1, Runnable::run, 0, () -> k -> { },
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
      MemberRunner.run(30, 4, Runnable::run, 0, () -> hits::incrementAndGet, new Recorder(),
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
    MemberRunner.run(10_000, 1, Runnable::run, 0, () -> k -> { }, recorder, () -> false, true);
    assertThat(recorder.progress).hasSize(100);
    for (int i = 0; i < 100; i++) {
      assertThat(recorder.progress.get(i)).containsExactly(100 * (i + 1), 10_000);
    }
    Recorder few = new Recorder();
    MemberRunner.run(3, 1, Runnable::run, 0, () -> k -> { }, few, () -> false, true);
    assertThat(few.progress).hasSize(3);
    assertThat(few.progress.get(2)).containsExactly(3, 3);
  }

  @Test
  void run_listenerFailureIsRethrown() {
    UnsupportedOperationException boom = new UnsupportedOperationException("listener");
    MemberRunner.Listener failing = new Recorder() {
      @Override
      public void progress(int done, int total) {
        throw boom;
      }
    };
    assertThatThrownBy(() -> MemberRunner.run(20, 2, Runnable::run, 0, () -> k -> { }, failing,
        () -> false, true)).isSameAs(boom);
  }

  @Test
  void run_workerCreationFailureIsRethrown() {
    OutOfMemoryError oom = new OutOfMemoryError("workspace");
    assertThatThrownBy(() -> MemberRunner.run(20, 2, Runnable::run, 0, () -> {
      throw oom;
    }, new Recorder(), () -> false, true)).isSameAs(oom);
  }

  @Test
  void helpers_followTheExecutor() {
    int processors = Runtime.getRuntime().availableProcessors();
    ForkJoinPool fj = new ForkJoinPool(3);
    ThreadPoolExecutor fixed = (ThreadPoolExecutor) Executors.newFixedThreadPool(1);
    try {
      assertThat(MemberRunner.helpers(fj)).isEqualTo(3);
      assertThat(MemberRunner.helpers(fixed)).isEqualTo(1);
      assertThat(MemberRunner.helpers(Runnable::run)).isEqualTo(Math.max(0, processors - 1));
    } finally {
      fj.shutdown();
      fixed.shutdown();
    }
  }

  @Test
  void defaultChunkSize_aboutOneHundredChunks() {
    assertThat(MemberRunner.defaultChunkSize(10_000)).isEqualTo(100);
    assertThat(MemberRunner.defaultChunkSize(150)).isEqualTo(2);
    assertThat(MemberRunner.defaultChunkSize(1)).isEqualTo(1);
  }
}
