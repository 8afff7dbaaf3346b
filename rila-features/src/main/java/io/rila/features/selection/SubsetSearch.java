package io.rila.features.selection;

import io.rila.core.internal.Checks;
import io.rila.core.internal.ChunkedTasks;
import io.rila.core.progress.ProgressListener;
import io.rila.core.regression.OlsSubsetScorer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * Exhaustive feature-subset search by AIC under economic sign rules. Every subset of {@code
 * minSize..maxSize} candidates, together with the always-included base features, is fitted by
 * least squares with an intercept (weighted least squares with weights; statsmodels' AIC, BIC,
 * R^2 and standard errors). Subsets that break a strict {@link SignRule} are removed, subsets that
 * break a warning rule are kept with the failed {@link RuleVerdict}s, and the best {@code keep}
 * subsets by AIC are returned, ties going to the subset enumerated first.
 *
 * <p>Enumeration order: by size, smallest first; within a size, lexicographic in the positions of
 * the candidates in the pool (the order in which they were given, or column order by default).
 *
 * <pre>{@code
 * SubsetSearch search = SubsetSearch.newBuilder()
 *     .baseFeatures("prudential_rate_current")
 *     .candidates(pool)                                  // e.g. a Lasso screen's survivors
 *     .maxSize(4)
 *     .rules(SignRule.negative("competitor_*"),
 *            SignRule.positive("prudential_rate_*").significant().warning())
 *     .keep(20)
 *     .build();
 * SubsetSearchResult result = search.run(names, x, y, weights);
 * }</pre>
 *
 * <p>Fast: the centred weighted Gram matrix of the base and candidate columns is formed once;
 * subsets are then enumerated in lexicographic order and share the Cholesky factor of their common
 * prefix, so a step usually costs one factor row (O(k^2)) and no pass over the rows; a subset whose
 * residual sum of squares cannot beat the kept ones is dropped before its AIC is computed. The
 * statistics of the kept subsets come from rila-core's {@link OlsSubsetScorer}. Subsets are cut
 * into chunks that run as parallel tasks on the executor (default {@link
 * ForkJoinPool#commonPool()}; the calling thread helps), each keeping its best subsets in a
 * bounded heap and allocating nothing per subset, so memory stays O(keep x tasks) however many
 * subsets there are. The result does not depend on the executor or the scheduling. Immutable and
 * thread-safe.
 */
public final class SubsetSearch {

  static final int DEFAULT_KEEP = 100;
  /** Smallest chunk of subsets worth a task. */
  private static final long MIN_CHUNK = 4096;
  /** Chunks per available processor, for load balance. */
  private static final int CHUNKS_PER_PROCESSOR = 8;

  private final List<String> candidates;
  private final List<String> baseFeatures;
  private final int minSize;
  private final int maxSize;
  private final List<SignRule> rules;
  private final int keep;
  private final Executor executor;
  private final ProgressListener progressListener;

  private SubsetSearch(Builder b) {
    this.candidates = b.candidates;
    this.baseFeatures = b.baseFeatures == null ? List.of() : b.baseFeatures;
    this.minSize = b.minSize < 0 ? 1 : b.minSize;
    this.maxSize = b.maxSize;
    this.rules = b.rules == null ? List.of() : b.rules;
    this.keep = b.keep < 0 ? DEFAULT_KEEP : b.keep;
    this.executor = b.executor == null ? ForkJoinPool.commonPool() : b.executor;
    this.progressListener = b.progressListener;
  }

  /**
   * A builder; {@link Builder#maxSize(int)} is required.
   *
   * @return a builder with nothing set
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Searches without weights.
   *
   * @param names the name of each column of x
   * @param x the design, one row per observation, without an intercept column
   * @param y the target, one per row of {@code x}
   * @return the best subsets by AIC, and how many were enumerated, rejected and skipped
   * @throws NullPointerException when names, a name, x, a row of x or y is null
   * @throws IllegalArgumentException see {@link #run(List, double[][], double[], double[])}
   */
  public SubsetSearchResult run(List<String> names, double[][] x, double[] y) {
    return run(names, x, y, null);
  }

  /**
   * Searches the subsets of the candidate pool.
   *
   * @param names the name of each column of x
   * @param x the design, one row per observation, without an intercept column
   * @param y the target, one per row of {@code x}
   * @param weights sample weights, each {@code > 0}, or null for ordinary least squares
   * @return the best subsets by AIC, and how many were enumerated, rejected and skipped
   * @throws NullPointerException when names, a name, x, a row of x or y is null
   * @throws IllegalArgumentException when x is empty or ragged, y or weights do not have one entry
   *     per row, a value is not finite or a weight not positive; when names does not have one
   *     entry per column or repeats a name; when a base feature or candidate is not a column name,
   *     is repeated, or is both; when the pool is empty, has fewer candidates than maxSize, or the
   *     largest model leaves no residual degree of freedom; or when there are more subsets than a
   *     {@code long} counts
   */
  public SubsetSearchResult run(List<String> names, double[][] x, double[] y, double[] weights) {
    Objects.requireNonNull(names, "names");
    int p = Inputs.design(x, y, weights);
    Map<String, Integer> column = columnsByName(names, p);
    int[] base = lookUp(baseFeatures, column, "baseFeatures");
    int[] pool = pool(column, base, p);
    int b = base.length;
    int m = pool.length;
    if (maxSize > m) {
      throw new IllegalArgumentException("maxSize: " + maxSize + " (expected: <= " + m
          + ", the number of candidates)");
    }
    int n = x.length;
    if (b + maxSize >= n - 1) {
      throw new IllegalArgumentException("maxSize: " + maxSize + " (expected: " + b
          + " base features + maxSize < rows - 1 = " + (n - 1)
          + ", so that every model keeps a residual degree of freedom)");
    }
    int[] model = new int[b + m];
    System.arraycopy(base, 0, model, 0, b);
    System.arraycopy(pool, 0, model, b, m);
    double[][] sub = new double[n][b + m];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < model.length; c++) {
        sub[i][c] = x[i][model[c]];
      }
    }
    OlsSubsetScorer scorer = OlsSubsetScorer.of(sub, y, weights);
    Plan plan = new Plan(this, names, model, b, m, scorer, SubsetKernel.of(sub, y, weights));
    ChunkedTasks.forEach(executor, plan.taskCount(), plan::runTask, true, progressListener);
    return plan.result();
  }

  private static Map<String, Integer> columnsByName(List<String> names, int p) {
    if (names.size() != p) {
      throw new IllegalArgumentException(
          "names: " + names.size() + " names (expected: " + p + ", one per column of x)");
    }
    Map<String, Integer> column = new HashMap<>();
    for (int j = 0; j < p; j++) {
      String name = Objects.requireNonNull(names.get(j), "names[" + j + "]");
      Integer previous = column.putIfAbsent(name, j);
      if (previous != null) {
        throw new IllegalArgumentException("names: '" + name + "' at index " + j
            + " repeats index " + previous + " (expected: distinct names)");
      }
    }
    return column;
  }

  private static int[] lookUp(List<String> wanted, Map<String, Integer> column, String what) {
    int[] out = new int[wanted.size()];
    for (int i = 0; i < out.length; i++) {
      String name = wanted.get(i);
      Integer j = column.get(name);
      if (j == null) {
        throw new IllegalArgumentException(
            what + ": '" + name + "' (expected: a column name; not among the names of x)");
      }
      for (int k = 0; k < i; k++) {
        if (out[k] == j) {
          throw new IllegalArgumentException(
              what + ": '" + name + "' is repeated (expected: distinct names)");
        }
      }
      out[i] = j;
    }
    return out;
  }

  private int[] pool(Map<String, Integer> column, int[] base, int p) {
    boolean[] isBase = new boolean[p];
    for (int j : base) {
      isBase[j] = true;
    }
    int[] pool;
    if (candidates == null) {
      int m = p - base.length;
      pool = new int[m];
      for (int j = 0, k = 0; j < p; j++) {
        if (!isBase[j]) {
          pool[k++] = j;
        }
      }
    } else {
      pool = lookUp(candidates, column, "candidates");
      for (int i = 0; i < pool.length; i++) {
        if (isBase[pool[i]]) {
          throw new IllegalArgumentException("candidates: '" + candidates.get(i)
              + "' is also a base feature (expected: candidates and base features apart)");
        }
      }
    }
    if (pool.length == 0) {
      throw new IllegalArgumentException(
          "candidates: empty (expected: at least one candidate feature)");
    }
    return pool;
  }

  @Override
  public String toString() {
    return "SubsetSearch{sizes=" + minSize + ".." + maxSize + ", base=" + baseFeatures
        + ", candidates=" + (candidates == null ? "all other columns" : candidates.size())
        + ", rules=" + rules + ", keep=" + keep + "}";
  }

  /** One run: the scorer, the rule tables, the chunks and their outcomes. */
  private static final class Plan {

    private final SubsetSearch search;
    private final List<String> names;
    private final int[] model;
    private final int base;
    private final int pool;
    private final OlsSubsetScorer scorer;
    private final SubsetKernel kernel;
    /** For each model column, the indices of the strict rules that match its name. */
    private final int[][] strictRules;
    private final boolean[] strictNeedsSe;
    private final int[] chunkSize;
    private final long[] chunkStart;
    private final long[] chunkLength;
    private final long[] chunkSequence;
    private final long[] rejected;
    private final long[] deficient;
    private final long enumerated;
    private final long[][] binomials;
    private final TopSubsets top;

    Plan(SubsetSearch search, List<String> names, int[] model, int base, int pool,
        OlsSubsetScorer scorer, SubsetKernel kernel) {
      this.search = search;
      this.names = names;
      this.model = model;
      this.base = base;
      this.pool = pool;
      this.scorer = scorer;
      this.kernel = kernel;
      List<SignRule> rules = search.rules;
      this.strictRules = new int[model.length][];
      this.strictNeedsSe = new boolean[model.length];
      for (int c = 0; c < model.length; c++) {
        String name = names.get(model[c]);
        int[] matched = new int[rules.size()];
        int k = 0;
        for (int r = 0; r < rules.size(); r++) {
          SignRule rule = rules.get(r);
          if (rule.isStrict() && rule.matches(name)) {
            matched[k++] = r;
            strictNeedsSe[c] |= rule.isSignificant();
          }
        }
        strictRules[c] = Arrays.copyOf(matched, k);
      }
      this.binomials = Combinations.binomials(pool, search.maxSize);
      long total = 0;
      for (int s = search.minSize; s <= search.maxSize; s++) {
        long count = binomials[pool][s];
        if (count == Long.MAX_VALUE || total > Long.MAX_VALUE - count) {
          throw new IllegalArgumentException("maxSize: " + search.maxSize
              + " (expected: fewer subsets of " + pool + " candidates than a long counts)");
        }
        total += count;
      }
      this.enumerated = total;
      int processors = Runtime.getRuntime().availableProcessors();
      long chunk = Math.max(MIN_CHUNK, total / ((long) CHUNKS_PER_PROCESSOR * processors) + 1);
      List<long[]> chunks = new ArrayList<>();
      long sequence = 0;
      for (int s = search.minSize; s <= search.maxSize; s++) {
        long count = binomials[pool][s];
        for (long start = 0; start < count; start += chunk) {
          chunks.add(new long[] {s, start, Math.min(chunk, count - start), sequence + start});
        }
        sequence += count;
      }
      int tasks = chunks.size();
      this.chunkSize = new int[tasks];
      this.chunkStart = new long[tasks];
      this.chunkLength = new long[tasks];
      this.chunkSequence = new long[tasks];
      for (int t = 0; t < tasks; t++) {
        long[] c = chunks.get(t);
        chunkSize[t] = (int) c[0];
        chunkStart[t] = c[1];
        chunkLength[t] = c[2];
        chunkSequence[t] = c[3];
      }
      this.rejected = new long[tasks];
      this.deficient = new long[tasks];
      this.top = new TopSubsets(search.keep, search.maxSize);
    }

    int taskCount() {
      return chunkSize.length;
    }

    void runTask(int task) {
      int size = chunkSize[task];
      SubsetKernel.Cursor cursor = kernel.newCursor(base + search.maxSize);
      TopSubsets local = new TopSubsets(search.keep, search.maxSize);
      int[] comb = new int[Math.max(size, 1)];
      double[] beta = new double[base + search.maxSize];
      double[] se = new double[base + search.maxSize];
      for (int c = 0; c < base; c++) {
        cursor.set(c, c);
      }
      Combinations.unrank(chunkStart[task], pool, size, binomials, comb);
      int changed = 0;
      int k = base + size;
      // Subsets arrive in increasing number, so once the local heap is full only a strictly
      // smaller AIC enters; an SSR above this bound cannot have one.
      double bound = Double.POSITIVE_INFINITY;
      long seq = chunkSequence[task];
      long rejectedHere = 0;
      long deficientHere = 0;
      for (long i = 0; i < chunkLength[task]; i++, seq++) {
        for (int q = changed; q < size; q++) {
          cursor.set(base + q, base + comb[q]);
        }
        double ssr = cursor.ssr(k);
        if (Double.isNaN(ssr)) {
          deficientHere++;
        } else if (!meetsStrictRules(cursor, comb, size, beta, se)) {
          rejectedHere++;
        } else if (ssr <= bound) {
          double aic = kernel.aic(ssr, k);
          if (local.admits(aic, seq)) {
            local.offer(aic, seq, comb, size);
            if (local.full()) {
              bound = kernel.ssrBound(local.worstAic(), k);
            }
          }
        }
        changed = Combinations.next(comb, size, pool);
      }
      rejected[task] = rejectedHere;
      deficient[task] = deficientHere;
      synchronized (top) {
        top.offerAll(local);
      }
    }

    /** Whether the base columns and pool positions comb[0..size) meet every strict rule. */
    private boolean meetsStrictRules(
        SubsetKernel.Cursor cursor, int[] comb, int size, double[] beta, double[] se) {
      int k = base + size;
      boolean any = false;
      boolean needSe = false;
      for (int q = 0; q < k; q++) {
        int c = q < base ? q : base + comb[q - base];
        any |= strictRules[c].length > 0;
        needSe |= strictNeedsSe[c];
      }
      if (!any) {
        return true;
      }
      cursor.coefficients(beta);
      if (needSe) {
        cursor.standardErrors(se);
      }
      List<SignRule> rules = search.rules;
      for (int q = 0; q < k; q++) {
        int c = q < base ? q : base + comb[q - base];
        for (int r : strictRules[c]) {
          if (!rules.get(r).accepts(beta[q], needSe ? se[q] : 0.0)) {
            return false;
          }
        }
      }
      return true;
    }

    SubsetSearchResult result() {
      int[] ranked = top.ranked();
      int width = base + search.maxSize;
      OlsSubsetScorer.Workspace ws = scorer.newWorkspace(width);
      int[] comb = new int[search.maxSize];
      List<SubsetResult> results = new ArrayList<>(ranked.length);
      for (int r = 0; r < ranked.length; r++) {
        int slot = ranked[r];
        int size = top.size(slot);
        top.copyMembers(slot, comb);
        int k = base + size;
        int[] cols = new int[k];
        for (int q = 0; q < k; q++) {
          cols[q] = q < base ? q : base + comb[q - base];
        }
        scorer.score(cols, k, ws);
        double[] params = new double[k + 1];
        double[] se = new double[k + 1];
        ws.copyParamsInto(params);
        ws.copyStandardErrorsInto(se);
        List<String> features = new ArrayList<>(k);
        int[] columns = new int[k];
        for (int q = 0; q < k; q++) {
          columns[q] = model[cols[q]];
          features.add(names.get(columns[q]));
        }
        List<RuleVerdict> verdicts = new ArrayList<>();
        for (SignRule rule : search.rules) {
          for (int q = 0; q < k; q++) {
            if (rule.matches(features.get(q))) {
              verdicts.add(new RuleVerdict(rule, features.get(q), params[q + 1], se[q + 1]));
            }
          }
        }
        results.add(new SubsetResult(r + 1, features, columns, params, se, ws.aic(), ws.bic(),
            ws.rSquared(), ws.logLikelihood(), verdicts));
      }
      long rejectedTotal = 0;
      long deficientTotal = 0;
      for (int t = 0; t < rejected.length; t++) {
        rejectedTotal += rejected[t];
        deficientTotal += deficient[t];
      }
      return new SubsetSearchResult(results, enumerated, rejectedTotal, deficientTotal);
    }
  }

  /**
   * Configures a {@link SubsetSearch}. Each property may be set once; {@link #build()} may be
   * called repeatedly.
   */
  public static final class Builder {

    private List<String> candidates;
    private List<String> baseFeatures;
    private int minSize = -1;
    private int maxSize = -1;
    private List<SignRule> rules;
    private int keep = -1;
    private Executor executor;
    private ProgressListener progressListener;

    private Builder() {}

    /**
     * The candidate pool, in enumeration order (default: every column that is not a base
     * feature, in column order).
     *
     * @param candidates column names
     * @return this builder
     * @throws NullPointerException when candidates or a name is null
     * @throws IllegalStateException when already set
     */
    public Builder candidates(List<String> candidates) {
      Checks.unset(this.candidates == null, "candidates", this.candidates);
      this.candidates = copyNames(candidates, "candidates");
      return this;
    }

    /**
     * The candidate pool, in enumeration order.
     *
     * @param candidates column names
     * @return this builder
     * @throws NullPointerException when candidates or a name is null
     * @throws IllegalStateException when already set
     */
    public Builder candidates(String... candidates) {
      return candidates(Arrays.asList(Objects.requireNonNull(candidates, "candidates")));
    }

    /**
     * Features in every model (default none).
     *
     * @param baseFeatures column names
     * @return this builder
     * @throws NullPointerException when baseFeatures or a name is null
     * @throws IllegalStateException when already set
     */
    public Builder baseFeatures(List<String> baseFeatures) {
      Checks.unset(this.baseFeatures == null, "baseFeatures", this.baseFeatures);
      this.baseFeatures = copyNames(baseFeatures, "baseFeatures");
      return this;
    }

    /**
     * Features in every model.
     *
     * @param baseFeatures column names
     * @return this builder
     * @throws NullPointerException when baseFeatures or a name is null
     * @throws IllegalStateException when already set
     */
    public Builder baseFeatures(String... baseFeatures) {
      return baseFeatures(Arrays.asList(Objects.requireNonNull(baseFeatures, "baseFeatures")));
    }

    private static List<String> copyNames(List<String> names, String what) {
      Objects.requireNonNull(names, what);
      for (int i = 0; i < names.size(); i++) {
        Objects.requireNonNull(names.get(i), what + "[" + i + "]");
      }
      return List.copyOf(names);
    }

    /**
     * The fewest candidates in a subset (default 1; 0 adds the model of the base features alone).
     *
     * @param minSize at least 0 and at most maxSize
     * @return this builder
     * @throws IllegalArgumentException when minSize is negative
     * @throws IllegalStateException when already set
     */
    public Builder minSize(int minSize) {
      Checks.unset(this.minSize < 0, "minSize", this.minSize);
      this.minSize = Checks.atLeast(minSize, 0, "minSize");
      return this;
    }

    /**
     * The most candidates in a subset (required).
     *
     * @param maxSize at least 1
     * @return this builder
     * @throws IllegalArgumentException when maxSize is below 1
     * @throws IllegalStateException when already set
     */
    public Builder maxSize(int maxSize) {
      Checks.unset(this.maxSize < 0, "maxSize", this.maxSize);
      this.maxSize = Checks.atLeast(maxSize, 1, "maxSize");
      return this;
    }

    /**
     * The sign rules (default none).
     *
     * @param rules the rules a kept model must pass
     * @return this builder
     * @throws NullPointerException when rules or a rule is null
     * @throws IllegalStateException when already set
     */
    public Builder rules(List<SignRule> rules) {
      Checks.unset(this.rules == null, "rules", this.rules);
      Objects.requireNonNull(rules, "rules");
      for (int i = 0; i < rules.size(); i++) {
        Objects.requireNonNull(rules.get(i), "rules[" + i + "]");
      }
      this.rules = List.copyOf(rules);
      return this;
    }

    /**
     * The sign rules.
     *
     * @param rules the rules a kept model must pass
     * @return this builder
     * @throws NullPointerException when rules or a rule is null
     * @throws IllegalStateException when already set
     */
    public Builder rules(SignRule... rules) {
      return rules(Arrays.asList(Objects.requireNonNull(rules, "rules")));
    }

    /**
     * How many of the best subsets to return (default 100).
     *
     * @param keep at least 1
     * @return this builder
     * @throws IllegalArgumentException when keep is below 1
     * @throws IllegalStateException when already set
     */
    public Builder keep(int keep) {
      Checks.unset(this.keep < 0, "keep", this.keep);
      this.keep = Checks.atLeast(keep, 1, "keep");
      return this;
    }

    /**
     * The executor that runs the chunks of subsets (default {@link ForkJoinPool#commonPool()};
     * {@code Runnable::run} runs everything on the caller). It is never shut down.
     *
     * @param executor where the chunks run
     * @return this builder
     * @throws NullPointerException when executor is null
     * @throws IllegalStateException when already set
     */
    public Builder executor(Executor executor) {
      Checks.unset(this.executor == null, "executor", this.executor);
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Hears how many of the run's subset-search tasks (chunks of subsets) are done, about every percent and at the end, one call
     * at a time (default none). An exception it throws stops the run and is rethrown.
     *
     * @param progressListener the listener
     * @return this builder
     * @throws NullPointerException when progressListener is null
     * @throws IllegalStateException when already set
     */
    public Builder progressListener(ProgressListener progressListener) {
      Checks.unset(this.progressListener == null, "progressListener", this.progressListener);
      this.progressListener = Objects.requireNonNull(progressListener, "progressListener");
      return this;
    }

    /**
     * A SubsetSearch with the configured settings.
     *
     * @return a new immutable SubsetSearch; the builder can build again
     * @throws IllegalStateException when maxSize was not set, or minSize exceeds it
     */
    public SubsetSearch build() {
      if (maxSize < 0) {
        throw new IllegalStateException("maxSize: not set (expected: the largest subset size)");
      }
      if (minSize > maxSize) {
        throw new IllegalStateException(
            "minSize: " + minSize + " (expected: <= maxSize = " + maxSize + ")");
      }
      return new SubsetSearch(this);
    }
  }
}
