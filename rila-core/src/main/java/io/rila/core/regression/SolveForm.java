package io.rila.core.regression;

/**
 * Which normal equations a Ridge fit solves. Both give the same coefficients; they differ in cost
 * and, for a tiny {@code alpha}, in accuracy: each form's system has a condition number of about
 * {@code |X~^T V X~| / alpha} outside the span of the data, so the form {@link #AUTO} would not
 * choose loses digits as {@code alpha} approaches zero (about {@code 1e-7} relative at
 * {@code alpha = 1e-8}). {@link #AUTO} is the right choice outside tests.
 *
 * <pre>{@code
 * RidgeFit fit = RidgeRegression.fit(x, y, null, 1.0, SolveForm.DUAL);
 * }</pre>
 */
public enum SolveForm {
  /**
   * {@link #DUAL} when the features outnumber the rows with a positive weight, else
   * {@link #PRIMAL}: the cheaper form.
   */
  AUTO,
  /**
   * The {@code p x p} system {@code X~^T V X~ + alpha I} on the weighted-centred features: about
   * {@code p^2 m} work for {@code m} rows with a positive weight.
   */
  PRIMAL,
  /**
   * The {@code m x m} system {@code D G D + alpha I} built from the row Gram matrix {@code X X^T}
   * (computed once per data set): about {@code m^3 / 3 + m p} work per fit. Requires
   * {@code alpha > 0}, since the centred Gram matrix is singular.
   */
  DUAL
}
