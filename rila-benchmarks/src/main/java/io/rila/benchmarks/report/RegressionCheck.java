package io.rila.benchmarks.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Compares two JMH JSON result files, a baseline and a current run, and flags every benchmark
 * whose time per operation grew by more than a threshold (default 15%, the performance guide's).
 * Only meaningful when both ran on the same quiet machine with the same settings: use it on a
 * dedicated benchmark machine, not on shared CI runners (those use {@link RatioCheck}).
 *
 * <pre>{@code
 * java -cp rila-benchmarks/target/benchmarks.jar io.rila.benchmarks.report.RegressionCheck \
 *     baseline.json current.json [--threshold 0.15]
 * }</pre>
 *
 * <p>Benchmarks are matched by name, mode and parameters; scores are compared as seconds per
 * operation whatever their unit or mode, so a throughput run can be compared with an average-time
 * run. A benchmark only in one file is listed but does not fail the check. Exit codes: 0 when
 * nothing regressed, 1 when something did, 2 for a usage or input error.
 */
public final class RegressionCheck {

  /** The default threshold: 15% slower fails. */
  public static final double DEFAULT_THRESHOLD = 0.15;

  private RegressionCheck() {}

  /**
   * Runs the check and exits with its code.
   *
   * @param args {@code baseline.json current.json [--threshold FRACTION]}
   */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the check, printing one line per benchmark to {@code out}.
   *
   * @param args {@code baseline.json current.json [--threshold FRACTION]}
   * @param out receives the comparison
   * @param err receives usage and input errors
   * @return 0 when nothing regressed, 1 when a benchmark is slower than the threshold, 2 for a
   *     usage or input error
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    double threshold = DEFAULT_THRESHOLD;
    String[] files = new String[2];
    int fileCount = 0;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--threshold") && i + 1 < args.length) {
        try {
          threshold = Double.parseDouble(args[++i]);
        } catch (NumberFormatException e) {
          threshold = Double.NaN;
        }
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
          err.println("threshold: " + args[i] + " (expected: a fraction > 0, e.g. 0.15)");
          return 2;
        }
      } else if (fileCount < 2 && !args[i].startsWith("--")) {
        files[fileCount++] = args[i];
      } else {
        err.println("usage: RegressionCheck baseline.json current.json [--threshold 0.15]");
        return 2;
      }
    }
    if (fileCount != 2) {
      err.println("usage: RegressionCheck baseline.json current.json [--threshold 0.15]");
      return 2;
    }
    JmhResults baseline;
    JmhResults current;
    try {
      baseline = JmhResults.read(Path.of(files[0]));
      current = JmhResults.read(Path.of(files[1]));
    } catch (IOException | RuntimeException e) {
      err.println("cannot read results: " + e.getMessage());
      return 2;
    }
    return compare(baseline, current, threshold, out);
  }

  /**
   * Compares two runs.
   *
   * @param baseline the reference run
   * @param current the run under test
   * @param threshold the fraction by which a time may grow, e.g. {@code 0.15}
   * @param out receives one line per benchmark and a summary
   * @return 0 when nothing regressed, 1 otherwise
   */
  static int compare(JmhResults baseline, JmhResults current, double threshold, PrintStream out) {
    Map<String, JmhResults.Result> before = new LinkedHashMap<>();
    for (JmhResults.Result result : baseline.all()) {
      before.put(result.key(), result);
    }
    int regressions = 0;
    int compared = 0;
    for (JmhResults.Result now : current.all()) {
      JmhResults.Result then = before.remove(now.key());
      if (then == null) {
        out.println("NEW         " + now.key());
        continue;
      }
      double old = then.secondsPerOp();
      double updated = now.secondsPerOp();
      double change = updated / old - 1;
      boolean slower = change > threshold;
      compared++;
      if (slower) {
        regressions++;
      }
      out.printf(Locale.ROOT, "%-11s %s: %s -> %s (%+.1f%%)%n",
          slower ? "REGRESSION" : "ok", now.key(), format(old), format(updated), 100 * change);
    }
    for (String missing : before.keySet()) {
      out.println("MISSING     " + missing);
    }
    out.printf(Locale.ROOT, "%d of %d benchmarks more than %.0f%% slower%n",
        regressions, compared, 100 * threshold);
    return regressions > 0 ? 1 : 0;
  }

  /** Seconds in the most readable unit. */
  static String format(double seconds) {
    if (seconds >= 1) {
      return String.format(Locale.ROOT, "%.3f s", seconds);
    }
    if (seconds >= 1e-3) {
      return String.format(Locale.ROOT, "%.3f ms", seconds * 1e3);
    }
    if (seconds >= 1e-6) {
      return String.format(Locale.ROOT, "%.3f us", seconds * 1e6);
    }
    return String.format(Locale.ROOT, "%.1f ns", seconds * 1e9);
  }
}
