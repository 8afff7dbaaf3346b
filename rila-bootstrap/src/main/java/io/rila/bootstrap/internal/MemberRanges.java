package io.rila.bootstrap.internal;

import io.rila.bootstrap.BootstrapRidgeEnsemble;
import io.rila.bootstrap.CoefficientStore;
import io.rila.bootstrap.EnsembleModel;
import io.rila.bootstrap.Resampling;
import io.rila.bootstrap.TargetTransform;
import io.rila.core.regression.SolveForm;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Entry points for trainers that compute an ensemble's members in ranges on several machines
 * (rila-spark) and assemble the model afterwards: fit the members {@code [from, to)} of a fit,
 * assemble the model a whole fit would make from the ranges' coefficients, and rebuild a model
 * from its coefficients and settings. Member {@code k} depends only on the seed and {@code k}, so
 * ranges computed anywhere, in any order, give the same bits as one local fit.
 *
 * <p>The work is done by package-private code of {@code io.rila.bootstrap}, which installs itself
 * here when {@link BootstrapRidgeEnsemble} is initialised (the JDK's "shared secrets" pattern);
 * this keeps the public API of the engine unchanged.
 *
 * <p>Thread safety: all methods may be called concurrently. Internal API: not covered by
 * compatibility guarantees.
 */
public final class MemberRanges {

  /** What {@code io.rila.bootstrap} provides. */
  public interface Engine {
    /**
     * See {@link MemberRanges#check}.
     *
     * @param ensemble the settings
     * @param x the features
     * @param y the target
     * @param weights the sample weights, or null
     * @param transform whether {@code y} is on its own scale (else on the model's)
     * @return the target on the model's scale
     */
    double[] check(BootstrapRidgeEnsemble ensemble, double[][] x, double[] y, double[] weights,
        boolean transform);

    /**
     * See {@link MemberRanges#fit}.
     *
     * @param ensemble the settings
     * @param x the features
     * @param y the target
     * @param weights the sample weights, or null
     * @param transform whether {@code y} is on its own scale (else on the model's)
     * @param from the first member
     * @param to one past the last member
     * @return the members' store
     */
    CoefficientStore fit(BootstrapRidgeEnsemble ensemble, double[][] x, double[] y,
        double[] weights, boolean transform, int from, int to);

    /**
     * See {@link MemberRanges#assemble}.
     *
     * @param ensemble the settings
     * @param store every member
     * @param featureNames the names, or null
     * @param rows the training rows
     * @param weights the sample weights, or null
     * @return the model
     */
    EnsembleModel assemble(BootstrapRidgeEnsemble ensemble, CoefficientStore store,
        List<String> featureNames, int rows, double[] weights);

    /**
     * See {@link MemberRanges#model}.
     *
     * @param store the members
     * @param featureNames the names, or null
     * @param trainingRows the training rows
     * @param alpha the penalty
     * @param seed the seed
     * @param resampling the scheme
     * @param targetTransform the transform
     * @param nonNegative the constraint
     * @param solveForm the form
     * @param executor where batched predictions run
     * @return the model
     */
    EnsembleModel model(CoefficientStore store, List<String> featureNames, int trainingRows,
        double alpha, long seed, Resampling resampling, TargetTransform targetTransform,
        boolean nonNegative, SolveForm solveForm, Executor executor);
  }

  private static volatile Engine engine;

  private MemberRanges() {}

  /**
   * Called once by {@code io.rila.bootstrap}; later calls are ignored.
   *
   * @param implementation the engine
   */
  public static void install(Engine implementation) {
    if (engine == null) {
      engine = implementation;
    }
  }

  /**
   * Checks the data exactly as {@code ensemble.fit(x, y, weights)} (or {@code fitTransformed}
   * when {@code transform} is false) checks them, so that a distributed trainer can reject bad
   * data on the driver, with the local fit's messages, before it starts any task; and returns the
   * target on the model's scale, as the fit computes it (so that tasks can fit from it with
   * {@code transform} false and never evaluate the transform themselves: {@code Math.log} may
   * differ in the last bit between JVMs).
   *
   * @param ensemble the settings
   * @param x the features, {@code rows x features}, finite
   * @param y the target, one finite value per row
   * @param weights the sample weights, or null for equal weights
   * @param transform true when {@code y} is on its own scale, false when on the model's
   * @return a new array: the target on the model's scale
   * @throws NullPointerException if an argument or a row of {@code x} is null
   * @throws IllegalArgumentException as the fit (the message names the row and column)
   */
  public static double[] check(BootstrapRidgeEnsemble ensemble, double[][] x, double[] y,
      double[] weights, boolean transform) {
    return engine().check(ensemble, x, y, weights, transform);
  }

  /**
   * The members {@code from .. to - 1} of {@code ensemble.fit(x, y, weights)} (or of {@code
   * fitTransformed} when {@code transform} is false), bit for bit as the whole fit computes them,
   * in a store of {@code to - from} members, fitted on the ensemble's executor. The data are
   * checked as a whole fit checks them.
   *
   * @param ensemble the settings
   * @param x the features, {@code rows x features}, finite
   * @param y the target, one finite value per row
   * @param weights the sample weights, or null for equal weights
   * @param transform true when {@code y} is on its own scale and must be mapped with the
   *     ensemble's target transform, false when it is on the model's scale already
   * @param from the first member, {@code 0 <= from < to}
   * @param to one past the last member, {@code to <= ensemble.estimators()}
   * @return the members' coefficients and intercepts
   * @throws IllegalArgumentException if the range or the data are invalid, or a member's system
   *     has no solution (the message names the member)
   */
  public static CoefficientStore fit(BootstrapRidgeEnsemble ensemble, double[][] x, double[] y,
      double[] weights, boolean transform, int from, int to) {
    if (from < 0 || to > ensemble.estimators() || from >= to) {
      throw new IllegalArgumentException("members: [" + from + ", " + to + ") (expected: 0 <= from"
          + " < to <= " + ensemble.estimators() + ")");
    }
    return engine().fit(ensemble, x, y, weights, transform, from, to);
  }

  /**
   * The model that {@code ensemble}'s fit on {@code rows} rows with these weights makes from its
   * members: the same settings, solve form and executor, so that it equals a local fit's model.
   *
   * @param ensemble the settings
   * @param store every member, in member order
   * @param featureNames the feature names, or null for {@code x0, x1, ...}
   * @param rows the number of training rows
   * @param weights the sample weights of the fit (checked already), or null
   * @return the model
   */
  public static EnsembleModel assemble(BootstrapRidgeEnsemble ensemble, CoefficientStore store,
      List<String> featureNames, int rows, double[] weights) {
    return engine().assemble(ensemble, store, featureNames, rows, weights);
  }

  /**
   * A model with these coefficients and settings, as a fit or a model file would make it.
   *
   * @param store the members
   * @param featureNames the feature names ({@code store.features()} of them), or null for {@code
   *     x0, x1, ...}
   * @param trainingRows the number of training rows
   * @param alpha the penalty
   * @param seed the seed
   * @param resampling the scheme
   * @param targetTransform the transform
   * @param nonNegative whether the coefficients were constrained
   * @param solveForm the form the members were solved in
   * @param executor where batched predictions run
   * @return the model
   */
  public static EnsembleModel model(CoefficientStore store, List<String> featureNames,
      int trainingRows, double alpha, long seed, Resampling resampling,
      TargetTransform targetTransform, boolean nonNegative, SolveForm solveForm,
      Executor executor) {
    return engine().model(store, featureNames, trainingRows, alpha, seed, resampling,
        targetTransform, nonNegative, solveForm, executor);
  }

  private static Engine engine() {
    Engine e = engine;
    if (e == null) {
      try {
        Class.forName(BootstrapRidgeEnsemble.class.getName(), true,
            BootstrapRidgeEnsemble.class.getClassLoader());
      } catch (ClassNotFoundException impossible) {
        throw new IllegalStateException(impossible);
      }
      e = engine;
    }
    return e;
  }
}
