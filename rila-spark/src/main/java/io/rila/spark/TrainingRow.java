package io.rila.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * One row of training data in a Spark dataset: an id, the feature values, the target on its own
 * scale and, optionally, a sample weight.
 *
 * <pre>{@code
 * JavaPairRDD<String, TrainingRow> byProduct = weekly.mapToPair(r ->
 *     new Tuple2<>(r.product(), TrainingRow.of(r.week(), r.features(), r.sales(), r.weight())));
 * Map<String, EnsembleModel> models = trainer.fitGroups(byProduct);
 * }</pre>
 *
 * <p>The id orders a group's rows for {@link SparkEnsembleTrainer#fitGroups} (row {@code i} of a
 * group's fit is its row with the {@code i}-th smallest id, so the result does not depend on how
 * Spark shuffled the rows) and keys the hashed Poisson counts of {@link
 * SparkEnsembleTrainer#fitOnePass}. Ids must be distinct within a group, and within a one-pass
 * dataset, and stable from run to run (a week number, an order number, an offset in a file).
 *
 * <p>Thread safety: immutable. Serializable. Allocation: the factories copy the features; {@link
 * #features()} returns a copy.
 */
public final class TrainingRow implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long id;
  private final double[] x;
  private final double y;
  private final double weight;
  private final boolean weighted;

  private TrainingRow(long id, double[] x, double y, double weight, boolean weighted) {
    this.id = id;
    this.x = x;
    this.y = y;
    this.weight = weight;
    this.weighted = weighted;
  }

  /**
   * A row without a sample weight (a group whose rows have none is fitted without weights).
   *
   * @param id the row's id
   * @param x the feature values, at least one, finite
   * @param y the target on its own scale, finite (its transform's domain is checked by the fit)
   * @return the row, holding a copy of {@code x}
   * @throws NullPointerException if {@code x} is null
   * @throws IllegalArgumentException if {@code x} is empty or holds NaN or an infinity, or {@code
   *     y} is NaN or infinite
   */
  public static TrainingRow of(long id, double[] x, double y) {
    return new TrainingRow(id, features(x), target(y), 1.0, false);
  }

  /**
   * A row with a sample weight.
   *
   * @param id the row's id
   * @param x the feature values, at least one, finite
   * @param y the target on its own scale, finite (its transform's domain is checked by the fit)
   * @param weight the sample weight, finite and {@code >= 0}
   * @return the row, holding a copy of {@code x}
   * @throws NullPointerException if {@code x} is null
   * @throws IllegalArgumentException if {@code x} is empty or holds NaN or an infinity, {@code y}
   *     is NaN or infinite, or {@code weight} is NaN, infinite or negative
   */
  public static TrainingRow of(long id, double[] x, double y, double weight) {
    if (!(weight >= 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException("weight: " + weight + " (expected: finite and >= 0)");
    }
    return new TrainingRow(id, features(x), target(y), weight, true);
  }

  private static double[] features(double[] x) {
    Objects.requireNonNull(x, "x");
    if (x.length == 0) {
      throw new IllegalArgumentException("x: length 0 (expected: >= 1 feature)");
    }
    for (int j = 0; j < x.length; j++) {
      if (!Double.isFinite(x[j])) {
        throw new IllegalArgumentException("x[" + j + "]: " + x[j] + " (expected: finite)");
      }
    }
    return x.clone();
  }

  private static double target(double y) {
    if (!Double.isFinite(y)) {
      throw new IllegalArgumentException("y: " + y + " (expected: finite)");
    }
    return y;
  }

  /**
   * The row's id.
   *
   * @return the id
   */
  public long id() {
    return id;
  }

  /**
   * The number of feature values.
   *
   * @return at least 1
   */
  public int featureCount() {
    return x.length;
  }

  /**
   * The feature values.
   *
   * @return a new array
   */
  public double[] features() {
    return x.clone();
  }

  /**
   * The target on its own scale.
   *
   * @return the target
   */
  public double y() {
    return y;
  }

  /**
   * Whether the row was given a sample weight.
   *
   * @return true for a weighted row
   */
  public boolean hasWeight() {
    return weighted;
  }

  /**
   * The sample weight: the one given, else 1.
   *
   * @return the weight
   */
  public double weight() {
    return weight;
  }

  /** The feature values themselves, for this package's fits, which never write them. */
  double[] x() {
    return x;
  }

  /** Equal when the id, the features, the target and the weight (or its absence) are equal. */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof TrainingRow)) {
      return false;
    }
    TrainingRow that = (TrainingRow) o;
    return id == that.id
        && Double.compare(y, that.y) == 0
        && Double.compare(weight, that.weight) == 0
        && weighted == that.weighted
        && Arrays.equals(x, that.x);
  }

  @Override
  public int hashCode() {
    int h = Long.hashCode(id);
    h = 31 * h + Arrays.hashCode(x);
    h = 31 * h + Double.hashCode(y);
    return 31 * h + (weighted ? Double.hashCode(weight) : 0);
  }

  /** Such as {@code TrainingRow[id=3, x=[1.0, 2.0], y=4.5, weight=0.8]}. */
  @Override
  public String toString() {
    return "TrainingRow[id=" + id + ", x=" + Arrays.toString(x) + ", y=" + y
        + (weighted ? ", weight=" + weight : "") + "]";
  }
}
