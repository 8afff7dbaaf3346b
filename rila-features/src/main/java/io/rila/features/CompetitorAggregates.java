package io.rila.features;

import io.rila.core.frame.Frame;
import io.rila.core.internal.Checks;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Row-wise aggregates of competitor rates across a set of company columns: market-share weighted
 * mean, plain mean, median, k-th largest and mean of the top N.
 *
 * <pre>{@code
 * CompetitorAggregates aggregates = CompetitorAggregates.newBuilder()
 *     .companies("Allianz", "Athene", "Brighthouse", "Equitable",
 *                "Jackson", "Lincoln", "Symetra", "Trans")
 *     .weightedMean("C_weighted_mean", weights)
 *     .mean("C_core")
 *     .median("C_median")
 *     .kthLargest("C_first", 1)
 *     .topMean("C_top_3", 3)
 *     .build();                                   // MissingRatePolicy.STRICT
 * Frame withAggregates = aggregates.apply(dailyRates);
 * }</pre>
 *
 * <p>For each row the company rates {@code r_1 .. r_m} (in the order given) are ranked
 * descending, {@code s_1 >= .. >= s_m}: the median is {@code s_(m+1)/2} for odd {@code m} and
 * {@code (s_m/2 + s_m/2+1) / 2} for even {@code m}; {@code kthLargest(k)} is {@code s_k}; {@code
 * topMean(N)} is {@code (s_1 + .. + s_N) / N}; {@code mean} is {@code (r_1 + .. + r_m) / m}; the
 * weighted mean uses the weights of the quarter of the row's date (sums left to right in company
 * order). Missing rates and weights follow the {@link MissingRatePolicy}: {@link
 * MissingRatePolicy#STRICT} by default, {@link MissingRatePolicy#PYTHON_COMPATIBLE} to reproduce
 * the Python system.
 *
 * <p>The output is the input with the aggregates appended in the order declared (a column of the
 * same name is replaced in place). Infinite rates are rejected. A weighted mean needs a date
 * index. Thread-safe and immutable; {@link #apply} allocates the output columns and two scratch
 * arrays of the company count.
 */
public final class CompetitorAggregates implements FeatureStep {

  private static final double PYTHON_EPSILON = 1e-8;

  private enum Kind {
    WEIGHTED_MEAN, MEAN, MEDIAN, KTH_LARGEST, TOP_MEAN
  }

  private static final class Output {
    final Kind kind;
    final String name;
    final int k;
    final QuarterlyWeights weights;

    Output(Kind kind, String name, int k, QuarterlyWeights weights) {
      this.kind = kind;
      this.name = name;
      this.k = k;
      this.weights = weights;
    }
  }

  private final List<String> companies;
  private final MissingRatePolicy policy;
  private final List<Output> outputs;

  private CompetitorAggregates(Builder b) {
    this.companies = b.companies;
    this.policy = b.policy == null ? MissingRatePolicy.STRICT : b.policy;
    this.outputs = List.copyOf(b.outputs);
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
   * @throws IllegalArgumentException if the input is empty, lacks a company column, holds an
   *     infinite rate, or (weighted mean) has no index, or, under {@link
   *     MissingRatePolicy#STRICT}, lacks weights for a quarter, company or cell; also for negative
   *     or infinite weights under either policy
   */
  @Override
  public Frame apply(Frame input) {
    Frames.requireRows(input, "input");
    int n = input.rows();
    int m = companies.size();
    int[] at = Frames.positions(input, companies);
    double[][] rates = new double[m][];
    for (int c = 0; c < m; c++) {
      rates[c] = input.column(at[c]);
      for (int i = 0; i < n; i++) {
        if (Double.isInfinite(rates[c][i])) {
          throw new IllegalArgumentException(
              "input: row " + i + ", column '" + companies.get(c) + "' is " + rates[c][i]
                  + " (expected: finite or NaN)");
        }
      }
    }
    boolean strict = policy == MissingRatePolicy.STRICT;
    double[] r = new double[m];
    double[] sorted = new double[m];
    double[][] out = new double[outputs.size()][n];
    double[][][] rowWeights = new double[outputs.size()][][];
    for (int o = 0; o < outputs.size(); o++) {
      if (outputs.get(o).kind == Kind.WEIGHTED_MEAN) {
        rowWeights[o] = weightsPerRow(input, outputs.get(o).weights);
      }
    }
    for (int i = 0; i < n; i++) {
      boolean missing = false;
      for (int c = 0; c < m; c++) {
        double x = rates[c][i];
        if (x != x) {
          missing = true;
          x = 0.0;
        }
        r[c] = x;
      }
      if (strict && missing) {
        for (double[] column : out) {
          column[i] = Double.NaN;
        }
        continue;
      }
      System.arraycopy(r, 0, sorted, 0, m);
      sortDescending(sorted);
      for (int o = 0; o < outputs.size(); o++) {
        Output spec = outputs.get(o);
        out[o][i] = value(spec, r, sorted, rowWeights[o] == null ? null : rowWeights[o][i]);
      }
    }
    Frame.Builder generated = Frame.newBuilder();
    for (int o = 0; o < outputs.size(); o++) {
      generated.column(outputs.get(o).name, out[o]);
    }
    return input.withColumns(generated.build());
  }

  private double value(Output spec, double[] r, double[] sorted, double[] w) {
    int m = r.length;
    switch (spec.kind) {
      case MEAN:
        return sum(r, m) / m;
      case MEDIAN:
        return m % 2 == 1 ? sorted[m / 2] : (sorted[m / 2 - 1] + sorted[m / 2]) / 2;
      case KTH_LARGEST:
        return sorted[spec.k - 1];
      case TOP_MEAN:
        return sum(sorted, spec.k) / spec.k;
      default:
        double num = 0;
        double den = 0;
        for (int c = 0; c < m; c++) {
          num += r[c] * w[c];
          den += w[c];
        }
        return policy == MissingRatePolicy.STRICT ? num / den : num / (den + PYTHON_EPSILON);
    }
  }

  private static double sum(double[] v, int count) {
    double s = 0;
    for (int k = 0; k < count; k++) {
      s += v[k];
    }
    return s;
  }

  /** Insertion sort, largest first: m is a handful of companies. */
  private static void sortDescending(double[] v) {
    for (int a = 1; a < v.length; a++) {
      double x = v[a];
      int b = a - 1;
      while (b >= 0 && v[b] < x) {
        v[b + 1] = v[b];
        b--;
      }
      v[b + 1] = x;
    }
  }

  /** The company weights of every input row's quarter, checked under the policy. */
  private double[][] weightsPerRow(Frame input, QuarterlyWeights weights) {
    if (!input.hasIndex()) {
      throw new IllegalArgumentException(
          "input: has no date index (expected: one, a weighted mean needs each row's quarter)");
    }
    boolean strict = policy == MissingRatePolicy.STRICT;
    Frame table = weights.frame();
    int m = companies.size();
    double[][] columns = new double[m][];
    for (int c = 0; c < m; c++) {
      String name = weights.columnFor(companies.get(c));
      if (table.hasColumn(name)) {
        columns[c] = table.column(name);
      } else if (strict) {
        throw new IllegalArgumentException(
            "weights: no column '" + name + "' for company '" + companies.get(c)
                + "' (expected: one per company, or MissingRatePolicy.PYTHON_COMPATIBLE)");
      }
    }
    double[][] perQuarterRow = new double[table.rows()][];
    double[] zeros = new double[m];
    double[][] out = new double[input.rows()][];
    for (int i = 0; i < out.length; i++) {
      LocalDate day = input.date(i);
      int row = weights.rowOf(day);
      if (row < 0) {
        if (strict) {
          throw new IllegalArgumentException(
              "weights: no row for quarter " + QuarterlyWeights.quarterKey(day) + " (needed by"
                  + " input row " + i + ", " + day + "; expected: every quarter of the input, or"
                  + " MissingRatePolicy.PYTHON_COMPATIBLE)");
        }
        out[i] = zeros;
        continue;
      }
      if (perQuarterRow[row] == null) {
        perQuarterRow[row] = checkedWeights(columns, row, day, strict);
      }
      out[i] = perQuarterRow[row];
    }
    return out;
  }

  private double[] checkedWeights(double[][] columns, int row, LocalDate day, boolean strict) {
    int m = companies.size();
    double[] w = new double[m];
    double total = 0;
    for (int c = 0; c < m; c++) {
      double x = columns[c] == null ? Double.NaN : columns[c][row];
      if (x != x) {
        if (strict) {
          throw new IllegalArgumentException(
              "weights: quarter " + QuarterlyWeights.quarterKey(day) + ", company '"
                  + companies.get(c) + "' has no weight (expected: a number, or"
                  + " MissingRatePolicy.PYTHON_COMPATIBLE)");
        }
        x = 0.0;
      }
      if (!(x >= 0) || Double.isInfinite(x)) {
        throw new IllegalArgumentException(
            "weights: quarter " + QuarterlyWeights.quarterKey(day) + ", company '"
                + companies.get(c) + "' has weight " + x + " (expected: finite and >= 0)");
      }
      w[c] = x;
      total += x;
    }
    if (strict && total == 0) {
      throw new IllegalArgumentException(
          "weights: quarter " + QuarterlyWeights.quarterKey(day)
              + " has all-zero weights (expected: a positive sum)");
    }
    return w;
  }

  @Override
  public String spec() {
    StringBuilder s = new StringBuilder("CompetitorAggregates/1{companies=")
        .append(Specs.list(companies)).append(",policy=").append(policy).append(",outputs=[");
    for (int o = 0; o < outputs.size(); o++) {
      Output out = outputs.get(o);
      if (o > 0) {
        s.append(',');
      }
      s.append(out.kind).append(':').append(Specs.quote(out.name));
      if (out.kind == Kind.KTH_LARGEST || out.kind == Kind.TOP_MEAN) {
        s.append(':').append(out.k);
      }
      if (out.weights != null) {
        s.append(':').append(out.weights.spec());
      }
    }
    return s.append("]}").toString();
  }

  @Override
  public String toString() {
    return spec();
  }

  /**
   * Settings of a {@link CompetitorAggregates}: the companies and the policy may be set once;
   * outputs are added one by one, each with a new name. Not thread-safe.
   */
  public static final class Builder {
    private List<String> companies;
    private MissingRatePolicy policy;
    private final List<Output> outputs = new ArrayList<>();
    private final Set<String> names = new HashSet<>();

    private Builder() {}

    /**
     * The company rate columns, in the order sums run.
     *
     * @param columns the company columns, at least one
     * @return this builder
     * @throws NullPointerException if {@code columns} or one of its names is null
     * @throws IllegalArgumentException if no name is given or a name repeats
     * @throws IllegalStateException if already set
     */
    public Builder companies(String... columns) {
      Objects.requireNonNull(columns, "companies");
      Checks.unset(companies == null, "companies", companies);
      companies = Specs.uniqueNames(columns, "companies");
      return this;
    }

    /**
     * The company rate columns, in the order sums run.
     *
     * @param columns the company columns, at least one
     * @return this builder
     * @throws NullPointerException if {@code columns} or one of its names is null
     * @throws IllegalArgumentException if the list is empty or a name repeats
     * @throws IllegalStateException if already set
     */
    public Builder companies(List<String> columns) {
      Objects.requireNonNull(columns, "companies");
      return companies(columns.toArray(new String[0]));
    }

    /**
     * The missing-value policy (default {@link MissingRatePolicy#STRICT}).
     *
     * @param policy what missing rates and weights do
     * @return this builder
     * @throws NullPointerException if {@code policy} is null
     * @throws IllegalStateException if already set
     */
    public Builder policy(MissingRatePolicy policy) {
      Objects.requireNonNull(policy, "policy");
      Checks.unset(this.policy == null, "policy", this.policy);
      this.policy = policy;
      return this;
    }

    /**
     * Adds the market-share weighted mean {@code sum(r * w) / sum(w)} with the weights of each
     * row's quarter.
     *
     * @param name the output column
     * @param weights the market shares per quarter and company
     * @return this builder
     * @throws NullPointerException if {@code name} or {@code weights} is null
     * @throws IllegalArgumentException if the name is blank or already used
     */
    public Builder weightedMean(String name, QuarterlyWeights weights) {
      Objects.requireNonNull(weights, "weights");
      return add(Kind.WEIGHTED_MEAN, name, 0, weights);
    }

    /**
     * Adds the plain mean of the company rates.
     *
     * @param name the output column
     * @return this builder
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if the name is blank or already used
     */
    public Builder mean(String name) {
      return add(Kind.MEAN, name, 0, null);
    }

    /**
     * Adds the median of the company rates.
     *
     * @param name the output column
     * @return this builder
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if the name is blank or already used
     */
    public Builder median(String name) {
      return add(Kind.MEDIAN, name, 0, null);
    }

    /**
     * Adds the {@code k}-th largest rate ({@code k = 1} is the largest).
     *
     * @param name the output column
     * @param k the rank, from 1 to the company count
     * @return this builder
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if the name is blank or already used, or {@code k < 1}
     */
    public Builder kthLargest(String name, int k) {
      if (k < 1) {
        throw new IllegalArgumentException("k: " + k + " (expected: >= 1)");
      }
      return add(Kind.KTH_LARGEST, name, k, null);
    }

    /**
     * Adds the mean of the {@code n} largest rates.
     *
     * @param name the output column
     * @param n how many of the largest rates, from 1 to the company count
     * @return this builder
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if the name is blank or already used, or {@code n < 1}
     */
    public Builder topMean(String name, int n) {
      if (n < 1) {
        throw new IllegalArgumentException("n: " + n + " (expected: >= 1)");
      }
      return add(Kind.TOP_MEAN, name, n, null);
    }

    private Builder add(Kind kind, String name, int k, QuarterlyWeights weights) {
      Objects.requireNonNull(name, "name");
      Checks.notBlank(name, "name");
      if (!names.add(name)) {
        throw new IllegalArgumentException("name: '" + name + "' is already an output");
      }
      outputs.add(new Output(kind, name, k, weights));
      return this;
    }

    /**
     * The configured step.
     *
     * @return a new immutable step; the builder can build again
     * @throws IllegalStateException if no companies or no outputs were given
     * @throws IllegalArgumentException if a {@code k} or {@code n} exceeds the company count
     */
    public CompetitorAggregates build() {
      if (companies == null) {
        throw new IllegalStateException("no companies (expected: companies(...))");
      }
      if (outputs.isEmpty()) {
        throw new IllegalStateException(
            "no outputs (expected: weightedMean, mean, median, kthLargest or topMean)");
      }
      for (Output out : outputs) {
        if (out.k > companies.size()) {
          throw new IllegalArgumentException(
              (out.kind == Kind.KTH_LARGEST ? "k: " : "n: ") + out.k + " for '" + out.name
                  + "' (expected: <= " + companies.size() + ", the company count)");
        }
      }
      return new CompetitorAggregates(this);
    }
  }
}
