package io.rila.bootstrap.internal;

import io.rila.core.internal.ChunkedTasks;
import io.rila.core.internal.RidgeKernel;
import io.rila.core.internal.RidgeWorkspace;
import io.rila.core.regression.SolveForm;
import java.util.function.Supplier;

/**
 * The members of one bootstrap Ridge fit as a {@link ChunkedTasks} job: member {@code k} draws its
 * counts {@code c}, forms the row weights {@code v = w * c} (or {@code v = c} when the weights
 * only steer the draw), solves the weighted Ridge problem in a per-thread {@link RidgeWorkspace}
 * and writes its coefficients and intercept into row {@code k} of a member-major array of stride
 * {@code features + 1}. Nothing is allocated per member.
 *
 * <p>A draw whose rows all have weight zero (possible only with zero sample weights or Poisson
 * counts) has no Ridge fit; the member then draws again from its own stream ({@link
 * MemberDraws}, the rule the out-of-bag sets are recomputed by), up to {@value
 * #MAX_DRAWS} times, so the result still depends only on the seed and the member.
 *
 * <p>Internal API: not covered by compatibility guarantees.
 */
public final class TrainingJob implements Supplier<ChunkedTasks.Worker> {

  /** Draws tried per member before a fit gives up on a resample with positive weight. */
  public static final int MAX_DRAWS = 1000;

  private final RidgeKernel kernel;
  private final double[] weights;
  private final double alpha;
  private final SolveForm form;
  private final boolean nonNegative;
  private final Supplier<CountSampler> samplers;
  private final MemberBlock block;
  private final int firstMember;
  private final int features;

  /**
   * A job for the members from 0 writing into {@code block}.
   *
   * @param kernel the data (features and the target on the model's scale)
   * @param weights row weights multiplied into the counts, or null for none
   * @param alpha the penalty
   * @param form the solve form ({@code AUTO} chooses per member)
   * @param nonNegative whether coefficients are constrained to be {@code >= 0}
   * @param samplers makes one count sampler per worker
   * @param block the output
   */
  public TrainingJob(
      RidgeKernel kernel, double[] weights, double alpha, SolveForm form, boolean nonNegative,
      Supplier<CountSampler> samplers, MemberBlock block) {
    this(kernel, weights, alpha, form, nonNegative, samplers, block, 0);
  }

  /**
   * A job for the members from {@code firstMember} writing into {@code block}, member {@code
   * firstMember + i} at its member {@code i}.
   *
   * @param kernel the data (features and the target on the model's scale)
   * @param weights row weights multiplied into the counts, or null for none
   * @param alpha the penalty
   * @param form the solve form ({@code AUTO} chooses per member)
   * @param nonNegative whether coefficients are constrained to be {@code >= 0}
   * @param samplers makes one count sampler per worker
   * @param block the output
   * @param firstMember the member the runner's index 0 stands for, {@code >= 0}
   */
  public TrainingJob(
      RidgeKernel kernel, double[] weights, double alpha, SolveForm form, boolean nonNegative,
      Supplier<CountSampler> samplers, MemberBlock block, int firstMember) {
    this.kernel = kernel;
    this.weights = weights;
    this.alpha = alpha;
    this.form = form;
    this.nonNegative = nonNegative;
    this.samplers = samplers;
    this.block = block;
    this.firstMember = firstMember;
    this.features = kernel.features();
  }

  @Override
  public ChunkedTasks.Worker get() {
    return new Fitter();
  }

  /** One thread's buffers. */
  private final class Fitter implements ChunkedTasks.Worker {
    private final RidgeWorkspace workspace = kernel.newWorkspace();
    private final CountSampler sampler = samplers.get();
    private final int[] counts = new int[kernel.rows()];
    private final double[] v = new double[kernel.rows()];
    private final double[] beta = new double[features];

    @Override
    public void run(int index) {
      if (!MemberDraws.draw(sampler, firstMember + index, counts, weights, v)) {
        throw new IllegalArgumentException(
            "weights: " + MAX_DRAWS + " resamples in a row drew only rows of weight zero"
                + " (expected: enough rows with a positive weight)");
      }
      double intercept =
          nonNegative
              ? workspace.solveNonNegative(v, alpha, beta)
              : workspace.solve(v, alpha, form, beta);
      store(index, intercept);
    }

    private void store(int index, double intercept) {
      for (int j = 0; j < features; j++) {
        if (!Double.isFinite(beta[j])) {
          throw new IllegalArgumentException(
              "coefficient " + j + ": " + beta[j] + " (expected: finite; the member's system is"
                  + " too ill-conditioned for alpha = " + alpha + ")");
        }
      }
      if (!Double.isFinite(intercept)) {
        throw new IllegalArgumentException(
            "intercept: " + intercept + " (expected: finite)");
      }
      block.setMember(index, beta, intercept);
    }
  }
}
