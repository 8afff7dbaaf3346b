package io.rila.bootstrap;

import io.rila.core.internal.Checks;
import java.util.Arrays;
import java.util.Objects;

/**
 * The sample weights a {@link Backtest} gives the training rows {@code 0 .. c - 1} of the fit at
 * cutoff {@code c}.
 *
 * <pre>{@code
 * CutoffWeights.equal()                     // every row weighs 1
 * CutoffWeights.fixed(weights)              // the prefix of one weight vector, as given
 * CutoffWeights.fixedDecay(0.98)            // 0.98^(rows - 1 - i), computed once over all rows
 * CutoffWeights.decay(0.99)                 // 0.99^(c - i): recomputed at every cutoff
 * CutoffWeights.decay(0.99, weeks)          // 0.99^(weeks[c] - weeks[i]): ages in calendar weeks
 * }</pre>
 *
 * <p><b>Decay.</b> The production weights {@code 0.99^(N - k)} of frame row {@code k} in an
 * {@code N}-row frame are anchored at the newest data: a backtest that reused them would weigh the
 * early cutoffs' training rows by their age at the end of the data, not at the time of the
 * forecast. {@code decay(rate)} recomputes them at every cutoff: row {@code i} of the fit at cutoff
 * {@code c} weighs {@code rate^(c - i)}, its age in rows at the forecast row {@code c}, so the
 * newest training row weighs {@code rate} (as frame row {@code N - 1} does in production). When
 * rows were dropped (holiday weeks, say) and age should count calendar periods, {@code
 * decay(rate, periods)} takes each row's period number (its position before dropping, or weeks
 * since a start date) and row {@code i} weighs {@code rate^(periods[c] - periods[i])}. With the
 * periods of the production frame this gives exactly the weights of its training matrix. Powers
 * are {@link StrictMath#pow(double, double)}, so weights are the same on every JVM and agree with
 * {@code io.rila.features.DecayWeights}.
 *
 * <p><b>Fixed or re-anchored.</b> A production forecasting stage often computes its decay weights
 * once over the whole data, {@code rate^(N - 1 - i)}, and trains every cutoff on the prefix of
 * that vector as it is ({@link #fixed(double[])}, or {@link #fixedDecay(double)} without computing
 * it). Within one fit these weights have the same ratios as {@code decay(rate)}'s; only their
 * scale differs, by {@code rate^(N - 1 - c)} at cutoff {@code c}. Where the weights multiply the
 * loss (i.i.d., Poisson and block resampling, {@link SklearnWeighting#LEGACY}) a smaller scale
 * makes the Ridge penalty relatively stronger: at {@code rate = 0.98}, {@code N = 191}, {@code c =
 * 30} alpha weighs 25 times more against the data than with re-anchored weights, so early cutoffs
 * are shrunk harder than late ones. With {@link SklearnWeighting#PROBABILITY} the weights only set
 * the draw probabilities {@code w / sum(w)}, which do not depend on the scale: both weightings
 * draw the same rows and fit the same members, up to rounding of the probabilities.
 *
 * <p>Thread safety: immutable (arrays are copied in). Equality: by identity.
 */
public final class CutoffWeights {

  private static final CutoffWeights EQUAL = new CutoffWeights(null, Double.NaN, null, false);

  private final double[] fixed;
  private final double rate;
  private final int[] periods;
  private final boolean fromLastRow;

  private CutoffWeights(double[] fixed, double rate, int[] periods, boolean fromLastRow) {
    this.fixed = fixed;
    this.rate = rate;
    this.periods = periods;
    this.fromLastRow = fromLastRow;
  }

  /**
   * Every training row weighs 1 (the fits take no sample weights).
   *
   * @return the equal weighting
   */
  public static CutoffWeights equal() {
    return EQUAL;
  }

  /**
   * The fit at cutoff {@code c} uses {@code weights[0 .. c - 1]} as they are.
   *
   * @param weights one weight per row of the data, finite and {@code >= 0}
   * @return the fixed weighting
   * @throws NullPointerException if {@code weights} is null
   * @throws IllegalArgumentException if {@code weights} is empty or holds a NaN, infinite or
   *     negative value (the message names the index)
   */
  public static CutoffWeights fixed(double[] weights) {
    Objects.requireNonNull(weights, "weights");
    if (weights.length == 0) {
      throw new IllegalArgumentException("weights: empty (expected: one per row)");
    }
    for (int i = 0; i < weights.length; i++) {
      Checks.nonNegativeFinite(weights[i], "weights[" + i + "]");
    }
    return new CutoffWeights(weights.clone(), Double.NaN, null, false);
  }

