package io.rila.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rila.core.frame.Frame;
import io.rila.core.frame.FrameCsv;
import io.rila.core.regression.SolveForm;
import io.rila.core.testing.SharedData;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BootstrapRidgeEnsembleTest {

  private static final List<String> PRODUCTION_FEATURES = List.of(
      "competitor_mid_t2", "competitor_top5_t2", "prudential_rate_current", "prudential_rate_t3");

  // ---------------------------------------------------------------- builder

  @Test
  void newBuilder_defaults() {
    BootstrapRidgeEnsemble e = BootstrapRidgeEnsemble.newBuilder().build();
    assertThat(e.estimators()).isEqualTo(1000);
    assertThat(e.alpha()).isEqualTo(1.0);
    assertThat(e.seed()).isZero();
    assertThat(e.resampling()).isEqualTo(Resampling.iid());
    assertThat(e.targetTransform()).isEqualTo(TargetTransform.IDENTITY);
    assertThat(e.executor()).isSameAs(ForkJoinPool.commonPool());
    assertThat(e.precision()).isEqualTo(Precision.FLOAT);
    assertThat(e.nonNegative()).isFalse();
    assertThat(e.solveForm()).isEqualTo(SolveForm.AUTO);
  }

  @Test
  void build_repeatableAndIndependent() {
    BootstrapRidgeEnsemble.Builder b = BootstrapRidgeEnsemble.newBuilder().estimators(7);
    BootstrapRidgeEnsemble first = b.build();
    b.alpha(2.0);
    BootstrapRidgeEnsemble second = b.build();
    assertThat(first.alpha()).isEqualTo(1.0);
    assertThat(second.alpha()).isEqualTo(2.0);
    assertThat(second.estimators()).isEqualTo(7);
  }

  @Test
  void build_sklearnSeedFollowsRandomState() {
    BootstrapRidgeEnsemble e = BootstrapRidgeEnsemble.newBuilder()
        .resampling(Resampling.sklearnCompatible(42, SklearnWeighting.LEGACY)).build();
    assertThat(e.seed()).isEqualTo(42);
  }

  @Test
  void estimators_twice() {
    assertThatThrownBy(() -> BootstrapRidgeEnsemble.newBuilder().estimators(5).estimators(6))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("estimators was already set to 5");
  }

  @Test
  void estimators_zero() {
    assertThatThrownBy(() -> BootstrapRidgeEnsemble.newBuilder().estimators(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("estimators: 0 (expected: >= 1)");
    assertThatThrownBy(() -> BootstrapRidgeEnsemble.newBuilder().estimators(-3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("estimators");
  }

  @Test
  void alpha_twice() {
    assertThatThrownBy(() -> BootstrapRidgeEnsemble.newBuilder().alpha(0.5).alpha(1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("alpha was already set to 0.5");
  }

  @Test
  void alpha_badValues() {
    for (double bad : new double[] {Double.NaN, -1e-3, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> BootstrapRidgeEnsemble.newBuilder().alpha(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("alpha: " + bad);
    }
  }

  @Test
  void seed_twice() {
    assertThatThrownBy(() -> BootstrapRidgeEnsemble.newBuilder().seed(3).seed(3))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("seed was already set to 3");
  }

  @Test
  void otherOptions_twice() {
    assertThatThrownBy(() -> BootstrapRidgeEnsemble.newBuilder()
        .resampling(Resampling.poisson()).resampling(Resampling.iid()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("resampling was already set to poisson()");
    assertThatThrownBy(() -> BootstrapRidgeEnsemble.newBuilder()
        .targetTransform(TargetTransform.LOG).targetTransform(TargetTransform.LOG))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("targetTransform was already set to LOG");
    assertThatThrownBy(() -> BootstrapRidgeEnsemble.newBuilder()
        .executor(Runnable::run).executor(Runnable::run))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("executor was already set");
    assertThatThrownBy(() -> BootstrapRidgeEnsemble.newBuilder()
        .precision(Precision.DOUBLE).precision(Precision.FLOAT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("precision was already set to DOUBLE");
    assertThatThrownBy(() -> BootstrapRidgeEnsemble.newBuilder().nonNegative(true)
        .nonNegative(false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("nonNegative was already set to true");
    assertThatThrownBy(() -> BootstrapRidgeEnsemble.newBuilder().solveForm(SolveForm.DUAL)
        .solveForm(SolveForm.DUAL))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("solveForm was already set to DUAL");
    assertThatThrownBy(() -> BootstrapRidgeEnsemble.newBuilder().progressListener((d, t) -> { })
        .progressListener((d, t) -> { }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("progressListener was already set");
    CancellationToken token = new CancellationToken();
    assertThatThrownBy(() -> BootstrapRidgeEnsemble.newBuilder().cancellation(token)
        .cancellation(token))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cancellation was already set");
  }

  @Test
  void options_null() {
    BootstrapRidgeEnsemble.Builder b = BootstrapRidgeEnsemble.newBuilder();
    assertThatThrownBy(() -> b.resampling(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("resampling");
    assertThatThrownBy(() -> b.targetTransform(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("targetTransform");
    assertThatThrownBy(() -> b.executor(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("executor");
    assertThatThrownBy(() -> b.precision(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("precision");
    assertThatThrownBy(() -> b.solveForm(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("solveForm");
    assertThatThrownBy(() -> b.progressListener(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("progressListener");
    assertThatThrownBy(() -> b.cancellation(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("cancellation");
  }

  @Test
  void build_conflicts() {
    assertThatThrownBy(() -> BootstrapRidgeEnsemble.newBuilder().seed(7)
        .resampling(Resampling.sklearnCompatible(42, SklearnWeighting.LEGACY)).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("seed: set to 7")
        .hasMessageContaining("sklearnCompatible(42, LEGACY)");
    assertThat(BootstrapRidgeEnsemble.newBuilder().seed(42)
        .resampling(Resampling.sklearnCompatible(42, SklearnWeighting.LEGACY)).build().seed())
        .isEqualTo(42);
    assertThatThrownBy(() -> BootstrapRidgeEnsemble.newBuilder().alpha(0)
        .solveForm(SolveForm.DUAL).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("solveForm: DUAL");
    assertThatThrownBy(() -> BootstrapRidgeEnsemble.newBuilder().nonNegative(true)
        .solveForm(SolveForm.DUAL).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("nonNegative");
  }

  // ---------------------------------------------------------------- bad input

  @Test
  void fit_badShapesAndValues() {
    BootstrapRidgeEnsemble e = small(3).build();
    double[][] x = {{1, 2}, {2, 1}, {3, 5}, {4, 4}};
    double[] y = {1, 2, 3, 4};
    assertThatThrownBy(() -> e.fit(null, y)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("x");
    assertThatThrownBy(() -> e.fit(x, null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("y");
    assertThatThrownBy(() -> e.fit(x, y, null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("weights");
    assertThatThrownBy(() -> e.fit(new double[0][], new double[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x: 0 rows");
    assertThatThrownBy(() -> e.fit(new double[][] {{1, 2}, {3}}, new double[2]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1 has 1 columns");
    assertThatThrownBy(() -> e.fit(x, new double[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("y: length 3 (expected: 4, one per row of x)");
    assertThatThrownBy(() -> e.fit(x, y, new double[] {1, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weights: length 2 (expected: 4, one per row of x)");
    double[][] nanX = {{1, 2}, {2, Double.NaN}, {3, 5}, {4, 4}};
    assertThatThrownBy(() -> e.fit(nanX, y))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x: row 1, column 1");
    double[][] infX = {{1, 2}, {2, 1}, {Double.NEGATIVE_INFINITY, 5}, {4, 4}};
    assertThatThrownBy(() -> e.fit(infX, y))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x: row 2, column 0");
    assertThatThrownBy(() -> e.fit(x, new double[] {1, Double.NaN, 3, 4}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y[1]: NaN");
    assertThatThrownBy(() -> e.fit(x, y, new double[] {1, -1, 1, 1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights[1]: -1.0");
    assertThatThrownBy(() -> e.fit(x, y, new double[] {1, Double.NaN, 1, 1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights[1]: NaN");
    assertThatThrownBy(() -> e.fit(x, y, new double[4]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights: all zero");
  }

  @Test
  void fit_overflowingWeightedSumsNameTheInputThatIsTooLarge() {
    Random random = new Random(5);
    double[][] x = NaiveBootstrap.matrix(random, 30, 3);
    double[] y = NaiveBootstrap.target(random, x);
    BootstrapRidgeEnsemble e = small(20).build();
    double[] huge = new double[30];
    Arrays.fill(huge, 1e308);
    assertThatThrownBy(() -> e.fit(x, y, huge))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("weights: sum Infinity over 30 rows")
        .hasMessageContaining("rescale the weights");
    Arrays.fill(huge, 1e306);
    assertThatThrownBy(() -> e.fit(x, y, huge))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("weights: sum ")
        .hasMessageContaining("E307 over 30 rows (expected: below ");
    Arrays.fill(huge, 1e150);
    assertThatThrownBy(() -> small(20).solveForm(SolveForm.DUAL).build().fit(x, y, huge))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("weights: sum ")
        .hasMessageContaining("E151 over 30 rows with features up to |")
        .hasMessageContaining("overflow the dual form's weighted Gram sums");
    double[][] wide = new double[30][];
    for (int i = 0; i < 30; i++) {
      wide[i] = x[i].clone();
      wide[i][1] *= 1e200;
    }
    assertThatThrownBy(() -> e.fit(wide, y))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("x: column 1 has values up to |")
        .hasMessageContaining("rescale the column");
    double[] tall = y.clone();
    for (int i = 0; i < 30; i++) {
      tall[i] *= 1e200;
    }
    assertThatThrownBy(() -> e.fit(x, tall))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("y: values up to |")
        .hasMessageContaining("rescale the target");
  }

  @Test
  void fit_largeButSafeScalesGiveTheRescaledFit() {
    // Ridge is equivariant: features times s with alpha times s^2 give coefficients divided by s;
    // the overflow check must let such fits through
    Random random = new Random(8);
    double[][] x = NaiveBootstrap.matrix(random, 30, 3);
    double[] y = NaiveBootstrap.target(random, x);
    double[] w = NaiveBootstrap.weights(random, 30);
    double s = 1e100;
    double[][] scaled = new double[30][];
    for (int i = 0; i < 30; i++) {
      scaled[i] = x[i].clone();
      for (int j = 0; j < 3; j++) {
        scaled[i][j] *= s;
      }
    }
    double[] bigWeights = w.clone();
    for (int i = 0; i < 30; i++) {
      bigWeights[i] *= 1e100;
    }
    EnsembleModel plain = small(20).precision(Precision.DOUBLE).alpha(0.5).build().fit(x, y, w);
    EnsembleModel large = small(20).precision(Precision.DOUBLE).alpha(0.5 * s * s * 1e100)
        .build().fit(scaled, y, bigWeights);
    double[] a = new double[4];
    double[] b = new double[4];
    for (int k = 0; k < 20; k++) {
      plain.coefficients().copyMember(k, a);
      large.coefficients().copyMember(k, b);
      for (int j = 0; j < 3; j++) {
        b[j] *= s;
      }
      assertThat(NaiveBootstrap.relativeDistance(a, b)).as("member %d", k).isLessThan(1e-9);
    }
  }

  @Test
  void fit_targetOutsideTransformDomain() {
    double[][] x = {{1}, {2}, {3}};
    BootstrapRidgeEnsemble log = small(2).targetTransform(TargetTransform.LOG).build();
    assertThatThrownBy(() -> log.fit(x, new double[] {1, 0, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("y[1]: 0.0 (expected: finite and > 0 for LOG)");
    BootstrapRidgeEnsemble log1p = small(2).targetTransform(TargetTransform.LOG1P).build();
    assertThatThrownBy(() -> log1p.fit(x, new double[] {1, 2, -1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("y[2]: -1.0 (expected: finite and > -1 for LOG1P)");
    assertThatThrownBy(() -> log1p.fitTransformed(x, new double[] {1, Double.NaN, 2}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y[1]: NaN");
  }

  @Test
  void fit_blockLongerThanRows() {
    double[][] x = {{1}, {2}, {3}};
    BootstrapRidgeEnsemble e = small(2).resampling(Resampling.movingBlock(4)).build();
    assertThatThrownBy(() -> e.fit(x, new double[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resampling: movingBlock(4) (expected: block length <= rows = 3)");
    BootstrapRidgeEnsemble s = small(2).resampling(Resampling.stationary(3.5)).build();
    assertThatThrownBy(() -> s.fit(x, new double[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stationary(3.5)");
  }

  @Test
  void fitFrame_badColumns() {
    Frame frame = Frame.newBuilder()
        .column("a", new double[] {1, 2, 3})
        .column("b", new double[] {1, Double.NaN, 3})
        .column("y", new double[] {1, 2, 3})
        .column("w", new double[] {1, 1, 1})
        .build();
    BootstrapRidgeEnsemble e = small(2).build();
    assertThatThrownBy(() -> e.fit(frame, "y", List.of("a", "c")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("features: no column 'c'");
    assertThatThrownBy(() -> e.fit(frame, "z", List.of("a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("target: no column 'z'");
    assertThatThrownBy(() -> e.fit(frame, "y", List.of("a"), "v"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weight: no column 'v'");
    assertThatThrownBy(() -> e.fit(frame, "y", List.of("a", "a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("features: 'a' appears twice");
    assertThatThrownBy(() -> e.fit(frame, "y", List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("features: empty");
    assertThatThrownBy(() -> e.fit(frame, "y", List.of("a", "b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("features: column 'b', row 1 is NaN");
    assertThatThrownBy(() -> e.fit(null, "y", List.of("a")))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("frame");
    assertThatThrownBy(() -> e.fit(frame, "y", List.of("a"), null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("weight");
  }

  // ---------------------------------------------------------------- scikit-learn parity

  @Test
  void fit_matchesBaggingRegressorOracle() {
    JsonNode oracle = SharedData.oracle("bagging_ridge.json");
    for (JsonNode c : oracle.get("cases")) {
      double[][] x = SharedData.matrix(c.get("x"));
      double[] y = SharedData.vector(c.get("y"));
      int estimators = c.get("estimators").asInt();
      BootstrapRidgeEnsemble e = BootstrapRidgeEnsemble.newBuilder()
          .estimators(estimators)
          .alpha(c.get("alpha").asDouble())
          .resampling(Resampling.sklearnCompatible(
              c.get("random_state").asLong(), SklearnWeighting.LEGACY))
          .precision(Precision.DOUBLE)
          .build();
      EnsembleModel model = c.get("sample_weight").isNull()
          ? e.fit(x, y) : e.fit(x, y, SharedData.vector(c.get("sample_weight")));
      double[][] coef = SharedData.matrix(c.get("member_coef"));
      double[] intercept = SharedData.vector(c.get("member_intercept"));
      double[] member = new double[x[0].length + 1];
      for (int k = 0; k < estimators; k++) {
        model.coefficients().copyMember(k, member);
        for (int j = 0; j < coef[k].length; j++) {
          assertThat(SharedData.relativeError(member[j], coef[k][j]))
              .as("case n=%s member %d coefficient %d", c.get("n"), k, j).isLessThan(1e-9);
        }
        assertThat(SharedData.relativeError(member[coef[k].length], intercept[k]))
            .as("member %d intercept", k).isLessThan(1e-9);
      }
      double[][] xNew = SharedData.matrix(c.get("x_new"));
      double[][] expected = SharedData.matrix(c.get("member_predictions_x_new"));
      double[] expectedMean = SharedData.vector(c.get("mean_prediction_x_new"));
      for (int r = 0; r < xNew.length; r++) {
        double[] predictions = model.memberPredictions(xNew[r]);
        for (int k = 0; k < estimators; k++) {
          assertThat(SharedData.relativeError(predictions[k], expected[k][r])).isLessThan(1e-9);
        }
        assertThat(SharedData.relativeError(model.predict(xNew[r]).mean(), expectedMean[r]))
            .isLessThan(1e-9);
      }
    }
  }

  @Test
  void fit_reproducesProductionMemberPredictions() throws IOException {
    Frame matrix = FrameCsv.defaults().read(SharedData.dataFile("inference_training_matrix.csv"));
    Frame expected = FrameCsv.defaults()
        .read(SharedData.dataFile("inference_member_baseline_predictions.csv"));
    double[] values = expected.column("value");
    double[] x0 = {1.0261748773152193, 1.744999991144453, 0.90, 0.90};
    BootstrapRidgeEnsemble ensemble = production(Precision.DOUBLE);
    EnsembleModel fromLog = ensemble.fitTransformed(matrix, "y_log1p", PRODUCTION_FEATURES,
        "weight");
    EnsembleModel fromSales = ensemble.fit(matrix, "sales_target_current", PRODUCTION_FEATURES,
        "weight");
    double[] a = fromLog.memberPredictions(x0);
    double[] b = fromSales.memberPredictions(x0);
    assertThat(values).hasSize(1000);
    for (int k = 0; k < values.length; k++) {
      assertThat(SharedData.relativeError(a[k], values[k])).as("member %d", k).isLessThan(1e-7);
      assertThat(SharedData.relativeError(b[k], values[k])).as("member %d", k).isLessThan(1e-7);
    }
    assertThat(fromLog.featureNames()).isEqualTo(PRODUCTION_FEATURES);
    assertThat(fromLog.hasFeatureNames()).isTrue();
    assertThat(fromLog.trainingRows()).isEqualTo(152);

    double[] f = production(Precision.FLOAT)
        .fitTransformed(matrix, "y_log1p", PRODUCTION_FEATURES, "weight").memberPredictions(x0);
    for (int k = 0; k < values.length; k++) {
      assertThat(SharedData.relativeError(f[k], values[k])).as("member %d", k).isLessThan(2e-5);
    }
  }

  private static BootstrapRidgeEnsemble production(Precision precision) {
    return BootstrapRidgeEnsemble.newBuilder()
        .estimators(1000)
        .alpha(1.0)
        .resampling(Resampling.sklearnCompatible(42, SklearnWeighting.LEGACY))
        .targetTransform(TargetTransform.LOG1P)
        .precision(precision)
        .build();
  }

  // ---------------------------------------------------------------- naive refit per scheme

  static Stream<Resampling> schemes() {
    return Stream.of(
        Resampling.iid(),
        Resampling.poisson(),
        Resampling.movingBlock(5),
        Resampling.circularBlock(7),
        Resampling.stationary(4.0),
        Resampling.sklearnCompatible(11, SklearnWeighting.LEGACY),
        Resampling.sklearnCompatible(11, SklearnWeighting.PROBABILITY));
  }

  @ParameterizedTest
  @MethodSource("schemes")
  void fit_agreesWithNaiveResampleAndRefit(Resampling resampling) {
    Random random = new Random(5);
    for (int[] shape : new int[][] {{40, 3}, {24, 30}}) {
      double[][] x = NaiveBootstrap.matrix(random, shape[0], shape[1]);
      double[] y = NaiveBootstrap.target(random, x);
      double[] w = NaiveBootstrap.weights(random, shape[0]);
      int members = 25;
      for (double[] weights : new double[][] {null, w}) {
        BootstrapRidgeEnsemble.Builder builder = BootstrapRidgeEnsemble.newBuilder()
            .estimators(members).alpha(0.7).resampling(resampling).precision(Precision.DOUBLE);
        if (resampling.kind() != Resampling.Kind.SKLEARN) {
          builder.seed(99);
        }
        BootstrapRidgeEnsemble e = builder.build();
        EnsembleModel model = weights == null ? e.fit(x, y) : e.fit(x, y, weights);
        double[] member = new double[shape[1] + 1];
        for (int k = 0; k < members; k++) {
          model.coefficients().copyMember(k, member);
          double[] naive =
              NaiveBootstrap.member(resampling, 99, k, members, x, y, weights, 0.7);
          assertThat(NaiveBootstrap.relativeDistance(member, naive))
              .as("%s, %s, weighted %s, member %d", resampling, model.solveForm(),
                  weights != null, k)
              .isLessThan(1e-9);
        }
      }
    }
  }

  @Test
  void fit_zeroWeightDrawsAreRedrawnFromTheMemberStream() {
    Random random = new Random(8);
    double[][] x = NaiveBootstrap.matrix(random, 12, 2);
    double[] y = NaiveBootstrap.target(random, x);
    double[] w = new double[12];
    w[4] = 1.0;
    w[9] = 0.5;
    int members = 60;
    BootstrapRidgeEnsemble e = BootstrapRidgeEnsemble.newBuilder()
        .estimators(members).alpha(0.3).seed(4).precision(Precision.DOUBLE).build();
    EnsembleModel model = e.fit(x, y, w);
    int redrawn = 0;
    double[] member = new double[3];
    for (int k = 0; k < members; k++) {
      NaiveBootstrap.Stream stream =
          new NaiveBootstrap.Stream(Resampling.iid(), 4, k, members, 12, w);
      int[] first = stream.next();
      boolean positive = false;
      for (int r : first) {
        positive |= w[r] > 0;
      }
      redrawn += positive ? 0 : 1;
      model.coefficients().copyMember(k, member);
      double[] naive = NaiveBootstrap.member(Resampling.iid(), 4, k, members, x, y, w, 0.3);
      assertThat(NaiveBootstrap.relativeDistance(member, naive)).isLessThan(1e-9);
    }
    assertThat(redrawn).as("members whose first draw had no positive weight").isPositive();
  }

  // ---------------------------------------------------------------- solver forms and options

  @Test
  void fit_primalAndDualFormsAgree() {
    Random random = new Random(21);
    double[][] x = NaiveBootstrap.matrix(random, 30, 12);
    double[] y = NaiveBootstrap.target(random, x);
    double[] w = NaiveBootstrap.weights(random, 30);
    EnsembleModel primal = small(40).solveForm(SolveForm.PRIMAL).precision(Precision.DOUBLE)
        .build().fit(x, y, w);
    EnsembleModel dual = small(40).solveForm(SolveForm.DUAL).precision(Precision.DOUBLE)
        .build().fit(x, y, w);
    assertThat(primal.solveForm()).isEqualTo(SolveForm.PRIMAL);
    assertThat(dual.solveForm()).isEqualTo(SolveForm.DUAL);
    double[] a = new double[13];
    double[] b = new double[13];
    for (int k = 0; k < 40; k++) {
      primal.coefficients().copyMember(k, a);
      dual.coefficients().copyMember(k, b);
      assertThat(NaiveBootstrap.relativeDistance(a, b)).isLessThan(1e-9);
    }
  }

  @Test
  void fit_choosesFormFromFeaturesAndRows() {
    Random random = new Random(2);
    double[][] tall = NaiveBootstrap.matrix(random, 50, 4);
    double[][] wide = NaiveBootstrap.matrix(random, 20, 40);
    assertThat(small(2).build().fit(tall, NaiveBootstrap.target(random, tall)).solveForm())
        .isEqualTo(SolveForm.PRIMAL);
    assertThat(small(2).build().fit(wide, NaiveBootstrap.target(random, wide)).solveForm())
        .isEqualTo(SolveForm.DUAL);
  }

  @Test
  void fit_nonNegativeMembersMeetTheKktConditions() {
    Random random = new Random(13);
    double[][] x = NaiveBootstrap.matrix(random, 35, 4);
    double[] y = new double[35];
    for (int i = 0; i < 35; i++) {
      y[i] = 1 + x[i][0] - 2 * x[i][1] + 0.2 * random.nextGaussian();
    }
    double[] w = NaiveBootstrap.weights(random, 35);
    int members = 15;
    double alpha = 1.0;
    EnsembleModel model = small(members).alpha(alpha).nonNegative(true)
        .precision(Precision.DOUBLE).build().fit(x, y, w);
    assertThat(model.nonNegative()).isTrue();
    double[] member = new double[5];
    boolean clipped = false;
    boolean repeated = false;
    boolean zeroWeightDrawn = false;
    for (int k = 0; k < members; k++) {
      // v_i = (times row i was drawn) * w_i, as the materialised resample weighs it
      int[] rows = new NaiveBootstrap.Stream(Resampling.iid(), 0, k, members, 35, w).next();
      double[] v = new double[35];
      int[] counts = new int[35];
      for (int r : rows) {
        v[r] += w[r];
        counts[r]++;
        repeated |= counts[r] > 1;
        zeroWeightDrawn |= w[r] == 0;
      }
      model.coefficients().copyMember(k, member);
      // f(b, beta) = sum_i v_i (y_i - b - x_i . beta)^2 + alpha |beta|^2: half its gradient is
      // -sum_i v_i r_i (1, x_i) + (0, alpha beta); each is compared with the size of its terms
      double gradB = 0;
      double scaleB = 0;
      double[] grad = new double[4];
      double[] scale = new double[4];
      for (int i = 0; i < 35; i++) {
        double fitted = member[4];
        double size = Math.abs(y[i]) + Math.abs(member[4]);
        for (int j = 0; j < 4; j++) {
          fitted += x[i][j] * member[j];
          size += Math.abs(x[i][j] * member[j]);
        }
        double r = y[i] - fitted;
        gradB -= v[i] * r;
        scaleB += v[i] * size;
        for (int j = 0; j < 4; j++) {
          grad[j] -= v[i] * r * x[i][j];
          scale[j] += v[i] * size * Math.abs(x[i][j]);
        }
      }
      assertThat(Math.abs(gradB)).as("member %d, intercept", k).isLessThan(1e-9 * scaleB);
      for (int j = 0; j < 4; j++) {
        grad[j] += alpha * member[j];
        scale[j] += alpha * Math.abs(member[j]);
        assertThat(member[j]).as("member %d, coefficient %d", k, j).isGreaterThanOrEqualTo(0);
        if (member[j] > 0) {
          assertThat(Math.abs(grad[j])).as("member %d, free coefficient %d", k, j)
              .isLessThan(1e-9 * scale[j]);
        } else {
          assertThat(grad[j]).as("member %d, coefficient %d held at zero", k, j)
              .isGreaterThan(-1e-9 * scale[j]);
          clipped = true;
        }
      }
    }
    assertThat(clipped).as("some coefficient held at zero").isTrue();
    assertThat(repeated).as("some row drawn more than once").isTrue();
    assertThat(zeroWeightDrawn).as("some zero-weight row drawn").isTrue();
  }

  @Test
  void fit_zeroAlphaSingularMemberIsNamed() {
    Random random = new Random(3);
    double[][] x = NaiveBootstrap.matrix(random, 10, 20);
    double[] y = NaiveBootstrap.target(random, x);
    BootstrapRidgeEnsemble e = BootstrapRidgeEnsemble.newBuilder().estimators(5).alpha(0)
        .executor(Runnable::run).build();
    assertThatThrownBy(() -> e.fit(x, y))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("member 0 (of 5)")
        .hasMessageContaining("alpha");
  }

  @Test
  void fit_zeroAlphaWellPosedMembers() {
    Random random = new Random(4);
    double[][] x = NaiveBootstrap.matrix(random, 60, 3);
    double[] y = NaiveBootstrap.target(random, x);
    EnsembleModel model = BootstrapRidgeEnsemble.newBuilder().estimators(10).alpha(0)
        .precision(Precision.DOUBLE).build().fit(x, y);
    assertThat(model.solveForm()).isEqualTo(SolveForm.AUTO);
    double[] member = new double[4];
    for (int k = 0; k < 10; k++) {
      model.coefficients().copyMember(k, member);
      double[] naive = NaiveBootstrap.member(Resampling.iid(), 0, k, 10, x, y, null, 0);
      assertThat(NaiveBootstrap.relativeDistance(member, naive)).isLessThan(1e-9);
    }
  }

  @Test
  void fit_oneEstimator() {
    Random random = new Random(6);
    double[][] x = NaiveBootstrap.matrix(random, 20, 2);
    double[] y = NaiveBootstrap.target(random, x);
    EnsembleModel model = small(1).precision(Precision.DOUBLE).build().fit(x, y);
    assertThat(model.estimators()).isEqualTo(1);
    double[] member = new double[3];
    model.coefficients().copyMember(0, member);
    double[] naive = NaiveBootstrap.member(Resampling.iid(), 0, 0, 1, x, y, null, 1.0);
    assertThat(NaiveBootstrap.relativeDistance(member, naive)).isLessThan(1e-9);
    Summary s = model.predict(x[0]);
    assertThat(s.quantile(0.025)).isEqualTo(s.mean());
    assertThat(s.quantile(0.975)).isEqualTo(s.mean());
  }

  @Test
  void fit_floatStoreRoundsTheDoubleMembers() {
    Random random = new Random(9);
    double[][] x = NaiveBootstrap.matrix(random, 30, 5);
    double[] y = NaiveBootstrap.target(random, x);
    EnsembleModel f = small(20).build().fit(x, y);
    EnsembleModel d = small(20).precision(Precision.DOUBLE).build().fit(x, y);
    for (int k = 0; k < 20; k++) {
      for (int j = 0; j < 5; j++) {
        assertThat(f.coefficients().coefficient(k, j))
            .isEqualTo((double) (float) d.coefficients().coefficient(k, j));
      }
      assertThat(f.coefficients().intercept(k)).isEqualTo((double) (float) d.coefficients()
          .intercept(k));
    }
    assertThat(f.coefficients().sizeInBytes() * 2).isEqualTo(d.coefficients().sizeInBytes());
  }

  // ---------------------------------------------------------------- determinism and execution

  @Test
  void fit_sameStoreOnEveryExecutor() {
    Random random = new Random(17);
    double[][] tall = NaiveBootstrap.matrix(random, 60, 5);
    double[][] wide = NaiveBootstrap.matrix(random, 30, 50);
    ExecutorService three = Executors.newFixedThreadPool(3);
    try {
      for (double[][] x : new double[][][] {tall, wide}) {
        double[] y = NaiveBootstrap.target(random, x);
        double[] w = NaiveBootstrap.weights(random, x.length);
        CoefficientStore inline = storeOn(Runnable::run, x, y, w);
        assertThat(storeOn(ForkJoinPool.commonPool(), x, y, w)).isEqualTo(inline);
        assertThat(storeOn(three, x, y, w)).isEqualTo(inline);
        assertThat(storeOn(new ForkJoinPool(5), x, y, w)).isEqualTo(inline);
      }
      assertThat(three.isShutdown()).isFalse();
    } finally {
      three.shutdown();
    }
  }

  private static CoefficientStore storeOn(
      java.util.concurrent.Executor executor, double[][] x, double[] y, double[] w) {
    return BootstrapRidgeEnsemble.newBuilder().estimators(333).seed(12).executor(executor)
        .resampling(Resampling.stationary(3)).build().fit(x, y, w).coefficients();
  }

  @Test
  void fit_rejectingExecutorRunsOnCaller() {
    Random random = new Random(1);
    double[][] x = NaiveBootstrap.matrix(random, 20, 3);
    double[] y = NaiveBootstrap.target(random, x);
    java.util.concurrent.Executor rejecting = task -> {
      throw new RejectedExecutionException("full");
    };
    CoefficientStore rejected = small(50).executor(rejecting).build().fit(x, y).coefficients();
    CoefficientStore inline = small(50).executor(Runnable::run).build().fit(x, y).coefficients();
    assertThat(rejected).isEqualTo(inline);
  }

  @Test
  void fit_reportsProgressAboutOneHundredTimes() {
    Random random = new Random(1);
    double[][] x = NaiveBootstrap.matrix(random, 20, 3);
    double[] y = NaiveBootstrap.target(random, x);
    List<int[]> calls = new ArrayList<>();
    small(2500).progressListener((done, total) -> {
      synchronized (calls) {
        calls.add(new int[] {done, total});
      }
    }).build().fit(x, y);
    assertThat(calls.size()).isBetween(10, 101);
    for (int i = 1; i < calls.size(); i++) {
      assertThat(calls.get(i)[0]).isGreaterThan(calls.get(i - 1)[0]);
    }
    assertThat(calls.get(calls.size() - 1)).containsExactly(2500, 2500);
  }

  @Test
  void fit_cancelledByToken() {
    Random random = new Random(1);
    double[][] x = NaiveBootstrap.matrix(random, 20, 3);
    double[] y = NaiveBootstrap.target(random, x);
    CancellationToken token = new CancellationToken();
    AtomicInteger calls = new AtomicInteger();
    BootstrapRidgeEnsemble e = small(1000).executor(Runnable::run).cancellation(token)
        .progressListener((done, total) -> {
          calls.incrementAndGet();
          token.cancel();
        }).build();
    assertThatThrownBy(() -> e.fit(x, y))
        .isInstanceOf(CancellationException.class)
        .hasMessageContaining("cancelled after 10 of 1000 members");
    assertThat(calls.get()).isEqualTo(1);
    assertThatThrownBy(() -> e.fit(x, y)).isInstanceOf(CancellationException.class)
        .hasMessageContaining("after 0 of 1000");
  }

  @Test
  void fit_cancelledByInterrupt() {
    Random random = new Random(1);
    double[][] x = NaiveBootstrap.matrix(random, 20, 3);
    double[] y = NaiveBootstrap.target(random, x);
    BootstrapRidgeEnsemble e = small(1000).executor(Runnable::run)
        .progressListener((done, total) -> Thread.currentThread().interrupt()).build();
    try {
      assertThatThrownBy(() -> e.fit(x, y))
          .isInstanceOf(CancellationException.class).hasMessageContaining("cancelled after 10");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void fit_listenerExceptionStopsTheFit() {
    Random random = new Random(1);
    double[][] x = NaiveBootstrap.matrix(random, 20, 3);
    double[] y = NaiveBootstrap.target(random, x);
    IllegalStateException boom = new IllegalStateException("listener failed");
    BootstrapRidgeEnsemble e = small(500).progressListener((done, total) -> {
      throw boom;
    }).build();
    assertThatThrownBy(() -> e.fit(x, y)).isSameAs(boom);
  }

  private static BootstrapRidgeEnsemble.Builder small(int estimators) {
    return BootstrapRidgeEnsemble.newBuilder().estimators(estimators);
  }

  @Test
  void withSeedAndExecutor_copiesEveryStatisticalSetting() throws ReflectiveOperationException {
    Executor pool = Executors.newSingleThreadExecutor();
    try {
      BootstrapRidgeEnsemble original = BootstrapRidgeEnsemble.newBuilder()
          .estimators(17)
          .alpha(0.3)
          .seed(5L)
          .resampling(Resampling.movingBlock(4))
          .targetTransform(TargetTransform.LOG1P)
          .precision(Precision.DOUBLE)
          .nonNegative(true)
          .solveForm(SolveForm.PRIMAL)
          .memoryBudget(123_456_789L)
          .progressListener((done, total) -> { })
          .cancellation(new CancellationToken())
          .checkpoint(Path.of("unused-checkpoints"), 5)
          .build();
      BootstrapRidgeEnsemble copy = original.withSeedAndExecutor(99L, pool);

      // every field not listed here must be copied unchanged, and the settings but for the
      // seed, so an option added later cannot be forgotten by the backtest and the coverage study
      assertThat(copy.settings()).isEqualTo(original.settings().withSeed(99L));
      Set<String> replaced = Set.of("settings", "executor", "progressListener", "cancellation",
          "checkpointFolder", "checkpointEvery", "checkpointStreams");
      for (Field field : BootstrapRidgeEnsemble.class.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers()) || replaced.contains(field.getName())) {
          continue;
        }
        field.setAccessible(true);
        assertThat(field.get(copy)).as(field.getName()).isEqualTo(field.get(original));
      }
      assertThat(copy.seed()).isEqualTo(99L);
      assertThat(copy.executor()).isSameAs(pool);
      assertThat(copy.checkpointFolder()).isEmpty();
    } finally {
      ((ExecutorService) pool).shutdown();
    }
  }

  @Test
  void withSeedAndExecutor_sklearnCompatible_seedBecomesTheRandomState() {
    BootstrapRidgeEnsemble original = BootstrapRidgeEnsemble.newBuilder()
        .resampling(Resampling.sklearnCompatible(42, SklearnWeighting.LEGACY))
        .build();
    BootstrapRidgeEnsemble copy = original.withSeedAndExecutor((7L << 32) | 11L, Runnable::run);
    assertThat(copy.resampling()).isEqualTo(Resampling.sklearnCompatible(11, SklearnWeighting.LEGACY));
    assertThat(copy.seed()).isEqualTo(11L);
  }
}
