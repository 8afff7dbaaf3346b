package io.rila.bootstrap;

import io.rila.bootstrap.internal.LinearModelSimulation;
import io.rila.core.internal.Checks;
import io.rila.core.internal.ChunkedTasks;
import io.rila.core.random.MemberRandom;
import io.rila.core.stats.Quantiles;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Monte Carlo calibration study of an ensemble's percentile intervals: data sets are drawn from
 * a known linear model, the ensemble is fitted to each, and the study records how often its
 * central interval covers the true mean response at a new row and each true coefficient.
 *
 * <pre>{@code
 * CoverageStudy study = CoverageStudy.newBuilder()
 *     .rows(100)
 *     .coefficients(1.0, -0.5, 0.25)
 *     .noiseAutocorrelation(0.6)          // AR(1) noise
 *     .featureAutocorrelation(0.6)        // AR(1) features
 *     .replications(200)
 *     .seed(1)
 *     .build();
 * CoverageResult iid = study.run(BootstrapRidgeEnsemble.newBuilder().estimators(1000).build());
 * CoverageResult blocks = study.run(BootstrapRidgeEnsemble.newBuilder().estimators(1000)
 *     .resampling(Resampling.movingBlock(8)).build());
 * System.out.println(iid.coverage() + " +- " + iid.standardError());
 * }</pre>
 *
 * <p><b>The model.</b> {@code y_t = intercept + x_t . beta + u_t}, {@code t = 0 .. rows - 1}, with
 * {@code p = coefficients.length} features, each a stationary AR(1) series of unit variance and
 * lag-1 autocorrelation {@code featureAutocorrelation}, and noise that is a stationary AR(1) series
 * of standard deviation {@code noiseSd} and lag-1 autocorrelation {@code noiseAutocorrelation}
 * (normal innovations). The new row is the next step of the feature series, {@code x_rows}; its
 * true mean response is {@code intercept + x_rows . beta}.
 *
 * <p><b>One replication.</b> Replication {@code r} draws its data from {@code MemberRandom(seed,
 * 2r)} and fits a copy of the ensemble whose seed is {@code new MemberRandom(ensemble.seed(), 2r +
 * 1).nextLong()} (for {@code sklearnCompatible}, its low 32 bits as the random state), so
 * replications are independent in data and in bootstrap draws, and two ensembles run on one study
 * see the same data sets (a paired comparison). The interval of level {@code L} runs from the
 * members' {@code (1 - L) / 2} to their {@code (1 + L) / 2} quantile (numpy {@code linear}), for
 * the prediction at the new row and for each coefficient; ends count as inside. The ensemble must
 * use {@link TargetTransform#IDENTITY}; its alpha applies as configured, so with {@code alpha > 0}
 * the members estimate slightly shrunken coefficients (with unit-variance features and {@code n}
 * rows, by about a factor {@code n / (n + alpha)}).
 *
 * <p><b>Parallelism.</b> Replications run in parallel on the executor (default {@link
 * ForkJoinPool#commonPool()}), each fitting its members on the thread that runs it; the result is
 * identical for every executor. Interrupting the calling thread stops the study between members.
 *
 * <p>Thread safety: immutable; {@code run} may be called concurrently. Allocation: per thread, one
 * data set and one ensemble at a time; the result holds {@code 2 (p + 1) replications} doubles.
 */
public final class CoverageStudy {

  private static final Logger LOG = LoggerFactory.getLogger(CoverageStudy.class);

  private static final int UNSET = -1;

  private final int rows;
  private final double[] coefficients;
  private final double intercept;
  private final double noiseSd;
  private final double noiseAutocorrelation;
  private final double featureAutocorrelation;
  private final int replications;
  private final double level;
  private final long seed;
  private final Executor executor;

  private CoverageStudy(Builder b) {
    this.coefficients = b.coefficients == null ? new double[] {1.0, -0.5, 0.25} : b.coefficients;
    this.rows = b.rows == UNSET ? 100 : b.rows;
    this.intercept = Double.isNaN(b.intercept) ? 1.0 : b.intercept;
    this.noiseSd = Double.isNaN(b.noiseSd) ? 1.0 : b.noiseSd;
    this.noiseAutocorrelation =
        Double.isNaN(b.noiseAutocorrelation) ? 0.0 : b.noiseAutocorrelation;
    this.featureAutocorrelation =
        Double.isNaN(b.featureAutocorrelation) ? 0.0 : b.featureAutocorrelation;
    this.replications = b.replications == UNSET ? 200 : b.replications;
    this.level = Double.isNaN(b.level) ? 0.95 : b.level;
    this.seed = b.seedSet ? b.seed : 0L;
    this.executor = b.executor == null ? ForkJoinPool.commonPool() : b.executor;
  }

  /**
   * A builder with every option unset (defaults: 100 rows, coefficients {@code 1.0, -0.5, 0.25},
   * intercept 1.0, noise standard deviation 1.0, no autocorrelation, 200 replications, level 0.95,
   * seed 0, {@link ForkJoinPool#commonPool()}).
   *
   * @return a new builder
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Runs the study for one ensemble configuration.
   *
   * @param ensemble the settings every replication's fit uses (members, alpha, resampling, ...)
   * @return the coverage of the mean response and of each coefficient
   * @throws NullPointerException if {@code ensemble} is null
   * @throws IllegalArgumentException if the ensemble's target transform is not {@code IDENTITY}
   *     or a block of its resampling is longer than the rows
   * @throws CancellationException if the calling thread was interrupted
   * @throws IllegalStateException if a fit fails (the message names the replication)
   */
  public CoverageResult run(BootstrapRidgeEnsemble ensemble) {
    Objects.requireNonNull(ensemble, "ensemble");
    if (ensemble.targetTransform() != TargetTransform.IDENTITY) {
      throw new IllegalArgumentException("ensemble: targetTransform " + ensemble.targetTransform()
          + " (expected: IDENTITY; the study simulates the response on the model's scale)");
    }
    ensemble.resampling().checkRows(rows);
    int p = coefficients.length;
    int members = ensemble.estimators();
    double[] levels = {(1 - level) / 2, (1 + level) / 2};
    double[][] lower = new double[p + 1][replications];
    double[][] upper = new double[p + 1][replications];
    double[][] truth = new double[p + 1][replications];
    Supplier<ChunkedTasks.Worker> workers = () -> new ChunkedTasks.Worker() {
      private final LinearModelSimulation simulation = new LinearModelSimulation(
          intercept, coefficients, noiseSd, noiseAutocorrelation, featureAutocorrelation);
      private final double[][] x = new double[rows][p];
      private final double[] y = new double[rows];
      private final double[] next = new double[p];
      private final double[] values = new double[members];
      private final double[] ends = new double[2];

      @Override
      public void run(int r) {
        double mean = simulation.draw(seed, 2L * r, x, y, next);
        long memberSeed = new MemberRandom(ensemble.seed(), 2L * r + 1).nextLong();
        EnsembleModel model = ensemble.withSeedAndExecutor(memberSeed, Runnable::run).fit(x, y);
        model.memberPredictions(next, values);
        record(0, r, mean);
        for (int j = 0; j < p; j++) {
          model.coefficients().copyFeature(j, values);
          record(j + 1, r, coefficients[j]);
        }
      }

      private void record(int target, int r, double truthValue) {
        Quantiles.linearInPlace(values, 0, members, levels, ends);
        lower[target][r] = ends[0];
        upper[target][r] = ends[1];
        truth[target][r] = truthValue;
      }
    };
    long started = System.nanoTime();
    try {
      ChunkedTasks.run(replications, 1, executor, ChunkedTasks.helpers(executor), workers,
          ensemble.progressEvents(), () -> false, true);
    } catch (ChunkedTasks.TaskFailure e) {
      Throwable cause = e.getCause();
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      if (cause instanceof CancellationException) {
        throw (CancellationException) cause;
      }
      throw new IllegalStateException(
          "replication " + e.task() + ": " + cause.getMessage(), cause);
    }
    LOG.info("coverage study: {} replications of {} rows, {} members each, {} s", replications,
        rows, members, String.format(Locale.ROOT, "%.3f", (System.nanoTime() - started) / 1e9));
    return new CoverageResult(level, members, ensemble.resampling(), lower, upper, truth);
  }

  /** Such as {@code CoverageStudy[rows=100, coefficients=[1.0, -0.5, 0.25], ...]}. */
  @Override
  public String toString() {
    return "CoverageStudy[rows=" + rows + ", coefficients=" + Arrays.toString(coefficients)
        + ", intercept=" + intercept + ", noiseSd=" + noiseSd + ", noiseAutocorrelation="
        + noiseAutocorrelation + ", featureAutocorrelation=" + featureAutocorrelation
        + ", replications=" + replications + ", level=" + level + ", seed=" + seed + "]";
  }

  /**
   * Settings of a {@link CoverageStudy}. Each option can be set once (a second call throws {@link
   * IllegalStateException} naming the value already set); unset options take their defaults in
   * {@link #build()}, which can be called any number of times.
   *
   * <p>Thread safety: not thread-safe.
   */
  public static final class Builder {
    private int rows = UNSET;
    private double[] coefficients;
    private double intercept = Double.NaN;
    private double noiseSd = Double.NaN;
    private double noiseAutocorrelation = Double.NaN;
    private double featureAutocorrelation = Double.NaN;
    private int replications = UNSET;
    private double level = Double.NaN;
    private long seed;
    private boolean seedSet;
    private Executor executor;

    private Builder() {}

    /**
     * The rows of each simulated data set (default 100).
     *
     * @param rows at least the number of coefficients plus 2 (checked in {@link #build()})
     * @return this builder
     * @throws IllegalArgumentException if {@code rows < 3}
     * @throws IllegalStateException if already set
     */
    public Builder rows(int rows) {
      Checks.unset(this.rows == UNSET, "rows", this.rows);
      this.rows = Checks.atLeast(rows, 3, "rows");
      return this;
    }

    /**
     * The true coefficients, one per feature (default {@code 1.0, -0.5, 0.25}).
     *
     * @param coefficients at least one finite value
     * @return this builder
     * @throws NullPointerException if {@code coefficients} is null
     * @throws IllegalArgumentException if {@code coefficients} is empty or holds NaN or an infinity
     * @throws IllegalStateException if already set
     */
    public Builder coefficients(double... coefficients) {
      Checks.unset(this.coefficients == null, "coefficients",
          Arrays.toString(this.coefficients));
      Checks.finite(coefficients, "coefficients");
      if (coefficients.length == 0) {
        throw new IllegalArgumentException("coefficients: empty (expected: at least one)");
      }
      this.coefficients = coefficients.clone();
      return this;
    }

    /**
     * The true intercept (default 1.0).
     *
     * @param intercept finite
     * @return this builder
     * @throws IllegalArgumentException if {@code intercept} is NaN or infinite
     * @throws IllegalStateException if already set
     */
    public Builder intercept(double intercept) {
      Checks.unset(Double.isNaN(this.intercept), "intercept", this.intercept);
      this.intercept = Checks.finite(intercept, "intercept");
      return this;
    }

    /**
     * The noise's standard deviation (default 1.0).
     *
     * @param noiseSd finite and {@code > 0}
     * @return this builder
     * @throws IllegalArgumentException if {@code noiseSd} is NaN, infinite or {@code <= 0}
     * @throws IllegalStateException if already set
     */
    public Builder noiseSd(double noiseSd) {
      Checks.unset(Double.isNaN(this.noiseSd), "noiseSd", this.noiseSd);
      this.noiseSd = Checks.positiveFinite(noiseSd, "noiseSd");
      return this;
    }

    /**
     * The noise's lag-1 autocorrelation, an AR(1) coefficient (default 0: independent noise).
     *
     * @param phi {@code -1 < phi < 1}
     * @return this builder
     * @throws IllegalArgumentException if {@code phi} is NaN or outside {@code (-1, 1)}
     * @throws IllegalStateException if already set
     */
    public Builder noiseAutocorrelation(double phi) {
      Checks.unset(Double.isNaN(this.noiseAutocorrelation), "noiseAutocorrelation",
          this.noiseAutocorrelation);
      this.noiseAutocorrelation = checkPhi(phi, "noiseAutocorrelation");
      return this;
    }

    /**
     * Every feature's lag-1 autocorrelation, an AR(1) coefficient (default 0: independent rows).
     *
     * @param phi {@code -1 < phi < 1}
     * @return this builder
     * @throws IllegalArgumentException if {@code phi} is NaN or outside {@code (-1, 1)}
     * @throws IllegalStateException if already set
     */
    public Builder featureAutocorrelation(double phi) {
      Checks.unset(Double.isNaN(this.featureAutocorrelation), "featureAutocorrelation",
          this.featureAutocorrelation);
      this.featureAutocorrelation = checkPhi(phi, "featureAutocorrelation");
      return this;
    }

    private static double checkPhi(double phi, String name) {
      if (!(phi > -1 && phi < 1)) {
        throw new IllegalArgumentException(name + ": " + phi + " (expected: -1 < phi < 1)");
      }
      return phi;
    }

    /**
     * The number of simulated data sets (default 200). The Monte Carlo standard error of a
     * coverage near 0.95 is about {@code 0.22 / sqrt(replications)}.
     *
     * @param replications {@code >= 1}
     * @return this builder
     * @throws IllegalArgumentException if {@code replications < 1}
     * @throws IllegalStateException if already set
     */
    public Builder replications(int replications) {
      Checks.unset(this.replications == UNSET, "replications", this.replications);
      this.replications = Checks.atLeast(replications, 1, "replications");
      return this;
    }

    /**
     * The nominal level of the central percentile interval (default 0.95).
     *
     * @param level {@code 0 < level < 1}
     * @return this builder
     * @throws IllegalArgumentException if {@code level} is NaN or outside {@code (0, 1)}
     * @throws IllegalStateException if already set
     */
    public Builder level(double level) {
      Checks.unset(Double.isNaN(this.level), "level", this.level);
      if (!(level > 0 && level < 1)) {
        throw new IllegalArgumentException("level: " + level + " (expected: 0 < level < 1)");
      }
      this.level = level;
      return this;
    }

    /**
     * The seed of the simulated data (default 0); the bootstrap draws take theirs from the
     * ensemble's seed.
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
     * Where replications run (default {@link ForkJoinPool#commonPool()}); never shut down by
     * rila.
     *
     * @param executor the executor
     * @return this builder
     * @throws NullPointerException if {@code executor} is null
     * @throws IllegalStateException if already set
     */
    public Builder executor(Executor executor) {
      Checks.unset(this.executor == null, "executor", this.executor);
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * The study with these settings and defaults for the rest. Side-effect free.
     *
     * @return a new study
     * @throws IllegalStateException if the rows are fewer than the coefficients plus 2
     */
    public CoverageStudy build() {
      int p = coefficients == null ? 3 : coefficients.length;
      int n = rows == UNSET ? 100 : rows;
      if (n < p + 2) {
        throw new IllegalStateException("rows: " + n + " for " + p + " coefficients (expected: >= "
            + (p + 2) + ", more rows than an intercept and the coefficients)");
      }
      return new CoverageStudy(this);
    }
  }
}
