package io.rila.features;

import io.rila.core.frame.Frame;
import io.rila.core.internal.Checks;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Element-wise columns computed from other columns of the same row: spreads (differences),
 * products, ratios, {@code log1p} and a present-and-positive indicator.
 *
 * <pre>{@code
 * DerivedColumns derived = DerivedColumns.newBuilder()
 *     .difference("Spread", "Prudential", "C_weighted_mean")   // a spread
 *     .product("sales", "sales", "CPILFESL_inv")               // replaces sales, in place
 *     .presentPositive("counter", "sales")                     // reads the new sales
 *     .log1p("sales_log", "sales")
 *     .build();
 * }</pre>
 *
 * <p>Operations run in the order declared, each on the frame the previous ones produced, so a
 * later operation reads earlier outputs. An output appends a column or replaces one of the same
 * name in place. {@code NaN} propagates through arithmetic (IEEE 754); {@code presentPositive} is 1
 * where the value is present and {@code > 0}, else 0.
 *
 * <p>Thread-safe and immutable; {@link #apply} allocates one column per operation.
 */
public final class DerivedColumns implements FeatureStep {

  private enum Op {
    DIFFERENCE, PRODUCT, RATIO, LOG1P, PRESENT_POSITIVE
  }

  private static final class Step {
    final Op op;
    final String name;
    final String a;
    final String b;

    Step(Op op, String name, String a, String b) {
      this.op = op;
      this.name = name;
      this.a = a;
      this.b = b;
    }
  }

  private final List<Step> steps;

  private DerivedColumns(Builder b) {
    this.steps = List.copyOf(b.steps);
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
   * @throws IllegalArgumentException if an operand column is missing
   */
  @Override
  public Frame apply(Frame input) {
    Objects.requireNonNull(input, "input");
    int n = input.rows();
    double[] a = new double[n];
    double[] b = new double[n];
    Frame frame = input;
    for (Step step : steps) {
      frame.copyColumnInto(step.a, a);
      if (step.b != null) {
        frame.copyColumnInto(step.b, b);
      }
      for (int i = 0; i < n; i++) {
        a[i] = compute(step.op, a[i], b[i]);
      }
      frame = frame.withColumn(step.name, a);
    }
    return frame;
  }

  private static double compute(Op op, double x, double y) {
    switch (op) {
      case DIFFERENCE:
        return x - y;
      case PRODUCT:
        return x * y;
      case RATIO:
        return x / y;
      case LOG1P:
        return Math.log1p(x);
      default:
        return x > 0 ? 1 : 0;
    }
  }

  @Override
  public String spec() {
    StringBuilder s = new StringBuilder("DerivedColumns/1{");
    for (int k = 0; k < steps.size(); k++) {
      Step step = steps.get(k);
      if (k > 0) {
        s.append(',');
      }
      s.append(step.op).append(':').append(Specs.quote(step.name)).append('=')
          .append(Specs.quote(step.a));
      if (step.b != null) {
        s.append(':').append(Specs.quote(step.b));
      }
    }
    return s.append('}').toString();
  }

  @Override
  public String toString() {
    return spec();
  }

  /** Settings of a {@link DerivedColumns}: operations added one by one. Not thread-safe. */
  public static final class Builder {
    private final List<Step> steps = new ArrayList<>();
    private final Set<String> names = new HashSet<>();

    private Builder() {}

    /**
     * Adds {@code name = a - b} (a spread).
     *
     * @param name the output column
     * @param a the left operand column
     * @param b the right operand column
     * @return this builder
     * @throws NullPointerException if a column name is null
     * @throws IllegalArgumentException if a name is blank or the output name is already used
     */
    public Builder difference(String name, String a, String b) {
      return add(Op.DIFFERENCE, name, a, Objects.requireNonNull(b, "b"));
    }

    /**
     * Adds {@code name = a * b}.
     *
     * @param name the output column
     * @param a the left operand column
     * @param b the right operand column
     * @return this builder
     * @throws NullPointerException if a column name is null
     * @throws IllegalArgumentException if a name is blank or the output name is already used
     */
    public Builder product(String name, String a, String b) {
      return add(Op.PRODUCT, name, a, Objects.requireNonNull(b, "b"));
    }

    /**
     * Adds {@code name = a / b}.
     *
     * @param name the output column
     * @param a the left operand column
     * @param b the right operand column
     * @return this builder
     * @throws NullPointerException if a column name is null
     * @throws IllegalArgumentException if a name is blank or the output name is already used
     */
    public Builder ratio(String name, String a, String b) {
      return add(Op.RATIO, name, a, Objects.requireNonNull(b, "b"));
    }

    /**
     * Adds {@code name = log(1 + a)} ({@link Math#log1p}).
     *
     * @param name the output column
     * @param a the column read
     * @return this builder
     * @throws NullPointerException if a column name is null
     * @throws IllegalArgumentException if a name is blank or the output name is already used
     */
    public Builder log1p(String name, String a) {
      return add(Op.LOG1P, name, a, null);
    }

    /**
     * Adds {@code name = 1} where {@code a} is present and positive, else {@code 0}.
     *
     * @param name the output column
     * @param a the column read
     * @return this builder
     * @throws NullPointerException if a column name is null
     * @throws IllegalArgumentException if a name is blank or the output name is already used
     */
    public Builder presentPositive(String name, String a) {
      return add(Op.PRESENT_POSITIVE, name, a, null);
    }

    private Builder add(Op op, String name, String a, String b) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(a, "a");
      for (String s : new String[] {name, a, b}) {
        if (s != null) {
          Checks.notBlank(s, "column name");
        }
      }
      if (!names.add(name)) {
        throw new IllegalArgumentException("name: '" + name + "' is already an output");
      }
      steps.add(new Step(op, name, a, b));
      return this;
    }

    /**
     * The configured step.
     *
     * @return a new immutable step; the builder can build again
     * @throws IllegalStateException if no operation was added
     */
    public DerivedColumns build() {
      if (steps.isEmpty()) {
        throw new IllegalStateException(
            "no operations (expected: difference, product, ratio, log1p or presentPositive)");
      }
      return new DerivedColumns(this);
    }
  }
}
