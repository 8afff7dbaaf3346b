package io.rila.benchmarks.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CI regression gate: checks ratios measured within one short JMH run, which hold on noisy,
 * shared machines where absolute times do not.
 *
 * <pre>{@code
 * java -cp rila-benchmarks/target/benchmarks.jar io.rila.benchmarks.report.RatioCheck \
 *     target/gate/fit.json target/gate/predict.json
 * }</pre>
 *
 * <p>The checks (see {@link #RULES}):
 *
 * <ul>
 *   <li>the engine's time per member ({@code TrainingBenchmark.fit}, its largest {@code members})
 *       is at least a factor below a naive refit that copies each resampled matrix and calls
 *       {@code RidgeRegression.fit} ({@code NaiveRefitBenchmark.refit}), per shape;
 *   <li>batched prediction ({@code PredictionBenchmark.batched}) is at least a factor faster than
 *       the naive per-row, per-member loop ({@code PredictionBenchmark.naive}) with the same
 *       parameters, at the largest {@code rows} run;
 *   <li>the primal member solve on a tall shape ({@code PrimalKernelBenchmark.panel}) is at least
 *       a factor faster than the kernel it replaced ({@code PrimalKernelBenchmark.previous}), on
 *       the same members;
 *   <li>the training hot loop allocates at most a few bytes per member: the growth of JMH's
 *       {@code gc.alloc.rate.norm} between two ensemble sizes, per member, less the coefficient
 *       store's own growth (the {@code storeBytes} counter), per shape.
 * </ul>
 *
 * <p>A rule whose benchmarks are missing from the input fails, so renaming a benchmark cannot
 * silently switch the gate off. Exit codes: 0 when every rule holds, 1 when one does not, 2 for a
 * usage or input error.
 */
public final class RatioCheck {

  /** Engine fit at least this many times faster per member than the naive refit, guide shape. */
  static final double MIN_FIT_SPEEDUP_GUIDE = 10;
  /** The same for the production shape (4 features: both are cheap, the gap is smaller). */
  static final double MIN_FIT_SPEEDUP_PRODUCTION = 2;
  /** Batched prediction at least this many times faster than the naive per-row loop. */
  static final double MIN_PREDICT_SPEEDUP = 2;
  /**
   * rila's primal member solve at least this many times faster than the kernel it replaced, on a
   * tall shape (about 5x measured on 2 cores at 1,500 x 100).
   */
  static final double MIN_PRIMAL_KERNEL_SPEEDUP = 2.5;
  /** Bytes the training hot loop may allocate per member, beyond the store. */
  static final double MAX_HOT_LOOP_BYTES_PER_MEMBER = 64;

  /** The rules, in the order they are reported. */
  static final List<Rule> RULES = List.of(
      new Rule("fit speed-up vs naive refit, guide shape", MIN_FIT_SPEEDUP_GUIDE, true,
          results -> fitSpeedup(results, "guide")),
      new Rule("fit speed-up vs naive refit, production shape", MIN_FIT_SPEEDUP_PRODUCTION, true,
          results -> fitSpeedup(results, "production")),
      new Rule("batched prediction speed-up vs naive per-row", MIN_PREDICT_SPEEDUP, true,
          RatioCheck::predictSpeedup),
      new Rule("primal kernel speed-up vs previous kernel, tall shape",
          MIN_PRIMAL_KERNEL_SPEEDUP, true, RatioCheck::primalKernelSpeedup),
      new Rule("hot-loop bytes per member, guide shape", MAX_HOT_LOOP_BYTES_PER_MEMBER, false,
          results -> hotLoopBytesPerMember(results, "guide")),
      new Rule("hot-loop bytes per member, production shape", MAX_HOT_LOOP_BYTES_PER_MEMBER, false,
          results -> hotLoopBytesPerMember(results, "production")));

  private RatioCheck() {}

  /**
   * Runs the gate and exits with its code.
   *
   * @param args one or more JMH JSON files of the same run
   */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the gate, printing one line per rule to {@code out}.
   *
   * @param args one or more JMH JSON files of the same run
   * @param out receives the verdicts
   * @param err receives usage and input errors
   * @return 0 when every rule holds, 1 when one does not, 2 for a usage or input error
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.println("usage: RatioCheck result.json [more.json ...]");
      return 2;
    }
    Path[] files = new Path[args.length];
    for (int i = 0; i < args.length; i++) {
      files[i] = Path.of(args[i]);
    }
    JmhResults results;
    try {
      results = JmhResults.read(files);
    } catch (IOException | RuntimeException e) {
      err.println("cannot read results: " + e.getMessage());
      return 2;
    }
    return check(results, out);
  }

  /**
   * Evaluates every rule.
   *
   * @param results the run
   * @param out receives one line per rule and a summary
   * @return 0 when every rule holds, 1 otherwise
   */
  static int check(JmhResults results, PrintStream out) {
    int failed = 0;
    for (Rule rule : RULES) {
      String verdict;
      try {
        double value = rule.measure().apply(results);
        boolean ok = rule.atLeast() ? value >= rule.limit() : value <= rule.limit();
        verdict = String.format(Locale.ROOT, "%-4s %s: %.2f (expected: %s %.2f)",
            ok ? "ok" : "FAIL", rule.name(), value, rule.atLeast() ? ">=" : "<=", rule.limit());
        if (!ok) {
          failed++;
        }
      } catch (IllegalArgumentException e) {
        verdict = "FAIL " + rule.name() + ": " + e.getMessage();
        failed++;
      }
      out.println(verdict);
    }
    out.println(failed == 0 ? "ratio gate passed" : "ratio gate FAILED: " + failed + " of "
        + RULES.size() + " rules");
    return failed == 0 ? 0 : 1;
  }

  /** Naive refit time per member over the engine's time per member at its largest size. */
  static double fitSpeedup(JmhResults results, String shape) {
    Map<String, String> params = Map.of("shape", shape);
    JmhResults.Result naive = largest(results, "NaiveRefitBenchmark.refit", params);
    JmhResults.Result engine = largest(results, "TrainingBenchmark.fit", params);
    return perMember(naive) / perMember(engine);
  }

  /**
   * The smallest naive / batched time ratio over the parameter sets both benchmarks ran with the
   * most rows (batching is about many rows; one row has nothing to batch).
   */
  static double predictSpeedup(JmhResults results) {
    List<JmhResults.Result> naives = results.findAll("PredictionBenchmark.naive", Map.of());
    double rows = 0;
    for (JmhResults.Result naive : naives) {
      rows = Math.max(rows, naive.param("rows"));
    }
    double worst = Double.POSITIVE_INFINITY;
    for (JmhResults.Result naive : naives) {
      if (naive.param("rows") < rows) {
        continue;
      }
      for (JmhResults.Result batched : results.findAll("PredictionBenchmark.batched",
          naive.params())) {
        worst = Math.min(worst, naive.secondsPerOp() / batched.secondsPerOp());
      }
    }
    if (worst == Double.POSITIVE_INFINITY) {
      throw new MissingResultException(
          "no PredictionBenchmark.naive and .batched pair with the same parameters");
    }
    return worst;
  }

  /**
   * The smallest previous / panel time ratio of {@code PrimalKernelBenchmark} over the parameter
   * sets both methods ran with.
   */
  static double primalKernelSpeedup(JmhResults results) {
    double worst = Double.POSITIVE_INFINITY;
    for (JmhResults.Result previous : results.findAll("PrimalKernelBenchmark.previous",
        Map.of())) {
      for (JmhResults.Result panel : results.findAll("PrimalKernelBenchmark.panel",
          previous.params())) {
        worst = Math.min(worst, previous.secondsPerOp() / panel.secondsPerOp());
      }
    }
    if (worst == Double.POSITIVE_INFINITY) {
      throw new MissingResultException(
          "no PrimalKernelBenchmark.previous and .panel pair with the same parameters");
    }
    return worst;
  }

  /**
   * Allocation growth per member between the smallest and largest ensemble, less the store's.
   */
  static double hotLoopBytesPerMember(JmhResults results, String shape) {
    List<JmhResults.Result> fits = sortedByMembers(
        results.findAll("TrainingBenchmark.fit", Map.of("shape", shape)));
    if (fits.size() < 2) {
      throw new MissingResultException("TrainingBenchmark.fit {shape=" + shape
          + "} needs two member counts (found " + fits.size() + "), run with -prof gc");
    }
    JmhResults.Result small = fits.get(0);
    JmhResults.Result large = fits.get(fits.size() - 1);
    double members = large.param("members") - small.param("members");
    if (!(members > 0)) {
      throw new MissingResultException("TrainingBenchmark.fit {shape=" + shape
          + "} needs two different member counts");
    }
    double allocated =
        large.secondary("gc.alloc.rate.norm") - small.secondary("gc.alloc.rate.norm");
    double store = large.counter("storeBytes") - small.counter("storeBytes");
    if (Double.isNaN(allocated) || Double.isNaN(store)) {
      throw new MissingResultException("TrainingBenchmark.fit {shape=" + shape
          + "} lacks gc.alloc.rate.norm or storeBytes (run with -prof gc)");
    }
    return (allocated - store) / members;
  }

  private static JmhResults.Result largest(
      JmhResults results, String benchmark, Map<String, String> params) {
    List<JmhResults.Result> found = sortedByMembers(results.findAll(benchmark, params));
    if (found.isEmpty()) {
      throw new MissingResultException("no " + benchmark + " " + params + " in the results");
    }
    return found.get(found.size() - 1);
  }

  private static List<JmhResults.Result> sortedByMembers(List<JmhResults.Result> results) {
    List<JmhResults.Result> sorted = new ArrayList<>(results);
    sorted.sort(Comparator.comparingDouble(result -> result.param("members")));
    return sorted;
  }

  private static double perMember(JmhResults.Result result) {
    return result.secondsPerOp() / result.param("members");
  }

  /** A ratio and its bound: {@code atLeast} means the value must be {@code >= limit}. */
  record Rule(String name, double limit, boolean atLeast, Measure measure) {}

  /** Computes a rule's value from a run. */
  @FunctionalInterface
  interface Measure {
    double apply(JmhResults results);
  }

  /** A rule's benchmarks are not in the results. */
  static final class MissingResultException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    MissingResultException(String message) {
      super(message);
    }
  }
}
