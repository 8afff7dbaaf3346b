package io.rila.features.selection;

/**
 * How one {@link SignRule} judged one feature of one fitted subset: the estimate, its standard
 * error and 95% interval, and whether the rule was met.
 *
 * <pre>{@code
 * for (RuleVerdict v : result.warnings()) {
 *   System.out.println(v.feature() + " breaks " + v.rule() + ": " + v.estimate());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class RuleVerdict {

  private final SignRule rule;
  private final String feature;
  private final double estimate;
  private final double standardError;
  private final boolean passed;

  RuleVerdict(SignRule rule, String feature, double estimate, double standardError) {
    this.rule = rule;
    this.feature = feature;
    this.estimate = estimate;
    this.standardError = standardError;
    this.passed = rule.accepts(estimate, standardError);
  }

  /** The rule. */
  public SignRule rule() {
    return rule;
  }

  /** The feature it judged. */
  public String feature() {
    return feature;
  }

  /** The coefficient's point estimate. */
  public double estimate() {
    return estimate;
  }

  /** The coefficient's standard error. */
  public double standardError() {
    return standardError;
  }

  /** The lower end of the 95% interval, {@code estimate - 1.96 SE}. */
  public double lower() {
    return estimate - SignRule.Z_95 * standardError;
  }

  /** The upper end of the 95% interval, {@code estimate + 1.96 SE}. */
  public double upper() {
    return estimate + SignRule.Z_95 * standardError;
  }

  /** Whether the rule was met. */
  public boolean passed() {
    return passed;
  }

  @Override
  public String toString() {
    return feature + " " + rule + ": " + (passed ? "passed" : "failed") + " (estimate "
        + estimate + ", 95% interval [" + lower() + ", " + upper() + "])";
  }
}
