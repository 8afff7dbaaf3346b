package io.rila.bootstrap;

import java.util.Locale;

/**
 * What a {@link CoverageStudy} measured for one ensemble configuration: how often the percentile
 * interval covered the true mean response at the new row and each true coefficient, with Monte
 * Carlo standard errors and mean interval widths.
 *
 * <pre>{@code
 * CoverageResult r = study.run(ensemble);
 * double c = r.coverage();                    // mean response at the new row
 * double se = r.standardError();              // sqrt(c (1 - c) / replications)
 * double slope = r.coefficientCoverage(0);    // the first coefficient
 * }</pre>
 *
 * <p>A coverage is the share of replications whose interval contains the truth (ends included);
 * its Monte Carlo standard error is the binomial {@code sqrt(c (1 - c) / R)} over {@code R}
 * independent replications (zero when {@code c} is 0 or 1, where it understates the uncertainty).
 *
 * <p>Thread safety: immutable. Allocation: none after construction.
 */
public final class CoverageResult {

  private final double level;
  private final int estimators;
  private final Resampling resampling;
  private final int replications;
  private final double[] coverage;
  private final double[] width;

  /**
   * Target 0 is the mean response, target {@code j + 1} coefficient {@code j}; each array is
   * {@code [target][replication]}.
   */
  CoverageResult(
      double level, int estimators, Resampling resampling, double[][] lower, double[][] upper,
      double[][] truth) {
    this.level = level;
    this.estimators = estimators;
    this.resampling = resampling;
    this.replications = truth[0].length;
    int targets = truth.length;
    this.coverage = new double[targets];
    this.width = new double[targets];
    for (int t = 0; t < targets; t++) {
      int inside = 0;
      double sum = 0;
      for (int r = 0; r < replications; r++) {
        if (lower[t][r] <= truth[t][r] && truth[t][r] <= upper[t][r]) {
          inside++;
        }
        sum += upper[t][r] - lower[t][r];
      }
      coverage[t] = (double) inside / replications;
      width[t] = sum / replications;
    }
  }

  /**
   * The Monte Carlo standard error of a coverage estimated from independent replications.
   *
   * @param coverage the estimated coverage, in {@code [0, 1]}
   * @param replications the number of replications, {@code >= 1}
   * @return {@code sqrt(coverage (1 - coverage) / replications)}
   */
  static double standardError(double coverage, int replications) {
    return Math.sqrt(coverage * (1 - coverage) / replications);
  }

  /**
   * The nominal level of the intervals.
   *
   * @return the level
   */
  public double level() {
    return level;
  }

  /**
   * The members of each replication's ensemble.
   *
   * @return the estimator count
   */
  public int estimators() {
    return estimators;
  }

  /**
   * The resampling scheme of the ensemble.
   *
   * @return the scheme
   */
  public Resampling resampling() {
    return resampling;
  }

  /**
   * The number of replications.
   *
   * @return the count
   */
  public int replications() {
    return replications;
  }

  /**
   * The number of coefficients of the simulated model.
   *
   * @return the feature count
   */
  public int features() {
    return coverage.length - 1;
  }

  /**
   * How often the interval covered the true mean response at the new row.
   *
   * @return the coverage, in {@code [0, 1]}
   */
  public double coverage() {
    return coverage[0];
  }

  /**
   * The Monte Carlo standard error of {@link #coverage()}.
   *
   * @return the standard error
   */
  public double standardError() {
    return standardError(coverage[0], replications);
  }

  /**
   * The mean width of the interval for the mean response.
   *
   * @return the mean width
   */
  public double meanWidth() {
    return width[0];
  }

  /**
   * How often the interval covered true coefficient {@code feature}.
   *
   * @param feature {@code 0 <= feature < features()}
   * @return the coverage, in {@code [0, 1]}
   * @throws IllegalArgumentException if {@code feature} is out of range
   */
  public double coefficientCoverage(int feature) {
    return coverage[target(feature)];
  }

  /**
   * The Monte Carlo standard error of {@link #coefficientCoverage(int)}.
   *
   * @param feature {@code 0 <= feature < features()}
   * @return the standard error
   * @throws IllegalArgumentException if {@code feature} is out of range
   */
  public double coefficientStandardError(int feature) {
    return standardError(coverage[target(feature)], replications);
  }

  /**
   * The mean width of the interval for coefficient {@code feature}.
   *
   * @param feature {@code 0 <= feature < features()}
   * @return the mean width
   * @throws IllegalArgumentException if {@code feature} is out of range
   */
  public double coefficientMeanWidth(int feature) {
    return width[target(feature)];
  }

  private int target(int feature) {
    if (feature < 0 || feature >= features()) {
      throw new IllegalArgumentException(
          "feature: " + feature + " (expected: 0 <= feature < " + features() + ")");
    }
    return feature + 1;
  }

  /** Such as {@code CoverageResult[iid() x 1000 members, 200 replications, 0.95: mean 0.940 ...]}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("CoverageResult[").append(resampling).append(" x ")
        .append(estimators).append(" members, ").append(replications).append(" replications, ")
        .append(level).append(": mean ").append(format(coverage(), standardError()));
    for (int j = 0; j < features(); j++) {
      sb.append(", b").append(j).append(' ')
          .append(format(coefficientCoverage(j), coefficientStandardError(j)));
    }
    return sb.append(']').toString();
  }

  private static String format(double value, double error) {
    return String.format(Locale.ROOT, "%.3f +- %.3f", value, error);
  }
}
