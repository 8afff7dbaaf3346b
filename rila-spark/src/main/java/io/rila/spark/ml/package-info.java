/**
 * spark.ml stages for bootstrap Ridge ensembles: {@link
 * io.rila.spark.ml.BootstrapRidgeRegressor} (an {@code Estimator}) fits a DataFrame's rows,
 * bit-identical to a local fit; {@link io.rila.spark.ml.BootstrapRidgeRegressionModel} (a
 * {@code Model}) scores rows with the mean and quantiles of the members' predictions, and saves
 * and loads through any Hadoop FileSystem. Both fit in a {@code Pipeline}.
 */
package io.rila.spark.ml;
