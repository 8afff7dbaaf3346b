package io.rila.examples;

import io.rila.bootstrap.BootstrapRidgeEnsemble;
import io.rila.bootstrap.EnsembleModel;
import io.rila.bootstrap.ModelFiles;
import io.rila.bootstrap.Resampling;
import io.rila.bootstrap.Scenario;
import io.rila.bootstrap.ScenarioTable;
import io.rila.bootstrap.SummaryTable;
import io.rila.bootstrap.TargetTransform;
import io.rila.core.frame.Frame;
import io.rila.core.frame.FrameCsv;
import io.rila.core.progress.ProgressListener;
import io.rila.features.CalendarFeatures;
import io.rila.features.DecayWeights;
import io.rila.features.HolidayRule;
import io.rila.features.LagFeatures;
import io.rila.features.selection.SignRule;
import io.rila.features.selection.SubsetResult;
import io.rila.features.selection.SubsetSearch;
import io.rila.features.selection.SubsetSearchResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * The end-to-end rate-elasticity demo: weekly market data in, a rate-scenario table with 95%
 * intervals out.
 *
 * <p>Steps, each timed: (1) load a weekly market (the seeded {@link SyntheticRilaMarket}, whose
 * true elasticity is known, or a CSV in the layout of the production system's
 * {@code weekly_aggregated.csv}); (2) build lagged features, decay weights {@code 0.99^(N-k)} and
 * the holiday flag, dropping holiday weeks and weeks without sales; (3) choose features by an AIC
 * search over lagged competitor and own-rate features, requiring competitor effects to be
 * negative and own-rate effects positive; (4) fit a bootstrap Ridge ensemble (10,000 members by
 * default) on {@code log1p(sales)} with the decay weights; (5) predict paired rate scenarios for
 * own cap rates 0 to 4.5 by 0.25 against the current rate; (6) print the table and write
 * {@code rate_scenarios.csv}, the model file {@code elasticity.rila} and the chart
 * {@code elasticity_curve.png} into the output folder.
 *
 * <pre>
 * mvn -q -pl examples -am -DskipTests package exec:java -Dexec.args="--estimators 10000"
 * </pre>
 *
 * <p>Run with {@code --help} for the options. Bad options and unreadable files print one line to
 * standard error and exit with status 2.
 */
public final class ElasticityDemo {

  /** The production system's own-rate grid: 0 to 4.5 by 0.25. */
  static final double[] RATE_GRID = rateGrid();

  static final String OWN_RATE = "prudential_rate";
  private static final int LAGS = 4;
  private static final double DECAY = 0.99;
  private static final double WEEKS_PER_QUARTER = 13;
  private static final double[] LEVELS = {0.025, 0.5, 0.975};

  private final DemoOptions options;
  private final PrintStream out;

