package io.rila.examples;

import io.rila.bootstrap.BootstrapRidgeEnsemble;
import io.rila.bootstrap.EnsembleModel;
import io.rila.bootstrap.Summary;
import io.rila.bootstrap.TargetTransform;
import io.rila.core.frame.Frame;
import io.rila.features.DecayWeights;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The shortest useful rila program: fit a bootstrap Ridge ensemble to weekly sales and predict
 * next week's sales with a 95% interval.
 *
 * <p>The data are a seeded {@link SyntheticRilaMarket}: weekly own cap rate ({@code Prudential}),
 * the market-share weighted competitor rate ({@code C_weighted_mean}) and sales. The model fits
 * {@code log1p(sales)} on the two rates with sample weights that decay by 1% a week, and
 * predictions come back in sales units with the members' 2.5% and 97.5% quantiles.
 *
 * <pre>
 * mvn -q -pl examples -am -DskipTests package exec:java \
 *     -Dexec.mainClass=io.rila.examples.QuickStart
 * </pre>
 */
public final class QuickStart {

  private QuickStart() {}

  /**
   * Runs the example with 1,000 members.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    run(1_000, System.out);
  }

  static Summary run(int estimators, PrintStream out) {
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
    return sales;
  }
}
