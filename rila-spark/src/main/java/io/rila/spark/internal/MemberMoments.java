package io.rila.spark.internal;

import io.rila.core.internal.Cholesky;
import java.io.Serializable;

/**
 * The weighted first and second moments of every member of an ensemble, accumulated row by row
 * and merged across partitions, from which each member's Ridge fit is solved: for member {@code
 * k} with row weights {@code v_i} (sample weight times bootstrap count), the total weight {@code
 * W = sum v}, the weighted means of the features and of the target, the centred Gram matrix
 * {@code sum v (x - mean)(x - mean)^T} and the centred moment {@code sum v (x - mean)(z - mean_z)}.
 *
 * <p>Rows are added with West's weighted update and partial results are merged with Chan, Golub
 * and LeVeque's pairwise formula, so the sums are centred all along and never suffer the
 * cancellation of {@code X^T V X - W mean mean^T}. The solve is then exactly scikit-learn's
 * {@code Ridge(alpha, fit_intercept=True)} with weights {@code v}: {@code (G + alpha I) beta = r},
 * {@code b = mean_z - mean . beta}. Results depend on the order rows are added and partials
 * merged only through rounding.
 *
 * <p>Layout: one flat array, member-major, per member {@code W}, {@code mean_z}, the {@code p}
 * feature means, the {@code p} entries of the moment and the {@code p (p + 1) / 2} entries of the
 * Gram matrix's upper triangle by rows. Memory: {@code members x (p (p + 1) / 2 + 2 p + 2) x 8}
 * bytes.
 *
 * <p>Not thread-safe. Allocation: none per row or merge. Internal API: not covered by
 * compatibility guarantees.
 */
