package io.rila.spark;

import io.rila.spark.internal.ModelPayload;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** The models a group-fit task sends to the driver: its groups' keys and models, in step. */
final class GroupModels<K> implements Serializable {
  private static final long serialVersionUID = 1L;

  final List<K> keys = new ArrayList<>();
  final List<ModelPayload> models = new ArrayList<>();

  void add(K key, ModelPayload model) {
    keys.add(key);
    models.add(model);
  }
}
