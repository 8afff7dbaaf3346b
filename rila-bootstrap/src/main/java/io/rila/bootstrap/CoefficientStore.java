package io.rila.bootstrap;

import io.rila.bootstrap.internal.MemberBlock;
import io.rila.core.internal.Checks;
import java.util.List;
import java.util.Objects;

/**
 * The coefficients and intercepts of every member of an ensemble in one flat array, member-major:
 * member {@code k} occupies {@code features + 1} consecutive numbers, its coefficients in feature
 * order and then its intercept. {@link Precision#FLOAT} stores 4 bytes per number (10,000 members
 * of 598 features take 24 MB), {@link Precision#DOUBLE} 8.
 *
 * <pre>{@code
 * CoefficientStore store = model.coefficients();
 * double[] member = new double[store.features() + 1];
 * store.copyMember(17, member);                  // coefficients, then the intercept
 * double b = store.intercept(17);
 * long bytes = store.sizeInBytes();
 * }</pre>
 *
 * <p>Accessors copy into caller-owned arrays; the internal array never escapes. Thread safety:
 * immutable. Allocation: none in the accessors. Equality: same precision, shape and bit-identical
 * values.
 */
public final class CoefficientStore {

  private final int members;
  private final int features;
  private final int stride;
  /** The numbers and their layout; the block is handed to fits and files, never to users. */
  private final MemberBlock block;

  private CoefficientStore(MemberBlock block) {
    this.members = block.members();
    this.features = block.features();
    this.stride = features + 1;
    this.block = block;
  }

  /** A zero store to be filled by a fit, through its {@link #block()}. */
  static CoefficientStore allocate(int members, int features, Precision precision) {
    checkedLength(members, features);
    return new CoefficientStore(
        MemberBlock.allocate(members, features, precision == Precision.FLOAT));
  }

