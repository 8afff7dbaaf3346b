package io.rila.examples;

import io.rila.bootstrap.BootstrapRidgeEnsemble;
import io.rila.bootstrap.EnsembleModel;
import io.rila.bootstrap.Resampling;
import io.rila.bootstrap.Scenario;
import io.rila.bootstrap.ScenarioTable;
import io.rila.bootstrap.Summary;
import io.rila.bootstrap.TargetTransform;
import io.rila.core.frame.Frame;
import io.rila.core.frame.FrameCsv;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

public class TenLines {
  public static void main(String[] args) throws IOException {
    // 152 real weeks: sales, the production model's four features, its decay weights
    Frame weekly = FrameCsv.defaults().read(
        Path.of(args.length > 0 ? args[0] : "testdata/sample/rila_weekly.csv"));
    List<String> features = List.of("prudential_rate_current", "prudential_rate_t3",
        "competitor_mid_t2", "competitor_top5_t2");
    double[] newRow = weekly.toRowMatrix(features)[weekly.rows() - 1];   // the latest week

    BootstrapRidgeEnsemble ensemble = BootstrapRidgeEnsemble.newBuilder()
        .estimators(10_000)
        .alpha(1.0)
        .seed(42L)
        .resampling(Resampling.iid())
        .targetTransform(TargetTransform.LOG1P)   // fit log1p(sales), predict sales
        .build();
    EnsembleModel model = ensemble.fit(weekly, "sales", features, "weight");  // column names
    Summary next = model.predict(newRow);                      // mean, p2.5, p50, p97.5
    ScenarioTable rates = model.scenarios(newRow, Scenario.sweep("prudential_rate", 1.0, 1.5, 2.0));

    System.out.println(next);
    System.out.println(rates);
  }
}
