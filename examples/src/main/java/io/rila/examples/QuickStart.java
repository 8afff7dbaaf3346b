package io.rila.examples;

import io.rila.bootstrap.BootstrapRidgeEnsemble;
import io.rila.bootstrap.EnsembleModel;
import io.rila.bootstrap.ModelFiles;
import io.rila.bootstrap.Summary;
import io.rila.bootstrap.TargetTransform;
import io.rila.core.frame.Frame;
import io.rila.features.DecayWeights;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The shortest useful rila program: fit a bootstrap Ridge ensemble to weekly sales, predict next
 * week's expected sales with a 95% interval, save the model and load it back.
 *
 * <p>The data are a seeded {@link SyntheticRilaMarket}: weekly own cap rate ({@code Prudential}),
 * the market-share weighted competitor rate ({@code C_weighted_mean}) and sales. The model fits
 * {@code log1p(sales)} on the two rates with sample weights that decay by 1% a week, and
 * predictions come back in sales units with the members' 2.5% and 97.5% quantiles. The model file
 * ({@link ModelFiles}) is written atomically and checksummed; the loaded model predicts bit for
 * bit as the fitted one.
 *
 * <pre>
 * mvn -q -pl examples -am -DskipTests package exec:java \
 *     -Dexec.mainClass=io.rila.examples.QuickStart -Dexec.args="rila-demo-output/quickstart.rila"
 * </pre>
 *
 * <p>The one argument is the model file to write (default {@code
 * rila-demo-output/quickstart.rila}, the demo's git-ignored output folder, created when absent; a
 * file given as the argument must be in an existing folder). A file that cannot be written prints
 * one line to standard error and exits with status 2.
 */
public final class QuickStart {

  /** The model file written when no argument is given: in the demo's output folder. */
  static final Path DEFAULT_FILE = DemoOptions.DEFAULT_OUT.resolve("quickstart.rila");

  private QuickStart() {}

  /**
   * Runs the example with 1,000 members.
   *
   * @param args optionally the model file to write
   */
  public static void main(String[] args) {
    Path file = args.length > 0 ? Path.of(args[0]) : DEFAULT_FILE;
    try {
      if (args.length == 0) {
        Files.createDirectories(DEFAULT_FILE.getParent());
      }
      run(1_000, file, System.out);
    } catch (IOException e) {
      System.err.println("quickstart: cannot write or read " + file + ": " + e.getMessage());
      System.exit(2);
    }
  }

  /** Fits, predicts, saves to {@code file} and returns the model loaded back from it. */
  static EnsembleModel run(int estimators, Path file, PrintStream out) throws IOException {
    Frame weekly = SyntheticRilaMarket.generate(260, 42L).weekly();
    Frame training = DecayWeights.newBuilder().decay(0.99).column("weight").build().apply(weekly);

    EnsembleModel model = BootstrapRidgeEnsemble.newBuilder()
        .estimators(estimators)                    // bootstrap members
        .alpha(1.0)                                // Ridge penalty
        .seed(42L)                                 // same seed, same members
        .targetTransform(TargetTransform.LOG1P)    // fit log1p(sales), predict sales
        .build()
        .fit(training, "sales", List.of("Prudential", "C_weighted_mean"), "weight");

    // next week: own cap rate 2.0%, competitors as in the last week
    double[] nextWeek = {2.0, weekly.get(weekly.rows() - 1, "C_weighted_mean")};
    Summary sales = model.predict(nextWeek);      // mean, 2.5%, 50%, 97.5% over members
    out.println(model);
    out.printf(Locale.ROOT, "next week's expected sales: %,.0f (95%% interval %,.0f to %,.0f)%n",
        sales.quantile(0.5), sales.quantile(0.025), sales.quantile(0.975));

    ModelFiles.save(model, file);                  // atomic, checksummed
    EnsembleModel loaded = ModelFiles.load(file);  // same settings, same coefficient bits
    out.printf(Locale.ROOT, "saved %s (%,d bytes); the loaded model predicts %s%n", file,
        Files.size(file), loaded.predict(nextWeek).equals(sales) ? "the same" : "DIFFERENTLY");
    return loaded;
  }
}
