package io.rila.bootstrap.internal;

import io.rila.core.random.MemberRandom;

/**
 * Draws one data set from a known linear model with AR(1) features and AR(1) noise, for coverage
 * studies: {@code y_t = intercept + x_t . beta + u_t} for {@code t = 0 .. rows - 1}, plus the
 * next row {@code x_rows} (the "new row" whose mean response an interval should cover).
 *
 * <p>Every feature is its own stationary AR(1) series with unit variance, {@code x_0j = e},
 * {@code x_tj = phi_x x_(t-1)j + sqrt(1 - phi_x^2) e}; the noise is a stationary AR(1) series with
 * standard deviation {@code sd}, {@code u_0 = sd e}, {@code u_t = phi_u u_(t-1) + sd sqrt(1 -
 * phi_u^2) e}; the {@code e} are independent standard normals. The draws come from {@link
 * MemberRandom}{@code (seed, stream)} in this order: for each {@code t = 0 .. rows}, the features
 * {@code j = 0 .. p - 1}, then (for {@code t < rows}) the noise. A standard normal is made by the
 * Box-Muller transform from two uniforms {@code u1, u2}: {@code sqrt(-2 ln(1 - u1)) cos(2 pi u2)},
 * then {@code sqrt(-2 ln(1 - u1)) sin(2 pi u2)} for the next one, so the data set is a function of
 * {@code (seed, stream)} and the model only.
 *
 * <p>Internal API: not covered by compatibility guarantees. Thread safety: one instance per
 * thread. Allocation: none after construction.
 */
public final class LinearModelSimulation {

  private final double intercept;
  private final double[] beta;
  private final double noiseSd;
  private final double noisePhi;
  private final double featurePhi;
  private final MemberRandom random = new MemberRandom(0, 0);
  private boolean hasSpare;
  private double spare;

  /**
   * A simulation of one model; arguments are trusted (checked by the caller).
   *
   * @param intercept the true intercept
   * @param beta the true coefficients, one per feature (not copied, not modified)
   * @param noiseSd the noise's standard deviation, {@code >= 0}
   * @param noisePhi the noise's lag-1 autocorrelation, in {@code (-1, 1)}
   * @param featurePhi every feature's lag-1 autocorrelation, in {@code (-1, 1)}
   */
  public LinearModelSimulation(
      double intercept, double[] beta, double noiseSd, double noisePhi, double featurePhi) {
    this.intercept = intercept;
    this.beta = beta;
    this.noiseSd = noiseSd;
    this.noisePhi = noisePhi;
    this.featurePhi = featurePhi;
  }

  /**
   * Draws a data set into the caller's arrays.
   *
   * @param seed the seed
   * @param stream the data set's number, {@code 0 <= stream < 2^62}
   * @param x receives the features, {@code rows x p}
   * @param y receives the responses, {@code rows} values
   * @param next receives the next row's features, {@code p} values
   * @return the true mean response at {@code next}, {@code intercept + next . beta}
   */
  public double draw(long seed, long stream, double[][] x, double[] y, double[] next) {
    random.reset(seed, stream);
    hasSpare = false;
    int rows = y.length;
    double featureScale = Math.sqrt(1 - featurePhi * featurePhi);
    double noiseScale = noiseSd * Math.sqrt(1 - noisePhi * noisePhi);
    double noise = 0;
    for (int t = 0; t < rows; t++) {
      double mean = features(t == 0 ? null : x[t - 1], x[t], featureScale);
      double e = gaussian();
      noise = t == 0 ? noiseSd * e : noisePhi * noise + noiseScale * e;
      y[t] = mean + noise;
    }
    return features(x[rows - 1], next, featureScale);
  }

  /** Draws a row of features after {@code previous} (null for the first) and returns its mean. */
  private double features(double[] previous, double[] row, double featureScale) {
    double mean = intercept;
    for (int j = 0; j < beta.length; j++) {
      double e = gaussian();
      double v = previous == null ? e : featurePhi * previous[j] + featureScale * e;
      row[j] = v;
      mean += v * beta[j];
    }
    return mean;
  }

  private double gaussian() {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    double radius = Math.sqrt(-2 * Math.log(1 - random.nextDouble()));
    double angle = 2 * Math.PI * random.nextDouble();
    spare = radius * Math.sin(angle);
    hasSpare = true;
    return radius * Math.cos(angle);
  }
}
