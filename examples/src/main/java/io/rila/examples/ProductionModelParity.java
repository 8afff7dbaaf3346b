package io.rila.examples;

import io.rila.bootstrap.BootstrapRidgeEnsemble;
import io.rila.bootstrap.EnsembleModel;
import io.rila.bootstrap.Precision;
import io.rila.bootstrap.Resampling;
import io.rila.bootstrap.SklearnWeighting;
import io.rila.bootstrap.Summary;
import io.rila.bootstrap.TargetTransform;
import io.rila.core.frame.Frame;
import io.rila.core.frame.FrameCsv;
import io.rila.core.stats.Quantiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reproduces the production Python inference model from its stored training matrix and prints
 * its baseline interval next to the one computed from the stored member predictions.
 *
 * <p>The production system fitted scikit-learn's {@code BaggingRegressor(Ridge(alpha=1.0),
 * n_estimators=1000, random_state=42)} (scikit-learn up to 1.7) on four features, the target
 * {@code y_log1p = log1p(sales)} and decay weights, and reported the mean and the 2.5%, 50% and
 * 97.5% quantiles of the members' {@code expm1} predictions at a baseline row. This program fits
 * the same model with {@link Resampling#sklearnCompatible(long, SklearnWeighting)} in
 * {@link SklearnWeighting#LEGACY} mode, {@link TargetTransform#LOG1P} through
 * {@code fitTransformed} on the stored {@code y_log1p} column and {@link Precision#DOUBLE}, and
 * compares member by member with {@code inference_member_baseline_predictions.csv}.
 *
 * <pre>
 * mvn -q -pl examples -am -DskipTests package exec:java \
 *     -Dexec.mainClass=io.rila.examples.ProductionModelParity \
 *     -Dexec.args="testdata/rila-6y20b"
 * </pre>
 *
 * <p>The one argument is the folder of the reference data (default {@code testdata/rila-6y20b},
 * the repository's copy, relative to the repository root where the command above runs); it needs
 * {@code inference_training_matrix.csv} and {@code inference_member_baseline_predictions.csv}. A
 * missing or unreadable file prints one line to standard error and exits with status 2.
 */
public final class ProductionModelParity {

  /** The production model's features, in its column order. */
  static final List<String> FEATURES = List.of(
      "competitor_mid_t2", "competitor_top5_t2", "prudential_rate_current", "prudential_rate_t3");

  /** The own cap rate of the production baseline row, in percent. */
  static final double BASELINE_OWN_RATE = 0.90;

  static final Path DEFAULT_FOLDER = Path.of("testdata", "rila-6y20b");

  private static final double[] LEVELS = {0.025, 0.5, 0.975};

  private ProductionModelParity() {}

  /**
   * Runs the comparison.
   *
   * @param args optionally the data folder
   */
  public static void main(String[] args) {
    Path folder = args.length > 0 ? Path.of(args[0]) : DEFAULT_FOLDER;
    try {
      run(folder, System.out);
    } catch (DemoException e) {
      System.err.println("production-model-parity: " + e.getMessage());
      System.exit(2);
    }
  }

  /**
   * The reproduced and the stored baseline intervals and how far the members differ.
   *
   * @param baseline the baseline row {@code x0}
   * @param rila mean, p2.5, p50, p97.5 of rila's members
   * @param stored mean, p2.5, p50, p97.5 of the stored members
   * @param maxRelativeDifference the largest {@code |rila_k - stored_k| / |stored_k|}
   * @param worstMember the member where it occurs
   */
  record Result(double[] baseline, double[] rila, double[] stored, double maxRelativeDifference,
      int worstMember) {}

  static Result run(Path folder, PrintStream out) {
    Frame matrix = read(folder.resolve("inference_training_matrix.csv"));
    double[] stored = read(folder.resolve("inference_member_baseline_predictions.csv"))
        .column("value");

    EnsembleModel model = BootstrapRidgeEnsemble.newBuilder()
        .estimators(stored.length)
        .alpha(1.0)
        .resampling(Resampling.sklearnCompatible(42, SklearnWeighting.LEGACY))
        .targetTransform(TargetTransform.LOG1P)
        .precision(Precision.DOUBLE)
        .build()
        .fitTransformed(matrix, "y_log1p", FEATURES, "weight");

    double[] x0 = baselineRow(matrix);
    double[] members = model.memberPredictions(x0);
    Summary summary = model.predict(x0, LEVELS);
    double[] ours = {summary.mean(), summary.quantileAt(0), summary.quantileAt(1),
        summary.quantileAt(2)};
    double[] q = Quantiles.linear(stored, LEVELS);
    double[] theirs = {mean(stored), q[0], q[1], q[2]};

    double worst = 0;
    int worstMember = 0;
    for (int k = 0; k < members.length; k++) {
      double rel = Math.abs(members[k] - stored[k]) / Math.abs(stored[k]);
      if (rel > worst) {
        worst = rel;
        worstMember = k;
      }
    }

    out.printf(Locale.ROOT, "fitted %d members on %d weeks x %d features (%s)%n",
        model.estimators(), model.trainingRows(), model.features(), model.resampling());
    out.printf(Locale.ROOT, "baseline x0 = %s%n", describe(x0));
    out.printf(Locale.ROOT, "%-8s %18s %18s %18s %18s%n", "", "mean", "p2.5", "p50", "p97.5");
    out.printf(Locale.ROOT, "%-8s %18.4f %18.4f %18.4f %18.4f%n", "rila",
        ours[0], ours[1], ours[2], ours[3]);
    out.printf(Locale.ROOT, "%-8s %18.4f %18.4f %18.4f %18.4f%n", "python",
        theirs[0], theirs[1], theirs[2], theirs[3]);
    out.printf(Locale.ROOT, "max relative difference over %d members: %.3g (member %d)%n",
        members.length, worst, worstMember);
    return new Result(x0, ours, theirs, worst, worstMember);
  }

  /**
   * The production baseline: the last training week's competitor features, both own-rate
   * features at {@link #BASELINE_OWN_RATE}.
   */
  static double[] baselineRow(Frame matrix) {
    int last = matrix.rows() - 1;
    double[] row = new double[FEATURES.size()];
    for (int j = 0; j < row.length; j++) {
      String name = FEATURES.get(j);
      row[j] = name.startsWith("prudential_rate") ? BASELINE_OWN_RATE : matrix.get(last, name);
    }
    return row;
  }

  private static Frame read(Path file) {
    if (!Files.isReadable(file)) {
      throw new DemoException("cannot read " + file + ": no such readable file");
    }
    try {
      return FrameCsv.defaults().read(file);
    } catch (IOException | IllegalArgumentException e) {
      throw new DemoException("cannot read " + file + ": " + e.getMessage());
    }
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  private static String describe(double[] row) {
    StringBuilder sb = new StringBuilder("{");
    for (int j = 0; j < row.length; j++) {
      sb.append(j == 0 ? "" : ", ").append(FEATURES.get(j)).append('=').append(row[j]);
    }
    return sb.append('}').toString();
  }
}
