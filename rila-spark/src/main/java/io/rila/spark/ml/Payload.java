package io.rila.spark.ml;

import io.rila.bootstrap.CoefficientStore;
import io.rila.bootstrap.EnsembleModel;
import io.rila.bootstrap.EnsembleSettings;
import io.rila.bootstrap.Precision;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link EnsembleModel} that Java serialization ships to executors (in a broadcast): the
 * coefficients bit for bit and every setting. Each deserialized copy builds its model once, on
 * first use, predicting on the calling thread.
 */
final class Payload implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int members;
  private final int features;
  private final float[] floats;
  private final double[] doubles;
  private final ArrayList<String> featureNames;
  private final int trainingRows;
  private final EnsembleSettings settings;
  private transient volatile EnsembleModel model;

  Payload(EnsembleModel m) {
    CoefficientStore store = m.coefficients();
    members = store.members();
    features = store.features();
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
    featureNames = m.hasFeatureNames() ? new ArrayList<>(m.featureNames()) : null;
    trainingRows = m.trainingRows();
    settings = m.settings();
    model = m;
  }

  EnsembleModel model() {
    EnsembleModel m = model;
    if (m == null) {
      CoefficientStore store = floats != null
          ? CoefficientStore.ofFloats(members, features, floats)
          : CoefficientStore.ofDoubles(members, features, doubles);
      List<String> names = featureNames == null ? null : List.copyOf(featureNames);
      m = EnsembleModel.of(store, names, trainingRows, settings).withExecutor(Runnable::run);
      model = m;
    }
    return m;
  }
}
