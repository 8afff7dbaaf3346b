package io.rila.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rila.bootstrap.internal.CountSampler;
import io.rila.bootstrap.internal.Samplers;
import io.rila.core.testing.SharedData;
import org.junit.jupiter.api.Test;

/**
 * {@link Resampling#sklearnCompatible(long, SklearnWeighting)} with {@link
 * SklearnWeighting#PROBABILITY} against {@code testdata/oracles/bagging_ridge_probability.json}:
 * scikit-learn 1.9.1's {@code BaggingRegressor(Ridge)} with {@code sample_weight}, written by {@code
 * testdata/generators/probability.py} (member seeds, drawn rows, member coefficients, intercepts
 * and predictions).
 */
class SklearnProbabilityOracleTest {

  private static JsonNode oracle() {
    return SharedData.oracle("bagging_ridge_probability.json");
  }

  @Test
  void fit_matchesProbabilityBaggingOracle() {
    for (JsonNode c : oracle().get("cases")) {
      String name = c.get("name").asText();
      double[][] x = SharedData.matrix(c.get("x"));
      double[] y = SharedData.vector(c.get("y"));
      int estimators = c.get("estimators").asInt();
      EnsembleModel model = BootstrapRidgeEnsemble.newBuilder()
          .estimators(estimators)
          .alpha(c.get("alpha").asDouble())
          .resampling(Resampling.sklearnCompatible(
              c.get("random_state").asLong(), SklearnWeighting.PROBABILITY))
          .precision(Precision.DOUBLE)
          .build()
          .fit(x, y, SharedData.vector(c.get("sample_weight")));
      double[][] coef = SharedData.matrix(c.get("member_coef"));
      double[] intercept = SharedData.vector(c.get("member_intercept"));
      double[] member = new double[x[0].length + 1];
      for (int k = 0; k < estimators; k++) {
        model.coefficients().copyMember(k, member);
        for (int j = 0; j < coef[k].length; j++) {
          assertThat(SharedData.relativeError(member[j], coef[k][j]))
              .as("case %s member %d coefficient %d", name, k, j).isLessThan(1e-9);
        }
        assertThat(SharedData.relativeError(member[coef[k].length], intercept[k]))
            .as("case %s member %d intercept", name, k).isLessThan(1e-9);
      }
      double[][] xNew = SharedData.matrix(c.get("x_new"));
      double[][] expected = SharedData.matrix(c.get("member_predictions_x_new"));
      double[] expectedMean = SharedData.vector(c.get("mean_prediction_x_new"));
      for (int r = 0; r < xNew.length; r++) {
        double[] predictions = model.memberPredictions(xNew[r]);
        for (int k = 0; k < estimators; k++) {
          assertThat(SharedData.relativeError(predictions[k], expected[k][r]))
              .as("case %s member %d prediction %d", name, k, r).isLessThan(1e-9);
        }
        assertThat(SharedData.relativeError(model.predict(xNew[r]).mean(), expectedMean[r]))
            .as("case %s mean prediction %d", name, r).isLessThan(1e-9);
      }
    }
  }

  @Test
  void samplers_drawOracleRows() {
    for (JsonNode c : oracle().get("cases")) {
      String name = c.get("name").asText();
      int n = c.get("n").asInt();
      int estimators = c.get("estimators").asInt();
      int[] seeds = Samplers.sklearnMemberSeeds(c.get("random_state").asLong(), estimators);
      long[] expectedSeeds = SharedData.longs(c.get("member_seeds"));
      CountSampler sampler = Samplers.sklearnProbability(
          seeds, Samplers.numpyCdf(SharedData.vector(c.get("sample_weight"))));
      int[] counts = new int[n];
      for (int k = 0; k < estimators; k++) {
        assertThat((long) seeds[k]).as("case %s member %d seed", name, k)
            .isEqualTo(expectedSeeds[k]);
        int[] expected = new int[n];
        for (JsonNode row : c.get("member_rows").get(k)) {
          expected[row.asInt()]++;
        }
        sampler.draw(k, counts);
        assertThat(counts).as("case %s member %d counts", name, k).containsExactly(expected);
      }
    }
  }
}
