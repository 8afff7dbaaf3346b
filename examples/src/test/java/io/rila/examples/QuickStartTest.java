package io.rila.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.rila.bootstrap.Summary;
import io.rila.core.frame.Frame;
import io.rila.core.regression.RidgeFit;
import io.rila.core.regression.RidgeRegression;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuickStartTest {

  @Test
  void run_smallEnsemble_intervalHoldsTheFullDataRidgePrediction() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    Summary sales = QuickStart.run(200, new PrintStream(printed, true, StandardCharsets.UTF_8));

    // independent reference: one weighted Ridge fit on all weeks (rila-core), log1p target
    Frame weekly = SyntheticRilaMarket.generate(260, 42L).weekly();
    int n = weekly.rows();
    double[][] x = weekly.toRowMatrix(List.of("Prudential", "C_weighted_mean"));
    double[] z = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      z[i] = Math.log1p(weekly.get(i, "sales"));
      w[i] = Math.pow(0.99, n - i);
    }
    RidgeFit full = RidgeRegression.fit(x, z, w, 1.0);
    double[] nextWeek = {2.0, weekly.get(n - 1, "C_weighted_mean")};
    double point = Math.expm1(full.predict(nextWeek));

    assertThat(sales.quantile(0.025)).isLessThan(point);
    assertThat(sales.quantile(0.975)).isGreaterThan(point);
    assertThat(Math.abs(sales.quantile(0.5) / point - 1)).isLessThan(0.01);
    // the own-rate effect the market was built with is +0.28 log-sales per point (current and
    // three-week lag together); the full fit recovers its sign and size
    assertThat(full.coefficient(0)).isBetween(0.2, 0.36);
    assertThat(new String(printed.toByteArray(), StandardCharsets.UTF_8))
        .contains("200 members x 2 features", "next week's expected sales: ");
  }
}
