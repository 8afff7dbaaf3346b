package io.rila.bootstrap;

import io.rila.core.internal.RidgeWorkspace;
import io.rila.core.internal.WeightedGram;
import io.rila.core.regression.SolveForm;
import java.util.Locale;

/**
 * The heap a fit and the model's predictions need, estimated from the shape and the settings
 * before anything is allocated, next to the ensemble's memory budget.
 *
 * <pre>{@code
 * MemoryEstimate estimate = ensemble.estimateMemory(150, 598);
 * if (!estimate.withinBudget()) {
 *   System.out.println(estimate);   // each part in MB, the total and the budget
 * }
 * long store = estimate.storeBytes();
 * }</pre>
 *
 * <p>The parts, in bytes (array headers included):
 *
 * <ul>
 *   <li>{@link #storeBytes()}: the coefficient store, {@code members x (features + 1) x 4}
 *       ({@link Precision#FLOAT}) or {@code x 8} ({@link Precision#DOUBLE}); kept by the model;
 *   <li>{@link #inputBytes()}: the fit's own copies of the data: the target, the weights and the
 *       column means (the features are read in place, not copied);
 *   <li>{@link #gramBytes()}: the row Gram matrix {@code K = X X^T} ({@code rows x rows x 8}),
 *       the centred copy of the features by columns it is computed from and the centred copy by
 *       rows the members' coefficients are recovered from, only when members are solved in the
 *       dual form;
 *   <li>{@link #workspaceBytes()}: one solver workspace per thread ({@link #threads()}): the
 *       dual system ({@code rows x rows}, held from the start only where the features are more
 *       than half the rows, so that a bootstrap member may have fewer distinct rows than
 *       features) and the primal one ({@code features x features} plus two panels of up to 512
 *       centred rows, about 256 kB each; 512 kB each in single precision from 700 features with
 *       {@code alpha > 0}, where the primal form solves in mixed precision), and row-sized
 *       buffers;
 *   <li>{@link #predictionLayoutBytes()}: the feature-major copy of the coefficients that the
 *       first prediction builds and the model keeps (as large as the store);
 *   <li>{@link #predictionBufferBytes()}: per-thread buffers of batched predictions and
 *       scenarios, four rows at a time: {@code O(members)} per thread, whatever the batch size.
 * </ul>
 *
 * <p>{@link #fitBytes()} is what a fit holds at its peak (store, inputs, Gram matrix,
 * workspaces); {@link #predictionBytes()} what a model holds while predicting (store, layout,
 * buffers); {@link #totalBytes()} the larger of the two, which a fit compares with the budget.
 * The caller's own arrays (the features passed to {@code fit}) are not counted. Measured heap
 * growth of large fits is within a few percent of {@link #fitBytes()}.
 *
 * <p>Thread safety: immutable. Equality: by identity.
 */
public final class MemoryEstimate {

  /** Bytes of an array header (with compressed class pointers; a few bytes more without). */
  private static final long HEADER = 16;
  /** Bytes of a reference in an array of arrays (compressed references). */
  private static final long REFERENCE = 4;
  private static final double MB = 1e6;
  /** A count sampler's random state (numpy's Mersenne Twister: 624 ints) and small objects. */
  private static final long SAMPLER = 4096;

  private final int members;
  private final int rows;
  private final int features;
  private final Precision precision;
  private final SolveForm form;
  private final int threads;
  private final long store;
  private final long inputs;
  private final long gram;
  private final long workspacePerThread;
  private final long layout;
  private final long predictionPerThread;
  private final long budget;

  private MemoryEstimate(
      int members, int rows, int features, Precision precision, SolveForm form, int threads,
      long store, long inputs, long gram, long workspacePerThread, long layout,
      long predictionPerThread, long budget) {
    this.members = members;
    this.rows = rows;
    this.features = features;
    this.precision = precision;
    this.form = form;
    this.threads = threads;
    this.store = store;
    this.inputs = inputs;
    this.gram = gram;
    this.workspacePerThread = workspacePerThread;
    this.layout = layout;
    this.predictionPerThread = predictionPerThread;
    this.budget = budget;
  }

  /**
   * The estimate for a fit.
   *
   * @param members the number of members
   * @param rows the rows of the data
   * @param features the features
   * @param precision how coefficients are stored
   * @param form the form of the whole fit ({@code AUTO}: each member chooses)
   * @param nonNegative whether members are non-negative (active-set buffers)
   * @param mixedPrecision whether primal members solve in mixed precision (single-precision
   *     Gram matrix and panels instead of double ones)
   * @param sklearnSeeds whether the resampling keeps one seed per member
   * @param threads the threads that may each hold a workspace
   * @param budget the budget in bytes
   */
  static MemoryEstimate of(
      int members, int rows, int features, Precision precision, SolveForm form,
      boolean nonNegative, boolean mixedPrecision, boolean sklearnSeeds, int threads,
      long budget) {
    long n = rows;
    long p = features;
    long store = array(members * (p + 1), precision.bytes());
    long inputs = 3 * array(n, 8) + array(p, 8)
        + (sklearnSeeds ? array(members, 4) : 0);
    boolean dual = form == SolveForm.DUAL || (form == SolveForm.AUTO && p > n);
    boolean primal = form == SolveForm.PRIMAL || form == SolveForm.AUTO && p <= n;
    long gram = dual ? matrix(n, n) + matrix(p, n) + matrix(n, p) : 0;
    long dualSide = form == SolveForm.DUAL ? n : 2 * p > n ? Math.min(n, p - 1) : 0;
    long panel = Math.min(n, WeightedGram.panelRows(features));
    long singlePanel = Math.min(n, WeightedGram.singlePanelRows(features));
    long workspace = SAMPLER + 3 * array(n, 4) + 7 * array(n, 8) + 2 * array(p, 8)
        + matrix(dualSide, dualSide)
        + (primal ? array(p, 8) + (mixedPrecision
            ? matrix(p, p, 4) + 2 * matrix(singlePanel, p, 4) + array(p, 8)
            : (nonNegative ? 0 : matrix(p, p, 8)) + 2 * matrix(panel, p, 8)) : 0)
        + (nonNegative ? 2 * matrix(p, p) + array(p, 8) + array(p, 4) + array(p, 1) : 0);
    long layout = HEADER + p * REFERENCE + p * array(members, precision.bytes())
        + array(members, 8);
    long prediction = (precision == Precision.FLOAT ? 4 * array(members, 4) : 0)
        + 6 * array(members, 8);
    return new MemoryEstimate(members, rows, features, precision, form, threads, store, inputs,
        gram, workspace, layout, prediction, budget);
  }

