package io.rila.examples;

import io.rila.bootstrap.BootstrapRidgeEnsemble;
import io.rila.bootstrap.CoefficientStore;
import io.rila.bootstrap.EnsembleModel;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Threads against time on this machine: fits the same bootstrap Ridge ensemble on fixed thread
 * pools of 1, 2, 4, ... threads up to the number of processors and prints a table of the best
 * wall-clock time, the speed-up over one thread and the parallel efficiency, after {@value
 * #WARMUP_ROUNDS} untimed rounds over all thread counts. Each fit runs on a
 * thread of its pool with the pool as the ensemble's executor, so exactly that many threads do the
 * work. Every fit's coefficients are compared bit for bit with the one-thread fit (member streams
 * do not depend on the threads).
 *
 * <pre>
 * mvn -q -pl examples -am -DskipTests package exec:java \
 *     -Dexec.mainClass=io.rila.examples.Scaling \
 *     -Dexec.args="--estimators 10000 --features 598 --rows 150 --repeats 5"
 * </pre>
 *
 * <p>Options (all optional): {@code --estimators N} members (default 10,000), {@code --features
 * P} (default 598), {@code --rows N} (default 150), {@code --repeats R} timed fits per thread
 * count, best reported (default 3), {@code --max-threads T} (default: available processors). The
 * data are seeded Gaussian features and a linear target with noise; with more features than rows
 * the members are solved in the dual form. Bad options print one line to standard error and exit
 * with status 2. For reference numbers use the JMH benchmarks in {@code rila-benchmarks}; this
 * program is a quick look at one machine.
 */
public final class Scaling {

  /** Untimed rounds over all thread counts before the timed fits. */
  static final int WARMUP_ROUNDS = 3;

  /**
   * The size of the experiment.
   *
   * @param estimators members per fit
   * @param features columns of the synthetic data
   * @param rows rows of the synthetic data
   * @param repeats timed fits per thread count
   * @param maxThreads the largest pool
   */
  record Options(int estimators, int features, int rows, int repeats, int maxThreads) {

    private static final List<String> OPTIONS =
        List.of("--estimators", "--features", "--rows", "--repeats", "--max-threads");

    static Options parse(String... args) {
      int estimators = 10_000;
      int features = 598;
      int rows = 150;
      int repeats = 3;
      int maxThreads = Runtime.getRuntime().availableProcessors();
      for (int i = 0; i < args.length; i++) {
        String option = args[i];
        if (!OPTIONS.contains(option)) {
          throw new IllegalArgumentException("unknown option " + option);
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(option + " needs a value");
        }
        int value = CommandLine.positiveInt(option, args[++i]);
        switch (option) {
          case "--estimators" -> estimators = value;
          case "--features" -> features = value;
          case "--rows" -> rows = value;
          case "--repeats" -> repeats = value;
          default -> maxThreads = value;
        }
      }
      if (rows < 2) {
        throw new IllegalArgumentException("--rows: " + rows + " (expected: >= 2)");
      }
      return new Options(estimators, features, rows, repeats, maxThreads);
    }
  }

  /**
   * One line of the table.
   *
   * @param threads the pool size
   * @param bestSeconds the fastest of the timed fits
   * @param identical whether the coefficients equal the one-thread fit's bit for bit
   */
  record Row(int threads, double bestSeconds, boolean identical) {}

  private Scaling() {}

  /**
   * Runs the experiment and prints the table.
   *
   * @param args the options above
   */
  public static void main(String[] args) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("scaling: " + e.getMessage());
      System.exit(2);
      return;
    }
    run(options, System.out);
  }

  /** The pool sizes: 1, 2, 4, ... below {@code max}, then {@code max}. */
  static int[] threadCounts(int max) {
    List<Integer> counts = new ArrayList<>();
    for (int t = 1; t < max; t *= 2) {
      counts.add(t);
    }
    counts.add(max);
    return counts.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Seeded synthetic data: uniform features in {@code [-1, 1)} and a linear target with noise.
   *
   * @param x rows x features
   * @param y one target per row
   */
  record Data(double[][] x, double[] y) {

    static Data generate(int rows, int features, long seed) {
      SplittableRandom random = new SplittableRandom(seed);
      double[] beta = new double[features];
      for (int j = 0; j < features; j++) {
        beta[j] = random.nextDouble(-1, 1) / Math.sqrt(features);
      }
      double[][] x = new double[rows][features];
      double[] y = new double[rows];
      for (int i = 0; i < rows; i++) {
        double sum = 0;
        for (int j = 0; j < features; j++) {
          x[i][j] = random.nextDouble(-1, 1);
          sum += x[i][j] * beta[j];
        }
        y[i] = 3 + sum + 0.1 * random.nextDouble(-1, 1);
      }
      return new Data(x, y);
    }
  }

  static List<Row> run(Options options, PrintStream out) {
    Data data = Data.generate(options.rows(), options.features(), 7L);
    int[] counts = threadCounts(options.maxThreads());

    out.printf(Locale.ROOT, "fit of %,d members, %d rows x %d features, best of %d, "
            + "%d processors%n", options.estimators(), options.rows(), options.features(),
        options.repeats(), Runtime.getRuntime().availableProcessors());
    // warm-up: let the JIT compile the kernels before anything is timed, over several rounds
    // on every pool size (a single warm-up fit left the first timed rows partly unoptimised)
    for (int round = 0; round < WARMUP_ROUNDS; round++) {
      for (int threads : counts) {
        fit(options, data, threads);
      }
    }

    List<Row> rows = new ArrayList<>(counts.length);
    CoefficientStore reference = null;
    out.printf(Locale.ROOT, "%8s %12s %9s %11s %10s%n", "threads", "seconds", "speed-up",
        "efficiency", "identical");
    for (int threads : counts) {
      double best = Double.POSITIVE_INFINITY;
      CoefficientStore store = null;
      for (int r = 0; r < options.repeats(); r++) {
        long start = System.nanoTime();
        EnsembleModel model = fit(options, data, threads);
        best = Math.min(best, (System.nanoTime() - start) / 1e9);
        store = model.coefficients();
      }
      if (reference == null) {
        reference = store;
      }
      Row row = new Row(threads, best, store.equals(reference));
      rows.add(row);
      double speedUp = rows.get(0).bestSeconds() / best;
      out.printf(Locale.ROOT, "%8d %12.4f %9.2f %10.0f%% %10s%n", threads, best, speedUp,
          100 * speedUp / threads, row.identical() ? "yes" : "NO");
    }
    return rows;
  }

  /** Fits on a thread of a fixed pool of {@code threads}, with that pool as the executor. */
  static EnsembleModel fit(Options options, Data data, int threads) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      BootstrapRidgeEnsemble ensemble = BootstrapRidgeEnsemble.newBuilder()
          .estimators(options.estimators())
          .alpha(1.0)
          .seed(42L)
          .executor(pool)
          .build();
      return pool.submit(() -> ensemble.fit(data.x(), data.y())).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while fitting", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("fit failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdown();
    }
  }
}
