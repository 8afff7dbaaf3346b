/**
 * Descriptive statistics with numpy's exact semantics: {@link io.rila.core.stats.Quantiles}
 * (numpy's {@code linear} percentile rule, by selection) and the {@link
 * io.rila.core.stats.NanPolicy} that says what NaN values do.
 */
package io.rila.core.stats;