  /**
   * A single-precision store holding a copy of {@code values}.
   *
   * @param members the number of members, {@code >= 1}
   * @param features the number of features, {@code >= 1}
   * @param values {@code members x (features + 1)} finite numbers, member-major
   * @return a new store
   * @throws NullPointerException if {@code values} is null
   * @throws IllegalArgumentException if a count is out of range, {@code values} has the wrong
   *     length or holds NaN or an infinity (the message names the member and the position)
   */
  public static CoefficientStore ofFloats(int members, int features, float[] values) {
    Objects.requireNonNull(values, "values");
    checkLength(values.length, members, features);
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        throw notFinite(i, values[i], features);
      }
    }
    return new CoefficientStore(MemberBlock.wrap(members, features, values.clone()));
  }

  /**
   * A double-precision store holding a copy of {@code values}.
   *
   * @param members the number of members, {@code >= 1}
   * @param features the number of features, {@code >= 1}
   * @param values {@code members x (features + 1)} finite numbers, member-major
   * @return a new store
   * @throws NullPointerException if {@code values} is null
   * @throws IllegalArgumentException if a count is out of range, {@code values} has the wrong
   *     length or holds NaN or an infinity (the message names the member and the position)
   */
  public static CoefficientStore ofDoubles(int members, int features, double[] values) {
    Objects.requireNonNull(values, "values");
    checkLength(values.length, members, features);
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw notFinite(i, values[i], features);
      }
    }
    return new CoefficientStore(MemberBlock.wrap(members, features, values.clone()));
  }

  /**
   * One store holding the members of {@code parts} one after the other: the store of a whole fit
   * from the stores of its member ranges, given in member order ({@link
   * BootstrapRidgeEnsemble#fitMembers}).
   *
   * @param parts at least one store, all of the same features and precision
   * @return a new store of the parts' members together
   * @throws NullPointerException if {@code parts} or a part is null
   * @throws IllegalArgumentException if {@code parts} is empty, the parts differ in features or
   *     precision (the message names the part), or the members together exceed the largest array
   */
  public static CoefficientStore concat(List<CoefficientStore> parts) {
    Objects.requireNonNull(parts, "parts");
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("parts: empty (expected: at least one store)");
    }
    CoefficientStore first = Objects.requireNonNull(parts.get(0), "parts[0]");
    long total = 0;
    for (int c = 0; c < parts.size(); c++) {
      CoefficientStore part = Objects.requireNonNull(parts.get(c), "parts[" + c + "]");
      if (part.features != first.features || part.precision() != first.precision()) {
        throw new IllegalArgumentException("parts[" + c + "]: " + part.features + " features, "
            + part.precision() + " (expected: " + first.features + " features, "
            + first.precision() + ", as parts[0])");
      }
      total += part.members;
    }
    int members = (int) Math.min(total, Integer.MAX_VALUE);
    CoefficientStore all = allocate(members, first.features, first.precision());
    int at = 0;
    for (CoefficientStore part : parts) {
      all.block.copyIn(part.block, at);
      at += part.members;
    }
    return all;
  }

  private static IllegalArgumentException notFinite(int index, double value, int features) {
    int stride = features + 1;
    return new IllegalArgumentException(
        "values[" + index + "] (member " + index / stride + ", position " + index % stride
            + "): " + value + " (expected: finite)");
  }

  private static void checkLength(int length, int members, int features) {
    int expected = checkedLength(members, features);
    if (length != expected) {
      throw new IllegalArgumentException(
          "values: length " + length + " (expected: " + expected + " = " + members
              + " members x (" + features + " features + 1))");
    }
  }

  private static int checkedLength(int members, int features) {
    Checks.atLeast(members, 1, "members");
    Checks.atLeast(features, 1, "features");
    long length = (long) members * (features + 1L);
    if (length > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "members x (features + 1): " + length + " (expected: <= " + (Integer.MAX_VALUE - 8)
              + ", the largest Java array)");
    }
    return (int) length;
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
   * The number of features (coefficients per member).
   *
   * @return the feature count
   */
  public int features() {
    return features;
  }

  /**
   * How the numbers are stored.
   *
   * @return {@link Precision#FLOAT} or {@link Precision#DOUBLE}
   */
  public Precision precision() {
    return block.single() ? Precision.FLOAT : Precision.DOUBLE;
  }

  /**
   * The bytes the numbers take: {@code members x (features + 1) x precision().bytes()} (the array
   * header, a few bytes, is not counted).
   *
   * @return the size in bytes
   */
  public long sizeInBytes() {
    return (long) members * stride * precision().bytes();
  }

  /**
   * One coefficient.
   *
   * @param member the member, {@code 0 <= member < members()}
   * @param feature the feature, {@code 0 <= feature < features()}
   * @return the coefficient (a float widened to double for {@link Precision#FLOAT})
   * @throws IllegalArgumentException if an index is out of range
   */
  public double coefficient(int member, int feature) {
    checkMember(member);
    Checks.inRange(feature, 0, features - 1, "feature");
    return block.get(member, feature);
  }

  /**
   * One member's intercept.
   *
   * @param member the member, {@code 0 <= member < members()}
   * @return the intercept
   * @throws IllegalArgumentException if {@code member} is out of range
   */
  public double intercept(int member) {
    checkMember(member);
    return block.get(member, features);
  }

  /**
   * Copies one member's coefficients and then its intercept into {@code dst}.
   *
   * @param member the member, {@code 0 <= member < members()}
   * @param dst receives {@code features() + 1} numbers from index 0
   * @throws NullPointerException if {@code dst} is null
   * @throws IllegalArgumentException if {@code member} is out of range or {@code dst} is shorter
   *     than {@code features() + 1}
   */
  public void copyMember(int member, double[] dst) {
    checkMember(member);
    checkCapacity(dst, stride, "dst");
    block.copyOut(member, member + 1, dst, 0);
  }

  /**
   * Copies one member's coefficients (without the intercept) into {@code dst}.
   *
   * @param member the member, {@code 0 <= member < members()}
   * @param dst receives {@code features()} numbers from index 0
   * @throws NullPointerException if {@code dst} is null
   * @throws IllegalArgumentException if {@code member} is out of range or {@code dst} is shorter
   *     than {@code features()}
   */
  public void copyCoefficients(int member, double[] dst) {
    checkMember(member);
    checkCapacity(dst, features, "dst");
    for (int j = 0; j < features; j++) {
      dst[j] = block.get(member, j);
    }
  }

  /**
   * Copies one feature's coefficient of every member, in member order, into {@code dst}.
   *
   * @param feature the feature, {@code 0 <= feature < features()}
   * @param dst receives {@code members()} numbers from index 0
   * @throws NullPointerException if {@code dst} is null
   * @throws IllegalArgumentException if {@code feature} is out of range or {@code dst} is shorter
   *     than {@code members()}
   */
  public void copyFeature(int feature, double[] dst) {
    Checks.inRange(feature, 0, features - 1, "feature");
    checkCapacity(dst, members, "dst");
    column(feature, dst);
  }

  /**
   * Copies every member's intercept, in member order, into {@code dst}.
   *
   * @param dst receives {@code members()} numbers from index 0
   * @throws NullPointerException if {@code dst} is null
   * @throws IllegalArgumentException if {@code dst} is shorter than {@code members()}
   */
  public void copyIntercepts(double[] dst) {
    checkCapacity(dst, members, "dst");
    column(features, dst);
  }

  /**
   * Copies the members {@code from .. to - 1}, member-major as stored, into {@code dst} from
   * {@code dstOffset}: {@code (to - from) x (features() + 1)} numbers.
   *
   * @param from the first member
   * @param to one past the last member, {@code from <= to <= members()}
   * @param dst the destination
   * @param dstOffset where the first number goes
   * @throws NullPointerException if {@code dst} is null
   * @throws IllegalArgumentException if the range is out of bounds or {@code dst} is too short
   */
  public void copyMembers(int from, int to, double[] dst, int dstOffset) {
    checkRange(from, to, dst == null ? -1 : dst.length, dstOffset);
    block.copyOut(from, to, dst, dstOffset);
  }

  /**
   * Copies the members {@code from .. to - 1}, member-major as stored, into {@code dst} from
   * {@code dstOffset}. A {@link Precision#DOUBLE} store rounds each number to the nearest float;
   * a {@link Precision#FLOAT} store copies its bits exactly.
   *
   * @param from the first member
   * @param to one past the last member, {@code from <= to <= members()}
   * @param dst the destination
   * @param dstOffset where the first number goes
   * @throws NullPointerException if {@code dst} is null
   * @throws IllegalArgumentException if the range is out of bounds or {@code dst} is too short
   */
  public void copyMembers(int from, int to, float[] dst, int dstOffset) {
    checkRange(from, to, dst == null ? -1 : dst.length, dstOffset);
    block.copyOut(from, to, dst, dstOffset);
  }

  private void checkRange(int from, int to, int dstLength, int dstOffset) {
    if (dstLength < 0) {
      throw new NullPointerException("dst");
    }
    if (from < 0 || to > members || from > to) {
      throw new IllegalArgumentException(
          "members: [" + from + ", " + to + ") (expected: 0 <= from <= to <= " + members + ")");
    }
    int length = (to - from) * stride;
    if (dstOffset < 0 || (long) dstOffset + length > dstLength) {
      throw new IllegalArgumentException(
          "dst: length " + dstLength + " from offset " + dstOffset + " (expected: room for "
              + length + " numbers)");
    }
  }

  private void checkMember(int member) {
    Checks.inRange(member, 0, members - 1, "member");
  }

  private static void checkCapacity(double[] dst, int needed, String name) {
    Objects.requireNonNull(dst, name);
    if (dst.length < needed) {
      throw new IllegalArgumentException(
          name + ": length " + dst.length + " (expected: >= " + needed + ")");
    }
  }

  private void column(int position, double[] dst) {
    for (int k = 0; k < members; k++) {
      dst[k] = block.get(k, position);
    }
  }

  /** The numbers and their layout, for fits, checkpoints, model files and predictions. */
  MemberBlock block() {
    return block;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof CoefficientStore)) {
      return false;
    }
    CoefficientStore that = (CoefficientStore) o;
    return members == that.members
        && features == that.features
        && block.sameNumbers(that.block);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * members + features) + block.numbersHash();
  }

  @Override
  public String toString() {
    return "CoefficientStore[" + members + " members x " + features + " features, "
        + precision() + ", " + sizeInBytes() + " bytes]";
  }
}
