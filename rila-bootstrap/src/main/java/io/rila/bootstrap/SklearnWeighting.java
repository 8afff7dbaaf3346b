package io.rila.bootstrap;

/**
 * How scikit-learn's {@code BaggingRegressor} combines sample weights with its bootstrap draws,
 * for {@link Resampling#sklearnCompatible(long, SklearnWeighting)}.
 *
 * <pre>{@code
 * Resampling legacy = Resampling.sklearnCompatible(42, SklearnWeighting.LEGACY);
 * }</pre>
 */
public enum SklearnWeighting {
  /**
   * scikit-learn up to 1.7: rows are drawn uniformly, {@code RandomState(seed_k).randint(0, n,
   * n)}, and member {@code k} is fitted with {@code sample_weight = weight * bincount(rows)}.
   */
  LEGACY,
  /**
   * scikit-learn 1.8 and later: rows are drawn with probabilities {@code weight / sum(weight)},
   * {@code RandomState(seed_k).choice(n, n, p=...)}, and member {@code k} is fitted with {@code
   * sample_weight = bincount(rows)} only (the weights act through the draw).
   */
  PROBABILITY
}
