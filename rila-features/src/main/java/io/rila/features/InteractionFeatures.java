package io.rila.features;

import io.rila.core.frame.Frame;
import io.rila.core.internal.Checks;
import io.rila.core.internal.ChunkedTasks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Squares and pairwise products of lagged families at the same lag. For families {@code a},
 * {@code b} (in the order added, {@code a} first) and each suffix {@code s} of {@code current},
 * {@code t1} .. {@code tK}:
 * {@code derived_a_squared_s = a_s * a_s} and {@code derived_a_b_interaction_s = a_s * b_s},
 * reading the columns that {@link LagFeatures} writes. A missing factor gives {@code NaN}.
 *
 * <pre>{@code
 * InteractionFeatures derived = InteractionFeatures.newBuilder()
 *     .family("prudential_rate")
 *     .family("competitor_mid", "competitor_weighted") // read competitor_mid_*, name it
 *     .lags(18)                                        // _current, _t1 .. _t18
 *     .build();
 * Frame features = derived.apply(lagged);
 * // derived_prudential_rate_squared_t3, derived_prudential_rate_competitor_weighted_interaction_t3
 * }</pre>
 *
 * <p>Output order: for each family {@code a} in order, its square then its products with every
 * later family; within each, {@code _current} then {@code _t1} .. {@code _tK}. Squares or products
 * can be switched off. The output is the input with these columns appended (an existing column of
 * the same name is replaced in place).
 *
 * <p><b>Parallelism:</b> with an executor the output families are split into chunks; the output
 * is bitwise identical to the sequential build.
 *
 * <p><b>Thread safety and allocation:</b> immutable and thread-safe; {@link #apply} allocates the
 * generated columns and the output frame.
 */
public final class InteractionFeatures implements FeatureStep {

  private final List<String> families;
  private final List<String> aliases;
  private final int lags;
  private final boolean squares;
  private final boolean products;
  private final Executor executor;
  private final List<int[]> pairs;
  private final List<String> outputNames;

  private InteractionFeatures(Builder b) {
    this.families = List.copyOf(b.families);
    this.aliases = List.copyOf(b.aliases);
    this.lags = b.lags == null ? 0 : b.lags;
    this.squares = b.squares == null || b.squares;
    this.products = b.products == null || b.products;
    this.executor = b.executor;
    this.pairs = pairs();
    this.outputNames = names();
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
   * The generated column names, in output order.
   *
   * @return an unmodifiable list of the columns {@link #apply} generates
   */
  public List<String> outputNames() {
    return outputNames;
  }

  private List<String> names() {
    List<String> out = new ArrayList<>();
    for (int[] pair : pairs) {
      for (int k = 0; k <= lags; k++) {
        out.add(outputName(pair[0], pair[1], suffix(k)));
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if the input is empty or lacks a {@code family_suffix}
   *     column
   */
  @Override
  public Frame apply(Frame input) {
    Frames.requireRows(input, "input");
    int width = lags + 1;
    int[][] at = new int[families.size()][width];
    for (int f = 0; f < families.size(); f++) {
      for (int k = 0; k < width; k++) {
        at[f][k] = input.columnIndex(families.get(f) + "_" + suffix(k));
      }
    }
    int chunks = ChunkedTasks.chunks(executor, pairs.size());
    Frame[] parts = new Frame[chunks];
    ChunkedTasks.forEach(
        executor,
        chunks,
        chunk -> {
          int from = (int) ((long) pairs.size() * chunk / chunks);
          int to = (int) ((long) pairs.size() * (chunk + 1) / chunks);
          parts[chunk] = multiplyRange(input, at, from, to);
        },
        false);
    return input.withColumns(Arrays.asList(parts));
  }

  /** The products of pairs {@code from .. to-1}; scratch arrays reused throughout. */
  private Frame multiplyRange(Frame input, int[][] at, int from, int to) {
    int n = input.rows();
    int width = lags + 1;
    double[] a = new double[n];
    double[] b = new double[n];
    Frame.Builder part = Frame.newBuilder();
    for (int p = from; p < to; p++) {
      int[] pair = pairs.get(p);
      for (int k = 0; k < width; k++) {
        input.copyColumnInto(at[pair[0]][k], a);
        input.copyColumnInto(at[pair[1]][k], b);
        for (int i = 0; i < n; i++) {
          b[i] = a[i] * b[i];
        }
        part.column(outputNames.get(p * width + k), b);
      }
    }
    return part.build();
  }

  private List<int[]> pairs() {
    List<int[]> out = new ArrayList<>();
    for (int a = 0; a < families.size(); a++) {
      if (squares) {
        out.add(new int[] {a, a});
      }
      if (products) {
        for (int b = a + 1; b < families.size(); b++) {
          out.add(new int[] {a, b});
        }
      }
    }
    return out;
  }

  private String outputName(int a, int b, String suffix) {
    return a == b
        ? "derived_" + aliases.get(a) + "_squared_" + suffix
        : "derived_" + aliases.get(a) + "_" + aliases.get(b) + "_interaction_" + suffix;
  }

  private static String suffix(int k) {
    return k == 0 ? "current" : "t" + k;
  }

  @Override
  public String spec() {
    return "InteractionFeatures/1{families=" + Specs.pairs(families, aliases) + ",lags=" + lags
        + ",squares=" + squares + ",products=" + products + "}";
  }

  @Override
  public String toString() {
    return spec();
  }

  /**
   * Settings of an {@link InteractionFeatures}. Families are added one by one; every other
   * property may be set once. Not thread-safe; {@link #build()} is repeatable.
   */
  public static final class Builder {
    private final List<String> families = new ArrayList<>();
    private final List<String> aliases = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private Integer lags;
    private Boolean squares;
    private Boolean products;
    private Executor executor;

    private Builder() {}

    /**
     * Adds a family read from columns {@code prefix_current}, {@code prefix_t1}, ... and named
     * {@code alias} in the output.
     *
     * @param prefix the prefix of the lagged columns read
     * @param alias the family's name in the generated columns
     * @return this builder
     * @throws NullPointerException if {@code prefix} or {@code alias} is null
     * @throws IllegalArgumentException if a name is blank or the alias was already used
     */
    public Builder family(String prefix, String alias) {
      Objects.requireNonNull(prefix, "prefix");
      Objects.requireNonNull(alias, "alias");
      Checks.notBlank(prefix, "prefix");
      Checks.notBlank(alias, "alias");
      if (!seen.add(alias)) {
        throw new IllegalArgumentException(
            "alias: '" + alias + "' is already used (expected: one family per name)");
      }
      families.add(prefix);
      aliases.add(alias);
      return this;
    }

    /**
     * Adds a family named as its prefix.
     *
     * @param prefix the prefix of the lagged columns read, also the family's name
     * @return this builder
     * @throws NullPointerException if {@code prefix} is null
     * @throws IllegalArgumentException if the prefix is blank or already used
     */
    public Builder family(String prefix) {
      return family(prefix, prefix);
    }

    /**
     * Uses suffixes {@code _current}, {@code _t1} .. {@code _tK}; without it only {@code
     * _current}.
     *
     * @param k the largest lag, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code k < 1}
     * @throws IllegalStateException if already set
     */
    public Builder lags(int k) {
      Checks.unset(lags == null, "lags", lags);
      lags = Checks.atLeast(k, 1, "lags");
      return this;
    }

    /**
     * Whether to generate squares; default true.
     *
     * @param generate false to leave the squares out
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder squares(boolean generate) {
      Checks.unset(squares == null, "squares", squares);
      squares = generate;
      return this;
    }

    /**
     * Whether to generate pairwise products; default true.
     *
     * @param generate false to leave the products out
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder products(boolean generate) {
      Checks.unset(products == null, "products", products);
      products = generate;
      return this;
    }

    /**
     * Runs the build on {@code executor} (never shut down here); the output does not depend on
     * it.
     *
     * @param executor where the chunks run
     * @return this builder
     * @throws NullPointerException if {@code executor} is null
     * @throws IllegalStateException if already set
     */
    public Builder executor(Executor executor) {
      Objects.requireNonNull(executor, "executor");
      Checks.unset(this.executor == null, "executor", this.executor);
      this.executor = executor;
      return this;
    }

    /**
     * The configured step.
     *
     * @return a new immutable step; the builder can build again
     * @throws IllegalStateException if no family was added or nothing would be generated
     */
    public InteractionFeatures build() {
      if (families.isEmpty()) {
        throw new IllegalStateException("no family (expected: at least one family(...))");
      }
      boolean sq = squares == null || squares;
      boolean pr = products == null || products;
      if (!sq && (!pr || families.size() < 2)) {
        throw new IllegalStateException(
            "nothing to generate (expected: squares, or products of at least two families)");
      }
      return new InteractionFeatures(this);
    }
  }
}
