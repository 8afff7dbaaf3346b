package io.rila.features.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelTasksTest {

  @Test
  void run_everyTaskExactlyOnce() {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      AtomicIntegerArray hits = new AtomicIntegerArray(1000);
      ParallelTasks.run(pool, 1000, hits::incrementAndGet);
      for (int i = 0; i < 1000; i++) {
        assertThat(hits.get(i)).isEqualTo(1);
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void run_rejectingExecutorLeavesTheWorkToTheCaller() {
    AtomicIntegerArray hits = new AtomicIntegerArray(10);
    ParallelTasks.run(
        r -> {
          throw new RejectedExecutionException("full");
        },
        10,
        hits::incrementAndGet);
    for (int i = 0; i < 10; i++) {
      assertThat(hits.get(i)).isEqualTo(1);
    }
  }

  @Test
  void run_failureIsRethrownAndStopsTheRest() {
    AtomicIntegerArray hits = new AtomicIntegerArray(100);
    assertThatThrownBy(() -> ParallelTasks.run(Runnable::run, 100, i -> {
          hits.incrementAndGet(i);
          if (i == 3) {
            throw new IllegalStateException("task 3 failed");
          }
        }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("task 3 failed");
    assertThat(hits.get(99)).isZero();
  }
}
