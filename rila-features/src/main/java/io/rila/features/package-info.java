/**
 * Weekly feature engineering for rate-elasticity models: immutable, fluent {@link
 * io.rila.features.FeatureStep}s that turn daily or weekly frames into feature tables.
 *
 * <ul>
 *   <li>calendar and resampling: {@link io.rila.features.CalendarReindex}, {@link
 *       io.rila.features.FillMissing}, {@link io.rila.features.RollingMean}, {@link
 *       io.rila.features.WeeklyAggregation};
 *   <li>competitors: {@link io.rila.features.CompetitorAggregates} with {@link
 *       io.rila.features.QuarterlyWeights} and a {@link io.rila.features.MissingRatePolicy};
 *   <li>lags and products: {@link io.rila.features.LagFeatures}, {@link
 *       io.rila.features.InteractionFeatures};
 *   <li>calendar columns, spreads, weights and row selection: {@link
 *       io.rila.features.CalendarFeatures}, {@link io.rila.features.HolidayRule}, {@link
 *       io.rila.features.DerivedColumns}, {@link io.rila.features.DecayWeights}, {@link
 *       io.rila.features.RowFilter};
 *   <li>composition: {@link io.rila.features.FeaturePipeline}; caching: {@link
 *       io.rila.features.cache.FeatureCache}.
 * </ul>
 *
 * <p>Every step is immutable and thread-safe, never changes its input, and gives bitwise the same
 * output for the same input whatever executor it runs on.
 */
package io.rila.features;
