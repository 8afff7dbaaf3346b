package io.rila.features;

import io.rila.core.frame.Frame;
import io.rila.core.internal.Checks;
import java.util.List;
import java.util.Objects;

/**
 * Fills missing ({@code NaN}) cells of some columns: carried forward from the last present value
 * above, or replaced by a constant.
 *
 * <pre>{@code
 * FillMissing carry = FillMissing.newBuilder().forward().columns("DGS5", "VIXCLS").build();
 * FillMissing zero = FillMissing.newBuilder().constant(0.0).columns(companies).build();
 * }</pre>
 *
 * <p>Without {@code columns} every column is filled. Forward filling leaves the cells before the
 * first present value missing; rows are taken in order, so a dated input must have a strictly
 * increasing index. Filled columns are replaced in place.
 *
 * <p>Thread-safe and immutable; {@link #apply} allocates the filled columns.
 */
public final class FillMissing implements FeatureStep {

  private final List<String> columns;
  private final Double constant;

  private FillMissing(Builder b) {
    this.columns = b.columns == null ? null : List.copyOf(b.columns);
    this.constant = b.constant;
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
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if a named column is missing, or (forward filling) the
   *     index is not strictly increasing
   */
  @Override
  public Frame apply(Frame input) {
    Objects.requireNonNull(input, "input");
    if (constant == null) {
      Frames.requireIncreasingIndex(input, "input");
    }
    List<String> targets = columns != null ? columns : input.columnNames();
    int[] at = Frames.positions(input, targets);
    int n = input.rows();
    Frame.Builder filled = Frame.newBuilder();
    double[] v = new double[n];
    for (int k = 0; k < at.length; k++) {
      input.copyColumnInto(at[k], v);
      if (constant != null) {
        double c = constant;
        for (int i = 0; i < n; i++) {
          if (v[i] != v[i]) {
            v[i] = c;
          }
        }
      } else {
        double last = Double.NaN;
        for (int i = 0; i < n; i++) {
          if (v[i] != v[i]) {
            v[i] = last;
          } else {
            last = v[i];
          }
        }
      }
      filled.column(targets.get(k), v);
    }
    return input.withColumns(filled.build());
  }

  @Override
  public String spec() {
    return "FillMissing/1{mode=" + (constant == null ? "forward" : "constant:" + constant)
        + ",columns=" + (columns == null ? "all" : Specs.list(columns)) + "}";
  }

  @Override
  public String toString() {
    return spec();
  }

  /**
   * Settings of a {@link FillMissing}: exactly one of {@link #forward()} and {@link
   * #constant(double)}; optionally the columns. Each may be set once. Not thread-safe.
   */
  public static final class Builder {
    private List<String> columns;
    private Double constant;
    private boolean forward;

    private Builder() {}

    /**
     * Carries the last present value forward.
     *
     * @return this builder
     * @throws IllegalStateException if a fill mode was already chosen
     */
    public Builder forward() {
      checkModeUnset();
      forward = true;
      return this;
    }

    /**
     * Replaces missing cells by {@code value}.
     *
     * @param value the finite fill value
     * @return this builder
     * @throws IllegalArgumentException if {@code value} is not finite
     * @throws IllegalStateException if a fill mode was already chosen
     */
    public Builder constant(double value) {
      checkModeUnset();
      constant = Checks.finite(value, "constant");
      return this;
    }

    /**
     * The columns to fill (default: all).
     *
     * @param names the columns, at least one
     * @return this builder
     * @throws NullPointerException if {@code names} or one of its names is null
     * @throws IllegalArgumentException if no name is given or a name repeats
     * @throws IllegalStateException if already set
     */
    public Builder columns(String... names) {
      Objects.requireNonNull(names, "names");
      Checks.unset(columns == null, "columns", columns);
      columns = Specs.uniqueNames(names, "columns");
      return this;
    }

    /**
     * The columns to fill (default: all).
     *
     * @param names the columns, at least one
     * @return this builder
     * @throws NullPointerException if {@code names} or one of its names is null
     * @throws IllegalArgumentException if the list is empty or a name repeats
     * @throws IllegalStateException if already set
     */
    public Builder columns(List<String> names) {
      Objects.requireNonNull(names, "names");
      return columns(names.toArray(new String[0]));
    }

    /**
     * The configured step.
     *
     * @return a new immutable step; the builder can build again
     * @throws IllegalStateException if neither {@code forward()} nor {@code constant(v)} was
     *     called
     */
    public FillMissing build() {
      if (!forward && constant == null) {
        throw new IllegalStateException(
            "no fill mode (expected: forward() or constant(value))");
      }
      return new FillMissing(this);
    }

    private void checkModeUnset() {
      Checks.unset(!forward, "fill mode", "forward");
      Checks.unset(constant == null, "fill mode constant", constant);
    }
  }
}
