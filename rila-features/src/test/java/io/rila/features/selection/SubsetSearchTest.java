package io.rila.features.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rila.core.regression.OlsFit;
import io.rila.core.regression.OrdinaryLeastSquares;
import io.rila.core.testing.SharedData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class SubsetSearchTest {

  private static final List<String> NAMES = List.of(
      "prudential_rate_current", "competitor_mid_t2", "competitor_top5_t2", "vix_t1",
      "dgs5_current", "competitor_mid_t3", "noise_a", "noise_b", "holiday");

  /** Weekly-like data: own rate raises y, competitor rates lower it, the rest is noise. */
  private static Data data(long seed, int n) {
    Random rnd = new Random(seed);
    double[][] x = new double[n][NAMES.size()];
    double[] y = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < NAMES.size(); j++) {
        x[i][j] = rnd.nextGaussian();
      }
      x[i][5] = 0.6 * x[i][1] + 0.8 * rnd.nextGaussian();
      y[i] = 1 + 0.5 * x[i][0] - 0.4 * x[i][1] - 0.3 * x[i][2] + 0.1 * x[i][3]
          + 0.8 * rnd.nextGaussian();
      w[i] = Math.pow(0.98, n - 1 - i);
    }
    return new Data(x, y, w);
  }

  private record Data(double[][] x, double[] y, double[] w) {}

  /** What one brute-force refit of a subset says. */
  private record Reference(List<String> features, OlsFit fit, long order) {}

  @Test
  void run_matchesBruteForceRefits() {
    Data d = data(1, 60);
    List<SignRule> rules = List.of(
        SignRule.negative("competitor_*"),
        SignRule.positive("prudential_rate_*").significant(),
        SignRule.positive("vix_*").warning(),
        SignRule.negative("noise_?"));
    for (double[] weights : new double[][] {null, d.w()}) {
      SubsetSearchResult r = SubsetSearch.newBuilder()
          .baseFeatures("prudential_rate_current")
          .maxSize(3)
          .rules(rules)
          .keep(15)
          .build()
          .run(NAMES, d.x(), d.y(), weights);

      // Brute force: every subset of the 8 other columns of size 1..3, refitted from rows.
      List<String> pool = NAMES.subList(1, NAMES.size());
      List<Reference> admitted = new ArrayList<>();
      long[] counter = {0};
      long[] rejected = {0};
      for (int size = 1; size <= 3; size++) {
        enumerate(pool, size, 0, new ArrayList<>(), subset -> {
          List<String> features = new ArrayList<>();
          features.add("prudential_rate_current");
          features.addAll(subset);
          OlsFit fit = OrdinaryLeastSquares.fit(columns(d.x(), features), d.y(), weights);
          if (breaksStrictRule(features, fit)) {
            rejected[0]++;
          } else {
            admitted.add(new Reference(features, fit, counter[0]));
          }
          counter[0]++;
        });
      }
      admitted.sort(Comparator.comparingDouble((Reference a) -> a.fit().aic())
          .thenComparingLong(Reference::order));

      assertThat(r.enumerated()).isEqualTo(8 + 28 + 56);
      assertThat(r.rejected()).isEqualTo(rejected[0]).isPositive();
      assertThat(r.rankDeficient()).isZero();
      assertThat(r.admissible()).isEqualTo(admitted.size());
      assertThat(r.results()).hasSize(15);
      for (int i = 0; i < 15; i++) {
        SubsetResult got = r.results().get(i);
        Reference want = admitted.get(i);
        assertThat(got.rank()).isEqualTo(i + 1);
        assertThat(got.features()).isEqualTo(want.features());
        assertClose(got.aic(), want.fit().aic());
        assertClose(got.bic(), want.fit().bic());
        assertClose(got.rSquared(), want.fit().rSquared());
        assertClose(got.logLikelihood(), want.fit().logLikelihood());
        double[] params = want.fit().params();
        double[] se = want.fit().standardErrors();
        assertClose(got.intercept(), params[0]);
        assertClose(got.interceptStandardError(), se[0]);
        for (int q = 0; q < got.size(); q++) {
          assertClose(got.coefficients()[q], params[q + 1]);
          assertClose(got.standardErrors()[q], se[q + 1]);
          assertThat(got.columns()[q]).isEqualTo(NAMES.indexOf(got.features().get(q)));
        }
        boolean vixBroken = got.features().contains("vix_t1") && got.coefficient("vix_t1") <= 0;
        assertThat(got.hasWarnings()).isEqualTo(vixBroken);
      }
      assertThat(r.best()).contains(r.results().get(0));
    }
  }

  private static boolean breaksStrictRule(List<String> features, OlsFit fit) {
    for (int q = 0; q < features.size(); q++) {
      String f = features.get(q);
      double b = fit.params()[q + 1];
      double se = fit.standardErrors()[q + 1];
      if (f.startsWith("competitor_") && !(b < 0)) {
        return true;
      }
      if (f.startsWith("prudential_rate_") && !(b - 1.96 * se > 0)) {
        return true;
      }
      if (f.matches("noise_.") && !(b < 0)) {
        return true;
      }
    }
    return false;
  }

  private static void enumerate(List<String> pool, int size, int from, List<String> chosen,
      Consumer<List<String>> visit) {
    if (chosen.size() == size) {
      visit.accept(List.copyOf(chosen));
      return;
    }
    for (int i = from; i < pool.size(); i++) {
      chosen.add(pool.get(i));
      enumerate(pool, size, i + 1, chosen, visit);
      chosen.remove(chosen.size() - 1);
    }
  }

  private static double[][] columns(double[][] x, List<String> features) {
    double[][] out = new double[x.length][features.size()];
    for (int i = 0; i < x.length; i++) {
      for (int q = 0; q < features.size(); q++) {
        out[i][q] = x[i][NAMES.indexOf(features.get(q))];
      }
    }
    return out;
  }

  private static void assertClose(double actual, double expected) {
    assertThat(SharedData.relativeError(actual, expected))
        .as("actual %s, expected %s", actual, expected)
        .isLessThan(1e-9);
  }

  @Test
  void run_fullModelMatchesStatsmodels() {
    JsonNode o = SharedData.oracle("ols.json");
    for (JsonNode c : o.get("cases")) {
      double[][] x = SharedData.matrix(c.get("x"));
      double[] y = SharedData.vector(c.get("y"));
      JsonNode wn = c.get("weights");
      double[] w = wn == null || wn.isNull() ? null : SharedData.vector(wn);
      List<String> names = new ArrayList<>();
      for (int j = 0; j < x[0].length; j++) {
        names.add("f" + j);
      }
      SubsetSearchResult r = SubsetSearch.newBuilder().minSize(x[0].length).maxSize(x[0].length)
          .build().run(names, x, y, w);
      assertThat(r.enumerated()).isEqualTo(1);
      SubsetResult s = r.results().get(0);
      double[] params = SharedData.vector(c.get("params_const_first"));
      double[] bse = SharedData.vector(c.get("bse"));
      assertClose(s.intercept(), params[0]);
      assertClose(s.interceptStandardError(), bse[0]);
      for (int j = 0; j < x[0].length; j++) {
        assertClose(s.coefficients()[j], params[j + 1]);
        assertClose(s.standardErrors()[j], bse[j + 1]);
      }
      assertClose(s.aic(), c.get("aic").asDouble());
      assertClose(s.bic(), c.get("bic").asDouble());
      assertClose(s.logLikelihood(), c.get("llf").asDouble());
      assertClose(s.rSquared(), c.get("rsquared").asDouble());
    }
  }

  @Test
  void run_tiesGoToTheSubsetEnumeratedFirstAndCollinearSubsetsAreSkipped() {
    Data d = data(3, 40);
    double[][] x = new double[40][];
    for (int i = 0; i < 40; i++) {
      x[i] = d.x()[i].clone();
      x[i][7] = x[i][6];
    }
    SubsetSearchResult r = SubsetSearch.newBuilder()
        .candidates("noise_b", "noise_a", "vix_t1")
        .maxSize(2)
        .build()
        .run(NAMES, x, d.y());
    assertThat(r.enumerated()).isEqualTo(6);
    assertThat(r.rankDeficient()).isEqualTo(1);
    List<List<String>> order = new ArrayList<>();
    for (SubsetResult s : r.results()) {
      order.add(s.features());
    }
    int b = order.indexOf(List.of("noise_b"));
    int a = order.indexOf(List.of("noise_a"));
    assertThat(r.results().get(b).aic()).isEqualTo(r.results().get(a).aic());
    assertThat(b).isEqualTo(a - 1);
    assertThat(order).doesNotContain(List.of("noise_b", "noise_a"));
  }

  @Test
  void run_strictAndWarningRules() {
    Data d = data(5, 80);
    SubsetSearch.Builder common = SubsetSearch.newBuilder()
        .candidates("competitor_mid_t2", "noise_a")
        .minSize(0)
        .maxSize(2);
    // y rises with the own rate: a strict "negative" on it removes every subset.
    SubsetSearchResult none = common.rules(SignRule.negative("prudential_*"))
        .baseFeatures("prudential_rate_current").build().run(NAMES, d.x(), d.y());
    assertThat(none.results()).isEmpty();
    assertThat(none.best()).isEmpty();
    assertThat(none.rejected()).isEqualTo(4);
    // As a warning every subset stays, annotated.
    SubsetSearchResult warned = SubsetSearch.newBuilder()
        .baseFeatures("prudential_rate_current")
        .candidates("competitor_mid_t2", "noise_a")
        .minSize(0)
        .maxSize(2)
        .rules(SignRule.negative("prudential_*").warning(), SignRule.negative("competitor_*"))
        .build()
        .run(NAMES, d.x(), d.y());
    assertThat(warned.results()).hasSize(4);
    for (SubsetResult s : warned.results()) {
      assertThat(s.hasWarnings()).isTrue();
      RuleVerdict v = s.warnings().get(0);
      assertThat(v.feature()).isEqualTo("prudential_rate_current");
      assertThat(v.rule()).isEqualTo(SignRule.negative("prudential_*").warning());
      assertThat(v.estimate()).isEqualTo(s.coefficient("prudential_rate_current"));
      assertThat(v.standardError()).isEqualTo(s.standardError("prudential_rate_current"));
      assertThat(v.lower()).isEqualTo(v.estimate() - 1.96 * v.standardError());
      assertThat(v.passed()).isFalse();
      if (s.features().contains("competitor_mid_t2")) {
        assertThat(s.verdicts()).hasSize(2);
        assertThat(s.verdicts().get(1).passed()).isTrue();
      }
    }
    assertThat(warned.results().get(0).features()).contains("competitor_mid_t2");
  }

  @Test
  void run_sameResultOnEveryExecutorAndChunking() {
    Random rnd = new Random(8);
    int n = 50;
    int p = 24;
    double[][] x = LassoTest.randomMatrix(rnd, n, p);
    double[] y = new double[n];
    List<String> names = new ArrayList<>();
    for (int j = 0; j < p; j++) {
      names.add("x" + j);
    }
    for (int i = 0; i < n; i++) {
      y[i] = x[i][0] - x[i][5] + 0.5 * x[i][9] + rnd.nextGaussian();
    }
    SubsetSearch.Builder b = SubsetSearch.newBuilder().maxSize(4).keep(50)
        .rules(SignRule.positive("x1*").significant());
    SubsetSearchResult caller = b.executor(Runnable::run).build().run(names, x, y);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      SubsetSearchResult pooled = SubsetSearch.newBuilder().maxSize(4).keep(50)
          .rules(SignRule.positive("x1*").significant()).executor(pool).build().run(names, x, y);
      assertThat(pooled.enumerated())
          .isEqualTo(caller.enumerated())
          .isEqualTo(24 + 276 + 2024 + 10626);
      assertThat(pooled.rejected()).isEqualTo(caller.rejected());
      for (int i = 0; i < 50; i++) {
        assertThat(pooled.results().get(i).features())
            .isEqualTo(caller.results().get(i).features());
        assertThat(pooled.results().get(i).aic()).isEqualTo(caller.results().get(i).aic());
      }
    } finally {
      pool.shutdown();
    }
    assertThat(caller.best().orElseThrow().features()).contains("x0", "x5");
  }

  @Test
  void run_badInput() {
    Data d = data(2, 30);
    SubsetSearch search = SubsetSearch.newBuilder().maxSize(2).build();
    assertThatThrownBy(() -> search.run(null, d.x(), d.y()))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("names");
    assertThatThrownBy(() -> search.run(NAMES, null, d.y()))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("x");
    assertThatThrownBy(() -> search.run(NAMES, d.x(), new double[3]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y: length 3");
    assertThatThrownBy(() -> search.run(NAMES.subList(0, 3), d.x(), d.y()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names: 3 names");
    List<String> dup = new ArrayList<>(NAMES);
    dup.set(4, "vix_t1");
    assertThatThrownBy(() -> search.run(dup, d.x(), d.y()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("names: 'vix_t1' at index 4 repeats index 3");
    List<String> withNull = new ArrayList<>(NAMES);
    withNull.set(2, null);
    assertThatThrownBy(() -> search.run(withNull, d.x(), d.y()))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("names[2]");
    assertThatThrownBy(() -> SubsetSearch.newBuilder().maxSize(2).baseFeatures("own_rate").build()
            .run(NAMES, d.x(), d.y()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("baseFeatures: 'own_rate'");
    assertThatThrownBy(() -> SubsetSearch.newBuilder().maxSize(1).candidates("noise_a", "nope")
            .build().run(NAMES, d.x(), d.y()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("candidates: 'nope'");
    assertThatThrownBy(() -> SubsetSearch.newBuilder().maxSize(1).candidates("noise_a", "noise_a")
            .build().run(NAMES, d.x(), d.y()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("candidates: 'noise_a' is repeated");
    assertThatThrownBy(() -> SubsetSearch.newBuilder().maxSize(1).candidates("noise_a")
            .baseFeatures("noise_a").build().run(NAMES, d.x(), d.y()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("candidates: 'noise_a' is also a base feature");
    assertThatThrownBy(() -> SubsetSearch.newBuilder().maxSize(3).candidates("noise_a", "noise_b")
            .build().run(NAMES, d.x(), d.y()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxSize: 3 (expected: <= 2, the number of candidates)");
    assertThatThrownBy(() -> SubsetSearch.newBuilder().maxSize(1).candidates(List.of())
            .build().run(NAMES, d.x(), d.y()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("candidates: empty");
    assertThatThrownBy(() -> SubsetSearch.newBuilder().maxSize(1).baseFeatures(NAMES)
            .build().run(NAMES, d.x(), d.y()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("candidates: empty");
    assertThatThrownBy(() -> SubsetSearch.newBuilder().maxSize(8).build()
            .run(NAMES, Arrays.copyOf(d.x(), 9), Arrays.copyOf(d.y(), 9)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxSize: 8 (expected: 0 base features + maxSize < rows - 1 = 8");
    double[] zeroWeight = d.w().clone();
    zeroWeight[4] = 0;
    assertThatThrownBy(() -> search.run(NAMES, d.x(), d.y(), zeroWeight))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights");
  }

  @Test
  void builder_badValuesAndTwice() {
    assertThatThrownBy(() -> SubsetSearch.newBuilder().build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("maxSize: not set");
    assertThatThrownBy(() -> SubsetSearch.newBuilder().maxSize(2).minSize(3).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("minSize: 3");
    assertThatThrownBy(() -> SubsetSearch.newBuilder().maxSize(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxSize: 0");
    assertThatThrownBy(() -> SubsetSearch.newBuilder().minSize(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minSize: -1");
    assertThatThrownBy(() -> SubsetSearch.newBuilder().keep(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keep: 0");
    assertThatThrownBy(() -> SubsetSearch.newBuilder().maxSize(2).maxSize(3))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("maxSize was already set to 2");
    assertThatThrownBy(() -> SubsetSearch.newBuilder().minSize(1).minSize(2))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("minSize");
    assertThatThrownBy(() -> SubsetSearch.newBuilder().keep(5).keep(6))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("keep");
    assertThatThrownBy(() -> SubsetSearch.newBuilder().candidates("a").candidates("b"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("[a]");
    assertThatThrownBy(() -> SubsetSearch.newBuilder().baseFeatures("a").baseFeatures("b"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("baseFeatures");
    assertThatThrownBy(() -> SubsetSearch.newBuilder().rules(SignRule.positive("a")).rules())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("rules");
    assertThatThrownBy(
            () -> SubsetSearch.newBuilder().executor(Runnable::run).executor(Runnable::run))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("executor");
    assertThatThrownBy(() -> SubsetSearch.newBuilder().candidates("a", null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("candidates[1]");
    assertThatThrownBy(() -> SubsetSearch.newBuilder().baseFeatures((List<String>) null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("baseFeatures");
    assertThatThrownBy(() -> SubsetSearch.newBuilder().rules(SignRule.positive("a"), null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("rules[1]");
    assertThatThrownBy(() -> SubsetSearch.newBuilder().executor(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("executor");
  }

  @Test
  void result_accessorsCopyAndCheck() {
    Data d = data(4, 30);
    SubsetResult s = SubsetSearch.newBuilder().maxSize(1).candidates("noise_a").build()
        .run(NAMES, d.x(), d.y()).results().get(0);
    s.columns()[0] = 99;
    s.coefficients()[0] = 99;
    assertThat(s.columns()).containsExactly(6);
    assertThat(s.coefficients()[0]).isEqualTo(s.coefficient("noise_a"));
    assertThatThrownBy(() -> s.coefficient("noise_b"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("feature: 'noise_b'");
    assertThatThrownBy(() -> s.standardError(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("feature");
    assertThat(s.verdicts()).isEmpty();
  }

  @Test
  void progressListener_hearsEveryTaskAndTheEnd() {
    Data d = data(3, 40);
    List<int[]> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    SubsetSearchResult withListener = SubsetSearch.newBuilder().maxSize(2)
        .progressListener((done, total) -> heard.add(new int[] {done, total}))
        .executor(Runnable::run).build().run(NAMES, d.x(), d.y());
    SubsetSearchResult without = SubsetSearch.newBuilder().maxSize(2).executor(Runnable::run)
        .build().run(NAMES, d.x(), d.y());
    assertThat(heard).isNotEmpty();
    int[] last = heard.get(heard.size() - 1);
    assertThat(last[0]).isEqualTo(last[1]);
    for (int i = 1; i < heard.size(); i++) {
      assertThat(heard.get(i)[0]).isGreaterThan(heard.get(i - 1)[0]);
      assertThat(heard.get(i)[1]).isEqualTo(last[1]);
    }
    assertThat(withListener.enumerated()).isEqualTo(without.enumerated());
    assertThat(withListener.best().get().aic()).isEqualTo(without.best().get().aic());
    assertThatThrownBy(() -> SubsetSearch.newBuilder().progressListener((a, b) -> { })
        .progressListener((a, b) -> { })).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("progressListener");
  }
}
