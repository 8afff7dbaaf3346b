/**
 * Bootstrap ensembles of Ridge regressions: {@link io.rila.bootstrap.BootstrapRidgeEnsemble}
 * (settings and fit), {@link io.rila.bootstrap.EnsembleModel} (predictions with intervals,
 * scenarios, coefficient intervals), {@link io.rila.bootstrap.CoefficientStore} (the members'
 * coefficients in one flat array), {@link io.rila.bootstrap.ModelFiles} (model files and NPY
 * exports), {@link io.rila.bootstrap.MemoryEstimate} (the heap a fit needs) and the options they
 * take ({@link io.rila.bootstrap.Resampling}, {@link io.rila.bootstrap.TargetTransform}, {@link
 * io.rila.bootstrap.Precision}), plus the tools that judge a model: {@link
 * io.rila.bootstrap.Backtest} (expanding-window forecasts, metrics and band coverage against a
 * naive benchmark) and {@link io.rila.bootstrap.CoverageStudy} (Monte Carlo coverage of the
 * percentile intervals on simulated data), and {@link io.rila.bootstrap.PredictionIntervals}
 * (conformal intervals for the actual value of a new row, calibrated on the out-of-bag residuals
 * into a {@link io.rila.bootstrap.CalibratedIntervals}).
 *
 * <pre>{@code
 * EnsembleModel model = BootstrapRidgeEnsemble.newBuilder()
 *     .estimators(10_000)
 *     .targetTransform(TargetTransform.LOG1P)
 *     .build()
 *     .fit(frame, "sales", features, "weight");
 * Summary next = model.predict(row);
 * ModelFiles.save(model, Path.of("sales.rila"));
 * }</pre>
 */
package io.rila.bootstrap;
