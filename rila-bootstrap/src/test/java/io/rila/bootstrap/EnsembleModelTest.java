package io.rila.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rila.core.frame.Frame;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class EnsembleModelTest {

  private static final Random DATA = new Random(31);
  private static final double[][] X = NaiveBootstrap.matrix(DATA, 40, 6);
  private static final double[] Y = NaiveBootstrap.target(DATA, X);

  private static EnsembleModel model(TargetTransform transform, Precision precision) {
    double[] y = Y.clone();
    if (transform != TargetTransform.IDENTITY) {
      for (int i = 0; i < y.length; i++) {
        y[i] = Math.exp(0.2 * y[i]);
      }
    }
    return BootstrapRidgeEnsemble.newBuilder().estimators(301).seed(5).alpha(0.5)
        .targetTransform(transform).precision(precision).build().fit(X, y);
  }

  /** numpy's linear quantile from a sorted copy: h = (n - 1) q, lerp of neighbours. */
  private static double sortedQuantile(double[] values, double q) {
    double[] s = values.clone();
    Arrays.sort(s);
    double h = (s.length - 1) * q;
    int k = (int) Math.floor(h);
    if (k + 1 >= s.length) {
      return s[s.length - 1];
    }
    double t = h - k;
    return s[k] + (s[k + 1] - s[k]) * t;
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  /** b_k + x . beta_k in double from the stored coefficients, back-transformed. */
  private static double[] byHand(EnsembleModel model, double[] row) {
    double[] out = new double[model.estimators()];
    double[] member = new double[model.features() + 1];
    for (int k = 0; k < out.length; k++) {
      model.coefficients().copyMember(k, member);
      double z = member[model.features()];
      for (int j = 0; j < row.length; j++) {
        z += row[j] * member[j];
      }
      out[k] = model.targetTransform().invert(z);
    }
    return out;
  }

  @Test
  void memberPredictions_matchStoredCoefficients() {
    double[] row = X[7];
    for (TargetTransform t : TargetTransform.values()) {
      for (Precision p : Precision.values()) {
        EnsembleModel model = model(t, p);
        double[] actual = model.memberPredictions(row);
        double[] member = new double[model.features() + 1];
        double tolerance = p == Precision.DOUBLE ? 1e-14 : 1e-6;
        for (int k = 0; k < actual.length; k++) {
          model.coefficients().copyMember(k, member);
          double z = member[6];
          double scale = Math.abs(member[6]);
          for (int j = 0; j < 6; j++) {
            z += row[j] * member[j];
            scale += Math.abs(row[j] * member[j]);
          }
          double actualZ = t == TargetTransform.IDENTITY ? actual[k] : t.apply(actual[k]);
          assertThat(Math.abs(actualZ - z)).as("%s %s member %d", t, p, k)
              .isLessThanOrEqualTo(tolerance * scale);
        }
      }
    }
  }

  @Test
  void predict_meanAndQuantilesMatchSortBasedComputation() {
    EnsembleModel model = model(TargetTransform.LOG1P, Precision.DOUBLE);
    double[] members = model.memberPredictions(X[3]);
    Summary s = model.predict(X[3], 0.025, 0.5, 0.975, 0.0, 1.0, 0.3333);
    assertThat(s.levels()).containsExactly(0.025, 0.5, 0.975, 0.0, 1.0, 0.3333);
    assertThat(SharedRelative.error(s.mean(), mean(members))).isLessThan(1e-14);
    for (double q : s.levels()) {
      assertThat(SharedRelative.error(s.quantile(q), sortedQuantile(members, q)))
          .as("level %s", q).isLessThan(1e-14);
    }
  }

  @Test
  void predict_defaultLevels() {
    Summary s = model(TargetTransform.IDENTITY, Precision.FLOAT).predict(X[0]);
    assertThat(s.levels()).containsExactly(0.025, 0.5, 0.975);
  }

  @Test
  void predict_batchEqualsSingleRowsOnAnyExecutor() {
    EnsembleModel model = model(TargetTransform.LOG, Precision.FLOAT);
    double[][] rows = Arrays.copyOf(X, 19);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      SummaryTable inline = model.withExecutor(Runnable::run).predict(rows, 0.1, 0.9);
      SummaryTable pooled = model.withExecutor(pool).predict(rows, 0.1, 0.9);
      assertThat(inline.size()).isEqualTo(19);
      assertThat(inline.labels().get(4)).isEqualTo("4");
      for (int r = 0; r < rows.length; r++) {
        Summary single = model.predict(rows[r], 0.1, 0.9);
        assertThat(inline.summary(r)).isEqualTo(single);
        assertThat(pooled.summary(r)).isEqualTo(single);
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void predict_onAnInterruptedThreadCompletes() {
    EnsembleModel model = model(TargetTransform.IDENTITY, Precision.FLOAT);
    double[][] rows = Arrays.copyOf(X, 12);
    SummaryTable expected = model.predict(rows);
    Thread.currentThread().interrupt();
    try {
      SummaryTable actual = model.predict(rows);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
      for (int r = 0; r < rows.length; r++) {
        assertThat(actual.summary(r)).isEqualTo(expected.summary(r));
      }
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void scenarios_pairedSummariesMatchMemberByMemberRecomputation() {
    Frame frame = Frame.newBuilder()
        .column("rate_current", column(0))
        .column("rate_t1", column(1))
        .column("competitor", column(2))
        .column("y", Y.clone())
        .build();
    EnsembleModel model = BootstrapRidgeEnsemble.newBuilder().estimators(250).seed(2)
        .precision(Precision.DOUBLE).build()
        .fit(frame, "y", List.of("rate_current", "rate_t1", "competitor"));
    double[] baseline = {0.4, -0.2, 1.1};
    List<Scenario> scenarios = List.of(
        Scenario.of("up").setPrefix("rate", 1.5),
        Scenario.of("competitor").set("competitor", 0.0),
        Scenario.of("both").setPrefix("rate", -1).setMatching(n -> n.startsWith("comp"), 2));
    ScenarioTable table = model.scenarios(baseline, scenarios, 0.05, 0.5, 0.95);
    assertThat(table.labels()).containsExactly("up", "competitor", "both");
    assertThat(table.row(0)).containsExactly(1.5, 1.5, 1.1);
    assertThat(table.row(1)).containsExactly(0.4, -0.2, 0.0);
    assertThat(table.row(2)).containsExactly(-1.0, -1.0, 2.0);
    double[] base = byHand(model, baseline);
    assertThat(SharedRelative.error(table.baseline().mean(), mean(base))).isLessThan(1e-13);
    for (int s = 0; s < 3; s++) {
      double[] level = byHand(model, table.row(s));
      double[] diff = new double[level.length];
      double[] pct = new double[level.length];
      for (int k = 0; k < level.length; k++) {
        diff[k] = level[k] - base[k];
        pct[k] = 100 * (level[k] - base[k]) / base[k];
      }
      check(table.levels(), s, level);
      check(table.differences(), s, diff);
      check(table.percentChanges(), s, pct);
    }
    assertThat(table.toString()).contains("baseline").contains("change % mean").contains("both");
  }

  private static void check(SummaryTable table, int row, double[] members) {
    double scale = 1e-9 * Math.max(1, Math.abs(mean(members)));
    assertThat(Math.abs(table.mean(row) - mean(members))).isLessThan(scale);
    double[] levels = table.levels();
    for (int l = 0; l < levels.length; l++) {
      assertThat(Math.abs(table.quantile(row, l) - sortedQuantile(members, levels[l])))
          .isLessThan(1e-9 * Math.max(1, Math.abs(sortedQuantile(members, levels[l]))));
    }
  }

  private static double[] column(int j) {
    double[] c = new double[X.length];
    for (int i = 0; i < X.length; i++) {
      c[i] = X[i][j];
    }
    return c;
  }

  @Test
  void scenarios_badInput() {
    EnsembleModel model = model(TargetTransform.IDENTITY, Precision.FLOAT);
    double[] base = X[0];
    assertThatThrownBy(() -> model.scenarios(base, List.of(Scenario.of("a").set("y9", 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scenario 'a': y9=1.0 matches no feature");
    assertThatThrownBy(() -> model.scenarios(base, List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scenarios: empty");
    assertThatThrownBy(() -> model.scenarios((double[]) null, List.of(Scenario.of("a"))))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("baselineRow");
    assertThatThrownBy(() -> model.scenarios(new double[2], List.of(Scenario.of("a"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("baselineRow: length 2 (expected: 6");
    assertThatThrownBy(() -> model.scenarios(base, Arrays.asList(Scenario.of("a"), null)))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("scenarios[1]");
  }

  @Test
  void coefficientIntervals_matchSortBasedComputation() {
    EnsembleModel model = model(TargetTransform.IDENTITY, Precision.FLOAT);
    SummaryTable table = model.coefficientIntervals(0.025, 0.975);
    assertThat(table.labels()).containsExactly("x0", "x1", "x2", "x3", "x4", "x5", "intercept");
    double[] values = new double[model.estimators()];
    for (int j = 0; j <= 6; j++) {
      for (int k = 0; k < values.length; k++) {
        values[k] = j < 6 ? model.coefficients().coefficient(k, j)
            : model.coefficients().intercept(k);
      }
      assertThat(SharedRelative.error(table.mean(j), mean(values))).isLessThan(1e-12);
      assertThat(SharedRelative.error(table.quantile(j, 0), sortedQuantile(values, 0.025)))
          .isLessThan(1e-14);
      assertThat(SharedRelative.error(table.quantile(j, 1), sortedQuantile(values, 0.975)))
          .isLessThan(1e-14);
    }
  }

  @Test
  void predict_badInput() {
    EnsembleModel model = model(TargetTransform.IDENTITY, Precision.FLOAT);
    assertThatThrownBy(() -> model.predict(new double[5]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row: length 5 (expected: 6, the model's features)");
    assertThatThrownBy(() -> model.predict(new double[] {0, 0, Double.NaN, 0, 0, 0}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row[2] (x2): NaN");
    assertThatThrownBy(() -> model.predict((double[]) null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("row");
    for (double q : new double[] {-0.1, 1.5, Double.NaN}) {
      assertThatThrownBy(() -> model.predict(X[0], 0.5, q))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("quantiles[1]: " + q + " (expected: 0 <= q <= 1)");
    }
    assertThatThrownBy(() -> model.predict(X[0], (double[]) null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("quantiles");
    assertThatThrownBy(() -> model.predict(new double[0][]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rows: 0 rows");
    assertThatThrownBy(() -> model.predict(new double[][] {X[0], null}))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("rows[1]");
    assertThatThrownBy(() -> model.predict(new double[][] {X[0], new double[3]}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rows: row 1 has 3 columns (expected: 6");
    double[][] inf = {X[0], {0, 0, 0, Double.POSITIVE_INFINITY, 0, 0}};
    assertThatThrownBy(() -> model.predict(inf))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rows: row 1, column 3 (x3) is Infinity");
    assertThatThrownBy(() -> model.memberPredictions(X[0], new double[10]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dst: length 10 (expected: >= 301 members)");
    assertThatThrownBy(() -> model.coefficientIntervals(2.0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quantiles[0]: 2.0");
    assertThatThrownBy(() -> model.withExecutor(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("executor");
  }

  @Test
  void expm1_withinThreeUlpOfMathExpm1() {
    Random random = new Random(4);
    for (int i = 0; i < 100_000; i++) {
      double z = (random.nextDouble() - 0.5) * (i % 2 == 0 ? 4 : 80);
      double expected = Math.expm1(z);
      assertThat(Math.abs(EnsembleModel.expm1(z) - expected))
          .as("z = %s", z).isLessThanOrEqualTo(3 * Math.ulp(expected));
    }
    assertThat(EnsembleModel.expm1(1e-300)).isEqualTo(1e-300);
    assertThat(EnsembleModel.expm1(17.63002120953749)).isCloseTo(45354555.77071428,
        org.assertj.core.api.Assertions.within(1e-7));
  }

  @Test
  void accessors_describeTheFit() {
    EnsembleModel model = model(TargetTransform.LOG1P, Precision.DOUBLE);
    assertThat(model.estimators()).isEqualTo(301);
    assertThat(model.features()).isEqualTo(6);
    assertThat(model.featureNames()).containsExactly("x0", "x1", "x2", "x3", "x4", "x5");
    assertThat(model.hasFeatureNames()).isFalse();
    assertThat(model.trainingRows()).isEqualTo(40);
    assertThat(model.alpha()).isEqualTo(0.5);
    assertThat(model.seed()).isEqualTo(5);
    assertThat(model.resampling()).isEqualTo(Resampling.iid());
    assertThat(model.targetTransform()).isEqualTo(TargetTransform.LOG1P);
    assertThat(model.precision()).isEqualTo(Precision.DOUBLE);
    assertThat(model.nonNegative()).isFalse();
    assertThat(model.coefficients().members()).isEqualTo(301);
    assertThat(model.withExecutor(Runnable::run).coefficients()).isSameAs(model.coefficients());
    assertThat(model.toString()).contains("301 members x 6 features").contains("LOG1P");
  }

  @Test
  void predict_namedRowInAnyOrderEqualsThePositionalRow() {
    EnsembleModel m = BootstrapRidgeEnsemble.newBuilder().estimators(50).seed(3).build()
        .fit(frame(), "y", List.of("b", "a", "c"));
    Map<String, Double> row = new LinkedHashMap<>();
    row.put("c", 0.3);
    row.put("a", -1.0);
    row.put("b", 2.0);
    double[] positional = {2.0, -1.0, 0.3};
    assertThat(m.predict(row)).isEqualTo(m.predict(positional));
    assertThat(m.predict(row, 0.1, 0.9)).isEqualTo(m.predict(positional, 0.1, 0.9));
    List<Scenario> sweep = Scenario.sweep("a", 0.0, 1.0);
    assertThat(m.scenarios(row, sweep).toString())
        .isEqualTo(m.scenarios(positional, sweep).toString());
  }

  @Test
  void predict_namedRowBadInput() {
    EnsembleModel m = BootstrapRidgeEnsemble.newBuilder().estimators(20).build()
        .fit(frame(), "y", List.of("a", "b"));
    assertThatThrownBy(() -> m.predict(Map.of("a", 1.0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("row: no value for [b] (expected: one value for each feature [a, b])");
    assertThatThrownBy(() -> m.predict(Map.of("a", 1.0, "b", 2.0, "z", 3.0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row: [z] are not features of this model");
    assertThatThrownBy(() -> m.predict(Map.of("a", 1.0, "b", Double.NaN)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(b): NaN");
    Map<String, Double> withNull = new HashMap<>();
    withNull.put("a", 1.0);
    withNull.put("b", null);
    assertThatThrownBy(() -> m.predict(withNull)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("b");
    assertThatThrownBy(() -> m.predict((Map<String, Double>) null))
        .isInstanceOf(NullPointerException.class).hasMessage("row");
  }

  @Test
  void predict_frameMatchesColumnsByName() {
    EnsembleModel m = BootstrapRidgeEnsemble.newBuilder().estimators(40).seed(9).build()
        .fit(frame(), "y", List.of("a", "b"));
    Frame other = Frame.newBuilder()
        .index(LocalDate.of(2024, 1, 5), LocalDate.of(2024, 1, 12))
        .column("extra", new double[] {7, 7})
        .column("b", new double[] {0.5, -0.5})
        .column("a", new double[] {1, 2})
        .build();
    SummaryTable t = m.predict(other);
    SummaryTable positional = m.predict(new double[][] {{1, 0.5}, {2, -0.5}});
    assertThat(t.labels()).containsExactly("2024-01-05", "2024-01-12");
    for (int r = 0; r < 2; r++) {
      assertThat(t.summary(r)).isEqualTo(positional.summary(r));
    }
    assertThatThrownBy(() -> m.predict(other.drop("a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("frame: no column 'a'");
    assertThatThrownBy(() -> m.predict(other.rowRange(0, 0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frame: 0 rows");
  }

  private static Frame frame() {
    double[] a = new double[X.length];
    double[] b = new double[X.length];
    double[] c = new double[X.length];
    for (int i = 0; i < X.length; i++) {
      a[i] = X[i][0];
      b[i] = X[i][1];
      c[i] = X[i][2];
    }
    return Frame.newBuilder().column("a", a).column("b", b).column("c", c).column("y", Y).build();
  }

  @Test
  void fitTime_presentAfterAFitOnly() {
    EnsembleModel fitted = model(TargetTransform.IDENTITY, Precision.FLOAT);
    assertThat(fitted.fitTime()).isPresent();
    assertThat(fitted.fitTime().get()).isPositive();
    assertThat(fitted.withExecutor(Runnable::run).fitTime()).isEqualTo(fitted.fitTime());
    EnsembleModel built = EnsembleModel.of(fitted.coefficients(), null, 40, fitted.settings());
    assertThat(built.fitTime()).isEmpty();
  }
}