public final class MemberMoments implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The relative pivot tolerance of a solve with {@code alpha = 0}, as rila-core's primal. */
  private static final double SINGULAR_TOLERANCE = 1e-12;

  private final int members;
  private final int features;
  private final int stride;
  private final double[] data;
  private long rows;

  /**
   * Empty moments.
   *
   * @param members the number of members, {@code >= 1}
   * @param features the number of features, {@code >= 1}
   * @throws IllegalArgumentException if the sizes are out of range or too large for one array
   */
  public MemberMoments(int members, int features) {
    if (members < 1 || features < 1) {
      throw new IllegalArgumentException("members x features: " + members + " x " + features
          + " (expected: >= 1 each)");
    }
    long length = bytes(members, features) / 8;
    if (length > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("members x (p (p + 1) / 2 + 2 p + 2): " + length
          + " (expected: <= " + (Integer.MAX_VALUE - 8) + ", the largest Java array)");
    }
    this.members = members;
    this.features = features;
    this.stride = (int) (length / members);
    this.data = new double[(int) length];
  }

  /**
   * The bytes the moments of this many members and features take.
   *
   * @param members the number of members
   * @param features the number of features
   * @return {@code members x (p (p + 1) / 2 + 2 p + 2) x 8}
   */
  public static long bytes(int members, int features) {
    return 8L * members * (2L + 2L * features + (long) features * (features + 1) / 2);
  }

  /**
   * The number of members.
   *
   * @return the member count
   */
  public int members() {
    return members;
  }

  /**
   * The number of features.
   *
   * @return the feature count
   */
  public int features() {
    return features;
  }

  /**
   * The rows counted with {@link #countRow()} here and in every merged partial.
   *
   * @return the row count
   */
  public long rows() {
    return rows;
  }

  /** Counts one row of the data, whatever its bootstrap counts. */
  public void countRow() {
    rows++;
  }

  /**
   * The total weight of a member's rows.
   *
   * @param member the member
   * @return {@code sum v}
   */
  public double weight(int member) {
    return data[member * stride];
  }

  /**
   * Adds one row with weight {@code v} to member {@code member}.
   *
   * @param member the member
   * @param v the row's weight for this member, {@code > 0}
   * @param x the features, {@code features()} values
   * @param z the target on the model's scale
   * @param scratch {@code features()} doubles of scratch
   */
  public void add(int member, double v, double[] x, double z, double[] scratch) {
    int p = features;
    int o = member * stride;
    double w0 = data[o];
    double w1 = w0 + v;
    double f = v / w1;
    double g = w0 * f;
    data[o] = w1;
    double dz = z - data[o + 1];
    data[o + 1] += f * dz;
    int mean = o + 2;
    for (int j = 0; j < p; j++) {
      double d = x[j] - data[mean + j];
      scratch[j] = d;
      data[mean + j] += f * d;
    }
    int moment = mean + p;
    double gz = g * dz;
    for (int j = 0; j < p; j++) {
      data[moment + j] += gz * scratch[j];
    }
    int t = moment + p;
    for (int j = 0; j < p; j++) {
      double gj = g * scratch[j];
      for (int k = j; k < p; k++) {
        data[t++] += gj * scratch[k];
      }
    }
  }

  /**
   * Adds {@code other}'s rows to these moments, member by member.
   *
   * @param other moments of the same shape
   * @return this
   * @throws IllegalArgumentException if the shapes differ
   */
  public MemberMoments merge(MemberMoments other) {
    if (other.members != members || other.features != features) {
      throw new IllegalArgumentException("other: " + other.members + " x " + other.features
          + " (expected: " + members + " members x " + features + " features)");
    }
    int p = features;
    double[] b = other.data;
    for (int o = 0; o < data.length; o += stride) {
      double wb = b[o];
      if (wb == 0) {
        continue;
      }
      double wa = data[o];
      if (wa == 0) {
        System.arraycopy(b, o, data, o, stride);
        continue;
      }
      double w = wa + wb;
      double fb = wb / w;
      double h = wa * fb;
      data[o] = w;
      double dz = b[o + 1] - data[o + 1];
      data[o + 1] += fb * dz;
      int mean = o + 2;
      int moment = mean + p;
      int t = moment + p;
      for (int j = 0; j < p; j++) {
        double dj = b[mean + j] - data[mean + j];
        data[moment + j] += b[moment + j] + h * dj * dz;
        double hj = h * dj;
        for (int k = j; k < p; k++) {
          data[t] += b[t] + hj * (b[mean + k] - data[mean + k]);
          t++;
        }
      }
      for (int j = 0; j < p; j++) {
        data[mean + j] += fb * (b[mean + j] - data[mean + j]);
      }
    }
    rows += other.rows;
    return this;
  }

  /**
   * Solves member {@code member}'s Ridge fit.
   *
   * @param member the member
   * @param alpha the penalty, {@code >= 0}
   * @param a {@code features()} rows of at least {@code features()} doubles of scratch
   * @param beta receives the {@code features()} coefficients
   * @return the intercept
   * @throws IllegalArgumentException if the member has no row of positive weight, or its system
   *     is singular (only possible with {@code alpha = 0})
   */
  public double solve(int member, double alpha, double[][] a, double[] beta) {
    int p = features;
    int o = member * stride;
    if (!(data[o] > 0)) {
      throw new IllegalArgumentException("weights: the member drew no row of positive weight"
          + " (expected: enough rows with a positive weight)");
    }
    int mean = o + 2;
    int moment = mean + p;
    int t = moment + p;
    for (int j = 0; j < p; j++) {
      double[] row = a[j];
      for (int k = j; k < p; k++) {
        row[k] = data[t++];
      }
      row[j] += alpha;
      beta[j] = data[moment + j];
    }
    int failed = Cholesky.factor(a, p, alpha == 0 ? SINGULAR_TOLERANCE : 0);
    if (failed >= 0) {
      throw new IllegalArgumentException("alpha: " + alpha + " (expected: > 0; feature " + failed
          + " is collinear with the others in the member's weighted data)");
    }
    Cholesky.solve(a, p, beta);
    double intercept = data[o + 1];
    for (int j = 0; j < p; j++) {
      intercept -= data[mean + j] * beta[j];
    }
    return intercept;
  }
}
