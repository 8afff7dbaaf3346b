package io.rila.bootstrap.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * The coefficient store's numbers and their layout, in one place: {@code members x (features +
 * 1)} numbers, member-major (member {@code k}'s coefficients, then its intercept), in one flat
 * {@code float[]} or {@code double[]}. The store ({@code CoefficientStore}) reads through it; the
 * fit writes members through {@link #setMember}; checkpoints and model files move ranges of
 * members with {@link #write} and {@link #read}; the prediction layout is built from {@link
 * #get}. Nothing else knows the index arithmetic.
 *
 * <p>Thread safety: distinct members may be written concurrently (a fit's chunks write disjoint
 * member ranges); publication to readers is the caller's (the runner's completion).
 *
 * <p>Internal API: not covered by compatibility guarantees.
 */
public final class MemberBlock {

  private final int members;
  private final int features;
  private final int stride;
  private final float[] floats;
  private final double[] doubles;

  private MemberBlock(int members, int features, float[] floats, double[] doubles) {
    this.members = members;
    this.features = features;
    this.stride = features + 1;
    this.floats = floats;
    this.doubles = doubles;
  }

  /**
   * A zero block.
   *
   * @param members the members, {@code >= 1}
   * @param features the features, {@code >= 1}
   * @param single true for {@code float}, false for {@code double}
   * @return a new block (the caller checked that the length fits an array)
   */
  public static MemberBlock allocate(int members, int features, boolean single) {
    int length = members * (features + 1);
    return single ? new MemberBlock(members, features, new float[length], null)
        : new MemberBlock(members, features, null, new double[length]);
  }

  /**
   * A block over {@code values} (not copied).
   *
   * @param members the members
   * @param features the features
   * @param values {@code members x (features + 1)} numbers, member-major
   * @return the block
   */
  public static MemberBlock wrap(int members, int features, float[] values) {
    return new MemberBlock(members, features, values, null);
  }

  /**
   * A block over {@code values} (not copied).
   *
   * @param members the members
   * @param features the features
   * @param values {@code members x (features + 1)} numbers, member-major
   * @return the block
   */
  public static MemberBlock wrap(int members, int features, double[] values) {
    return new MemberBlock(members, features, null, values);
  }

  /**
   * The member count.
   *
   * @return the members
   */
  public int members() {
    return members;
  }

  /**
   * The feature count.
   *
   * @return the features
   */
  public int features() {
    return features;
  }

  /**
   * Whether numbers are {@code float}.
   *
   * @return true for single precision
   */
  public boolean single() {
    return floats != null;
  }

  /**
   * Bytes per number.
   *
   * @return 4 or 8
   */
  public int bytesPerNumber() {
    return floats != null ? Float.BYTES : Double.BYTES;
  }

  /**
   * Numbers per member: the features and the intercept.
   *
   * @return {@code features + 1}
   */
  public int stride() {
    return stride;
  }

  /** Where member {@code member}'s numbers start: the layout's one index computation. */
  private int offset(int member) {
    return member * stride;
  }

  /**
   * A number of a member.
   *
   * @param member the member
   * @param position {@code 0 .. features - 1} for a coefficient, {@code features} for the
   *     intercept
   * @return the number, widened to double
   */
  public double get(int member, int position) {
    int i = offset(member) + position;
    return floats != null ? floats[i] : doubles[i];
  }

  /**
   * Writes a member (rounded to float in single precision).
   *
   * @param member the member
   * @param beta its coefficients ({@code features} of them are read)
   * @param intercept its intercept
   * @throws IllegalArgumentException if a number overflows float in single precision (nothing
   *     of the member's float values is then guaranteed)
   */
  public void setMember(int member, double[] beta, double intercept) {
    int offset = offset(member);
    if (floats != null) {
      for (int j = 0; j < features; j++) {
        floats[offset + j] = toFloat(beta[j]);
      }
      floats[offset + features] = toFloat(intercept);
    } else {
      System.arraycopy(beta, 0, doubles, offset, features);
      doubles[offset + features] = intercept;
    }
  }

  private static float toFloat(double value) {
    float f = (float) value;
    if (Float.isInfinite(f)) {
      throw new IllegalArgumentException(
          "coefficient: " + value + " (expected: within float range; use Precision.DOUBLE)");
    }
    return f;
  }

  /**
   * Adds a member's numbers (coefficients, then intercept) to {@code dst[at .. at + features]}.
   *
   * @param member the member
   * @param dst the sums
   * @param at where the member's first number is added
   */
  public void addTo(int member, double[] dst, int at) {
    int offset = offset(member);
    if (floats != null) {
      for (int j = 0; j < stride; j++) {
        dst[at + j] += floats[offset + j];
      }
    } else {
      for (int j = 0; j < stride; j++) {
        dst[at + j] += doubles[offset + j];
      }
    }
  }

  /**
   * Copies the members {@code [from, to)} into {@code dst} from {@code dstOffset}, widened.
   *
   * @param from the first member
   * @param to one past the last
   * @param dst the target (room checked by the caller)
   * @param dstOffset where to start
   */
  public void copyOut(int from, int to, double[] dst, int dstOffset) {
    int start = offset(from);
    int length = offset(to) - start;
    if (floats != null) {
      for (int i = 0; i < length; i++) {
        dst[dstOffset + i] = floats[start + i];
      }
    } else {
      System.arraycopy(doubles, start, dst, dstOffset, length);
    }
  }

  /**
   * Copies the members {@code [from, to)} into {@code dst} from {@code dstOffset}, rounded to
   * float in double precision.
   *
   * @param from the first member
   * @param to one past the last
   * @param dst the target (room checked by the caller)
   * @param dstOffset where to start
   */
  public void copyOut(int from, int to, float[] dst, int dstOffset) {
    int start = offset(from);
    int length = offset(to) - start;
    if (floats != null) {
      System.arraycopy(floats, start, dst, dstOffset, length);
    } else {
      for (int i = 0; i < length; i++) {
        dst[dstOffset + i] = (float) doubles[start + i];
      }
    }
  }

  /**
   * Copies the members of {@code source} (of the same features and precision) to members {@code
   * at ..}.
   *
   * @param source the members to copy
   * @param at the first member written here
   */
  public void copyIn(MemberBlock source, int at) {
    int length = source.offset(source.members);
    if (floats != null) {
      System.arraycopy(source.floats, 0, floats, offset(at), length);
    } else {
      System.arraycopy(source.doubles, 0, doubles, offset(at), length);
    }
  }

  /**
   * Writes the members {@code [from, to)} little-endian through {@code io} to {@code out}.
   *
   * @param io the block writer (checksum and buffer)
   * @param out the stream
   * @param from the first member
   * @param to one past the last
   * @throws IOException if writing fails
   */
  public void write(BlockIo io, OutputStream out, int from, int to) throws IOException {
    int start = offset(from);
    int length = offset(to) - start;
    if (floats != null) {
      io.writeFloats(out, floats, start, length);
    } else {
      io.writeDoubles(out, doubles, start, length);
    }
  }

  /**
   * Reads the members {@code [from, to)} from a little-endian buffer at its position.
   *
   * @param values the numbers
   * @param from the first member
   * @param to one past the last
   */
  public void read(ByteBuffer values, int from, int to) {
    int start = offset(from);
    int length = offset(to) - start;
    if (floats != null) {
      values.asFloatBuffer().get(floats, start, length);
    } else {
      values.asDoubleBuffer().get(doubles, start, length);
    }
  }

  /**
   * Reads every member through {@code io} from {@code channel} at {@code position}.
   *
   * @param io the block reader (checksum and buffer)
   * @param channel the file
   * @param position where the numbers start
   * @return the position after them
   * @throws EOFException if the file ends first
   * @throws IOException if reading fails
   */
  public long read(BlockIo io, FileChannel channel, long position) throws IOException {
    int length = offset(members);
    return floats != null ? io.readFloats(channel, position, floats, 0, length)
        : io.readDoubles(channel, position, doubles, 0, length);
  }

  /**
   * The first number of the members {@code [from, to)} that is NaN or infinite.
   *
   * @param from the first member
   * @param to one past the last
   * @return its index in the block's numbers ({@link #describe} names it), or -1
   */
  public int firstNonFinite(int from, int to) {
    for (int i = offset(from), end = offset(to); i < end; i++) {
      if (floats != null ? !Float.isFinite(floats[i]) : !Double.isFinite(doubles[i])) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Names the number at {@code index}, such as {@code member 3, position 2 is NaN}.
   *
   * @param index an index of the block's numbers
   * @return the description
   */
  public String describe(int index) {
    return "member " + index / stride + ", position " + index % stride + " is "
        + (floats != null ? floats[index] : doubles[index]);
  }

  /**
   * Whether both blocks hold the same numbers in the same precision.
   *
   * @param other the other block
   * @return true if equal
   */
  public boolean sameNumbers(MemberBlock other) {
    return Arrays.equals(floats, other.floats)
        && Arrays.equals(doubles, other.doubles);
  }

  /**
   * A hash of the numbers.
   *
   * @return the hash
   */
  public int numbersHash() {
    return floats != null ? Arrays.hashCode(floats) : Arrays.hashCode(doubles);
  }
}
