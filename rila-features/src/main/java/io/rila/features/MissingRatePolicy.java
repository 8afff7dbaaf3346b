package io.rila.features;

/**
 * What {@link CompetitorAggregates} does with missing competitor rates and market-share weights.
 */
public enum MissingRatePolicy {
  /**
   * The default. A row with any missing ({@code NaN}) company rate gets {@code NaN} in every
   * aggregate. The weighted mean is {@code sum(r * w) / sum(w)}, and every row's quarter must have
   * a weights row whose weights for the companies are present, finite, non-negative and not all
   * zero; otherwise {@link CompetitorAggregates#apply} fails and names the quarter.
   */
  STRICT,

  /**
   * Reproduces the Python system that rila replaces. A missing rate counts as {@code 0.0} in
   * every aggregate (it is ranked, averaged and weighted as a zero); a missing quarter, weight
   * column or weight cell is weight {@code 0.0}; the weighted mean is {@code sum(r * w) / (sum(w)
   * + 1e-8)}, so it is {@code 0} in a quarter without weights. Use it only to match that system's
   * numbers: zeros bias every aggregate down where a carrier has no rate.
   */
  PYTHON_COMPATIBLE
}