  ElasticityDemo(DemoOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /**
   * Runs the demo.
   *
   * @param args the options; {@code --help} lists them
   */
  public static void main(String[] args) {
    DemoOptions options;
    try {
      options = DemoOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("elasticity-demo: " + e.getMessage() + " (try --help)");
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.print(DemoOptions.usage());
      return;
    }
    try {
      new ElasticityDemo(options, System.out).run();
    } catch (DemoException e) {
      System.err.println("elasticity-demo: " + e.getMessage());
      System.exit(2);
    }
  }

  /** Runs every step and writes the outputs; returns the scenario table. */
  ScenarioTable run() {
    long start = System.nanoTime();
    ForkJoinPool pool = new ForkJoinPool(options.threads());
    try {
      return runOn(pool);
    } finally {
      pool.shutdown();
      out.printf(Locale.ROOT, "total %.2f s%n", (System.nanoTime() - start) / 1e9);
    }
  }

  private ScenarioTable runOn(ForkJoinPool pool) {
    Step step = new Step(out);

    SyntheticRilaMarket market = null;
    Frame weekly;
    if (options.data() == null) {
      market = SyntheticRilaMarket.generate(260, options.seed());
      weekly = market.weekly();
      step.done("generated a synthetic market: " + weekly.rows() + " weeks, true own-rate effect "
          + (SyntheticRilaMarket.OWN_CURRENT + SyntheticRilaMarket.OWN_LAG3)
          + " log-sales per point");
    } else {
      weekly = readWeekly(options.data());
      step.done("read " + weekly.rows() + " weeks from " + options.data());
    }

    Frame features = buildFeatures(weekly, pool);
    List<String> pool0 = candidatePool();
    step.done("built " + (features.columnCount() - weekly.columnCount()) + " feature columns; "
        + features.rows() + " training weeks after dropping lags, holidays and empty weeks");

    double[][] x = features.toRowMatrix(pool0);
    double[] sales = features.column("sales_target_current");
    double[] logSales = new double[sales.length];
    for (int i = 0; i < sales.length; i++) {
      logSales[i] = Math.log1p(sales[i]);
    }
    double[] weights = features.column("weight");
    SubsetSearchResult search = SubsetSearch.newBuilder()
        .baseFeatures(OWN_RATE + "_current")
        .candidates(pool0.subList(1, pool0.size()))
        .maxSize(3)
        .rules(SignRule.negative("competitor_*"), SignRule.positive(OWN_RATE + "_*"))
        .keep(10)
        .executor(pool)
        .build()
        .run(pool0, x, logSales, weights);
    SubsetResult best = search.best().orElseThrow(() -> new DemoException(
        "no feature subset satisfies the sign rules (competitors negative, own rate positive)"));
    step.done("AIC search: " + search.enumerated() + " subsets, " + search.admissible()
        + " admissible; chosen " + best.features() + String.format(Locale.ROOT,
            " (AIC %.1f, R^2 %.3f)", best.aic(), best.rSquared()));

    EnsembleModel model = BootstrapRidgeEnsemble.newBuilder()
        .estimators(options.estimators())
        .alpha(1.0)
        .seed(options.seed())
        .resampling(Resampling.iid())
        .targetTransform(TargetTransform.LOG1P)
        .executor(pool)
        .progressListener(new ProgressLine("fitting members", System.err))
        .build()
        .fit(features, "sales_target_current", best.features(), "weight");
    step.done("fitted " + model.estimators() + " members on " + features.rows() + " weeks x "
        + model.features() + " features; coefficient store "
        + model.coefficients().sizeInBytes() / 1024 + " KiB");

    double[] baseline = baselineRow(features, best.features());
    double currentRate = features.get(features.rows() - 1, OWN_RATE + "_current");
    ScenarioTable table = model.scenarios(baseline, Scenario.sweep(OWN_RATE, RATE_GRID), LEVELS);
    step.done("predicted " + table.size() + " paired rate scenarios against the current rate "
        + currentRate);

    out.println();
    printTable(table, currentRate, market);
    writeOutputs(model, table, currentRate, market);
    step.done("wrote " + options.out().toAbsolutePath());
    return table;
  }

  private Frame readWeekly(Path file) {
    if (!Files.isReadable(file)) {
      throw new DemoException("cannot read --data " + file + ": no such readable file");
    }
    Frame weekly;
    try {
      weekly = FrameCsv.newBuilder().skipNonNumeric().build().read(file);
    } catch (IOException | IllegalArgumentException e) {
      throw new DemoException("cannot read --data " + file + ": " + e.getMessage());
    }
    for (String column : List.of("Prudential", "C_weighted_mean", "C_top_5", "C_median", "sales")) {
      if (!weekly.hasColumn(column)) {
        throw new DemoException("--data " + file + " has no column " + column
            + " (expected the layout of weekly_aggregated.csv)");
      }
    }
    if (!weekly.hasIndex()) {
      throw new DemoException("--data " + file + " has no date column");
    }
    return weekly;
  }

  /** Lags, decay weights and the holiday flag; keeps complete, non-holiday weeks with sales. */
  static Frame buildFeatures(Frame weekly, Executor executor) {
    Frame lagged = LagFeatures.newBuilder()
        .source("Prudential", OWN_RATE)
        .source("C_weighted_mean", "competitor_mid")
        .source("C_top_5", "competitor_top5")
        .source("C_median", "competitor_median")
        .source("sales", "sales_target")
        .lags(LAGS)
        .keepInput(true)
        .executor(executor)
        .build()
        .apply(weekly);
    if (!lagged.hasColumn("holiday")) {
      lagged = CalendarFeatures.newBuilder()
          .holiday("holiday", HolidayRule.dayOfYearAtMost(7).or(HolidayRule.dayOfYearAtLeast(358)))
          .build()
          .apply(lagged);
    }
    Frame weighted = DecayWeights.newBuilder().decay(DECAY).column("weight").build().apply(lagged);
    List<String> needed = new ArrayList<>(candidatePool());
    needed.add("sales_target_current");
    double[][] cells = weighted.toRowMatrix(needed);
    double[] holiday = weighted.column("holiday");
    boolean[] keep = new boolean[weighted.rows()];
    for (int i = 0; i < keep.length; i++) {
      boolean complete = true;
      for (double v : cells[i]) {
        complete &= Double.isFinite(v);
      }
      keep[i] = complete && holiday[i] == 0 && cells[i][cells[i].length - 1] > 0;
    }
    return weighted.filterRows(keep);
  }

  /** The own rate now, then lagged own rates and competitor aggregates. */
  static List<String> candidatePool() {
    List<String> names = new ArrayList<>();
    names.add(OWN_RATE + "_current");
    for (int k = 1; k <= LAGS; k++) {
      names.add(OWN_RATE + "_t" + k);
    }
    for (String family : List.of("competitor_mid", "competitor_top5", "competitor_median")) {
      names.add(family + "_current");
      for (int k = 1; k <= LAGS; k++) {
        names.add(family + "_t" + k);
      }
    }
    return names;
  }

  /** The newest week's features, with every own-rate feature set to the current rate. */
  private static double[] baselineRow(Frame features, List<String> chosen) {
    int last = features.rows() - 1;
    double current = features.get(last, OWN_RATE + "_current");
    double[] row = new double[chosen.size()];
    for (int j = 0; j < row.length; j++) {
      String name = chosen.get(j);
      row[j] = name.startsWith(OWN_RATE) ? current : features.get(last, name);
    }
    return row;
  }

  private void printTable(ScenarioTable table, double currentRate, SyntheticRilaMarket market) {
    SummaryTable pct = table.percentChanges();
    SummaryTable level = table.levels();
    out.printf(Locale.ROOT, "%6s  %26s  %42s%s%n", "rate", "% change in sales (95% CI)",
        "quarterly sales, $ (95% CI)", market == null ? "" : "  true %");
    for (int s = 0; s < table.size(); s++) {
      out.printf(Locale.ROOT, "%6.2f  %7.1f [%7.1f, %7.1f]  %12s [%12s, %12s]", RATE_GRID[s],
          pct.quantile(s, 1), pct.quantile(s, 0), pct.quantile(s, 2),
          dollars(level.quantile(s, 1)), dollars(level.quantile(s, 0)),
          dollars(level.quantile(s, 2)));
      if (market != null) {
        out.printf(Locale.ROOT, "  %7.1f", market.truePercentChange(currentRate, RATE_GRID[s]));
      }
      out.println();
    }
  }

  private static String dollars(double weeklySales) {
    return String.format(Locale.ROOT, "%,.0f", WEEKS_PER_QUARTER * weeklySales);
  }

  private void writeOutputs(EnsembleModel model, ScenarioTable table, double currentRate,
      SyntheticRilaMarket market) {
    Path dir = options.out();
    try {
      Files.createDirectories(dir);
      SummaryTable pct = table.percentChanges();
      SummaryTable level = table.levels();
      int n = table.size();
      double[][] columns = new double[8][n];
      for (int s = 0; s < n; s++) {
        columns[0][s] = RATE_GRID[s];
        for (int q = 0; q < 3; q++) {
          columns[1 + q][s] = pct.quantile(s, q);
          columns[4 + q][s] = WEEKS_PER_QUARTER * level.quantile(s, q);
        }
        columns[7][s] = market == null ? Double.NaN : market.truePercentChange(currentRate,
            RATE_GRID[s]);
      }
      Frame.Builder csv = Frame.newBuilder()
          .column("rate", columns[0])
          .column("pct_change_p2_5", columns[1])
          .column("pct_change_p50", columns[2])
          .column("pct_change_p97_5", columns[3])
          .column("quarterly_dollars_p2_5", columns[4])
          .column("quarterly_dollars_p50", columns[5])
          .column("quarterly_dollars_p97_5", columns[6]);
      if (market != null) {
        csv.column("true_pct_change", columns[7]);
      }
      FrameCsv.defaults().write(csv.build(), dir.resolve("rate_scenarios.csv"));
      ModelFiles.save(model, dir.resolve("elasticity.rila"));

      String chart = ElasticityChart.write(dir.resolve("elasticity_curve.png"), RATE_GRID,
          columns[1], columns[2], columns[3], market == null ? null : columns[7], currentRate);
      if (chart != null) {
        out.println("chart skipped: " + chart);
      }
    } catch (IOException e) {
      throw new DemoException("cannot write to --out " + dir + ": " + e.getMessage());
    }
  }

  private static double[] rateGrid() {
    double[] grid = new double[19];
    for (int i = 0; i < grid.length; i++) {
      grid[i] = 0.25 * i;
    }
    return grid;
  }

  /** Prints one timed line per finished step. */
  private static final class Step {
    private final PrintStream out;
    private long last = System.nanoTime();
    private int number;

    Step(PrintStream out) {
      this.out = out;
    }

    void done(String what) {
      long now = System.nanoTime();
      out.printf(Locale.ROOT, "[%d] %-100s %8.1f ms%n", ++number, what, (now - last) / 1e6);
      last = now;
    }
  }

  /**
   * A progress line on a terminal for runs longer than a second: {@code fitting members: 45%
   * (4500 of 10000)}, rewritten in place at most every half second and ended with a newline at
   * 100%. Short runs print nothing, so the demo's output stays the same.
   */
  static final class ProgressLine implements ProgressListener {
    private static final long QUIET_NANOS = 1_000_000_000L;
    private static final long EVERY_NANOS = 500_000_000L;

    private final String what;
    private final PrintStream err;
    private final long start = System.nanoTime();
    private long last;
    private boolean shown;

    ProgressLine(String what, PrintStream err) {
      this.what = what;
      this.err = err;
    }

    @Override
    public void progress(int done, int total) {
      long now = System.nanoTime();
      boolean end = done == total;
      if (now - start < QUIET_NANOS || (!end && shown && now - last < EVERY_NANOS)) {
        return;
      }
      if (end && !shown) {
        return;
      }
      last = now;
      shown = true;
      err.printf(Locale.ROOT, "\r%s: %3d%% (%d of %d)%s", what, (int) (100L * done / total), done,
          total, end ? System.lineSeparator() : "");
      err.flush();
    }
  }
}
