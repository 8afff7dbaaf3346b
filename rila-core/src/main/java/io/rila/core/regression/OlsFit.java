package io.rila.core.regression;

import io.rila.core.internal.Checks;
import java.util.Objects;

/**
 * An ordinary or weighted least-squares fit with an intercept and its inference statistics, as
 * statsmodels' {@code OLS(y, add_constant(x)).fit()} and {@code WLS(y, add_constant(x),
 * weights).fit()} define them. The parameters are ordered intercept first ({@code params}).
 *
 * <pre>{@code
 * OlsFit fit = OrdinaryLeastSquares.fit(x, y, null);
 * double[] params = fit.params();          // [intercept, beta_1, ..., beta_p]
 * double[] se = fit.standardErrors();      // same order
 * double aic = fit.aic();
 * }</pre>
 *
 * <p>With {@code n = nobs()}, {@code k = p + 1} parameters, residuals {@code e} and weights
 * {@code w} (all one for OLS): {@code ssr = sum w e^2}; {@code scale = ssr / dfResid};
 * {@code llf = -n/2 (log(2 pi) + log(ssr / n) + 1) + 1/2 sum log w}; {@code aic = -2 llf + 2 k};
 * {@code bic = -2 llf + k log n}; {@code R^2 = 1 - ssr / sum w (y - ybar_w)^2}; standard errors
 * are {@code sqrt(scale * diag(([1 X]^T W [1 X])^-1))}.
 *
 * <p>Immutable and thread-safe; no internal array escapes.
 */
public final class OlsFit {

  private static final double LOG_TWO_PI = Math.log(2 * Math.PI);

  private final double[] params;
  private final double[] standardErrors;
  private final int nobs;
  private final double ssr;
  private final double centeredTss;
  private final double logLikelihood;

  OlsFit(double[] params, double[] standardErrors, int nobs, double ssr, double centeredTss,
      double sumLogWeights) {
    this.params = params;
    this.standardErrors = standardErrors;
    this.nobs = nobs;
    this.ssr = ssr;
    this.centeredTss = centeredTss;
    this.logLikelihood = logLikelihood(nobs, ssr, sumLogWeights);
  }

  /** statsmodels' (concentrated) Gaussian log-likelihood of a least-squares fit. */
  static double logLikelihood(int nobs, double ssr, double sumLogWeights) {
    return -0.5 * nobs * (LOG_TWO_PI + Math.log(ssr / nobs) + 1) + 0.5 * sumLogWeights;
  }

  /** A copy of the parameters, intercept first: {@code [b, beta_1, ..., beta_p]}. */
  public double[] params() {
    return params.clone();
  }

  /**
   * Parameter {@code i} (0 is the intercept).
   *
   * @throws IllegalArgumentException if {@code i} is not in {@code [0, features()]}
   */
  public double param(int i) {
    Checks.inRange(i, 0, params.length - 1, "i");
    return params[i];
  }

  /** The intercept, {@code param(0)}. */
  public double intercept() {
    return params[0];
  }

  /** A copy of the slopes, one per feature (the parameters without the intercept). */
  public double[] coefficients() {
    double[] out = new double[params.length - 1];
    System.arraycopy(params, 1, out, 0, out.length);
    return out;
  }

  /** A copy of the standard errors of the parameters, intercept first ({@code bse}). */
  public double[] standardErrors() {
    return standardErrors.clone();
  }

  /**
   * The standard error of parameter {@code i} (0 is the intercept).
   *
   * @throws IllegalArgumentException if {@code i} is not in {@code [0, features()]}
   */
  public double standardError(int i) {
    Checks.inRange(i, 0, params.length - 1, "i");
    return standardErrors[i];
  }

  /** The number of features, {@code p} (parameters without the intercept). */
  public int features() {
    return params.length - 1;
  }

  /** The number of observations ({@code nobs}). */
  public int nobs() {
    return nobs;
  }

  /** The model degrees of freedom, {@code p} ({@code df_model}). */
  public int dfModel() {
    return params.length - 1;
  }

  /** The residual degrees of freedom, {@code nobs - p - 1} ({@code df_resid}). */
  public int dfResid() {
    return nobs - params.length;
  }

  /** The (weighted) sum of squared residuals ({@code ssr}). */
  public double ssr() {
    return ssr;
  }

  /** The residual variance estimate, {@code ssr / dfResid} ({@code scale}). */
  public double scale() {
    return ssr / dfResid();
  }

  /** The coefficient of determination, {@code 1 - ssr / centered_tss} ({@code rsquared}). */
  public double rSquared() {
    return 1 - ssr / centeredTss;
  }

  /** The log-likelihood ({@code llf}). */
  public double logLikelihood() {
    return logLikelihood;
  }

  /** Akaike's information criterion, {@code -2 llf + 2 (p + 1)} ({@code aic}). */
  public double aic() {
    return -2 * logLikelihood + 2 * params.length;
  }

  /** The Bayesian information criterion, {@code -2 llf + (p + 1) log(nobs)} ({@code bic}). */
  public double bic() {
    return -2 * logLikelihood + params.length * Math.log(nobs);
  }

  /**
   * The prediction {@code intercept + row . coefficients}.
   *
   * @throws NullPointerException if {@code row} is null
   * @throws IllegalArgumentException if {@code row.length != features()} or a value is not finite
   */
  public double predict(double[] row) {
    Objects.requireNonNull(row, "row");
    Checks.length(row, params.length - 1, "row");
    Checks.finite(row, "row");
    double s = params[0];
    for (int j = 0; j < row.length; j++) {
      s += row[j] * params[j + 1];
    }
    return s;
  }

  @Override
  public String toString() {
    return "OlsFit[features=" + features() + ", nobs=" + nobs + ", rSquared=" + rSquared()
        + ", aic=" + aic() + ", bic=" + bic() + "]";
  }
}
