package io.rila.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rila.bootstrap.BootstrapRidgeEnsemble;
import io.rila.bootstrap.CancellationToken;
import io.rila.bootstrap.CoefficientStore;
import io.rila.bootstrap.EnsembleModel;
import io.rila.bootstrap.MemoryEstimate;
import io.rila.bootstrap.ModelFiles;
import io.rila.bootstrap.Precision;
import io.rila.bootstrap.Resampling;
import io.rila.bootstrap.Scenario;
import io.rila.bootstrap.ScenarioTable;
import io.rila.bootstrap.SklearnWeighting;
import io.rila.bootstrap.Summary;
import io.rila.bootstrap.SummaryTable;
import io.rila.bootstrap.TargetTransform;
import io.rila.core.frame.Frame;
import io.rila.core.frame.FrameCsv;
import io.rila.core.random.MemberRandom;
import io.rila.core.random.NumpyRandomState;
import io.rila.core.regression.RidgeFit;
import io.rila.core.regression.RidgeRegression;
import io.rila.core.stats.Quantiles;
import io.rila.core.testing.SharedData;
import io.rila.features.CalendarFeatures;
import io.rila.features.DecayWeights;
import io.rila.features.FeaturePipeline;
import io.rila.features.HolidayRule;
import io.rila.features.LagFeatures;
import io.rila.features.RowFilter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Holds every Java code sample of the guides in {@code docs/} that name this class, runs it and
 * checks its results against a second computation. {@link #docs_javaSamplesAreInThisTest()}
 * fails when a sample in those guides is not, line for line, in this file.
 */
class DocSamplesTest {

  /** The guides whose Java samples live here. */
  private static final List<String> GUIDES = List.of(
      "getting-started.md", "migrating-from-scikit-learn.md", "determinism.md", "faq.md");

  private static final List<String> NAMES =
      List.of("competitor_mid_t2", "prudential_rate_current", "prudential_rate_t3");

  @TempDir Path dir;

  private Path file;
  private FeaturePipeline pipeline;

  @BeforeEach
  void writeWeeklyCsv() throws IOException {
    file = dir.resolve("weekly.csv");
    FrameCsv.defaults().write(SyntheticRilaMarket.generate(260, 42L).weekly(), file);
  }

  /** The getting-started feature table (its first sample); also keeps its pipeline. */
  private Frame gettingStartedFeatures() throws IOException {
    Frame weekly = FrameCsv.defaults().read(file);   // one row per week
    FeaturePipeline pipeline = FeaturePipeline.of(
        LagFeatures.newBuilder()
            .source("Prudential", "prudential_rate")      // prudential_rate_current, _t1 .. _t3
            .source("C_weighted_mean", "competitor_mid")  // competitor_mid_current, _t1 .. _t3
            .lags(3)
            .build(),
        DecayWeights.newBuilder().decay(0.99).column("weight").build(),
        RowFilter.newBuilder()
            .dropMissing("prudential_rate_t3")      // the first weeks have no 3-week lag
            .excludeFlagged("holiday")              // drop rows where holiday != 0
            .build());
    Frame features = pipeline.apply(weekly);
    List<String> names =
        List.of("competitor_mid_t2", "prudential_rate_current", "prudential_rate_t3");
    assertThat(names).isEqualTo(NAMES);
    this.pipeline = pipeline;
    return features;
  }

  // ---------------------------------------------------------------- getting-started.md

  @Test
  void gettingStarted_firstFitPredictionAndScenarioTable() throws IOException {
    Frame features = gettingStartedFeatures();
    List<String> names = NAMES;
    assertThat(features.rows()).isEqualTo(238);

    BootstrapRidgeEnsemble ensemble = BootstrapRidgeEnsemble.newBuilder()
        .estimators(1_000)
        .alpha(1.0)
        .seed(42L)
        .targetTransform(TargetTransform.LOG1P)   // fit log1p(sales), predict sales
        .build();
    EnsembleModel model = ensemble.fit(features, "sales", names, "weight");
    System.out.println(model);   // EnsembleModel[1000 members x 3 features, alpha=1.0, ...]

    assertThat(model).hasToString(
        "EnsembleModel[1000 members x 3 features, alpha=1.0, iid(), LOG1P, FLOAT]");

    double[] row = {1.9, 2.0, 2.0};   // competitor_mid_t2, prudential_rate_current, _t3
    Summary next = model.predict(row);                 // mean and 2.5%, 50%, 97.5% quantiles
    System.out.printf("sales %.0f, 95%% interval [%.0f, %.0f]%n",
        next.quantile(0.5), next.quantile(0.025), next.quantile(0.975));
    double[] members = model.memberPredictions(row);   // the 1,000 predictions behind it

    // the summary is numpy's linear quantile of the member predictions
    assertThat(next.quantiles()).containsExactly(Quantiles.linear(members, 0.025, 0.5, 0.975));
    double sum = 0;
    for (double m : members) {
      sum += m;
    }
    assertThat(next.mean()).isCloseTo(sum / members.length, within(1e-9 * next.mean()));
    // one weighted Ridge fit on all weeks (a second method) lies inside the members' interval
    double[] z = features.column("sales");
    for (int i = 0; i < z.length; i++) {
      z[i] = Math.log1p(z[i]);
    }
    RidgeFit full =
        RidgeRegression.fit(features.toRowMatrix(names), z, features.column("weight"), 1.0);
    assertThat(Math.expm1(full.predict(row))).isBetween(next.quantile(0.025), next.quantile(0.975));

    ScenarioTable table = model.scenarios(row, Scenario.sweep("prudential_rate", 1.5, 2.0, 2.5));
    System.out.println(table);
    SummaryTable change = table.percentChanges();   // member k against member k's own baseline
    double up = change.quantile(2, 1);              // rate 2.5, median (levels 0.025, 0.5, 0.975)

    // paired percent changes computed by hand from the member predictions
    double[] raised = model.memberPredictions(new double[] {1.9, 2.5, 2.5});
    double[] pct = new double[members.length];
    for (int k = 0; k < pct.length; k++) {
      pct[k] = 100 * (raised[k] - members[k]) / members[k];
    }
    assertThat(up).isEqualTo(Quantiles.linear(pct, 0.5));
    assertThat(change.quantile(1, 0)).isZero();
    assertThat(change.quantile(1, 2)).isZero();
    // the market's true effect of +0.5 points on both own-rate terms: 100 (exp(0.28 x 0.5) - 1)
    SyntheticRilaMarket market = SyntheticRilaMarket.generate(260, 42L);
    assertThat(up).isCloseTo(market.truePercentChange(2.0, 2.5), within(5.0));
    assertThat(market.truePercentChange(2.0, 2.5)).isCloseTo(15.0, within(0.05));
    assertThat(market.truePercentChange(2.0, 2.5))
        .isBetween(change.quantile(2, 0), change.quantile(2, 2));
    assertThat(table.labels()).containsExactly(
        "prudential_rate*=1.5", "prudential_rate*=2.0", "prudential_rate*=2.5");

    double[][] x = features.toRowMatrix(names);
    double[] sales = features.column("sales");
    double[] weights = features.column("weight");
    EnsembleModel same = ensemble.fit(x, sales, weights);   // features named x0, x1, x2

    assertThat(same.coefficients()).isEqualTo(model.coefficients());
    assertThat(same.featureNames()).containsExactly("x0", "x1", "x2");

    Path saved = dir.resolve("sales.rila");
    ModelFiles.save(model, saved);                       // atomic: temp file, fsync, rename
    EnsembleModel loaded = ModelFiles.load(saved);       // every setting and coefficient bit

    assertThat(loaded.coefficients()).isEqualTo(model.coefficients());
    assertThat(loaded.featureNames()).isEqualTo(names);
    assertThat(loaded.memberPredictions(row)).containsExactly(members);
    assertThat(loaded.scenarios(row, Scenario.sweep("prudential_rate", 1.5, 2.0, 2.5))
        .percentChanges().quantile(2, 1)).isEqualTo(up);
  }

  @Test
  void gettingStarted_productionWeeklyAggregated() throws IOException {
    gettingStartedFeatures();
    FeaturePipeline pipeline = this.pipeline;
    List<String> names = NAMES;
    BootstrapRidgeEnsemble ensemble = BootstrapRidgeEnsemble.newBuilder()
        .estimators(1_000).alpha(1.0).seed(42L).targetTransform(TargetTransform.LOG1P).build();
    Path productionCsv = SharedData.dataFile("weekly_aggregated.csv");

    Frame aggregated = FrameCsv.defaults().read(productionCsv);   // no holiday column
    HolidayRule yearEnd = HolidayRule.dayOfYearAtLeast(360).or(HolidayRule.dayOfYearAtMost(12));
    Frame production = FeaturePipeline.of(
        CalendarFeatures.newBuilder().holiday("holiday", yearEnd).build(),   // production's flag
        RowFilter.newBuilder()
            .from(LocalDate.of(2021, 4, 4))    // competitor weights start in 2021 Q2
            .to(LocalDate.of(2026, 1, 11))     // the last week with sales
            .build())
        .apply(aggregated);
    Frame productionFeatures = pipeline.apply(production);
    EnsembleModel productionModel =
        ensemble.fit(productionFeatures, "sales", names, "weight");
    double[] latest = productionFeatures.toRowMatrix(names)[productionFeatures.rows() - 1];
    Summary nextWeek = productionModel.predict(latest);

    System.out.printf("%d weeks, %s .. %s; latest week %s: sales %.0f [%.0f, %.0f]%n",
        productionFeatures.rows(), productionFeatures.dates().get(0),
        productionFeatures.dates().get(productionFeatures.rows() - 1), Arrays.toString(latest),
        nextWeek.quantile(0.5), nextWeek.quantile(0.025), nextWeek.quantile(0.975));
    assertThat(aggregated.hasColumn("holiday")).isFalse();
    // the derived flag is the production system's own: its final_weekly_dataset.csv, by date
    Frame stored = FrameCsv.defaults().read(SharedData.dataFile("final_weekly_dataset.csv"));
    Map<LocalDate, Double> storedHoliday = new HashMap<>();
    for (int i = 0; i < stored.rows(); i++) {
      storedHoliday.put(stored.dates().get(i), stored.get(i, "holiday"));
    }
    Frame flagged = CalendarFeatures.newBuilder().holiday("holiday", yearEnd).build()
        .apply(aggregated);
    int compared = 0;
    for (int i = 0; i < flagged.rows(); i++) {
      Double flag = storedHoliday.get(flagged.dates().get(i));
      if (flag != null) {
        assertThat(flagged.get(i, "holiday")).as("%s", flagged.dates().get(i)).isEqualTo(flag);
        compared++;
      }
    }
    assertThat(compared).isEqualTo(stored.rows());
    assertThat(production.column("holiday")).containsExactly(Arrays.copyOfRange(
        flagged.column("holiday"), 13, 13 + production.rows()));
    // the rows kept, counted from the file by hand: in the date range, after the first three
    // (no 3-week lag), not around New Year; every one has sales and a weighted competitor rate
    int inRange = 0;
    int expectedRows = 0;
    for (LocalDate date : aggregated.dates()) {
      if (!date.isBefore(LocalDate.of(2021, 4, 4)) && !date.isAfter(LocalDate.of(2026, 1, 11))
          && ++inRange > 3 && date.getDayOfYear() > 12 && date.getDayOfYear() < 360) {
        expectedRows++;
      }
    }
    assertThat(productionFeatures.rows()).isEqualTo(expectedRows);
    for (int i = 0; i < productionFeatures.rows(); i++) {
      assertThat(productionFeatures.get(i, "sales")).isPositive();
      assertThat(productionFeatures.get(i, "competitor_mid_t2")).isPositive();
    }
    // the summary is the members' own; one weighted Ridge fit on all weeks lies inside it
    double[] members = productionModel.memberPredictions(latest);
    assertThat(nextWeek.quantiles())
        .containsExactly(Quantiles.linear(members, 0.025, 0.5, 0.975));
    double[] z = productionFeatures.column("sales");
    for (int i = 0; i < z.length; i++) {
      z[i] = Math.log1p(z[i]);
    }
    RidgeFit full = RidgeRegression.fit(productionFeatures.toRowMatrix(names), z,
        productionFeatures.column("weight"), 1.0);
    assertThat(Math.expm1(full.predict(latest)))
        .isBetween(nextWeek.quantile(0.025), nextWeek.quantile(0.975));
  }

  // ------------------------------------------------------- migrating-from-scikit-learn.md

  @Test
  void migrating_parityModeReproducesTheProductionModel() throws IOException {
    Frame matrix =
        FrameCsv.defaults().read(SharedData.dataFile("inference_training_matrix.csv"));
    double[] stored = FrameCsv.defaults()
        .read(SharedData.dataFile("inference_member_baseline_predictions.csv")).column("value");
    List<String> features = ProductionModelParity.FEATURES;
    double[] x0 = {1.0261748773152193, 1.744999991144453, 0.90, 0.90};

    EnsembleModel model = BootstrapRidgeEnsemble.newBuilder()
        .estimators(1_000)                           // n_estimators=1000
        .alpha(1.0)                                  // Ridge(alpha=1.0)
        .resampling(Resampling.sklearnCompatible(42, SklearnWeighting.LEGACY))  // random_state=42
        .targetTransform(TargetTransform.LOG1P)      // members fit log1p(sales), predict sales
        .precision(Precision.DOUBLE)                 // float64 coefficients, as numpy keeps them
        .build()
        .fitTransformed(matrix, "y_log1p", features, "weight");   // y is already log1p(sales)
    double[] members = model.memberPredictions(x0);   // expm1 of each estimators_[k].predict(x0)

    for (int k = 0; k < members.length; k++) {
      assertThat(SharedData.relativeError(members[k], stored[k])).isLessThanOrEqualTo(1e-7);
    }

    double[] coef = new double[model.features()];
    model.coefficients().copyCoefficients(17, coef);         // estimators_[17].coef_
    double intercept = model.coefficients().intercept(17);   // estimators_[17].intercept_

    double z = intercept;
    for (int j = 0; j < coef.length; j++) {
      z += coef[j] * x0[j];
    }
    assertThat(SharedData.relativeError(Math.expm1(z), stored[17])).isLessThanOrEqualTo(1e-7);

    double[] q = Quantiles.linear(members, 0.025, 0.5, 0.975);   // np.quantile(members, [...])
    double p975 = Quantiles.linear(members, 97.5 / 100.0);       // np.percentile(members, 97.5)

    assertThat(q).containsExactly(model.predict(x0).quantiles());
    assertThat(p975).isEqualTo(q[2]);

    // the stored production draws of members 0..9 (seed, then the 152 row indices)
    Frame draws = FrameCsv.newBuilder().noIndex().build()
        .read(SharedData.dataFile("inference_bootstrap_indices_first10.csv"));
    NumpyRandomState master = new NumpyRandomState(42);
    int[] seeds = new int[1_000];
    master.randint(0, Integer.MAX_VALUE, seeds);
    int[] rows = new int[152];
    for (int k = 0; k < draws.rows(); k++) {
      new NumpyRandomState(seeds[k]).randint(0, 152, rows);
      assertThat((double) seeds[k]).isEqualTo(draws.get(k, "seed"));
      for (int i = 0; i < 152; i++) {
        assertThat((double) rows[i]).isEqualTo(draws.get(k, "draw_" + i));
      }
    }
  }

  @Test
  void migrating_drawsByHandMatchBothWeightingModes() throws IOException {
    Frame features = gettingStartedFeatures();
    double[][] x = features.toRowMatrix(NAMES);
    double[] w = features.column("weight");
    double[] y = features.column("sales");
    double[] z = new double[y.length];
    for (int i = 0; i < z.length; i++) {
      z[i] = Math.log1p(y[i]);
    }
    int n = x.length;

    NumpyRandomState master = new NumpyRandomState(42);    // RandomState(42)
    int[] seeds = new int[1_000];
    master.randint(0, Integer.MAX_VALUE, seeds);            // .randint(2**31 - 1, size=1000)
    int[] rows = new int[n];
    new NumpyRandomState(seeds[0]).randint(0, n, rows);     // RandomState(seed).randint(0, n, n)
    int[] counts = new int[n];
    for (int r : rows) {
      counts[r]++;                                          // np.bincount(rows, minlength=n)
    }
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = w[i] * counts[i];                              // sample_weight * bincount(rows)
    }
    RidgeFit member0 = RidgeRegression.fit(x, z, v, 1.0);   // Ridge(alpha=1.0).fit(x, z, v)

    EnsembleModel legacy = BootstrapRidgeEnsemble.newBuilder().estimators(1_000)
        .resampling(Resampling.sklearnCompatible(42, SklearnWeighting.LEGACY))
        .precision(Precision.DOUBLE).build().fitTransformed(x, z, w);
    assertMember0(legacy.coefficients(), member0);

    double[] p = new double[n];
    double total = 0;
    for (double wi : w) {
      total += wi;
    }
    for (int i = 0; i < n; i++) {
      p[i] = w[i] / total;
    }
    int[] drawn = new int[n];
    new NumpyRandomState(seeds[0]).choice(n, p, drawn);   // RandomState(seed).choice(n, n, p=p)
    double[] c = new double[n];
    for (int r : drawn) {
      c[r]++;                                             // sample_weight = bincount(drawn) only
    }
    RidgeFit member0Of18 = RidgeRegression.fit(x, z, c, 1.0);

    EnsembleModel probability = BootstrapRidgeEnsemble.newBuilder().estimators(1_000)
        .resampling(Resampling.sklearnCompatible(42, SklearnWeighting.PROBABILITY))
        .precision(Precision.DOUBLE).build().fitTransformed(x, z, w);
    assertMember0(probability.coefficients(), member0Of18);
    // the two modes draw different members from the same random state
    assertThat(member0Of18.coefficient(1)).isNotEqualTo(member0.coefficient(1));
  }

  private static void assertMember0(CoefficientStore store, RidgeFit expected) {
    for (int j = 0; j < expected.features(); j++) {
      assertThat(SharedData.relativeError(store.coefficient(0, j), expected.coefficient(j)))
          .isLessThan(1e-9);
    }
    assertThat(SharedData.relativeError(store.intercept(0), expected.intercept()))
        .isLessThan(1e-9);
  }

  @Test
  void migrating_quantilesAreNumpysLinearRule() {
    for (var c : SharedData.oracle("percentile.json").get("cases")) {
      double[] data = SharedData.vector(c.get("data"));
      double[] percents = SharedData.vector(c.get("q_percent"));
      double[] expected = SharedData.vector(c.get("expected"));
      for (int i = 0; i < percents.length; i++) {
        assertThat(Quantiles.linear(data, percents[i] / 100.0)).isEqualTo(expected[i]);
      }
    }
  }

  // ---------------------------------------------------------------------- determinism.md

  @Test
  void determinism_sameMembersOnAnyExecutorAndByHand() throws IOException {
    Frame features = gettingStartedFeatures();
    double[][] x = features.toRowMatrix(NAMES);
    double[] y = features.column("sales");
    double[] weights = features.column("weight");

    ExecutorService pool = Executors.newFixedThreadPool(4);
    EnsembleModel onPool = BootstrapRidgeEnsemble.newBuilder().estimators(1_000).seed(7L)
        .precision(Precision.DOUBLE).executor(pool).build().fit(x, y, weights);
    EnsembleModel onCaller = BootstrapRidgeEnsemble.newBuilder().estimators(1_000).seed(7L)
        .precision(Precision.DOUBLE).executor(Runnable::run).build().fit(x, y, weights);
    boolean same = onPool.coefficients().equals(onCaller.coefficients());   // true, bit for bit
    pool.shutdown();   // your pool: rila never shuts it down

    assertThat(same).isTrue();

    MemberRandom random = new MemberRandom(7L, 17);     // the stream of member 17 under seed 7
    int[] counts = new int[x.length];
    random.multinomialCounts(x.length, counts);         // its i.i.d. draw: how often each row
    double[] v = new double[x.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = weights[i] * counts[i];
    }
    RidgeFit member17 = RidgeRegression.fit(x, y, v, 1.0);   // = member 17 of onPool and onCaller

    for (int j = 0; j < NAMES.size(); j++) {
      assertThat(SharedData.relativeError(onPool.coefficients().coefficient(17, j),
          member17.coefficient(j))).isLessThan(1e-9);
    }
    assertThat(SharedData.relativeError(onPool.coefficients().intercept(17),
        member17.intercept())).isLessThan(1e-9);

    EnsembleModel half = BootstrapRidgeEnsemble.newBuilder().estimators(500).seed(7L)
        .precision(Precision.DOUBLE).build().fit(x, y, weights);
    double[] first = new double[500 * (NAMES.size() + 1)];
    double[] grown = new double[first.length];
    half.coefficients().copyMembers(0, 500, first, 0);
    onPool.coefficients().copyMembers(0, 500, grown, 0);   // the first 500 of its 1,000
    boolean prefix = Arrays.equals(first, grown);           // true: member k ignores the count

    assertThat(prefix).isTrue();
    for (SklearnWeighting mode : SklearnWeighting.values()) {
      Resampling numpy = Resampling.sklearnCompatible(42, mode);
      CoefficientStore small = BootstrapRidgeEnsemble.newBuilder().estimators(50)
          .resampling(numpy).precision(Precision.DOUBLE).build().fit(x, y, weights)
          .coefficients();
      CoefficientStore large = BootstrapRidgeEnsemble.newBuilder().estimators(120)
          .resampling(numpy).precision(Precision.DOUBLE).build().fit(x, y, weights)
          .coefficients();
      double[] a = new double[50 * (NAMES.size() + 1)];
      double[] b = new double[a.length];
      small.copyMembers(0, 50, a, 0);
      large.copyMembers(0, 50, b, 0);
      assertThat(a).as("%s", mode).containsExactly(b);
    }
    CoefficientStore floats = BootstrapRidgeEnsemble.newBuilder().estimators(1_000).seed(7L)
        .build().fit(x, y, weights).coefficients();
    for (int k = 0; k < 1_000; k++) {
      assertThat(floats.intercept(k)).isEqualTo((float) onPool.coefficients().intercept(k));
    }
  }

  @Test
  void determinism_resumedFitEqualsAnUninterruptedOne() throws IOException {
    Frame features = gettingStartedFeatures();
    double[][] x = features.toRowMatrix(NAMES);
    double[] y = features.column("sales");
    double[] weights = features.column("weight");
    EnsembleModel uninterrupted = BootstrapRidgeEnsemble.newBuilder().estimators(1_000).seed(7L)
        .precision(Precision.DOUBLE).build().fit(x, y, weights);
    Path folder = dir.resolve("fit");

    CancellationToken token = new CancellationToken();
    BootstrapRidgeEnsemble first = BootstrapRidgeEnsemble.newBuilder()
        .estimators(1_000).seed(7L).precision(Precision.DOUBLE)
        .checkpoint(folder, 100)                       // save at least every 100 members
        .progressListener((done, total) -> {
          if (done >= 400) {
            token.cancel();                            // stands in for a crash or a deadline
          }
        })
        .cancellation(token)
        .build();
    assertThatThrownBy(() -> first.fit(x, y, weights))
        .isInstanceOf(CancellationException.class);
    long parts;
    try (var files = Files.list(folder)) {
      parts = files.filter(f -> f.toString().endsWith(".ckpt")).count();
    }
    assertThat(parts).isPositive();

    EnsembleModel resumed = BootstrapRidgeEnsemble.newBuilder()
        .estimators(1_000).seed(7L).precision(Precision.DOUBLE)
        .checkpoint(folder, 100)                       // same data, same settings: resume
        .build()
        .fit(x, y, weights);
    boolean same = resumed.coefficients().equals(uninterrupted.coefficients());   // true

    assertThat(same).isTrue();
    try (var files = Files.list(folder)) {
      // after a successful fit the parts are deleted
      assertThat(files.filter(f -> f.toString().endsWith(".ckpt"))).isEmpty();
    }
  }

  // ----------------------------------------------------------------------------- faq.md

  @Test
  void faq_precisionAndStoreSizes() throws IOException {
    Frame features = gettingStartedFeatures();
    List<String> names = NAMES;
    double[] row = {1.9, 2.0, 2.0};

    EnsembleModel doubles = BootstrapRidgeEnsemble.newBuilder()
        .estimators(1_000)
        .targetTransform(TargetTransform.LOG1P)
        .precision(Precision.DOUBLE)           // 8 bytes a coefficient instead of 4
        .build()
        .fit(features, "sales", names, "weight");

    EnsembleModel floats = BootstrapRidgeEnsemble.newBuilder().estimators(1_000)
        .targetTransform(TargetTransform.LOG1P).build().fit(features, "sales", NAMES, "weight");
    double[] a = floats.memberPredictions(row);
    double[] b = doubles.memberPredictions(row);
    for (int k = 0; k < a.length; k++) {
      // faq.md: the float intercept near 16.7 is rounded by up to 2^-24 x 16 ~ 1e-6 on the log
      // scale, which expm1 turns into the same relative error
      assertThat(SharedData.relativeError(a[k], b[k])).isLessThan(1.1e-6);
    }
    assertThat(doubles.coefficients().sizeInBytes()).isEqualTo(1_000L * 4 * 8);
    assertThat(floats.coefficients().sizeInBytes()).isEqualTo(1_000L * 4 * 4);
    // the memory table of faq.md
    assertThat(CoefficientStore.ofFloats(1_000, 4, new float[1_000 * 5]).sizeInBytes())
        .isEqualTo(20_000L);
    assertThat(CoefficientStore.ofDoubles(10_000, 4, new double[10_000 * 5]).sizeInBytes())
        .isEqualTo(400_000L);
    assertThat(CoefficientStore.ofFloats(10_000, 598, new float[10_000 * 599]).sizeInBytes())
        .isEqualTo(23_960_000L);
    assertThat(CoefficientStore.ofDoubles(10_000, 598, new double[10_000 * 599]).sizeInBytes())
        .isEqualTo(47_920_000L);
  }

  @Test
  void faq_memoryEstimate() {
    MemoryEstimate estimate = BootstrapRidgeEnsemble.newBuilder()
        .estimators(10_000)
        .build()
        .estimateMemory(150, 598);               // rows, features
    System.out.println(estimate);                // every part in MB, the totals and the budget

    // faq.md's formulas, array headers (16 bytes) aside
    long store = 10_000L * 599 * 4;
    assertThat(estimate.storeBytes()).isBetween(store, store + 16);
    assertThat(estimate.predictionLayoutBytes()).isBetween(store, store + store / 100);
    // the features are read in place: the inputs are the target, weights and column means
    assertThat(estimate.inputBytes()).isBetween(3 * 150L * 8 + 598 * 8, 30_000L);
    // K, the transient centred copy by columns it is computed from, the centred copy by rows
    assertThat(estimate.gramBytes()).isBetween(150L * 150 * 8 + 2 * 150L * 598 * 8,
        150L * 150 * 8 + 2 * 150L * 598 * 8 + 20_000);
    assertThat(estimate.workspaceBytesPerThread()).isBetween(150L * 150 * 8, 250_000L);
    assertThat(estimate.predictionBufferBytes())
        .isBetween(estimate.threads() * 10_000L * 64, estimate.threads() * 10_000L * 64 + 1_000);
    assertThat(estimate.fitBytes()).isEqualTo(estimate.storeBytes() + estimate.inputBytes()
        + estimate.gramBytes() + estimate.workspaceBytes());
  }

  @Test
  void faq_monteCarloErrorOfTheIntervalShrinksWithMembers() throws IOException {
    Frame features = gettingStartedFeatures();
    double[] row = {1.9, 2.0, 2.0};
    for (int members : new int[] {1_000, 10_000}) {
      double[] lows = new double[20];
      double[] medians = new double[20];
      double[] means = new double[20];
      double halfWidth = 0;
      for (int seed = 0; seed < lows.length; seed++) {
        Summary s = BootstrapRidgeEnsemble.newBuilder().estimators(members).seed(seed)
            .targetTransform(TargetTransform.LOG1P).build()
            .fit(features, "sales", NAMES, "weight").predict(row);
        lows[seed] = s.quantile(0.025);
        medians[seed] = s.quantile(0.5);
        means[seed] = s.mean();
        halfWidth += (s.quantile(0.975) - s.quantile(0.025)) / 2 / lows.length;
      }
      // faq.md: the Monte-Carlo error of the 2.5% end is about 1.36 / sqrt(members) of the
      // half-width, of the median 0.64 / sqrt(members), of the mean 0.51 / sqrt(members);
      // 20 seeds estimate a standard deviation to about +-16%, so allow a factor 1.5
      double root = Math.sqrt(members);
      assertThat(standardDeviation(lows) / halfWidth).as("%d members", members)
          .isBetween(1.36 / root / 1.5, 1.36 / root * 1.5);
      assertThat(standardDeviation(medians) / halfWidth).as("%d members", members)
          .isBetween(0.64 / root / 1.5, 0.64 / root * 1.5);
      assertThat(standardDeviation(means) / halfWidth).as("%d members", members)
          .isBetween(0.51 / root / 1.5, 0.51 / root * 1.5);
    }
  }

  @Test
  void faq_blockResamplingCoversTheTrueEffect() throws IOException {
    gettingStartedFeatures();
    List<String> names = NAMES;
    double[] row = {1.9, 2.0, 2.0};

    Resampling[] schemes = {Resampling.iid(), Resampling.movingBlock(8)};
    int[] covered = new int[schemes.length];
    for (long seed = 1; seed <= 100; seed++) {
      SyntheticRilaMarket market = SyntheticRilaMarket.generate(260, seed);
      Frame training = pipeline.apply(market.weekly());
      double truth = market.truePercentChange(2.0, 2.5);
      for (int s = 0; s < schemes.length; s++) {
        SummaryTable change = BootstrapRidgeEnsemble.newBuilder()
            .estimators(1_000)
            .seed(42L)
            .resampling(schemes[s])                  // i.i.d. weeks, or blocks of 8 weeks
            .targetTransform(TargetTransform.LOG1P)
            .build()
            .fit(training, "sales", names, "weight")
            .scenarios(row, Scenario.sweep("prudential_rate", 2.5))
            .percentChanges();
        if (change.quantile(0, 0) <= truth && truth <= change.quantile(0, 2)) {
          covered[s]++;
        }
      }
    }

    // the counts faq.md and getting-started.md quote (deterministic: fixed seeds throughout)
    assertThat(covered).containsExactly(47, 86);
  }

  @Test
  void faq_threads() throws IOException {
    Frame features = gettingStartedFeatures();
    double[][] x = features.toRowMatrix(NAMES);
    double[] y = features.column("sales");
    double[] weights = features.column("weight");
    double[][] rows = new double[12][];
    for (int r = 0; r < rows.length; r++) {
      rows[r] = x[x.length - 1 - r];
    }

    ExecutorService pool = Executors.newFixedThreadPool(4);
    EnsembleModel model = BootstrapRidgeEnsemble.newBuilder()
        .estimators(1_000)
        .executor(pool)                          // fits, and batches of 8+ rows, run here
        .build()
        .fit(x, y, weights);
    EnsembleModel onCaller = model.withExecutor(Runnable::run);   // predictions on the caller
    SummaryTable weeks = onCaller.predict(rows);
    pool.shutdown();                                              // your pool: yours to shut down

    SummaryTable again = BootstrapRidgeEnsemble.newBuilder().estimators(1_000)
        .executor(Runnable::run).build().fit(x, y, weights).predict(rows);
    for (int r = 0; r < rows.length; r++) {
      assertThat(weeks.summary(r)).isEqualTo(again.summary(r));
    }
  }

  private static double standardDeviation(double[] values) {
    double mean = 0;
    for (double v : values) {
      mean += v / values.length;
    }
    double ss = 0;
    for (double v : values) {
      ss += (v - mean) * (v - mean);
    }
    return Math.sqrt(ss / (values.length - 1));
  }

  // ---------------------------------------------------------------------- README.md

  @Test
  void readme_tenLines() throws IOException {
    // the README's Java block is TenLines.java character for character, less its package line,
    // and its output block is what the program prints
    Path root = SharedData.sharedDir().getParent();
    Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL)
        .matcher(Files.readString(root.resolve("README.md")));
    assertThat(block.find()).as("README.md has a Java sample").isTrue();
    assertThat("package io.rila.examples;\n\n" + block.group(1))
        .as("README.md's Java sample vs examples/.../TenLines.java")
        .isEqualTo(Files.readString(
            root.resolve("examples/src/main/java/io/rila/examples/TenLines.java")));

    // it runs as printed, on the CSV the README names (its default path, from the root)
    assertThat(block.group(1)).contains("\"testdata/sample/rila_weekly.csv\"");
    Path csv = root.resolve("testdata/sample/rila_weekly.csv");
    assertThat(csv).isRegularFile();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream console = System.out;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      TenLines.main(new String[] {csv.toString()});
    } finally {
      System.setOut(console);
    }

    // its data: the production model's training matrix, latest week last
    Frame weekly = FrameCsv.defaults().read(csv);
    List<String> features = List.of("prudential_rate_current", "prudential_rate_t3",
        "competitor_mid_t2", "competitor_top5_t2");
    double[] newRow = weekly.toRowMatrix(features)[weekly.rows() - 1];
    Frame production =
        FrameCsv.defaults().read(SharedData.dataFile("inference_training_matrix.csv"));
    assertThat(weekly.rows()).isEqualTo(production.rows()).isEqualTo(152);
    assertThat(newRow).containsExactly(
        production.toRowMatrix(features)[production.rows() - 1]);

    // what it printed is this model's summary and scenarios, checked member by member
    EnsembleModel model = BootstrapRidgeEnsemble.newBuilder()
        .estimators(10_000).alpha(1.0).seed(42L).resampling(Resampling.iid())
        .targetTransform(TargetTransform.LOG1P).build()
        .fit(weekly, "sales", features, "weight");
    Summary next = model.predict(newRow);
    ScenarioTable rates = model.scenarios(newRow, Scenario.sweep("prudential_rate", 1.0, 1.5, 2.0));
    String n = System.lineSeparator();
    assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo(next + n + rates + n);

    // the README's output block is what it printed; "..." stands for the difference's cut columns
    Matcher output = Pattern.compile("```\\n(Summary\\[.*?)```", Pattern.DOTALL)
        .matcher(Files.readString(root.resolve("README.md")));
    assertThat(output.find()).as("README.md has TenLines' output").isTrue();
    String[] readme = output.group(1).split("\n");
    String[] lines = printed.toString(StandardCharsets.UTF_8).split("\\R");
    assertThat(readme).hasSameSizeAs(lines);
    for (int i = 0; i < lines.length; i++) {
      int cut = readme[i].indexOf("...");
      if (cut < 0) {
        assertThat(readme[i]).as("README output line %d", i + 1).isEqualTo(lines[i]);
      } else {
        assertThat(lines[i].stripTrailing()).as("README output line %d", i + 1)
            .startsWith(readme[i].substring(0, cut).stripTrailing())
            .endsWith(readme[i].substring(cut + 3).strip());
      }
    }
    double[] members = model.memberPredictions(newRow);
    assertThat(next.mean()).isCloseTo(Arrays.stream(members).average().orElseThrow(),
        within(1e-9 * next.mean()));
    assertThat(next.quantile(0.025)).isEqualTo(Quantiles.linear(members, 0.025));
    assertThat(next.quantile(0.975)).isEqualTo(Quantiles.linear(members, 0.975));
    // the 2.0 scenario, member by member: own-rate features set to 2.0, paired with the baseline
    double[] scenarioRow = newRow.clone();
    scenarioRow[0] = 2.0;
    scenarioRow[1] = 2.0;
    double[] scenario = model.memberPredictions(scenarioRow);
    double[] change = new double[members.length];
    for (int k = 0; k < change.length; k++) {
      change[k] = 100 * (scenario[k] - members[k]) / members[k];
    }
    assertThat(rates.percentChanges().quantile(2, 1))
        .isCloseTo(Quantiles.linear(change, 0.5), within(1e-9));
  }

  // ---------------------------------------------------------------------- the docs

  @Test
  void docs_javaSamplesAreInThisTest() throws IOException {
    Path docs = Path.of("..", "docs");
    Path source = Path.of("src", "test", "java", "io", "rila", "examples", "DocSamplesTest.java");
    assumeTrue(Files.isDirectory(docs) && Files.isRegularFile(
        source), "run from the examples module of a checkout");
    List<String> here = normalised(Files.readString(source));
    Pattern block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    for (String guide : GUIDES) {
      String text = Files.readString(docs.resolve(guide));
      assertThat(text).as(guide).contains("DocSamplesTest");
      Matcher m = block.matcher(text);
      int samples = 0;
      while (m.find()) {
        samples++;
        List<String> sample = normalised(m.group(1));
        assertThat(containsRun(here, sample))
            .as("%s sample %d is not in DocSamplesTest:%n%s", guide, samples, m.group(1))
            .isTrue();
      }
      assertThat(samples).as(guide).isPositive();
    }
  }

  @Test
  void docs_relativeLinksResolve() throws IOException {
    Path docs = Path.of("..", "docs");
    assumeTrue(Files.isDirectory(docs), "run from the examples module of a checkout");
    Pattern link = Pattern.compile("\\]\\(([^)#:]+)(#[^)]*)?\\)");
    List<String> guides = new ArrayList<>(GUIDES);
    guides.add("index.md");
    for (String guide : guides) {
      Matcher m = link.matcher(Files.readString(docs.resolve(guide)));
      while (m.find()) {
        assertThat(docs.resolve(m.group(1))).as("%s links to %s", guide, m.group(1)).exists();
      }
    }
  }

  @Test
  void docs_indexListsEveryPage() throws IOException {
    Path docs = Path.of("..", "docs");
    assumeTrue(Files.isDirectory(docs), "run from the examples module of a checkout");
    String index = Files.readString(docs.resolve("index.md"));
    try (var pages = Files.list(docs)) {
      pages.map(page -> page.getFileName().toString())
          .filter(name -> name.endsWith(".md") && !name.equals("index.md"))
          .forEach(name -> assertThat(index).as("index.md links " + name)
              .contains("](" + name + ")"));
    }
  }

  /** Lines trimmed, blank lines dropped. */
  private static List<String> normalised(String text) {
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\n")) {
      String t = line.strip();
      if (!t.isEmpty()) {
        lines.add(t);
      }
    }
    return lines;
  }

  private static boolean containsRun(List<String> haystack, List<String> needle) {
    for (int i = 0; i + needle.size() <= haystack.size(); i++) {
      if (haystack.subList(i, i + needle.size()).equals(needle)) {
        return true;
      }
    }
    return false;
  }
}
