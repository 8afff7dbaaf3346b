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
 * Lagged and lead copies of source columns: for each source with prefix {@code p}, the columns
 * {@code p_current}, {@code p_t1} .. {@code p_tK} (the value k rows earlier) and optionally
 * {@code p_lead1} .. {@code p_leadL} (the value k rows later). Cells shifted in from outside the
 * frame are {@code NaN}.
 *
 * <pre>{@code
 * LagFeatures lags = LagFeatures.newBuilder()
 *     .source("Prudential", "prudential_rate")   // prudential_rate_current, _t1 .. _t18
 *     .source("sales", "sales_target")
 *     .lags(18)
 *     .leads(2)                                   // sales_target_lead1, _lead2, ...
 *     .build();
 * Frame features = lags.apply(weekly);
 * }</pre>
 *
 * <p>A lag is a shift by rows, so the rows must be consecutive periods in time order: when the
 * input has a date index it must be strictly increasing. The output is the input with the new
 * columns appended in source order ({@code _current}, lags, then leads); a generated name that is
 * already a column replaces that column in place. With {@link Builder#keepInput(boolean)
 * keepInput(false)} the output holds only the generated columns (and the index).
 *
 * <p><b>Parallelism:</b> with {@link Builder#executor(Executor)} the sources are split into
 * chunks run on that executor (never shut down by this class); the output is bitwise identical to
 * the sequential build, in the same column order.
 *
 * <p><b>Thread safety and allocation:</b> immutable and thread-safe. {@link #apply} allocates the
 * generated columns (one {@code double[rows]} each) and the output frame; nothing else per cell.
 */
public final class LagFeatures implements FeatureStep {

  private final List<String> sources;
  private final List<String> prefixes;
  private final int lags;
  private final int leads;
  private final boolean current;
  private final boolean keepInput;
  private final Executor executor;
  private final List<String> outputNames;

  private LagFeatures(Builder b) {
    this.sources = List.copyOf(b.sources);
    this.prefixes = List.copyOf(b.prefixes);
    this.lags = b.lags == null ? 0 : b.lags;
    this.leads = b.leads == null ? 0 : b.leads;
    this.current = b.current == null || b.current;
    this.keepInput = b.keepInput == null || b.keepInput;
    this.executor = b.executor;
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
    List<String> out = new ArrayList<>(sources.size() * perSource());
    for (String prefix : prefixes) {
      if (current) {
        out.add(prefix + "_current");
      }
      for (int k = 1; k <= lags; k++) {
        out.add(prefix + "_t" + k);
      }
      for (int k = 1; k <= leads; k++) {
        out.add(prefix + "_lead" + k);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if the input is empty, lacks a source column, or its index
   *     is not strictly increasing
   */
  @Override
  public Frame apply(Frame input) {
    Frames.requireRows(input, "input");
    Frames.requireIncreasingIndex(input, "input");
    int[] at = Frames.positions(input, sources);
    int chunks = ChunkedTasks.chunks(executor, sources.size());
    Frame[] parts = new Frame[chunks];
    ChunkedTasks.forEach(
        executor,
        chunks,
        chunk -> {
          int from = (int) ((long) sources.size() * chunk / chunks);
          int to = (int) ((long) sources.size() * (chunk + 1) / chunks);
          parts[chunk] = shiftRange(input, at, from, to);
        },
        false);
    Frame base = keepInput ? input : input.select(List.of());
    return base.withColumns(Arrays.asList(parts));
  }

  /** The generated columns of sources {@code from .. to-1}; scratch arrays reused throughout. */
  private Frame shiftRange(Frame input, int[] at, int from, int to) {
    int n = input.rows();
    int per = perSource();
    double[] src = new double[n];
    double[] dst = new double[n];
    Frame.Builder part = Frame.newBuilder();
    for (int s = from; s < to; s++) {
      input.copyColumnInto(at[s], src);
      int c = s * per;
      if (current) {
        part.column(outputNames.get(c++), src);
      }
      for (int k = 1; k <= lags; k++) {
        int shift = Math.min(k, n);
        Arrays.fill(dst, 0, shift, Double.NaN);
        System.arraycopy(src, 0, dst, shift, n - shift);
        part.column(outputNames.get(c++), dst);
      }
      for (int k = 1; k <= leads; k++) {
        int shift = Math.min(k, n);
        System.arraycopy(src, shift, dst, 0, n - shift);
        Arrays.fill(dst, n - shift, n, Double.NaN);
        part.column(outputNames.get(c++), dst);
      }
    }
    return part.build();
  }

  private int perSource() {
    return (current ? 1 : 0) + lags + leads;
  }

  @Override
  public String spec() {
    return "LagFeatures/1{sources=" + Specs.pairs(sources, prefixes) + ",lags=" + lags
        + ",leads=" + leads + ",current=" + current + ",keepInput=" + keepInput + "}";
  }

  @Override
  public String toString() {
    return spec();
  }

  /**
   * Settings of a {@link LagFeatures}. Sources are added one by one; every other property may be
   * set once. At least one source and at least one of {@code _current}, lags and leads are
   * required. Not thread-safe; {@link #build()} is repeatable.
   */
  public static final class Builder {
    private final List<String> sources = new ArrayList<>();
    private final List<String> prefixes = new ArrayList<>();
    private final Set<String> seenPrefixes = new HashSet<>();
    private Integer lags;
    private Integer leads;
    private Boolean current;
    private Boolean keepInput;
    private Executor executor;

    private Builder() {}

    /**
     * Adds a source column whose generated columns are named {@code prefix_current},
     * {@code prefix_t1}, ...
     *
     * @param column the input column to shift
     * @param prefix the start of the generated names
     * @return this builder
     * @throws NullPointerException if {@code column} or {@code prefix} is null
     * @throws IllegalArgumentException if the column or prefix is blank or the prefix was
     *     already used
     */
    public Builder source(String column, String prefix) {
      Objects.requireNonNull(column, "column");
      Objects.requireNonNull(prefix, "prefix");
      Checks.notBlank(column, "column");
      Checks.notBlank(prefix, "prefix");
      if (!seenPrefixes.add(prefix)) {
        throw new IllegalArgumentException(
            "prefix: '" + prefix + "' is already used (expected: one source per prefix)");
      }
      sources.add(column);
      prefixes.add(prefix);
      return this;
    }

    /**
     * Adds a source column that is its own prefix.
     *
     * @param column the input column to shift, also the prefix of the generated names
     * @return this builder
     * @throws NullPointerException if {@code column} is null
     * @throws IllegalArgumentException if the column is blank or already added
     */
    public Builder source(String column) {
      return source(column, column);
    }

    /**
     * Adds each column as its own prefix.
     *
     * @param columns the input columns, in output order
     * @return this builder
     * @throws NullPointerException if {@code columns} or one of its names is null
     * @throws IllegalArgumentException if a column is blank or already added
     */
    public Builder sources(List<String> columns) {
      Objects.requireNonNull(columns, "columns");
      for (int k = 0; k < columns.size(); k++) {
        source(Objects.requireNonNull(columns.get(k), "columns[" + k + "]"));
      }
      return this;
    }

    /**
     * Generates {@code _t1} .. {@code _tK}.
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
     * Generates {@code _lead1} .. {@code _leadK}.
     *
     * @param k the largest lead, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code k < 1}
     * @throws IllegalStateException if already set
     */
    public Builder leads(int k) {
      Checks.unset(leads == null, "leads", leads);
      leads = Checks.atLeast(k, 1, "leads");
      return this;
    }

    /**
     * Whether to generate {@code _current} (an unshifted copy); default true.
     *
     * @param include false to leave {@code _current} out
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder includeCurrent(boolean include) {
      Checks.unset(current == null, "includeCurrent", current);
      current = include;
      return this;
    }

    /**
     * Whether the output keeps the input's columns before the generated ones; default true.
     *
     * @param keep false for an output of the generated columns only
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder keepInput(boolean keep) {
      Checks.unset(keepInput == null, "keepInput", keepInput);
      keepInput = keep;
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
     * @throws IllegalStateException if no source was added, or nothing would be generated
     */
    public LagFeatures build() {
      if (sources.isEmpty()) {
        throw new IllegalStateException("no source column (expected: at least one source(...))");
      }
      if (Boolean.FALSE.equals(current) && lags == null && leads == null) {
        throw new IllegalStateException(
            "nothing to generate (expected: lags(k), leads(k) or includeCurrent(true))");
      }
      return new LagFeatures(this);
    }
  }
}