  /**
   * Row {@code i} of every fit weighs {@code rate^(N - 1 - i)}, {@code N} the rows of the whole
   * data: decay weights computed once, anchored at the last row of the data, whose prefix each
   * cutoff uses as it is. This is {@code fixed(w)} with {@code w[i] = rate^(N - 1 - i)}, and what
   * a production stage that computes {@code rate ** (n - k - 1)} once over its frame does; see the
   * class doc for how it differs from {@link #decay(double)}.
   *
   * @param rate the decay per row, {@code 0 < rate <= 1}
   * @return the fixed decay weighting
   * @throws IllegalArgumentException if {@code rate} is NaN or outside {@code (0, 1]}
   */
  public static CutoffWeights fixedDecay(double rate) {
    return new CutoffWeights(null, checkRate(rate), null, true);
  }

  /**
   * Row {@code i} of the fit at cutoff {@code c} weighs {@code rate^(c - i)}.
   *
   * @param rate the decay per row, {@code 0 < rate <= 1}
   * @return the decay weighting
   * @throws IllegalArgumentException if {@code rate} is NaN or outside {@code (0, 1]}
   */
  public static CutoffWeights decay(double rate) {
    return new CutoffWeights(null, checkRate(rate), null, false);
  }

  /**
   * Row {@code i} of the fit at cutoff {@code c} weighs {@code rate^(periods[c] - periods[i])}.
   *
   * @param rate the decay per period, {@code 0 < rate <= 1}
   * @param periods each row's period number, strictly increasing, one per row of the data
   * @return the decay weighting
   * @throws NullPointerException if {@code periods} is null
   * @throws IllegalArgumentException if {@code rate} is NaN or outside {@code (0, 1]}, or {@code
   *     periods} is empty or not strictly increasing (the message names the index)
   */
  public static CutoffWeights decay(double rate, int[] periods) {
    checkRate(rate);
    Objects.requireNonNull(periods, "periods");
    if (periods.length == 0) {
      throw new IllegalArgumentException("periods: empty (expected: one per row)");
    }
    for (int i = 1; i < periods.length; i++) {
      if (periods[i] <= periods[i - 1]) {
        throw new IllegalArgumentException("periods[" + i + "]: " + periods[i]
            + " (expected: > periods[" + (i - 1) + "] = " + periods[i - 1]
            + ", strictly increasing)");
      }
    }
    return new CutoffWeights(null, rate, periods.clone(), false);
  }

  private static double checkRate(double rate) {
    if (!(rate > 0 && rate <= 1)) {
      throw new IllegalArgumentException("rate: " + rate + " (expected: 0 < rate <= 1)");
    }
    return rate;
  }

  /**
   * Fails unless this weighting fits data of {@code rows} rows and gives every cutoff in {@code
   * [start, end)} a training set of positive total weight.
   */
  void check(int rows, int start, int end) {
    int needed = fixed != null ? fixed.length : periods != null ? periods.length : rows;
    if (needed != rows) {
      String name = fixed != null ? "weights" : "periods";
      throw new IllegalArgumentException(
          name + ": length " + needed + " (expected: " + rows + ", one per row of the data)");
    }
    if (fixed != null) {
      double sum = 0;
      for (int i = 0; i < start; i++) {
        sum += fixed[i];
      }
      if (!(sum > 0)) {
        throw new IllegalArgumentException("weights: rows 0 .. " + (start - 1)
            + " all weigh 0 (expected: a positive weight before the first cutoff " + start + ")");
      }
    }
  }

  /**
   * The weights of the training rows {@code 0 .. cutoff - 1}, or null for equal weights.
   *
   * @param cutoff the forecast row, {@code >= 1} and a valid row of the data
   * @param rows the rows of the whole data
   */
  double[] at(int cutoff, int rows) {
    if (fixed != null) {
      return Arrays.copyOf(fixed, cutoff);
    }
    if (Double.isNaN(rate)) {
      return null;
    }
    double[] w = new double[cutoff];
    for (int i = 0; i < cutoff; i++) {
      int age = fromLastRow ? rows - 1 - i
          : periods == null ? cutoff - i : periods[cutoff] - periods[i];
      w[i] = StrictMath.pow(rate, age);
    }
    return w;
  }

  /**
   * Such as {@code decay(0.99)}, {@code decay(0.99, periods)}, {@code fixedDecay(0.98)}, {@code
   * fixed(152 weights)}.
   */
  @Override
  public String toString() {
    if (fixed != null) {
      return "fixed(" + fixed.length + " weights)";
    }
    if (Double.isNaN(rate)) {
      return "equal()";
    }
    if (fromLastRow) {
      return "fixedDecay(" + rate + ")";
    }
    return periods == null ? "decay(" + rate + ")" : "decay(" + rate + ", periods)";
  }
}
