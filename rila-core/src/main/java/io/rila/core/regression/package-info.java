/**
 * Linear regression solvers: weighted Ridge with an intercept (scikit-learn {@code Ridge}
 * semantics, primal and dual forms), Ridge with non-negative coefficients, and ordinary or
 * weighted least squares with statsmodels' inference statistics, plus a fast scorer of feature
 * subsets for AIC searches.
 *
 * <p>Every fit validates its input at the door (null, empty, ragged, NaN or infinite values,
 * negative weights, mismatched lengths) and returns an immutable result.
 */
package io.rila.core.regression;
