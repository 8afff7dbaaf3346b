package io.rila.features.selection;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One fitted subset of a {@link SubsetSearch}: its features (base features first, then the
 * candidates in pool order), the OLS/WLS fit with intercept (statsmodels' statistics) and the
 * verdicts of the sign rules that apply to it.
 *
 * <pre>{@code
 * SubsetResult best = search.run(names, x, y, weights).best().orElseThrow();
 * double aic = best.aic();
 * double own = best.coefficient("prudential_rate_current");
 * best.warnings().forEach(System.out::println);
 * }</pre>
 *
 * <p>Immutable and thread-safe; accessors copy.
 */
public final class SubsetResult {

  private final int rank;
  private final List<String> features;
  private final int[] columns;
  private final double[] params;
  private final double[] standardErrors;
  private final double aic;
  private final double bic;
  private final double rSquared;
  private final double logLikelihood;
  private final List<RuleVerdict> verdicts;

  SubsetResult(
      int rank, List<String> features, int[] columns, double[] params, double[] standardErrors,
      double aic, double bic, double rSquared, double logLikelihood, List<RuleVerdict> verdicts) {
    this.rank = rank;
    this.features = List.copyOf(features);
    this.columns = columns;
    this.params = params;
    this.standardErrors = standardErrors;
    this.aic = aic;
    this.bic = bic;
    this.rSquared = rSquared;
    this.logLikelihood = logLikelihood;
    this.verdicts = List.copyOf(verdicts);
  }

  /** The 1-based rank by AIC (ties by enumeration order). */
  public int rank() {
    return rank;
  }

  /** The features of the model, base features first, then candidates in pool order. */
  public List<String> features() {
    return features;
  }

  /** The number of features (without the intercept). */
  public int size() {
    return features.size();
  }

  /** The column of each feature in the searched matrix, aligned with {@link #features()}. */
  public int[] columns() {
    return columns.clone();
  }

  /** The intercept. */
  public double intercept() {
    return params[0];
  }

  /** The standard error of the intercept. */
  public double interceptStandardError() {
    return standardErrors[0];
  }

  /** The coefficients, aligned with {@link #features()}. */
  public double[] coefficients() {
    double[] c = new double[features.size()];
    System.arraycopy(params, 1, c, 0, c.length);
    return c;
  }

  /** The standard errors of the coefficients, aligned with {@link #features()}. */
  public double[] standardErrors() {
    double[] c = new double[features.size()];
    System.arraycopy(standardErrors, 1, c, 0, c.length);
    return c;
  }

  /**
   * The coefficient of a feature of this model.
   *
   * @throws NullPointerException when feature is null
   * @throws IllegalArgumentException when the model does not include the feature
   */
  public double coefficient(String feature) {
    return params[1 + indexOf(feature)];
  }

  /**
   * The standard error of a feature's coefficient.
   *
   * @throws NullPointerException when feature is null
   * @throws IllegalArgumentException when the model does not include the feature
   */
  public double standardError(String feature) {
    return standardErrors[1 + indexOf(feature)];
  }

  private int indexOf(String feature) {
    Objects.requireNonNull(feature, "feature");
    int i = features.indexOf(feature);
    if (i < 0) {
      throw new IllegalArgumentException(
          "feature: '" + feature + "' (expected: one of " + features + ")");
    }
    return i;
  }

  /** Akaike's information criterion, {@code -2 llf + 2 (size + 1)}. */
  public double aic() {
    return aic;
  }

  /** The Bayesian information criterion, {@code -2 llf + (size + 1) log(nobs)}. */
  public double bic() {
    return bic;
  }

  /** The coefficient of determination (weighted with weights), {@code 1 - ssr / centred tss}. */
  public double rSquared() {
    return rSquared;
  }

  /** The Gaussian log-likelihood (statsmodels' {@code llf}). */
  public double logLikelihood() {
    return logLikelihood;
  }

  /** Each rule's verdict on each matching feature of the model, by rule, then feature order. */
  public List<RuleVerdict> verdicts() {
    return verdicts;
  }

  /** The verdicts of warning rules that failed. */
  public List<RuleVerdict> warnings() {
    List<RuleVerdict> out = new ArrayList<>();
    for (RuleVerdict v : verdicts) {
      if (!v.passed()) {
        out.add(v);
      }
    }
    return List.copyOf(out);
  }

  /** Whether a warning rule failed. */
  public boolean hasWarnings() {
    for (RuleVerdict v : verdicts) {
      if (!v.passed()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "SubsetResult{rank=" + rank + ", features=" + features + ", aic=" + aic
        + ", rSquared=" + rSquared + (hasWarnings() ? ", warnings=" + warnings().size() : "") + "}";
  }
}
