/**
 * rila on Apache Spark: {@link io.rila.spark.SparkEnsembleTrainer} fits an ensemble split into
 * member ranges across a cluster (bit-identical to a local fit), one ensemble per group of a
 * keyed dataset, or a one-pass Poisson bootstrap of rows too many for one machine; {@link
 * io.rila.spark.BroadcastModel} scores distributed rows with a broadcast model; {@link
 * io.rila.spark.ModelChunks} reads an ensemble written to a folder range by range.
 *
 * <pre>{@code
 * SparkEnsembleTrainer trainer = SparkEnsembleTrainer.newBuilder(ensemble).build();
 * EnsembleModel model = trainer.fit(sc, x, y, weights);       // == ensemble.fit(x, y, weights)
 * try (BroadcastModel shared = BroadcastModel.of(sc, model)) {
 *   shared.predict(rows, 0.05, 0.5, 0.95).saveAsObjectFile(out);
 * }
 * }</pre>
 *
 * <p>Spark ({@code spark-core_2.13}) is a provided dependency: the cluster supplies it.
 */
package io.rila.spark;
