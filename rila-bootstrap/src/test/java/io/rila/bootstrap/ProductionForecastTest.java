package io.rila.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rila.bootstrap.internal.CountSampler;
import io.rila.bootstrap.internal.Samplers;
import io.rila.core.frame.Frame;
import io.rila.core.frame.FrameCsv;
import io.rila.core.testing.SharedData;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The production system's forecasting stage, run through the public {@link Backtest} API on the
 * real weekly data, against {@code oracles/production_forecast.json}: the same recipe run with
 * scikit-learn 1.9.1 by {@code testdata/generators/production_forecast.py}
 * (forecasts, bands, actuals, benchmark and metrics at every cutoff; drawn rows, coefficients and
 * objective values of every member at six cutoffs, with the exact optimum from scipy's BVLS).
 *
 * <p>The recipe (see {@code docs/backtest.md}): rows with {@code sales != 0} and {@code date >
 * 2022-04-01}, the last row dropped (191 rows, holiday weeks kept); target {@code
 * log(sales_target_current)}; features {@code prudential_rate_current}, {@code competitor_mid_t2}
 * and {@code -competitor_top5_t3}; {@code BaggingRegressor(Ridge(alpha=1, positive=True),
 * n_estimators=100, random_state=42)} refitted at cutoffs 30 .. 190 with the weights {@code
 * 0.98^(n - k - 1)} computed once; scored against {@code sales_by_contract_date} of row c, next to
 * the benchmark {@code sales_target_contract_t5} of row c - 1.
 *
 * <p>scikit-learn solves {@code Ridge(positive=True)} with L-BFGS-B at {@code tol=1e-4}, rila
 * exactly (active set), so members agree only as far as L-BFGS-B converged: the bounds below are
 * the measured differences, rounded up, and {@code docs/migrating-from-scikit-learn.md} reports
 * them.
 */
class ProductionForecastTest {

  private static final String ORACLE = "production_forecast.json";

  /** The measured largest relative difference of a member prediction, rounded up. */
  private static final double MEMBER_BOUND = 5e-2;

  /** The measured largest relative difference of a forecast (a mean of members), rounded up. */
  private static final double FORECAST_BOUND = 1e-3;

  static final List<String> FEATURES =
      List.of("prudential_rate_current", "competitor_mid_t2", "competitor_top5_t3_negated");

  private static JsonNode oracle() {
    return SharedData.oracle(ORACLE);
  }

  /** The production stage's rows: sales != 0, date after 2022-04-01, the last row dropped. */
  static Frame productionRows(Frame weekly) {
    LocalDate after = LocalDate.of(2022, 4, 1);
    Frame kept = weekly.filterRows(
        i -> weekly.get(i, "sales") != 0 && weekly.date(i).isAfter(after));
    Frame rows = kept.rowRange(0, kept.rows() - 1);
    double[] top5 = rows.column("competitor_top5_t3");
    for (int i = 0; i < top5.length; i++) {
      top5[i] = -top5[i];
    }
    return rows.withColumn("competitor_top5_t3_negated", top5);
  }

  static BootstrapRidgeEnsemble productionEnsemble() {
    return productionEnsemble(100);
  }

  /** The recipe's ensemble with another number of members. */
  static BootstrapRidgeEnsemble productionEnsemble(int members) {
    return BootstrapRidgeEnsemble.newBuilder()
        .estimators(members)
        .alpha(1.0)
        .resampling(Resampling.sklearnCompatible(42, SklearnWeighting.PROBABILITY))
        .nonNegative(true)
        .targetTransform(TargetTransform.LOG)
        .precision(Precision.DOUBLE)
        .build();
  }

  static Backtest productionBacktest() {
    return productionBacktest(100).build();
  }

  /** The recipe's backtest settings with another number of members. */
  static Backtest.Builder productionBacktest(int members) {
    return Backtest.newBuilder()
        .ensemble(productionEnsemble(members))
        .start(30)
        .weights(CutoffWeights.fixedDecay(0.98))
        .actualColumn("sales_by_contract_date")
        .benchmarkColumn("sales_target_contract_t5", 1)
        .bands(0.95, 0.5)
        .windowLength(23);
  }

  @Test
  void run_productionRecipe_matchesScikitLearn() throws IOException {
    JsonNode o = oracle();
    Frame weekly = FrameCsv.defaults().read(SharedData.dataFile("final_weekly_dataset.csv"));
    Frame data = productionRows(weekly);
    BacktestResult r = productionBacktest().run(data, "sales_target_current", FEATURES);
    System.out.println("production forecasting stage, " + data.date(30) + " .. "
        + data.date(190) + "\n" + r.table());

    // the rows and the matrix are the oracle's
    assertThat(data.rows()).isEqualTo(o.get("rows").asInt()).isEqualTo(191);
    assertThat(data.date(0)).isEqualTo(LocalDate.parse(o.get("first_date").asText()));
    assertThat(data.date(190)).isEqualTo(LocalDate.parse(o.get("last_date").asText()));
    double holidays = Arrays.stream(data.column("holiday")).sum();
    assertThat(holidays).isEqualTo(o.get("holiday_rows").asDouble()).isEqualTo(7);
    assertThat(data.toRowMatrix(FEATURES)).isDeepEqualTo(SharedData.matrix(o.get("x")));

    assertThat(r.size()).isEqualTo(161);
    assertThat(r.actuals()).containsExactly(SharedData.vector(o.get("actual")));
    assertThat(r.naiveForecasts()).containsExactly(SharedData.vector(o.get("benchmark")));
    assertThat(r.benchmark()).isEqualTo("sales_target_contract_t5(lag 1)");

    double[] forecast = r.forecasts();
    double[] expected = SharedData.vector(o.get("forecast"));
    double[][] bands = SharedData.matrix(o.get("bands"));
    // production's bands: np.percentile of the members at 2.5, 25, 50, 75 and 97.5
    double[][] ours = {r.lower(0.95), r.lower(0.5), r.medians(), r.upper(0.5), r.upper(0.95)};
    double worstForecast = 0;
    double worstBand = 0;
    for (int i = 0; i < forecast.length; i++) {
      worstForecast = Math.max(worstForecast, SharedData.relativeError(forecast[i], expected[i]));
      for (int q = 0; q < ours.length; q++) {
        worstBand = Math.max(worstBand, SharedData.relativeError(ours[q][i], bands[i][q]));
      }
    }
    ForecastMetrics m = r.metrics();
    ForecastMetrics b = r.naiveMetrics();
    System.out.printf(Locale.ROOT, "rila vs scikit-learn 1.9.1: max relative difference of the"
        + " 161 forecasts %.3g, of the band ends and medians %.3g; R2 %.9f vs %.9f, MAPE %% %.9f"
        + " vs %.9f%n",
        worstForecast, worstBand, m.r2(), o.get("r2").asDouble(), 100 * m.mape(),
        o.get("mape_percent").asDouble());

    // measured: 5.7e-4 (forecasts), 2.7e-3 (band ends and medians), R^2 4.5e-5 and MAPE 1.1e-3
    // percentage points apart, all from L-BFGS-B's early stop (the draws are equal)
    assertThat(worstForecast).isLessThan(FORECAST_BOUND);
    assertThat(worstBand).isLessThan(5e-3);
    assertThat(m.r2()).isCloseTo(o.get("r2").asDouble(), within(1e-4));
    assertThat(100 * m.mape()).isCloseTo(o.get("mape_percent").asDouble(), within(2e-3));
    // the benchmark involves no solver: scikit-learn's metrics to rounding
    assertThat(b.r2()).isCloseTo(o.get("benchmark_r2").asDouble(), within(1e-12));
    assertThat(100 * b.mape())
        .isCloseTo(o.get("benchmark_mape_percent").asDouble(), within(1e-10));
    assertThat(r.windows()).isEqualTo(7);
  }

  private static org.assertj.core.data.Offset<Double> within(double tolerance) {
    return org.assertj.core.data.Offset.offset(tolerance);
  }

  /**
   * Every member of every cutoff draws exactly scikit-learn 1.9.1's rows: the drawn counts at the
   * six detail cutoffs, and a fingerprint of them (sum of the rows plus 65536 times the sum of
   * their squares, with multiplicity) at all 161. The ensembles therefore differ only in the
   * solver.
   */
  @Test
  void draws_equalScikitLearnAtEveryCutoff() throws IOException {
    JsonNode o = oracle();
    double[] w = SharedData.vector(o.get("weights"));
    int members = o.get("members").asInt();
    int[] seeds = Samplers.sklearnMemberSeeds(o.get("random_state").asLong(), members);
    JsonNode fingerprints = o.get("member_draw_fingerprints");
    int first = o.get("cutoffs").get(0).asInt();
    for (int i = 0; i < fingerprints.size(); i++) {
      int c = first + i;
      CountSampler sampler = Samplers.sklearnProbability(seeds, Samplers.numpyCdf(
          Arrays.copyOf(w, c)));
      int[] counts = new int[c];
      for (int k = 0; k < members; k++) {
        sampler.draw(k, counts);
        long sum = 0;
        long squares = 0;
        for (int row = 0; row < c; row++) {
          sum += (long) counts[row] * row;
          squares += (long) counts[row] * row * row;
        }
        assertThat(sum + 65536 * squares).as("cutoff %d member %d", c, k)
            .isEqualTo(fingerprints.get(i).get(k).asLong());
      }
    }
    for (JsonNode d : o.get("detail")) {
      int c = d.get("cutoff").asInt();
      CountSampler sampler = Samplers.sklearnProbability(seeds, Samplers.numpyCdf(
          Arrays.copyOf(w, c)));
      int[] counts = new int[c];
      for (int k = 0; k < members; k++) {
        sampler.draw(k, counts);
        assertThat(counts).as("cutoff %d member %d draws", c, k)
            .containsExactly(sklearnCounts(d, k, c));
      }
    }
  }

  private static int[] sklearnCounts(JsonNode detail, int member, int rows) {
    int[] counts = new int[rows];
    for (JsonNode row : detail.get("member_rows_sorted").get(member)) {
      counts[row.asInt()]++;
    }
    return counts;
  }

  /**
   * At the six detail cutoffs, rila's member minimises the member objective {@code sum counts_i
   * (y_i - b0 - x_i . b)^2 + alpha |b|^2} (scikit-learn's drawn counts) at least as well as
   * scikit-learn's member does, and reaches the exact optimum (scipy BVLS) to rounding, while
   * L-BFGS-B stops up to 8.4e-5 (relative) above it at these cutoffs (4.2e-3 at worst over all
   * 161).
   */
  @Test
  void fit_objectivesReachTheOptimumScikitLearnStopsShortOf() throws IOException {
    JsonNode o = oracle();
    double[][] x = SharedData.matrix(o.get("x"));
    double[] y = SharedData.vector(o.get("y_log"));
    double[] w = SharedData.vector(o.get("weights"));
    double alpha = o.get("alpha").asDouble();
    int members = o.get("members").asInt();
    int p = x[0].length;
    BootstrapRidgeEnsemble template = productionEnsemble();

    double worstGapRila = 0;
    double worstGapSklearn = 0;
    double worstCoef = 0;
    int[] zeros = new int[p];
    for (JsonNode d : o.get("detail")) {
      int c = d.get("cutoff").asInt();
      double[][] xc = Arrays.copyOf(x, c);
      double[] yc = Arrays.copyOf(y, c);
      EnsembleModel model = template.fitTransformed(xc, yc, Arrays.copyOf(w, c));
      double[][] coef = SharedData.matrix(d.get("member_coef"));
      double[] intercept = SharedData.vector(d.get("member_intercept"));
      double[] exact = SharedData.vector(d.get("member_objective_exact"));
      double[] sklearnObjective = SharedData.vector(d.get("member_objective_sklearn"));
      double[] member = new double[p + 1];
      for (int k = 0; k < members; k++) {
        int[] counts = sklearnCounts(d, k, c);
        model.coefficients().copyMember(k, member);
        double[] beta = Arrays.copyOf(member, p);
        double ours = objective(xc, yc, counts, beta, member[p], alpha);
        double theirs = objective(xc, yc, counts, coef[k], intercept[k], alpha);
        // scikit-learn's objective recomputed here is the script's
        assertThat(SharedData.relativeError(theirs, sklearnObjective[k])).isLessThan(1e-12);
        assertThat(ours).as("cutoff %d member %d objective", c, k)
            .isLessThanOrEqualTo(theirs * (1 + 1e-13));
        double gapRila = (ours - exact[k]) / exact[k];
        assertThat(Math.abs(gapRila)).as("cutoff %d member %d: rila vs exact", c, k)
            .isLessThan(1e-12);
        worstGapRila = Math.max(worstGapRila, Math.abs(gapRila));
        worstGapSklearn = Math.max(worstGapSklearn, (theirs - exact[k]) / exact[k]);
        for (int j = 0; j <= p; j++) {
          double theirsJ = j < p ? coef[k][j] : intercept[k];
          worstCoef = Math.max(worstCoef, Math.abs(member[j] - theirsJ));
          if (j < p) {
            assertThat(member[j]).isGreaterThanOrEqualTo(0.0);
            zeros[j] += member[j] == 0 ? 1 : 0;
          }
        }
      }
    }
    System.out.printf(Locale.ROOT, "six cutoffs, 600 members: objective above the exact optimum"
        + " rila %.3g, scikit-learn %.3g (relative, worst member); max |coefficient or intercept"
        + " difference| %.3g; coefficients exactly 0 in rila: %s of 600%n",
        worstGapRila, worstGapSklearn, worstCoef, Arrays.toString(zeros));
    // as measured: scikit-learn stops well short of the optimum somewhere, rila does not
    assertThat(worstGapSklearn).isGreaterThan(1e-5);
    // docs/backtest.md: competitor_mid_t2's coefficient is exactly 0 in 411 of the 600 members
    assertThat(zeros[1]).isEqualTo(411);
    assertThat(worstCoef).isLessThan(1e-2);
  }

  /**
   * Member for member at every cutoff: rila's back-transformed member predictions of row c next
   * to scikit-learn's, and their means (the forecasts). The differences are L-BFGS-B's, bounded
   * by what was measured.
   */
  @Test
  void fit_memberPredictionsAtEveryCutoff() throws IOException {
    JsonNode o = oracle();
    double[][] x = SharedData.matrix(o.get("x"));
    double[] y = SharedData.vector(o.get("y_log"));
    double[] w = SharedData.vector(o.get("weights"));
    int members = o.get("members").asInt();
    JsonNode logPredictions = o.get("member_log_predictions");
    double[] sklearnGap = SharedData.vector(o.get("worst_objective_gap_sklearn"));
    int first = o.get("cutoffs").get(0).asInt();
    BootstrapRidgeEnsemble template = productionEnsemble();

    double worstMember = 0;
    int worstMemberCutoff = 0;
    double worstForecast = 0;
    int worstForecastCutoff = 0;
    int membersAbove1e6 = 0;
    int forecastsAbove1e6 = 0;
    double[] forecastDiffs = new double[logPredictions.size()];
    for (int i = 0; i < logPredictions.size(); i++) {
      int c = first + i;
      EnsembleModel model = template.fitTransformed(
          Arrays.copyOf(x, c), Arrays.copyOf(y, c), Arrays.copyOf(w, c));
      double[] ours = model.memberPredictions(x[c]);
      double sumOurs = 0;
      double sumTheirs = 0;
      for (int k = 0; k < members; k++) {
        double theirs = Math.exp(logPredictions.get(i).get(k).asDouble());
        double diff = SharedData.relativeError(ours[k], theirs);
        membersAbove1e6 += diff > 1e-6 ? 1 : 0;
        if (diff > worstMember) {
          worstMember = diff;
          worstMemberCutoff = c;
        }
        sumOurs += ours[k];
        sumTheirs += theirs;
      }
      forecastDiffs[i] = SharedData.relativeError(sumOurs, sumTheirs);
      forecastsAbove1e6 += forecastDiffs[i] > 1e-6 ? 1 : 0;
      if (forecastDiffs[i] > worstForecast) {
        worstForecast = forecastDiffs[i];
        worstForecastCutoff = c;
      }
    }
    double[] sorted = forecastDiffs.clone();
    Arrays.sort(sorted);
    double maxGap = Arrays.stream(sklearnGap).max().orElseThrow();
    System.out.printf(Locale.ROOT, "161 cutoffs x 100 members: max relative member difference"
        + " %.3g (cutoff %d), %d of 16100 members above 1e-6; forecasts: median %.3g, max %.3g"
        + " (cutoff %d, where scikit-learn's worst member objective is %.3g above the optimum),"
        + " %d of 161 above 1e-6; scikit-learn's worst member objective gap over all cutoffs"
        + " %.3g%n",
        worstMember, worstMemberCutoff, membersAbove1e6, sorted[sorted.length / 2], worstForecast,
        worstForecastCutoff, sklearnGap[worstForecastCutoff - first], forecastsAbove1e6, maxGap);
    assertThat(worstMember).isLessThan(MEMBER_BOUND);
    assertThat(worstForecast).isLessThan(FORECAST_BOUND);
  }

  /** sum_i counts_i (y_i - b0 - x_i . beta)^2 + alpha |beta|^2, in plain double loops. */
  private static double objective(double[][] x, double[] y, int[] counts, double[] beta,
      double b0, double alpha) {
    double loss = 0;
    for (int i = 0; i < x.length; i++) {
      double r = y[i] - b0 - dot(beta, x[i]);
      loss += counts[i] * r * r;
    }
    return loss + alpha * dot(beta, beta);
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += a[j] * b[j];
    }
    return s;
  }
}
