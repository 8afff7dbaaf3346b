package io.rila.spark;

import io.rila.bootstrap.BootstrapRidgeEnsemble;
import io.rila.bootstrap.CoefficientStore;
import io.rila.bootstrap.EnsembleModel;
import io.rila.bootstrap.EnsembleSettings;
import io.rila.spark.internal.ModelPayload;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.regex.Pattern;
import scala.Tuple2;

/**
 * The task of a per-group fit: every group of its partition becomes one ensemble, fitted on the
 * task's thread from the group's rows in id order, exactly as a local fit of those rows.
 */
final class GroupTask<K>
    implements SparkJobs.PartitionTask<Tuple2<K, Iterable<TrainingRow>>, GroupModels<K>> {
  private static final long serialVersionUID = 1L;

  /** A key's file name: letters, digits, '.', '_' and '-', not starting with '.'. */
  private static final Pattern FILE_NAME =
      Pattern.compile("[A-Za-z0-9_\\-][A-Za-z0-9._\\-]{0,199}");

  private final EnsembleSettings settings;
  private final ArrayList<String> featureNames;
  private final boolean files;

  GroupTask(EnsembleSettings settings, List<String> featureNames, boolean files) {
    this.settings = settings;
    this.featureNames = featureNames == null ? null : new ArrayList<>(featureNames);
    this.files = files;
  }

  /**
   * The model file name of a group: {@code key + ".rila"}.
   *
   * @throws IllegalArgumentException if the key does not make a safe file name
   */
  static String fileName(Object key) {
    String name = String.valueOf(key);
    if (!FILE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("key: '" + name + "' (expected: a file name of letters,"
          + " digits, '.', '_' and '-', not starting with '.', at most 200 characters)");
    }
    return name + ".rila";
  }

  @Override
  public GroupModels<K> apply(int partition, Iterator<Tuple2<K, Iterable<TrainingRow>>> groups) {
    GroupModels<K> out = new GroupModels<>();
    while (groups.hasNext()) {
      Tuple2<K, Iterable<TrainingRow>> group = groups.next();
      if (group._1() == null) {
        throw new IllegalArgumentException("key: null (expected: a non-null group key)");
      }
      try {
        if (files) {
          fileName(group._1());
        }
        out.add(group._1(), ModelPayload.of(fit(group._2())));
      } catch (CancellationException e) {
        throw e;
      } catch (RuntimeException e) {
        String message = "group " + group._1() + ": " + e.getMessage();
        throw e instanceof IllegalArgumentException ? new IllegalArgumentException(message, e)
            : new IllegalStateException(message, e);
      }
    }
    return out;
  }

  /** The ensemble of one group's rows. */
  EnsembleModel fit(Iterable<TrainingRow> rows) {
    List<TrainingRow> list = new ArrayList<>();
    for (TrainingRow row : rows) {
      list.add(row);
    }
    list.sort((a, b) -> Long.compare(a.id(), b.id()));
    int n = list.size();
    TrainingRow first = list.get(0);
    int p = first.featureCount();
    double[][] x = new double[n][];
    double[] y = new double[n];
    double[] w = first.hasWeight() ? new double[n] : null;
    for (int i = 0; i < n; i++) {
      TrainingRow row = list.get(i);
      if (i > 0 && row.id() == list.get(i - 1).id()) {
        throw new IllegalArgumentException(
            "rows: id " + row.id() + " appears twice (expected: distinct ids in a group)");
      }
      if (row.featureCount() != p) {
        throw new IllegalArgumentException("rows: id " + row.id() + " has " + row.featureCount()
            + " features (expected: " + p + ", as id " + first.id() + ")");
      }
      if (row.hasWeight() != first.hasWeight()) {
        throw new IllegalArgumentException("rows: id " + (first.hasWeight() ? row : first).id()
            + " has no weight but id " + (first.hasWeight() ? first : row).id()
            + " has one (expected: weights on all rows of a group or on none)");
      }
      x[i] = row.x();
      y[i] = row.y();
      if (w != null) {
        w[i] = row.weight();
      }
    }
    if (featureNames != null && featureNames.size() != p) {
      throw new IllegalArgumentException("featureNames: " + featureNames.size()
          + " names (expected: " + p + ", the rows' features)");
    }
    BootstrapRidgeEnsemble ensemble = SparkJobs.onTaskThread(settings);
    CoefficientStore store = ensemble.fitMembers(x, y, w, 0, ensemble.estimators());
    return ensemble.assemble(store, featureNames, n, w);
  }
}
