package io.rila.spark.internal;

import io.rila.bootstrap.CoefficientStore;
import io.rila.bootstrap.EnsembleModel;
import io.rila.bootstrap.EnsembleSettings;
import io.rila.bootstrap.Precision;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * An {@link EnsembleModel} in a form Java serialization can ship between driver and executors:
 * the coefficients bit for bit and every setting. The model rebuilt from it predicts exactly as
 * the original. On an executor, {@link #model()} builds the model (and, on first prediction, its
 * prediction layout) once per deserialized copy, which a broadcast shares between the tasks of
 * an executor.
 */
public final class ModelPayload implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int members;
  private final int features;
  private final float[] floats;
  private final double[] doubles;
  private final ArrayList<String> featureNames;
  private final int trainingRows;
  private final EnsembleSettings settings;
  private transient volatile EnsembleModel model;

  private ModelPayload(EnsembleModel m) {
    CoefficientStore store = m.coefficients();
    this.members = store.members();
    this.features = store.features();
    int length = members * (features + 1);
    if (store.precision() == Precision.FLOAT) {
      floats = new float[length];
      store.copyMembers(0, members, floats, 0);
      doubles = null;
    } else {
      doubles = new double[length];
      store.copyMembers(0, members, doubles, 0);
      floats = null;
    }
    this.featureNames = m.hasFeatureNames() ? new ArrayList<>(m.featureNames()) : null;
    this.trainingRows = m.trainingRows();
    this.settings = m.settings();
  }

  /**
   * The serializable form of {@code model}.
   *
   * @param model the model
   * @return its payload
   */
  public static ModelPayload of(EnsembleModel model) {
    return new ModelPayload(model);
  }

  /**
   * The model, predicting on the calling thread; built once per deserialized copy.
   *
   * @return the model
   */
  public EnsembleModel model() {
    EnsembleModel m = model;
    if (m == null) {
      m = model(Runnable::run);
      model = m;
    }
    return m;
  }

  /**
   * A new model whose batched predictions run on {@code executor}.
   *
   * @param executor where batched predictions run
   * @return the model
   */
  public EnsembleModel model(Executor executor) {
    CoefficientStore store = floats != null
        ? CoefficientStore.ofFloats(members, features, floats)
        : CoefficientStore.ofDoubles(members, features, doubles);
    List<String> names = featureNames == null ? null : List.copyOf(featureNames);
    return EnsembleModel.of(store, names, trainingRows, settings).withExecutor(executor);
  }
}
