package io.rila.bootstrap;

import io.rila.core.internal.Checks;
import io.rila.core.regression.SolveForm;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The statistical settings of a bootstrap Ridge ensemble: everything that decides its members
 * (estimators, alpha, seed, resampling, target transform, precision, non-negativity, solve form)
 * and nothing that only decides how a fit runs (executor, listener, cancellation, checkpoint,
 * memory budget, which {@link BootstrapRidgeEnsemble} adds). A fit's {@link EnsembleModel} holds
 * the settings it was fitted with ({@link EnsembleModel#settings()}); model files and checkpoints
 * record them, and a distributed trainer ships them to its workers.
 *
 * <pre>{@code
 * EnsembleSettings settings = EnsembleSettings.newBuilder()
 *     .estimators(10_000)
 *     .alpha(1.0)
 *     .seed(42L)
 *     .targetTransform(TargetTransform.LOG1P)
 *     .build();
 * BootstrapRidgeEnsemble ensemble = BootstrapRidgeEnsemble.newBuilder()
 *     .settings(settings)
 *     .executor(pool)
 *     .build();
 * }</pre>
 *
 * <p><b>Text form.</b> {@link #toString()} gives every setting as {@code name=value} pairs
 * separated by {@code "; "}, in a fixed order ({@code estimators=1000; alpha=1.0; seed=0;
 * resampling=iid(); targetTransform=IDENTITY; precision=FLOAT; nonNegative=false;
 * solveForm=AUTO}); checkpoints compare it to refuse members of other settings.
 *
 * <p>Thread safety: immutable. Equality: by value. Serializable (Java serialization), for
 * shipping to cluster workers; the serialized form is not a storage format (use {@link
 * ModelFiles}).
 */
public final class EnsembleSettings implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The builder's marker for an estimator count not set. */
  private static final int UNSET_INT = -1;

  private static final EnsembleSettings DEFAULTS = newBuilder().build();

  private final int estimators;
  private final double alpha;
  private final long seed;
  private final Resampling resampling;
  private final TargetTransform targetTransform;
  private final Precision precision;
  private final boolean nonNegative;
  private final SolveForm solveForm;

  private EnsembleSettings(int estimators, double alpha, long seed, Resampling resampling,
      TargetTransform targetTransform, Precision precision, boolean nonNegative,
      SolveForm solveForm) {
    this.estimators = estimators;
    this.alpha = alpha;
    this.seed = seed;
    this.resampling = resampling;
    this.targetTransform = targetTransform;
    this.precision = precision;
    this.nonNegative = nonNegative;
    this.solveForm = solveForm;
  }

  /**
   * A builder with every setting unset (defaults: 1,000 estimators, alpha 1.0, seed 0 (for
   * {@code sklearnCompatible} resampling, its random state), {@link Resampling#iid()}, {@link
   * TargetTransform#IDENTITY}, {@link Precision#FLOAT}, unconstrained coefficients, the solve form
   * chosen per fit).
   *
   * @return a new builder
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * The default settings.
   *
   * @return the settings of {@code newBuilder().build()}
   */
  public static EnsembleSettings defaults() {
    return DEFAULTS;
  }

  /**
   * The number of members a fit makes (of a model: the members it holds).
   *
   * @return the estimator count
   */
  public int estimators() {
    return estimators;
  }

  /**
   * The Ridge penalty.
   *
   * @return alpha
   */
  public double alpha() {
    return alpha;
  }

  /**
   * The seed of the members' draws (for {@code sklearnCompatible} resampling, its random state).
   *
   * @return the seed
   */
  public long seed() {
    return seed;
  }

  /**
   * How members draw their rows.
   *
   * @return the resampling scheme
   */
  public Resampling resampling() {
    return resampling;
  }

  /**
   * The scale members are fitted on.
   *
   * @return the target transform
   */
  public TargetTransform targetTransform() {
    return targetTransform;
  }

  /**
   * How the coefficients are stored.
   *
   * @return the precision
   */
  public Precision precision() {
    return precision;
  }

  /**
   * Whether coefficients are constrained to be {@code >= 0}.
   *
   * @return true for non-negative members
   */
  public boolean nonNegative() {
    return nonNegative;
  }

  /**
   * The solve form: for an ensemble the one asked for ({@code AUTO}: chosen per fit), for a
   * model the one its members were solved in.
   *
   * @return the solve form
   */
  public SolveForm solveForm() {
    return solveForm;
  }

  /**
   * These settings with another estimator count: for example the settings of a chunk of a
   * larger fit, or of the whole fit a chunk belongs to.
   *
   * @param count the estimator count, {@code >= 1}
   * @return settings equal to these but for the count
   * @throws IllegalArgumentException if {@code count < 1}
   */
  public EnsembleSettings withEstimators(int count) {
    Checks.atLeast(count, 1, "estimators");
    return new EnsembleSettings(count, alpha, seed, resampling, targetTransform, precision,
        nonNegative, solveForm);
  }

  /**
   * These settings with another seed, for the many small fits of a backtest or a coverage study.
   * For {@code sklearnCompatible} resampling the seed is the random state, so its low 32 bits
   * become the new random state.
   */
  EnsembleSettings withSeed(long newSeed) {
    if (resampling.kind() == Resampling.Kind.SKLEARN) {
      long state = newSeed & 0xFFFF_FFFFL;
      return new EnsembleSettings(estimators, alpha, state,
          Resampling.sklearnCompatible(state, resampling.sklearnWeighting()), targetTransform,
          precision, nonNegative, solveForm);
    }
    return new EnsembleSettings(estimators, alpha, newSeed, resampling, targetTransform,
        precision, nonNegative, solveForm);
  }

  /** These settings with the solve form a fit resolved. */
  EnsembleSettings withSolveForm(SolveForm form) {
    return form == solveForm ? this : new EnsembleSettings(estimators, alpha, seed, resampling,
        targetTransform, precision, nonNegative, form);
  }

  // ------------------------------------------------------------------------- file encoding

  /** Codes of the model file's enumerations: the index in these arrays, fixed by the format. */
  private static final TargetTransform[] TRANSFORMS = {
    TargetTransform.IDENTITY, TargetTransform.LOG, TargetTransform.LOG1P
  };
  private static final SolveForm[] FORMS = {SolveForm.AUTO, SolveForm.PRIMAL, SolveForm.DUAL};
  private static final Resampling.Kind[] KINDS = {
    Resampling.Kind.IID, Resampling.Kind.POISSON, Resampling.Kind.MOVING_BLOCK,
    Resampling.Kind.CIRCULAR_BLOCK, Resampling.Kind.STATIONARY_BLOCK, Resampling.Kind.SKLEARN
  };
  /** Code 0 is "not scikit-learn". */
  private static final SklearnWeighting[] WEIGHTINGS = {
    null, SklearnWeighting.LEGACY, SklearnWeighting.PROBABILITY
  };
  private static final long MAX_RANDOM_STATE = 0xFFFF_FFFFL;

  /**
   * Writes the settings into a model file header that starts at {@code base} of {@code b}
   * (absolute puts; the layout is in {@code docs/model-files.md}): estimators at 0 (the members,
   * which the header also calls its shape), precision's bytes per number at 12, the target
   * transform, non-negative flag, solve form, resampling kind and scikit-learn weighting codes at
   * 13..17, the block length at 20, alpha at 24, the seed at 32, the mean block length at 40 and
   * the random state at 48. Bytes 4..11 (features, training rows) and 18..19 belong to the file.
   */
  void encode(ByteBuffer b, int base) {
    Resampling.Kind kind = resampling.kind();
    b.putInt(base, estimators);
    b.put(base + 12, (byte) precision.bytes());
    b.put(base + 13, (byte) indexOf(TRANSFORMS, targetTransform));
    b.put(base + 14, (byte) (nonNegative ? 1 : 0));
    b.put(base + 15, (byte) indexOf(FORMS, solveForm));
    b.put(base + 16, (byte) indexOf(KINDS, kind));
    b.put(base + 17, (byte) (kind == Resampling.Kind.SKLEARN
        ? indexOf(WEIGHTINGS, resampling.sklearnWeighting()) : 0));
    boolean blocks = kind == Resampling.Kind.MOVING_BLOCK || kind == Resampling.Kind.CIRCULAR_BLOCK;
    b.putInt(base + 20, blocks ? resampling.blockLength() : 0);
    b.putDouble(base + 24, alpha);
    b.putLong(base + 32, seed);
    b.putDouble(base + 40, kind == Resampling.Kind.STATIONARY_BLOCK
        ? resampling.meanBlockLength() : 0.0);
    b.putLong(base + 48, kind == Resampling.Kind.SKLEARN ? resampling.randomState() : 0L);
  }

  /**
   * Reads and checks settings written by {@link #encode} at offset 0 of {@code h}, for a model
   * of {@code trainingRows} rows.
   *
   * @throws IllegalArgumentException naming the field that is out of range
   */
  static EnsembleSettings decode(ByteBuffer h, int trainingRows) {
    int estimators = h.getInt(0);
    int bytes = h.get(12);
    TargetTransform transform = code(TRANSFORMS, h.get(13), "target transform");
    int nonNegative = h.get(14);
    SolveForm form = code(FORMS, h.get(15), "solve form");
    Resampling.Kind kind = code(KINDS, h.get(16), "resampling kind");
    int weightingCode = h.get(17);
    int blockLength = h.getInt(20);
    double alpha = h.getDouble(24);
    long seed = h.getLong(32);
    double meanBlockLength = h.getDouble(40);
    long randomState = h.getLong(48);
    require(estimators >= 1, "members " + estimators + " (expected: >= 1)");
    require(bytes == Float.BYTES || bytes == Double.BYTES,
        "bytes per number " + bytes + " (expected: 4 or 8)");
    require(nonNegative == 0 || nonNegative == 1,
        "non-negative flag " + nonNegative + " (expected: 0 or 1)");
    require(alpha >= 0 && alpha < Double.POSITIVE_INFINITY,
        "alpha " + alpha + " (expected: finite and >= 0)");
    require(!(form == SolveForm.DUAL && (alpha == 0 || nonNegative == 1)),
        "solve form DUAL with alpha " + alpha + " and non-negative " + (nonNegative == 1)
            + " (expected: alpha > 0 and unconstrained)");
    boolean blocks = kind == Resampling.Kind.MOVING_BLOCK || kind == Resampling.Kind.CIRCULAR_BLOCK;
    boolean stationary = kind == Resampling.Kind.STATIONARY_BLOCK;
    boolean sklearn = kind == Resampling.Kind.SKLEARN;
    require(blocks ? blockLength >= 1 && blockLength <= trainingRows : blockLength == 0,
        "block length " + blockLength + " for " + kind + " (expected: " + (blocks
            ? "1 .. training rows " + trainingRows : "0") + ")");
    require(stationary ? meanBlockLength >= 1 && meanBlockLength <= trainingRows
            : Double.doubleToRawLongBits(meanBlockLength) == 0,
        "mean block length " + meanBlockLength + " for " + kind + " (expected: " + (stationary
            ? "1 .. training rows " + trainingRows : "0") + ")");
    require(sklearn ? weightingCode == 1 || weightingCode == 2 : weightingCode == 0,
        "scikit-learn weighting code " + weightingCode + " for " + kind + " (expected: "
            + (sklearn ? "1 or 2" : "0") + ")");
    require(sklearn ? randomState >= 0 && randomState <= MAX_RANDOM_STATE
            && seed == randomState : randomState == 0,
        "random state " + randomState + " with seed " + seed + " for " + kind + " (expected: "
            + (sklearn ? "0 .. 4294967295, equal to the seed" : "0") + ")");
    Resampling resampling;
    switch (kind) {
      case IID:
        resampling = Resampling.iid();
        break;
      case POISSON:
        resampling = Resampling.poisson();
        break;
      case MOVING_BLOCK:
        resampling = Resampling.movingBlock(blockLength);
        break;
      case CIRCULAR_BLOCK:
        resampling = Resampling.circularBlock(blockLength);
        break;
      case STATIONARY_BLOCK:
        resampling = Resampling.stationary(meanBlockLength);
        break;
      default:
        resampling = Resampling.sklearnCompatible(randomState, WEIGHTINGS[weightingCode]);
        break;
    }
    return new EnsembleSettings(estimators, alpha, seed, resampling, transform,
        bytes == Float.BYTES ? Precision.FLOAT : Precision.DOUBLE, nonNegative == 1, form);
  }

  private static <T> int indexOf(T[] codes, T value) {
    for (int i = 0; i < codes.length; i++) {
      if (codes[i] == value) {
        return i;
      }
    }
    throw new IllegalStateException("no format code for " + value);
  }

  private static <T> T code(T[] codes, int code, String what) {
    require(code >= 0 && code < codes.length && codes[code] != null,
        what + " code " + code + " (expected: 0 .. " + (codes.length - 1) + ")");
    return codes[code];
  }

  private static void require(boolean ok, String what) {
    if (!ok) {
      throw new IllegalArgumentException(what);
    }
  }

  // ------------------------------------------------------------------------------ value

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof EnsembleSettings)) {
      return false;
    }
    EnsembleSettings that = (EnsembleSettings) o;
    return estimators == that.estimators
        && Double.compare(alpha, that.alpha) == 0
        && seed == that.seed
        && resampling.equals(that.resampling)
        && targetTransform == that.targetTransform
        && precision == that.precision
        && nonNegative == that.nonNegative
        && solveForm == that.solveForm;
  }

  @Override
  public int hashCode() {
    return Objects.hash(estimators, alpha, seed, resampling, targetTransform, precision,
        nonNegative, solveForm);
  }

  /**
   * The text form: {@code estimators=1000; alpha=1.0; seed=0; resampling=iid();
   * targetTransform=IDENTITY; precision=FLOAT; nonNegative=false; solveForm=AUTO}.
   */
  @Override
  public String toString() {
    return "estimators=" + estimators + "; alpha=" + alpha + "; seed=" + seed + "; resampling="
        + resampling + "; targetTransform=" + targetTransform + "; precision=" + precision
        + "; nonNegative=" + nonNegative + "; solveForm=" + solveForm;
  }

  /**
   * Builds {@link EnsembleSettings}. Each setting can be set once (a second call throws {@link
   * IllegalStateException} naming the value already set); unset settings take their defaults in
   * {@link #build()}, which can be called any number of times.
   *
   * <p>Thread safety: not thread-safe.
   */
  public static final class Builder {
    private int estimators = UNSET_INT;
    private double alpha = Double.NaN;
    private long seed;
    private boolean seedSet;
    private Resampling resampling;
    private TargetTransform targetTransform;
    private Precision precision;
    private Boolean nonNegative;
    private SolveForm solveForm;

    private Builder() {}

    /**
     * The number of members (default 1,000).
     *
     * @param estimators at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code estimators < 1}
     * @throws IllegalStateException if already set
     */
    public Builder estimators(int estimators) {
      Checks.unset(this.estimators == UNSET_INT, "estimators", this.estimators);
      this.estimators = Checks.atLeast(estimators, 1, "estimators");
      return this;
    }

    /**
     * The Ridge penalty {@code alpha |beta|^2} of every member, on the raw (unscaled) coefficients
     * and not rescaled by the weights, as scikit-learn's {@code Ridge} (default 1.0). With {@code
     * 0} members whose features are collinear fail.
     *
     * @param alpha finite and {@code >= 0}
     * @return this builder
     * @throws IllegalArgumentException if {@code alpha} is NaN, infinite or negative
     * @throws IllegalStateException if already set
     */
    public Builder alpha(double alpha) {
      Checks.unset(Double.isNaN(this.alpha), "alpha", this.alpha);
      this.alpha = Checks.nonNegativeFinite(alpha, "alpha");
      return this;
    }

    /**
     * The seed of the members' draws (default 0). Member {@code k}'s draw depends only on the seed
     * and {@code k}.
     *
     * @param seed any value
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder seed(long seed) {
      Checks.unset(!seedSet, "seed", this.seed);
      this.seed = seed;
      this.seedSet = true;
      return this;
    }

    /**
     * How members draw their rows (default {@link Resampling#iid()}).
     *
     * @param resampling the scheme
     * @return this builder
     * @throws NullPointerException if {@code resampling} is null
     * @throws IllegalStateException if already set
     */
    public Builder resampling(Resampling resampling) {
      Checks.unset(this.resampling == null, "resampling", this.resampling);
      this.resampling = Objects.requireNonNull(resampling, "resampling");
      return this;
    }

    /**
     * The scale members are fitted on (default {@link TargetTransform#IDENTITY}).
     *
     * @param targetTransform the transform
     * @return this builder
     * @throws NullPointerException if {@code targetTransform} is null
     * @throws IllegalStateException if already set
     */
    public Builder targetTransform(TargetTransform targetTransform) {
      Checks.unset(this.targetTransform == null, "targetTransform", this.targetTransform);
      this.targetTransform = Objects.requireNonNull(targetTransform, "targetTransform");
      return this;
    }

    /**
     * How coefficients are stored (default {@link Precision#FLOAT}).
     *
     * @param precision the precision
     * @return this builder
     * @throws NullPointerException if {@code precision} is null
     * @throws IllegalStateException if already set
     */
    public Builder precision(Precision precision) {
      Checks.unset(this.precision == null, "precision", this.precision);
      this.precision = Objects.requireNonNull(precision, "precision");
      return this;
    }

    /**
     * Whether coefficients are constrained to be {@code >= 0}, as scikit-learn's {@code
     * Ridge(positive=True)} (default false). Such members are solved exactly by an active-set
     * method in the primal form.
     *
     * @param nonNegative true to constrain
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder nonNegative(boolean nonNegative) {
      Checks.unset(this.nonNegative == null, "nonNegative", this.nonNegative);
      this.nonNegative = nonNegative;
      return this;
    }

    /**
     * Forces the form members are solved in (default {@code AUTO}: primal when the features are at
     * most the rows a member is expected to draw, else dual). Both give the same members to
     * rounding; forcing is for comparisons and benchmarks.
     *
     * @param solveForm the form
     * @return this builder
     * @throws NullPointerException if {@code solveForm} is null
     * @throws IllegalStateException if already set
     */
    public Builder solveForm(SolveForm solveForm) {
      Checks.unset(this.solveForm == null, "solveForm", this.solveForm);
      this.solveForm = Objects.requireNonNull(solveForm, "solveForm");
      return this;
    }

    /** Whether any setting was set: a builder that takes whole settings refuses single ones. */
    boolean anySet() {
      return estimators != UNSET_INT || !Double.isNaN(alpha) || seedSet || resampling != null
          || targetTransform != null || precision != null || nonNegative != null
          || solveForm != null;
    }

    /**
     * The settings, with defaults for those not set. Side-effect free: may be called again.
     *
     * @return the settings
     * @throws IllegalStateException if settings conflict: a seed that differs from a {@code
     *     sklearnCompatible} random state, {@code solveForm(DUAL)} with {@code alpha(0)}, or a
     *     forced {@code DUAL} form with {@code nonNegative(true)}
     */
    public EnsembleSettings build() {
      if (seedSet && resampling != null && resampling.kind() == Resampling.Kind.SKLEARN
          && seed != resampling.randomState()) {
        throw new IllegalStateException(
            "seed: set to " + seed + ", but resampling " + resampling
                + " carries its own random state (expected: no seed, or the same value)");
      }
      if (solveForm == SolveForm.DUAL && alpha == 0) {
        throw new IllegalStateException(
            "solveForm: DUAL needs alpha > 0 (alpha was set to 0.0)");
      }
      if (solveForm == SolveForm.DUAL && nonNegative != null && nonNegative) {
        throw new IllegalStateException(
            "solveForm: DUAL conflicts with nonNegative(true), which solves in the primal form");
      }
      Resampling r = resampling == null ? Resampling.iid() : resampling;
      long s = seedSet ? seed : r.kind() == Resampling.Kind.SKLEARN ? r.randomState() : 0L;
      return new EnsembleSettings(estimators == UNSET_INT ? 1000 : estimators,
          Double.isNaN(alpha) ? 1.0 : alpha, s, r,
          targetTransform == null ? TargetTransform.IDENTITY : targetTransform,
          precision == null ? Precision.FLOAT : precision, nonNegative != null && nonNegative,
          solveForm == null ? SolveForm.AUTO : solveForm);
    }
  }
}
