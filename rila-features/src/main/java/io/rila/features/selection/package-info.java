/**
 * Feature selection and regularisation tuning: exhaustive AIC subset search under economic sign
 * rules, Lasso screening with cross-validated coordinate descent, and Ridge alpha tuning by
 * efficient leave-one-out or fold cross-validation.
 *
 * <p>Entry points:
 *
 * <ul>
 *   <li>{@link io.rila.features.selection.SubsetSearch}: every subset of a candidate pool scored by
 *       OLS/WLS, filtered and annotated by {@link io.rila.features.selection.SignRule}s, ranked by
 *       AIC.
 *   <li>{@link io.rila.features.selection.Lasso} and {@link io.rila.features.selection.LassoCv}:
 *       the scikit-learn Lasso objective, paths with warm starts, K-fold or time-series
 *       cross-validation and {@link io.rila.features.selection.LassoCvResult#screen(int)}.
 *   <li>{@link io.rila.features.selection.RidgeCv}: Ridge alpha tuning from one eigendecomposition
 *       (leave-one-out, as scikit-learn's {@code RidgeCV}) or by {@link
 *       io.rila.features.selection.Folds}.
 * </ul>
 *
 * <p>Inputs are row-major {@code double[][]} matrices, a target vector and optional non-negative
 * sample weights; every entry point rejects null, ragged, non-finite and mis-shaped input before
 * any arithmetic. Results are immutable and safe to share between threads.
 */
package io.rila.features.selection;