  private static long array(long length, int bytes) {
    return HEADER + length * bytes;
  }

  private static long matrix(long rows, long columns) {
    return matrix(rows, columns, 8);
  }

  private static long matrix(long rows, long columns, int bytes) {
    return rows == 0 ? 0 : HEADER + rows * REFERENCE + rows * array(columns, bytes);
  }

  /**
   * The coefficient store.
   *
   * @return bytes
   */
  public long storeBytes() {
    return store;
  }

  /**
   * The fit's copies of the data: target, weights, column means (the features are not copied).
   *
   * @return bytes
   */
  public long inputBytes() {
    return inputs;
  }

  /**
   * The row Gram matrix of the dual form and the centred copies of the features it needs; 0 when
   * members are solved in the primal form.
   *
   * @return bytes
   */
  public long gramBytes() {
    return gram;
  }

  /**
   * The solver workspaces of all threads: {@link #threads()} times {@link
   * #workspaceBytesPerThread()}.
   *
   * @return bytes
   */
  public long workspaceBytes() {
    return threads * workspacePerThread;
  }

  /**
   * One thread's solver workspace.
   *
   * @return bytes
   */
  public long workspaceBytesPerThread() {
    return workspacePerThread;
  }

  /**
   * The threads counted: the calling thread and the helper tasks the executor can run at once,
   * at most one per chunk of members.
   *
   * @return the thread count
   */
  public int threads() {
    return threads;
  }

  /**
   * The feature-major copy of the coefficients kept for predictions.
   *
   * @return bytes
   */
  public long predictionLayoutBytes() {
    return layout;
  }

  /**
   * The buffers of batched predictions and scenarios, all threads together.
   *
   * @return bytes
   */
  public long predictionBufferBytes() {
    return threads * predictionPerThread;
  }

  /**
   * The peak of a fit: store, inputs, Gram matrix and workspaces.
   *
   * @return bytes
   */
  public long fitBytes() {
    return store + inputs + gram + workspaceBytes();
  }

  /**
   * The peak of predicting: store, prediction layout and buffers.
   *
   * @return bytes
   */
  public long predictionBytes() {
    return store + layout + predictionBufferBytes();
  }

  /**
   * The larger of {@link #fitBytes()} and {@link #predictionBytes()}: what a fit checks against
   * the budget.
   *
   * @return bytes
   */
  public long totalBytes() {
    return Math.max(fitBytes(), predictionBytes());
  }

  /**
   * The ensemble's memory budget.
   *
   * @return bytes
   */
  public long budgetBytes() {
    return budget;
  }

  /**
   * Whether {@link #totalBytes()} is within the budget.
   *
   * @return true if a fit would start
   */
  public boolean withinBudget() {
    return totalBytes() <= budget;
  }

  /**
   * The message a fit fails with when the estimate exceeds the budget: the estimate, the budget
   * and what to change.
   */
  String overBudgetMessage() {
    StringBuilder fixes = new StringBuilder("fewer members (estimators)");
    if (precision == Precision.DOUBLE) {
      fixes.append(", Precision.FLOAT (halves the store and the prediction layout)");
    }
    if (threads > 1 && workspaceBytes() > totalBytes() / 4) {
      fixes.append(", an executor with fewer threads (each holds a workspace)");
    }
    if (gram > totalBytes() / 4) {
      fixes.append(", fewer rows (the dual form holds a rows x rows matrix)");
    }
    fixes.append(", a larger heap (-Xmx) or memoryBudget(bytes)");
    return "memory: a fit of " + members + " members on " + rows + " rows x " + features
        + " features needs about " + mb(totalBytes()) + " (expected: within the budget of "
        + mb(budget) + "); " + parts() + ". Use " + fixes;
  }

  private String parts() {
    return "store " + mb(store) + ", inputs " + mb(inputs) + ", Gram matrix " + mb(gram)
        + ", workspaces " + mb(workspaceBytes()) + " (" + threads + " threads), prediction layout "
        + mb(layout) + ", prediction buffers " + mb(predictionBufferBytes());
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / MB);
  }

  /**
   * Such as {@code MemoryEstimate[1000 members x 598 features x 150 rows, FLOAT, DUAL: fit 26.9
   * MB, predictions 48.2 MB, budget 1503.2 MB; store 2.4 MB, ...]}.
   */
  @Override
  public String toString() {
    return "MemoryEstimate[" + members + " members x " + features + " features x " + rows
        + " rows, " + precision + ", " + form + ": fit " + mb(fitBytes()) + ", predictions "
        + mb(predictionBytes()) + ", budget " + mb(budget) + "; " + parts() + "]";
  }
}
