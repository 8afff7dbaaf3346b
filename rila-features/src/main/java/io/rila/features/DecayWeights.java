package io.rila.features;

import io.rila.core.frame.Frame;
import io.rila.core.internal.Checks;
import java.util.Objects;

/**
 * Exponential decay sample weights: row {@code k} (0-based, oldest first) of an {@code n}-row
 * frame gets {@code decay^(anchor - k)}, with {@code anchor = n} unless set, so the newest row
 * gets {@code decay} and each older row one more factor of it.
 *
 * <pre>{@code
 * DecayWeights decay = DecayWeights.newBuilder().decay(0.99).column("weight").build();
 * Frame weighted = decay.apply(trainingFrame);   // weight = 0.99^(n - k)
 * double[] w = decay.weights(159);               // the same numbers, without a frame
 * }</pre>
 *
 * <p>{@link Builder#anchorRow(int)} fixes the row that gets weight 1 ({@code decay^0}) instead, so
 * weights do not shift when rows are appended; rows after the anchor get weights above 1. Powers
 * come from {@link StrictMath#pow}, the same bits on every JVM. Compute weights before filtering
 * rows out, as the exponents count rows of the frame given.
 *
 * <p>Rows are taken in order, so a dated input must have a strictly increasing index.
 * Thread-safe and immutable; {@link #apply} allocates one column.
 */
public final class DecayWeights implements FeatureStep {

  private final double decay;
  private final String column;
  private final Integer anchorRow;

  private DecayWeights(Builder b) {
    this.decay = b.decay;
    this.column = b.column == null ? "weight" : b.column;
    this.anchorRow = b.anchorRow;
  }

  /**
   * A new builder.
   *
   * @return a builder with nothing set
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * The weights of an {@code rows}-row frame, oldest row first.
   *
   * @param rows the row count, at least 0
   * @return a new array of {@code rows} weights
   * @throws IllegalArgumentException if {@code rows < 0}
   */
  public double[] weights(int rows) {
    Checks.atLeast(rows, 0, "rows");
    int anchor = anchorRow != null ? anchorRow : rows;
    double[] w = new double[rows];
    for (int k = 0; k < rows; k++) {
      w[k] = StrictMath.pow(decay, (double) anchor - k);
    }
    return w;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if the input is empty or its index is not strictly
   *     increasing
   */
  @Override
  public Frame apply(Frame input) {
    Frames.requireRows(input, "input");
    Frames.requireIncreasingIndex(input, "input");
    return input.withColumn(column, weights(input.rows()));
  }

  @Override
  public String spec() {
    return "DecayWeights/1{decay=" + decay + ",column=" + Specs.quote(column) + ",anchor="
        + (anchorRow == null ? "rows" : anchorRow.toString()) + "}";
  }

  @Override
  public String toString() {
    return spec();
  }

  /** Settings of a {@link DecayWeights}; {@code decay} is required, each set once. */
  public static final class Builder {
    private Double decay;
    private String column;
    private Integer anchorRow;

    private Builder() {}

    /**
     * The per-row decay factor.
     *
     * @param decay the factor, {@code 0 < decay <= 1}
     * @return this builder
     * @throws IllegalArgumentException unless {@code 0 < decay <= 1}
     * @throws IllegalStateException if already set
     */
    public Builder decay(double decay) {
      Checks.unset(this.decay == null, "decay", this.decay);
      if (!(decay > 0 && decay <= 1)) {
        throw new IllegalArgumentException("decay: " + decay + " (expected: 0 < decay <= 1)");
      }
      this.decay = decay;
      return this;
    }

    /**
     * The output column (default {@code weight}).
     *
     * @param name the output column
     * @return this builder
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank
     * @throws IllegalStateException if already set
     */
    public Builder column(String name) {
      Objects.requireNonNull(name, "column");
      Checks.unset(column == null, "column", column);
      Checks.notBlank(name, "column");
      column = name;
      return this;
    }

    /**
     * The row that gets weight 1 (default: the row count, one past the newest row).
     *
     * @param row the 0-based row, at least 0
     * @return this builder
     * @throws IllegalArgumentException if {@code row < 0}
     * @throws IllegalStateException if already set
     */
    public Builder anchorRow(int row) {
      Checks.unset(anchorRow == null, "anchorRow", anchorRow);
      anchorRow = Checks.atLeast(row, 0, "anchorRow");
      return this;
    }

    /**
     * The configured step.
     *
     * @return a new immutable step; the builder can build again
     * @throws IllegalStateException if {@code decay} was not set
     */
    public DecayWeights build() {
      if (decay == null) {
        throw new IllegalStateException("no decay (expected: decay(factor))");
      }
      return new DecayWeights(this);
    }
  }
}
