package io.rila.spark;

import io.rila.bootstrap.BootstrapRidgeEnsemble;
import io.rila.bootstrap.CoefficientStore;
import io.rila.bootstrap.EnsembleModel;
import io.rila.bootstrap.EnsembleSettings;
import io.rila.bootstrap.Precision;
import io.rila.bootstrap.Resampling;
import io.rila.bootstrap.TargetTransform;
import io.rila.core.regression.SolveForm;
import io.rila.spark.internal.MemberMoments;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;

/**
 * The one-pass Poisson bootstrap: each partition accumulates every member's weighted moments
 * with the hashed counts of {@link HashedPoisson}; partials are merged in a tree whose order is
 * fixed by partition index (so the result does not depend on which task finishes first); the
 * driver solves each member's {@code p x p} system.
 */
final class OnePassFit {

  /** Partials merged per task at each level of the tree. */
  static final int FAN = 8;

  private OnePassFit() {}

  static EnsembleModel fit(
      BootstrapRidgeEnsemble ensemble, List<String> featureNames, JavaRDD<TrainingRow> rows) {
    if (ensemble.resampling().kind() != Resampling.Kind.POISSON) {
      throw new IllegalArgumentException("resampling: " + ensemble.resampling()
          + " (expected: poisson(); the one-pass fit draws hashed Poisson(1) counts)");
    }
    if (ensemble.nonNegative()) {
      throw new IllegalArgumentException(
          "nonNegative: true (expected: false; the one-pass fit solves unconstrained members)");
    }
    if (ensemble.solveForm() == SolveForm.DUAL) {
      throw new IllegalArgumentException(
          "solveForm: DUAL (expected: AUTO or PRIMAL; the one-pass fit solves p x p systems)");
    }
    List<TrainingRow> head = rows.take(1);
    if (head.isEmpty()) {
      throw new IllegalArgumentException("rows: empty (expected: at least one row)");
    }
    int p = head.get(0).featureCount();
    if (featureNames != null && featureNames.size() != p) {
      throw new IllegalArgumentException("featureNames: " + featureNames.size()
          + " names (expected: " + p + ", the rows' features)");
    }
    int members = ensemble.estimators();
    MemberMoments moments = aggregate(rows,
        new Accumulate(ensemble.seed(), members, p, ensemble.targetTransform()));
    CoefficientStore store = solve(ensemble, moments);
    int trainingRows = (int) Math.min(moments.rows(), Integer.MAX_VALUE);
    EnsembleSettings settings = EnsembleSettings.newBuilder().estimators(members)
        .alpha(ensemble.alpha()).seed(ensemble.seed()).resampling(Resampling.poisson())
        .targetTransform(ensemble.targetTransform()).precision(ensemble.precision())
        .solveForm(SolveForm.PRIMAL).build();
    return EnsembleModel.of(store, featureNames, trainingRows, settings)
        .withExecutor(ensemble.executor());
  }

  private static MemberMoments aggregate(JavaRDD<TrainingRow> rows, Accumulate accumulate) {
    JavaRDD<Tuple2<Integer, MemberMoments>> level =
        rows.mapPartitionsWithIndex(accumulate, false);
    int count = rows.getNumPartitions();
    try {
      while (count > FAN) {
        int next = (count + FAN - 1) / FAN;
        level = level.mapToPair(t -> new Tuple2<>(t._1() / FAN, t))
            .groupByKey(next)
            .map(group -> new Tuple2<>(group._1(), mergeInOrder(group._2())));
        count = next;
      }
      return mergeInOrder(level.collect());
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      // SparkException is checked in Java, and Scala's collect does not declare it.
      throw SparkJobs.failure(e);
    }
  }

  /** Merges partials in the order of their partition indices. */
  static MemberMoments mergeInOrder(Iterable<Tuple2<Integer, MemberMoments>> partials) {
    List<Tuple2<Integer, MemberMoments>> list = new ArrayList<>();
    for (Tuple2<Integer, MemberMoments> t : partials) {
      list.add(t);
    }
    list.sort((a, b) -> Integer.compare(a._1(), b._1()));
    MemberMoments total = list.get(0)._2();
    for (int i = 1; i < list.size(); i++) {
      total.merge(list.get(i)._2());
    }
    return total;
  }

  private static CoefficientStore solve(BootstrapRidgeEnsemble ensemble, MemberMoments m) {
    int members = m.members();
    int p = m.features();
    int stride = p + 1;
    boolean single = ensemble.precision() == Precision.FLOAT;
    float[] floats = single ? new float[members * stride] : null;
    double[] doubles = single ? null : new double[members * stride];
    double[][] a = new double[p][p];
    double[] beta = new double[p];
    for (int k = 0; k < members; k++) {
      double intercept;
      try {
        intercept = m.solve(k, ensemble.alpha(), a, beta);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "member " + k + " (of " + members + "): " + e.getMessage(), e);
      }
      int o = k * stride;
      if (single) {
        for (int j = 0; j < p; j++) {
          floats[o + j] = toFloat(beta[j], k);
        }
        floats[o + p] = toFloat(intercept, k);
      } else {
        System.arraycopy(beta, 0, doubles, o, p);
        doubles[o + p] = intercept;
      }
    }
    return single ? CoefficientStore.ofFloats(members, p, floats)
        : CoefficientStore.ofDoubles(members, p, doubles);
  }

  private static float toFloat(double value, int member) {
    float f = (float) value;
    if (Float.isInfinite(f)) {
      throw new IllegalArgumentException("member " + member + ": coefficient " + value
          + " (expected: within float range; use Precision.DOUBLE)");
    }
    return f;
  }

  /** A partition's pass: every row's hashed counts for every member, added to its moments. */
  static final class Accumulate implements
      Function2<Integer, Iterator<TrainingRow>, Iterator<Tuple2<Integer, MemberMoments>>> {
    private static final long serialVersionUID = 1L;

    private final long seed;
    private final int members;
    private final int features;
    private final TargetTransform transform;

    Accumulate(long seed, int members, int features, TargetTransform transform) {
      this.seed = seed;
      this.members = members;
      this.features = features;
      this.transform = transform;
    }

    @Override
    public Iterator<Tuple2<Integer, MemberMoments>> call(
        Integer partition, Iterator<TrainingRow> rows) {
      MemberMoments m = new MemberMoments(members, features);
      long[] keys = new long[members];
      for (int k = 0; k < members; k++) {
        keys[k] = HashedPoisson.memberKey(seed, k);
      }
      double[] scratch = new double[features];
      while (rows.hasNext()) {
        TrainingRow row = rows.next();
        if (row.featureCount() != features) {
          throw new IllegalArgumentException("rows: id " + row.id() + " has "
              + row.featureCount() + " features (expected: " + features + ", as the first row)");
        }
        double z;
        try {
          z = transform.apply(row.y());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("rows: id " + row.id() + ": " + e.getMessage(), e);
        }
        m.countRow();
        double w = row.weight();
        if (w == 0) {
          continue;
        }
        long rowKey = HashedPoisson.rowKey(row.id());
        double[] x = row.x();
        for (int k = 0; k < members; k++) {
          int c = HashedPoisson.count(keys[k], rowKey);
          if (c > 0) {
            m.add(k, w * c, x, z, scratch);
          }
        }
      }
      return List.of(new Tuple2<>(partition, m)).iterator();
    }
  }
}
