package io.rila.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rila.core.regression.SolveForm;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MemoryEstimateTest {

  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  /** Heap in use after full collections: the least of three, so garbage does not count. */
  private static long usedAfterGc() {
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      least = Math.min(least, MEMORY.getHeapMemoryUsage().getUsed());
    }
    return least;
  }

  /**
   * Fits while measuring the heap: before the fit, half-way through it (from the progress
   * listener, while the store, the kernel and every workspace are live), and after the first
   * prediction has built the prediction layout. Returns {fit growth, layout growth}.
   */
  private static long[] measure(BootstrapRidgeEnsemble.Builder builder, double[][] x,
      double[] y) {
    AtomicLong midFit = new AtomicLong(-1);
    AtomicInteger calls = new AtomicInteger();
    BootstrapRidgeEnsemble ensemble = builder.progressListener((done, total) -> {
      if (2 * done >= total && midFit.get() < 0) {
        midFit.set(usedAfterGc());
      }
      calls.incrementAndGet();
    }).build();
    long before = usedAfterGc();
    EnsembleModel model = ensemble.fit(x, y);
    long afterFit = usedAfterGc();
    model.memberPredictions(x[0]);
    long afterLayout = usedAfterGc();
    assertThat(calls.get()).isPositive();
    return new long[] {midFit.get() - before, afterLayout - afterFit};
  }

  @Test
  void estimateMemory_withinTwentyPercentOfMeasuredHeapDualFit() {
    Random random = new Random(5);
    double[][] x = NaiveBootstrap.matrix(random, 150, 598);
    double[] y = NaiveBootstrap.target(random, x);
    ForkJoinPool pool = new ForkJoinPool(1);
    try {
      BootstrapRidgeEnsemble.Builder builder = BootstrapRidgeEnsemble.newBuilder()
          .estimators(5000).precision(Precision.DOUBLE).executor(pool);
      MemoryEstimate estimate = builder.build().estimateMemory(150, 598);
      assertThat(estimate.gramBytes()).isPositive();
      long[] measured = measure(builder, x, y);
      assertThat((double) estimate.fitBytes()).isCloseTo(measured[0],
          within(0.2 * measured[0]));
      assertThat((double) estimate.predictionLayoutBytes()).isCloseTo(measured[1],
          within(0.2 * measured[1]));
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void estimateMemory_withinTwentyPercentOfMeasuredHeapPrimalFit() {
    Random random = new Random(6);
    double[][] x = NaiveBootstrap.matrix(random, 20_000, 50);
    double[] y = NaiveBootstrap.target(random, x);
    ForkJoinPool pool = new ForkJoinPool(1);
    try {
      BootstrapRidgeEnsemble.Builder builder = BootstrapRidgeEnsemble.newBuilder()
          .estimators(16).executor(pool);
      MemoryEstimate estimate = builder.build().estimateMemory(20_000, 50);
      assertThat(estimate.gramBytes()).isZero();
      assertThat(estimate.threads()).isEqualTo(2);
      long[] measured = measure(builder, x, y);
      assertThat((double) estimate.fitBytes()).isCloseTo(measured[0],
          within(0.2 * measured[0]));
    } finally {
      pool.shutdown();
    }
  }

  /**
   * From 700 features the primal form's workspaces are single precision (mixed precision), and
   * double with {@code alpha = 0} (solved directly); neither holds a dual buffer.
   */
  @Test
  void estimateMemory_withinTwentyPercentOfMeasuredHeapMixedPrecisionFit() {
    Random random = new Random(9);
    double[][] x = NaiveBootstrap.matrix(random, 2000, 800);
    double[] y = NaiveBootstrap.target(random, x);
    ForkJoinPool pool = new ForkJoinPool(1);
    try {
      long[] fits = new long[2];
      for (double alpha : new double[] {1, 0}) {
        BootstrapRidgeEnsemble.Builder builder = BootstrapRidgeEnsemble.newBuilder()
            .estimators(4).alpha(alpha).executor(pool);
        MemoryEstimate estimate = builder.build().estimateMemory(2000, 800);
        assertThat(estimate.gramBytes()).isZero();
        long[] measured = measure(builder, x, y);
        assertThat((double) estimate.fitBytes()).as("alpha %s", alpha)
            .isCloseTo(measured[0], within(0.2 * measured[0]));
        fits[alpha == 0 ? 1 : 0] = estimate.workspaceBytes();
      }
      assertThat(fits[1]).as("double workspaces hold more").isGreaterThan(fits[0] * 3 / 2);
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void storeBytes_guideSizes() {
    long[][] expected = {
      {100, 239_616, 479_216}, {1000, 2_396_016, 4_792_016}, {10_000, 23_960_016, 47_920_016}
    };
    for (long[] row : expected) {
      for (Precision precision : Precision.values()) {
        MemoryEstimate e = BootstrapRidgeEnsemble.newBuilder().estimators((int) row[0])
            .precision(precision).build().estimateMemory(150, 598);
        assertThat(e.storeBytes()).isEqualTo(row[precision == Precision.FLOAT ? 1 : 2]);
      }
    }
  }

  @Test
  void storeBytes_matchesTheFittedStore() {
    Random random = new Random(7);
    double[][] x = NaiveBootstrap.matrix(random, 30, 5);
    double[] y = NaiveBootstrap.target(random, x);
    BootstrapRidgeEnsemble ensemble = BootstrapRidgeEnsemble.newBuilder().estimators(77).build();
    EnsembleModel model = ensemble.fit(x, y);
    assertThat(ensemble.estimateMemory(30, 5).storeBytes())
        .isEqualTo(16 + model.coefficients().sizeInBytes());
  }

  @Test
  void fit_overBudgetFailsBeforeAnyWork() {
    Random random = new Random(8);
    double[][] x = NaiveBootstrap.matrix(random, 150, 598);
    double[] y = NaiveBootstrap.target(random, x);
    AtomicInteger calls = new AtomicInteger();
    ForkJoinPool pool = new ForkJoinPool(1);
    BootstrapRidgeEnsemble ensemble = BootstrapRidgeEnsemble.newBuilder().estimators(10_000)
        .precision(Precision.DOUBLE).memoryBudget(50_000_000).executor(pool)
        .progressListener((done, total) -> calls.incrementAndGet()).build();
    assertThatThrownBy(() -> ensemble.fit(x, y))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("memory: a fit of 10000 members on 150 rows x 598 features needs"
            + " about 96.8 MB (expected: within the budget of 50.0 MB)")
        .hasMessageContaining("store 47.9 MB")
        .hasMessageContaining("prediction layout 47.9 MB")
        .hasMessageContaining("Use fewer members (estimators), Precision.FLOAT")
        .hasMessageContaining("a larger heap (-Xmx) or memoryBudget(bytes)");
    assertThat(calls.get()).isZero();
    assertThat(ensemble.estimateMemory(150, 598).withinBudget()).isFalse();

    BootstrapRidgeEnsemble floats = BootstrapRidgeEnsemble.newBuilder().estimators(10_000)
        .memoryBudget(50_000_000).build();
    assertThat(floats.estimateMemory(150, 598).withinBudget()).isTrue();
    pool.shutdown();
  }

  @Test
  void estimateMemory_partsAndTotals() {
    ForkJoinPool pool = new ForkJoinPool(3);
    BootstrapRidgeEnsemble ensemble = BootstrapRidgeEnsemble.newBuilder().estimators(1000)
        .executor(pool).solveForm(SolveForm.DUAL).build();
    pool.shutdown();
    MemoryEstimate e = ensemble.estimateMemory(150, 598);
    assertThat(e.threads()).isEqualTo(4);
    assertThat(e.workspaceBytes()).isEqualTo(4 * e.workspaceBytesPerThread());
    // K, 150 x 150, the centred copy by columns it is computed from, 598 x 150, and the centred
    // copy by rows, 150 x 598
    assertThat(e.gramBytes()).isEqualTo(16 + 150 * 4 + 150 * (16 + 150 * 8L)
        + 16 + 598 * 4 + 598 * (16 + 150 * 8L) + 16 + 150 * 4 + 150 * (16 + 598 * 8L));
    assertThat(e.fitBytes()).isEqualTo(
        e.storeBytes() + e.inputBytes() + e.gramBytes() + e.workspaceBytes());
    assertThat(e.predictionBytes()).isEqualTo(
        e.storeBytes() + e.predictionLayoutBytes() + e.predictionBufferBytes());
    assertThat(e.totalBytes()).isEqualTo(Math.max(e.fitBytes(), e.predictionBytes()));
    assertThat(e.budgetBytes()).isEqualTo(ensemble.memoryBudget());
    assertThat(e.toString()).startsWith("MemoryEstimate[1000 members x 598 features x 150 rows,"
        + " FLOAT, DUAL: fit ").contains("store 2.4 MB");
  }

  @Test
  void estimateMemory_badArguments() {
    BootstrapRidgeEnsemble ensemble = BootstrapRidgeEnsemble.newBuilder().build();
    assertThatThrownBy(() -> ensemble.estimateMemory(0, 5))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("rows: 0 (expected: >= 1)");
    assertThatThrownBy(() -> ensemble.estimateMemory(5, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("features: -1 (expected: >= 1)");
  }

  @Test
  void memoryBudget_defaultAndOption() {
    assertThat(BootstrapRidgeEnsemble.newBuilder().build().memoryBudget())
        .isEqualTo((long) (0.7 * Runtime.getRuntime().maxMemory()));
    assertThat(BootstrapRidgeEnsemble.newBuilder().memoryBudget(123).build().memoryBudget())
        .isEqualTo(123);
    assertThatThrownBy(() -> BootstrapRidgeEnsemble.newBuilder().memoryBudget(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("memoryBudget: 0 (expected: >= 1)");
    assertThatThrownBy(() -> BootstrapRidgeEnsemble.newBuilder().memoryBudget(5).memoryBudget(6))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("memoryBudget was already set to 5");
  }
}
